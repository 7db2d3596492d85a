"""Output stage: PLOVER JSON lines and a flat CSV view.

The JSON record follows the PLOVER output record (see ../PLOVER.md): id, date,
actor, recipient, event, mode, context, event_loc, event_text, text,
text_info, cite_info, quad_code, intensity, plus the CAMEO code, its
Goldstein score and QuadClass, the auxiliary flags and the evidence: how each
actor and the date were resolved and which rule coded the event. Character
offsets of actors, recipients and the trigger are relative to ``text`` (the
sentence).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, TextIO

from .records import Event

CSV_COLUMNS = [
    "id", "date", "date_precision", "event", "mode", "context", "actor_code", "actor_sector", "actor_name",
    "actor_text", "recipient_code", "recipient_sector", "recipient_name", "recipient_text", "cameo", "goldstein",
    "quad_class", "quad_code", "intensity", "negated", "hypothetical", "future", "historical", "event_text",
    "place", "place_country", "lat", "lon", "confidence", "story_id", "sentence_index", "mentions", "text",
    "url", "title", "publication_date", "reason", "date_how",
]


def plover_record(e: Event) -> dict[str, Any]:
    m = e.mention
    return {
        "id": e.id,
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision or None,
        "date_text": e.date_text,
        "date_how": e.date_how,
        "actor": [a.to_json() for a in e.actor],
        "recipient": [r.to_json() for r in e.recipient],
        "event": e.event,
        "mode": e.mode,
        "context": e.context,
        "event_loc": e.place.to_json() if e.place else None,
        "event_text": m.trigger,
        "text": m.sentence,
        "text_info": {
            "story_id": m.story_id,
            "sentence": m.sentence_index,
            "sentence_start": m.sentence_start,
            "trigger_offsets": [m.trigger_start, m.trigger_end],
            "other_mentions": [x.to_json() for x in e.mentions],
            **({"about": {"text": e.about[0], "offsets": [e.about[1], e.about[2]]}} if e.about else {}),
        },
        "cite_info": e.cite,
        "quad_code": e.quad_code,
        "intensity": e.intensity,
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "negated": e.negated,
        "hypothetical": e.hypothetical,
        "future": e.future,
        "historical": e.historical,
        "confidence": e.confidence,
        "reason": e.reason,
    }


def event_summary(e: Event) -> str:
    """One line saying who did what (to whom): "Shigeru Ishiba, Ulf Kristersson: agreed to elevate their
    bilateral relationship" or "Japan: imposed sanctions -> Russia"."""

    def names(entities) -> str:
        return ", ".join(dict.fromkeys(x.name or x.text for x in entities)) or "?"

    flags = [f for f in ("negated", "hypothetical", "future") if getattr(e, f)]
    line = f"{names(e.actor)}: {e.mention.trigger}"
    if e.recipient:
        line += f" -> {names(e.recipient)}"
    return line + (f" ({', '.join(flags)})" if flags else "")


def _join(values: Iterable[Any]) -> str:
    return ";".join("" if v is None else str(v) for v in values)


def flat_row(e: Event) -> dict[str, Any]:
    rec = plover_record(e)
    loc = e.place
    return {
        "id": e.id, "date": rec["date"], "date_precision": rec["date_precision"], "event": e.event,
        "mode": e.mode, "context": _join(e.context),
        "actor_code": _join(a.out_code for a in e.actor), "actor_sector": _join(a.out_sector for a in e.actor),
        "actor_name": _join(a.name for a in e.actor), "actor_text": _join(a.text for a in e.actor),
        "recipient_code": _join(r.out_code for r in e.recipient),
        "recipient_sector": _join(r.out_sector for r in e.recipient),
        "recipient_name": _join(r.name for r in e.recipient), "recipient_text": _join(r.text for r in e.recipient),
        "cameo": e.cameo, "goldstein": e.goldstein, "quad_class": e.quad_class, "quad_code": rec["quad_code"],
        "intensity": e.intensity, "negated": e.negated, "hypothetical": e.hypothetical, "future": e.future,
        "historical": e.historical, "event_text": e.mention.trigger,
        "place": loc.name if loc else None, "place_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "confidence": e.confidence,
        "story_id": e.mention.story_id, "sentence_index": e.mention.sentence_index,
        "mentions": 1 + len(e.mentions), "text": e.mention.sentence, "url": e.cite.get("url"),
        "title": e.cite.get("title"), "publication_date": e.cite.get("publication_date"), "reason": e.reason,
        "date_how": e.date_how,
    }


class Writer:
    """Writes events to a stream as JSON lines or CSV."""

    def __init__(self, stream: TextIO, fmt: str = "jsonl"):
        self.stream = stream
        self.fmt = fmt
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, events: Iterable[Event]) -> tuple[int, int]:
        """Write the events; how many were written, and how many of them count (not negated or hypothetical)."""
        n = counted = 0
        for e in events:
            if self._csv is not None:
                self._csv.writerow(flat_row(e))
            else:
                self.stream.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
            n += 1
            counted += e.counted
        self.stream.flush()
        return n, counted


def to_csv(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    Writer(buf, "csv").write(events)
    return buf.getvalue()
