"""The library API: code_text, code_documents (streaming), Event.to_json, CSV."""

import csv
import io
from datetime import date

import pytest

import tidings

from conftest import codes


def test_code_documents_streams_in_order_and_keeps_errors_in_place():
    docs = [
        {"id": "one", "text": "Japan condemned North Korea on Monday.", "published": "2024-12-06"},
        "",
        tidings.Document(text="Sweden praised Finland.", id="three"),
    ]
    results = list(tidings.code_documents(iter(docs)))
    assert [r.document.id for r in results][::2] == ["one", "three"]
    first, empty, third = results
    assert [e.event for e in first.events] == ["ACCUSE"] and first.events[0].date == date(2024, 12, 2)
    assert empty.error is not None and not empty.events
    assert codes(third.events[0].actor) == ["SWE"] and third.events[0].date is None


def test_code_text_rejects_text_with_nothing_to_code():
    with pytest.raises(ValueError, match="no article text"):
        tidings.code_text("   \n  ")


def test_record_and_csv_views_agree():
    events = tidings.code_text("Japan and Sweden condemned North Korea's missile launch.", published="2024-12-06",
                               url="https://example.org/a", title="Condemnation")
    [e] = [x for x in events if x.event == "ACCUSE"]
    rec = e.to_json()
    assert rec["cite_info"]["url"] == "https://example.org/a" and rec["cite_info"]["title"] == "Condemnation"
    assert rec["quad_code"] == 3 and rec["quad_class"] == 3
    [row] = [r for r in csv.DictReader(io.StringIO(tidings.to_csv(events))) if r["event"] == "ACCUSE"]
    assert row["actor_code"] == "JPN;SWE" and row["recipient_code"] == "PRK"
    assert row["date"] == rec["date"] == "2024-12-06"
