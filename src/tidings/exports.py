"""Export stage: the store's events as the files political scientists load.

One row (or record) per real-world event, reports merged (``tidings.store``), unless ``reports=True``:

- ``jsonl``: the PLOVER record of the event's first report, plus ``event_id``, ``num_reports``,
  ``num_articles``, ``num_stories``, ``num_sources``, ``sources`` and ``urls`` (and ``report_id``).
- ``polecat``: tab-separated, POLECAT's column names in POLECAT's order (several actors in one cell
  separated by ``;``), then tidings' own columns (CAMEO, Goldstein, counts, evidence).
- ``gdelt``: tab-separated with GDELT 2.0's 61 event columns and a header line (GDELT's files have
  none). One row per actor–recipient pair, as CAMEO coders write dyads. Columns tidings cannot fill
  honestly stay empty: ethnic and religion codes, AvgTone, FIPS geo country codes and ADM codes.
- ``csv``: one flat row per event (``CSV_COLUMNS``; reports: ``report_id`` first), lists joined with ``;``.
- ``parquet``: the same columns with their types (dates, lists), written by DuckDB; no pyarrow needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import pandas as pd

from .knowledge import Knowledge, load_knowledge

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("jsonl", "polecat", "gdelt", "csv", "parquet")

POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]
TIDINGS_COLUMNS = ["CAMEO", "Goldstein", "Quad Class", "Num Reports", "Num Articles", "Num Sources", "Sources",
                   "URL", "Event Text", "Text", "Reason"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
                 + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
                 + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                    "NumMentions", "NumSources", "NumArticles", "AvgTone"]
                 + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
                 + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"])

CSV_COLUMNS = [
    "event_id", "date", "date_precision", "event", "mode", "context", "cameo", "goldstein", "quad_class",
    "quad_code", "intensity", "actor_codes", "recipient_codes", "summary", "negated", "hypothetical", "future",
    "historical", "counted", "place", "place_country", "lat", "lon", "n_reports", "n_articles", "n_stories",
    "n_sources", "sources", "urls", "n_mentions", "event_text", "sentence", "reason", "confidence", "url", "title",
    "published",
]


def _cell(value: Any) -> Any:
    """A value as a flat file holds it: lists joined with ';', missing values empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ";".join("" if v is None else str(v) for v in value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if type(value) in (pd.Timestamp, dt.date) else value.isoformat()
    return value


def _participants(store: "Store", ids: list[str]) -> dict[str, dict[str, list[dict]]]:
    """The actors and recipients of these reports (an event's: its first report's), in order."""
    by_event: dict[str, dict[str, list[dict]]] = {i: {"actor": [], "recipient": []} for i in ids}
    if not ids:
        return by_event
    rows = store.con.execute(
        "SELECT report_id, role, code, sector, name, text, kind FROM participants "
        "WHERE report_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY report_id, role, position", [ids]).fetchall()
    for rid, role, code, sector, name, text, kind in rows:
        by_event[rid][role].append({"code": code, "sector": sector, "name": name, "text": text, "kind": kind})
    return by_event


def _names(people: list[dict], key: str) -> str:
    return ";".join(str(p[key] or "") for p in people)


def _polecat_row(e: dict, parts: dict[str, list[dict]], k: Knowledge, row_id: str) -> list[Any]:
    record = json.loads(e["record"])
    loc = record.get("event_loc") or {}

    def side(people: list[dict]) -> list[str]:
        countries = [k.countries.get(p["code"] or "") for p in people]
        return [
            _names(people, "name"), ";".join(p["code"] or "" for p in people),
            ";".join(c.cow if c else "" for c in countries), people[0]["sector"] if people else "",
            ";".join(p["sector"] or "" for p in people), "", _names(people, "text"), ""]

    cite = record.get("cite_info") or {}
    return [
        row_id, _cell(e["date"]), e["event"], e["mode"], e["intensity"], e["quad_code"],
        _cell(e["context"]), *side(parts["actor"]), *side(parts["recipient"]), loc.get("name"),
        loc.get("name") if str(loc.get("feature") or "").startswith("PPL") else "", "", "",
        k.country_name(loc.get("country")) or "", loc.get("lat"), loc.get("lon"), "", loc.get("text"),
        loc.get("feature"), _cell(e["sources"]) or e["source"], cite.get("publication_date"), "", "", "",
        cite.get("language") or "en", "tidings",
        e["cameo"], e["goldstein"], e["quad_class"], e["n_reports"], e["n_articles"], e["n_sources"],
        _cell(e["sources"]), e["url"], e["event_text"], e["sentence"], e["reason"]]


def _gdelt_actor(p: dict | None, k: Knowledge) -> list[Any]:
    if p is None:
        return [""] * len(_ACTOR)
    code, sector = p["code"] or "", p["sector"] or ""
    state = code in k.countries
    sector = "" if sector == "UNK" else sector
    return [code + sector if code != "UNK" else sector, (p["name"] or p["text"] or "").upper(),
            code if state else "", code if code and not state and code != "UNK" else "", "", "", "",
            sector, "", ""]


def _gdelt_rows(e: dict, parts: dict[str, list[dict]], k: Knowledge, row_id: str) -> list[list[Any]]:
    record = json.loads(e["record"])
    date = e["date"]
    day = date.date() if hasattr(date, "date") else date
    has_date = day is not None and not (type(day).__name__ == "NaTType")
    loc = record.get("event_loc") or {}
    feature = str(loc.get("feature") or "")
    geo_type = "" if not loc else (1 if feature == "country" else 5 if feature.startswith("ADM") else 4)
    cameo = e["cameo"] or ""
    root_event = 1 if (record.get("text_info") or {}).get("sentence") == 0 else 0
    added = str(e.get("coded_at") or "").replace("-", "").replace(":", "").replace(" ", "").replace("T", "")[:14]
    actors = parts["actor"] or [None]
    recipients = parts["recipient"] or [None]
    rows = []
    for a in actors:
        for r in recipients:
            if a is not None and r is not None and a == r:  # the same party twice, not a domestic event
                continue
            gid = zlib.crc32(f"{row_id}|{a and a['code']}|{r and r['code']}".encode()) + (1 << 32) * \
                (zlib.crc32(row_id.encode()) & 0x7FFFFFF)  # GDELT's ids are integers: a stable one
            rows.append([
                gid, day.strftime("%Y%m%d") if has_date else "", day.strftime("%Y%m") if has_date else "",
                day.year if has_date else "",
                round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if has_date else "",
                *_gdelt_actor(a, k), *_gdelt_actor(r, k), root_event, cameo, cameo[:3], cameo[:2],
                e["quad_class"] or "", e["goldstein"] if e["goldstein"] is not None else "", e["n_mentions"],
                e["n_sources"], e["n_articles"], "", *[""] * len(_GEO), *[""] * len(_GEO),
                geo_type, loc.get("name") or "", "", "", "", loc.get("lat") or "", loc.get("lon") or "", "",
                added, e["url"] or (record.get("cite_info") or {}).get("path") or ""])
    return rows


def export(store: "Store", out: str | Path | TextIO, fmt: str, *, reports: bool = False, one_a_day: bool = False,
           **filters) -> int:
    """Write the store's events (or every report, ``reports=True``) to ``out`` in ``fmt``; returns the
    number of rows or records written. ``filters`` as :func:`tidings.store.event_filter`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if reports and one_a_day:
        raise ValueError("one_a_day filters merged events; it does not apply to reports")
    columns = (["report_id"] if reports else []) + CSV_COLUMNS
    if fmt == "parquet":  # straight from DuckDB, so the columns keep their types (DATE, lists) whatever the rows
        if not isinstance(out, (str, Path)):
            raise ValueError("parquet is written to a file: give a path")
        listed = ", ".join(columns)
        sql, params = (store.reports_query(columns=listed, **filters) if reports else
                       store.events_query(columns=listed, one_a_day=one_a_day, **filters))
        target = str(out).replace("'", "''")
        store.con.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet)", params)
        return store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    frame = (store.reports(with_record=True, **filters) if reports else
             store.events(with_record=True, one_a_day=one_a_day, **filters))
    stream = open(out, "w", encoding="utf-8", newline="") if isinstance(out, (str, Path)) else out
    try:
        return _write_text(store, frame, stream, fmt, columns, "report_id" if reports else "event_id")
    finally:
        if stream is not out:
            stream.close()


def _write_text(store: "Store", frame: "pd.DataFrame", stream: TextIO, fmt: str, columns: list[str],
                id_col: str) -> int:
    rows = frame.to_dict("records")
    if fmt == "jsonl":
        for e in rows:
            record = json.loads(e["record"])
            record.update({"event_id": e["event_id"], "num_reports": int(e["n_reports"]),
                           "num_articles": int(e["n_articles"]), "num_stories": int(e["n_stories"]),
                           "num_sources": int(e["n_sources"]), "sources": [str(x) for x in e["sources"]],
                           "urls": [str(x) for x in e["urls"]]})
            if id_col == "report_id":
                record["report_id"] = e["report_id"]
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(rows)
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(columns)
        for e in rows:
            writer.writerow([_cell(e.get(c)) for c in columns])
        return len(rows)
    k = load_knowledge()
    parts = _participants(store, [e[id_col] for e in rows])
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
    n = 0
    if fmt == "polecat":
        writer.writerow(POLECAT_COLUMNS + TIDINGS_COLUMNS)
        for e in rows:
            writer.writerow([_cell(v) for v in _polecat_row(e, parts[e[id_col]], k, e[id_col])])
            n += 1
        return n
    writer.writerow(GDELT_COLUMNS)
    for e in rows:
        for row in _gdelt_rows(e, parts[e[id_col]], k, e[id_col]):
            writer.writerow([_cell(v) for v in row])
            n += 1
    return n
