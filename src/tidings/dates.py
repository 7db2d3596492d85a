"""Date stage: the day each event happened.

A date phrase governing the event ("on Wednesday", "last month", "on 4 March")
is resolved against the story's publication time. Without such a phrase the
event takes the publication date (the usual convention of event data). With
no publication date, the date is null and ``date_how`` says why: tidings never
falls back to today's date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Token

from .records import Event

_NOT_WHEN = {"since", "until", "till", "by", "before", "after", "from", "through", "between", "within", "over",
             "throughout", "prior", "ahead"}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ABSOLUTE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DURATION = re.compile(r"^(?:for\s+)?(?:the\s+)?(?:past|next|last)?\s*(?:\d+|a|an|one|two|three|four|five|six|seven|"
                       r"eight|nine|ten|several|few|many)\s+(?:days?|weeks?|months?|years?|decades?)$", re.I)


@lru_cache(maxsize=64)
def _parser(settings: tuple):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))


def _date_phrases(scope: list[Token]) -> list[tuple[str, Token]]:
    """DATE entities inside the event's scope that say when it happened (not since/until when)."""
    ids = {t.i for t in scope}
    out = []
    seen = set()
    for t in scope:
        if t.ent_type_ != "DATE":
            continue
        ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
        if ent is None or ent.start in seen:
            continue
        seen.add(ent.start)
        head = ent.root
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in _NOT_WHEN:
            continue
        if any(c.lower_ in _NOT_WHEN for c in head.children if c.dep_ in ("prep", "case")):
            continue
        text = ent.text.strip()
        if _DURATION.match(text) or text.lower().startswith(("the past", "the next", "the last", "more than")):
            continue
        if ent.start in ids or head.i in ids:
            out.append((text, head))
    return out


def resolve(text: str, published: datetime | None, future: bool = False) -> tuple[date | None, str, str]:
    """(date, precision, how) for one date phrase."""
    clean = re.sub(r"^(on|in|at|during|this past|earlier|later)\s+", "", text.strip(), flags=re.I)
    has_year = bool(_ABSOLUTE.search(clean))
    if published is None and not has_year:
        return None, "", f"'{text}' is relative and the story has no publication date"
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = published.replace(tzinfo=None)
    data = _parser(tuple(sorted(settings.items()))).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None, "", f"'{text}' could not be read as a date"
    day = data.date_obj.date()
    precision = data.period or "day"
    if published is not None and clean.lower() in _WEEKDAYS:
        # dateparser puts a weekday equal to the publication weekday a week back; in news it is that day
        pub = published.date()
        if day.weekday() == pub.weekday() and (pub - day).days == 7:
            day = pub
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    how = f"'{text}' resolved against publication date {published.date()}" if published and not has_year \
        else f"'{text}'"
    return day, precision, how


def date_event(event: Event, published: datetime | None) -> None:
    """Fill ``event.date``, ``date_precision``, ``date_text`` and ``date_how``."""
    for text, _head in _date_phrases(event.scope):
        day, precision, how = resolve(text, published, future=event.future)
        event.date_text = text
        if day is not None:
            event.date, event.date_precision, event.date_how = day, precision, how
            if published is not None and (published.date() - day) > timedelta(days=365):
                event.historical = True
            return
        event.date, event.date_how = None, how
        return
    if published is not None:
        event.date, event.date_precision = published.date(), "day"
        event.date_how = "no date in the sentence: publication date"
    else:
        event.date, event.date_how = None, "no date in the sentence and no publication date"
