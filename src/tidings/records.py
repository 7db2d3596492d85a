"""Typed records passed from one pipeline stage to the next.

read -> :class:`Document` -> clean -> :class:`CleanDocument` -> parse -> actors
-> :class:`Entity` -> events -> :class:`Event` -> dates/places -> dedup -> output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
import datetime as dt
from datetime import datetime
from typing import Any


@dataclass
class Document:
    """One article as read from a file, before cleaning."""

    text: str
    id: str
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    source: str | None = None  # publication / site name
    path: str | None = None  # file the document came from
    line: int | None = None  # line number for JSONL input
    is_html: bool = False
    language: str = "en"


@dataclass
class CleanDocument:
    """The article body that is coded, with the metadata cleaning recovered."""

    doc: Document
    body: str
    title: str | None
    published: datetime | None
    published_how: str  # "metadata", "dateline", "none"
    removed: list[str] = field(default_factory=list)  # boilerplate lines dropped
    dateline: str | None = None  # place of the wire dateline that opened the story ("GAZA")


# How an actor's code was reached, strongest first (Entity.basis; documented in the README).
BASES = {
    "office-holder": "a named person in the office-holder table, in office on the event date",
    "former office-holder": "a named person who held an office before the event date (or is called former)",
    "title+country": "a title or role with a country word, possessor, of-phrase or apposition",
    "name": "a country, seat of government, demonym or organisation name",
    "title+office-holder": "a title in the text, the country from the office-holder table",
    "modifier": "a country word modifying a noun that is not a role ('Swedish counterpart')",
    "coreference": "refers back to an earlier mention: surname, title, pronoun, quote speaker",
    "context": "'the two sides', 'both countries': the pair the story is about",
    "undated office-holder": "a named person's latest office, the story having no date",
    "unresolved": "a real actor whose country is unknown (code UNK)",
}


@dataclass
class Entity:
    """An actor or recipient: one resolved participant of an event."""

    text: str  # as written in the sentence
    name: str | None  # resolved name: person, country or organisation
    code: str | None  # ISO alpha-3 or a PLOVER non-state code (IGO, UNO, EUR, ...); None if unknown
    sector: str | None  # primary PLOVER sector (GOV, MIL, ...)
    other_sectors: list[str] = field(default_factory=list)
    kind: str = "state"  # state | organization | person | group
    start: int = -1  # character offsets within the sentence
    end: int = -1
    how: str = ""  # how the code was reached, in words (explainability)
    confidence: float = 1.0
    basis: str = ""  # how the code was reached, as a category: one of BASES
    refers_to: tuple[str, int, int] | None = None  # a pronoun's antecedent in the same sentence: text, offsets

    def key(self) -> tuple:
        return (self.code, self.sector, self.name)

    @property
    def out_code(self) -> str:
        """The code as written out: a real actor whose country is unknown is ``UNK``."""
        return self.code or "UNK"

    @property
    def out_sector(self) -> str:
        return self.sector or "UNK"

    def to_json(self) -> dict[str, Any]:
        return {
            "actorText": self.text,
            "name": self.name,
            "code": self.out_code,
            "sector": self.out_sector,
            "other_sectors": list(self.other_sectors),
            "kind": self.kind,
            "offsets": [self.start, self.end],
            "how": self.how,
            "basis": self.basis,
            "confidence": round(self.confidence, 2),
            **({"refers_to": {"text": self.refers_to[0], "offsets": [self.refers_to[1], self.refers_to[2]]}}
               if self.refers_to else {}),
        }


@dataclass
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None = None
    text: str | None = None  # as written
    how: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "feature": self.feature, "text": self.text, "how": self.how}


@dataclass
class Mention:
    """Where one report of an event sits in a story."""

    story_id: str
    sentence_index: int
    sentence: str
    sentence_start: int  # offset of the sentence in the cleaned body
    trigger: str
    trigger_start: int  # offsets within the sentence
    trigger_end: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One coded event with everything needed to explain it."""

    event: str  # PLOVER type
    actor: list[Entity]
    recipient: list[Entity]
    mention: Mention
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None  # from the CAMEO root (ICEWS convention)
    quad_code: int | None = None  # PLOVER's quad of the event type
    intensity: float | None = None
    date: dt.date | None = None
    date_how: str = ""  # why the date is what it is (or why it is null)
    date_text: str | None = None
    date_precision: str = ""  # day | week | month | year
    place: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    reason: str = ""  # which rule coded it
    confidence: float = 1.0
    # the phrase the event is about when no actor is its recipient ("condemned the bombing of a military
    # academy"): (text, start, end), offsets within the sentence
    about: tuple[str, int, int] | None = None
    id: str = ""
    mentions: list[Mention] = field(default_factory=list)  # further reports in the same story
    cite: dict[str, Any] = field(default_factory=dict)  # url, title, publication, language, publication date
    scope: list[Any] = field(default_factory=list, repr=False, compare=False)  # parse tokens (transient)

    @property
    def counted(self) -> bool:
        """Whether the event counts as having happened: negated and hypothetical ones are kept, marked,
        and left out of counts unless asked for."""
        return not (self.negated or self.hypothetical)

    def to_json(self) -> dict[str, Any]:
        """The PLOVER JSON record (see ``tidings.formats``)."""
        from .formats import plover_record

        return plover_record(self)


@dataclass
class CodingError:
    """Bad input: reported, never fatal for the rest of a batch."""

    path: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"
