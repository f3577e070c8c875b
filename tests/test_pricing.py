"""Prices: loading pricing.json, the dated price sets' figures, exact Decimal prices."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mockserver.billing.pricing import Price, PriceKind, PriceTable, PricingError, UnknownPrice
from mockserver.core.catalog import ModelCatalog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PRICES = PriceTable.load(FIXTURES / "pricing.json")


def write_prices(tmp_path: Path, price_sets: list[dict[str, Any]]) -> Path:
    path = tmp_path / "pricing.json"
    path.write_text(json.dumps({"currency": "USD", "price_sets": price_sets}))
    return path


def select_in(price_set: str, model: str, kind: PriceKind) -> Price:
    return PRICES.configured(price_set=price_set, names={}).select(model, kind)


def test_select_gpt35_training_is_8_per_million_in_the_newest_set() -> None:
    price = PRICES.select("gpt-3.5-turbo", "training")
    assert (price.price_set, price.training_per_1m) == ("pricing-page-2025-11", Decimal("8.00"))


def test_select_gpt4o_mini_training_is_3_per_million() -> None:
    assert PRICES.select("gpt-4o-mini-2024-07-18", "training").training_per_1m == Decimal("3.00")


def test_launch_set_has_the_launch_fine_tuned_prices() -> None:
    price = select_in("launch-2023-08-22", "gpt-3.5-turbo", "fine_tuned")
    assert (price.ft_input_per_1m, price.ft_output_per_1m) == (Decimal("12.00"), Decimal("16.00"))


def test_launch_set_has_davinci_002_base_prices() -> None:
    assert select_in("launch-2023-08-22", "davinci-002", "base").input_per_1m == Decimal("2.00")


def test_select_ft_model_uses_base_prices() -> None:
    assert PRICES.select("ft:gpt-4o-mini-2024-07-18:org:sfx:abc12345", "training").training_per_1m == Decimal("3.00")


def test_select_every_entry_has_as_of_and_source() -> None:
    price = PRICES.select("gpt-4.1-nano", "training")
    assert (price.as_of, price.source.startswith("OpenAI pricing page")) == (dt.date(2025, 11, 1), True)


CATALOG = ModelCatalog.load(FIXTURES / "models.json")


# gpt-4-0613 (experimental access) has no published fine-tuning price.
PRICED = [m.id for m in CATALOG.fine_tunable() if CATALOG.resolve_snapshot(m.id) != "gpt-4-0613"]


@pytest.mark.parametrize("model", PRICED)
def test_every_priced_fine_tunable_model_has_a_training_price(model: str) -> None:
    assert PRICES.select(model, "training").model == model


def test_o4_mini_training_is_100_per_hour() -> None:
    price = PRICES.select("o4-mini-2025-04-16", "training")
    assert (price.training_per_1m, price.training_per_hour) == (None, Decimal("100.00"))


@pytest.mark.parametrize("model", ["gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct-0914"])
def test_instruct_base_prices_are_1_50_in_2_00_out_per_million(model: str) -> None:
    price = PRICES.select(model, "base")
    assert (price.input_per_1m, price.output_per_1m) == (Decimal("1.50"), Decimal("2.00"))


def test_select_base_model_without_base_price_raises(tmp_path: Path) -> None:
    entry = {"models": ["m"], "training_per_1m": "1", "ft_input_per_1m": "1", "ft_output_per_1m": "1"}
    path = write_prices(tmp_path, [{"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}])
    with pytest.raises(UnknownPrice, match="No base inference price is known for 'm'"):
        PriceTable.load(path).select("m", "base")


def test_load_entry_with_both_training_units_raises(tmp_path: Path) -> None:
    entry = {"models": ["m"], "training_per_1m": "1", "training_per_hour": "1"}
    path = write_prices(tmp_path, [{"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}])
    with pytest.raises(PricingError, match="exactly one of training_per_1m and training_per_hour"):
        PriceTable.load(path)


def test_load_negative_price_raises(tmp_path: Path) -> None:
    entry = {"models": ["m"], "training_per_1m": "-1"}
    path = write_prices(tmp_path, [{"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}])
    with pytest.raises(PricingError, match="Cannot load price table"):
        PriceTable.load(path)


def test_load_reads_json_numbers_exactly(tmp_path: Path) -> None:
    path = tmp_path / "pricing.json"
    path.write_text('{"currency": "USD", "price_sets": [{"name": "s", "as_of": "2025-01-01", "source": "x", '
                    '"prices": [{"models": ["m"], "training_per_1m": 0.1}]}]}')
    assert PriceTable.load(path).select("m", "training").training_per_1m == Decimal("0.1")


def test_load_duplicate_set_names_raises(tmp_path: Path) -> None:
    entry = {"models": ["m"], "training_per_1m": "1"}
    price_set = {"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}
    with pytest.raises(PricingError, match="unique"):
        PriceTable.load(write_prices(tmp_path, [price_set, price_set]))
