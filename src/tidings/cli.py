"""The ``tidings`` command: a thin layer over the library API."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .formats import Writer
from .knowledge import KnowledgeError, load_knowledge
from .pipeline import CodedDocument, WorkerError, code_documents
from .read import SUFFIXES, expand_paths, read_paths
from .records import CodingError
from .store import DEFAULT_DB, Store, StoreError

EPILOG_CODE = """\b
Examples:
  tidings code examples/                      # every .txt/.html/.jsonl in a folder
  tidings code story.txt -o events.jsonl      # PLOVER JSON lines to a file
  tidings code news.jsonl --format csv -o events.csv
  tidings code page.html --data my-knowledge/ # with your own knowledge folder
  tidings code news/ --actors my_actors.yaml  # with your own actors (see `tidings actors --help`)
  tidings code archive.jsonl --workers 2 -o events.jsonl   # two processes
  tidings code news/ --db                     # into the event store tidings.duckdb
  tidings code more-news/ --db my.duckdb --merge-window 2  # append; reports 2 days apart may merge

\b
Exit status: 0 all inputs coded; 1 some inputs could not be read or coded
(each named on stderr, the rest of the batch is still coded); 2 usage error.
"""


def _is_jsonl(f: Path) -> bool:
    return SUFFIXES.get(f.suffix.lower()) == "jsonl"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _count_documents(files: list[Path]) -> int:
    """How many articles the files hold (a JSON lines file: its non-blank lines), for the progress bar."""
    total = 0
    for f in files:
        if not _is_jsonl(f):
            total += 1
            continue
        try:
            with f.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


def knowledge_options(fn):
    """--data FOLDER and --actors FILE, shared by every command that codes."""
    fn = click.option("--actors", "actors", multiple=True,
                      type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="An actor file (.yaml/.yml/.tsv: organisations, people with their offices and "
                           "terms, country aliases, roles) that extends the shipped tables. Repeatable; "
                           "check one with `tidings actors check FILE`.")(fn)
    fn = click.option("--data", "data", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
                      help="A folder of extra knowledge files (countries.tsv, organizations.tsv, roles.tsv, "
                           "leaders.tsv, gazetteer.tsv, lexicon.yaml, ...) that extend the shipped ones. "
                           "Repeatable.")(fn)
    return fn


def _extra(data: tuple[Path, ...], actors: tuple[Path, ...]) -> tuple[str, ...]:
    """Knowledge folders and actor files, loaded once here so a broken file is a usage error naming its line."""
    extra = tuple(str(p) for p in (*data, *actors))
    try:
        load_knowledge(extra)
    except KnowledgeError as exc:
        raise click.UsageError(str(exc)) from None
    return extra


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """tidings: raw news in, explainable PLOVER political event data out.

    \b
    Example:
      tidings code examples/
    """


@main.command("code", epilog=EPILOG_CODE)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write events here instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="PLOVER JSON lines, or a flat CSV with one row per event.")
@knowledge_options
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: on for several files when stderr is a terminal).")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that parse and code in parallel (each adds about 100 MB; 2 on 2 cores is about "
                   "1.9x as fast). Output order is the input order whatever the number.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary line on stderr.")
@click.option("--db", "db", is_flag=False, flag_value=DEFAULT_DB, default=None, type=click.Path(dir_okay=False),
              help=f"Add the events to a DuckDB event store (default {DEFAULT_DB}) instead of standard output. "
                   "Articles already stored are skipped, so a re-run after an interruption completes the store.")
@click.option("--merge-window", type=click.IntRange(0, 365), default=1, show_default=True,
              help="With --db: reports of one event in different articles may be this many days apart.")
@click.option("--near-duplicate", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="With --db: the share of word 4-grams two articles published within 7 days of each other "
                   "must share to be copies of one story (1 disables near-duplicate detection).")
def code_cmd(paths: tuple[Path, ...], output: Path | None, fmt: str, data: tuple[Path, ...],
             actors: tuple[Path, ...], progress: bool | None, workers: int, quiet: bool, db: str | None,
             merge_window: int, near_duplicate: float) -> None:
    """Code news files into events.

    PATHS are files or folders: .txt (plain or flattened web text), .html/.htm
    (the article is extracted), .jsonl (one article a line: "text" required;
    "title", "url", "published", "source", "id" optional). Events go to standard
    output (or -o FILE), or with --db into an event store that merges reports of
    one event from several articles; problems with single inputs go to stderr.
    """
    extra = _extra(data, actors)  # a broken knowledge file stops the run before it starts
    files = [p for p in expand_paths(paths) if not isinstance(p, CodingError)]
    tty = sys.stderr.isatty()
    show = progress if progress is not None else (tty and (len(files) > 1 or any(map(_is_jsonl, files))))
    store = _open_store(db, window=merge_window, near_duplicate=None if near_duplicate >= 1 else near_duplicate) \
        if db else None
    out = output.open("w", encoding="utf-8", newline="") if output else None if store else sys.stdout
    n_docs = n_events = n_unreal = n_errors = 0
    writer = Writer(out, fmt) if out is not None else None
    documents = store.unseen(read_paths(paths)) if store else read_paths(paths)
    skipped = 0
    bar = click.progressbar(length=_count_documents(files), label="coding", file=sys.stderr, show_pos=True) \
        if show and tty else None
    last_path = None
    done = 0
    try:
        if bar is not None:
            bar.__enter__()
        for result in code_documents(documents, data=extra, workers=workers):
            error = result if isinstance(result, CodingError) else result.error
            path = result.path if isinstance(result, CodingError) else result.document.path
            if bar is not None:
                now_skipped = store.stats.skipped if store else 0
                bar.update(1 + now_skipped - skipped)  # one step per article, stored ones included
                skipped = now_skipped
            elif show and path != last_path:  # not a terminal: one plain line per file
                last_path = path
                done += 1
                click.echo(f"tidings: [{done}/{len(files)}] {path}", err=True)
            if error is not None:
                n_errors += 1
                clear = "\r\x1b[K" if bar is not None else ""  # above the progress bar, not inside it
                click.echo(f"{clear}tidings: error: {error}", err=True)
                continue
            assert isinstance(result, CodedDocument)
            n_docs += 1
            if store is not None:
                store.add(result)
            if writer is not None:
                written, counted = writer.write(result.events)
            else:
                written, counted = len(result.events), sum(e.counted for e in result.events)
            n_events += counted
            n_unreal += written - counted
    except KeyboardInterrupt:
        if store is not None:
            try:
                store.close()  # the articles coded so far are committed whole
            except StoreError as exc:
                click.echo(f"tidings: error: {exc}", err=True)
            click.echo(f"tidings: interrupted; {_n(store.stats.articles, 'article')} stored in {db}; run the "
                       "same command again to code the rest", err=True)
        else:
            click.echo("tidings: interrupted; events written so far are complete lines", err=True)
        sys.exit(130)
    except (WorkerError, StoreError) as exc:
        n_errors += 1
        click.echo(f"tidings: error: {exc}", err=True)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        if output:
            out.close()
        if store is not None:
            try:
                store.close()
            except StoreError as exc:
                n_errors += 1
                click.echo(f"tidings: error: {exc}", err=True)
    if not quiet:
        where = f" to {output}" if output else ""
        unreal = f" (and {n_unreal} negated or hypothetical, written but not counted)" if n_unreal else ""
        stored = ""
        if store is not None:
            st = store.stats
            stored = (f"; stored in {db}: {st.new_events} new, {st.reports - st.new_events} merged into events "
                      f"already known; {_n(st.near_duplicates, 'near-duplicate article')}, "
                      f"{st.skipped} already stored and skipped")
        click.echo(f"tidings: {_n(n_events, 'event')} from {_n(n_docs, 'document')}{where}{unreal}{stored}"
                   + (f"; {n_errors} input(s) failed" if n_errors else ""), err=True)
    sys.exit(1 if n_errors else 0)


EPILOG_EVAL = """\b
Examples:
  tidings eval ../shared/data/plv_dev.tsv                   # score against the PLV dev set
  tidings eval plv_dev.tsv --errors 50                      # show 50 wrong rows
  tidings eval gold.jsonl --format plover --json > s.json   # PLOVER records, scores as JSON
  tidings eval plv_dev.tsv --save-predictions pred.jsonl    # keep what tidings coded
  tidings eval plv_dev.tsv --predictions pred.jsonl         # score saved (or another coder's) output

