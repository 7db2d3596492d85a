"""Store stage: coded articles into an embedded DuckDB database, one real-world event once.

Tables (the schema is documented in the README, "The event store"):

- ``articles``: one row per article coded, keyed by ``article_id`` (a hash of its URL, or its source when
  it has no URL, and its whitespace-normalised text, so the same article coded again is recognised and
  skipped). ``story_id`` links near-duplicates (wire copies, the same story on two sites) to the first
  article of their group (``tidings.neardup``).
- ``reports``: every event coded from an article (a *report* of an event), with ``event_id`` naming the
  real-world event it reports (``tidings.clusters``: the first report's id).
- ``participants``: each report's actors and recipients; ``mentions``: every sentence reporting it.
- ``event_stats``: each real-world event's counts (reports, articles, stories, sources) and sources,
  kept up to date at every commit; ``dyads``: the pairs of codes each event relates.
- views ``events`` (one row per real-world event: its first report's fields plus its counts) and
  ``dyad_events`` (one row per event and pair: actor → recipient, or both ways for "X and Y met").

Articles are written in transactions of ``commit_every`` articles (or fewer, at least every
``commit_seconds``): an interrupted run leaves every earlier transaction whole, and running it again
codes only the articles that are missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator
from urllib.parse import urlparse

from . import __version__, clusters, neardup
from .dedup import parties
from .formats import event_summary, plover_record
from .records import CodingError, Document, Event

if TYPE_CHECKING:  # pandas is imported when a table is built or asked for
    import pandas as pd

    from .pipeline import CodedDocument

DEFAULT_DB = "tidings.duckdb"
SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, similarity DOUBLE, content_hash VARCHAR NOT NULL,
    doc_id VARCHAR, url VARCHAR, source VARCHAR, title VARCHAR, published VARCHAR, published_date DATE,
    path VARCHAR, line INTEGER, n_reports INTEGER NOT NULL, signature UBIGINT[], seq BIGINT NOT NULL,
    coded_at TIMESTAMP NOT NULL, tidings_version VARCHAR);
CREATE TABLE IF NOT EXISTS article_bands (band BIGINT NOT NULL, article_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    report_id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL, seq BIGINT NOT NULL, event VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[],
    cameo VARCHAR, goldstein DOUBLE, quad_class TINYINT, quad_code TINYINT, intensity DOUBLE, date DATE,
    date_precision VARCHAR, negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, historical BOOLEAN,
    counted BOOLEAN, actor_codes VARCHAR[], recipient_codes VARCHAR[], actor_keys VARCHAR[],
    recipient_keys VARCHAR[], place VARCHAR, place_key VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    summary VARCHAR, event_text VARCHAR, sentence VARCHAR, n_mentions INTEGER, reason VARCHAR, confidence DOUBLE,
    record JSON);
CREATE TABLE IF NOT EXISTS participants (
    report_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER, code VARCHAR, sector VARCHAR,
    name VARCHAR, text VARCHAR, kind VARCHAR, basis VARCHAR, confidence DOUBLE);
CREATE TABLE IF NOT EXISTS mentions (
    report_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, sentence_index INTEGER, sentence_start INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, trigger VARCHAR, sentence VARCHAR);
CREATE INDEX IF NOT EXISTS article_bands_band ON article_bands (band);
CREATE TABLE IF NOT EXISTS event_stats (
    event_id VARCHAR NOT NULL, n_reports INTEGER, n_articles INTEGER, n_stories INTEGER, n_sources INTEGER,
    sources VARCHAR[], urls VARCHAR[], n_mentions INTEGER, first_date DATE, last_date DATE);
CREATE TABLE IF NOT EXISTS dyads (
    event_id VARCHAR NOT NULL, actor_code VARCHAR NOT NULL, recipient_code VARCHAR NOT NULL, mutual BOOLEAN NOT NULL);
CREATE OR REPLACE VIEW events AS
SELECT r.event_id, r.date, r.date_precision, r.event, r.mode, r.context, r.cameo, r.goldstein, r.quad_class,
       r.quad_code, r.intensity, r.actor_codes, r.recipient_codes, r.summary, r.negated, r.hypothetical,
       r.future, r.historical, r.counted, r.place, r.place_country, r.lat, r.lon, r.event_text, r.sentence,
       r.reason, r.confidence, s.n_reports, s.n_articles, s.n_stories, s.n_sources, s.sources, s.urls,
       s.n_mentions, s.first_date, s.last_date, r.article_id, a.url, a.source, a.title, a.published, a.coded_at,
       r.record
FROM event_stats s JOIN reports r ON r.report_id = s.event_id JOIN articles a ON a.article_id = r.article_id;
CREATE OR REPLACE VIEW report_rows AS
SELECT r.report_id, r.event_id, r.date, r.date_precision, r.event, r.mode, r.context, r.cameo, r.goldstein,
       r.quad_class, r.quad_code, r.intensity, r.actor_codes, r.recipient_codes, r.summary, r.negated,
       r.hypothetical, r.future, r.historical, r.counted, r.place, r.place_country, r.lat, r.lon, r.event_text,
       r.sentence, r.reason, r.confidence, 1 AS n_reports, 1 AS n_articles, 1 AS n_stories,
       (a.source IS NOT NULL)::INTEGER AS n_sources,
       CASE WHEN a.source IS NULL THEN []::VARCHAR[] ELSE [a.source] END AS sources,
       CASE WHEN a.url IS NULL THEN []::VARCHAR[] ELSE [a.url] END AS urls, r.n_mentions, r.date AS first_date,
       r.date AS last_date, r.article_id, a.url, a.source, a.title, a.published, a.coded_at, r.record, r.seq
FROM reports r JOIN articles a USING (article_id);
CREATE OR REPLACE VIEW dyad_events AS
SELECT e.*, d.actor_code, d.recipient_code, d.mutual FROM dyads d JOIN events e ON e.event_id = d.event_id;
"""

