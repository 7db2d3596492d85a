"""The pipeline: read -> clean -> parse -> actors -> events -> date/place -> dedup.

Each stage is one module; this one only passes records from one to the next.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from . import clean as clean_stage
from . import attributes, dates, dedup, places
from .actor_matcher import actor_matcher
from .actors import SentenceActors, StoryActors, redate
from .events import SentenceCoder
from .knowledge import Knowledge, load_knowledge
from .parse import bound_caches, get_nlp, parse_many
from .read import parse_published, read_paths
from .records import CleanDocument, CodingError, Document, Entity, Event


class WorkerError(RuntimeError):
    """A worker process died; the documents yielded before it are complete."""


@dataclass
class CodedDocument:
    """The result for one document: its events, or the error that stopped it."""

    document: Document
    events: list[Event] = field(default_factory=list)
    cleaned: CleanDocument | None = None
    error: CodingError | None = None


def _as_document(item: Document | dict | str, n: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(text=item, id=_text_id(item))
    if isinstance(item, dict):
        text = item.get("text")
        if not isinstance(text, str):
            raise ValueError(f"document {n}: a dict needs a 'text' string")
        return Document(text=text, id=str(item.get("id") or _text_id(text)), title=item.get("title"),
                        url=item.get("url"), published=_published(item.get("published")),
                        source=item.get("source"))
    raise TypeError(f"document {n}: expected a Document, dict or str, got {type(item).__name__}")


def _text_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _published(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_published(value)


def _cite(c: CleanDocument) -> dict:
    d = c.doc
    return {"url": d.url, "title": c.title, "publication": d.source, "language": d.language,
            "publication_date": c.published.isoformat() if c.published else None,
            "publication_date_from": c.published_how, "path": d.path, "line": d.line}


def _story_actors(published: datetime | None, dateline: str | None, k: Knowledge) -> StoryActors:
    """What one story knows about its actors: its date and its dateline's country."""
    return StoryActors(when=published.date() if published else None, home=places.country_of(dateline, k))


def _sentence_actors(parsed: Iterable[tuple[int, Doc]], k: Knowledge, story: StoryActors
                     ) -> Iterator[tuple[int, Span, SentenceActors]]:
    """Each non-blank sentence of a parsed story (chunk offset, sentence) with its actor resolver; the
    phrase matcher runs once per chunk."""
    for offset, sdoc in parsed:
        surfaces, roles = actor_matcher(k, sdoc.vocab).annotate(sdoc)
        for sent in sdoc.sents:
            if sent.text.strip():
                yield offset, sent, SentenceActors(sent, k, story, surfaces, roles)


def code_clean(c: CleanDocument, parsed: list, k: Knowledge) -> list[Event]:
    """Actors, events, dates, places and within-story merging for one parsed story."""
    story = _story_actors(c.published, c.dateline, k)
    events: list[Event] = []
    cite = _cite(c)
    for index, (offset, sent, actors) in enumerate(_sentence_actors(parsed, k, story)):
        coder = SentenceCoder(sent, k, actors)
        for ev in coder.code(c.doc.id, index, offset + sent.start_char):
            dates.date_event(ev, c.published)
            if ev.date != story.when:  # people coded by the office-holder table: office on the event date
                ev.actor, ev.recipient = redate(ev.actor, k, ev.date), redate(ev.recipient, k, ev.date)
            places.place_event(ev, k)
            ev.cite = cite
            events.append(ev)
    merged = dedup.merge_story_events(events)
    titled = attributes.story_contexts(c.title, k)  # what the story is about holds for each of its events
    for n, ev in enumerate(merged):
        ev.context += [x for x in titled if x not in ev.context]
        ev.id = f"{c.doc.id}-{ev.mention.sentence_index}-{n}"
        ev.scope = []  # the parse is not kept beyond this stage
    return merged