\b
Exit status: 0 scored; 1 scored, but some gold rows or predictions could not be read
(each named on stderr); 2 usage error or an unusable gold file.
"""


@main.command("eval", epilog=EPILOG_EVAL)
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["plv", "plover"]), default=None,
              help="plv: TSV with <s>/<t>-marked sentences and gold_root (as plv_dev.tsv). plover: PLOVER "
                   "JSON records with text, event, source/target lists. Default: plv for .tsv, else plover.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score these PLOVER JSON lines instead of coding the gold sentences (joined to gold rows "
                   "by text_info.story_id = the gold id, or by sentence).")
@click.option("--save-predictions", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the events tidings coded, as PLOVER JSON lines.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole report (every wrong row) as JSON.")
@click.option("--errors", "max_errors", type=int, default=20, show_default=True,
              help="Wrong rows to list in the text report (0: none, -1: all).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N gold rows.")
@knowledge_options
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that code the gold sentences.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def eval_cmd(gold: Path, fmt: str | None, predictions: Path | None, save_predictions: Path | None,
             as_json: bool, max_errors: int, limit: int | None, data: tuple[Path, ...], actors: tuple[Path, ...],
             workers: int, progress: bool | None) -> None:
    """Score tidings (or saved predictions) against a gold file.

    Prints per-type precision, recall, F1 and support, micro and macro F1,
    coverage, a confusion matrix, actor/recipient code and sector accuracy
    where the gold has them, and the rows it got wrong.
    """
    import json

    from . import evaluate

    fmt = fmt or evaluate.detect_format(gold)
    extra = _extra(data, actors)
    k = load_knowledge(extra)
    try:
        rows, problems = evaluate.read_gold(gold, fmt)
    except ValueError as exc:  # GoldError
        raise click.UsageError(str(exc)) from None
    if predictions is not None and save_predictions is not None:
        raise click.UsageError("--save-predictions writes what tidings codes; with --predictions nothing is coded")
    rows = rows[:limit] if limit else rows
    if not rows:
        raise click.UsageError(f"{gold}: no usable gold rows")
    if predictions is not None:
        records, bad = evaluate.read_predictions(predictions)
        problems += bad
        predicted = evaluate.group_predictions(rows, records)
    else:
        show = progress if progress is not None else sys.stderr.isatty()
        n_docs = len({r.key for r in rows})
        with click.progressbar(length=n_docs, label="coding", file=sys.stderr, show_pos=True) if show \
                else _NoBar() as bar:
            predicted, coding = evaluate.code_gold(rows, data=extra, workers=workers,
                                                   progress=bar.update)
        for c in coding:  # not failures of the gold file: the row just gets no event
            click.echo(f"tidings: note: {c} (scored as no event)", err=True)
        if save_predictions is not None:
            with save_predictions.open("w", encoding="utf-8") as fh:
                for key in dict.fromkeys(r.key for r in rows):
                    for rec in predicted.get(key, []):
                        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    for p in problems:
        click.echo(f"tidings: error: {p}", err=True)
    report = evaluate.score(rows, predicted, k, fmt)
    report["gold"] = str(gold)
    if as_json:
        click.echo(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        click.echo(evaluate.format_report(report, max_errors=max_errors, title=f"{gold}: "))
    sys.exit(1 if problems else 0)


EPILOG_ACTORS = """\b
Examples:
  tidings actors resolve "Swedish Prime Minister Ulf Kristersson met Ishiba."
  tidings actors resolve "Abe visited Beijing." --date 2015-03-01
  tidings actors resolve "Takaichi spoke." --date 2026-01-10 --actors my_actors.tsv
  tidings actors check my_actors.yaml         # validate a file; errors name the line
  tidings actors who Lavrov                   # the office-holder table's terms for a name
