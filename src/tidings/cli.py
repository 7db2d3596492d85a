"""The ``tidings`` command: a thin layer over the library API."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .formats import Writer
from .pipeline import CodedDocument, code_documents
from .read import SUFFIXES, expand_paths, read_paths
from .records import CodingError

EPILOG_CODE = """\b
Examples:
  tidings code examples/                      # every .txt/.html/.jsonl in a folder
  tidings code story.txt -o events.jsonl      # PLOVER JSON lines to a file
  tidings code news.jsonl --format csv -o events.csv
  tidings code page.html --data my-knowledge/ # with your own actor/pattern files

\b
Exit status: 0 all inputs coded; 1 some inputs could not be read or coded
(each named on stderr, the rest of the batch is still coded); 2 usage error.
"""


def _is_jsonl(f: Path) -> bool:
    return SUFFIXES.get(f.suffix.lower()) == "jsonl"


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
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of extra knowledge files (countries.tsv, organizations.tsv, roles.tsv, "
                   "leaders.tsv, gazetteer.tsv, lexicon.yaml, ...) that extend the shipped ones. Repeatable.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: on for several files when stderr is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary line on stderr.")
def code_cmd(paths: tuple[Path, ...], output: Path | None, fmt: str, data: tuple[Path, ...],
             progress: bool | None, quiet: bool) -> None:
    """Code news files into events.

    PATHS are files or folders: .txt (plain or flattened web text), .html/.htm
    (the article is extracted), .jsonl (one article a line: "text" required;
    "title", "url", "published", "source", "id" optional). Events go to standard
    output (or -o FILE); problems with single inputs go to stderr.
    """
    files = [p for p in expand_paths(paths) if not isinstance(p, CodingError)]
    tty = sys.stderr.isatty()
    show = progress if progress is not None else (tty and (len(files) > 1 or any(map(_is_jsonl, files))))
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    n_docs = n_events = n_errors = 0
    writer = Writer(out, fmt)
    bar = click.progressbar(length=_count_documents(files), label="coding", file=sys.stderr, show_pos=True) \
        if show and tty else None
    last_path = None
    done = 0
    try:
        if bar is not None:
            bar.__enter__()
        for result in code_documents(read_paths(paths), data=[str(d) for d in data]):
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
            n_events += writer.write(result.events)
    except KeyboardInterrupt:
        click.echo("tidings: interrupted; events written so far are complete lines", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        if output:
            out.close()
    if not quiet:
        where = f" to {output}" if output else ""
        click.echo(f"tidings: {n_events} events from {n_docs} documents{where}"
                   + (f"; {n_errors} input(s) failed" if n_errors else ""), err=True)
    sys.exit(1 if n_errors else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
