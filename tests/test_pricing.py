"""Prices: loading pricing.json, dated price sets, exact Decimal costs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mockserver.billing.pricing import PriceTable, PricingError, UnknownPrice
from mockserver.catalog import ModelCatalog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PRICES = PriceTable.load(FIXTURES / "pricing.json")
LAUNCH = dt.date(2023, 8, 22)


def write_prices(tmp_path: Path, price_sets: list[dict[str, Any]]) -> Path:
    path = tmp_path / "pricing.json"
    path.write_text(json.dumps({"currency": "USD", "price_sets": price_sets}))
    return path


def test_training_cost_gpt35_launch_100k_tokens_3_epochs_is_2_40() -> None:
    assert PRICES.training_cost("gpt-3.5-turbo", 100_000 * 3, as_of=LAUNCH) == Decimal("2.40")


def test_training_cost_gpt35_newest_100k_tokens_3_epochs_is_2_40() -> None:
    assert PRICES.training_cost("gpt-3.5-turbo", 300_000) == Decimal("2.40")


def test_training_cost_is_a_decimal() -> None:
    assert isinstance(PRICES.training_cost("gpt-4o-mini", 1), Decimal)


def test_training_cost_gpt4o_mini_300k_tokens_is_0_90() -> None:
    assert PRICES.training_cost("gpt-4o-mini-2024-07-18", 300_000) == Decimal("0.90")


def test_price_for_defaults_to_newest_set() -> None:
    assert PRICES.price_for("gpt-3.5-turbo").price_set == "pricing-page-2025-11"


def test_price_for_as_of_launch_picks_launch_prices() -> None:
    price = PRICES.price_for("gpt-3.5-turbo", as_of=LAUNCH)
    assert (price.ft_input_per_1m, price.ft_output_per_1m) == (Decimal("12.00"), Decimal("16.00"))


def test_price_for_as_of_between_sets_picks_the_one_in_force() -> None:
    assert PRICES.price_for("gpt-3.5-turbo", as_of=dt.date(2024, 1, 1)).price_set == "devday-2023-11-06"


def test_price_for_named_set() -> None:
    assert PRICES.price_for("davinci-002", price_set="launch-2023-08-22").input_per_1m == Decimal("2.00")


def test_price_for_before_model_existed_raises() -> None:
    with pytest.raises(UnknownPrice):
        PRICES.price_for("gpt-3.5-turbo-0125", as_of=LAUNCH)


def test_price_for_ft_model_uses_base_prices() -> None:
    assert PRICES.price_for("ft:gpt-4o-mini-2024-07-18:org:sfx:abc12345").training_per_1m == Decimal("3.00")


def test_price_for_every_entry_has_as_of_and_source() -> None:
    price = PRICES.price_for("gpt-4.1-nano")
    assert (price.as_of, price.source.startswith("OpenAI pricing page")) == (dt.date(2025, 11, 1), True)


CATALOG = ModelCatalog.load(FIXTURES / "models.json")


# gpt-4-0613 (experimental access) has no published fine-tuning price.
PRICED = [m.id for m in CATALOG.fine_tunable() if CATALOG.resolve_snapshot(m.id) != "gpt-4-0613"]


@pytest.mark.parametrize("model", PRICED)
def test_price_for_every_priced_fine_tunable_model_exists(model: str) -> None:
    assert PRICES.price_for(model).model == model


def test_training_cost_for_hourly_model_raises() -> None:
    with pytest.raises(PricingError, match="per training hour"):
        PRICES.training_cost("o4-mini", 1000)


def test_training_cost_hours_o4_mini_is_100_per_hour() -> None:
    assert PRICES.training_cost_hours("o4-mini-2025-04-16", Decimal("1.5")) == Decimal("150.00")


def test_inference_cost_ft_model_uses_ft_and_cached_prices() -> None:
    cost = PRICES.inference_cost("ft:gpt-4o-mini-2024-07-18:o::abc", input_tokens=1000, output_tokens=100,
                                 cached_input_tokens=500)
    assert cost == (Decimal("0.30") * 500 + Decimal("0.15") * 500 + Decimal("1.20") * 100) / 1_000_000


@pytest.mark.parametrize("model", ["gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct-0914"])
def test_inference_cost_instruct_is_1_50_in_2_00_out_per_million(model: str) -> None:
    cost = PRICES.inference_cost(model, input_tokens=1_000_000, output_tokens=1_000_000)
    assert cost == Decimal("3.50")


def test_inference_cost_base_model_without_base_price_raises(tmp_path: Path) -> None:
    entry = {"models": ["m"], "training_per_1m": "1", "ft_input_per_1m": "1", "ft_output_per_1m": "1"}
    path = write_prices(tmp_path, [{"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}])
    with pytest.raises(UnknownPrice, match="No base inference price is known for 'm'"):
        PriceTable.load(path).inference_cost("m", input_tokens=1, output_tokens=1)


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
    assert PriceTable.load(path).training_cost("m", 3_000_000) == Decimal("0.3")


def test_load_duplicate_set_names_raises(tmp_path: Path) -> None:
    entry = {"models": ["m"], "training_per_1m": "1"}
    price_set = {"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}
    with pytest.raises(PricingError, match="unique"):
        PriceTable.load(write_prices(tmp_path, [price_set, price_set]))
