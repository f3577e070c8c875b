"""The summary of a validation report, as `mockserver validate` prints it and the dashboard shows it."""

from __future__ import annotations

from mockserver.validation.report import ValidationReport

DEFAULT_MODEL = "gpt-4o-mini-2024-07-18"  # what a file is checked for when no model is named (CLI and dashboard)


def summary_rows(model: str, report: ValidationReport, cost: str) -> list[tuple[str, str]]:
    """(label, value) rows: model, format, counts, token statistics, billing tokens, epochs and `cost` (the
    estimate's text, `billing.estimate.CostEstimate.describe()`)."""
    shown_model = report.model if model == report.model else f"{model} → {report.model}"
    rows = [
        ("Model", shown_model),
        ("Method / format", f"{report.method} / {report.format} ({report.encoding})"),
        ("Lines / examples", f"{report.n_lines:,} / {examples_text(report)}"),
        ("Errors / warnings", f"{report.n_errors:,} / {report.n_warnings:,}"),
    ]
    stats = report.tokens
    if stats is not None:
        some_invalid = report.n_valid_examples != report.n_examples
        per_example = f"Tokens per valid example ({stats.n_examples:,})" if some_invalid else "Tokens per example"
        rows += [
            (per_example, f"min {stats.min:,} · mean {stats.mean:,} · max {stats.max:,}"),
            ("Total / assistant tokens", f"{stats.total:,} / {stats.assistant_total:,}"),
            ("Over the limit", f"{stats.n_truncated:,} example(s) over {report.max_example_tokens:,} tokens"),
        ]
    rows += [
        ("Billing tokens", f"{report.billing_tokens:,}"),
        ("Epochs", f"{report.n_epochs} ({report.n_epochs_source})"),
        ("Trained tokens", f"{report.trained_tokens:,}"),
        ("Estimated cost", cost),
    ]
    return rows


def examples_text(report: ValidationReport) -> str:
    """The example count, and when some have errors, how many are valid: the token rows count only those."""
    n_invalid = report.n_examples - report.n_valid_examples
    if not n_invalid:
        return f"{report.n_examples:,}"
    return f"{report.n_examples:,} ({report.n_valid_examples:,} valid, {n_invalid:,} with errors)"
