"""How well tidings resolves the source and target spans of the PLV dev set (issue #4).

Two figures:

1. Coverage: the share of all source/target spans of ``plv_dev.tsv`` that resolve to a country or
   organisation code (any code; correctness unknown).
2. Accuracy on the hand-labelled sample ``benchmarks/actors/sample.tsv`` (see its README): the share of
   spans whose codes are exactly right, and whose codes and primary sectors are right, overall and by
   class (``state``: states, their officials and their forces; ``nonstate``; ``none``: not an actor).

Each span is resolved the way the event stage reads an argument (``tidings.pipeline.resolve_actors``
with the span's offsets): its own phrase, else its possessor or modifiers. Sentences have no date
unless ``--published`` gives one.

    python benchmarks/actor_resolution.py                       # both figures
    python benchmarks/actor_resolution.py --errors 40           # and the wrong sample rows
    python benchmarks/actor_resolution.py --json results.json
    python benchmarks/actor_resolution.py --gold benchmarks/actors/agnews2_marked.tsv \
        --sample benchmarks/actors/agnews2.tsv --published 2004-10-15 --repair      # AG News
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.clean import repair_entities  # noqa: E402
from tidings.evaluate import _unmark  # noqa: E402
from tidings.pipeline import resolve_actors  # noqa: E402

def repair(text: str) -> str:
    """Scraped text as the clean stage leaves it: broken entities repaired ("Iraq #39;s" -> "Iraq's"),
    runs of spaces collapsed (the AG News samples have both; plv_dev has neither)."""
    return re.sub(r" {2,}", " ", repair_entities(text))


def resolve_rows(rows: list[dict], published: str | None = None, fix: bool = False
                 ) -> dict[tuple[str, str, str], list]:
    """(id, role, span text) -> entities, for every marked span of every row (ids repeat in plv_dev)."""
    found = {}
    for row in rows:
        if fix:
            row = {key: repair(value) if key in ("marked_sentence", "source", "target") else value
                   for key, value in row.items()}
        plain, marks = _unmark(row["marked_sentence"])  # as `tidings eval` reads the <s>/<t> marks
        spans = {role: marks[tag] for role, tag in (("source", "s"), ("target", "t")) if tag in marks}
        roles = list(spans)
        ents = resolve_actors(plain, [spans[r] for r in roles], published=published)
        for role, e in zip(roles, ents):
            a, b = spans[role]  # only what lies inside the marked span ("The UK" of "The UK and the US")
            found[(row["id"], role, row[role])] = [x for x in e if x.start < b and x.end > a] or e
    return found


def _codes(ents) -> list[str]:
    out = []
    for e in ents:
        if e.code and e.code not in out:
            out.append(e.code)
    return out


def score_sample(sample: list[dict], found: dict) -> dict:
    by_class: dict[str, Counter] = {}
    wrong = []
    for row in sample:
        ents = found.get((row["id"], row["role"], row["span"]), [])
        gold_codes = [c for c in row["code"].split("|")]
        gold_sectors = row["sector"].split("|")
        c = by_class.setdefault(row["class"], Counter())
        c["n"] += 1
        pred = _codes(ents)
        if row["code"] == "-":
            ok_code = ok_sector = not pred
        else:
            gold_known = list(dict.fromkeys(g for g in gold_codes if g != "UNK"))  # each code once, as _codes
            ok_code = sorted(pred) == sorted(gold_known)
            want = {(g, s) for g, s in zip(gold_codes, gold_sectors) if g != "UNK"}
            have = {(e.code, e.sector) for e in ents if e.code}
            ok_sector = ok_code and have == want if gold_known else \
                ok_code and {s for s in gold_sectors} <= {e.sector for e in ents} | {"UNK"}
            c["resolved"] += bool(pred)
        c["code"] += ok_code
        c["code+sector"] += ok_sector
        # lenient: the gold sector is the primary sector or one of the other sectors
        c["code+any sector"] += ok_sector or (ok_code and row["code"] != "-" and all(
            any(e.code == g and (s == e.sector or s in e.other_sectors) for e in ents)
            for g, s in zip(gold_codes, gold_sectors) if g != "UNK"))
        if not ok_sector:
            wrong.append({"id": row["id"], "role": row["role"], "span": row["span"], "class": row["class"],
                          "gold": f"{row['code']} {row['sector']}",
                          "got": "; ".join(f"{e.code or 'UNK'} {e.sector or 'UNK'} [{e.basis}: {e.how}]"
                                           for e in ents) or "-"})
    total = Counter()
    for c in by_class.values():
        total.update(c)
    by_class["all"] = total
    return {"by_class": {k: dict(v) for k, v in by_class.items()}, "wrong": wrong}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "data" / "plv_dev.tsv"))
    ap.add_argument("--sample", default=str(HERE / "actors" / "sample.tsv"))
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong sample rows")
    ap.add_argument("--json", help="write the full results to this file")
    ap.add_argument("--published", help="the stories' date (YYYY-MM-DD; default: undated, as plv_dev is)")
    ap.add_argument("--repair", action="store_true",
                    help="repair scraped text first as the clean stage does (the AG News samples)")
    args = ap.parse_args(argv)

    with open(args.gold, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    t0 = time.perf_counter()
    found = resolve_rows(rows, args.published, args.repair)
    seconds = time.perf_counter() - t0
    resolved = sum(1 for e in found.values() if _codes(e))
    bases = Counter(next((e.basis for e in ents if e.code), "unresolved") for ents in found.values())
    print(f"plv_dev spans: {len(found)} from {len(rows)} rows in {seconds:.1f} s")
    print(f"resolved to a code: {resolved} ({resolved / len(found):.1%})")
    print("by basis: " + ", ".join(f"{b} {n}" for b, n in bases.most_common()))

    with open(args.sample, encoding="utf-8") as fh:
        sample = list(csv.DictReader(fh, delimiter="\t"))
    if args.repair:
        sample = [{**row, "span": repair(row["span"])} for row in sample]
    result = score_sample(sample, found)
    print(f"\nhand-labelled sample: {len(sample)} spans ({args.sample})")
    print(f"{'class':10} {'n':>4} {'resolved':>9} {'code':>7} {'code+sector':>12} {'code+any sector':>16}")
    for cls, c in sorted(result["by_class"].items(), key=lambda kv: kv[0] == "all"):
        n = c["n"]
        print(f"{cls:10} {n:4} {c.get('resolved', 0) / n:9.1%} {c['code'] / n:7.1%} {c['code+sector'] / n:12.1%}"
              f" {c['code+any sector'] / n:16.1%}")
    for w in result["wrong"][:args.errors]:
        print(f"  {w['id']:>5} {w['role']:6} {w['class']:8} {w['span'][:50]!r:54} gold {w['gold']:14} got {w['got']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"coverage": resolved / len(found), "spans": len(found),
                                               "bases": dict(bases), **result}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
