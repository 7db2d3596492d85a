"""Actor stage: find who is named in a story and resolve each mention to a code.

A mention is a noun phrase. Its code and sector come from, in this order of
strength: the office-holder table (a named person holding an office on the
date; ``redate`` re-codes them for the event's own date), a country word inside
the phrase ("*Swedish* Prime Minister"), a possessor ("*Japan's* defence
minister"), an "of" phrase ("the president *of France*"), a place ("police *in
Paris*"), an apposition, earlier mentions in the same story ("Kristersson",
"the prime minister"), and the story context ("the two sides", "they", the
dateline's country). Places are not actors. Each entity says how it was
resolved (``basis``, ``how``) and how sure that is; an actor whose country
stays unknown is kept with its sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache

from spacy.tokens import Span, Token

from .actor_matcher import name_tail
from .knowledge import Knowledge, Role, Surface, fold
from .places import country_of
from .records import Entity

_SKIP_DEPS = {"det", "punct", "cc", "preconj", "case", "predet"}
_STATE_KINDS = {"country", "metonym", "demonym"}
_ARMED_ORGS = {"REB", "PRM", "CRM", "UAF"}
_NOT_HERE = {"foreign", "overseas", "outside", "international", "multinational", "external", "allied"}
_INTERNATIONAL = {"UNO", "EUR", "IGO"}
_NON_STATE_OFFICES = {"PTY", "OPP", "REB", "PRM"}
_OWN_SECTOR_ORGS = {"REB", "PRM", "PTY", "OPP", "CRM", "BUS", "JRN", "REL", "SPY"}  # members take the group's sector
_AGENT_PARTICIPLES = {"led", "run", "controlled", "owned", "claimed", "operated", "organised", "organized"}
# "U.S.-backed fighters", "Iran-allied militias", "Australian-born militant": associated, not the owner
_LINK_PARTICIPLES = {"backed", "sponsored", "supported", "funded", "linked", "allied", "aligned", "affiliated",
                     "inspired", "based", "born", "trained", "armed"}
_NOT_OWNER = _AGENT_PARTICIPLES | _LINK_PARTICIPLES
_COMPASS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
            "southeastern", "southwestern", "north", "south", "east", "west", "mid", "upper", "lower",
            "northwest", "northeast", "southwest", "southeast"}
_NOT_PERSON_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LAW",
                    "LANGUAGE"}  # "May 2019" is not Theresa May
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "into", "around", "throughout"}


@dataclass
class StoryActors:
    """What a story has said about its actors so far (document-level resolution)."""

    when: date | None
    home: str | None = None  # country of the story's dateline ("KABUL (Reuters) -" -> AFG)
    persons: dict[str, Entity] = field(default_factory=dict)  # full name and surname -> entity
    roles: dict[str, Entity] = field(default_factory=dict)  # role phrase -> last holder mentioned
    pair: list[Entity] = field(default_factory=list)  # two parties last acting together
    last_plural: list[Entity] = field(default_factory=list)
    last_singular: list[Entity] = field(default_factory=list)
    last_person: list[Entity] = field(default_factory=list)
    states_seen: dict[str, Entity] = field(default_factory=dict)
    state_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WordLists:
    """The word lists of collectives.yaml and offices.yaml as sets, built once per knowledge (not per sentence)."""

    place_heads: frozenset[str]
    state_nouns: frozenset[str]
    armed_heads: frozenset[str]  # armed_action_heads
    envoy_roles: frozenset[str]
    armed_words: frozenset[str]  # armed_adjectives
    relational: frozenset[str]  # relational_nouns
    polity_heads: frozenset[str]
    descriptors: frozenset[str]  # name_descriptors
    company_suffixes: frozenset[str]
    staff_roles: frozenset[str]
    object_roles: frozenset[str]
    regional: frozenset[str]  # regional_adjectives
    carrier_verbs: frozenset[str]
    pair_heads: frozenset[str]
    pronouns: dict[str, frozenset[str]]  # kind -> words
    party_words: dict[str, str]  # party_adjectives: word -> country
    honorifics: frozenset[str]  # offices.yaml, lower case
    former_words: frozenset[str]  # offices.yaml "former"


@lru_cache(maxsize=4)
def _word_lists(k: Knowledge) -> WordLists:
    coll = k.collectives

    def words(key: str) -> frozenset[str]:
        return frozenset(coll.get(key, []))

    return WordLists(
        place_heads=words("place_heads"), state_nouns=words("state_nouns"), armed_heads=words("armed_action_heads"),
        envoy_roles=words("envoy_roles"), armed_words=words("armed_adjectives"), relational=words("relational_nouns"),
        polity_heads=words("polity_heads"), descriptors=words("name_descriptors"),
        company_suffixes=words("company_suffixes"), staff_roles=words("staff_roles"),
        object_roles=words("object_roles"), regional=words("regional_adjectives"),
        carrier_verbs=words("carrier_verbs"), pair_heads=words("pair_heads"),
        pronouns={kind: frozenset(w) for kind, w in coll.get("pronouns", {}).items()},
        party_words=coll.get("party_adjectives", {}),
        honorifics=frozenset(h.lower() for h in k.offices.get("honorifics", [])),
        former_words=frozenset(k.offices.get("former", [])))


class SentenceActors:
    """Resolves noun phrases of one sentence; shares a :class:`StoryActors` with the rest of the story."""

    def __init__(self, sent: Span, k: Knowledge, story: StoryActors,
                 surfaces: dict[int, tuple[Span, Surface]], roles: dict[int, tuple[Span, Role]]):
        self.sent = sent
        self.k = k
        self.story = story
        self.surfaces = surfaces
        self.roles = roles
        self.coll = k.collectives
        self._cache: dict[int, list[Entity]] = {}
        self._shared: dict[int, int] = {}  # a country word -> the role noun it shares ("US and Afghan forces")
        self._order: list[tuple[int, list[Entity]]] = []
        self.words = _word_lists(k)  # collectives.yaml and offices.yaml lists as sets
        self.floor = sent.start  # phrases start no earlier (a span given by the caller: see ``within``)
        self.ceiling = sent.end  # and take in no coordinated phrase from here on

    # ---- offsets and text ---------------------------------------------
    def _ent(self, span_start: int, span_end: int, **kw) -> Entity:
        """An entity whose text is doc[span_start:span_end], offsets within the sentence."""
        doc = self.sent.doc
        span = doc[span_start:span_end]
        base = self.sent.start_char
        return Entity(text=span.text, start=span.start_char - base, end=span.end_char - base, **kw)

    def np_bounds(self, tok: Token) -> tuple[int, int]:
        """The noun phrase headed by ``tok``: its pre-modifiers and the head, no determiner."""
        start = max(tok.left_edge.i, self.floor)
        while start < tok.i and tok.doc[start].dep_ in _SKIP_DEPS | {"poss"} and tok.doc[start].tag_ != "NNP":
            start += 1
        end = tok.i + 1
        # keep a multi-token name or role that runs past the head ("Prime Minister's Office")
        if tok.i in self.surfaces:
            end = max(end, self.surfaces[tok.i][0].end)
        return start, end

    # ---- the main entry points ------------------------------------------
    def resolve(self, tok: Token) -> list[Entity]:
        """Entities for the noun phrase headed by ``tok`` and the phrases coordinated with it."""
        if tok.i in self._cache:
            return self._cache[tok.i]
        if tok.i in self._shared.values():
            return []  # "forces" of "US and Afghan forces": read with the country word that heads it
        self._cache[tok.i] = []  # guards against cycles
        out = list(self._resolve_one(tok))
        for child in tok.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON") and child.i < self.ceiling \
                    and self._shared.get(tok.i) != child.i:  # ("forces" of "US and Afghan forces": read)
                out.extend(self.resolve(child))
        out = _unique(out, Entity.key)
        self._cache[tok.i] = out
        if out:
            self._remember(tok, out)
        return out

    def within(self, start: int, end: int | None = None) -> SentenceActors:
        """The same sentence read with phrases cut to tokens ``start``..``end``: a caller's span "British
        armed forces" of "Nigerian and British armed forces" is the British forces only, and "The leaders
        of India" of "The leaders of India and Pakistan" the Indian leaders."""
        other = SentenceActors(self.sent, self.k, self.story, self.surfaces, self.roles)
        other.floor = start
        other.ceiling = self.sent.end if end is None else end
        return other

    def find(self, tok: Token, event_noun: bool = False) -> list[Entity]:
        """Entities an argument refers to: its own phrase, else its possessor or modifiers.

        "North Korea's nuclear missile program" -> PRK; "a U.S. Supreme Court decision" -> USA JUD.
        """
        found = self._named(tok) or self.resolve(tok) or self._polity_of(tok) or self._carried(tok)
        if found:
            return found
        if tok.lemma_.lower() in self.words.place_heads and _locative(tok):
            return []  # "refuge in Niger's Maradi region": a place, not an actor ("attacked Syrian villages" is)
        out: list[Entity] = []
        armed = tok.lemma_.lower() in self.words.armed_heads  # "Russian shelling", "a Saudi-led strike": its forces
        for child in tok.children:
            if child.dep_ == "poss" and tok.lemma_.lower() in self.words.relational:
                continue  # "his Pakistani counterpart", "its allies": the possessor is the other side
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i:
                if child.i in self.surfaces and self.surfaces[child.i][1].kind == "demonym":
                    start, end = self.np_bounds(tok)  # "Swedish counterpart", "Russian aggression": the state;
                    for word in self._hyphen_partners(child) + [child]:  # "US-Iraqi": both states
                        span, s = self.surfaces[word.i]
                        out.append(self._ent(start, end, name=s.name, code=s.code, sector="MIL" if armed else "GOV",
                                             kind="state", how=f"country word '{span.text}' modifying '{tok.text}'"
                                             f": the state{' (armed action: its forces)' if armed else ''}",
                                             confidence=0.6, basis="modifier"))
                    continue
                if child.dep_ == "compound" and child.i in self.surfaces and \
                        self.surfaces[child.i][1].kind == "metonym" and self.surfaces[child.i][0].text in self.k.places:
                    continue  # "the Juba airport": the capital as a place, not its government ("a Pentagon analyst" is)
                if child.lower_ in _LINK_PARTICIPLES:
                    continue  # "Iran-backed militia groups" are not Iran
                if child.lower_ in _AGENT_PARTICIPLES:  # "a Saudi-led strike": Saudi Arabia acts
                    for g in child.children:
                        if g.i < child.i:
                            out.extend(replace(e, kind="state", sector="MIL" if armed else "GOV", basis="modifier",
                                               how=f"'{g.text}-{child.text}': the state"
                                                   + (" (armed action: its forces)" if armed else ""))
                                       if e.basis == "name" and e.kind in ("group", "state") else e
                                       for e in self.find(g) if e.code)
                    continue
                found = self.find(child)
                if armed and child.dep_ != "poss":  # "Syrian government shelling", "regime air strikes": its forces
                    found = [replace(e, sector="MIL", other_sectors=[e.sector], how=e.how + "; armed action: "
                                     "its forces") if e.sector == "GOV" and e.kind in ("state", "group") else e
                             for e in found]
                out.extend(found if child.dep_ == "poss" else [e for e in found if e.code])
        part = self._sector_adjective(tok)
        if part is not None:  # "a U.S. congressional report": the state's legislature
            out = [replace(e, sector=part, how=e.how + f"; '{part}' from the adjective")
                   if e.kind == "state" and e.basis in ("name", "modifier") else e for e in out]
        elif (part := self._sector_head(tok)) is not None:
            out = [replace(e, sector=part, other_sectors=[e.sector], how=e.how + f"; '{tok.text}': {part}")
                   if e.kind == "state" and e.basis in ("name", "modifier") and e.sector == "GOV" else e
                   for e in out]  # "China's exports", "German industrial products": its businesses
        if not out:
            preps = ("of", "with", "between", "by", "from") if event_noun else ("of", "by", "from")
            agent_part = self._sector_adjective(tok) or ("MIL" if armed else None)
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        found = self.find(pobj)
                        if child.lower_ == "by" and agent_part is not None:  # "military actions by Rwanda"
                            found = [replace(e, sector=agent_part, other_sectors=[e.sector],
                                             how=e.how + f"; '{tok.text}' by it: {agent_part}")
                                     if e.kind == "state" and e.basis == "name" and e.sector == "GOV" else e
                                     for e in found]
                        out.extend(found)
        for child in tok.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and child.i < self.ceiling:
                out.extend(self.find(child, event_noun))
        return _unique(out, Entity.key)

    def _named(self, tok: Token) -> list[Entity]:
        """A description followed by the organisation's name: "Lebanon's guerrilla organization Hezbollah",
        "the Basque separatist group ETA" are the named organisation."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.words.descriptors:
            return []
        doc = tok.doc
        after = [c for c in tok.children if c.dep_ == "appos"] + ([doc[tok.i + 1]] if tok.i + 1 < len(doc) else [])
        for c in after:
            if c.i < self.ceiling and c.i in self.surfaces and self.surfaces[c.i][1].kind == "organization" \
                    and self.surfaces[c.i][0].start == c.i:
                return [e for e in self.resolve(c) if e.code]
        return []

    def _polity_of(self, tok: Token) -> list[Entity]:
        """'the former Soviet republic of Belarus', 'the kingdom of Bahrain': the state its "of" names."""
        if tok.lemma_.lower() not in self.words.polity_heads:
            return []
        return [e for child in tok.children if child.dep_ == "prep" and child.lower_ == "of"
                for pobj in child.children if pobj.dep_ == "pobj"
                for e in self.resolve(pobj) if e.code and e.kind == "state"]

    def _carried(self, tok: Token) -> list[Entity]:
        """'a bus carrying Iraqi National Guards': the vehicle stands for whom it carries."""
        return [e for verb in tok.children if verb.dep_ == "acl" and verb.lemma_.lower() in self.words.carrier_verbs
                for obj in verb.children if obj.dep_ == "dobj" for e in self.find(obj) if e.code]

    def _hyphen_partners(self, word: Token) -> list[Token]:
        """'US' and 'Indian' in "US-Iraqi", "Indian-Pakistani": country words joined to ``word`` by a hyphen."""
        doc = word.doc
        return [g for g in word.children if g.i + 2 == self.surfaces[word.i][0].start and doc[g.i + 1].text == "-"
                and g.i in self.surfaces and self.surfaces[g.i][1].kind in _STATE_KINDS]

    def all_mentions(self, before: int | None = None) -> list[tuple[int, list[Entity]]]:
        """Every resolvable noun phrase head in the sentence (before token ``before``), in order (for
        pronoun look-back)."""
        for tok in self.sent:
            if before is not None and tok.i >= before:
                break
            if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("compound", "amod"):
                self.resolve(tok)
        return sorted(self._order)

    # ---- resolution of one phrase ---------------------------------------
    def _resolve_one(self, tok: Token) -> list[Entity]:
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self._pronoun(tok)
        if tok.pos_ not in ("PROPN", "NOUN", "NUM") and tok.i not in self.surfaces:
            return []  # adjectives count only as country words ("Swedish"), not as roles ("military")
        start, end = self.np_bounds(tok)
        doc = tok.doc
        states: list[tuple[Token, Surface]] = []  # country words inside the phrase
        role: Role | None = None
        role_text = ""
        head_surface = self.surfaces.get(tok.i)
        for i in range(start, tok.i):
            if i in self.surfaces and (head_surface is None or self.surfaces[i][0] != head_surface[0]):
                s = self.surfaces[i][1]
                if doc[i].head.lower_ in _LINK_PARTICIPLES and doc[i].head.i != tok.i:
                    continue  # "U.S.-backed Kurdish fighters" are not American ("U.S.-led troops" are)
                if s.kind in _STATE_KINDS or (s.kind == "organization" and i == self.surfaces[i][0].end - 1):
                    if not states or states[-1][1] != s:
                        states.append((doc[i], s))
        if tok.i in self.roles and not (head_surface is not None and head_surface[1].kind == "organization"
                                        and head_surface[0].start <= self.roles[tok.i][0].start):
            role_span, role = self.roles[tok.i]  # ("Union" in "European Union" is not a trade union)
            role_text = role_span.text
        elif tok.pos_ == "PROPN" and not (head_surface is not None and head_surface[1].kind in ("country", "metonym")) \
                and tok.lower_ not in self.words.place_heads:  # "King County" is a place with no title
            # ^ a state's name takes no title: "mostly Muslim Turkey", "communist China"
            titles = []  # titles before a name, nearest first: "Prime Minister Ulf Kristersson"
            for i in range(tok.i - 1, start - 1, -1):
                if head_surface is not None and head_surface[0].start <= i:
                    break  # inside a known name: "National" in "Libyan National Army" is no title
                if i in self.roles and (not titles or titles[-1][0] != self.roles[i][0]):
                    titles.append(self.roles[i])
            if titles:  # "Supreme Leader Ayatollah Ali Khamenei": the title of the office he holds
                role_span, role = self._best_title(tok, titles)
                role_text = role_span.text
        if tok.i in self.roles and role is not None and len(self.roles[tok.i][0]) == 1:
            composed = self._composed_role(tok)  # (not "senior" for the matched "military official")
            if composed is not None:
                role, role_text = composed
        person = self._person_name(tok)
        poss_states = self._possessor_states(tok)
        former = self._former(start, tok)

        # 1. the phrase is itself a country, organisation or seat of government
        shared = self._shared_role(tok) if head_surface is not None and role is None and person is None else None
        if shared is not None:  # "Nigerian" in "Nigerian and British armed forces": the Nigerian forces
            partners = [(c, self.surfaces[c.i][1]) for c in self._demonym_conjuncts(tok) if c.i < shared.i]
            if partners and shared.dep_ == "conj":
                self._shared[tok.i] = shared.i  # "US and Afghan forces": the forces are read here
            owners = [(tok, head_surface[1])] + partners
            return self._role(shared, start, end, self.roles[shared.i][1], owners, [], former)
        if head_surface is not None and role is None and person is None:
            if _locative(tok) and (head_surface[1].kind == "metonym" or head_surface[1].sector == "PRE"
                                   or head_surface[0].text in self.k.places):
                return []  # "troops in Manila", "in Abkhazia", "a summit in Brussels": a place, not an actor
            if head_surface[1].kind == "country" and any(c.dep_ in ("amod", "compound") and c.lower_ in _COMPASS
                                                         and c.i < head_surface[0].start for c in tok.children):
                return []  # "northern Mexico", "eastern Lebanon": a region ("North Korea" is the state)
            span, s = head_surface
            return [self._from_surface(span.start, max(end, span.end), s)]
        # 2. a named person
        if person is not None:
            return [self._person(tok, start, end, person, role, role_text, states, poss_states, former)]
        # 3. a role: "Swedish troops", "Japan's defence minister", "the president of France"
        if role is not None:
            return self._role(tok, start, end, role, states, poss_states, former) + self._coordinated_bodies(tok, role)
        # 4. "the two sides", "both nations"
        collective = self._collective(tok, None)
        if collective:
            return collective
        # 5. a party's members: "Democrats", "Republicans"
        if tok.lower_ in self.words.party_words and tok.tag_ in ("NNS", "NNPS") and tok.text[:1].isupper():
            return [self._ent(start, end, name=tok.text, code=self.words.party_words[tok.lower_], sector="PTY",
                              kind="group", how=f"party word '{tok.text}'", confidence=0.6, basis="context")]
        # 6. a plural demonym as a people: "Swedes"
        if head_surface is not None:
            span, s = head_surface
            return [self._from_surface(span.start, span.end, s)]
        # 7. a capitalised word the tagger did not take for a name, with a role in apposition:
        #    "Cipollone, White House counsel,"
        appos = self._appos_role(tok) if tok.text[:1].isupper() else None
        if appos is not None:
            return [self._ent(start, end, name=tok.text, code=appos.code, sector=appos.sector,
                              other_sectors=list(appos.other_sectors), kind="person",
                              how=f"apposition '{appos.text}'", confidence=0.8, basis="title+country")]
        return []

    def _role_start(self, tok: Token) -> int:
        """Where the role phrase matched at ``tok`` starts ("foreign" of "foreign ministers"), else ``tok``."""
        return self.roles[tok.i][0].start if tok.i in self.roles else tok.i

    def _coordinated_bodies(self, tok: Token, role: Role) -> list[Entity]:
        """A body coordinated inside the modifiers of a role is an actor of its own: "the Sudanese government
        and Darfur rebels", "Police and National Guard troops" (but "House and Senate negotiators" are
        the negotiators of either house)."""
        if role.kind == "member":
            return []
        return [e for c in tok.children if c.dep_ in ("nmod", "compound") and c.i < tok.i and c.i in self.roles
                and self.roles[c.i][0].end <= self._role_start(tok)
                and any(x.dep_ == "cc" for x in c.children) and any(x.dep_ == "conj" for x in c.children)
                for e in self._resolve_one(c)]

    def _demonym_conjuncts(self, tok: Token) -> list[Token]:
        """Country adjectives coordinated with ``tok``: "Afghan" in "US and Afghan forces"."""
        return [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "ADJ" and c.i in self.surfaces
                and self.surfaces[c.i][1].kind == "demonym" and c.i < self.ceiling]

    def _shared_role(self, tok: Token) -> Token | None:
        """The role noun a country word shares with a coordinated one: "Nigerian" in "Nigerian and British
        armed forces", "Russia" in "Russia and Turkey's foreign ministers" (not "Japan" in "Japan's
        minister": one owner is just the possessor)."""
        if self.surfaces[tok.i][1].kind not in _STATE_KINDS:
            return None
        if self.surfaces[tok.i][1].kind == "demonym" and tok.dep_ == "amod" and tok.head.i >= self.ceiling \
                and tok.head.i in self.roles:
            return tok.head  # a caller's span "Georgian" of "Georgian and South Ossetian forces": the forces
        if self.surfaces[tok.i][1].kind == "demonym" and tok.tag_ not in ("NNS", "NNPS") and not _definite(tok):
            shared = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i in self.roles
                           and c.i < self.ceiling), None)
            if shared is not None:  # the parser made "Afghan" the head of "Afghan and U.S.-led troops"
                return shared
        if self.surfaces[tok.i][1].kind == "country":  # the parser made "US" the head of "US and Afghan forces"
            for c in self._demonym_conjuncts(tok):
                noun = tok.doc[c.i + 1] if c.i + 1 < len(tok.doc) else None
                if noun is not None and noun.dep_ == "conj" and noun.head.i == tok.i and noun.pos_ == "NOUN" \
                        and noun.i in self.roles and noun.i < self.ceiling:
                    return noun
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first is tok and not any(c.dep_ == "conj" and c.i in self.surfaces for c in tok.children):
            return None
        head = first.head
        if first.dep_ in ("amod", "compound", "poss", "nmod") and head.i > tok.i and head.i in self.roles:
            return head
        return None

    def _from_surface(self, start: int, end: int, s: Surface) -> Entity:
        if s.kind == "organization":
            return self._ent(start, end, name=s.name, code=s.code, sector=s.sector,
                             other_sectors=list(s.other_sectors), kind="organization",
                             how="organisation name", confidence=0.95, basis="name")
        if s.kind == "demonym":
            head = self.sent.doc[end - 1]
            one = any(c.lower_ in ("a", "an", "one") for c in head.children)  # "a Briton", "an Iraqi": a person
            if head.tag_ not in ("NNS", "NNPS") and not head.lower_.endswith("s") and not one:  # "the British"
                return self._ent(start, end, name=s.name, code=s.code, sector="GOV", kind="state",
                                 how="country adjective standing for the state", confidence=0.6, basis="name")
            if any(c.lower_ in self.words.armed_words for c in head.children if c.dep_ == "amod"):
                return self._ent(start, end, name=s.name, code=s.code, sector="REB", kind="group",
                                 how="armed people of the country", confidence=0.6, basis="name")
            return self._ent(start, end, name=s.name, code=s.code, sector="CVL",
                             kind="person" if one else "group", how="demonym as people", confidence=0.7,
                             basis="name")
        if s.kind == "metonym":
            return self._ent(start, end, name=s.name, code=s.code, sector="GOV", kind="state",
                             how=f"seat of government '{self.sent.doc[start:end].text}'", confidence=0.85,
                             basis="name")
        return self._ent(start, end, name=s.name, code=s.code, sector="GOV", kind="state",
                         how="country name", confidence=0.95, basis="name")

    def _best_title(self, tok: Token, titles: list[tuple[Span, Role]]) -> tuple[Span, Role]:
        """Of several titles before a name, the one naming an office the person held (the first written
        when several do: "President General Pervez Musharraf" is the president); else the nearest."""
        if len(titles) > 1:
            name = tok.doc[titles[0][0].end:tok.i + 1].text
            terms = self._person_terms(name, None)
            held = [(span, role) for span, role in titles
                    if any(self.k.office_fits(t.office, role.phrase) for t in terms)]
            if held:
                return held[-1]
        return titles[0]

    def _composed_role(self, tok: Token) -> tuple[Role, str] | None:
        """'defense and economic ministers' -> the role 'defense minister' from a coordinated modifier."""
        head = tok.lemma_.lower()
        best = None
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
        for m in list(mods):
            mods.extend(c for c in m.children if c.dep_ == "conj")
        for m in mods:
            phrase = f"{m.lower_} {head}"
            if name_tail(self.surfaces, m.i, self.k.countries):
                continue  # "European Union leaders": the end of a name is no role word ("Israeli military court" is)
            if phrase in self.k.roles:
                r = self.k.roles[phrase]
                if best is None or len(r.other_sectors) > len(best[0].other_sectors):
                    best = (r, f"{m.text} {tok.text}")
        return best

    def _person_name(self, tok: Token) -> str | None:
        if tok.pos_ != "PROPN" or tok.lower_ in self.words.place_heads:  # "King County": a place
            return None
        if tok.text in self.story.persons:
            return self.story.persons[tok.text].name
        doc, k = tok.doc, self.k
        first = tok.i  # the run of names ending at the head: "Theresa May", "Pérez Molina"
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound" \
                and first - 1 not in self.roles and first - 1 not in self.surfaces:
            first -= 1
        run = doc[first:tok.i + 1].text
        for j in range(first, tok.i):  # the longest known name in the run: "Furious Theresa May" -> "Theresa May"
            known = doc[j:tok.i + 1].text
            if known in k.terms or fold(known) in k.terms:
                return known  # a known office-holder, whatever the tagger says ("May" is not a month here)
        if tok.i in self.surfaces:
            return None  # a known country or organisation is not a person ("Boko Haram", "Jordan")
        if tok.ent_type_ == "PERSON" or (tok.text in k.terms and tok.ent_type_ not in _NOT_PERSON_ENTS
                                         and not self._known_place(tok)):  # "The Hague" is no William Hague
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
            if ent is not None:
                words = [t for t in ent if t.tag_ != "POS" and t.text not in ("’s", "'s") and t.i not in self.roles]
                return "".join(t.text_with_ws for t in words).strip() or tok.text  # "Ben-Gvir" stays whole
            return run
        if tok.i in self.roles:
            return None
        # a capitalised name after a title: "Prime Minister Ishiba"
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.i in self.roles and tok.dep_ != "compound":
            return " ".join(t.text for t in doc[prev.i + 1: tok.i + 1])
        return None

    def _known_place(self, tok: Token) -> bool:
        """Is ``tok`` part of a place the tagger found and the gazetteer knows ("The Hague")?"""
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None or ent.label_ not in ("GPE", "LOC", "FAC"):
            return False
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return text in self.k.places or ent.text in self.k.places

    def _role(self, tok: Token, start: int, end: int, role: Role, states: list, poss_states: list[Entity],
              former: bool) -> list[Entity]:
        """A role phrase: its country from a country word, possessor, of/in phrase, earlier mention or story."""
        if role.phrase in self.words.envoy_roles:  # "its U.N. ambassador", "the U.S. envoy to NATO": the state's
            states, poss_states = self._envoy_owner(tok, states, poss_states)
        first = self._role_start(tok)  # (not "Foreign" of "Foreign ministers")
        regional = next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < first and c.pos_ == "ADJ"
                         and c.lower_ in self.words.regional), None) if tok.tag_ in ("NNS", "NNPS") else None
        if regional is not None and not states and not poss_states:  # "African leaders meeting in Tanzania"
            return [self._ent(start, end, name=None, code=None, sector=role.sector,
                              other_sectors=list(role.other_sectors), kind=_role_kind(role, tok),
                              how=f"role '{role.phrase}' of several '{regional.text}' states", confidence=0.4,
                              basis="unresolved")]
        sources = [(s.code, s, "country word") for _, s in states] or \
                  [(e.code, e, "possessor") for e in poss_states] or \
                  [(e.code, e, f"coordinated '{e.text}'") for e in self._sibling_states(tok)] or \
                  [(e.code, e, f"of-phrase '{e.text}'") for e in self._of_states(tok, role.kind == "member")] or \
                  [(code, None, f"place '{text}'") for code, text in self._place_states(tok, start)] or \
                  [(code, None, f"office-holder '{text}'") for code, text in self._person_states(tok, start)] or \
                  [(code, None, f"party word '{text}'") for code, text in self._party_states(tok, role)] or \
                  [(s.code, s, f"'{t.text} {span.text}' in the span") for t, span, s in self._span_states(tok)]
        sector, others = ("ELI", [role.sector]) if former else (role.sector, list(role.other_sectors))
        if sources and sources[0][2].startswith("party word") and sector == "GOV" and role.kind != "member":
            sector, others = "PTY", [role.sector]  # "Democratic leaders": the party's
        body = self._body_role(tok, role)
        if body is not None and not former:  # "Senate negotiators", "army officials": the body's sector
            sector, others = body.sector, [role.sector]
        elif sector == "GOV" and role.kind in ("group", "member") and role.phrase not in self.words.state_nouns \
                and not former and (part := self._sector_adjective(tok, self._role_start(tok))) is not None:
            # ^ "military authorities", "police officials" (not "military government": a role)
            sector, others = part, [role.sector]
        kind = _role_kind(role, tok)
        appos = self._appos_name(tok)
        if sources:
            ents = []
            for code, src, how in sources:
                sec, oth = sector, others
                owner = getattr(src, "sector", None)
                if (role.kind == "member" or role.phrase in self.words.staff_roles and getattr(src, "kind", "") ==
                        "organization") and owner and not former:
                    sec, oth = owner, [role.sector]  # "an employee of the U.S. consulate", "UN workers": the body's
                elif getattr(src, "kind", "") == "organization" and owner in _OWN_SECTOR_ORGS and not former \
                        and not (role.kind == "group" and role.sector == "GOV"):  # "the TMC government" governs
                    sec, oth = owner, [role.sector]  # "Hamas commanders", "ANC leaders": the group's sector
                ents.append(self._ent(start, end, name=_name_of(src, self.k) if src else self.k.country_name(code),
                                      code=code, sector=sec, other_sectors=oth, kind=kind,
                                      how=f"{'former ' if former else ''}role '{role.phrase}' + {how}",
                                      confidence=0.9, basis="former office-holder" if former else "title+country"))
            if appos and len(ents) == 1:  # "Sweden's prime minister, Ulf Kristersson,"
                ents[0] = replace(ents[0], name=appos, kind="person")
            return ents
        if appos:  # "The Secretary of State, Hillary Clinton": the office-holder table knows her country
            terms = self._person_terms(appos, role)  # ("his presidential rival Laurent Gbagbo": his country)
            fitting = [t for t in terms if self.k.office_fits(t.office, role.phrase)] or terms
            if fitting:
                t = max(fitting, key=lambda t: t.start or date.min)
                return [self._ent(start, end, name=t.name, code=t.country, sector=sector, other_sectors=others,
                                  kind="person", how=f"role '{role.phrase}' + apposition '{appos}' "
                                  f"(office-holder table: {t.office} of {t.country})", confidence=0.85,
                                  basis="title+office-holder")]
        collective = self._collective(tok, role)
        if collective:
            return collective
        earlier = self.story.roles.get(role.phrase)
        if earlier is not None and tok.tag_ in ("NN", "NNP") and _definite(tok) and not former:
            return [self._ent(start, end, name=earlier.name, code=earlier.code, sector=earlier.sector,
                              other_sectors=list(earlier.other_sectors), kind=earlier.kind,
                              how=f"role '{role.phrase}' refers back to {earlier.name or earlier.text}",
                              confidence=0.7, basis="coreference")]
        owned = any(c.dep_ == "poss" and c.pos_ != "PRON" or c.lower_ in _NOT_HERE for c in tok.children)
        # ^ "the Dalai Lama's envoy" is not the dateline's; "foreign forces" are not the country's own
        context = None if owned or self._several_states(tok, role) else self._context_state(sector)
        if context is not None:
            code, why = context
            return [self._ent(start, end, name=self.k.country_name(code), code=code,
                              sector=sector, other_sectors=others, kind=kind,
                              how=f"role '{role.phrase}' + {why}", confidence=0.5, basis="context")]
        return [self._ent(start, end, name=None, code=None, sector=sector, other_sectors=others, kind=kind,
                          how=f"role '{role.phrase}', country unknown", confidence=0.4, basis="unresolved")]

    def _several_states(self, tok: Token, role: Role) -> bool:
        """Does the role stand for several states, so that no single state in context is its own: "21
        countries in Europe", "defense chiefs from about 18 nations"?"""
        plural = ("NNS", "NNPS")
        return tok.tag_ in plural and role.phrase in self.words.state_nouns or any(
            p.dep_ == "pobj" and p.tag_ in plural and p.lemma_.lower() in self.words.state_nouns
            for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for p in c.children)

    def _sector_head(self, tok: Token) -> str | None:
        """The sector a noun gives its owner: "China's exports" -> BUS; for a name, the noun describing it
        or a company's legal suffix: "Russia's second-largest oil producer LUKoil", "Flextronics Ltd." -> BUS."""
        heads = self.coll.get("sector_heads", {})
        if tok.pos_ != "PROPN":
            return heads.get(tok.lemma_.lower())
        if tok.text.rstrip(".").lower() in self.words.company_suffixes and tok.i > 0 and tok.nbor(-1).pos_ == "PROPN":
            return "BUS"
        return next((heads[c.lemma_.lower()] for c in tok.children
                     if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in heads), None)

    def _sector_adjective(self, tok: Token, before: int | None = None) -> str | None:
        """The sector an adjective before token ``before`` gives the noun it modifies: "military" -> MIL,
        "congressional" -> LEG."""
        adjectives = self.coll.get("sector_adjectives", {})
        return next((adjectives[c.lower_] for c in tok.children if c.dep_ in ("amod", "compound")
                     and c.lower_ in adjectives and c.i < (tok.i if before is None else before)), None)

    def _envoy_owner(self, tok: Token, states: list, poss_states: list[Entity]) -> tuple[list, list[Entity]]:
        """A state's envoy to a body ("its U.N. diplomats", "the U.S. NATO ambassador") is the state's:
        the body's name beside the role is where the envoy serves, not whom he speaks for."""
        bodies = [x for x in states if x[1].kind == "organization" and x[1].code in _INTERNATIONAL]
        if not bodies:
            return states, poss_states
        own = [x for x in states if x not in bodies]
        if not own and not poss_states:
            poss_states = [e for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"
                           for e in self._pronoun(c) if e.code]
        return (own, poss_states) if own or poss_states else (states, poss_states)

    def _body_role(self, tok: Token, role: Role) -> Role | None:
        """The body a member role belongs to, named as its modifier: "Senate" in "Senate negotiators"."""
        if role.kind != "member":
            return None
        own = self.roles[tok.i][0] if tok.i in self.roles else None
        for c in (w for child in tok.children if child.dep_ in ("compound", "nmod", "amod")
                  for w in (child, *child.conjuncts)):  # "House and Senate negotiators": either body
            if c.i < tok.i and c.i in self.roles and not (own is not None and own.start <= c.i):
                body = self.roles[c.i][1]  # "army officials" (a body), "a rebel official" (its members)
                if body.kind in ("group", "person") and body.sector not in (role.sector, "GOV"):
                    return body
        return None

    def _former(self, start: int, tok: Token) -> bool:
        """'former President X', 'ex-minister': a former office-holder (sector ELI)."""
        words = self.words.former_words
        doc = tok.doc
        lo = start
        if lo > 0 and doc[lo - 1].lower_ in words:  # "former" left outside the phrase by the parser
            lo -= 1
        return any(doc[i].lower_ in words or doc[i].lower_.startswith("ex-") for i in range(lo, tok.i + 1))

    def _appos_name(self, tok: Token) -> str | None:
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                ent = next((e for e in tok.doc.ents if e.start <= child.i < e.end), None)
                return ent.text if ent is not None else child.text
        return None

    def _person_terms(self, name: str, title: Role | None) -> list:
        """The office-holder table's terms of the one person ``name`` can mean here, or none.

        A full name must match (a surname alone does not make "Hunter Biden" the president);
        a surname shared by several people is settled by who held office on the story date.
        """
        k = self.k
        honorifics = self.words.honorifics
        words = [w for w in name.split() if w.rstrip(".").lower() not in honorifics]  # "Mr Trump", "Dr Abiy"
        name = " ".join(words) or name
        terms = list(k.terms.get(name, []) or k.terms.get(fold(name), []))
        if not terms and len(words) > 2:  # "Otto Pérez Molina" known as "Pérez Molina"
            terms = list(k.terms.get(" ".join(words[-2:]), []))
        if not terms and len(words) > 1:  # a surname alone must belong to someone with this first name
            terms = [t for t in k.terms.get(words[-1], []) if t.name.split()[0] == words[0]]
        people = {_person_key(t.name) for t in terms}  # "Erdoğan" and "Erdogan", "el-Sisi" and "al-Sisi": one person
        if len(people) > 1 and title is not None:
            fitting = {_person_key(t.name) for t in terms if k.office_fits(t.office, title.phrase)}
            people = fitting or people
        if len(people) > 1 and self.story.when is not None:
            people = {_person_key(t.name) for t in terms if _person_key(t.name) in people
                      and _covers(t, self.story.when)} or people
        if len(people) > 1 and self.story.when is None and len({t.country for t in terms}) == 1:
            latest = max(terms, key=lambda t: (t.end or date.max, t.start or date.min))
            people = {_person_key(latest.name)}  # undated "Assad" of one country: the latest (Bashar, not Hafez)
        if len(people) != 1:
            return []
        return [t for t in terms if _person_key(t.name) in people]

    def _person(self, tok: Token, start: int, end: int, name: str, role: Role | None, role_text: str,
                states: list, poss_states: list[Entity], former: bool) -> Entity:
        """A named person. A title written in the text is the best evidence of the office held then;
        without one, earlier mentions in the story, then the office-holder table on the story date."""
        story, when = self.story, self.story.when
        terms = self._person_terms(name, role)
        if not terms and role_text:  # "Pope Francis": the table writes the title as part of the name
            terms = self._person_terms(f"{role_text} {name}", role)
        code = next((s.code for _, s in states), None) or next((e.code for e in poss_states), None) or \
            next((c for c, _ in self._place_states(tok, start, tok.i + 1 - len(name.split()))), None)
        # ^ "Alabama House Speaker Mike Hubbard"; not "Vice-President Hamilton Mourao"
        full = terms[0].name if terms else name

        def ent(**kw) -> Entity:
            return self._ent(start, end, name=full, kind="person", **kw)

        if former:
            latest = max(terms, key=lambda t: t.start or date.min) if terms else None
            code = code or (latest.country if latest else None)
            return ent(code=code, sector="ELI", other_sectors=[role.sector] if role else [],
                       how="'former' " + (f"{latest.office} of {latest.country}" if latest else "office-holder"),
                       confidence=0.85 if code else 0.4, basis="former office-holder" if code else "unresolved")
        if role is None and code is None:
            appos = self._appos_role(tok)
            if appos is not None:  # "Ulf Kristersson, Sweden's prime minister,"
                return ent(code=appos.code, sector=appos.sector, other_sectors=list(appos.other_sectors),
                           how=f"apposition '{appos.text}'", confidence=0.9, basis="title+country")
        if role is not None:
            fitting = [t for t in terms if self.k.office_fits(t.office, role.phrase)]
            held = [t for t in fitting if when is not None and _covers(t, when)]
            how, basis, conf = f"title '{role_text}'", "title+country", 0.95
            if code is not None:
                how += " + country word"
            elif held:
                code = held[0].country
                how += f" + office-holder table: {held[0].office} of {code} {_span(held[0])}"
                basis = "office-holder"
            elif fitting or terms:
                code = max(fitting or terms, key=lambda t: t.start or date.min).country
                how += f" + office-holder table ({code})"
                basis, conf = "title+office-holder", 0.8
            elif (context := self._context_state()) is not None:
                code, why = context
                how += f" + {why}"
                basis, conf = "context", 0.5
            else:
                basis, conf = "unresolved", 0.3
            sector, others = role.sector, list(role.other_sectors)
            if role.sector in ("PTY", "OPP", "MIL") and role.kind == "person" and when is not None and terms \
                    and not fitting:  # a candidate's or a general's title: the office the table says he holds
                office = next((t for t in terms if _covers(t, when) and t.sector not in ("PTY", "OPP")), None)
                if office is not None:  # "presidential candidate John Kerry" in 2004: a senator running for office
                    return ent(code=code or office.country, sector=office.sector, other_sectors=[role.sector],
                               how=f"title '{role_text}'; office-holder table: {office.office} of {office.country} "
                               f"{_span(office)}", confidence=0.9, basis="office-holder")
                if all(t.end is not None and t.end < when for t in terms):  # "Gen. Augusto Pinochet" in 2004
                    latest = max(terms, key=lambda t: t.start or date.min)
                    return ent(code=code or latest.country, sector="ELI", other_sectors=[role.sector],
                               how=f"title '{role_text}'; office-holder table: former {latest.office} of "
                               f"{latest.country} {_span(latest)}", confidence=0.8, basis="former office-holder")
            group = next((s for _, s in states if s.kind == "organization" and s.sector in _OWN_SECTOR_ORGS), None)
            if group is not None:  # "BJP president Amit Shah", "Hamas leader Ismail Haniyeh": the group's sector
                sector, others = group.sector, [role.sector]
                how += f" of {group.name}"
            return ent(code=code, sector=sector, other_sectors=others, how=how, confidence=conf, basis=basis)
        earlier = story.persons.get(name) or story.persons.get(name.split()[-1])
        if earlier is not None:
            return self._ent(start, end, name=earlier.name, code=earlier.code, sector=earlier.sector,
                             other_sectors=list(earlier.other_sectors), kind="person",
                             how=f"refers back to '{earlier.text}'", confidence=min(0.9, earlier.confidence),
                             basis="coreference")
        if terms:
            return self._from_terms(ent, terms, when)
        if code is not None:  # "UNHCR chief Ruud Lubbers" takes the organisation's sector
            org = next((s for _, s in states if s.kind == "organization"), None)
            return ent(code=code, sector=org.sector if org else None, how="country word beside the name",
                       confidence=0.7, basis="modifier")
        return ent(code=None, sector=None, how="person, not resolved", confidence=0.3, basis="unresolved")

    @staticmethod
    def _from_terms(ent, terms: list, when: date | None) -> Entity:
        """A named person coded by the office-holder table alone."""
        held = [t for t in terms if when is not None and _covers(t, when)]
        held.sort(key=lambda t: t.sector in _NON_STATE_OFFICES)  # a minister who leads a party: the minister
        if held:
            t = held[0]
            return ent(code=t.country, sector=t.sector, other_sectors=list(t.other_sectors),
                       how=f"office-holder table: {t.office} of {t.country} {_span(t)}", confidence=0.95,
                       basis="office-holder")
        if when is None:  # no story date: the latest office of state (not the party he led after), less sure
            latest = max([t for t in terms if t.sector not in _NON_STATE_OFFICES] or terms,
                         key=lambda t: t.start or date.min)
            return ent(code=latest.country, sector=latest.sector, other_sectors=list(latest.other_sectors),
                       how=f"office-holder table, story undated: latest office {latest.office} of "
                           f"{latest.country}", confidence=0.6, basis="undated office-holder")
        latest = max(terms, key=lambda t: t.start or date.min)
        if all(t.start and when < t.start for t in terms):  # Obama in 2004: not yet in any office of the table
            return ent(code=latest.country, sector=None, other_sectors=[],
                       how=f"office-holder table: holds office only later ({latest.office} of {latest.country} "
                           f"{_span(latest)})", confidence=0.5, basis="office-holder")
        return ent(code=latest.country, sector="ELI", other_sectors=[],
                   how=f"office-holder table: former {latest.office} of {latest.country} {_span(latest)}",
                   confidence=0.85, basis="former office-holder")

    def _appos_role(self, tok: Token) -> Entity | None:
        for child in tok.children:
            if child.dep_ == "appos" and child.i > tok.i and child.i in self.roles:
                found = [e for e in self.resolve(child) if e.code]
                if len(found) == 1:
                    return found[0]
        return None

    def _context_state(self, sector: str | None = None) -> tuple[str, str] | None:
        """The state a role without a country most likely belongs to: the dateline's, else the only
        state this sentence names (for armed groups of ``sector``, the only one it places events in),
        else the only one the story has named so far."""
        if self.story.home:
            return self.story.home, "the story's dateline country"
        here = self._sentence_states
        if len(here) == 1:
            return next(iter(here)), "the only country named in the sentence"
        if len(here) > 1 and sector in _ARMED_ORGS and len(where := self._sentence_scenes) == 1:
            # "US troops fought insurgents in Baghdad": armed groups fight where they live
            return next(iter(where)), "the only country the sentence places events in"
        if not here and len(places := self._sentence_places) == 1:  # "Insurgents attacked a convoy near Mosul"
            return next(iter(places)), "the only country of the places named in the sentence"
        if not here and not places and len(cues := self._sentence_cues) == 1:  # "The government outlawed the ANC"
            return next(iter(cues)), "the only country of the organisations and office-holders named in the sentence"
        if not here and len(self.story.state_counts) == 1:
            return next(iter(self.story.state_counts)), "the only country named in the story"
        return None

    @cached_property
    def _sentence_states(self) -> set[str]:
        """The countries this sentence names (computed once per sentence)."""
        doc = self.sent.doc
        return {s.code for i in range(self.sent.start, self.sent.end) if i in self.surfaces
                for s in [self.surfaces[i][1]]
                if s.kind in _STATE_KINDS
                and not (s.kind == "demonym" and doc[i].tag_ in ("NNS", "NNPS"))  # not "two Americans": people
                and doc[i].head.lower_ not in _NOT_OWNER}  # nor "Armenian-backed militias"

    @cached_property
    def _sentence_scenes(self) -> set[str]:
        """The countries of the places this sentence puts things in ("in Baghdad", "near the Syrian border")."""
        out = set()
        for tok in self.sent:
            if not _locative(tok):
                continue
            for t in tok.subtree:
                if t.i in self.surfaces and self.surfaces[t.i][1].kind in _STATE_KINDS:
                    out.add(self.surfaces[t.i][1].code)
                elif t.ent_type_ in ("GPE", "LOC") and (code := country_of(t.text, self.k)) in self.k.countries:
                    out.add(code)
        return out

    @cached_property
    def _sentence_places(self) -> set[str]:
        """The countries of the towns and regions this sentence names (the tagger's places; once per sentence)."""
        return {code for e in self.sent.ents if e.label_ in ("GPE", "LOC")
                if (code := country_of(e.text, self.k)) and code in self.k.countries}

    @cached_property
    def _sentence_cues(self) -> set[str]:
        """The home countries of the national organisations and known office-holders this sentence names
        (armed groups and criminals aside: they act across borders)."""
        cues = {s.code for i in range(self.sent.start, self.sent.end) if i in self.surfaces
                for s in [self.surfaces[i][1]]
                if s.kind == "organization" and s.code in self.k.countries and s.sector not in _ARMED_ORGS}
        for e in self.sent.ents:
            if e.label_ == "PERSON" and not any(i in self.roles for i in range(e.start, e.end)):
                cues |= {t.country for t in self._person_terms(e.text, None) if t.country in self.k.countries}
        return cues

    def _person_states(self, tok: Token, start: int) -> list[tuple[str, str]]:
        """'the Trump administration', 'the Modi government': the country of the office-holder named."""
        doc = tok.doc
        for i in range(tok.i - 1, start - 1, -1):
            if doc[i].pos_ == "PROPN" and i not in self.roles and i not in self.surfaces:
                for j in range(start, i + 1):  # "the Clinton administration": Bill, the president
                    terms = self._person_terms(doc[j:i + 1].text, self.k.roles.get("president"))
                    if terms:
                        return [(terms[0].country, doc[j:i + 1].text)]
        for child in tok.children:  # "the military led by Abdel Fattah al-Sisi", "forces loyal to Hifter"
            links = []
            if child.dep_ == "acl" and child.lower_ in ("led", "headed", "run", "chaired"):
                links = [c for c in child.children if c.dep_ == "agent"]
            elif child.dep_ in ("amod", "acl") and child.lower_ == "loyal":
                links = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "to"]
            for link in links:
                for pobj in (c for c in link.children if c.dep_ == "pobj"):
                    ents = [e for e in self.resolve(pobj) if e.kind == "person" and e.code in self.k.countries]
                    if ents:
                        return [(ents[0].code, pobj.text)]
        return []

    def _sibling_states(self, tok: Token) -> list[Entity]:
        """'Nancy Pelosi and other members of Congress': "other" puts them with the phrase they follow."""
        if tok.dep_ != "conj" or not any(c.lower_ == "other" for c in tok.children):
            return []
        return _unique([e for e in self._resolve_one(tok.head) if e.code in self.k.countries], lambda e: e.code)

    def _party_states(self, tok: Token, role: Role) -> list[tuple[str, str]]:
        """'the Democratic House', 'Republican senators': a party word places a legislature (and its
        leaders: "Democratic leaders")."""
        if role.sector not in ("LEG", "GOV"):
            return []
        words = self.words.party_words
        return [(words[c.lower_], c.text) for c in tok.children
                if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and c.lower_ in words][:1]

    def _place_states(self, tok: Token, start: int, stop_at: int | None = None) -> list[tuple[str, str]]:
        """'police in Paris', 'lawmakers from Texas', 'the West Bengal government': the country of a place
        named with the role (a region or city gives its country, it is never an actor itself). Words from
        ``stop_at`` on (a person's own name: "Hamilton Mourao") are not looked at."""
        doc = tok.doc
        limit = tok.i if stop_at is None else stop_at

        def capital(i: int) -> bool:  # the tagger may call "West" an ADJ; "U.S.-backed" is not the place
            return doc[i].text[:1].isupper() and i not in self.roles and doc[i].head.lower_ not in _NOT_OWNER

        for i in range(start, limit):
            if not capital(i):
                continue
            j = i
            while j < limit and capital(j):
                j += 1
            for stop in range(j, i, -1):  # the longest name first: "Uttar Pradesh", "New York"
                code = country_of(doc[i:stop].text, self.k)
                if code:
                    return [(code, doc[i:stop].text)]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "from"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if pobj.pos_ == "PROPN":
                        ent = next((e for e in tok.doc.ents if e.start <= pobj.i < e.end), None)
                        text = ent.text if ent is not None and ent.label_ in ("GPE", "LOC") else pobj.text
                        code = country_of(text, self.k)
                        if code:
                            return [(code, text)]
                    for t in pobj.subtree:  # "a court in the Turkish capital Ankara", "people in Buner district"
                        if t.i in self.surfaces and self.surfaces[t.i][1].kind in _STATE_KINDS:
                            return [(self.surfaces[t.i][1].code, self.surfaces[t.i][0].text)]
                        if t.pos_ == "PROPN" and (code := country_of(t.text, self.k)):
                            return [(code, t.text)]
        return []

    def _span_states(self, tok: Token) -> list[tuple[Token, Span, Surface]]:
        """In a caller's span, a state after "from", "of" or "in" the parser hung elsewhere: the span
        "prosecutors from Equatorial Guinea" of "... refused to extradite prosecutors from Equatorial Guinea"."""
        if self.ceiling >= self.sent.end:
            return []
        doc = tok.doc
        for i in range(tok.i + 1, self.ceiling - 1):
            nxt = self.surfaces.get(i + 1)
            if doc[i].lower_ in ("from", "of", "in") and nxt is not None and nxt[1].kind in ("country", "demonym") \
                    and not tok.is_ancestor(doc[i]):
                return [(doc[i], nxt[0], nxt[1])]
        return []

    def _possessor_states(self, tok: Token) -> list[Entity]:
        out = []
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                out.extend(e for e in self.resolve(child) if e.code)
        return out

    def _of_states(self, tok: Token, member: bool = False) -> list[Entity]:
        """'the president of France'; for members also 'a spokesman for the ministry', 'an advisory panel
        to Japan's prime minister'."""
        preps = ("of", "for", "from", "to") if member else ("of",)
        own = self.roles[tok.i][0] if tok.i in self.roles else None
        if own is not None and self.roles[tok.i][1].phrase in self.words.object_roles:
            preps = tuple(p for p in preps if p != "of")  # "the kidnappers of two Chinese engineers": the victims
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in preps and not (own is not None and child.i < own.end):
                for pobj in child.children:  # not the "of State" of "Secretary of State"
                    if pobj.dep_ == "pobj":
                        return [e for e in self.resolve(pobj) if e.code] or self._polity_of(pobj) or \
                            self._possessor_states(pobj)  # "the leaders of Hamas' military wing"
        return []

    def _collective(self, tok: Token, role: Role | None) -> list[Entity]:
        """'the two sides', 'both nations', 'the defence chiefs' -> the pair in context."""
        if tok.tag_ not in ("NNS", "NNPS") and tok.lemma_.lower() not in ("both",):
            return []
        lemma = tok.lemma_.lower()
        heads = self.words.pair_heads
        if lemma not in heads and not (role is not None and role.phrase.split()[-1] in heads):
            return []
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod", "poss", "preconj")}
        if not dets & {"both", "two", "the", "their", "these"}:
            return []
        pair = self.story.pair or self._top_states()
        if len(pair) < 2:
            return []
        start, end = self.np_bounds(tok)
        sector = role.sector if role else "GOV"
        other = list(role.other_sectors) if role else []
        return [self._ent(start, end, name=p.name if p.kind == "state" else self.k.country_name(p.code) or p.name,
                          code=p.code, sector=sector, other_sectors=other, kind="group",
                          how=f"'{self.sent.doc[start:end].text}' = the pair in context", confidence=0.75,
                          basis="context")
                for p in pair[:2]]

    def _top_states(self) -> list[Entity]:
        ranked = sorted(self.story.state_counts.items(), key=lambda kv: -kv[1])
        return [self.story.states_seen[c] for c, _ in ranked[:2]]

    def _pronoun(self, tok: Token) -> list[Entity]:
        word = tok.lower_
        p = self.words.pronouns
        if word in p.get("speaker", set()):
            return self._speaker(tok)
        if word in p.get("plural", set()):
            want = "plural"
        elif word in p.get("singular", set()):
            want = "singular"
        elif word in p.get("person", set()):
            want = "person"
        else:
            return []
        if not any(i < tok.i for i, _ in self._order):  # a caller's span read first: what precedes it
            self.all_mentions(before=tok.i)
        for i, ents in reversed(sorted(self._order)):
            if i >= tok.i or tok.doc[i].is_ancestor(tok) and tok.dep_ != "poss":
                continue
            if _fits(ents, want, tok.doc[i]):
                return [replace(e, text=tok.text, start=tok.idx - self.sent.start_char,
                                end=tok.idx + len(tok) - self.sent.start_char,
                                how=f"pronoun '{tok.text}' -> {e.text}", confidence=e.confidence * 0.8,
                                basis="coreference", refers_to=(e.text, e.start, e.end))
                        for e in ents]
        last = {"plural": self.story.last_plural, "singular": self.story.last_singular,
                "person": self.story.last_person}[want]
        return [replace(e, text=tok.text, start=tok.idx - self.sent.start_char,
                        end=tok.idx + len(tok) - self.sent.start_char,
                        how=f"pronoun '{tok.text}' -> {e.text} (earlier sentence)", confidence=e.confidence * 0.7,
                        basis="coreference")
                for e in last]

    def _speaker(self, tok: Token) -> list[Entity]:
        """'I' and 'we' inside a quotation: the subject of the verb of saying."""
        node = tok
        while node.head.i != node.i:
            node = node.head
            if node.lemma_ in ("say", "tell", "add", "state", "declare", "write", "stress", "note"):
                for child in node.children:
                    if child.dep_ == "nsubj" and child.pos_ != "PRON":
                        return [replace(e, how=f"speaker of the quote: {e.text}", confidence=e.confidence * 0.9,
                                        basis="coreference")
                                for e in self.resolve(child)]
        for child in tok.sent.root.children:  # "..., Ishiba said" attached as a sibling
            if child.dep_ == "nsubj" and tok.sent.root.lemma_ in ("say", "tell", "add") and child.pos_ != "PRON":
                return self.resolve(child)
        return []

    # ---- story memory ---------------------------------------------------
    def _remember(self, tok: Token, ents: list[Entity]) -> None:
        story = self.story
        if tok.pos_ != "PRON":
            self._order.append((tok.i, ents))
        for e in ents:
            if e.kind == "person" and e.name and e.code and e.name not in self.k.surfaces:  # not "rebel" = Lebanon
                story.persons.setdefault(e.name, e)
                story.persons[e.name.split()[-1]] = e
                story.last_person = [e]
            if e.code and e.kind in ("state", "person", "group") and e.code in self.k.countries:
                story.state_counts[e.code] = story.state_counts.get(e.code, 0) + 1
                story.states_seen.setdefault(e.code, e)
        # roles named in the phrase remember their holder ("Prime Minister X" -> "the prime minister")
        start, end = self.np_bounds(tok) if tok.pos_ != "PRON" else (tok.i, tok.i + 1)
        if len(ents) == 1 and ents[0].kind == "person" and ents[0].code:
            for i in range(start, end):
                if i in self.roles:
                    story.roles[self.roles[i][1].phrase] = ents[0]
        codes = {e.code for e in ents if e.code}
        if len(codes) >= 2 and tok.dep_ in ("nsubj", "nsubjpass", "appos", "conj", "pobj", "dobj"):
            story.pair = _unique([e for e in ents if e.code], lambda e: e.code)

    def note_subject(self, ents: list[Entity]) -> None:
        """An event's actor becomes what 'they' / 'it' refer to in the next sentences."""
        if not ents:
            return
        if len({e.code for e in ents}) >= 2 or any(e.kind == "group" for e in ents):
            self.story.last_plural = ents
        else:
            self.story.last_singular = ents


