"""Throughput and memory: tidings end to end against plain spaCy ``nlp.pipe``, same texts, same run.

    python benchmarks/throughput.py                      # 4,000 articles, 1 and 2 workers, 10,000 for memory
    python benchmarks/throughput.py --articles 1000 --memory-articles 0 --repeats 1   # a quick look

The corpus is ../shared/data/agnews_world.jsonl plus the two seed articles, repeated to --articles.
For each worker count, plain spaCy (the model tidings loads, with the same components, ``nlp.pipe``
with ``n_process`` = workers) and tidings (``code_documents(workers=...)``: clean, parse, actors,
events, dates, places, dedup) code the same texts in turn, --repeats times; the ratio of their
times is what to compare across machines. Memory is the proportional set size (PSS) of the whole
process tree (workers included; pages that forked workers share are counted once), sampled every
0.1 s. The memory run streams --memory-articles through the ``tidings code`` command into /dev/null,
each article with --memory-new-words made-up names so the vocabulary keeps growing as with real
news, and records memory as the run goes on, to show it does not grow with the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGNEWS = ROOT.parent / "shared" / "data" / "agnews_world.jsonl"
SEEDS = ROOT / "examples"


# ---- memory of a process tree ------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _memory(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them), else RSS."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            continue
    return 0


def tree_memory(pid: int) -> int:
    """Bytes used by ``pid`` and all its descendants, forked workers' shared pages counted once."""
    kids, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(kids.get(p, []))
        total += _memory(p)
    return total


class Sampler:
    """Samples the tree's memory in a thread: the peak, and (elapsed, bytes) over time."""

    def __init__(self, pid: int, every: float = 0.1):
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        t0 = time.perf_counter()
        while not self._stop.is_set():
            self.samples.append((time.perf_counter() - t0, tree_memory(self.pid)))
            self._stop.wait(self.every)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak(self) -> int:
        return max((b for _, b in self.samples), default=0)

    def at(self, fraction: float) -> int:
        """Memory at a fraction of the run's duration."""
        if not self.samples:
            return 0
        end = self.samples[-1][0]
        return next(b for t, b in self.samples if t >= fraction * end)


# ---- the corpus ------------------------------------------------------------------------
def corpus(n: int, new_words: int = 0) -> list[dict]:
    """AG News world plus the seeds, repeated to ``n`` articles.

    With ``new_words``, each article ends with a sentence of that many made-up names, so that every
    article brings words never seen before, as real news does (a repeated corpus would hide memory
    that grows with the vocabulary).
    """
    base = [json.loads(line) for line in AGNEWS.open(encoding="utf-8")]
    for f in sorted(SEEDS.glob("*.txt")):
        base.append({"id": f.stem, "text": f.read_text(encoding="utf-8")})
    rnd = random.Random(0)
    out = []
    while len(out) < n:
        for d in base[: n - len(out)]:
            doc = {**d, "id": f"{d['id']}#{len(out) // len(base)}"}
            if new_words:
                names = ", ".join("".join(rnd.choices(string.ascii_lowercase, k=8)).capitalize()
                                  for _ in range(new_words))
                doc["text"] = d["text"].rstrip() + f"\nThe delegation included {names}, officials said."
            out.append(doc)
    return out


# ---- runs ------------------------------------------------------------------------------
def run_spacy(texts: list[str], workers: int) -> tuple[float, int, int, int]:
    from tidings.parse import get_nlp

    nlp = get_nlp()
    sents = words = 0
    with Sampler(os.getpid()) as mem:
        t0 = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=32, n_process=workers):
            sents += sum(1 for _ in doc.sents)
            words += sum(1 for t in doc if not (t.is_punct or t.is_space))
        seconds = time.perf_counter() - t0
    return seconds, mem.peak, sents, words


