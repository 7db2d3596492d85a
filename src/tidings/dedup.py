"""Deduplicate stage: one story, one event.

The same event reported in several sentences of a story (same type, same
actors and recipients, same date, same modality) becomes one event that lists
every mention.
"""

from __future__ import annotations

from .records import Event


def parties(entities) -> frozenset:
    """The distinct parties among entities: by code, else by name or text."""
    return frozenset(e.code or (e.name or e.text).lower() for e in entities)


def event_key(e: Event) -> tuple:
    return (e.event, parties(e.actor), parties(e.recipient), e.date, e.negated, e.hypothetical)


def _vague_about(e: Event) -> bool:
    """No phrase the event is about, or only its own trigger's ("started [a hunger strike]")."""
    if e.about is None:
        return True
    _, start, end = e.about
    return start < e.mention.trigger_end and e.mention.trigger_start < end


def merge_story_events(events: list[Event]) -> list[Event]:
    kept: dict[tuple, Event] = {}
    for e in events:
        key = event_key(e)
        first = kept.get(key)
        if first is None:
            kept[key] = e
            continue
        first.mentions.append(e.mention)
        if first.place is None and e.place is not None:
            first.place = e.place
        if _vague_about(first) and not _vague_about(e):  # "started a hunger strike, protesting the law"
            first.about = e.about
        if first.mode is None and e.mode is not None:
            first.mode = e.mode
        first.context = first.context + [c for c in e.context if c not in first.context]
        first.confidence = max(first.confidence, e.confidence)
    return list(kept.values())
