"""Clean stage: keep only the article body of flattened web text.

Scraped pages arrive with their furniture: ranking lists and the headlines
under them, category banners, repeated image credits, photo captions, share
buttons. This stage drops them line by line (patterns in
``data/boilerplate.yaml``), takes the headline as title, and reads the
publication time from a dateline such as "4:00 JST, December 6, 2024".
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from functools import lru_cache

from .knowledge import Knowledge
from .records import CleanDocument, CodingError, Document

_TERMINAL = ('.', '!', '?', '."', '.”', '?"', '?”', '!"', '!”', ".'", ".’", ':', ';')
_ENGLISH = frozenset("the of and to in a is that for on was with as by at from are have has it said be were "
                     "its their this an which not but will after two also been had against without cannot "
                     "he she they we who would could his her into over than more about says".split())
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^(?:(?:published|updated|posted)\s*:?\s*)?"
    rf"(?:\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{{2,5}}?,?\s*)?"
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s*)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:\s*(?:at\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,5}}|[+-]\d{{2}}:?\d{{2}})?)?\s*$",
    re.IGNORECASE)


# "GAZA (Reuters) - ", "OKLAHOMA CITY - ", "AFP - ", "Canadian Press - VANCOUVER (CP) - ": wire datelines
_WIRE = re.compile(r"^(?:(?:[A-Z][A-Z.'&]+(?:[ ,]+[A-Z][A-Z.'&]+){0,3}(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})?"
                   r"\s*(?:\([A-Za-z .&]{1,30}\))?"
                   r"|\([A-Za-z .&]{1,30}\)|(?:AFP|AP|Reuters|Canadian Press|[A-Z][a-z]+ Press|UPI|dpa|Xinhua)"
                   r"(?:\s*\([A-Z.]+\))?)\s*(?:--|-|–|—)\s+)")
_ENTITY = re.compile(r"(?:\s|&)#(\d{2,4});")  # AG-News style broken entities: "Jordan #39;s" -> "Jordan's"
_QUOT = re.compile(r" ?(?<![&\w])quot;")  # ... and " quot;" for "&quot;"


def repair_entities(text: str) -> str:
    """Entities a scraper broke: "Jordan #39;s" -> "Jordan's", "the  quot;foolish quot; move" -> "the
    "foolish" move"."""
    return _QUOT.sub('"', _ENTITY.sub(lambda m: chr(int(m.group(1))), text))


def split_wire_dateline(line: str) -> tuple[str | None, str]:
    """The place of a wire-service dateline that opens a paragraph, and the paragraph without it.

    "GAZA (Reuters) - Israel said ..." -> ("GAZA", "Israel said ..."); at most two datelines in a row.
    """
    place = None
    for _ in range(2):
        m = _WIRE.match(line)
        if not m or len(m.group(0).split()) > 7:
            break
        head = re.sub(r"\([^)]*\)|(?:--|-|–|—)\s*$", "", m.group(0)).strip(" ,")
        if place is None and head and head.split(",")[0].strip().isupper():
            place = head.split(",")[0].strip()
        line = line[m.end():]
    return place, line


def strip_wire_dateline(line: str) -> str:
    """Drop the wire-service dateline that opens a paragraph (at most two in a row)."""
    return split_wire_dateline(line)[1]


class _Patterns:
    def __init__(self, k: Knowledge):
        b = k.boilerplate
        self.lines = [re.compile(p, re.IGNORECASE) for p in b.get("lines", [])]
        self.markers = [re.compile(p, re.IGNORECASE) for p in b.get("list_markers", [])]
        self.captions = [re.compile(p, re.IGNORECASE) for p in b.get("captions", [])]


@lru_cache(maxsize=4)
def _patterns(k: Knowledge) -> _Patterns:
    return _Patterns(k)