# an event's counts over its reports, recomputed for the events a commit touches
EVENT_STATS = """
INSERT INTO event_stats
SELECT r.event_id, count(*), count(DISTINCT r.article_id), count(DISTINCT r.story_id), count(DISTINCT a.source),
       coalesce(list(DISTINCT a.source ORDER BY a.source) FILTER (WHERE a.source IS NOT NULL), []),
       coalesce(list(DISTINCT a.url ORDER BY a.url) FILTER (WHERE a.url IS NOT NULL), []),
       sum(r.n_mentions), min(r.date), max(r.date)
FROM reports r JOIN articles a USING (article_id)
WHERE r.event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY r.event_id
"""


class StoreError(RuntimeError):
    """The store cannot be opened or used (missing, locked by another process, not a tidings store)."""


@dataclass
class IngestStats:
    """What one run added to the store."""

    articles: int = 0  # articles stored by this run
    skipped: int = 0  # articles already in the store (or twice in the input): not coded again
    near_duplicates: int = 0  # stored articles linked to an earlier copy of their story
    reports: int = 0  # events coded from the stored articles
    counted: int = 0  # of them, neither negated nor hypothetical
    new_events: int = 0  # reports that started a new real-world event
    errors: int = 0  # articles that could not be coded (not stored: a re-run tries them again)


def article_id(doc: Document) -> str:
    """An article's key: its URL (else its source) and its whitespace-normalised text."""
    where = doc.url or doc.source or ""
    return hashlib.sha256(f"{where}\n{neardup.normalise(doc.text)}".encode("utf-8")).hexdigest()[:24]


def _shift(day: dt.date | None, delta: dt.timedelta) -> dt.date:
    """``day + delta`` kept within the calendar (no day: the first)."""
    if day is None:
        return dt.date.min
    try:
        return day + delta
    except OverflowError:
        return dt.date.min if delta < dt.timedelta(0) else dt.date.max


