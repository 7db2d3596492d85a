"""How often two independent labellings of the same actor spans agree (issue #4).

The second labelling of a sample (``benchmarks/actors/NAME.second.tsv``) was made by another labelling
session from the same sentences and brief, without seeing the first. Agreement between the two bounds
what an accuracy figure against one labelling can mean: where the labellers disagree, no coder can
match both. The rows are compared the way ``actor_resolution.py`` compares tidings with the gold
labels: the second labelling is scored with ``actor_resolution.score_sample`` as if it were tidings'
output, by the first labelling's class.

    python benchmarks/label_agreement.py benchmarks/actors/heldout.tsv benchmarks/actors/heldout.second.tsv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from actor_resolution import score_sample  # noqa: E402  (one scorer for tidings and for labellers)

from tidings.records import Entity  # noqa: E402


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _as_found(first: list[dict], second: list[dict]) -> dict:
    """The second labelling in the shape ``score_sample`` takes tidings' output in: entities per span."""
    if [(r["id"], r["role"]) for r in first] != [(r["id"], r["role"]) for r in second]:
        raise SystemExit("the two files do not list the same rows in the same order")
    found = {}
    for a, b in zip(first, second):
        found[(a["id"], a["role"], a["span"])] = [] if b["code"].strip() == "-" else [
            Entity(text=b["span"], name=None, code=None if code == "UNK" else code, sector=sector)
            for code, sector in zip(b["code"].split("|"), b["sector"].split("|"))]
    return found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", help="the labelling used as gold (e.g. benchmarks/actors/heldout.tsv)")
    ap.add_argument("second", help="the independent second labelling of the same rows")
    args = ap.parse_args(argv)
    first = _read(args.first)
    result = score_sample(first, _as_found(first, _read(args.second)))["by_class"]
    print(f"{'class':10} {'n':>4} {'code':>7} {'code+sector':>12}")
    for cls in sorted(result, key=lambda k: (k == "all", -result[k]["n"])):
        c = result[cls]
        print(f"{cls:10} {c['n']:4} {c['code'] / c['n']:7.1%} {c['code+sector'] / c['n']:12.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
