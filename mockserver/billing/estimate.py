"""The training-cost estimate: what a job on a validated file would be charged when it succeeds.

The one estimator: `mockserver validate`, `POST /_mock/estimate` and the dashboard's file page all ask
`estimate_training_cost`, and it prices with the ledger's own rule (`charges.training_charge`), so an
estimate is the job's training charge to the cent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mockserver.billing.charges import HOURS, training_charge
from mockserver.billing.pricing import Price, PriceTable, UnknownPrice
from mockserver.simulator.plan import auto_batch_size, steps_per_epoch_of
from mockserver.validation.report import ValidationReport


@dataclass(frozen=True)
class CostEstimate:
    """`cost` in USD (None: no estimate, `note` says why); `hours` only for models billed per hour; `price` the
    training price the charge would use (None when the model has none)."""

    price: Price | None
    cost: Decimal | None
    hours: Decimal | None
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; money and hours as exact decimal strings."""
        return {
            "estimated_cost": None if self.cost is None else str(self.cost),
            "training_hours": None if self.hours is None else str(self.hours),
            "estimate_note": self.note,
        }

    def describe(self) -> str:
        """One line for people (`mockserver validate`, the dashboard's file page): the cost, at what price."""
        price = self.price
        if self.cost is None or price is None:
            return f"none. {self.note}"
        where = f"{price.price_set}, as of {price.as_of}; {_short_source(price.source)}"
        if self.hours is not None:
            return (f"{_money(self.cost)} for {self.hours} simulated training hours at "
                    f"${price.training_per_hour}/hour ({where})")
        return f"{_money(self.cost)} at ${price.training_per_1m}/1M training tokens ({where})"


def report_with_estimate(report: ValidationReport, estimate: CostEstimate) -> dict[str, Any]:
    """The validate report as `mockserver validate --json` prints it (and the goldens hold it): the report's
    fields, the estimate's and the training price it uses."""
    fields, estimated = report.to_dict(), estimate.to_dict()
    job_error = fields.pop("job_error")
    price = None if estimate.price is None else estimate.price.to_dict()
    # In the order `--json` has always printed: the cost and price before the job error, the rest after it.
    return {**fields, "estimated_cost": estimated.pop("estimated_cost"), "price": price, "job_error": job_error,
            **estimated}


def estimate_training_cost(report: ValidationReport, prices: PriceTable | None) -> CostEstimate:
    """What a job on the report's file (its model, method and resolved epochs; `auto` batch size) would be
    charged when it succeeds. An invalid file gets no estimate: its job fails validation, and failed jobs
    cost nothing. Validation files are not billed."""
    price = _training_price(prices, report.model)
    if not report.valid:
        code = (report.job_error() or {}).get("code", "invalid_training_file")
        return CostEstimate(price, None, None, f"A job on this file would fail validation ({code}) and cost nothing.")
    if prices is None or price is None:
        return CostEstimate(price, None, None, f"No training price is known for {report.model}.")
    if report.file_role != "training_file":
        return CostEstimate(price, Decimal(0), None, "Validation files are not billed.")
    # The job's own numbers (services/fine_tuning.py, simulator/plan.py), so per-hour models get its steps.
    n_examples = max(1, report.n_examples)
    batch_size = auto_batch_size(n_examples)
    steps = steps_per_epoch_of(n_examples, batch_size) * report.n_epochs
    charge = training_charge(prices, model=report.model, snapshot=report.model,
                             trained_tokens=report.trained_tokens, steps=steps, batch_size=batch_size)
    hours = charge.quantity if charge.quantity_unit == HOURS else None
    return CostEstimate(price, charge.amount, hours, None)


def _training_price(prices: PriceTable | None, model: str) -> Price | None:
    """The price `prices.select` charges `model`'s training at (the server's set if it prices it, else the
    newest), or None."""
    if prices is None:
        return None
    try:
        return prices.select(model, "training")
    except UnknownPrice:
        return None


def _short_source(source: str, limit: int = 60) -> str:
    """A price source's label: its text up to the first aside or clause (the full text is in --json)."""
    label = re.split(r" \(|[:,;.](?:\s|$)", source, maxsplit=1)[0].strip()
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _money(amount: Decimal) -> str:
    """Dollars with cents, or every significant digit when the amount is under a cent."""
    if amount == 0 or amount >= Decimal("0.01"):
        return f"${amount:,.2f}"
    return f"${amount.normalize():f}"
