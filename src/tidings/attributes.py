"""Attribute stage: an event's PLOVER mode and contexts.

The pattern that coded an event may name its mode ("arrested" is COERCE arrest). Otherwise the words
of the event tell it (``data/modes.yaml``: an air strike is ASSAULT aerial, a walkout PROTEST strike),
and failing that the mode CAMEO gives the event's code (``data/cameo_plover.tsv``). Contexts come from
the pattern, the event's words (``data/contexts.yaml``), its CAMEO code, its parties' sectors (an army
makes it military) and the story's title.

The words of an event are its triggers and the phrases that hang on them, without the clauses that
report other acts, plus its actors' and recipients' own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Token

from .dedup import parties
from .knowledge import Knowledge
from .records import Event

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "parataxis"}  # clauses that report other acts
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Words:
    """What an event says: single words (as written and as lemmas) and its running text in both forms."""

    words: frozenset[str]
    texts: tuple[str, ...]  # " surface words ... ", " lemma words ... " with a space at each end

    def has(self, key: str) -> bool:
        if " " not in key:
            return key in self.words
        return any(f" {key} " in t for t in self.texts)


@dataclass(frozen=True)
class ModeCue:
    mode: str
    cues: tuple[str, ...]
    cameo: str | None
    parties: int | None


def event_words(triggers: Iterable[Token], extra: Iterable[str] = ()) -> Words:
    """The words of the triggers' phrases, without embedded clauses, and of ``extra`` texts."""
    seen: dict[int, Token] = {}

    def walk(t: Token) -> None:
        if t.i in seen:
            return
        seen[t.i] = t
        for c in t.children:
            if c.dep_ not in CLAUSE_DEPS:
                walk(c)

    for t in triggers:
        walk(t)
    toks = [seen[i] for i in sorted(seen)]
    surface = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    for text in extra:
        words = _WORD.findall(text.lower())
        surface += ["|", *words]  # "|" keeps a phrase from running across two texts
        lemmas += ["|", *(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)]
    return Words(frozenset(surface) | frozenset(lemmas), (f" {' '.join(surface)} ", f" {' '.join(lemmas)} "))


def title_words(title: str | None) -> Words:
    """A story title's words (not parsed: a plural's 's' is dropped to approximate its lemma)."""
    return event_words((), [title] if title else [])


@lru_cache(maxsize=4)
def _mode_cues(k: Knowledge) -> dict[str, tuple[ModeCue, ...]]:
    out = {}
    for etype, modes in k.modes.items():
        out[etype] = tuple(ModeCue(mode, tuple(str(c).lower() for c in spec.get("cues") or ()),
                                   str(spec["cameo"]) if spec.get("cameo") else None, spec.get("parties"))
                           for mode, spec in (modes or {}).items())
    return out


def assign_mode(event: Event, words: Words, k: Knowledge) -> None:
    """Give an event without a mode the one its words or its CAMEO code tell; refine a generic CAMEO code."""
    if event.mode:
        return
    n_parties = len(parties([*event.actor, *event.recipient]))
    for cue in _mode_cues(k).get(event.event, ()):
        hit = next((c for c in cue.cues if words.has(c)), None)
        if hit is None and cue.parties and n_parties >= cue.parties:
            hit = f"{n_parties} parties"
        if hit is None:
            continue
        event.mode = cue.mode
        event.reason += f"; mode {cue.mode} ('{hit}')"
        if cue.cameo and event.cameo == k.plover["types"][event.event]["cameo"]:
            event.cameo = cue.cameo
            event.goldstein = k.goldstein(cue.cameo)
            event.quad_class = k.quad_class(cue.cameo)
        return
    etype, mode, _ = k.cameo_plover.get(event.cameo or "", ("", "", ()))
    if etype == event.event and mode in k.plover["types"][event.event].get("modes", ()):
        event.mode = mode
        event.reason += f"; mode {mode} (CAMEO {event.cameo})"


def contexts(rule_contexts: Iterable[str], words: Words, event: Event, k: Knowledge) -> list[str]:
    """The event's contexts: its pattern's, its words', its CAMEO code's and its parties' sectors'."""
    found = list(rule_contexts)

    def add(items: Iterable[str]) -> None:
        found.extend(c for c in items if c not in found)

    add(_word_contexts(words, k))
    add(k.cameo_plover.get(event.cameo or "", ("", "", ()))[2])
    for e in [*event.actor, *event.recipient]:
        add(k.sector_contexts.get(e.sector or "", ()))
    return found


def story_contexts(title: str | None, k: Knowledge) -> list[str]:
    """Contexts a story's title names ("Japan, Sweden to deepen defence ties" is military)."""
    return _word_contexts(title_words(title), k)


def _word_contexts(words: Words, k: Knowledge) -> list[str]:
    """The contexts whose keywords (contexts.yaml) are among the words."""
    return [c for c, keys in k.contexts.items() if any(words.has(str(key).lower()) for key in keys)]


def describe(event: Event, triggers: Iterable[Token], rule_contexts: Iterable[str], k: Knowledge) -> None:
    """Set an event's mode (when its pattern gave none) and contexts."""
    words = event_words(triggers, [e.text for e in [*event.actor, *event.recipient]])
    assign_mode(event, words, k)
    event.context = contexts(rule_contexts, words, event, k)
