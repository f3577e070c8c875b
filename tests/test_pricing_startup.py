"""`--pricing` and `--price-set`: checked at start-up, a bad value stops the server with an error naming it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mockserver.billing.pricing import PricingError
from mockserver.cli import cli
from mockserver.core.config import DEFAULT_FIXTURES_DIR, Settings
from mockserver.server.app import create_app

KNOWN_SETS = "pricing-page-2025-11, devday-2023-11-06, launch-2023-08-22"


@pytest.fixture
def bad_table(tmp_path: Path) -> Path:
    path = tmp_path / "prices.json"
    entry = {"models": ["gpt-4o-mini"], "training_per_1m": "-3"}
    path.write_text(json.dumps({"currency": "USD", "price_sets": [
        {"name": "s", "as_of": "2025-01-01", "source": "x", "prices": [entry]}]}))
    return path


def serve(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, ["serve", *args], env=env)


def test_create_app_with_bad_price_table_raises_naming_the_field(tmp_path: Path, bad_table: Path) -> None:
    with pytest.raises(PricingError, match=rf"(?s)^Cannot load price table {bad_table}: .*training_per_1m"):
        create_app(Settings(data_dir=tmp_path / "data", pricing=bad_table))


def test_create_app_with_unknown_price_set_raises_listing_the_sets(tmp_path: Path) -> None:
    with pytest.raises(PricingError, match=f"^Unknown price set 'nope'; the price table has: {KNOWN_SETS}$"):
        create_app(Settings(data_dir=tmp_path / "data", price_set="nope"))


def test_create_app_puts_the_chosen_set_on_state(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", price_set="launch-2023-08-22"))

    assert app.state.prices.preferred == "launch-2023-08-22"


def test_serve_with_missing_price_table_exits_2_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = serve("--data-dir", str(tmp_path / "data"), "--pricing", str(missing))

    assert (result.exit_code, f"Invalid value for --pricing: Cannot load price table {missing}" in result.output) == (
        2, True)


def test_serve_with_unknown_price_set_variable_exits_2(tmp_path: Path) -> None:
    result = serve("--data-dir", str(tmp_path / "data"), env={"MOCKSERVER_PRICE_SET": "nope"})

    assert (result.exit_code, f"Invalid value for --price-set: Unknown price set 'nope'; the price table has: "
            f"{KNOWN_SETS}" in result.output) == (2, True)


def test_serve_with_bad_price_table_touches_no_data_dir(tmp_path: Path, bad_table: Path) -> None:
    serve("--data-dir", str(tmp_path / "data"), "--pricing", str(bad_table))

    assert not (tmp_path / "data").exists()


def test_pricing_defaults_to_the_fixtures_table() -> None:
    assert Settings().pricing_path == DEFAULT_FIXTURES_DIR / "pricing.json"