def _n_articles(n: int) -> str:
    return f"{n} article" + ("" if n == 1 else "s")


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or None


@dataclass
class _Rows:
    """Rows of one transaction, by table."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {
        "articles": [], "article_bands": [], "reports": [], "participants": [], "mentions": [], "dyads": []})
    touched: set[str] = field(default_factory=set)  # events given a report


@dataclass
class _Article:
    """A queued article on its way in."""

    aid: str
    result: "CodedDocument"
    published: dt.datetime | None
    day: dt.date | None
    signature: neardup.Signature
    seq: int


class Store:
    """A DuckDB event store. Use as a context manager, or call :meth:`close` (which commits).

    ``window``: days between reports of one event (cross-report merge); ``near_duplicate``: the
    estimated share of word 4-grams two articles must share to be copies of one story (``None``: no
    near-duplicate detection); ``near_duplicate_days``: how far apart their publication dates may be.
    These knobs apply to articles as they are added; what is stored keeps the links it was given.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, window: int = 1,
                 near_duplicate: float | None = 0.5, near_duplicate_days: int = 7, commit_every: int = 200,
                 commit_seconds: float = 5.0):
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        self.window = window
        self.near_duplicate = near_duplicate
        self.near_duplicate_days = near_duplicate_days
        self.commit_every = max(1, commit_every)
        self.commit_seconds = commit_seconds
        self._last_commit = time.monotonic()
        self.stats = IngestStats()
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; fill one first with `tidings code FILES --db {self.path}`")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"{self.path}: the store is in use by another process (DuckDB allows one "
                                 "writer); wait for it to finish") from None
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a DuckDB database ({exc})") from None
        try:
            self._check_or_create()
        except BaseException:
            self.con.close()
            raise
        self._queue: dict[str, CodedDocument] = {}  # coded articles waiting for the next commit, by id
        self._by_date: dict[dt.date, list[clusters.ReportKey]] = {}  # first reports of events, by date
        self._events: dict[str, clusters.ReportKey] = {}  # the same, by event id
        self._story_reports: dict[str, list[clusters.ReportKey]] = {}  # reports of the stories being added
        self._seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]

    # ---- opening -----------------------------------------------------------
    def _check_or_create(self) -> None:
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" in tables:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                raise StoreError(f"{self.path}: a tidings store of schema version {row and row[0]}, this tidings "
                                 f"reads version {SCHEMA_VERSION}")
            return
        if tables:
            raise StoreError(f"{self.path}: a DuckDB database, but not a tidings store (it has tables "
                             f"{', '.join(sorted(tables)[:5])})")
        if self.read_only:
            raise StoreError(f"{self.path}: an empty database, not a tidings store")
        self.con.execute(SCHEMA)
        self.con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created_by', ?)",
                         [SCHEMA_VERSION, f"tidings {__version__}"])

    def close(self) -> None:
        if getattr(self, "con", None) is None:
            return
        try:
            if not self.read_only:
                self.flush()
        finally:
            self.con.close()
            self.con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close()

    # ---- adding ------------------------------------------------------------
    def known(self, aid: str) -> bool:
        """Whether the article is stored (or waiting to be)."""
        if aid in self._queue:
            return True
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [aid]).fetchone() is not None

    def unseen(self, docs: Iterable[Document | CodingError]) -> Iterator[Document | CodingError]:
        """The documents not in the store yet (read errors pass through): a re-run codes only what is
        missing. An article twice in the input is coded once."""
        seen: set[str] = set()
        for d in docs:
            if isinstance(d, Document):
                aid = article_id(d)
                if aid in seen or self.known(aid):
                    self.stats.skipped += 1
                    continue
                seen.add(aid)
            yield d

    def code(self, docs: Iterable[Document | dict | str | CodingError], **options) -> Iterator["CodedDocument"]:
        """Code the documents not yet stored and add them; yields each result (errors included).
        ``options`` go to :func:`tidings.code_documents` (``workers``, ``data``, ``actors``)."""
        from .pipeline import _as_document, code_documents

        def documents() -> Iterator[Document | CodingError]:
            for n, d in enumerate(docs, 1):
                yield d if isinstance(d, (Document, CodingError)) else _as_document(d, n)

        for result in code_documents(self.unseen(documents()), **options):
            if not isinstance(result, CodingError):
                self.add(result)
            yield result

    def add(self, result: "CodedDocument") -> None:
        """Queue one coded article; it is stored at the next commit (every ``commit_every`` articles, at
        least every ``commit_seconds``, and on :meth:`flush` or :meth:`close`). An article already stored
        is skipped; one that could not be coded is not stored, so a re-run tries it again."""
        if result.error is not None or result.cleaned is None:
            self.stats.errors += 1
            return
        aid = article_id(result.document)
        if aid in self._queue:  # twice before a commit: once
            self.stats.skipped += 1
            return
        self._queue[aid] = result
        if len(self._queue) >= self.commit_every or time.monotonic() - self._last_commit >= self.commit_seconds:
            self.flush()

    def flush(self) -> None:
        """Store the queued articles in one transaction: all of them or none."""
        if not self._queue:
            return
        import pandas as pd

        stats = dataclasses.replace(self.stats)  # counted here, kept only if the transaction commits
        rows = _Rows()
        begun = False
        try:
            new = self._new_articles(self._queue, stats)
            stories = self._stories(new)
            self._load_dates(sorted({e.date + dt.timedelta(days=d) for art in new for e in art.result.events
                                     if e.date for d in range(-self.window, self.window + 1)}
                                    - self._by_date.keys()))
            self._load_stories({story for art, (story, _) in zip(new, stories) if story != art.aid}
                               - self._story_reports.keys())
            for art, (story_id, similarity) in zip(new, stories):
                self._article_rows(art, story_id, similarity, rows, stats)
            self.con.begin()
            begun = True
            for table, table_rows in rows.tables.items():
                if table_rows:
                    self.con.register("pending_rows", pd.DataFrame(table_rows))
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM pending_rows")
                    self.con.unregister("pending_rows")
            touched = sorted(rows.touched)
            self.con.execute("DELETE FROM event_stats WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [touched])
            self.con.execute(EVENT_STATS, [touched])
            self.con.commit()
        except BaseException as exc:
            if begun:
                self.con.rollback()
            self._by_date.clear()  # it may hold events of the articles not stored: read it again
            self._events.clear()
            self._story_reports.clear()
            import duckdb

            if isinstance(exc, duckdb.Error):  # disk full, file removed, ...
                raise StoreError(f"{self.path}: could not store {_n_articles(len(self._queue))} ({exc}); the "
                                 "articles stored before are kept") from exc
            raise
        self.stats = stats
        self._queue = {}
        self._story_reports.clear()
        self._last_commit = time.monotonic()

    def _new_articles(self, queue: dict[str, "CodedDocument"], stats: IngestStats) -> list["_Article"]:
        """The queued articles not stored yet, with their signatures."""
        stored = {row[0] for row in self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(queue)]).fetchall()}
        new: list[_Article] = []
        for aid, result in queue.items():
            if aid in stored:
                stats.skipped += 1
                continue
            cleaned = result.cleaned
            published = cleaned.published or result.document.published
            self._seq += 1
            new.append(_Article(aid, result, published, published.date() if published else None,
                                neardup.signature(cleaned.body), self._seq))
        return new

    def _stories(self, new: list["_Article"]) -> list[tuple[str, float | None]]:
        """Each new article's story: the earliest most similar near-duplicate's story, else its own."""
        if self.near_duplicate is None:
            return [(art.aid, None) for art in new]
        bands = sorted({b for art in new for b in art.signature.bands})
        days = [art.day for art in new if art.day]
        window = dt.timedelta(days=self.near_duplicate_days)
        by_band: dict[int, list[str]] = {}
        others: dict[str, tuple] = {}  # article -> (story, signature, date, seq)
        if bands:
            rows = self.con.execute(
                "SELECT b.band, a.article_id, a.story_id, a.published_date, a.seq FROM article_bands b "
                "JOIN articles a USING (article_id) WHERE b.band IN (SELECT unnest(?::BIGINT[])) AND "
                "(a.published_date IS NULL OR ? OR a.published_date BETWEEN ? AND ?)",
                [bands, len(days) < len(new), _shift(min(days, default=None), -window),
                 _shift(max(days, default=None), window)]).fetchall()
            for band, other, story, when, seq in rows:
                by_band.setdefault(band, []).append(other)
                others[other] = (story, None, when, seq)
        if others:  # the signatures of the candidates, read once each
            for aid, values in self.con.execute(
                    "SELECT article_id, signature FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                    [sorted(others)]).fetchall():
                story, _, when, seq = others[aid]
                others[aid] = (story, neardup.Signature(tuple(values or ())), when, seq)
        out = []
        for art in new:
            best: tuple | None = None
            for other in {o for band in art.signature.bands for o in by_band.get(band, ())}:
                story, sig, when, seq = others[other]
                if art.day and when and abs((art.day - when).days) > self.near_duplicate_days:
                    continue
                score = art.signature.similarity(sig)
                if score >= self.near_duplicate and (best is None or (-score, seq) < (-best[0], best[1])):
                    best = (score, seq, story)
            story = (best[2], round(best[0], 3)) if best else (art.aid, None)
            out.append(story)
            others[art.aid] = (story[0], art.signature, art.day, art.seq)  # later articles may be its copies
            for band in art.signature.bands:
                by_band.setdefault(band, []).append(art.aid)
        return out

    def _load_dates(self, days: list[dt.date]) -> None:
        """Read the first reports of the events of these dates into the merge index, each with the places
        its event's reports have given."""
        if not days:
            return
        for d in days:
            self._by_date[d] = []
        rows = self.con.execute(f"SELECT {_KEY_COLUMNS} FROM reports WHERE report_id = event_id AND date IN "
                                "(SELECT unnest(?::DATE[])) ORDER BY seq", [days]).fetchall()
        keys = [_report_key(r) for r in rows]
        for k in keys:
            self._by_date[k.date].append(k)
            self._events[k.event_id] = k
        if keys:
            for event_id, place, country in self.con.execute(
                    "SELECT event_id, place_key, place_country FROM reports WHERE place_country IS NOT NULL AND "
                    "event_id IN (SELECT unnest(?::VARCHAR[]))", [[k.event_id for k in keys]]).fetchall():
                self._events[event_id].seen.add((place, country))

    def _load_stories(self, stories: set[str]) -> None:
        """Read the reports of these stories (for the copies of a story among the new articles)."""
        for story in stories:
            self._story_reports[story] = []
        if stories:
            rows = self.con.execute(f"SELECT {_KEY_COLUMNS} FROM reports WHERE story_id IN "
                                    "(SELECT unnest(?::VARCHAR[])) ORDER BY seq", [sorted(stories)]).fetchall()
            for r in rows:
                k = _report_key(r)
                self._story_reports[k.story_id].append(k)

    def _candidates(self, key: clusters.ReportKey) -> list[clusters.ReportKey]:
        """Events the report may join: first reports dated within the window, and reports of its story."""
        found: list[clusters.ReportKey] = []
        if key.date is not None:
            for d in range(-self.window, self.window + 1):
                found.extend(self._by_date.get(key.date + dt.timedelta(days=d), ()))
        if key.story_id != key.article_id:
            found.extend(self._story_reports.get(key.story_id, ()))
        return found

    def _article_rows(self, art: "_Article", story_id: str, similarity: float | None, rows: "_Rows",
                      stats: IngestStats) -> None:
        result, aid = art.result, art.aid
        doc, cleaned = result.document, result.cleaned
        rows.tables["articles"].append({
            "article_id": aid, "story_id": story_id, "similarity": similarity,
            "content_hash": neardup.content_hash(doc.text), "doc_id": doc.id, "url": doc.url,
            "source": doc.source or _host(doc.url), "title": cleaned.title,
            "published": art.published.isoformat() if art.published else None, "published_date": art.day,
            "path": doc.path, "line": doc.line, "n_reports": len(result.events),
            "signature": list(art.signature.values), "seq": art.seq,
            "coded_at": dt.datetime.now().replace(microsecond=0), "tidings_version": __version__})
        rows.tables["article_bands"].extend({"band": b, "article_id": aid} for b in art.signature.bands)
        stats.articles += 1
        stats.near_duplicates += story_id != aid
        for n, ev in enumerate(result.events):
            self._add_report(ev, f"{aid}-{n}", art, story_id, rows, stats)

    def _add_report(self, ev: Event, report_id: str, art: "_Article", story_id: str, rows: "_Rows",
                    stats: IngestStats) -> None:
        place = ev.place
        key = clusters.ReportKey(
            event_id=report_id, article_id=art.aid, story_id=story_id, event=ev.event, date=ev.date,
            actors=parties(ev.actor), recipients=parties(ev.recipient),
            place_country=place.country if place else None,
            place=place.name if place and place.feature != "country" else None,
            negated=ev.negated, hypothetical=ev.hypothetical, trigger=ev.mention.trigger)
        match = clusters.best_match(key, self._candidates(key), self.window)
        if match is not None:
            key.event_id = match.event_id
            first = self._events.get(match.event_id)
            if first is not None and key.place_country:
                first.seen.add((key.place, key.place_country))  # the event is now placed there too
        else:
            stats.new_events += 1
            self._events[report_id] = key
            if key.date is not None:
                self._by_date.setdefault(key.date, []).append(key)
            rows.tables["dyads"].extend({"event_id": report_id, "actor_code": a, "recipient_code": b, "mutual": m}
                                        for a, b, m in dyads(ev))
        rows.touched.add(key.event_id)
        self._story_reports.setdefault(story_id, []).append(key)
        stats.reports += 1
        stats.counted += ev.counted
        record = plover_record(ev)
        rows.tables["reports"].append({
            "report_id": report_id, "event_id": key.event_id, "article_id": art.aid, "story_id": story_id,
            "seq": art.seq, "event": ev.event, "mode": ev.mode, "context": list(ev.context), "cameo": ev.cameo,
            "goldstein": ev.goldstein, "quad_class": ev.quad_class, "quad_code": ev.quad_code,
            "intensity": ev.intensity, "date": ev.date, "date_precision": ev.date_precision or None,
            "negated": ev.negated, "hypothetical": ev.hypothetical, "future": ev.future,
            "historical": ev.historical, "counted": ev.counted,
            "actor_codes": list(dict.fromkeys(a.out_code for a in ev.actor)),
            "recipient_codes": list(dict.fromkeys(r.out_code for r in ev.recipient)),
            "actor_keys": sorted(key.actors), "recipient_keys": sorted(key.recipients),
            "place": place.name if place else None, "place_key": key.place, "place_country": key.place_country,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None, "summary": event_summary(ev), "event_text": ev.mention.trigger,
            "sentence": ev.mention.sentence, "n_mentions": 1 + len(ev.mentions), "reason": ev.reason,
            "confidence": ev.confidence, "record": json.dumps(record, ensure_ascii=False)})
        for role, entities in (("actor", ev.actor), ("recipient", ev.recipient)):
            for n, e in enumerate(entities):
                rows.tables["participants"].append({
                    "report_id": report_id, "role": role, "position": n, "code": e.out_code, "sector": e.out_sector,
                    "name": e.name, "text": e.text, "kind": e.kind, "basis": e.basis, "confidence": e.confidence})
        for m in (ev.mention, *ev.mentions):
            rows.tables["mentions"].append({
                "report_id": report_id, "article_id": art.aid, "sentence_index": m.sentence_index,
                "sentence_start": m.sentence_start, "trigger_start": m.trigger_start, "trigger_end": m.trigger_end,
                "trigger": m.trigger, "sentence": m.sentence})

    # ---- reading -----------------------------------------------------------
    def sql(self, query: str, params: list | None = None) -> "pd.DataFrame":
        """Any SQL query over the store, as a pandas DataFrame."""
        if not self.read_only:
            self.flush()
        result = self.con.execute(query, params or [])
        if result.description is None:  # a statement that returns nothing
            import pandas as pd

            return pd.DataFrame()
        return result.df()

    def events_query(self, *, one_a_day: bool = False, columns: str = "* EXCLUDE (record)", **filters
                     ) -> tuple[str, list]:
        """The SQL (and its parameters) of :meth:`events`, for other uses (exports)."""
        where, params = event_filter(**filters)
        qualify = f" QUALIFY row_number() OVER (PARTITION BY {ONE_A_DAY} ORDER BY event_id) = 1" if one_a_day else ""
        return f"SELECT {columns} FROM events WHERE {where}{qualify} ORDER BY date NULLS LAST, event_id", params

    def reports_query(self, *, columns: str = "* EXCLUDE (record, seq)", **filters) -> tuple[str, list]:
        """The SQL (and its parameters) of :meth:`reports`."""
        where, params = event_filter(**filters)
        return f"SELECT {columns} FROM report_rows WHERE {where} ORDER BY date NULLS LAST, seq", params

    def events(self, *, one_a_day: bool = False, with_record: bool = False, **filters) -> "pd.DataFrame":
        """One row per real-world event, by date. ``filters``: see :func:`event_filter`. ``one_a_day``: the
        classic filter, one event per day, actors, recipients and CAMEO code (or type)."""
        return self.sql(*self.events_query(one_a_day=one_a_day, columns="*" if with_record else
                                           "* EXCLUDE (record)", **filters))

    def reports(self, *, with_record: bool = False, **filters) -> "pd.DataFrame":
        """Every stored report (an event as coded from one article), with the columns of :meth:`events`
        (counts of one) and its ``report_id``; ``event_id`` is the real-world event it reports."""
        return self.sql(*self.reports_query(columns="* EXCLUDE (seq)" if with_record else "* EXCLUDE (record, seq)",
                                            **filters))

    def export(self, out, fmt: str, **options) -> int:
        """Write events to a file or stream: see :func:`tidings.exports.export`."""
        from .exports import export

        return export(self, out, fmt, **options)

    def dyad(self, a: str, b: str, **filters) -> "pd.DataFrame":
        """The timeline of two actors: see :func:`tidings.relations.dyad_timeline`."""
        from .relations import dyad_timeline

        return dyad_timeline(self, a, b, **filters)

    def dyad_months(self, a: str, b: str, **filters) -> "pd.DataFrame":
        """A dyad's summary by month: see :func:`tidings.relations.dyad_summary`."""
        from .relations import dyad_summary

        return dyad_summary(self, a, b, **filters)

    def plot_dyad(self, a: str, b: str, path: str | Path, **options) -> int:
        """Draw a dyad's cooperation–conflict series to an image: see :func:`tidings.relations.plot_dyad`."""
        from .relations import plot_dyad

        return plot_dyad(self, a, b, path, **options)

    def top(self, what: str = "dyads", limit: int = 10, **filters) -> "pd.DataFrame":
        """The most active dyads or actors: see :func:`tidings.relations.top`."""
        from .relations import top

        return top(self, what, limit, **filters)

    def counts(self) -> dict[str, int]:
        """How many articles, stories, reports and events (counted ones) the store holds."""
        if not self.read_only:
            self.flush()
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT story_id) FROM articles), "
            "(SELECT count(*) FROM reports), (SELECT count(*) FROM events WHERE counted), "
            "(SELECT count(*) FROM events)").fetchone()
        return dict(zip(("articles", "stories", "reports", "events", "all_events"), row))


