"""The summary of a validation report, as `mockserver validate` prints it and the dashboard shows it."""

from __future__ import annotations

import re
from decimal import Decimal

from mockserver.billing.estimate import CostEstimate
from mockserver.validation.report import ValidationReport

DEFAULT_MODEL = "gpt-4o-mini-2024-07-18"  # what a file is checked for when no model is named (CLI and dashboard)


def summary_rows(model: str, report: ValidationReport, estimate: CostEstimate) -> list[tuple[str, str]]:
    """(label, value) rows: model, format, counts, token statistics, billing tokens, epochs and cost."""
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
        ("Estimated cost", cost_text(estimate)),
    ]
    return rows


def examples_text(report: ValidationReport) -> str:
    """The example count, and when some have errors, how many are valid: the token rows count only those."""
    n_invalid = report.n_examples - report.n_valid_examples
    if not n_invalid:
        return f"{report.n_examples:,}"
    return f"{report.n_examples:,} ({report.n_valid_examples:,} valid, {n_invalid:,} with errors)"


def cost_text(estimate: CostEstimate) -> str:
    price = estimate.price
    if estimate.cost is None or price is None:
        return f"none. {estimate.note}"
    where = f"{price.price_set}, as of {price.as_of}; {short_source(price.source)}"
    if estimate.hours is not None:
        return (f"{money(estimate.cost)} for {estimate.hours} simulated training hours at "
                f"${price.training_per_hour}/hour ({where})")
    return f"{money(estimate.cost)} at ${price.training_per_1m}/1M training tokens ({where})"


def short_source(source: str, limit: int = 60) -> str:
    """A price source's label: its text up to the first aside or clause (the full text is in --json)."""
    label = re.split(r" \(|[:,;.](?:\s|$)", source, maxsplit=1)[0].strip()
    return label if len(label) <= limit else label[: limit - 1] + "…"


def money(amount: Decimal) -> str:
    """Dollars with cents, or every significant digit when the amount is under a cent."""
    if amount == 0 or amount >= Decimal("0.01"):
        return f"${amount:,.2f}"
    return f"${amount.normalize():f}"
