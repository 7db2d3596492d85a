"""Event stage: code events over the dependency parse with the pattern lexicon.

Each verb or noun whose lemma a rule of ``data/lexicon.yaml`` names is a
candidate trigger. Its actor is the grammatical subject (or the possessor /
by-phrase of a noun, or the subject of the clause a noun sits in); its
recipient fills the roles the rule names. Verbs that embed another act
(``frames``: "agreed to elevate", "threatened to expel", "urged X to
withdraw", "discussed enhancing") turn the embedded act into one event: a
promised cooperative act is AGREE, a promised hostile one THREATEN, a
requested one REQUEST, a refused one REJECT, a discussed one nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from . import attributes
from .attributes import CLAUSE_DEPS
from .actors import SentenceActors
from .knowledge import Knowledge
from .records import Entity, Event, Mention

_CLIMB_DEPS = {"xcomp", "pcomp", "prep", "pobj", "dobj", "conj", "advcl", "acl", "attr", "oprd", "ccomp", "acomp"}
_HOST_PREPS = {"in", "during", "at", "amid", "amidst", "after", "following", "through", "by"}
_NEG = {"not", "n't", "never", "no"}
_CONDITIONS = {"until", "unless", "before", "till"}
_PARTITIVES = {"round", "series", "wave", "spate", "string", "barrage", "volley", "set", "batch", "package", "worth"}
_FUTURE = {"will", "shall", "'ll", "wo"}
_MODAL = {"could", "might", "may", "would", "should", "can", "must"}
_VOLITION = {"like", "love", "prefer"}  # "would like to" states an intent, not a condition


@dataclass
class Rule:
    type: str
    cameo: str
    mode: str | None
    recipient: tuple[str, ...]
    objects: frozenset[str]
    objects_exclude: frozenset[str]
    context: tuple[str, ...]
    needs_own_actor: bool
    particle: str | None = None
    needs_recipient: bool = False  # no event without an actor as recipient (a phrase it is about won't do)


@dataclass
class Lexicon:
    verbs_with_objects: dict[str, list[Rule]] = field(default_factory=dict)
    verbs: dict[str, list[Rule]] = field(default_factory=dict)
    nouns: dict[str, Rule] = field(default_factory=dict)
    frames: dict[str, str] = field(default_factory=dict)  # lemma -> intent|threat|request|refusal|topic
    phone_verbs: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    demand_modals: frozenset[str] = frozenset()
    demand_rule: Rule = field(default_factory=lambda: Rule("REQUEST", "100", None, ("clause_subject",), frozenset(),
                                                           frozenset(), (), False))
    phone_rule: Rule = field(default_factory=lambda: Rule("CONSULT", "041", "phone", ("dobj",), frozenset(),
                                                          frozenset(), (), False))


@lru_cache(maxsize=4)
def compile_lexicon(k: Knowledge) -> Lexicon:
    lex = Lexicon()
    for section in ("verbs", "nouns"):
        for raw in k.lexicon.get(section, []):
            base = dict(type=raw["type"], cameo=str(raw.get("cameo") or k.plover["types"][raw["type"]]["cameo"]),
                        mode=raw.get("mode"), recipient=tuple(raw.get("recipient") or ()),
                        objects=frozenset(str(o).lower() for o in raw.get("objects") or ()),
                        objects_exclude=frozenset(str(o).lower() for o in raw.get("objects_exclude") or ()),
                        context=tuple(raw.get("context") or ()), needs_own_actor=raw.get("needs_actor") == "own",
                        needs_recipient=raw.get("needs_recipient") is True)
            for lemma in raw["lemmas"]:
                lemma = str(lemma).lower()
                if section == "nouns":
                    lex.nouns.setdefault(lemma, Rule(**base))
                    continue
                head, _, particle = lemma.partition(" ")
                rule = Rule(**base, particle=particle or None)
                target = lex.verbs_with_objects if rule.objects else lex.verbs
                target.setdefault(head, []).append(rule)
    lex.phone_verbs = frozenset(str(v).lower() for v in k.lexicon.get("phone_verbs") or ())
    speech = k.lexicon.get("demand_speech") or {}
    lex.speech_verbs = frozenset(str(v).lower() for v in speech.get("verbs") or ())
    lex.demand_modals = frozenset(str(v).lower() for v in speech.get("modals") or ())
    for kind, lemmas in (k.lexicon.get("frames") or {}).items():
        for lemma in lemmas:  # "intent_adjectives" frame as "intent" does ("is willing to withdraw")
            lex.frames.setdefault(str(lemma).lower(), "intent" if kind == "intent_adjectives" else kind)
    return lex


@dataclass
class Candidate:
    rule: Rule
    anchor: Token  # the token whose clause the event lives in
    triggers: list[Token]
    type: str
    cameo: str
    mode: str | None
    reason: str
    is_noun: bool = False
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    frame: Token | None = None  # the embedding verb, if any
    inner: "Candidate | None" = None  # the embedded act a frame re-typed (its roles give the recipient)


class SentenceCoder:
    """Codes the events of one sentence."""

    def __init__(self, sent: Span, k: Knowledge, actors: SentenceActors):
        self.sent = sent
        self.k = k
        self.lex = compile_lexicon(k)
        self.actors = actors

    # ---- triggers -------------------------------------------------------
    def _objects(self, verb: Token) -> list[Token]:
        out = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
        if self._passive(verb):
            out += [c for c in verb.children if c.dep_ == "nsubjpass"]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            out += [c for c in prep.children if c.dep_ == "pobj"]
        for o in list(out):
            out += [c for c in o.children if c.dep_ == "conj"]
            if o.lemma_.lower() in _PARTITIVES:  # "began a new round of joint military exercises"
                out += [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]
        return out

    @staticmethod
    def _passive(verb: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)

    @staticmethod
    def _noun_keys(tok: Token) -> list[str]:
        comps = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i == tok.i - 1]
        keys = [f"{comps[0].lower_} {tok.lemma_.lower()}", f"{comps[0].lower_} {tok.lower_}"] if comps else []
        doc = tok.doc
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:  # "cease-fire"
            keys.insert(0, f"{doc[tok.i - 2].lower_}-{tok.lower_}")
        return keys + [tok.lemma_.lower(), tok.lower_]

    def _phone_call(self, tok: Token) -> bool:
        """'Trump called King Salman', 'called Lavrov to discuss Syria': a call to an actor, not a request."""
        if tok.lemma_.lower() not in self.lex.phone_verbs or tok.pos_ != "VERB":
            return False
        if any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "upon", "off", "up", "out") and not
               any(g.ent_type_ in ("DATE", "TIME") for g in c.children) or c.dep_ == "oprd" for c in tok.children):
            return False  # "called on X", "called for talks", "called off" ("called X on Saturday" is a call)
        return any(e.code for c in tok.children if c.dep_ == "dobj" for e in self.actors.find(c))

    def _spoken_demand(self, tok: Token) -> Token | None:
        """'Russia says Israel must end attacks on Syria': the modal of a reported clause with its own subject."""
        if tok.lemma_.lower() not in self.lex.speech_verbs or tok.pos_ != "VERB":
            return None
        for c in tok.children:
            if c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                modal = next((g for g in c.children if g.dep_ == "aux" and g.lower_ in self.lex.demand_modals), None)
                if modal is not None:
                    return modal
        return None

    def _verb_candidate(self, tok: Token) -> Candidate | None:
        lemma = tok.lemma_.lower()
        demand = self._spoken_demand(tok)
        if demand is not None:
            return Candidate(self.lex.demand_rule, tok, [tok, demand], "REQUEST", "100", None,
                             f"verb '{lemma}' + '{demand.text}' in the clause: a demand")
        if self._phone_call(tok):
            return Candidate(self.lex.phone_rule, tok, [tok], "CONSULT", "041", "phone", f"verb '{lemma}' + an actor")
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        rules = [r for r in self.lex.verbs_with_objects.get(lemma, []) if not r.particle or r.particle in particles]
        for obj in self._objects(tok) if rules else []:  # the direct object first: "suspended aid ... because
            for key in self._noun_keys(obj):                # of fighting" is about the aid
                for rule in rules:  # the most specific key first: "launched a hunger strike" is no strike
                    if key in rule.objects:
                        return Candidate(rule, tok, [tok, obj], rule.type, rule.cameo, rule.mode,
                                         f"verb '{lemma}' + object '{obj.lemma_}'")
        for rule in self.lex.verbs.get(lemma, []):
            if rule.particle and rule.particle not in particles:
                continue
            if rule.objects_exclude and any(o.lemma_.lower() in rule.objects_exclude for o in self._objects(tok)):
                continue
            extra = [c for c in tok.children if c.dep_ == "prt" and c.lower_ == rule.particle]
            return Candidate(rule, tok, [tok, *extra], rule.type, rule.cameo, rule.mode, f"verb '{lemma}'")
        return None

    def _noun_candidate(self, tok: Token) -> Candidate | None:
        for key in self._noun_keys(tok):
            rule = self.lex.nouns.get(key)
            if rule is not None:
                triggers = [tok.doc[tok.i - 1], tok] if " " in key else [tok]
                return Candidate(rule, tok, triggers, rule.type, rule.cameo, rule.mode, f"noun '{key}'",
                                 is_noun=True)
        return None

    # ---- frames ---------------------------------------------------------
    def _embedded(self, verb: Token, cands: dict[int, Candidate]) -> Candidate | None:
        """The act a frame verb embeds: its xcomp, a 'to'/'on' phrase, or an event-noun object."""
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i in cands:
                return cands[c.i]
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "on", "for"):
                for g in c.children:
                    if g.dep_ in ("pcomp", "pobj") and g.i in cands:
                        return cands[g.i]
            if c.dep_ == "dobj" and c.i in cands and cands[c.i].is_noun:
                return cands[c.i]
        for c in verb.children:  # "agreed to elevate ..." where elevate is not an event itself
            if c.dep_ == "xcomp":
                for g in c.children:
                    if g.dep_ == "xcomp" and g.i in cands:
                        return cands[g.i]
        return None

    def _apply_frame(self, verb: Token, kind: str, inner: Candidate) -> Candidate | None:
        pl = self.k.plover
        t = inner.type
        to = [c for c in inner.anchor.children if c.dep_ == "aux" and c.lower_ == "to"]
        trig = [verb, *to, *inner.triggers]
        if kind == "topic":
            return None
        if kind == "intent":
            quad = pl["types"][t]["quad"]
            if t in pl.get("intent", {}) and quad <= 2:
                why = "" if t == "AGREE" else f": a promised {t} is AGREE"
                new = Candidate(inner.rule, verb, trig, "AGREE", pl["intent"][t]["cameo"], None,
                                f"'{verb.lemma_}' + {inner.reason}{why}")
            elif quad == 4:
                spec = pl["threat"].get(t, {"mode": None, "cameo": "130"})
                new = Candidate(inner.rule, verb, trig, "THREATEN", spec["cameo"], spec["mode"],
                                f"'{verb.lemma_}' + {inner.reason}: a promised {t} is THREATEN")
            else:
                return inner
        elif kind == "threat":
            spec = pl["threat"].get(t, {"mode": None, "cameo": "130"})
            new = Candidate(inner.rule, verb, trig, "THREATEN", spec["cameo"], spec["mode"],
                            f"'{verb.lemma_}' + {inner.reason}")
        elif kind == "request" and t in pl.get("request_against", {}) and not self._addressee(verb):
            spec = pl["request_against"][t]
            new = Candidate(inner.rule, verb, trig, spec["type"], spec["cameo"], spec["mode"],
                            f"'{verb.lemma_}' + {inner.reason}: calling for {t} with no one asked "
                            f"rallies opposition against its target ({spec['type']} {spec['cameo']})")
        elif kind == "request":
            spec = pl["request"].get(t, {"mode": "change", "cameo": "104"})
            new = Candidate(inner.rule, verb, trig, "REQUEST", spec["cameo"], spec["mode"],
                            f"'{verb.lemma_}' + {inner.reason}")
        elif kind == "refusal":
            spec = pl["refusal"].get(t, {"mode": None, "cameo": "120"})
            new = Candidate(inner.rule, verb, trig, "REJECT", spec["cameo"], spec["mode"],
                            f"'{verb.lemma_}' + {inner.reason}")
        else:
            return inner
        new.frame = verb
        new.is_noun = inner.is_noun
        new.inner = inner
        return new

    @staticmethod
    def _addressee(verb: Token) -> list[Token]:
        """Who a request is made to: "urged [the EU] to", "called on [Japan] to", "appealed to [the UN]"."""
        out = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
        return out + [g for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "to")
                      for g in c.children if g.dep_ == "pobj"]

    # ---- roles ----------------------------------------------------------
    def _role_tokens(self, node: Token, spec: str, passive: bool) -> list[Token]:
        if spec == "dobj":
            dep = "nsubjpass" if passive else "dobj"
            return [c for c in node.children if c.dep_ == dep]
        if spec == "clause_subject":  # "demanded that the prime minister apologize"
            return [g for c in node.children if c.dep_ == "ccomp"
                    for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        if spec in ("dative", "iobj"):
            return [c for c in node.children if c.dep_ in ("dative", "iobj")]
        if spec == "poss":
            objs = [c for c in node.children if c.dep_ in ("dobj", "pobj")] if node.pos_ == "VERB" else [node]
            return [g for o in objs for g in o.children if g.dep_ == "poss"]
        if spec.startswith("prep:"):
            word = spec[5:]
            out = []
            for c in node.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == word:
                    out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    for g in c.children:  # "as well as for"
                        out += [h for h in g.children if h.dep_ == "conj" and g.dep_ == "pobj"]
            return out
        return []

    @staticmethod
    def _other_than(found: list[Entity], actor: list[Entity]) -> list[Entity]:
        """The entities that are not the actor itself ("police arrested protesters": JPN COP -> JPN OPP stays)."""
        keys, names = {(a.code, a.sector) for a in actor}, {a.name for a in actor}
        return [e for e in found if e.code is None or (e.code, e.sector) not in keys
                or e.kind == "person" and e.name not in names]

    def _recipient(self, cand: Candidate, actor: list[Entity]) -> list[Entity]:
        for toks, event_noun in self._recipient_slots(cand):
            found = self._other_than(self._find_all(toks, event_noun), actor)
            if found:  # "lifted its blockade of Yemen": not "its", the actor's own
                return found
        return []

    def _about(self, cand: Candidate) -> tuple[str, int, int] | None:
        """The phrase in the recipient's place when it is no actor: "the bombing of a military academy"."""
        verb = cand.frame if cand.frame is not None else cand.anchor
        objects = [c for c in verb.children if c.dep_ == "dobj"] if verb.pos_ in ("VERB", "AUX") else []
        clause = [c for c in verb.children if c.dep_ == "xcomp"] if not objects else []
        slots = [t for toks, _ in self._recipient_slots(cand) for t in toks]
        if cand.type == "AID":  # "gave 352.5 million euros to promote investment in Ethiopia": what it is for
            slots += [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and
                      any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
        # the object first where it is the recipient's place ("condemned the bombing of ..."); else the recipient's
        # places ("returned the paintings to a museum"), as for a verb + object trigger ("sought refuge in Niger")
        direct = not cand.rule.objects and any(o in slots for o in objects) or \
            cand.inner is not None and cand.inner.anchor in objects  # "rejected an extradition request for X"
        for t in (objects + clause + slots) if direct else (slots + objects + clause):
            if t.ent_type_ in ("DATE", "TIME") or t.i == verb.i:
                continue  # "on Tuesday" is when, not what
            lo, hi = max(t.left_edge.i, self.sent.start), min(t.right_edge.i + 1, self.sent.end)
            while lo < hi and self.sent.doc[lo].dep_ == "aux" and self.sent.doc[lo].lower_ == "to":
                lo += 1  # "agreed [to] open its borders to Somali refugees": what was agreed
            span = self.sent.doc[lo:hi]
            base = self.sent.start_char
            return span.text, span.start_char - base, span.end_char - base
        return None

    def _recipient_slots(self, cand: Candidate):
        """The token lists that can hold the recipient, in the order they are tried."""
        node = cand.anchor
        passive = not cand.is_noun and self._passive(node)
        inner = cand.inner
        if inner is not None:
            nodes = [inner.anchor, *inner.triggers[1:], node]
        else:
            nodes = [node, *cand.triggers[1:]]  # "confirmed their support for Ukraine"
        if cand.type == "REQUEST" and cand.frame is not None:
            yield [c for c in cand.frame.children if c.dep_ in ("dobj",)], False
            yield self._role_tokens(cand.frame, "clause_subject", False), False  # "demanded that X resign"
            nodes = [cand.frame, *(n for n in nodes if n != cand.frame)]
        rule = inner.rule if inner is not None else cand.rule
        for n in nodes:
            for spec in rule.recipient:
                yield self._role_tokens(n, spec, passive and n == cand.anchor), cand.is_noun
        if cand.is_noun and cand.anchor.dep_ == "dobj":  # "paid a visit to X": the light verb's phrases
            for spec in rule.recipient:
                yield self._role_tokens(cand.anchor.head, spec, False), True
        if not cand.is_noun and node.dep_ == "xcomp":  # "ordered the newspaper to suspend publication"
            yield [c for c in node.head.children if c.dep_ == "dobj"], False
        # "will not end the strike until the government provides ...": the party the condition names
        yield [g for c in node.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS
                                                                      for m in c.children)
               for g in c.children if g.dep_ in ("nsubj", "nsubjpass")], False

    def _own_object(self, cand: Candidate, actor: list[Entity]) -> bool:
        """The trigger's object is the actor's own ("reversed its policy"), not another's decision."""
        codes = {e.code for e in actor}
        for obj in (cand.inner or cand).triggers[1:]:
            for p in obj.children:
                owner = {e.code for e in self.actors.find(p)} if p.dep_ == "poss" and p.pos_ != "PRON" else set()
                if p.dep_ == "poss" and (p.pos_ == "PRON" or owner and owner <= codes):
                    return True
        return False

    def _find_all(self, toks: list[Token], event_noun: bool) -> list[Entity]:
        out: list[Entity] = []
        for t in toks:
            out.extend(self.actors.find(t, event_noun=event_noun))
        return out

    def _subject(self, verb: Token) -> list[Entity]:
        """The actor of a verb: its subject, a passive's by-agent, or the subject it shares."""
        node = verb
        for _ in range(10):
            subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
            if node.pos_ in ("VERB", "AUX") and self._passive(node):
                agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                subj = agents
            if subj:
                return self._find_all(subj, False)
            if node.pos_ in ("NOUN", "PROPN"):
                poss = [c for c in node.children if c.dep_ == "poss" and c.pos_ != "PRON"]
                if poss:
                    found = self._find_all(poss, False)
                    if found:
                        return found
            if node.dep_ == "ROOT" or node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
                break
            node = node.head
        if node.dep_ == "ROOT" and node.pos_ in ("VERB", "AUX"):
            return self._left_subject(node)
        return []

    def _left_subject(self, verb: Token) -> list[Entity]:
        """A root verb the parser left without a subject: the phrase just before it."""
        i = verb.i - 1
        while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "PUNCT", "AUX", "PART"):
            i -= 1
        if i < verb.sent.start:
            return []
        tok = verb.doc[i]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        return self.actors.resolve(tok) if tok.pos_ in ("PROPN", "NOUN") else []

    def _noun_actor(self, cand: Candidate) -> list[Entity]:
        noun = cand.anchor
        own: list[Entity] = []
        for c in noun.children:
            if c.dep_ == "poss":
                own = self.actors.find(c)
            elif c.dep_ == "prep" and c.lower_ in ("by", "from") and not own:
                own = self._find_all([g for g in c.children if g.dep_ == "pobj"], False)
            elif c.dep_ in ("amod", "compound") and c.i < noun.i and not own:
                found = self.actors.find(c)
                if found and all(e.code for e in found):
                    own = found
            if own:
                break
        if not own:  # "cooperation between the Philippines and the United States": both parties act
            pair = self._find_all([g for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                                   for g in c.children if g.dep_ == "pobj"], False)
            if len({e.code for e in pair if e.code}) >= 2:
                own = pair
        if own or cand.rule.needs_own_actor:
            return own
        head = noun.head
        if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd", "appos") and head.pos_ in ("VERB", "AUX"):
            if head.i in self._candidates and not self._candidates[head.i].is_noun and \
                    self.lex.frames.get(head.lemma_.lower()) is None:
                return []  # the noun is what another event is about, not done by its subject
            return self._subject(head)
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            gov = head.head
            if head.lower_ in _HOST_PREPS | {"to", "for"} and gov.pos_ in ("VERB", "AUX"):
                if head.lower_ in _HOST_PREPS or self.lex.frames.get(gov.lemma_.lower()) in ("intent", None):
                    return self._subject(gov)
            if head.lower_ in ("to", "for", "of") and gov.pos_ == "NOUN":
                return self._subject(gov)
        if noun.dep_ == "conj":
            return self._noun_actor(Candidate(cand.rule, noun.head, [noun.head], cand.type, cand.cameo,
                                              cand.mode, cand.reason, True))
        return []

    # ---- flags ----------------------------------------------------------
    @staticmethod
    def _verb_of(tok: Token) -> Token:
        node = tok
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                return node
            node = node.head
        return node

    def _flags(self, cand: Candidate) -> dict[str, bool]:
        verbs = {self._verb_of(cand.anchor)}
        if cand.frame is not None:
            verbs.add(cand.frame)
        neg = fut = hyp = False
        for v in verbs:
            for c in v.children:
                low = c.lower_
                if c.dep_ == "neg" or (low in _NEG and c.dep_ in ("neg", "advmod", "det")):
                    neg = True
                if c.dep_ in ("aux", "auxpass"):
                    if low in _FUTURE or c.lemma_ in _FUTURE:
                        fut = True
                    elif (low in _MODAL or c.lemma_ in _MODAL) and not (low == "would" and v.lemma_ in _VOLITION):
                        hyp = True
                if c.dep_ == "mark" and low in ("if", "unless", "whether"):
                    hyp = True
            if v.dep_ == "xcomp" and v.head.lemma_ == "go" and any(a.lower_ == "to" for a in v.children):
                fut = True
        if cand.is_noun:
            noun = cand.anchor
            if any(c.dep_ == "det" and c.lower_ in ("no",) for c in noun.children):
                neg = True
        return {"negated": neg, "future": fut, "hypothetical": hyp}

    # ---- main -----------------------------------------------------------
    def code(self, story_id: str, sentence_index: int, sentence_start: int) -> list[Event]:
        sent = self.sent
        self.actors.all_mentions()
        cands: dict[int, Candidate] = {}
        consumed: set[int] = set()
        for tok in sent:
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ != "be" and tok.dep_ == "ROOT"):
                cand = self._verb_candidate(tok)
                if cand is not None:
                    cands[tok.i] = cand
                    consumed.update(t.i for t in cand.triggers[1:])
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed and tok.i not in cands \
                    and tok.i not in self.actors.surfaces:  # "Treaty" in a name is no treaty
                cand = self._noun_candidate(tok)
                if cand is not None:
                    cands[tok.i] = cand
        self._candidates = cands
        # frames, innermost first
        final: dict[int, Candidate] = dict(cands)
        for tok in sorted(sent, key=lambda t: -len(list(t.ancestors))):
            kind = self.lex.frames.get(tok.lemma_.lower())
            if kind is None or tok.pos_ not in ("VERB", "AUX", "ADJ") or self._phone_call(tok):
                continue
            inner = self._embedded(tok, final)
            if inner is None:
                continue
            framed = self._apply_frame(tok, kind, inner)
            final.pop(inner.anchor.i, None)
            if framed is None:  # a topic: the embedded act is dropped, the frame's own event stays
                continue
            final[tok.i] = framed  # the frame's own plain event (if any) gives way to the combined one
        events: list[Event] = []
        for cand in sorted(final.values(), key=lambda c: c.triggers[0].i):
            events.extend(self._finish(cand, story_id, sentence_index, sentence_start))
        return events

    def _finish(self, cand: Candidate, story_id: str, sentence_index: int, sentence_start: int) -> list[Event]:
        k = self.k
        if cand.frame is not None:
            actor = self._subject(cand.frame)
        elif cand.is_noun:
            actor = self._noun_actor(cand)
        else:
            actor = self._subject(cand.anchor)
        if not actor:
            return []
        recipient = self._recipient(cand, actor)
        actor_codes = {e.code for e in actor}
        flags = self._flags(cand)
        etype, cameo, mode, reason = cand.type, cand.cameo, cand.mode, cand.reason
        if flags["negated"] and (flags["future"] or cand.frame is not None) and etype != "REJECT" \
                and k.plover["types"][etype]["quad"] <= 2:  # "will not accept refugees": a refusal
            reason += f"; a {etype} refused ('not') is REJECT"
            etype, cameo, mode = "REJECT", "120", None
            flags = {**flags, "negated": False, "future": False}
        elif flags["future"] and etype in k.plover.get("intent", {}) and etype != "AGREE":
            reason += f"; a future {etype} is AGREE"
            etype, cameo, mode = "AGREE", k.plover["intent"][etype]["cameo"], None
        elif flags["future"] and k.plover["types"][etype]["quad"] == 4:  # "will begin a new military operation"
            spec = k.plover["threat"].get(etype, {"mode": None, "cameo": "130"})
            reason += f"; a {etype} announced for the future is THREATEN"
            etype, cameo, mode = "THREATEN", spec["cameo"], spec["mode"]
            flags = {**flags, "future": False}
        if not recipient and (cand.inner or cand).rule.needs_recipient and self._own_object(cand, actor):
            return []  # "Sweden reversed its policy": a concession needs someone conceded to
        about = None if recipient else self._about(cand)
        if k.plover["types"][etype]["recipient_required"] and not recipient and about is None and \
                not (etype == "COOPERATE" and len(actor_codes) >= 2):  # "X and Y cooperate": reciprocal
            return []  # (a target that is no actor will do: "suspended humanitarian aid to Gaza")
        triggers = sorted({t.i: t for t in cand.triggers}.values(), key=lambda t: t.i)
        base = self.sent.start_char
        first, last = triggers[0], triggers[-1]
        if last.i - first.i < 8:  # "agreed to elevate their bilateral relationship"
            trigger_text = self.sent.doc.text[first.idx:last.idx + len(last)]
        else:
            trigger_text = " ".join(t.text for t in triggers)
        mention = Mention(story_id=story_id, sentence_index=sentence_index, sentence=self.sent.text.rstrip(),
                          sentence_start=sentence_start, trigger=trigger_text,
                          trigger_start=first.idx - base, trigger_end=last.idx + len(last) - base)
        ptype = k.plover["types"][etype]
        event = Event(event=etype, actor=actor, recipient=recipient, mention=mention, mode=mode,
                      cameo=cameo, goldstein=k.goldstein(cameo),
                      quad_code=ptype["quad"],
                      quad_class=k.quad_class(cameo), intensity=ptype["intensity"], reason=reason,
                      confidence=round(min(e.confidence for e in actor) * (0.9 if cand.is_noun else 1.0), 2),
                      **flags)
        event.about = about
        attributes.describe(event, cand.triggers, cand.rule.context, k)
        event.scope = self._scope(cand)
        self.actors.note_subject(actor)
        return [event]

    def _scope(self, cand: Candidate) -> list[Token]:
        """Tokens where the event's own date and place are said."""
        roots = {t for t in cand.triggers}
        if cand.frame is not None:
            roots.add(cand.frame)
        if cand.is_noun:
            v = self._verb_of(cand.anchor)
            roots.add(v)
        out: list[Token] = []
        seen: set[int] = set()

        def walk(t: Token, top: bool) -> None:
            if t.i in seen:
                return
            seen.add(t.i)
            out.append(t)
            for c in t.children:
                if c.dep_ in CLAUSE_DEPS or (c.dep_ in ("acl", "appos") and not (top and cand.is_noun)):
                    continue
                if c.dep_ in ("nsubj", "nsubjpass") and not top:
                    continue
                walk(c, False)

        for r in sorted(roots, key=lambda t: t.i):
            if r.pos_ in ("VERB", "AUX") and r not in cand.triggers and r != cand.frame:
                for c in r.children:  # the light verb's own time and place phrases
                    if c.dep_ in ("prep", "npadvmod", "advmod", "tmod") and c.i not in seen:
                        walk(c, False)
            else:
                walk(r, True)
        return out
