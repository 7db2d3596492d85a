"""Scoring tidings against gold event data (``tidings eval``).

Two gold formats:

``plv``
    The TSV of the PLV data set (columns ``id``, ``marked_sentence``, ``gold_root``): one sentence a
    row with one marked source ``<s>…</s>`` and target ``<t>…</t>``. The prediction for a row is the
    type of the event whose actor overlaps the source span and whose recipient overlaps the target
    span (a reciprocal event without recipient matches if its actors overlap both); no such event is
    a miss. CONCEDE and RETREAT are scored as the older label YIELD.
``plover``
    PLOVER JSON records, one a line (or a JSON list): ``text``, ``event`` (null for a sentence with
    no event), ``source``/``actor`` and ``target``/``recipient`` lists of ``{actorText, code, sector}``,
    optional ``id``, ``mode`` and ``context``. Besides the type, actor and recipient codes (other
    coders' codes normalised: JAP -> JPN, USAGOV -> USA), sectors and mode are scored.

Predictions are PLOVER records as ``tidings code`` writes them, grouped by story: either coded now, or
read from a file (``--predictions``) so any coder's output can be scored the same way. A prediction is
joined to its gold row by ``text_info.story_id`` (the gold row's id) or, failing that, by its sentence.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .knowledge import Knowledge
from .records import CodingError

NONE = "NONE"  # no event, or no event between the gold arguments
PLV_LABELS = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
_MARK = re.compile(r"</?[st]>")


class GoldError(ValueError):
    """A gold file that cannot be used at all (unreadable, unknown format)."""


# ---- records -----------------------------------------------------------------
Span = tuple[int, int]


@dataclass
class Arg:
    """One gold or predicted participant: its text, code, sector and where it sits in the gold text."""

    text: str
    code: str | None = None
    sector: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass
class GoldRow:
    key: str  # joins a row to its predictions (the document id used when coding)
    id: str
    text: str
    event: str  # gold label, or NONE
    source: list[Arg]
    target: list[Arg]
    mode: str | None = None
    where: str = ""  # file:line, for messages


@dataclass
class Predicted:
    event: str
    actor: list[Arg]
    recipient: list[Arg]
    mode: str | None
    confidence: float
    trigger: str
    reason: str
    order: int
    about: list[Arg] = field(default_factory=list)  # what the event is about when that is no actor


# ---- reading gold --------------------------------------------------------------
def detect_format(path: Path) -> str:
    return "plv" if path.suffix.lower() in (".tsv", ".tab", ".txt") else "plover"


def read_gold(path: Path, fmt: str) -> tuple[list[GoldRow], list[CodingError]]:
    """Rows of a gold file and the problems of the rows that could not be read (file:line named)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GoldError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if fmt == "plv":
        return _read_plv(path, text)
    if fmt == "plover":
        return _read_plover(path, text)
    raise GoldError(f"unknown gold format {fmt!r}: use plv or plover")


def _unmark(marked: str) -> tuple[str, dict[str, Span]]:
    """The sentence without its <s>/<t> tags, and the span each tag enclosed (its last, if repeated)."""
    sentence, every = _unmark_all(marked)
    return sentence, {name: found[-1] for name, found in every.items()}


def _unmark_all(marked: str) -> tuple[str, dict[str, list[Span]]]:
    """The sentence without its <s>/<t> tags, and every span each tag enclosed (a target marked twice)."""
    out: list[str] = []
    spans: dict[str, list[Span]] = {}
    opened: dict[str, int] = {}
    pos = last = 0
    for m in _MARK.finditer(marked):
        out.append(marked[last:m.start()])
        pos += m.start() - last
        last = m.end()
        tag = m.group()
        name = tag.strip("</>")
        if tag.startswith("</"):
            if name not in opened:
                raise ValueError(f"{tag} without <{name}>")
            spans.setdefault(name, []).append((opened.pop(name), pos))
        else:
            opened[name] = pos
    out.append(marked[last:])
    if opened:
        raise ValueError(f"<{next(iter(opened))}> is not closed")
    return "".join(out), spans