def run_tidings(docs: list[dict], workers: int) -> tuple[float, int, int]:
    import tidings

    events = 0
    with Sampler(os.getpid()) as mem:
        t0 = time.perf_counter()
        for r in tidings.code_documents(docs, workers=workers):
            events += len(getattr(r, "events", []))
        seconds = time.perf_counter() - t0
    return seconds, mem.peak, events


def run_memory(docs: list[dict], workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d) + "\n")
        cmd = [sys.executable, "-m", "tidings", "code", str(path), "-o", os.devnull, "--no-progress", "-q",
               "--workers", str(workers)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd)
        with Sampler(proc.pid, every=0.25) as mem:
            proc.wait()
        seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with {proc.returncode}")
    return {"workers": workers, "articles": len(docs), "seconds": round(seconds, 1),
            "articles_per_s": round(len(docs) / seconds, 1), "peak_mb": round(mem.peak / 2**20),
            "mb_at_10_25_50_75_90_pct": [round(mem.at(f) / 2**20) for f in (0.1, 0.25, 0.5, 0.75, 0.9)],
            "command": " ".join(["python -m tidings code CORPUS.jsonl", *cmd[5:]])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=4000, help="articles in the throughput corpus (0: skip)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    ap.add_argument("--repeats", type=int, default=2, help="alternating spaCy/tidings runs per worker count")
    ap.add_argument("--memory-articles", type=int, default=10000, help="articles streamed for memory (0: skip)")
    ap.add_argument("--memory-new-words", type=int, default=20,
                    help="made-up names added to each article of the memory run (new vocabulary)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    docs = corpus(args.articles) if args.articles else []
    texts = [d["text"] for d in docs]
    from tidings.parse import get_nlp

    list(get_nlp().pipe(texts[:100]))  # load and warm up outside the timings
    results: dict = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                                f"Python {platform.python_version()}",
                     "articles": len(docs), "throughput": [], "memory": []}
    for w in args.workers if docs else []:
        spacy_s, tidings_s, peaks_s, peaks_t = [], [], [], []
        for _ in range(args.repeats):
            s, peak, sents, words = run_spacy(texts, w)
            spacy_s.append(s)
            peaks_s.append(peak)
            t, peak, events = run_tidings(docs, w)
            tidings_s.append(t)
            peaks_t.append(peak)
        s, t = statistics.median(spacy_s), statistics.median(tidings_s)
        row = {"workers": w, "sentences": sents, "words": words, "events": events,
               "spacy_s": round(s, 1), "tidings_s": round(t, 1),
               "spacy_articles_per_s": round(len(docs) / s, 1), "tidings_articles_per_s": round(len(docs) / t, 1),
               "tidings_sentences_per_s": round(sents / t), "tidings_words_per_s": round(words / t),
               "ratio_tidings_to_spacy": round(s / t, 3),
               "spacy_peak_mb": round(max(peaks_s) / 2**20), "tidings_peak_mb": round(max(peaks_t) / 2**20),
               "runs_spacy_s": [round(x, 1) for x in spacy_s], "runs_tidings_s": [round(x, 1) for x in tidings_s]}
        results["throughput"].append(row)
        print(json.dumps(row), flush=True)
    by_w = {r["workers"]: r for r in results["throughput"]}
    if 1 in by_w and 2 in by_w:
        results["speedup_2_workers"] = round(by_w[1]["tidings_s"] / by_w[2]["tidings_s"], 2)
        results["speedup_2_processes_spacy"] = round(by_w[1]["spacy_s"] / by_w[2]["spacy_s"], 2)
        print(f"2 workers vs 1: tidings x{results['speedup_2_workers']}, "
              f"spaCy n_process=2 x{results['speedup_2_processes_spacy']}", flush=True)
    if args.memory_articles:
        big = corpus(args.memory_articles, args.memory_new_words)
        results["memory_new_words_per_article"] = args.memory_new_words
        for w in args.workers:
            row = run_memory(big, w)
            results["memory"].append(row)
            print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
