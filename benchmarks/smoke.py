"""Smoke throughput: tidings end to end vs plain spaCy nlp.pipe on the same texts, same run.

    python benchmarks/smoke.py [../shared/data/agnews_world.jsonl]

Prints articles/s for both and their ratio. (The full benchmark with workers and memory is issue #3.)
"""

import json
import sys
import time
from pathlib import Path

import tidings
from tidings.parse import get_nlp


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/agnews_world.jsonl")
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    texts = [d["text"] for d in docs]
    nlp = get_nlp()
    list(nlp.pipe(texts[:50]))  # warm up
    t0 = time.perf_counter()
    n_sents = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_events = sum(len(r.events) for r in tidings.code_documents(docs) if isinstance(r, tidings.CodedDocument))
    tidings_s = time.perf_counter() - t0
    print(f"{len(docs)} articles, {n_sents} sentences, {n_events} events")
    print(f"spaCy nlp.pipe : {len(docs) / spacy_s:8.1f} articles/s ({spacy_s:.1f} s)")
    print(f"tidings        : {len(docs) / tidings_s:8.1f} articles/s ({tidings_s:.1f} s)")
    print(f"ratio tidings/spaCy: {spacy_s / tidings_s:.2f}")


if __name__ == "__main__":
    main()