"""


@main.group("actors", epilog=EPILOG_ACTORS)
def actors_group() -> None:
    """Look up and check actors: who a text names, and how each is coded.

    \b
    An actor file (YAML or TSV) adds organisations, people with their offices
    and terms, country aliases and roles; pass it to any command with
    --actors FILE. Its format is in the README ("Your own actors").
    """


@actors_group.command("resolve", epilog=EPILOG_ACTORS)
@click.argument("text")
@click.option("--date", "when", help="The story's date (YYYY-MM-DD): office-holders are coded for it.")
@knowledge_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per actor mention.")
def actors_resolve(text: str, when: str | None, data: tuple[Path, ...], actors: tuple[Path, ...],
                   as_json: bool) -> None:
    """Every actor mention in TEXT with its code, sector and how it was reached."""
    import json

    from .pipeline import resolve_actors

    extra = _extra(data, actors)
    for e in resolve_actors(text, published=when, data=extra):
        if as_json:
            click.echo(json.dumps(e.to_json(), ensure_ascii=False))
        else:
            click.echo(f"{e.text!r:40} {e.out_code:4} {e.out_sector:4} {e.basis:22} {e.confidence:.2f}  {e.how}")


@actors_group.command("check", epilog=EPILOG_ACTORS)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def actors_check(files: tuple[Path, ...]) -> None:
    """Validate actor files; print each problem as FILE:LINE: message (exit 1 if any)."""
    from . import actor_files

    bad = 0
    for f in files:
        try:
            load_knowledge((str(f),))
            n = len(actor_files.read_entries(f))
            click.echo(f"{f}: {n} actors, ok")
        except KnowledgeError as exc:
            bad += 1
            click.echo(str(exc), err=True)
    sys.exit(1 if bad else 0)


@actors_group.command("who", epilog=EPILOG_ACTORS)
@click.argument("name")
@knowledge_options
def actors_who(name: str, data: tuple[Path, ...], actors: tuple[Path, ...]) -> None:
    """The offices NAME held according to the office-holder table (and your files)."""
    k = load_knowledge(_extra(data, actors))
    terms = k.terms.get(name, [])
    if not terms:
        click.echo(f"{name}: not in the office-holder table", err=True)
        sys.exit(1)
    for t in terms:
        click.echo(f"{t.name}\t{t.country}\t{t.office}\t{t.sector}\t{t.start or ''}\t{t.end or 'in office'}")


def _open_store(db: str, **options) -> Store:
    try:
        return Store(db, **options)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def store_options(fn):
    """--db and the event filters, shared by the commands that read the store."""
    fn = click.option("--include-uncounted", is_flag=True,
                      help="Include negated and hypothetical events (left out by default).")(fn)
    fn = click.option("--type", "types", multiple=True, metavar="TYPE",
                      help="Only events of this PLOVER type (repeatable): --type ASSAULT --type COERCE.")(fn)
    fn = click.option("--until", metavar="YYYY-MM-DD", help="Only events on or before this date.")(fn)
    fn = click.option("--since", metavar="YYYY-MM-DD", help="Only events on or after this date.")(fn)
    fn = click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                      help="The event store (filled by `tidings code --db`).")(fn)
    return fn


def _filters(since: str | None, until: str | None, types: tuple[str, ...], include_uncounted: bool) -> dict:
    import datetime as dt

    for name, value in (("--since", since), ("--until", until)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from None
    return {"since": since, "until": until, "types": types or None, "include_uncounted": include_uncounted}


def _reader(db: str) -> Store:
    return _open_store(db, read_only=True)


def _flat(frame):
    """The frame with list cells joined with ';', as the CSV export writes them."""
    from .exports import _cell

    return frame.apply(lambda column: column.map(_cell) if column.dtype == object else column)


def _print_frame(frame, empty: str) -> None:
    import pandas as pd

    if frame.empty:
        click.echo(empty, err=True)
        return
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250,
                           "display.max_colwidth", 70):
        click.echo(frame.to_string(index=False))


EPILOG_EXPORT = """\b
Examples:
  tidings export --format polecat -o events.tsv            # POLECAT-style TSV (R, Stata)
  tidings export --format gdelt -o events.gdelt.tsv        # GDELT 2.0 event columns
  tidings export --format parquet -o events.parquet        # pandas, arrow, DuckDB
  tidings export --format jsonl --dyad JPN SWE --since 2024-01-01
  tidings export --format csv --country UKR --type ASSAULT --one-a-day -o ukraine.csv
  tidings export --format csv --reports -o reports.csv     # every report, not merged