def dyads(ev: Event) -> list[tuple[str, str, bool]]:
    """The pairs an event relates: (actor, recipient, False) for each actor and recipient code, or for an
    event without recipients of a type often written "X and Y met", (one actor, another, True)."""
    actors = dict.fromkeys(a.out_code for a in ev.actor if a.out_code != "UNK")
    recipients = dict.fromkeys(r.out_code for r in ev.recipient if r.out_code != "UNK")
    if ev.recipient:
        return [(a, r, False) for a in actors for r in recipients if a != r]
    if ev.event in clusters.MUTUAL:
        return [(a, b, True) for a, b in combinations(sorted(actors), 2)]
    return []


# the classic one-a-day filter: one event per day, actors, recipients and CAMEO code (undated: each kept)
ONE_A_DAY = "coalesce(date::VARCHAR, event_id), actor_codes, recipient_codes, coalesce(cameo, event)"

_KEY_COLUMNS = ("event_id, article_id, story_id, event, date, actor_keys, recipient_keys, place_country, "
                "place_key, negated, hypothetical, event_text")


def _report_key(row: tuple) -> clusters.ReportKey:
    event_id, aid, story, event, date, actors, recipients, country, place, negated, hypothetical, trigger = row
    return clusters.ReportKey(event_id, aid, story, event, date, frozenset(actors or ()),
                              frozenset(recipients or ()), country, place, bool(negated), bool(hypothetical),
                              trigger or "")


