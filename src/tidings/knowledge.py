"""Knowledge files: loaded once, shared by every stage.

Everything tidings knows about the world lives in ``tidings/data``: countries,
organisations, roles, office-holders, places, event patterns, code tables and
boilerplate patterns. Users extend it with a folder of files with the same
names (``--data DIR`` or ``TIDINGS_DATA``): rows of a TSV are added to the
shipped rows (and win on conflicts), lists in a YAML file are appended.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

DATA_VERSION = "2026-11-23"


NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
ACTOR_FILE_SUFFIXES = (".tsv", ".yaml", ".yml")  # files given as extra knowledge are actor files


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Country:
    code: str  # ISO alpha-3 (KOS, PSE, ...)
    iso2: str
    cow: str
    name: str
    capital: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Surface:
    """One way of writing a known actor: "Swedish" -> SWE (demonym)."""

    text: str
    kind: str  # country | demonym | metonym | organization
    code: str
    name: str
    sector: str | None = None
    other_sectors: tuple[str, ...] = ()
    country: str | None = None  # home state of an organisation


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str
    other_sectors: tuple[str, ...]
    kind: str  # person | group


@dataclass(frozen=True)
class Term:
    name: str
    country: str
    office: str
    sector: str
    other_sectors: tuple[str, ...]
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Gazetteer:
    name: str
    country: str
    feature: str
    lat: float
    lon: float
    population: int


@dataclass(eq=False)  # hashed by identity: loaded once, used as a cache key
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    surfaces: dict[str, list[Surface]] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)  # singular and plural phrases
    terms: dict[str, list[Term]] = field(default_factory=dict)  # name or alias -> terms
    places: dict[str, list[Gazetteer]] = field(default_factory=dict)
    plover: dict[str, Any] = field(default_factory=dict)
    cameo: dict[str, tuple[str, float]] = field(default_factory=dict)  # code -> (label, goldstein)
    lexicon: dict[str, Any] = field(default_factory=dict)
    boilerplate: dict[str, Any] = field(default_factory=dict)
    collectives: dict[str, Any] = field(default_factory=dict)
    contexts: dict[str, list[str]] = field(default_factory=dict)
    sector_contexts: dict[str, list[str]] = field(default_factory=dict)  # actor sector -> contexts
    modes: dict[str, dict[str, Any]] = field(default_factory=dict)  # type -> mode -> {cues, cameo, parties}
    # CAMEO code -> PLOVER type, mode, contexts (cameo_plover.tsv)
    cameo_plover: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    offices: dict[str, Any] = field(default_factory=dict)  # title phrases per office, 'former' words
    code_aliases: dict[str, str] = field(default_factory=dict)  # other data sets' actor codes -> ours
    iso2: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 -> alpha-3
    sources: list[str] = field(default_factory=list)

    # ---- look-ups used by the stages -------------------------------------
    def country_name(self, code: str | None) -> str | None:
        c = self.countries.get(code or "")
        return c.name if c else None

    def normalize_code(self, code: str | None) -> str | None:
        """Another coder's actor code as tidings writes it: JAP -> JPN, GB -> GBR, USAGOV -> USA."""
        code = (code or "").strip().upper()
        if not code:
            return None
        if code in self.code_aliases:
            return self.code_aliases[code]
        if len(code) == 2:
            return self.iso2.get(code, code)
        if len(code) > 3:  # a compound CAMEO code: country + sector
            head = self.normalize_code(code[:3])
            if head in self.countries or head in self.code_aliases.values() or head in NON_STATE_CODES:
                return head
        return code

    def goldstein(self, cameo: str | None) -> float | None:
        hit = self.cameo.get(cameo or "")
        return hit[1] if hit else None

    def quad_class(self, cameo: str | None) -> int | None:
        if not cameo:
            return None
        return self.plover["quad_class_by_root"].get(cameo[:2])

    def office_fits(self, office: str, title: str) -> bool:
        """Does a title in the text ("premier") name a term's office ("prime minister")?"""
        office, title = office.lower(), title.lower()
        if office == title:
            return True
        groups = self._office_groups
        return bool(groups.get(office, set()) & groups.get(title, set()))

    @cached_property
    def _office_groups(self) -> dict[str, set[str]]:
        """title or office (lower case) -> the offices it can name (computed once, after loading)."""
        groups: dict[str, set[str]] = {}
        for office, titles in (self.offices.get("offices") or {}).items():
            for t in [office, *titles]:
                groups.setdefault(str(t).lower(), set()).add(office)
        return groups


