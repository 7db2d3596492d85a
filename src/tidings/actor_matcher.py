"""Finding actor words in a parsed text: every known surface form (country names, demonyms, seats of
government, organisations) and role phrase, matched once per document. ``actors.py`` resolves them."""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .knowledge import Knowledge, Role, Surface
from .parse import adapt_tokenizer


class ActorMatcher:
    """Phrase matchers over every known surface form and role phrase (built once per process)."""

    def __init__(self, k: Knowledge, vocab):
        self.k = k
        from spacy.lang.en import English

        self.surfaces = PhraseMatcher(vocab, attr="ORTH")
        tok = English(vocab=vocab).tokenizer
        adapt_tokenizer(tok)  # patterns tokenized as the parsed text is
        for text in k.surfaces:
            self.surfaces.add(text, [tok(text)])
            if text.startswith("the "):
                self.surfaces.add(text, [tok("The " + text[4:])])
        # country names and demonyms in capitals ("PAKISTANI TROOPS") or lower case ("the palestinian
        # authorities"), except those that are also common words ("turkey", "china", "polish")
        self.caseless = PhraseMatcher(vocab, attr="LOWER")
        common = {w.lower() for w in k.collectives.get("common_words", [])}
        for text, options in k.surfaces.items():
            if any(o.kind in ("country", "demonym") for o in options) and len(text) > 3 \
                    and text.lower() not in common and not text.isupper():
                self.caseless.add(text, [tok(text)])
        self.given_names = {w.lower() for w in k.offices.get("given_names", [])}
        self.roles = PhraseMatcher(vocab, attr="LOWER")
        for phrase in k.roles:  # "gen." and "Gen." tokenize differently: both forms; "Attorney-General" too
            variants = (phrase, phrase.capitalize(), phrase.title()) + \
                ((phrase.replace(" ", "-").title(),) if phrase.count(" ") == 1 else ())
            forms = {tuple(t.lower_ for t in tok(p)): tok(p) for p in variants}
            self.roles.add(phrase, list(forms.values()))

    def annotate(self, doc: Doc) -> tuple[dict[int, tuple[Span, Surface]], dict[int, tuple[Span, Role]]]:
        """token index -> (span, surface) and token index -> (span, role), longest matches first."""
        strings = doc.vocab.strings
        surf: dict[int, tuple[Span, Surface]] = {}
        for match_id, start, end in sorted(self.surfaces(doc), key=lambda m: (m[1] - m[2], m[1])):
            if not any(i in surf for i in range(start, end)):
                self._claim(doc, surf, start, end, self.k.surfaces[strings[match_id]])
        for match_id, start, end in self.caseless(doc):  # then "PAKISTANI", "palestinian" where still free
            text = doc[start:end].text
            if not any(i in surf for i in range(start, end)) and (text.isupper() or text.islower()):
                self._claim(doc, surf, start, end, [o for o in self.k.surfaces[strings[match_id]]
                                                    if o.kind in ("country", "demonym")])
        roles: dict[int, tuple[Span, Role]] = {}
        for match_id, start, end in sorted(self.roles(doc), key=lambda m: (m[1] - m[2], m[1])):
            if any(i in roles for i in range(start, end)):
                continue
            inside = surf.get(start)  # "Muslim" in "Pakistan Muslim League", "Bank" in "West Bank"
            if inside is not None and inside[0].start <= start and end <= inside[0].end \
                    and (inside[0].start, inside[0].end) != (start, end) and inside[1].kind != "demonym":
                continue
            if name_tail(surf, start, self.k.countries) and surf[start][0].end < end:
                continue  # "Union leaders" in "European Union leaders": the name's last word is no role word
            if any(self._places_around(doc, start, end, right=False)):
                continue  # "Bank" in "the West Bank": part of a place name
            if end - start == 1 and doc[start].lower_ in self.given_names and doc[start].text.istitle() \
                    and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                continue  # "Christian Porter": a given name, not the role "Christian"
            role = self.k.roles[strings[match_id]]
            for i in range(start, end):
                roles[i] = (doc[start:end], role)
        return surf, roles


    def _claim(self, doc: Doc, surf: dict, start: int, end: int, options: list[Surface]) -> None:
        """Mark doc[start:end] as one meaning of ``options``, unless it is part of a longer place name."""
        span = doc[start:end]
        choice = _pick_surface(options, span)
        if choice is not None and not self._inside_place(doc, start, end, choice):
            for i in range(start, end):
                surf[i] = (span, choice)

    def _places_around(self, doc: Doc, start: int, end: int, right: bool = True):
        """The gazetteer entries of the longer names a match is part of: one or two words before it,
        and (``right``) one word after it."""
        windows = [(start - 1, end), (start - 2, end)] + ([(start, end + 1)] if right else [])
        for a, b in windows:
            if 0 <= a and b <= len(doc) and (places := self.k.places.get(doc[a:b].text)):
                yield places

    def _inside_place(self, doc: Doc, start: int, end: int, s: Surface) -> bool:
        """'Mexico' in 'New Mexico', 'Georgia' in 'South Georgia': part of a longer place elsewhere."""
        return any(all(p.country != s.code for p in places) for places in self._places_around(doc, start, end))


def name_tail(surf: dict[int, tuple[Span, Surface]], i: int, countries) -> bool:
    """Is token ``i`` a later word of a name that is no state's ("Union" of "European Union"; not
    "military" of "Israeli military")? Such a word does not start a role."""
    return i in surf and surf[i][0].start < i and surf[i][1].code not in countries


def _pick_surface(options: list[Surface], span: Span) -> Surface | None:
    """One meaning for an ambiguous surface form."""
    if len(options) == 1:
        return options[0]
    # a country name beats an organisation alias beats a demonym beats a metonym
    order = {"country": 0, "organization": 1, "demonym": 2, "metonym": 3}
    return sorted(options, key=lambda s: order.get(s.kind, 9))[0]


@lru_cache(maxsize=4)
def actor_matcher(k: Knowledge, vocab) -> ActorMatcher:
    return ActorMatcher(k, vocab)