def event_filter(*, since: dt.date | str | None = None, until: dt.date | str | None = None,
                 country: str | Iterable[str] | None = None, dyad: tuple[str, str] | None = None,
                 types: str | Iterable[str] | None = None, include_uncounted: bool = False
                 ) -> tuple[str, list[Any]]:
    """A SQL condition and its parameters over the views ``events``, ``report_rows`` or ``dyad_events``.

    ``since``/``until``: event dates, inclusive (a date filter leaves undated events out); ``country``:
    a code on either side; ``dyad``: two codes, an event that relates them in either direction (the
    ``dyads`` table, as ``tidings dyad`` reads it); ``types``: PLOVER types; negated and hypothetical
    events only with ``include_uncounted``.
    """
    conds: list[str] = []
    params: list[Any] = []
    if since is not None:
        conds.append("date >= ?::DATE")
        params.append(str(since))
    if until is not None:
        conds.append("date <= ?::DATE")
        params.append(str(until))
    if country:
        codes = [country] if isinstance(country, str) else list(country)
        conds.append("(list_has_any(actor_codes, ?::VARCHAR[]) OR list_has_any(recipient_codes, ?::VARCHAR[]))")
        params += [[c.upper() for c in codes]] * 2
    if dyad:
        a, b = (c.upper() for c in dyad)
        conds.append("event_id IN (SELECT event_id FROM dyads WHERE (actor_code = ? AND recipient_code = ?) OR "
                     "(actor_code = ? AND recipient_code = ?))")
        params += [a, b, b, a]
    if types:
        wanted = [types] if isinstance(types, str) else list(types)
        conds.append("event IN (SELECT unnest(?::VARCHAR[]))")
        params.append([t.upper() for t in wanted])
    if not include_uncounted:
        conds.append("counted")
    return (" AND ".join(conds) or "true"), params
