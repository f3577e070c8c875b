"""`mockserver validate FILE`: check a fine-tuning JSONL file offline and print its report."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from mockserver.billing.estimate import CostEstimate, estimate_training_cost, report_with_estimate
from mockserver.billing.pricing import PricingError
from mockserver.commands.pricing import load_checked_prices, pricing_options
from mockserver.core.catalog import CatalogError, ModelCatalog, UnknownModel
from mockserver.validation import UnsupportedMethodError, ValidationReport, validate_lines
from mockserver.validation.summary import DEFAULT_MODEL, summary_rows

PROGRESS_MIN_BYTES = 50 * 1024 * 1024  # files this large get progress on stderr even without a terminal
PROGRESS_LINE_STEP = 10  # without a terminal: one progress line per this many percent
SHOWN_ISSUES = 20
EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def _epochs(ctx: click.Context, param: click.Parameter, value: str) -> int | str:
    if value == "auto":
        return value
    if value.isdigit() and 1 <= int(value) <= 50:
        return int(value)
    raise click.BadParameter("must be 'auto' or an integer from 1 to 50")


@click.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Base model (snapshot, alias or ft: id) the file is meant for.")
@click.option("--method", type=click.Choice(["supervised", "dpo", "reinforcement"]), default=None,
              help="Fine-tuning method. Default: supervised, or the model's only method.")
@click.option("--epochs", default="auto", show_default=True, callback=_epochs,
              help="'auto' (resolved from the example count) or 1-50.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (for machines).")
@click.option("--fixtures-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              envvar="MOCKSERVER_FIXTURES_DIR", help="Folder with models.json and pricing.json.")
@pricing_options
def validate(
    file: Path, model: str, method: str | None, epochs: int | str, as_json: bool, fixtures_dir: Path | None,
    pricing: Path | None = None, price_set: str | None = None,
) -> None:
    """Validate a fine-tuning training FILE (JSONL) as a job would, offline.

    Exit status: 0 valid, 1 invalid, 2 unreadable file, unknown model or unsupported method.
    """
    from mockserver.core.config import DEFAULT_FIXTURES_DIR

    fixtures = fixtures_dir or DEFAULT_FIXTURES_DIR
    # The server's own price table and selection, so the estimate is the job's training charge to the cent.
    prices = load_checked_prices(fixtures_dir=fixtures, pricing=pricing, price_set=price_set)
    try:
        catalog = ModelCatalog.load(fixtures / "models.json")
        spec = catalog.get(model)
        chosen = method or _default_method(spec.methods)
        with _open(file) as handle:
            lines = _with_progress(handle, file) if _wants_progress(file) else handle
            report = validate_lines(lines, spec=spec, method=chosen, n_epochs=epochs)  # type: ignore[arg-type]
    except (OSError, UnknownModel, UnsupportedMethodError, CatalogError, PricingError) as exc:
        click.echo(f"Error: {_describe(exc, file)}", err=True)
        sys.exit(EXIT_UNREADABLE)
    estimate = estimate_training_cost(report, prices)  # the same code as POST /_mock/estimate
    if as_json:
        shown = {"file": str(file), **report_with_estimate(report, estimate)}
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
    else:
        _print_report(Console(), file, model, report, estimate)
    sys.exit(EXIT_VALID if report.valid else EXIT_INVALID)


def _default_method(methods: tuple[str, ...]) -> str:
    return "supervised" if "supervised" in methods or not methods else methods[0]


def _open(file: Path) -> IO[bytes]:
    if file.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(file))
    return file.open("rb")


def _describe(exc: BaseException, file: Path) -> str:
    if isinstance(exc, OSError):
        return f"cannot read {file}: {exc.strerror or exc}"
    if isinstance(exc, UnknownModel):
        return f"unknown model {exc.model!r}"
    return str(exc)


def _wants_progress(file: Path) -> bool:
    return sys.stderr.isatty() or file.stat().st_size >= PROGRESS_MIN_BYTES


def _with_progress(handle: IO[bytes], file: Path) -> Iterator[bytes]:
    """Yield the file's lines while stderr follows the bytes read: a live bar on a terminal,
    else (a large file in a log or pipe) plain "Validating … NN%" lines. stdout stays clean."""
    if sys.stderr.isatty():
        return _with_progress_bar(handle, file)
    return _with_progress_lines(handle, file)


def _with_progress_bar(handle: IO[bytes], file: Path) -> Iterator[bytes]:
    columns = (TextColumn("Validating"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("validate", total=file.stat().st_size)
        done = 0
        for number, line in enumerate(handle, 1):
            done += len(line)
            if number % 4096 == 0:
                progress.update(task, completed=done)
            yield line
        progress.update(task, completed=done)


def _with_progress_lines(handle: IO[bytes], file: Path) -> Iterator[bytes]:
    """One stderr line at the start and one each PROGRESS_LINE_STEP percent of the bytes read."""
    total = file.stat().st_size
    click.echo(f"Validating {file}: 0% (0 of {total:,} bytes)", err=True)
    done, next_percent = 0, PROGRESS_LINE_STEP
    for line in handle:
        done += len(line)
        if total and done * 100 >= next_percent * total:
            percent = done * 100 // total
            click.echo(f"Validating {file}: {percent}% ({done:,} of {total:,} bytes)", err=True)
            next_percent = (percent // PROGRESS_LINE_STEP + 1) * PROGRESS_LINE_STEP
        yield line


def _print_report(
    console: Console, file: Path, model: str, report: ValidationReport, estimate: CostEstimate
) -> None:
    summary = Table(title=f"Validation of {file}", show_header=False)
    summary.add_column(style="bold")
    summary.add_column()
    for label, value in summary_rows(model, report, estimate.describe()):
        summary.add_row(label, value)
    console.print(summary)
    if report.issues:
        console.print(_issues_table(report))
    if report.valid:
        console.print("[bold green]VALID[/]: a fine-tuning job would accept this file.")
    else:
        error = report.job_error() or {}
        console.print(f"[bold red]INVALID[/]: a job would fail with {error.get('code')}: {error.get('message')}")


def _issues_table(report: ValidationReport) -> Table:
    table = Table(title="Issues")
    # Fold, never cut: a field such as "message 3, tool call 1, function.name" must show whole.
    for column in ("Line", "Severity", "Code", "Message"):
        table.add_column(column, overflow="fold")
    for issue in report.issues[:SHOWN_ISSUES]:
        colour = "red" if issue.severity == "error" else "yellow"
        line = "-" if issue.line is None else str(issue.line)
        table.add_row(line, f"[{colour}]{issue.severity}[/]", issue.code, escape(issue.text))
    hidden = report.n_errors + report.n_warnings - min(len(report.issues), SHOWN_ISSUES)
    if hidden:
        table.caption = f"… and {hidden:,} more (use --json for the stored ones; counts per code there too)"
    return table
