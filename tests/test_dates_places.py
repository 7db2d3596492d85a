"""Date and place stages."""

from datetime import date, datetime, timedelta, timezone

import pytest

from tidings.dates import resolve

from conftest import code, find

FRIDAY = datetime(2024, 12, 6, 4, 0, tzinfo=timezone(timedelta(hours=9)))


@pytest.mark.parametrize("text,expected,precision", [
    ("Wednesday", date(2024, 12, 4), "day"),
    ("on Wednesday", date(2024, 12, 4), "day"),
    ("Friday", date(2024, 12, 6), "day"),  # the publication weekday is that day, not a week earlier
    ("yesterday", date(2024, 12, 5), "day"),
    ("last month", date(2024, 11, 1), "month"),
    ("March", date(2024, 3, 1), "month"),
    ("December 4, 2024", date(2024, 12, 4), "day"),
])
def test_relative_dates_resolve_against_publication(text, expected, precision):
    day, prec, how = resolve(text, FRIDAY)
    assert (day, prec) == (expected, precision), how


def test_relative_date_without_publication_is_null_and_says_why():
    day, _, how = resolve("Thursday", None)
    assert day is None and "no publication date" in how
    day, _, _ = resolve("March 3, 2022", None)
    assert day == date(2022, 3, 3)


def test_event_date_from_its_own_phrase_not_from_since():
    [e] = find(code("Kristersson visited Tokyo on Wednesday, the first visit since 2008."), "CONSULT")
    assert e.date == date(2024, 12, 4) and e.date_text == "Wednesday"


def test_event_without_date_phrase_takes_publication_date():
    [e] = code("Japan condemned North Korea.")
    assert e.date == date(2024, 12, 6) and "publication date" in e.date_how


def test_no_publication_date_means_null_never_today():
    [e] = code("Japan condemned North Korea.", published=None)
    assert e.date is None and "no publication date" in e.date_how


def test_long_past_event_is_historical():
    [e] = find(code("Japan and Sweden signed a treaty in 1999."), "AGREE")
    assert e.historical and e.date.year == 1999


def test_place_from_gazetteer_with_coordinates():
    [e] = find(code("Japanese and Swedish ministers held talks in Tokyo on Wednesday."), "CONSULT")
    assert e.place is not None
    assert (e.place.name, e.place.country) == ("Tokyo", "JPN")
    assert abs(e.place.lat - 35.68) < 0.2 and abs(e.place.lon - 139.69) < 0.2


def test_ambiguous_place_prefers_a_country_in_the_event():
    [e] = find(code("Lebanese and Syrian officials met in Tripoli."), "CONSULT")
    assert e.place.country == "LBN"