"""


@main.command("export", epilog=EPILOG_EXPORT)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "polecat", "gdelt", "csv", "parquet"]), default="jsonl",
              show_default=True, help="PLOVER JSON lines, POLECAT-style TSV, GDELT-style TSV, CSV or Parquet.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write here instead of standard output (required for parquet).")
@store_options
@click.option("--country", "countries", multiple=True, metavar="CODE",
              help="Only events with this code on either side (repeatable).")
@click.option("--dyad", nargs=2, metavar="CODE CODE", help="Only events between these two, either direction.")
@click.option("--one-a-day", is_flag=True,
              help="The classic filter: one event per day, actors, recipients and CAMEO code.")
@click.option("--reports", is_flag=True, help="Every report as coded from each article, not merged into events.")
def export_cmd(fmt: str, output: Path | None, db: str, since: str | None, until: str | None,
               types: tuple[str, ...], include_uncounted: bool, countries: tuple[str, ...],
               dyad: tuple[str, str] | None, one_a_day: bool, reports: bool) -> None:
    """Export the store's events: one row per real-world event, with its number
    of reports, articles and sources."""
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    if reports and one_a_day:
        raise click.UsageError("--one-a-day filters merged events; it does not apply to --reports")
    import duckdb

    filters = _filters(since, until, types, include_uncounted)
    with _reader(db) as store:
        try:
            n = store.export(output if output else sys.stdout, fmt, reports=reports, one_a_day=one_a_day,
                             country=countries or None, dyad=dyad, **filters)
        except (OSError, duckdb.IOException) as exc:
            raise click.ClickException(f"{output}: cannot write ({getattr(exc, 'strerror', None) or exc})") from None
    click.echo(f"tidings: {_n(n, 'row' if fmt in ('gdelt', 'polecat', 'csv', 'parquet') else 'record')} "
               f"exported" + (f" to {output}" if output else ""), err=True)


EPILOG_DYAD = """\b
Examples:
  tidings dyad JPN SWE                       # timeline and monthly summary
  tidings dyad USA IRN --since 2024-01-01 --type SANCTION --type THREATEN
  tidings dyad ISR PSE --by week --summary-only
  tidings dyad JPN SWE --csv > jpn_swe.csv   # the timeline as CSV