def _person_key(name: str) -> str:
    """One key for the spellings of a name: "Abdel Fattah el-Sisi" = "Abdel Fattah al-Sisi"."""
    folded = re.sub(r"\b(?:al|el|ad|ar|as|an|ash|at|az)[- ]", "", fold(name).lower())
    return re.sub(r"[^a-z]", "", folded)


def _unique(ents: list[Entity], key) -> list[Entity]:
    """The first entity of each key, in order."""
    seen, out = set(), []
    for e in ents:
        if key(e) not in seen:
            seen.add(key(e))
            out.append(e)
    return out


def _fits(ents: list[Entity], want: str, tok: Token) -> bool:
    if want == "person":
        return len(ents) == 1 and ents[0].kind == "person"
    if want == "plural":
        return len(ents) >= 2 or tok.tag_ in ("NNS", "NNPS") or any(e.kind == "group" for e in ents)
    return len(ents) == 1 and tok.tag_ not in ("NNS", "NNPS") and (
        ents[0].kind in ("state", "organization") or ents[0].kind == "group" and tok.tag_ == "NN")
    # ^ "it" is a state, an organisation or a body named in the singular ("the government said it ...")


def _locative(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE


def _covers(t, when: date) -> bool:
    return (t.start is None or t.start <= when) and (t.end is None or when < t.end)


def _span(t) -> str:
    return f"{t.start or '?'}..{t.end or 'now'}"


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _role_kind(role: Role, tok: Token) -> str:
    return "group" if role.kind == "group" or tok.tag_ in ("NNS", "NNPS") else "person"  # member: by number


def _name_of(src, k: Knowledge) -> str | None:
    if isinstance(src, Surface):
        return src.name
    return src.name or k.country_name(src.code)


def redate(entities: list[Entity], k: Knowledge, when: date | None) -> list[Entity]:
    """Re-code people coded by the office-holder table alone for the event's own date.

    A story of 2025 recalling "in 2015 Abe visited Beijing" codes Abe by the office he held in 2015.
    People named with a title, or called "former", keep what the text says.
    """
    if when is None:
        return entities
    out = []
    for e in entities:
        terms = k.terms.get(e.name or "", [])
        if e.kind == "person" and terms and e.how.startswith("office-holder table"):
            fresh = SentenceActors._from_terms(lambda **kw: replace(e, **kw), terms, when)
            e = fresh if fresh.code else e
        out.append(e)
    return out