def _code_batch(batch: list, k: Knowledge, first: int) -> list[CodedDocument | CodingError]:
    """Clean, parse and code one batch of documents; ``first`` numbers them for messages."""
    ready: list[tuple[int, CleanDocument]] = []
    results: list[CodedDocument | CodingError] = []
    for n, item in enumerate(batch, first):
        if isinstance(item, CodingError):
            results.append(item)
            continue
        doc = _as_document(item, n)
        cleaned = clean_stage.clean(doc, k)
        if isinstance(cleaned, CodingError):
            results.append(CodedDocument(doc, error=cleaned))
            continue
        results.append(CodedDocument(doc, cleaned=cleaned))
        ready.append((len(results) - 1, cleaned))
    nlp = get_nlp()
    actor_matcher(k, nlp.vocab)  # built outside the zone: its pattern names must outlive every batch
    # the strings first seen in this batch are forgotten after it: the string store does not grow
    with nlp.memory_zone():
        for (pos, cleaned), parsed in zip(ready, parse_many([c.body for _, c in ready])):
            result = results[pos]
            assert isinstance(result, CodedDocument)
            try:
                result.events = code_clean(cleaned, parsed, k)
            except Exception as exc:  # one broken story must not stop a batch
                result.error = CodingError(cleaned.doc.path or cleaned.doc.id, cleaned.doc.line,
                                           f"internal error while coding ({type(exc).__name__}: {exc}); "
                                           "please report it")
    bound_caches(nlp)
    return results


def _batches(docs: Iterable, size: int) -> Iterator[tuple[int, list]]:
    it = iter(docs)
    first = 1
    while batch := list(islice(it, size)):
        yield first, batch
        first += len(batch)


# ---- worker processes ------------------------------------------------------
_worker_knowledge: Knowledge | None = None


def _worker_init(data: tuple[str, ...]) -> None:
    global _worker_knowledge
    _worker_knowledge = load_knowledge(data)
    get_nlp()


def _worker_batch(first: int, batch: list) -> list[CodedDocument | CodingError]:
    assert _worker_knowledge is not None
    return _code_batch(batch, _worker_knowledge, first)


