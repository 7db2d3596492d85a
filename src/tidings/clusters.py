"""Cross-report deduplication: reports of one real-world event in different articles become one event.

A report (an event coded from one article) joins the event of an earlier report when all of these hold:

- the same PLOVER type, and the same negated and hypothetical flags;
- their actors share a party and their recipients share a party (or neither has a recipient); or, for
  a meeting written two ways ("Japan and Sweden met" / "Japan met Sweden"), the same set of parties;
- their dates lie within the window (``window`` days, default 1), measured from the event's first
  report, so a run of daily clashes is not chained into one; an undated report joins only reports of
  its own story (the article it is a near-duplicate of);
- their places are compatible: the report's place is in no other country than the places the event's
  reports have given so far, and is not another town of the same country (a country-level place, "in
  Russia", fits any town in that country).

A party is an actor's code (ISO country or PLOVER code); an actor whose country is unknown counts by its
name. Among several events a report could join, the first in this order wins: a report of its own story
with the same trigger words (the same sentence in a wire copy), the same parties exactly, the nearest
date, the earliest event.
Reports of one article never merge with each other here: the story stage has already merged them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # types that are often written as "X and Y ..."


@dataclass
class ReportKey:
    """What the merge rule compares of one report."""

    event_id: str  # the event (cluster) the report belongs to
    article_id: str
    story_id: str  # the first article of its near-duplicate group
    event: str
    date: dt.date | None
    actors: frozenset
    recipients: frozenset
    place_country: str | None
    place: str | None  # a town or region; None for a country-level place
    negated: bool
    hypothetical: bool
    trigger: str = ""  # the trigger words, to pair a wire copy's report with the original's
    # the (place, country) pairs the event's reports have given so far (of a first report: its event's)
    seen: set = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.place_country and not self.seen:
            self.seen = {(self.place, self.place_country)}


def _parties_match(a: ReportKey, b: ReportKey) -> bool:
    if a.actors & b.actors and ((a.recipients & b.recipients) or not (a.recipients or b.recipients)):
        return True
    if a.event in MUTUAL:
        together = a.actors | a.recipients
        return len(together) >= 2 and together == b.actors | b.recipients
    return False


def _places_match(new: ReportKey, old: ReportKey) -> bool:
    if not new.place_country:
        return True
    if old.seen and new.place_country not in {c for _, c in old.seen}:
        return False
    towns = {p for p, c in old.seen if p and c == new.place_country}
    return not (new.place and towns and new.place not in towns)


def same_event(new: ReportKey, old: ReportKey, window: int) -> bool:
    """Whether ``new`` reports the event ``old`` (an event's first report, or a report of the same story)
    reports."""
    if new.article_id == old.article_id or new.event != old.event:
        return False
    if (new.negated, new.hypothetical) != (old.negated, old.hypothetical):
        return False
    if new.story_id != old.story_id:
        if new.date is None or old.date is None or abs((new.date - old.date).days) > window:
            return False
    return _parties_match(new, old) and _places_match(new, old)


def best_match(new: ReportKey, candidates: list[ReportKey], window: int) -> ReportKey | None:
    """The event ``new`` joins among the candidates, or None (the order is in the module's docstring)."""
    matches = [c for c in candidates if same_event(new, c, window)]
    if not matches:
        return None

    def rank(ic: tuple[int, ReportKey]) -> tuple:
        i, c = ic
        twin = c.story_id == new.story_id and c.trigger.lower() == new.trigger.lower()
        exact = (c.actors, c.recipients) == (new.actors, new.recipients)
        distance = abs((new.date - c.date).days) if new.date and c.date else 0
        return (not twin, not exact, distance, i)

    return min(enumerate(matches), key=rank)[1]