"""


@main.command("dyad", epilog=EPILOG_DYAD)
@click.argument("a")
@click.argument("b")
@store_options
@click.option("--by", "period", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True, help="Period of the summary.")
@click.option("--one-a-day", is_flag=True, help="One event per day, direction and CAMEO code.")
@click.option("--summary-only", is_flag=True, help="Only the summary by period.")
@click.option("--csv", "as_csv", is_flag=True, help="The timeline as CSV on standard output.")
def dyad_cmd(a: str, b: str, db: str, since: str | None, until: str | None, types: tuple[str, ...],
             include_uncounted: bool, period: str, one_a_day: bool, summary_only: bool, as_csv: bool) -> None:
    """The relationship of A and B (country or organisation codes): every event
    between them in either direction (date, direction, type, summary, sources),
    then counts by quad class, net PLOVER intensity and Goldstein by month."""
    filters = {**_filters(since, until, types, include_uncounted), "one_a_day": one_a_day}
    with _reader(db) as store:
        timeline = store.dyad(a, b, **filters)
        summary = store.dyad_months(a, b, period=period, **filters)
    if as_csv:
        click.echo(_flat(timeline).to_csv(index=False), nl=False)
        return
    if not summary_only:
        shown = timeline.assign(sources=timeline["sources"].map(lambda s: ", ".join(s) if len(s) else ""),
                                date=timeline["date"].map(lambda d: "undated" if d is None or d != d else
                                                          str(d)[:10]))
        _print_frame(shown.drop(columns=["event_id", "mode", "cameo", "quad_code"]),
                     f"tidings: no events between {a.upper()} and {b.upper()} in {db}")
        if not timeline.empty:
            click.echo("")
    _print_frame(summary, f"tidings: no dated events between {a.upper()} and {b.upper()} to summarise")


EPILOG_TOP = """\b
Examples:
  tidings top                                # the 10 most active dyads
  tidings top actors --limit 20
  tidings top dyads --since 2024-01-01 --type ASSAULT