def _words(line: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", line)


def is_prose(line: str) -> bool:
    """A line of article text: a sentence of several words that ends like one."""
    words = _words(line)
    return len(words) >= 6 and line.rstrip().endswith(_TERMINAL)


def is_headline(line: str) -> bool:
    """Short, unpunctuated at the end, mostly capitalised words: a headline."""
    words = _words(line)
    if not 2 <= len(words) <= 30 or line.rstrip().endswith(('.', '!', ':', ';')):
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.5 * len(words)


def parse_dateline(line: str) -> datetime | None:
    """The publication time in a line that is only a date (and time, and zone)."""
    if not _DATELINE.match(line.strip()):
        return None
    import dateparser

    text = re.sub(r"^(published|updated|posted)\s*:?\s*", "", line.strip(), flags=re.IGNORECASE)
    return dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": True,
                                                    "PREFER_DAY_OF_MONTH": "first"})


def looks_english(text: str) -> bool:
    words = [w.lower() for w in _words(text[:20000])]
    if len(words) < 30:
        return True  # too short to judge
    share = sum(1 for w in words if w in _ENGLISH) / len(words)
    return share >= 0.08


def clean(doc: Document, k: Knowledge) -> CleanDocument | CodingError:
    """The article body of ``doc`` with its title and publication time."""
    pats = _patterns(k)
    text = repair_entities(doc.text)
    raw_lines = [re.sub(r"\s+", " ", ln).strip() for ln in text.replace("\r\n", "\n").split("\n")]
    counts = Counter(ln.lower() for ln in raw_lines if ln)
    kept: list[str] = []
    removed: list[str] = []
    title = doc.title.strip() if doc.title else None
    published, published_how = doc.published, ("metadata" if doc.published else "none")
    in_list = False
    fallback: list[str] = []  # a headline-like first line and photo captions: coded if nothing else is left
    for ln in raw_lines:
        if not ln:
            continue
        if len(_words(ln)) <= 6 and not ln.endswith(_TERMINAL) and any(m.search(ln) for m in pats.markers):
            in_list = True
            removed.append(ln)
            continue
        if in_list:
            if is_prose(ln) and len(_words(ln)) >= 12:
                in_list = False
            else:
                removed.append(ln)
                continue
        if any(p.fullmatch(ln) for p in pats.lines):
            removed.append(ln)
            continue
        if any(c.search(ln) for c in pats.captions):
            removed.append(ln)
            fallback.append(ln)
            continue
        when = parse_dateline(ln)
        if when is not None:
            if published is None:
                published, published_how = when, "dateline"
            removed.append(ln)
            continue
        if counts[ln.lower()] > 1 and not ln.endswith(_TERMINAL):
            removed.append(ln)  # repeated furniture such as credits and banners
            continue
        if not kept and title is None and is_headline(ln):
            title = ln
            removed.append(ln)
            fallback.append(ln)
            continue
        if not ln.endswith(_TERMINAL) and (is_headline(ln) or len(_words(ln)) < 10 or
                                           (title is not None and ln.lower() == title.lower())):
            removed.append(ln)  # headings, banners, bylines, section names
            if len(_words(ln)) >= 12:
                fallback.append(ln)  # or a story cut off mid-sentence
            continue
        kept.append(ln)
    if not kept and fallback:  # a one-line story or a lone caption is the article itself
        kept = fallback
        removed = [ln for ln in removed if ln not in fallback]
    dateline = split_wire_dateline(kept[0])[0] if kept else None
    kept = [strip_wire_dateline(ln) for ln in kept]
    body = "\n".join(kept)
    where = doc.path or doc.id
    if not body.strip():
        return CodingError(where, doc.line, "no article text left after removing page furniture; skipped")
    if not looks_english(body):
        return CodingError(where, doc.line, "text does not look like English (tidings codes English news); skipped")
    return CleanDocument(doc=doc, body=body, title=title, published=published, published_how=published_how,
                         removed=removed, dateline=dateline)
