"""The one training-cost estimator (billing/estimate.py) on the two cases where a second estimator once disagreed:
an invalid file (priced at $0.0081 by the validator's own figure) and a model billed per training hour (left
unpriced by it)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from mockserver.billing.estimate import estimate_training_cost, report_with_estimate
from mockserver.billing.pricing import PriceTable
from mockserver.core.catalog import ModelCatalog
from mockserver.validation import ValidationReport, validate_lines

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CATALOG = ModelCatalog.load(FIXTURES / "models.json")
PRICES = PriceTable.load(FIXTURES / "pricing.json")


def validated(name: str, *, model: str, method: str = "supervised") -> ValidationReport:
    path = next((FIXTURES / "training").glob(f"*/{name}.jsonl"))
    with path.open("rb") as handle:
        return validate_lines(handle, spec=CATALOG.get(model), method=method)  # type: ignore[arg-type]


def test_an_invalid_file_is_estimated_to_fail_and_cost_nothing_though_its_model_is_priced() -> None:
    report = validated("invalid_message", model="gpt-4o-mini-2024-07-18")

    estimate = estimate_training_cost(report, PRICES)

    assert (estimate.cost, estimate.hours, estimate.note) == (
        None, None, "A job on this file would fail validation (invalid_training_file) and cost nothing.")
    assert estimate.price is not None and estimate.price.training_per_1m == Decimal("3.00")
    assert report_with_estimate(report, estimate)["estimated_cost"] is None


def test_a_model_billed_per_hour_is_estimated_in_training_hours() -> None:
    report = validated("reinforcement", model="o4-mini-2025-04-16", method="reinforcement")

    estimate = estimate_training_cost(report, PRICES)

    assert estimate.price is not None
    assert (estimate.hours, estimate.cost) == (Decimal("0.28"), estimate.price.training_per_hour * Decimal("0.28"))
    assert report_with_estimate(report, estimate)["estimated_cost"] == "28.0000"


def test_the_validate_view_orders_the_estimate_as_the_report_always_printed_it() -> None:
    report = validated("reinforcement", model="o4-mini-2025-04-16", method="reinforcement")

    keys = list(report_with_estimate(report, estimate_training_cost(report, PRICES)))

    assert keys[-6:] == ["trained_tokens", "estimated_cost", "price", "job_error", "training_hours", "estimate_note"]