def _code_in_workers(docs: Iterable, data: tuple[str, ...], batch_size: int, workers: int
                     ) -> Iterator[CodedDocument | CodingError]:
    """Batches go to ``workers`` processes; results come back in input order.

    The model is loaded here first: where processes fork (Linux) the workers share it instead of
    loading their own; elsewhere each worker loads it once. At most two batches per worker are in
    flight, so memory does not grow with the corpus.
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    get_nlp()
    pending: deque = deque()
    done = 0
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(data,)) as pool:
        try:
            for first, batch in _batches(docs, batch_size):
                pending.append(pool.submit(_worker_batch, first, batch))
                while len(pending) >= 2 * workers:
                    results = pending.popleft().result()
                    done += len(results)
                    yield from results
            while pending:
                results = pending.popleft().result()
                done += len(results)
                yield from results
        except BrokenProcessPool:
            raise WorkerError(f"a worker process died (killed, or out of memory?) after {done} documents; "
                              "the results before it are complete") from None
        finally:
            for future in pending:
                future.cancel()


def code_documents(docs: Iterable[Document | dict | str | CodingError], *, data: Iterable[str | Path] = (),
                   actors: Iterable[str | Path] = (), batch_size: int = 16, workers: int = 1
                   ) -> Iterator[CodedDocument | CodingError]:
    """Code many documents, streaming one result per document (errors included, in order).

    ``data``: extra knowledge folders; ``actors``: actor files (YAML/TSV, see :mod:`tidings.actor_files`).
    ``workers`` > 1 codes batches in that many processes (forked workers share the model the
    caller loads; elsewhere each loads it once); the results still come back in input order.
    """
    data = tuple(str(d) for d in (*data, *actors))
    if workers < 1:
        raise ValueError("workers must be at least 1")
    k = load_knowledge(data)  # a broken user file fails here, in this process, not in a worker
    if workers > 1:
        yield from _code_in_workers(docs, data, batch_size, workers)
        return
    get_nlp()
    for first, batch in _batches(docs, batch_size):
        yield from _code_batch(batch, k, first)


def code_paths(paths: Iterable[str | Path], *, data: Iterable[str | Path] = (), actors: Iterable[str | Path] = (),
               workers: int = 1) -> Iterator[CodedDocument | CodingError]:
    """Read files and folders and code every article in them."""
    yield from code_documents(read_paths(paths), data=data, actors=actors, workers=workers)


def code_text(text: str, *, title: str | None = None, published: datetime | str | None = None,
              url: str | None = None, id: str | None = None, source: str | None = None,
              data: Iterable[str | Path] = (), actors: Iterable[str | Path] = ()) -> list[Event]:
    """Code one article. Raises ``ValueError`` if nothing in it can be coded (e.g. empty text)."""
    doc = Document(text=text, id=id or _text_id(text), title=title, url=url, published=_published(published),
                   source=source)
    result = next(iter(code_documents([doc], data=data, actors=actors)))
    assert isinstance(result, CodedDocument)
    if result.error is not None:
        raise ValueError(result.error.message)
    return result.events


def resolve_actors(text: str, spans: Iterable[tuple[int, int]] | None = None, *,
                   published: datetime | str | None = None, data: Iterable[str | Path] = (),
                   actors: Iterable[str | Path] = ()) -> list[Entity] | list[list[Entity]]:
    """The actor stage alone: who a text mentions, and how each mention resolves.

    Without ``spans``: every actor mention, in order, with offsets into ``text``. With ``spans``
    (character offsets into ``text``): the entities each span refers to, read the way an event's
    argument is (its own phrase, else its possessor or modifiers: "a U.S. Supreme Court decision" ->
    USA JUD). A wire dateline opening the text ("KABUL (Reuters) -") sets the story's home country.
    """
    k = load_knowledge(tuple(str(d) for d in (*data, *actors)))
    when = _published(published)
    dateline, body = clean_stage.split_wire_dateline(text)
    shift = len(text) - len(body)
    sdoc = get_nlp()(body)
    story = _story_actors(when, dateline, k)
    wanted = [(a - shift, b - shift) for a, b in spans] if spans is not None else None
    found: list[list[Entity]] = [[] for _ in wanted or []]
    mentions: list[Entity] = []
    for _, sent, actors in _sentence_actors([(0, sdoc)], k, story):
        base = shift + sent.start_char

        def absolute(e: Entity) -> Entity:
            return replace(e, start=e.start + base, end=e.end + base)

        for n, (a, b) in enumerate(wanted or []):
            if sent.start_char <= a < sent.end_char:
                span = sdoc.char_span(a, b, alignment_mode="expand")
                if span is not None:
                    head = _span_head(span)
                    cut = span.start > head.left_edge.i or span.end != head.right_edge.i + 1  # not the head's phrase
                    reader = actors.within(span.start, span.end) if cut else actors
                    ents = reader.find(head) or (actors.find(head) if reader is not actors else [])
                    found[n] = [absolute(e) for e in ents]  # ("House" of "House and Senate negotiators")
        for _, ents in actors.all_mentions():
            mentions.extend(absolute(e) for e in ents)
    return found if wanted is not None else mentions


def _span_head(span: Span) -> Token:
    """The noun a span is about: its syntactic root, or if that is not a noun ("then US President Bush"
    whose root is "then"), the first noun or name in it whose head lies outside the span."""
    nounish = ("NOUN", "PROPN", "PRON", "NUM")
    if span.root.pos_ in nounish:
        return span.root
    for t in span:
        if t.pos_ in nounish and not (span.start <= t.head.i < span.end):
            return t
    for t in span:  # "President Gerald Ford pardoned": the subject of the verb the span runs into
        if t.pos_ in nounish and t.head == span.root and t.dep_ in ("nsubj", "nsubjpass"):
            return t
    return next((t for t in span if t.pos_ in nounish), span.root)  # "In Colombia"
