"""`--pricing FILE` and `--price-set NAME`, shared by `serve` and `validate`, checked before anything runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from mockserver.billing.pricing import PriceTable, PricingError
from mockserver.core.catalog import CatalogError, ModelCatalog

F = TypeVar("F", bound=Callable[..., Any])


def pricing_options(command: F) -> F:
    """Add `--pricing` and `--price-set` (MOCKSERVER_PRICING, MOCKSERVER_PRICE_SET) to a command."""
    command = click.option(
        "--price-set", envvar="MOCKSERVER_PRICE_SET", default=None, metavar="NAME",
        help="Charge with this price set (a name in the price table) wherever it prices the model; other "
        "models, and by default: the newest set that prices the model.",
    )(command)
    return click.option(
        "--pricing", envvar="MOCKSERVER_PRICING", default=None, metavar="FILE",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Price table (JSON, like fixtures/pricing.json). Default: pricing.json in the fixtures dir.",
    )(command)


def load_checked_prices(*, fixtures_dir: Path, pricing: Path | None, price_set: str | None) -> PriceTable:
    """The price table the server would charge with; a click usage error (exit 2) naming the problem."""
    from mockserver.billing.charges import load_price_table

    path = pricing if pricing is not None else fixtures_dir / "pricing.json"
    try:
        catalog = ModelCatalog.load(fixtures_dir / "models.json")
        return load_price_table(path, price_set=price_set, catalog=catalog)
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    except PricingError as exc:
        hint = "--price-set" if str(exc).startswith("Unknown price set") else "--pricing"
        raise click.BadParameter(str(exc), param_hint=hint) from exc
