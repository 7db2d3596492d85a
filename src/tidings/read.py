"""Read stage: files and folders in, :class:`Document` records (or errors) out.

Plain text (``.txt``), HTML (``.html``/``.htm``, article extracted with
trafilatura) and JSON lines (``.jsonl``: one article a line, ``text`` required;
``title``, ``url``, ``published``, ``source``, ``id`` optional). A bad file or
line yields a :class:`CodingError` naming it, and reading goes on.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from .records import CodingError, Document

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
            ".ndjson": "jsonl"}
MAX_FILE_BYTES = 20 * 1024 * 1024  # one article file; JSONL files are streamed and only lines are capped
MAX_LINE_BYTES = 5 * 1024 * 1024


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | CodingError]:
    """Files named and the readable files inside folders named, in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                yield CodingError(str(path), None, "folder has no .txt, .html, .htm or .jsonl files")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield CodingError(str(path), None, "no such file or folder")


def _decode(data: bytes, path: str, line: int | None = None) -> str | CodingError:
    if b"\x00" in data[:65536]:
        return CodingError(path, line, "binary file (contains NUL bytes), not text; skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1 if line is None else line
        return CodingError(path, bad_line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                           "re-encode the file as UTF-8; skipped")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 20000):
        return CodingError(path, line, "binary content (many control characters), not text; skipped")
    return text


def parse_published(value: object) -> datetime | None:
    """A publication time from metadata: ISO 8601, RFC 2822 or any form dateparser reads."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        import dateparser  # slow import: only when a non-ISO date needs it

        parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
        if parsed is None:
            return None
    return parsed


def read_text_file(path: Path) -> Iterator[Document | CodingError]:
    data = path.read_bytes()
    text = _decode(data, str(path))
    if isinstance(text, CodingError):
        yield text
        return
    yield Document(text=text, id=path.stem, path=str(path))


def read_html_file(path: Path) -> Iterator[Document | CodingError]:
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        yield CodingError(str(path), None, "binary file (contains NUL bytes), not HTML; skipped")
        return
    html = data.decode("utf-8", errors="replace")
    yield from html_document(html, id=path.stem, path=str(path))


def html_document(html: str, *, id: str, path: str | None = None, line: int | None = None,
                  url: str | None = None) -> Iterator[Document | CodingError]:
    import trafilatura  # heavy import: only for HTML input

    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                                include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        yield CodingError(path, line, f"HTML could not be parsed ({type(exc).__name__}: {exc}); skipped")
        return
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.split()) < 8:  # a menu or a button label is not an article
        yield CodingError(path, line, "HTML page has no article text that could be extracted; skipped")
        return
    yield Document(text=text, id=id, title=getattr(extracted, "title", None) or None,
                   url=url or getattr(extracted, "url", None) or None,
                   published=parse_published(getattr(extracted, "date", None)),
                   source=getattr(extracted, "sitename", None) or None, path=path, line=line, is_html=True)


def read_jsonl_file(path: Path) -> Iterator[Document | CodingError]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                yield CodingError(str(path), lineno, f"line is {len(raw)} bytes, over the {MAX_LINE_BYTES} limit; skipped")
                continue
            text = _decode(raw, str(path), lineno)
            if isinstance(text, CodingError):
                yield text
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield CodingError(str(path), lineno, f"malformed JSON ({exc.msg} at column {exc.colno}); skipped")
                continue
            if not isinstance(obj, dict):
                yield CodingError(str(path), lineno, "a line must be a JSON object with a \"text\" field; skipped")
                continue
            body = obj.get("text")
            if not isinstance(body, str) or not body.strip():
                yield CodingError(str(path), lineno, "no \"text\" field (or it is empty); skipped")
                continue
            doc_id = str(obj.get("id") or f"{path.stem}:{lineno}")
            published = obj.get("published") or obj.get("date") or obj.get("publication_date")
            try:
                when = parse_published(published)
            except (ValueError, OverflowError, OSError):
                when = None
            if published and when is None:
                yield CodingError(str(path), lineno, f"unreadable \"published\" value {published!r}; coded without a date")
            if "<" in body and (body.lstrip().startswith("<") or "</p>" in body):
                for item in html_document(body, id=doc_id, path=str(path), line=lineno, url=obj.get("url")):
                    if isinstance(item, Document):
                        item.title = obj.get("title") or item.title
                        item.published = when or item.published
                        item.source = obj.get("source") or item.source
                    yield item
                continue
            yield Document(text=body, id=doc_id, title=obj.get("title") or None, url=obj.get("url") or None,
                           published=when, source=obj.get("source") or None, path=str(path), line=lineno)


READERS = {"text": read_text_file, "html": read_html_file, "jsonl": read_jsonl_file}


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | CodingError]:
    """Every document in ``paths`` (files or folders), with an error record for each bad one."""
    for item in expand_paths(paths):
        if isinstance(item, CodingError):
            yield item
            continue
        kind = SUFFIXES.get(item.suffix.lower(), "text")
        try:
            size = item.stat().st_size
        except OSError as exc:
            yield CodingError(str(item), None, f"cannot read: {exc.strerror}")
            continue
        if size == 0:
            yield CodingError(str(item), None, "empty file; skipped")
            continue
        if kind != "jsonl" and size > MAX_FILE_BYTES:
            yield CodingError(str(item), None, f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit "
                                               "for one article; skipped")
            continue
        try:
            yield from READERS[kind](item)
        except OSError as exc:
            yield CodingError(str(item), None, f"cannot read: {exc.strerror or exc}")