_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "ð": "d", "þ": "th", "’": "'"})


def fold(text: str) -> str:
    """``text`` without accents, the way ASCII copy writes names: "Erdoğan" -> "Erdogan"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _with_folded(texts: Iterable[str], names: bool = False) -> list[str]:
    """``texts`` and their accent-free forms. For people's ``names`` only multi-word forms are folded:
    a folded surname can be an English word ("Støre" -> "Store"); the tables spell those out instead."""
    out: list[str] = []
    for t in texts:
        for v in (t, fold(t)):
            if v and v not in out and (v == t or not names or " " in v):
                out.append(v)
    return out


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _read_tsv(path: Path, columns: list[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a TSV file with a header; ``#`` lines are comments."""
    with path.open(encoding="utf-8") as fh:
        header: list[str] | None = None
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in columns if c not in header]
                if missing:
                    raise KnowledgeError(f"{path}:{lineno}: header lacks column(s) {', '.join(missing)}")
                continue
            if len(cells) > len(header):
                raise KnowledgeError(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield lineno, dict(zip(header, cells))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top level")
    return data


def _float(value: str, path: Path, lineno: int, column: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise KnowledgeError(f"{path}:{lineno}: column {column}: not a number: {value!r}") from None


def parse_day(value: Any, where: str, what: str) -> date | None:
    """A YYYY-MM-DD date of a data file (empty: none), or an error naming where it is."""
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise KnowledgeError(f"{where}: {what} is not a YYYY-MM-DD date: {value!r}") from None


def _date(value: str, path: Path, lineno: int, column: str) -> date | None:
    return parse_day(value, f"{path}:{lineno}", f"column {column}")


def _merge_yaml(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + value
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = _merge_yaml(dict(base[key]), value)
        else:
            base[key] = value
    return base


class _Loader:
    def __init__(self, folders: list[Path], actor_files: list[Path] = ()):
        self.folders = folders
        self.actor_files = list(actor_files)
        self.k = Knowledge()

    def files(self, name: str) -> list[Path]:
        return [f / name for f in self.folders if (f / name).is_file()]

    def add_surface(self, s: Surface) -> None:
        for text in _with_folded([s.text]):  # "Türkiye" is also written "Turkiye"
            bucket = self.k.surfaces.setdefault(text, [])
            # a user's file overrides: the latest definition of the same kind and code wins
            bucket[:] = [b for b in bucket if not (b.kind == s.kind and b.code == s.code)]
            bucket.append(s if text == s.text else Surface(text, s.kind, s.code, s.name, s.sector,
                                                           s.other_sectors, s.country))

    def add_role(self, role: Role, plurals: Iterable[str], replace: bool = False) -> None:
        """A role phrase and its plurals; the plural of a member role is a member role too
        ("officials of the party"), of any other a group. A user's file ``replace``s shipped plurals."""
        self.k.roles[role.phrase] = role
        kind = "member" if role.kind == "member" else "group"
        for plural in plurals:
            if replace or plural.lower() not in self.k.roles:
                self.k.roles[plural.lower()] = Role(role.phrase, role.sector, role.other_sectors, kind)

    def check_sectors(self, path: Path, lineno: int, *values: str) -> None:
        known = self.k.plover.get("sectors", {})
        for v in values:
            if v and v not in known:
                raise KnowledgeError(f"{path}:{lineno}: unknown sector {v!r}; "
                                     f"PLOVER sectors are {' '.join(sorted(known))}")

    def load(self) -> Knowledge:
        k = self.k
        for name, attr in [("plover.yaml", "plover"), ("lexicon.yaml", "lexicon"),
                           ("boilerplate.yaml", "boilerplate"), ("collectives.yaml", "collectives"),
                           ("contexts.yaml", "contexts"), ("offices.yaml", "offices"), ("modes.yaml", "modes")]:
            merged: dict[str, Any] = {}
            for path in self.files(name):
                k.sources.append(str(path))
                merged = _merge_yaml(merged, _read_yaml(path))
            if attr == "contexts":
                k.sector_contexts = merged.get("sectors") or {}
            setattr(k, attr, (merged.get(attr) or {}) if attr in ("contexts", "modes") else merged)
        for path in self.files("countries.tsv"):
            k.sources.append(str(path))
            for n, row in _read_tsv(path, ["iso3", "name"]):
                code = row["iso3"].strip()
                if not re.fullmatch(r"[A-Z]{3}", code):
                    raise KnowledgeError(f"{path}:{n}: iso3 must be three capital letters: {code!r}")
                name = row["name"].strip()
                k.countries[code] = Country(code, row.get("iso2", "").strip(), row.get("cow", "").strip(),
                                            name, row.get("capital", "").strip(),
                                            _float(row.get("capital_lat", ""), path, n, "capital_lat"),
                                            _float(row.get("capital_lon", ""), path, n, "capital_lon"))
                for text in [name, *_split(row.get("aliases"))]:
                    self.add_surface(Surface(text, "country", code, name))
                for text in _split(row.get("demonyms")):
                    self.add_surface(Surface(text, "demonym", code, name))
                for text in _split(row.get("metonyms")):
                    self.add_surface(Surface(text, "metonym", code, name, "GOV"))
        k.iso2 = {c.iso2: c.code for c in k.countries.values() if c.iso2}
        for path in self.files("organizations.tsv"):
            k.sources.append(str(path))
            for n, row in _read_tsv(path, ["name", "aliases", "code", "sector"]):
                name, code = row["name"].strip(), row["code"].strip()
                if not code:
                    raise KnowledgeError(f"{path}:{n}: organisation {name!r} has no code")
                self.check_sectors(path, n, row["sector"].strip(), *_split(row.get("other_sectors")))
                texts = [name, *_split(row.get("aliases"))]
                texts += [t.capitalize() for t in texts if len(t) >= 4 and t.isalpha() and t.isupper()]  # Nato
                texts += [v for t in texts if re.match(r"(?i)al-", t)  # al-Shabaab: Al-Shabaab, al Shabaab, Al Shabaab
                          for v in ("Al-" + t[3:], "al " + t[3:], "Al " + t[3:])]
                for text in dict.fromkeys(texts):
                    self.add_surface(Surface(text, "organization", code, name, row["sector"].strip() or None,
                                             tuple(_split(row.get("other_sectors"))),
                                             row.get("country", "").strip() or None))
        for path in self.files("roles.tsv"):
            k.sources.append(str(path))
            for n, row in _read_tsv(path, ["phrase", "sector"]):
                phrase = row["phrase"].strip().lower()
                if not phrase or not row["sector"].strip():
                    raise KnowledgeError(f"{path}:{n}: a role needs a phrase and a sector")
                self.check_sectors(path, n, row["sector"].strip(), *_split(row.get("other_sectors")))
                self.add_role(Role(phrase, row["sector"].strip(), tuple(_split(row.get("other_sectors"))),
                                   row.get("kind", "").strip() or "person"), _split(row.get("plural")))
        for path in self.files("leaders.tsv"):
            k.sources.append(str(path))
            for n, row in _read_tsv(path, ["name", "country", "office", "sector", "start", "end"]):
                term = Term(row["name"].strip(), row["country"].strip(), row["office"].strip(),
                            row["sector"].strip() or "GOV", tuple(_split(row.get("other_sectors"))),
                            _date(row["start"], path, n, "start"), _date(row["end"], path, n, "end"))
                self.check_sectors(path, n, term.sector, *term.other_sectors)
                if term.start and term.end and term.end <= term.start:
                    raise KnowledgeError(f"{path}:{n}: end {term.end} is not after start {term.start}")
                for text in _with_folded([term.name, *_split(row.get("aliases"))], names=True):
                    k.terms.setdefault(text, []).append(term)
        for path in self.files("gazetteer.tsv"):
            k.sources.append(str(path))
            for n, row in _read_tsv(path, ["name", "country", "lat", "lon"]):
                lat = _float(row["lat"], path, n, "lat")
                lon = _float(row["lon"], path, n, "lon")
                if lat is None or lon is None:
                    raise KnowledgeError(f"{path}:{n}: a place needs lat and lon")
                try:
                    pop = int(float(row.get("population") or 0))
                except ValueError:
                    raise KnowledgeError(f"{path}:{n}: population is not a number") from None
                place = Gazetteer(row["name"].strip(), row["country"].strip(), row.get("feature", "").strip(),
                                  lat, lon, pop)
                for text in {place.name, *_split(row.get("aliases"))}:
                    k.places.setdefault(text, []).append(place)
        for path in self.files("code_aliases.tsv"):
            k.sources.append(str(path))
            for n, row in _read_tsv(path, ["alias", "code"]):
                alias, code = row["alias"].strip().upper(), row["code"].strip().upper()
                if not alias or not code:
                    raise KnowledgeError(f"{path}:{n}: a code alias needs an alias and a code")
                k.code_aliases[alias] = code
        for path in self.files("cameo_codes.tsv"):
            for n, row in _read_tsv(path, ["code", "description", "goldstein"]):
                k.cameo[row["code"].strip()] = (row["description"].strip(),
                                                _float(row["goldstein"], path, n, "goldstein") or 0.0)
        for path in self.files("cameo_plover.tsv"):
            for n, row in _read_tsv(path, ["code", "type", "mode", "contexts"]):
                k.cameo_plover[row["code"].strip()] = (row["type"].strip(), row["mode"].strip(),
                                                       tuple(_split(row["contexts"])))
        for place_list in k.places.values():
            place_list.sort(key=lambda p: (p.feature != "PPLC", -p.population))
        _validate_lexicon(k)
        from . import actor_files

        for path in self.actor_files:
            actor_files.apply(self, path)
        for terms in k.terms.values():
            terms.sort(key=lambda t: t.start or date.min)
        return k


def _validate_lexicon(k: Knowledge) -> None:
    types = k.plover.get("types", {})
    for section in ("verbs", "nouns"):
        for i, rule in enumerate(k.lexicon.get(section, []), 1):
            if rule.get("type") not in types:
                raise KnowledgeError(f"lexicon.yaml: {section} rule {i} ({rule.get('lemmas')}): "
                                     f"unknown PLOVER type {rule.get('type')!r}")
            if not rule.get("lemmas"):
                raise KnowledgeError(f"lexicon.yaml: {section} rule {i}: no lemmas")
            cameo = str(rule.get("cameo", ""))
            if cameo and cameo not in k.cameo:
                raise KnowledgeError(f"lexicon.yaml: {section} rule {i}: unknown CAMEO code {cameo!r}")
            mode = rule.get("mode")
            allowed = types[rule["type"]].get("modes") or ()
            if mode and mode not in allowed:
                raise KnowledgeError(f"lexicon.yaml: {section} rule {i} ({rule.get('lemmas')}): {mode!r} is no "
                                     f"{rule['type']} mode; PLOVER's are {', '.join(allowed) or 'none'}")
    for etype, modes in k.modes.items():
        if etype not in types:
            raise KnowledgeError(f"modes.yaml: unknown PLOVER type {etype!r}")
        for mode, spec in (modes or {}).items():
            if mode not in types[etype].get("modes", ()):
                raise KnowledgeError(f"modes.yaml: {mode!r} is no {etype} mode; "
                                     f"PLOVER's are {', '.join(types[etype].get('modes', ())) or 'none'}")
            cameo = str((spec or {}).get("cameo") or "")
            if cameo and cameo not in k.cameo:
                raise KnowledgeError(f"modes.yaml: {etype} {mode}: unknown CAMEO code {cameo!r}")


def package_data_dir() -> Path:
    return Path(str(resources.files("tidings") / "data"))


def user_data_dirs() -> list[Path]:
    env = os.environ.get("TIDINGS_DATA", "")
    return [Path(p) for p in env.split(os.pathsep) if p]


@lru_cache(maxsize=8)
def _load(folders: tuple[str, ...], files: tuple[str, ...] = ()) -> Knowledge:
    return _Loader([Path(f) for f in folders], [Path(f) for f in files]).load()


def load_knowledge(extra: Iterable[str | Path] = ()) -> Knowledge:
    """The shipped knowledge, extended by ``$TIDINGS_DATA`` and ``extra`` (cached).

    Each extra item is a folder of knowledge files named like the shipped ones, or an actor file
    (``.yaml``/``.yml``/``.tsv``, see :mod:`tidings.actor_files`), applied in the order given.
    """
    folders, files = [package_data_dir()], []
    for f in [*user_data_dirs(), *(Path(e) for e in extra)]:
        if f.is_dir():
            folders.append(f)
        elif f.is_file() and f.suffix.lower() in ACTOR_FILE_SUFFIXES:
            files.append(f)
        elif f.is_file():
            raise KnowledgeError(f"{f}: an actor file must end in .yaml, .yml or .tsv")
        else:
            raise KnowledgeError(f"{f}: no such folder or actor file")
    return _load(tuple(str(f) for f in folders), tuple(str(f) for f in files))
