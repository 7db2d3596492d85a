"""Users' own actor files (``--actors FILE``): YAML or TSV, validated line by line.

One entry per actor. ``type`` says what the entry adds:

- ``organization`` (the default): a named body; ``code`` is a state's ISO alpha-3 code or a
  non-state code (IGO, UNO, EUR, NGO, ISM, IMG, MNC), ``country`` its home state.
- ``person``: a named person, with an optional ``office`` held from ``start`` to ``end``
  (YYYY-MM-DD, an empty end = still in office); ``code`` is the country (or UNO/EUR/IGO) of the office.
  Outside every listed term the person is coded as ELI of that country, like the shipped table.
- ``country`` / ``demonym`` / ``metonym``: another way of writing a state already in
  ``countries.tsv`` ("Burma", "Emirati", "Foggy Bottom").
- ``role``: a role word or phrase with its sector ("border guard" -> MIL); aliases are its plurals.

TSV: a header naming the columns, ``#`` comment lines, lists ``|``-separated::

    name	aliases	type	code	country	sector	other_sectors	office	start	end
    Wagner Group	Wagner|PMC Wagner	organization	RUS	RUS	PRM
    Sanae Takaichi	Takaichi	person	JPN		GOV		prime minister	2025-10-21

YAML: a list under ``actors:`` with the same keys (lists may be YAML lists)::

    actors:
      - {name: Wagner Group, aliases: [Wagner], code: RUS, sector: PRM}

Every problem is reported as ``FILE:LINE: message``; a file with problems is not used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .knowledge import NON_STATE_CODES, KnowledgeError, Role, Surface, Term, _with_folded, parse_day

TYPES = ("organization", "person", "country", "demonym", "metonym", "role")
COLUMNS = ("name", "aliases", "type", "code", "country", "sector", "other_sectors", "office", "start", "end")


@dataclass
class Entry:
    line: int
    fields: dict[str, Any]


def read_entries(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's byte-order mark is not part of the header
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if path.suffix.lower() == ".tsv":
        return _tsv_entries(path, text)
    return _yaml_entries(path, text)


def _tsv_entries(path: Path, text: str) -> list[Entry]:
    out: list[Entry] = []
    header: list[str] | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = [c.lower() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise KnowledgeError(f"{path}:{n}: unknown column(s) {', '.join(unknown)}; "
                                     f"columns are {' '.join(COLUMNS)}")
            if "name" not in header:
                raise KnowledgeError(f"{path}:{n}: the header needs a 'name' column")
            continue
        if len(cells) > len(header):
            raise KnowledgeError(f"{path}:{n}: {len(cells)} cells but the header has {len(header)} "
                                 "(a tab inside a name?)")
        out.append(Entry(n, {h: c for h, c in zip(header, cells) if c}))
    if header is None:
        raise KnowledgeError(f"{path}: empty actor file (no header line)")
    return out


def _yaml_entries(path: Path, text: str) -> list[Entry]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from None
    if root is None:
        raise KnowledgeError(f"{path}: empty actor file")
    items = root
    if isinstance(root, yaml.MappingNode):
        found = [v for k, v in root.value if k.value == "actors"]
        if not found:
            raise KnowledgeError(f"{path}:{root.start_mark.line + 1}: expected a list under 'actors:'")
        items = found[0]
    if not isinstance(items, yaml.SequenceNode):
        raise KnowledgeError(f"{path}:{items.start_mark.line + 1}: expected a list of actors")
    loader = yaml.SafeLoader("")
    out = []
    for node in items.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise KnowledgeError(f"{path}:{line}: each actor must be a mapping (name: ..., code: ...)")
        value = loader.construct_object(node, deep=True)
        unknown = [k for k in value if str(k) not in COLUMNS]
        if unknown:
            raise KnowledgeError(f"{path}:{line}: unknown key(s) {', '.join(map(str, unknown))}; "
                                 f"keys are {' '.join(COLUMNS)}")
        out.append(Entry(line, {str(k): v for k, v in value.items() if v not in (None, "", [])}))
    return out


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split("|") if v.strip()]


def apply(loader, path: Path) -> None:
    """Validate every entry of ``path`` and add it to the knowledge being loaded."""
    k = loader.k
    entries = read_entries(path)
    problems: list[str] = []
    staged: list = []
    for entry in entries:
        try:
            staged.append(_entry(entry.fields, path, entry.line, loader))
        except KnowledgeError as exc:
            problems.append(str(exc))
    if problems:
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise KnowledgeError("\n".join(problems[:20]) + more)
    for kind, item, aliases in staged:
        if kind == "surface":
            for s in item:
                loader.add_surface(s)
        elif kind == "term":
            # a user's term replaces a shipped term of the same person and office that it overlaps,
            # under every name the shipped one was known by
            keys = set(aliases)
            for text, bucket in k.terms.items():
                kept = [t for t in bucket if not (t.name == item.name and t.office == item.office
                                                  and _overlap(t, item))]
                if len(kept) < len(bucket):
                    bucket[:] = kept
                    keys.add(text)
            for text in keys:
                k.terms.setdefault(text, []).append(item)
        else:
            loader.add_role(item, aliases, replace=True)
    k.sources.append(str(path))


def _entry(f: dict[str, Any], path: Path, line: int, loader) -> tuple:
    k, where = loader.k, f"{path}:{line}"
    name = str(f.get("name", "")).strip()
    if not name:
        raise KnowledgeError(f"{where}: an actor needs a name")
    kind = str(f.get("type", "organization")).strip().lower()
    if kind not in TYPES:
        raise KnowledgeError(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    aliases = [a for a in _list(f.get("aliases")) if a != name]
    sector = str(f.get("sector", "")).strip().upper()
    others = tuple(s.upper() for s in _list(f.get("other_sectors")))
    loader.check_sectors(path, line, sector, *others)
    code = str(f.get("code", "")).strip().upper()
    if kind == "role":
        if not sector:
            raise KnowledgeError(f"{where}: a role needs a sector")
        return "role", Role(name.lower(), sector, others, "person"), aliases
    if not code:
        raise KnowledgeError(f"{where}: {name!r} needs a code (ISO alpha-3 or one of "
                             f"{' '.join(sorted(NON_STATE_CODES))})")
    if kind in ("country", "demonym", "metonym"):
        if code not in k.countries:
            raise KnowledgeError(f"{where}: {code!r} is not a country in countries.tsv")
        cname = k.countries[code].name
        return "surface", [Surface(t, kind, code, cname, "GOV" if kind == "metonym" else None)
                           for t in [name, *aliases]], []
    if code not in k.countries and code not in NON_STATE_CODES:
        raise KnowledgeError(f"{where}: unknown code {code!r}: use a country's ISO alpha-3 code "
                             f"or one of {' '.join(sorted(NON_STATE_CODES))}")
    country = str(f.get("country", "")).strip().upper() or None
    if country is not None and country not in k.countries:
        raise KnowledgeError(f"{where}: country {country!r} is not in countries.tsv")
    if kind == "person":
        start, end = parse_day(f.get("start"), where, "start"), parse_day(f.get("end"), where, "end")
        if start and end and end <= start:
            raise KnowledgeError(f"{where}: end {end} is not after start {start}")
        term = Term(name, code, str(f.get("office", "")).strip().lower(), sector or "GOV", others, start, end)
        return "term", term, _with_folded([name, *aliases], names=True)
    if not sector:
        raise KnowledgeError(f"{where}: organisation {name!r} needs a sector")
    return "surface", [Surface(t, "organization", code, name, sector, others, country)
                       for t in [name, *aliases]], []


def _overlap(a: Term, b: Term) -> bool:
    lo = max(a.start or date.min, b.start or date.min)
    hi = min(a.end or date.max, b.end or date.max)
    return lo < hi or (a.start == b.start)