"""


@main.command("top", epilog=EPILOG_TOP)
@click.argument("what", type=click.Choice(["dyads", "actors"]), default="dyads")
@store_options
@click.option("-n", "--limit", type=click.IntRange(1), default=10, show_default=True, help="How many to list.")
def top_cmd(what: str, db: str, since: str | None, until: str | None, types: tuple[str, ...],
            include_uncounted: bool, limit: int) -> None:
    """The most active dyads (pairs, either direction) or actors, by events."""
    with _reader(db) as store:
        frame = store.top(what, limit, **_filters(since, until, types, include_uncounted))
    _print_frame(frame, f"tidings: no events in {db}")


EPILOG_PLOT = """\b
Examples:
  tidings plot dyad JPN SWE -o jpn_swe.png
  tidings plot dyad USA CHN --by week --since 2024-01-01 -o usa_chn.svg
"""


@main.group("plot", epilog=EPILOG_PLOT)
def plot_group() -> None:
    """Draw charts from the event store."""


@plot_group.command("dyad", epilog=EPILOG_PLOT)
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Image file: .png, .svg or .pdf.")
@store_options
@click.option("--by", "period", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True, help="One bar per period.")
def plot_dyad_cmd(a: str, b: str, output: Path, db: str, since: str | None, until: str | None,
                  types: tuple[str, ...], include_uncounted: bool, period: str) -> None:
    """The cooperation–conflict series of A and B: events by quad class per
    period (cooperation up, conflict down) and net Goldstein."""
    from .relations import plot_dyad

    if output.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise click.BadParameter("the file must end in .png, .svg or .pdf", param_hint="-o")
    with _reader(db) as store:
        try:
            n = plot_dyad(store, a, b, output, period=period, **_filters(since, until, types, include_uncounted))
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write ({exc.strerror or exc})") from None
    if not n:
        click.echo(f"tidings: no dated events between {a.upper()} and {b.upper()} in {db}; nothing drawn", err=True)
        sys.exit(1)
    click.echo(f"tidings: {_n(n, period)} drawn to {output}", err=True)


EPILOG_SQL = """\b
Examples:
  tidings sql "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY n DESC"
  tidings sql "SELECT * FROM dyad_events WHERE actor_code = 'JPN'" --csv > jpn.csv
"""


@main.command("sql", epilog=EPILOG_SQL)
@click.argument("query")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The event store.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on standard output instead of a table.")
def sql_cmd(query: str, db: str, as_csv: bool) -> None:
    """Run a SQL query over the store (read-only; tables and views in the README)."""
    import duckdb

    if not query.strip():
        raise click.UsageError("QUERY is empty")
    with _reader(db) as store:
        try:
            frame = store.sql(query)
        except duckdb.Error as exc:
            raise click.ClickException(f"SQL: {exc}") from None
    if as_csv:
        click.echo(_flat(frame).to_csv(index=False), nl=False)
    else:
        _print_frame(frame, "tidings: the query returned no rows")


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


if __name__ == "__main__":  # pragma: no cover
    main()
