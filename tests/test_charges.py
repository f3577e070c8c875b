"""Charges: line items, proration, training hours, inference lines and the price each one uses."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mockserver.billing.charges import (
    Charge,
    inference_charges,
    line_item,
    load_price_table,
    price_names,
    prorated_tokens,
    training_charge,
    training_hours,
)
from mockserver.billing.pricing import PriceTable, PricingError, UnknownPrice
from mockserver.core.catalog import ModelCatalog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CATALOG = ModelCatalog.load(FIXTURES / "models.json")
NEWEST = load_price_table(FIXTURES / "pricing.json", price_set=None, catalog=CATALOG)
LAUNCH = load_price_table(FIXTURES / "pricing.json", price_set="launch-2023-08-22", catalog=CATALOG)


def table(tmp_path: Path, *price_sets: dict[str, Any], preferred: str | None = None) -> PriceTable:
    path = tmp_path / "pricing.json"
    path.write_text(json.dumps({"currency": "USD", "price_sets": list(price_sets)}))
    return PriceTable.load(path).configured(price_set=preferred, names={})


def price_set(name: str, as_of: str, *entries: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "as_of": as_of, "source": "test", "prices": list(entries)}


def train(prices: PriceTable, model: str, tokens: int, *, steps: int = 10, batch_size: int = 1) -> Charge:
    return training_charge(prices, model=model, snapshot=CATALOG.resolve_snapshot(model), trained_tokens=tokens,
                           steps=steps, batch_size=batch_size)


def test_line_item_fine_tuned_is_prefixed_ft() -> None:
    assert line_item("gpt-4o-mini-2024-07-18", "cached input", fine_tuned=True) == (
        "ft-gpt-4o-mini-2024-07-18, cached input")


def test_line_item_base_model_has_no_prefix() -> None:
    assert line_item("gpt-4o-mini-2024-07-18", "input", fine_tuned=False) == "gpt-4o-mini-2024-07-18, input"


@pytest.mark.parametrize(("steps", "expected"), [(0, 0), (1, 155), (33, 5118), (100, 15_510)])
def test_prorated_tokens_rounds_down(steps: int, expected: int) -> None:
    assert prorated_tokens(billing_tokens=517, n_epochs=30, completed_steps=steps, total_steps=100) == expected


@pytest.mark.parametrize(("steps", "batch_size", "hours"), [
    (18, 1, "0.05"),  # 180 s = 5 hundredths exactly
    (19, 1, "0.06"),  # 190 s: rounded up
    (4, 4, "0.03"),  # 4 × 10 s × √4 = 80 s
])
def test_training_hours_round_up_to_hundredths(steps: int, batch_size: int, hours: str) -> None:
    assert training_hours(steps=steps, batch_size=batch_size) == Decimal(hours)


def test_training_charge_launch_example_is_2_40() -> None:
    charge = train(LAUNCH, "gpt-3.5-turbo-0125", 300_000)

    assert (charge.line_item, charge.amount, charge.price_set) == (
        "ft-gpt-3.5-turbo-0125, training", Decimal("2.40"), "launch-2023-08-22")


def test_training_charge_of_ft_parent_uses_its_base_price() -> None:
    charge = training_charge(NEWEST, model="ft:gpt-4o-mini-2024-07-18:o::abc", snapshot="gpt-4o-mini-2024-07-18",
                             trained_tokens=1_000_000, steps=1, batch_size=1)
    assert charge.amount == Decimal("3.00")


def test_training_charge_per_hour_model_bills_hours() -> None:
    charge = train(NEWEST, "o4-mini-2025-04-16", 123, steps=36)

    assert (charge.quantity, charge.quantity_unit, charge.amount) == (Decimal("0.1"), "duration_hours",
                                                                      Decimal("10.0000"))


def test_training_charge_without_price_is_unpriced_zero() -> None:
    charge = train(NEWEST, "gpt-4-0613", 1000)

    assert (charge.amount, charge.note, charge.unit_price) == (Decimal(0), "unpriced", None)


def test_inference_charges_ft_model_split_cached_input() -> None:
    charges = inference_charges(NEWEST, snapshot="gpt-4o-mini-2024-07-18", fine_tuned=True, input_tokens=1000,
                                cached_tokens=400, output_tokens=10)

    assert [(c.line_item, c.quantity, c.amount) for c in charges] == [
        ("ft-gpt-4o-mini-2024-07-18, input", 600, Decimal("0.30") * 600 / 1_000_000),
        ("ft-gpt-4o-mini-2024-07-18, cached input", 400, Decimal("0.15") * 400 / 1_000_000),
        ("ft-gpt-4o-mini-2024-07-18, output", 10, Decimal("1.20") * 10 / 1_000_000),
    ]


def test_inference_charges_without_cached_price_pay_full_input() -> None:
    charges = inference_charges(NEWEST, snapshot="gpt-3.5-turbo-0125", fine_tuned=True, input_tokens=1000,
                                cached_tokens=400, output_tokens=0)

    assert [(c.line_item, c.quantity) for c in charges] == [
        ("ft-gpt-3.5-turbo-0125, input", 1000), ("ft-gpt-3.5-turbo-0125, output", 0)]


def test_inference_charges_base_model_uses_base_prices() -> None:
    charges = inference_charges(NEWEST, snapshot="gpt-4o-mini-2024-07-18", fine_tuned=False, input_tokens=100,
                                cached_tokens=0, output_tokens=100)

    assert [c.amount for c in charges] == [Decimal("0.15") * 100 / 1_000_000, Decimal("0.60") * 100 / 1_000_000]


def test_inference_charges_unpriced_model_notes_unpriced(tmp_path: Path) -> None:
    prices = table(tmp_path, price_set("s", "2025-01-01", {"models": ["m"], "training_per_1m": "1"}))
    charges = inference_charges(prices, snapshot="m", fine_tuned=False, input_tokens=5, cached_tokens=0,
                                output_tokens=7)

    assert [(c.quantity, c.amount, c.note) for c in charges] == [(5, 0, "unpriced"), (7, 0, "unpriced")]


def test_price_names_give_a_snapshot_its_aliases() -> None:
    names = price_names([("gpt-3.5-turbo-0125", None), ("gpt-3.5-turbo", "gpt-3.5-turbo-0125")])

    assert names == {"gpt-3.5-turbo-0125": ("gpt-3.5-turbo-0125", "gpt-3.5-turbo"),
                     "gpt-3.5-turbo": ("gpt-3.5-turbo", "gpt-3.5-turbo-0125")}


def test_select_prefers_the_chosen_set() -> None:
    assert LAUNCH.select("gpt-3.5-turbo-0125", "fine_tuned").ft_input_per_1m == Decimal("12.00")


def test_select_without_choice_takes_the_newest_set() -> None:
    assert NEWEST.select("gpt-3.5-turbo-0125", "fine_tuned").price_set == "pricing-page-2025-11"


def test_select_falls_back_when_the_chosen_set_lacks_that_price() -> None:
    # The launch set has no base price for gpt-3.5-turbo: base calls are priced by the newest set that has one.
    assert LAUNCH.select("gpt-3.5-turbo-0125", "base").price_set == "pricing-page-2025-11"


def test_select_skips_a_newer_set_without_the_kind(tmp_path: Path) -> None:
    older = price_set("old", "2024-01-01", {"models": ["m"], "training_per_1m": "1", "input_per_1m": "1",
                                            "output_per_1m": "2"})
    newer = price_set("new", "2025-01-01", {"models": ["m"], "training_per_1m": "5"})
    assert table(tmp_path, older, newer).select("m", "base").price_set == "old"


def test_select_unknown_model_raises() -> None:
    with pytest.raises(UnknownPrice, match="^No training price is known for 'gpt-9'$"):
        NEWEST.select("gpt-9", "training")


def test_configured_unknown_set_raises(tmp_path: Path) -> None:
    with pytest.raises(PricingError, match="^Unknown price set 'x'; the price table has: s$"):
        table(tmp_path, price_set("s", "2025-01-01", {"models": ["m"], "training_per_1m": "1"}), preferred="x")


def test_every_chat_model_in_the_catalog_has_a_base_price() -> None:
    unpriced = [spec.id for spec in CATALOG if spec.training_format == "chat" and not _priced(spec.id)]
    assert unpriced == []


def _priced(model: str) -> bool:
    try:
        NEWEST.select(model, "base")
    except UnknownPrice:
        return False
    return True
