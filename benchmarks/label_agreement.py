"""How often two independent labellings of the same actor spans agree (issue #4).

The second labelling of a sample (``benchmarks/actors/NAME.second.tsv``) was made by another labelling
session from the same sentences and brief, without seeing the first. Agreement between the two bounds
what an accuracy figure against one labelling can mean: where the labellers disagree, no coder can
match both. The rows are compared the way ``actor_resolution.py`` compares tidings with the gold
labels (the set of known codes; codes with their primary sectors; ``-`` only matches ``-``), by the
first labelling's class.

    python benchmarks/label_agreement.py benchmarks/actors/heldout.tsv benchmarks/actors/heldout.second.tsv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _label(row: dict) -> tuple[frozenset, frozenset] | None:
    """(known codes, code-sector pairs) of a row; None for "no actor"."""
    if row["code"].strip() == "-":
        return None
    codes, sectors = row["code"].split("|"), row["sector"].split("|")
    sectors += [""] * (len(codes) - len(sectors))
    return (frozenset(c for c in codes if c != "UNK"), frozenset(zip(codes, sectors)))


def agreement(first: list[dict], second: list[dict]) -> dict[str, Counter]:
    if [(r["id"], r["role"]) for r in first] != [(r["id"], r["role"]) for r in second]:
        raise SystemExit("the two files do not list the same rows in the same order")
    by_class: dict[str, Counter] = {}
    for a, b in zip(first, second):
        la, lb = _label(a), _label(b)
        for cls in (a["class"], "all"):
            c = by_class.setdefault(cls, Counter())
            c["n"] += 1
            c["code"] += la == lb if la is None or lb is None else la[0] == lb[0]
            c["code+sector"] += la == lb
    return by_class


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", help="the labelling used as gold (e.g. benchmarks/actors/heldout.tsv)")
    ap.add_argument("second", help="the independent second labelling of the same rows")
    args = ap.parse_args(argv)
    result = agreement(_read(args.first), _read(args.second))
    print(f"{'class':10} {'n':>4} {'code':>7} {'code+sector':>12}")
    for cls in sorted(result, key=lambda k: (k == "all", -result[k]["n"])):
        c = result[cls]
        print(f"{cls:10} {c['n']:4} {c['code'] / c['n']:7.1%} {c['code+sector'] / c['n']:12.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
