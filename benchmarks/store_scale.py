"""Event store at scale: write throughput, dyad query time, idempotence, on 100,000+ events.

    python benchmarks/store_scale.py                         # >= 100,000 events (merged), default
    python benchmarks/store_scale.py --events 20000          # a quick look

The corpus (../shared/data/agnews_world.jsonl plus the two seed articles) is coded once with
``code_documents``; coding is not what this measures. Its results are then added to a fresh store
again and again, each round as if from another site and another time: every round gets its own
source and URLs and shifts every date (publication and events) by 45 days more, so rounds neither
merge nor link. AG News items are undated: each gets a day in September 2004, and so do its undated
events. In each round a tenth of the articles is added a second time from yet another
source on the same date, with a line of boilerplate of its own (syndicated copies), which the store
must link to the original and whose events it must merge. Measured:

- write throughput: reports and articles added per second (``Store.add``: near-duplicate lookup,
  cross-report merge, insert; commits every 200 articles), and the store's size on disk;
- idempotence: adding every round again adds nothing, and the number of events does not change;
- dyad timeline query time: ``Store.dyad`` and ``Store.dyad_months`` for the 10 most active dyads,
  median and worst of 3 runs each, on a store opened read-only as the CLI does.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings import code_documents  # noqa: E402
from tidings.pipeline import CodedDocument  # noqa: E402
from tidings.read import read_paths  # noqa: E402
from tidings.store import Store  # noqa: E402

AGNEWS = ROOT.parent / "shared" / "data" / "agnews_world.jsonl"
SEEDS = ROOT / "examples"


BASE = dt.datetime(2004, 9, 1, 12, 0)


def shifted(result: CodedDocument, n: int, round_: int, copy: bool) -> CodedDocument:
    """The ``n``-th result as if published ``45 * round_`` days later by another source (a copy: by one
    more). AG News items have no date: the n-th is given one in the 30 days from 2004-09-01, and its
    undated events that day."""
    days = dt.timedelta(days=45 * round_)
    doc = result.document
    if doc.published is None:
        doc = dataclasses.replace(doc, published=BASE + dt.timedelta(days=n % 30))
        result = CodedDocument(doc, events=[dataclasses.replace(e, date=e.date or doc.published.date())
                                            for e in result.events],
                               cleaned=dataclasses.replace(result.cleaned, published=doc.published))
    source = f"site{round_ % 50}" + ("-wire" if copy else "")
    extra = f"\nShare this story with {source} readers." if copy else ""
    new_doc = dataclasses.replace(doc, text=doc.text + extra, source=source,
                                  url=f"https://{source}.example/{round_}/{doc.id}",
                                  published=doc.published + days if doc.published else None)
    cleaned = result.cleaned
    new_clean = dataclasses.replace(cleaned, doc=new_doc, body=cleaned.body + extra,
                                    published=cleaned.published + days if cleaned.published else None)
    events = [dataclasses.replace(e, date=e.date + days if e.date else None) for e in result.events]
    return CodedDocument(new_doc, events=events, cleaned=new_clean)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000,
                    help="Add rounds until the store holds this many events (reports merged).")
    ap.add_argument("--workers", type=int, default=2, help="Processes for the one-off coding of the corpus.")
    ap.add_argument("--db", help="Store file (default: a temporary one, removed at the end).")
    ap.add_argument("--json", help="Also write the figures here as JSON.")
    args = ap.parse_args()

    t0 = time.perf_counter()
    coded = [r for r in code_documents(read_paths([AGNEWS, SEEDS]), workers=args.workers)
             if isinstance(r, CodedDocument) and r.error is None]
    coding_s = time.perf_counter() - t0
    per_round = sum(len(r.events) for r in coded)
    print(f"coded {len(coded)} articles, {per_round} events, in {coding_s:.0f} s (not part of the figures)",
          flush=True)

    tmp = tempfile.mkdtemp()
    path = args.db or os.path.join(tmp, "scale.duckdb")
    rounds = 0
    add_s = 0.0
    store = Store(path)
    while store.stats.new_events < args.events:
        batch = []
        for n, r in enumerate(coded):
            batch.append(shifted(r, n, rounds, False))
            if n % 10 == 0:
                batch.append(shifted(r, n, rounds, True))
        t = time.perf_counter()
        for r in batch:
            store.add(r)
        store.flush()
        add_s += time.perf_counter() - t
        rounds += 1
        st = store.stats
        print(f"round {rounds}: {st.articles} articles, {st.reports} reports, {st.new_events} events, "
              f"{st.near_duplicates} near-duplicates, {st.reports / add_s:.0f} reports/s", flush=True)
    stats = store.stats
    counts = store.counts()
    store.close()
    size_mb = sum(os.path.getsize(p) for p in Path(path).parent.glob(Path(path).name + "*")) / 1e6

    # idempotence: every round again
    store = Store(path)
    t = time.perf_counter()
    for round_ in range(rounds):
        for n, r in enumerate(coded):
            store.add(shifted(r, n, round_, False))
            if n % 10 == 0:
                store.add(shifted(r, n, round_, True))
    store.flush()
    again_s = time.perf_counter() - t
    again = store.stats
    counts_again = store.counts()
    store.close()

    store = Store(path, read_only=True)
    top = store.top("dyads", 10)
    timings, month_timings = [], []
    for a, b in zip(top["side_a"], top["side_b"]):
        for _ in range(3):
            t = time.perf_counter()
            rows = len(store.dyad(a, b))
            timings.append(time.perf_counter() - t)
            t = time.perf_counter()
            store.dyad_months(a, b)
            month_timings.append(time.perf_counter() - t)
    store.close()

    result = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "rounds": rounds, "articles": stats.articles, "reports": stats.reports, "events": counts["all_events"],
        "near_duplicates": stats.near_duplicates, "add_seconds": round(add_s, 1),
        "reports_per_s": round(stats.reports / add_s), "articles_per_s": round(stats.articles / add_s),
        "store_mb": round(size_mb, 1), "readd_added": again.articles, "readd_skipped": again.skipped,
        "readd_seconds": round(again_s, 1), "counts_unchanged": counts == counts_again,
        "dyad_timeline_ms_median": round(1000 * statistics.median(timings), 1),
        "dyad_timeline_ms_max": round(1000 * max(timings), 1),
        "dyad_months_ms_median": round(1000 * statistics.median(month_timings), 1),
        "top_dyad": f"{top['side_a'][0]}-{top['side_b'][0]}", "top_dyad_rows": rows,
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    if not args.db:
        for p in Path(tmp).glob("*"):
            p.unlink()
        os.rmdir(tmp)


if __name__ == "__main__":
    main()
