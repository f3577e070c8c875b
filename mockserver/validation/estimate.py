"""The training charge a job on a validated file would get, before the job: `mockserver validate` and
`POST /_mock/estimate` both ask here, and it prices with the ledger's own rule (`charges.training_charge`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mockserver.billing.charges import HOURS, training_charge
from mockserver.billing.pricing import Price, PriceTable
from mockserver.simulator.plan import auto_batch_size, steps_per_epoch_of
from mockserver.validation.report import ValidationReport


@dataclass(frozen=True)
class TrainingEstimate:
    """`cost` in USD (None: no estimate, `note` says why); `hours` only for models billed per hour."""

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


def estimate_training(report: ValidationReport, prices: PriceTable | None) -> TrainingEstimate:
    """What a job on the report's file with its epochs and `auto` batch size would be charged when it
    succeeds. An invalid file gets no estimate: its job fails validation, and failed jobs cost nothing."""
    price = report.price
    if not report.valid:
        code = (report.job_error() or {}).get("code", "invalid_training_file")
        return TrainingEstimate(price, None, None,
                                f"A job on this file would fail validation ({code}) and cost nothing.")
    if prices is None or price is None:
        return TrainingEstimate(price, None, None, f"No training price is known for {report.model}.")
    if report.file_role != "training_file":
        return TrainingEstimate(price, Decimal(0), None, "Validation files are not billed.")
    # The job's own numbers (services/fine_tuning.py, simulator/plan.py), so per-hour models get its steps.
    n_examples = max(1, report.n_examples)
    batch_size = auto_batch_size(n_examples)
    steps = steps_per_epoch_of(n_examples, batch_size) * report.n_epochs
    charge = training_charge(prices, model=report.model, snapshot=report.model,
                             trained_tokens=report.trained_tokens, steps=steps, batch_size=batch_size)
    hours = charge.quantity if charge.quantity_unit == HOURS else None
    return TrainingEstimate(price, charge.amount, hours, None)
