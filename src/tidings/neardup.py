"""Near-duplicate articles: the same story on two sites, or a wire copy with its own boilerplate.

Each article's cleaned body becomes a set of word 4-grams ("shingles"). A MinHash signature of 64
values estimates the Jaccard similarity of two such sets (the share of shingles they have in
common); 21 bands of 3 values each are the keys under which similar articles are found without
comparing every pair (locality-sensitive hashing: a pair sharing half its shingles shares a band 94%
of the time, 40% of them 75%, a tenth of them 2%). Two articles are near-duplicates when their
estimated similarity reaches the threshold (default 0.5) and they were published within a few days of
each other (default 7; an undated article matches any date).

Everything here is deterministic: the hash functions are fixed, so a signature computed today matches
one stored last year.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE = 4  # words per shingle
PERMUTATIONS = 64
ROWS = 3  # values per band: two articles sharing half their shingles share a band 94% of the time
BANDS = PERMUTATIONS // ROWS  # 21 (the 64th value counts only in the similarity)
# h(x) = (a*x + b) mod p with p = 2**31 - 1 and x, a, b < p: a*x + b < 2**62 fits in 64 bits, and the
# modulus does wrap, so each (a, b) orders the shingles differently (without the wrap every permutation
# would pick the same smallest shingle)
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20241206)  # fixed: signatures must be comparable across runs and versions
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")
MIN_WORDS = 12  # shorter texts are too small to call two of them the same story


@dataclass(frozen=True)
class Signature:
    values: tuple[int, ...]  # PERMUTATIONS MinHash values (empty: too short to compare)

    @property
    def bands(self) -> list[int]:
        """One signed 64-bit key per band (DuckDB BIGINT), empty for a text too short to compare."""
        if not self.values:
            return []
        keys = []
        for b in range(BANDS):
            chunk = self.values[b * ROWS:(b + 1) * ROWS]
            digest = hashlib.blake2b(repr((b, chunk)).encode(), digest_size=8).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return keys

    def similarity(self, other: "Signature") -> float:
        """Estimated Jaccard similarity of the two shingle sets (0..1)."""
        if not self.values or not other.values:
            return 0.0
        return sum(a == b for a, b in zip(self.values, other.values)) / PERMUTATIONS


def normalise(text: str) -> str:
    """Whitespace-normalised text, the input of an article's content hash."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def signature(text: str) -> Signature:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return Signature(())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    x = np.fromiter((zlib.crc32(s.encode("utf-8")) % _PRIME for s in shingles), dtype=np.uint64,
                    count=len(shingles))
    hashed = (_A[:, None] * x[None, :] + _B[:, None]) % np.uint64(_PRIME)  # every permutation, every shingle
    return Signature(tuple(int(v) for v in hashed.min(axis=1)))
