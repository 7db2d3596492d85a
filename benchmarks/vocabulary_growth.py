"""Does memory grow with the corpus? One process, articles that keep bringing new words.

    python benchmarks/vocabulary_growth.py [ARTICLES] [NAMES_PER_ARTICLE]   # default 30000 30

Streams AG News world items through ``tidings.code_documents``, each with a sentence of made-up
names appended (new vocabulary, as real news brings), and prints every 5,000 articles the process's
resident memory, the size of spaCy's string store and vocabulary, and the number of live Python
objects.
"""

import gc
import json
import random
import string
import sys
from pathlib import Path

import tidings
from tidings.parse import get_nlp

AGNEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "agnews_world.jsonl"


def rss_mb() -> int:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmRSS:"))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    names = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    docs = [json.loads(line) for line in AGNEWS.open(encoding="utf-8")]
    rnd = random.Random(1)

    def article(i: int) -> dict:
        d = docs[i % len(docs)]
        made_up = " ".join("".join(rnd.choices(string.ascii_lowercase, k=8)).capitalize() for _ in range(names))
        return {"id": f"{d['id']}-{i}", "text": d["text"] + f" The delegation included {made_up}, officials said."}

    nlp = get_nlp()
    for done, _ in enumerate(tidings.code_documents(article(i) for i in range(n)), 1):
        if done % 5000 == 0:
            print(f"{done:>7} articles  {rss_mb():>5} MB  strings {len(nlp.vocab.strings):>8,}  "
                  f"vocab entries {len(nlp.vocab):>10,}  objects {len(gc.get_objects()):>8,}", flush=True)


if __name__ == "__main__":
    main()
