"""Epochs, billed tokens and the cost estimate of a training file (reference §4)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from mockserver.billing.pricing import Price, PriceTable, PricingError, UnknownPrice

TARGET_EPOCHS = 3
MIN_TARGET_EXAMPLES = 100
MAX_TARGET_EXAMPLES = 25_000
MIN_DEFAULT_EPOCHS = 1
MAX_DEFAULT_EPOCHS = 25
MAX_EPOCHS = 50

Epochs = int | Literal["auto"]


def auto_epochs(n_examples: int) -> int:
    """The cookbook rule `auto` resolves to: 3, more for tiny files, fewer for huge ones."""
    n = max(n_examples, 1)
    if n * TARGET_EPOCHS < MIN_TARGET_EXAMPLES:
        return min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES // n)
    if n * TARGET_EPOCHS > MAX_TARGET_EXAMPLES:
        return max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES // n)
    return TARGET_EPOCHS


def check_epochs(n_epochs: Epochs) -> Epochs:
    """`"auto"` or an int 1–50 (the API's bounds); anything else raises ValueError."""
    if n_epochs == "auto":
        return n_epochs
    if type(n_epochs) is not int or not 1 <= n_epochs <= MAX_EPOCHS:
        raise ValueError(f"n_epochs must be 'auto' or an integer from 1 to {MAX_EPOCHS}, got {n_epochs!r}")
    return n_epochs


def resolve_epochs(n_examples: int, n_epochs: Epochs) -> int:
    return auto_epochs(n_examples) if n_epochs == "auto" else check_epochs(n_epochs)  # type: ignore[return-value]


@dataclass(frozen=True)
class Estimate:
    """The price used and the cost; cost is None when it cannot be priced per token."""

    price: Price | None
    cost: Decimal | None


def estimate_cost(prices: PriceTable | None, *, model: str, trained_tokens: int, billed: bool) -> Estimate:
    """Training cost of `trained_tokens` at the training price `prices.select` gives `model` (the server's
    price set if it prices the model, else the newest): the rule the job's ledger charge follows.

    Validation files are not billed (cost 0). Models priced per training hour (o4-mini RFT) and
    models without a listed price give a None cost.
    """
    if prices is None:
        return Estimate(None, None)
    try:
        price = prices.select(model, "training")
    except UnknownPrice:
        return Estimate(None, None)
    if not billed:
        return Estimate(price, Decimal(0))
    try:
        return Estimate(price, prices.training_cost(model, trained_tokens))
    except PricingError:
        return Estimate(price, None)