class _RowKeys:
    """Unique row ids (a repeated id gets ``@line``) and one coding key per distinct sentence."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.key_of_text: dict[str, str] = {}

    def assign(self, rid: str, line: int, sentence: str) -> tuple[str, str]:
        if rid in self.seen:
            rid = f"{rid}@{line}"
        self.seen.add(rid)
        return rid, self.key_of_text.setdefault(sentence, rid)


def _read_plv(path: Path, text: str) -> tuple[list[GoldRow], list[CodingError]]:
    rows: list[GoldRow] = []
    problems: list[CodingError] = []
    lines = text.splitlines()
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = {"marked_sentence", "gold_root"} - set(reader.fieldnames or [])
    if missing:
        raise GoldError(f"{path}:1: not a plv file: the header lacks {', '.join(sorted(missing))} "
                        "(columns: id, marked_sentence, gold_root; source, target, sentence optional)")
    keys = _RowKeys()
    for n, rec in enumerate(reader, 2):
        marked, label = (rec.get("marked_sentence") or "").strip(), (rec.get("gold_root") or "").strip().upper()
        rid = (rec.get("id") or "").strip() or str(n)
        try:
            sentence, spans = _unmark_all(marked)
            if not spans:
                raise ValueError("marks neither a <s>…</s> source nor a <t>…</t> target")
            if not label:
                raise ValueError("no gold_root label")
        except ValueError as exc:
            problems.append(CodingError(str(path), n, f"row skipped: {exc}"))
            continue
        # the same sentence with another marked pair keeps its id, made unique, and is coded once
        rid, key = keys.assign(rid, n, sentence)
        # an unmarked side ("a recipient", "An actor" in plv) is implicit: any event matches it
        source = [Arg(sentence[slice(*spans["s"][0])], spans=spans["s"])] if "s" in spans else []
        target = [Arg(sentence[slice(*spans["t"][0])], spans=spans["t"])] if "t" in spans else []
        rows.append(GoldRow(key, rid, sentence, PLV_LABELS.get(label, label), source, target, where=f"{path}:{n}"))
    return rows, problems


def _occurrences(text: str, needle: str) -> list[Span]:
    """Where ``needle`` occurs in ``text`` (exact case first, then ignoring case)."""
    needle = needle.strip()
    if not needle:
        return []
    for hay, pin in ((text, needle), (text.lower(), needle.lower())):
        spans = [(m.start(), m.start() + len(pin)) for m in re.finditer(re.escape(pin), hay)]
        if spans:
            return spans
    return []


def _text_or_none(value: Any) -> str | None:
    return None if value is None else (str(value).strip() or None)


def _number(value: Any) -> float:
    try:
        return float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0


def _gold_args(value: Any, text: str, name: str) -> list[Arg]:
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{name} must be a list of {{actorText, code, sector}} objects")
    args = []
    for v in value:
        t = str(v.get("actorText") or v.get("text") or "")
        args.append(Arg(t, _text_or_none(v.get("code")), _text_or_none(v.get("sector")), _occurrences(text, t)))
    return args


def _read_plover(path: Path, text: str) -> tuple[list[GoldRow], list[CodingError]]:
    items: list[tuple[int, Any]] = []
    problems: list[CodingError] = []
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{exc.lineno}: malformed JSON: {exc.msg}") from None
        items = [(i, rec) for i, rec in enumerate(data, 1)]
    else:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(CodingError(str(path), n, f"row skipped: malformed JSON: {exc.msg}"))
    rows: list[GoldRow] = []
    keys = _RowKeys()
    for n, rec in items:
        try:
            if not isinstance(rec, dict):
                raise ValueError("a record must be a JSON object")
            sentence = rec.get("text")
            if not isinstance(sentence, str) or not sentence.strip():
                raise ValueError("no 'text'")
            event = rec.get("event")
            if event is not None and not isinstance(event, str):
                raise ValueError("'event' must be a PLOVER type or null")
            source = _gold_args(rec.get("source", rec.get("actor")), sentence, "source")
            target = _gold_args(rec.get("target", rec.get("recipient")), sentence, "target")
        except ValueError as exc:
            problems.append(CodingError(str(path), n, f"row skipped: {exc}"))
            continue
        # records about the same sentence are coded once, under the first one's id
        rid, key = keys.assign(str(rec.get("id") or n), n, sentence)
        rows.append(GoldRow(key, rid, sentence, (event or "").strip().upper() or NONE, source, target,
                            _text_or_none(rec.get("mode")), f"{path}:{n}"))
    return rows, problems


# ---- predictions ------------------------------------------------------------------
def read_predictions(path: Path) -> tuple[list[dict], list[CodingError]]:
    """PLOVER records (JSON lines) written by ``tidings code`` or another coder."""
    records, problems = [], []
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict) or not isinstance(rec.get("event"), str):
                    raise ValueError("a prediction needs an 'event'")
            except (json.JSONDecodeError, ValueError) as exc:
                msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                problems.append(CodingError(str(path), n, f"prediction skipped: {msg}"))
                continue
            records.append(rec)
    return records, problems


def group_predictions(rows: list[GoldRow], records: Iterable[dict]) -> dict[str, list[dict]]:
    """Predicted records by gold row key: by story id, else by the gold sentence that contains them."""
    keys = {r.key for r in rows}
    by_text: dict[str, str] = {}
    for r in rows:
        by_text.setdefault(r.text.strip(), r.key)
    out: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        info = rec.get("text_info") if isinstance(rec.get("text_info"), dict) else {}
        story = str(info.get("story_id") or rec.get("story_id") or "")
        if story in keys:
            out[story].append(rec)
            continue
        sentence = str(rec.get("text") or "").strip()
        key = by_text.get(sentence) or next((k for t, k in by_text.items() if sentence and sentence in t), None)
        if key is not None:
            out[key].append(rec)
    return out


def code_gold(rows: list[GoldRow], *, data: Iterable[str] = (), workers: int = 1,
              progress: Callable[[int], None] | None = None) -> tuple[dict[str, list[dict]], list[CodingError]]:
    """Code each gold sentence as one document; PLOVER records by row key, and coding problems."""
    from .formats import plover_record
    from .pipeline import CodedDocument, code_documents

    docs, where = [], {}
    for r in rows:
        if r.key not in where:
            where[r.key] = r.where
            docs.append({"id": r.key, "text": r.text})
    out: dict[str, list[dict]] = {}
    problems: list[CodingError] = []
    for result in code_documents(docs, data=data, workers=workers):
        assert isinstance(result, CodedDocument)
        if result.error is not None:  # e.g. too short or not English: scored as no event
            problems.append(CodingError(where[result.document.id], None, result.error.message))
        out[result.document.id] = [plover_record(e) for e in result.events]
        if progress is not None:
            progress(1)
    return out, problems


def _predicted(rec: dict, text: str, order: int) -> Predicted:
    """A PLOVER record with its arguments placed in the gold text."""
    sentence = str(rec.get("text") or "")
    base = text.find(sentence) if sentence else -1

    def args(items: Any) -> list[Arg]:
        out = []
        for a in items or []:
            if not isinstance(a, dict):
                continue
            t = str(a.get("actorText") or a.get("text") or "")
            offsets = a.get("offsets")
            if base >= 0 and isinstance(offsets, list) and len(offsets) == 2 and \
                    all(isinstance(o, int) for o in offsets) and 0 <= offsets[0] < offsets[1]:
                spans = [(base + offsets[0], base + offsets[1])]
            else:
                spans = _occurrences(text, t)
            ref = a.get("refers_to")  # a pronoun answers for its antecedent ("The ELN has said it will ...")
            if base >= 0 and isinstance(ref, dict) and isinstance(ref.get("offsets"), list) and \
                    len(ref["offsets"]) == 2 and all(isinstance(o, int) and o >= 0 for o in ref["offsets"]):
                spans = spans + [(base + ref["offsets"][0], base + ref["offsets"][1])]
            out.append(Arg(t, _text_or_none(a.get("code")), _text_or_none(a.get("sector")), spans))
        return out

    about = rec.get("text_info", {}).get("about") if isinstance(rec.get("text_info"), dict) else None
    return Predicted(str(rec["event"]).upper(), args(rec.get("actor", rec.get("source"))),
                     args(rec.get("recipient", rec.get("target"))), _text_or_none(rec.get("mode")),
                     _number(rec.get("confidence")), str(rec.get("event_text") or ""),
                     str(rec.get("reason") or ""), order,
                     args([{"actorText": about.get("text"), "offsets": about.get("offsets")}])
                     if isinstance(about, dict) else [])


# ---- alignment ---------------------------------------------------------------------
def _overlap(a: list[Span], b: list[Span]) -> bool:
    return any(s0 < e1 and s1 < e0 for s0, e0 in a for s1, e1 in b)


def _arg_match(gold: Arg, pred: Arg, k: Knowledge) -> bool:
    if gold.spans and pred.spans:
        return _overlap(gold.spans, pred.spans)
    g, p = k.normalize_code(gold.code), k.normalize_code(pred.code)
    return g is not None and g == p


def _side_match(gold: list[Arg], pred: list[Arg], k: Knowledge) -> bool:
    return any(_arg_match(g, p, k) for g in gold for p in pred)


def align(row: GoldRow, events: list[Predicted], k: Knowledge) -> Predicted | None:
    """The predicted event that codes the gold relation, or None."""
    if not row.source and not row.target:  # a sentence-level gold record: any event answers it
        candidates = list(events)
    else:
        candidates = []
        for e in events:
            direct = (not row.source or _side_match(row.source, e.actor, k)) and \
                     (not row.target or _side_match(row.target, e.recipient or e.about, k))
            # ^ a target that is no actor ("condemned the bombing") is what the event is about
            # "X and Y met": a reciprocal event lists both sides as actors and has no recipient
            reciprocal = not e.recipient and bool(row.source) and bool(row.target) and \
                _side_match(row.source, e.actor, k) and _side_match(row.target, e.actor, k)
            if direct or reciprocal:
                candidates.append(e)
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.confidence, -e.order))


def _pair_args(gold: list[Arg], pred: list[Arg], k: Knowledge) -> list[tuple[Arg, Arg | None]]:
    """Each gold argument with the predicted one that overlaps it (or has its code; or the only one)."""
    out = []
    for g in gold:
        hit = next((p for p in pred if _arg_match(g, p, k)), None)
        if hit is None and len(gold) == 1 and len(pred) == 1 and not (g.spans and pred[0].spans):
            hit = pred[0]
        out.append((g, hit))
    return out


# ---- scoring -------------------------------------------------------------------------
def _prf(correct: int, predicted: int, support: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / support if support else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class _Ratio:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total,
                "accuracy": round(self.correct / self.total, 4) if self.total else None}


def _describe(e: Predicted) -> str:
    def side(args: list[Arg]) -> str:
        return "+".join(f"{a.text}[{a.code or '?'}]" for a in args) or "-"

    return f"{e.event}({side(e.actor)} -> {side(e.recipient)}; {e.trigger!r})"


def score(rows: list[GoldRow], predictions: dict[str, list[dict]], k: Knowledge, fmt: str) -> dict[str, Any]:
    """Per-type and overall scores, confusion matrix, coverage, argument accuracy and the wrong rows."""
    gold_labels: Counter = Counter()
    pred_labels: Counter = Counter()
    correct: Counter = Counter()
    confusion: dict[str, Counter] = defaultdict(Counter)
    args = {"actor_code": _Ratio(), "recipient_code": _Ratio(), "actor_sector": _Ratio(),
            "recipient_sector": _Ratio(), "mode": _Ratio()}
    covered = matched = 0
    errors: list[dict[str, Any]] = []
    for row in rows:
        records = predictions.get(row.key, [])
        events = [_predicted(rec, row.text, i) for i, rec in enumerate(records)]
        if fmt == "plv":
            for e in events:
                e.event = PLV_LABELS.get(e.event, e.event)
        covered += bool(events)
        hit = align(row, events, k)
        matched += hit is not None
        pred = hit.event if hit else NONE
        gold_labels[row.event] += 1
        pred_labels[pred] += 1
        confusion[row.event][pred] += 1
        correct[row.event] += pred == row.event
        problems = [] if pred == row.event else ["event"]
        if hit is not None:
            for side, gold_args, pred_args in (("actor", row.source, hit.actor),
                                               ("recipient", row.target, hit.recipient)):
                for g, p in _pair_args(gold_args, pred_args, k):
                    if g.code:
                        ok = p is not None and k.normalize_code(g.code) == k.normalize_code(p.code)
                        args[f"{side}_code"].add(ok)
                        if not ok:
                            problems.append(f"{side}_code")
                    if g.sector:
                        ok = p is not None and (p.sector or "").upper() == g.sector.upper()
                        args[f"{side}_sector"].add(ok)
                        if not ok:
                            problems.append(f"{side}_sector")
            if row.mode:
                ok = (hit.mode or "") == row.mode
                args["mode"].add(ok)
                if not ok:
                    problems.append("mode")
        if problems:
            errors.append({
                "id": row.id, "where": row.where, "gold": row.event, "predicted": pred,
                "problems": sorted(set(problems), key=problems.index), "text": row.text,
                "source": " + ".join(f"{a.text}[{a.code}]" if a.code else a.text for a in row.source),
                "target": " + ".join(f"{a.text}[{a.code}]" if a.code else a.text for a in row.target),
                "matched": _describe(hit) if hit else None, "reason": hit.reason if hit else None,
                "events": [_describe(e) for e in events],
            })
    labels = sorted((set(gold_labels) | set(pred_labels)) - {NONE})
    per_type = {}
    for label in labels:
        per_type[label] = {"support": gold_labels[label], "predicted": pred_labels[label],
                           "correct": correct[label], **_prf(correct[label], pred_labels[label],
                                                             gold_labels[label])}
    n_correct = sum(correct[label] for label in labels)
    n_pred = sum(pred_labels[label] for label in labels)
    n_gold = sum(gold_labels[label] for label in labels)
    scored = [per_type[label]["f1"] for label in labels if gold_labels[label]]
    columns = labels + [NONE]
    return {
        "format": fmt,
        "rows": len(rows),
        "coverage": round(covered / len(rows), 4) if rows else 0.0,
        "matched": round(matched / len(rows), 4) if rows else 0.0,
        "micro": _prf(n_correct, n_pred, n_gold),
        "macro_f1": round(sum(scored) / len(scored), 4) if scored else 0.0,
        "macro_over": len(scored),
        "accuracy": round(sum(correct.values()) / len(rows), 4) if rows else 0.0,
        "per_type": per_type,
        "confusion": {"labels": columns,
                      "rows": {g: [confusion[g][p] for p in columns] for g in columns if g in confusion}},
        "arguments": {name: ratio.to_json() for name, ratio in args.items() if ratio.total},
        "errors": errors,
    }


# ---- the text report -----------------------------------------------------------------
def _short(label: str) -> str:
    return label[:4]


def format_report(report: dict[str, Any], *, max_errors: int = 20, title: str = "") -> str:
    out: list[str] = []
    n = report["rows"]
    out.append(f"{title}{n:,} rows ({report['format']} format)")
    out.append(f"coverage: {report['coverage']:.1%} of rows have an event; "
               f"{report['matched']:.1%} have one between the gold arguments")
    m = report["micro"]
    out.append(f"micro P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}   "
               f"macro F1 {report['macro_f1']:.3f} (mean over the {report['macro_over']} gold types)   "
               f"accuracy {report['accuracy']:.3f}")
    out.append("")
    out.append(f"{'type':<10} {'support':>7} {'pred':>5} {'correct':>7} {'P':>6} {'R':>6} {'F1':>6}")
    for label, t in report["per_type"].items():
        out.append(f"{label:<10} {t['support']:>7} {t['predicted']:>5} {t['correct']:>7} "
                   f"{t['precision']:>6.3f} {t['recall']:>6.3f} {t['f1']:>6.3f}")
    if report["arguments"]:
        out.append("")
        out.append("arguments of matched events (where gold gives them):")
        for name, r in report["arguments"].items():
            out.append(f"  {name:<17} {r['accuracy']:.3f} ({r['correct']}/{r['total']})")
    cols = report["confusion"]["labels"]
    out.append("")
    out.append("confusion (rows: gold, columns: predicted; NONE = no event between the gold arguments)")
    out.append(f"{'':<10}" + "".join(f"{_short(c):>5}" for c in cols))
    for g, counts in report["confusion"]["rows"].items():
        out.append(f"{g:<10}" + "".join(f"{(c or '.'):>5}" for c in counts))
    errors = report["errors"]
    if errors and max_errors:
        shown = errors[:max_errors] if max_errors > 0 else errors
        out.append("")
        more = f" (first {len(shown)}; --errors N shows more, --json all)" if len(shown) < len(errors) else ""
        out.append(f"wrong rows: {len(errors)}{more}")
        for e in shown:
            out.append(f"- {e['id']}: gold {e['gold']}, predicted {e['predicted']}"
                       + (f" [{', '.join(p for p in e['problems'] if p != 'event')}]"
                          if set(e["problems"]) - {"event"} else ""))
            out.append(f"  {e['text']}")
            out.append(f"  source: {e['source']} | target: {e['target']}")
            if e["matched"]:
                out.append(f"  matched: {e['matched']} by {e['reason']}")
            elif e["events"]:
                out.append(f"  events: {'; '.join(e['events'])}")
    return "\n".join(out)
