"""Clean stage: only the article body of flattened web text is coded."""

from datetime import datetime, timedelta, timezone

import pytest

from tidings.clean import clean, is_headline, is_prose, parse_dateline
from tidings.knowledge import load_knowledge
from tidings.records import CodingError, Document

from conftest import SEED1, SEED2


@pytest.fixture(scope="module")
def k():
    return load_knowledge()


def _clean(path, k):
    return clean(Document(text=path.read_text(encoding="utf-8"), id=path.stem, path=str(path)), k)


def test_first_seed_title_dateline_and_ranking_list(k):
    c = _clean(SEED1, k)
    assert c.title == ("Japan, Sweden Agree to Elevate Ties to Strategic Partnership; Military Cooperation "
                       "Between N. Korea, Russia Condemned in Joint Statement")
    assert c.published == datetime(2024, 12, 6, 4, 0, tzinfo=timezone(timedelta(hours=9)))
    assert c.published_how == "dateline"
    body = c.body
    assert body.startswith("Prime Minister Shigeru Ishiba and Swedish Prime Minister Ulf Kristersson agreed")
    assert body.rstrip().endswith("cooperation in developing technology for nuclear power generation.")
    for furniture in ("POPULAR ARTICLE", "ACCESS RANKING", "Trump", "Brazil", "Tariffs", "N-plants",
                      "Politics", "4:00 JST", ", right, shakes hands"):
        assert furniture not in body, furniture
    assert any("Trump Brings Uncertainty" in line for line in c.removed)


def test_second_seed_has_no_title_no_date_and_no_credits(k):
    c = _clean(SEED2, k)
    assert c.title is None
    assert c.published is None and c.published_how == "none"
    assert "Image Credits" not in c.body
    assert c.body.startswith("In a diplomatic meeting held on Thursday in Stockholm")
    assert len(c.body.splitlines()) == 5


def test_metadata_title_and_date_are_kept(k):
    when = datetime(2024, 1, 2, tzinfo=timezone.utc)
    c = clean(Document(text="Japan and Sweden held talks in Tokyo on Monday, officials said.", id="x",
                       title="Talks", published=when), k)
    assert (c.title, c.published, c.published_how) == ("Talks", when, "metadata")


def test_nothing_left_and_non_english_are_errors(k):
    err = clean(Document(text="Image Credits: AFP\nADVERTISEMENT\n-\n", id="x", path="f.txt"), k)
    assert isinstance(err, CodingError) and err.path == "f.txt" and "no article text" in err.message
    german = ("Der Bundeskanzler hat am Montag in Berlin mit dem französischen Präsidenten über die Lage in der "
              "Ukraine gesprochen und die Zusammenarbeit der beiden Länder gelobt, wie ein Sprecher mitteilte.")
    err = clean(Document(text=german, id="de", path="de.txt"), k)
    assert isinstance(err, CodingError) and "English" in err.message


@pytest.mark.parametrize("line,expected", [
    ("4:00 JST, December 6, 2024", datetime(2024, 12, 6, 4, 0, tzinfo=timezone(timedelta(hours=9)))),
    ("December 6, 2024", datetime(2024, 12, 6)),
    ("Published: 2024-03-01", datetime(2024, 3, 1)),
])
def test_datelines(line, expected):
    got = parse_dateline(line)
    assert got is not None
    assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)
    if expected.tzinfo is not None:
        assert got.utcoffset() == expected.utcoffset()


def test_a_sentence_mentioning_a_date_is_not_a_dateline():
    assert parse_dateline("Japan and Sweden met on December 6, 2024 in Tokyo.") is None


def test_prose_and_headline_shapes():
    assert is_prose("Kristersson said that Sweden considers Japan to be an extremely important country.")
    assert not is_prose("Trump Brings Uncertainty to Plan to Reorganize U.S. Forces in Japan")
    assert is_headline("Trump Brings Uncertainty to Plan to Reorganize U.S. Forces in Japan")


@pytest.mark.parametrize("line,body", [
    ("GAZA (Reuters) - Israeli troops killed four armed Palestinians.", "Israeli troops killed four armed Palestinians."),
    ("Canadian Press - VANCOUVER (CP) - The sister of a man demanded answers.", "The sister of a man demanded answers."),
    ("BRUSSELS -- The European Union recommended talks with Turkey.", "The European Union recommended talks with Turkey."),
    ("Japan - the land of the rising sun - is big.", "Japan - the land of the rising sun - is big."),
])
def test_wire_datelines_are_not_coded(line, body, k):
    assert clean(Document(text=line, id="w"), k).body == body


def test_broken_numeric_entities_are_repaired(k):
    c = clean(Document(text="Jordan #39;s court jailed a militant for six months on Sunday.", id="e"), k)
    assert c.body.startswith("Jordan's court")
    text = ("Putin was quoted as saying the  quot;foolish quot; move by Georgia caused the conflicts, "
            "not &quot;Russia&quot;.")
    c = clean(Document(text=text, id="q"), k)  # "quot;" lost its "&#" ("&quot;" itself is left alone)
    assert 'the "foolish" move by Georgia' in c.body and "&quot;Russia&quot;" in c.body


def test_a_single_headline_like_sentence_or_caption_is_still_coded(k):
    line = "Fidel Castro refused to meet Barack Obama when the U.S. president visited Cuba in March 2016"
    assert clean(Document(text=line, id="s"), k).body == line
    caption = ("Australian Attorney-General Christian Porter, left, and Minister for Communications Mitch Fifield "
               "hold a press conference at Parliament House, in Canberra, on Wednesday.")
    assert clean(Document(text=caption, id="c"), k).body == caption
