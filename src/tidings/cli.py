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

EPILOG_CODE = """\b
Examples:
  tidings code examples/                      # every .txt/.html/.jsonl in a folder
  tidings code story.txt -o events.jsonl      # PLOVER JSON lines to a file
  tidings code news.jsonl --format csv -o events.csv
  tidings code page.html --data my-knowledge/ # with your own knowledge folder
  tidings code news/ --actors my_actors.yaml  # with your own actors (see `tidings actors --help`)
  tidings code archive.jsonl --workers 2 -o events.jsonl   # two processes

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
def code_cmd(paths: tuple[Path, ...], output: Path | None, fmt: str, data: tuple[Path, ...],
             actors: tuple[Path, ...], progress: bool | None, workers: int, quiet: bool) -> None:
    """Code news files into events.

    PATHS are files or folders: .txt (plain or flattened web text), .html/.htm
    (the article is extracted), .jsonl (one article a line: "text" required;
    "title", "url", "published", "source", "id" optional). Events go to standard
    output (or -o FILE); problems with single inputs go to stderr.
    """
    extra = _extra(data, actors)  # a broken knowledge file stops the run before it starts
    files = [p for p in expand_paths(paths) if not isinstance(p, CodingError)]
    tty = sys.stderr.isatty()
    show = progress if progress is not None else (tty and (len(files) > 1 or any(map(_is_jsonl, files))))
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    n_docs = n_events = n_unreal = n_errors = 0
    writer = Writer(out, fmt)
    bar = click.progressbar(length=_count_documents(files), label="coding", file=sys.stderr, show_pos=True) \
        if show and tty else None
    last_path = None
    done = 0
    try:
        if bar is not None:
            bar.__enter__()
        for result in code_documents(read_paths(paths), data=extra, workers=workers):
            error = result if isinstance(result, CodingError) else result.error
            path = result.path if isinstance(result, CodingError) else result.document.path
            if bar is not None:
                bar.update(1)  # one step per article
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
            written, counted = writer.write(result.events)
            n_events += counted
            n_unreal += written - counted
    except KeyboardInterrupt:
        click.echo("tidings: interrupted; events written so far are complete lines", err=True)
        sys.exit(130)
    except WorkerError as exc:
        n_errors += 1
        click.echo(f"tidings: error: {exc}", err=True)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        if output:
            out.close()
    if not quiet:
        where = f" to {output}" if output else ""
        unreal = f" (and {n_unreal} negated or hypothetical, written but not counted)" if n_unreal else ""
        click.echo(f"tidings: {_n(n_events, 'event')} from {_n(n_docs, 'document')}{where}{unreal}"
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


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


if __name__ == "__main__":  # pragma: no cover
    main()
