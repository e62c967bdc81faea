"""The ``kbp`` command line: thin wrappers over importable functions.

Exit codes: 0 success; 1 some inputs failed (the others were processed);
2 the command could not run at all (bad option, unreadable store).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kbp.errors import InputError, KBPError

app = typer.Typer(
    name="kbp",
    help="Knowledge Base Population: link entities and fill slots from news into a sourced KB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
kb_app = typer.Typer(help="Manage the reference knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error stays on one line
# Piped output (make demo, logs) gets a readable width instead of the 80-column default.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 120)


class _State:
    db: str = "kbp.db"
    quiet: bool = False


state = _State()


@app.callback()
def _global(
    db: Annotated[
        str, typer.Option("--db", envvar="KBP_DB", help="SQLite store file (env KBP_DB).")
    ] = "kbp.db",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    state.db = db
    state.quiet = quiet
    logging.basicConfig(
        level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr, force=True
    )


def _open_store():
    from kbp.kb import open_store

    return open_store(state.db)


@contextmanager
def _progress(label: str, total: int | None) -> Iterator:
    """A progress bar on a terminal; silent when output is piped or --quiet."""
    if state.quiet or not err.is_terminal:
        yield lambda _doc_id: None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _doc_id: bar.advance(task)


def _report_errors(errors: list[str]) -> None:
    for message in errors:
        err.print(f"error: {message}", markup=False)


def _finish(report, noun: str, input_errors: list[str]) -> None:
    _report_errors(input_errors + report.errors)
    failed = len(input_errors) + report.failed
    if not state.quiet:
        err.print(
            f"{report.processed} {noun} processed, {report.unchanged} unchanged, "
            f"{failed} failed; {report.mentions} mentions, {report.facts} facts",
            markup=False,
        )
    if failed:
        raise typer.Exit(1)


@kb_app.command("add")
def kb_add(
    paths: Annotated[list[Path], typer.Argument(help="KB files or folders (.txt, .xml, .jsonl).")],
    title: Annotated[
        str | None, typer.Option(help="Title of a plain-text article (else inferred).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest single document, in bytes.")] = 20
    * 1024
    * 1024,
    text: Annotated[
        bool, typer.Option("--text/--no-text", help="Analyse entry text for facts (slower).")
    ] = True,
) -> None:
    """Add reference KB entries; their text is analysed and its facts count as KB facts."""
    from kbp.io import read_kb
    from kbp.pipeline import Pipeline

    input_errors: list[str] = []
    with _guard(), _open_store() as store:
        entries = read_kb(
            paths, title=title, on_error=lambda e: input_errors.append(str(e)),
            max_bytes=max_bytes,
        )
        with _progress("kb entries", None) as tick:
            report = Pipeline(store).add_kb(entries, on_done=tick, analyse_text=text)
    _finish(report, "KB entries", input_errors)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Documents or folders (recursive).")],
    max_bytes: Annotated[int, typer.Option(help="Largest single document, in bytes.")] = 20
    * 1024
    * 1024,
) -> None:
    """Ingest source documents: link their entities and merge their facts into the KB."""
    from kbp.io import read_documents
    from kbp.pipeline import Pipeline

    input_errors: list[str] = []
    with _guard(), _open_store() as store:
        docs = read_documents(
            paths, on_error=lambda e: input_errors.append(str(e)), max_bytes=max_bytes
        )
        with _progress("documents", None) as tick:
            report = Pipeline(store).ingest(docs, on_done=tick)
    _finish(report, "documents", input_errors)


@app.command()
def show(
    query: Annotated[str, typer.Argument(help="Entity name, alias or KB id.")],
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
) -> None:
    """Show an entity's profile: every fact with status, confidence and sources."""
    import json

    from kbp.kb.profile import entity_profile, render_profile

    with _guard(), _open_store() as store:
        found = store.find_entities(query)
        if not found:
            err.print(f"error: no entity matches {query!r}", markup=False)
            raise typer.Exit(1)
        profile = entity_profile(store, found[0].id, min_confidence=min_confidence)
        if as_json:
            out.print_json(json.dumps(profile, ensure_ascii=False))
        else:
            render_profile(profile, out)
            if len(found) > 1 and not state.quiet:
                others = ", ".join(f"{e.name} ({e.id})" for e in found[1:6])
                err.print(f"also matching: {others}", markup=False)


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="facts, mentions, tac-el or tac-sf.")
    ] = "facts",
    out_path: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Output file; standard output when left out or '-'.")] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.0,
) -> None:
    """Export the KB: facts or mentions as JSON Lines, or the TAC-KBP tac-el and tac-sf formats."""
    from kbp.kb.export import FORMATS

    if fmt not in FORMATS:
        err.print(f"error: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    with _guard(), _open_store() as store:
        if out_path is None or str(out_path) == "-":
            n = FORMATS[fmt](store, sys.stdout, min_confidence=min_confidence)
        else:
            tmp = out_path.with_name(out_path.name + ".part")
            with open(tmp, "w", encoding="utf-8") as fh:
                n = FORMATS[fmt](store, fh, min_confidence=min_confidence)
            tmp.replace(out_path)  # never leave a half-written export behind
        if not state.quiet:
            err.print(f"{n} {fmt} exported", markup=False)


@app.command()
def stats() -> None:
    """Counts of documents, entities, mentions and facts in the store."""
    with _guard(), _open_store() as store:
        for key, value in store.stats().items():
            out.print(f"{key:>12}: {value}", markup=False)


eval_app = typer.Typer(help="Measure kbp on benchmark data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("el")
def eval_el(
    split: Annotated[
        str, typer.Option(help="wned-wiki-dev, shadowlinks-top, or wned-wiki-test (held out).")
    ] = "wned-wiki-dev",
    kb: Annotated[
        Path | None,
        typer.Option(help="Reference KB (JSON lines); default BENCHMARKS/wiki-vital-10k/kb.jsonl."),
    ] = None,
    benchmarks: Annotated[
        Path, typer.Option(help="Folder holding zelda-el/ and wiki-vital-10k/.")
    ] = Path("../shared/benchmarks"),
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N documents.")] = None,
    store: Annotated[
        Path | None, typer.Option(help="Keep the KB store here and reuse it on later runs.")
    ] = None,
) -> None:
    """Entity linking on ZELDA against the KB (TAC setting); last line: the metrics as JSON."""
    import json

    from rich.table import Table

    from kbp.eval.zelda import run_el_eval

    with _guard():
        result = run_el_eval(split, benchmarks, kb_path=kb, limit=limit, store_path=store)
    table = Table(title=f"entity linking: {result['split']}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in result.items():
        if key != "split":
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            table.add_row(key, shown)
    out.print(table)
    typer.echo(json.dumps(result))


@contextmanager
def _guard() -> Iterator[None]:
    """Turn kbp's own errors into one line and exit code 2: no traceback for users."""
    try:
        yield
    except InputError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except KBPError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


def main() -> None:
    app()
