"""Read stage: every kind of input, and bad input reported by file and line."""

import json

from tidings.read import read_paths
from tidings.records import CodingError, Document


def _read(*paths):
    return list(read_paths(paths))


def test_text_file_becomes_a_document_named_after_the_file(tmp_path):
    f = tmp_path / "story-1.txt"
    f.write_text("Japan and Sweden agreed to deepen ties on Wednesday.", encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.id == "story-1" and doc.path == str(f)
    assert doc.text.startswith("Japan and Sweden")


def test_folder_is_read_recursively_in_order_skipping_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story about Japan.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First story about Sweden.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    docs = _read(tmp_path)
    assert [d.id for d in docs] == ["1", "2"]


def test_jsonl_fields_and_bad_lines(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Russia condemned the sanctions.", "title": "T", "url": "http://x/1",
                    "published": "2024-12-06T04:00:00+09:00", "source": "Wire"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a list"]),
        json.dumps({"text": "Japan met Sweden."}),
    ]) + "\n", encoding="utf-8")
    items = _read(f)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, CodingError)]
    assert [d.id for d in docs] == ["a1", "feed:5"]
    first = docs[0]
    assert (first.title, first.url, first.source) == ("T", "http://x/1", "Wire")
    assert first.published.isoformat() == "2024-12-06T04:00:00+09:00"
    assert [(e.line, e.path) for e in errors] == [(2, str(f)), (3, str(f)), (4, str(f))]
    assert "malformed JSON" in errors[0].message
    assert "text" in errors[1].message
    assert str(errors[0]).startswith(f"{f}:2: ")


def test_empty_binary_and_undecodable_files_are_named_and_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a rencontr\xe9 son homologue.\n".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Japan and Sweden held talks in Tokyo.", encoding="utf-8")
    items = _read(tmp_path)
    errors = {e.path.rsplit("/", 1)[-1]: e for e in items if isinstance(e, CodingError)}
    assert set(errors) == {"empty.txt", "image.txt", "latin1.txt"}
    assert "empty" in errors["empty.txt"].message
    assert "binary" in errors["image.txt"].message
    assert "UTF-8" in errors["latin1.txt"].message and errors["latin1.txt"].line == 1
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    [err] = _read(tmp_path / "nope.txt")
    assert isinstance(err, CodingError) and "no such file" in err.message


def test_html_article_is_extracted_with_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(open(__file__.replace("test_read.py", "fixtures/article.html"), encoding="utf-8").read(),
                 encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document) and doc.is_html
    assert "Kamikawa" in doc.text
    assert "Subscribe" not in doc.text and "Home | World" not in doc.text
    assert doc.published is not None and doc.published.year == 2024


def test_html_page_without_article_is_reported(tmp_path):
    f = tmp_path / "nav.html"
    f.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    [err] = _read(f)
    assert isinstance(err, CodingError) and err.path == str(f)
    assert "no article text" in err.message
