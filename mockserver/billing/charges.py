"""What a job or an inference call would have cost: line items, quantities and exact Decimal amounts.

Pure: a price table and counts in, `Charge` values out. The selection of a price is the table's
(`PriceTable.select`); the same function prices the `validate` estimate, `/_mock/estimate` and the
ledger, so the three agree to the cent.

Rules (README "What would this have cost?"):

- A succeeded job pays for `trained_tokens` = billing tokens × epochs at the training price.
- A job cancelled while `running` or `paused` pays for the share of training it completed:
  `billing_tokens × n_epochs × completed_steps // total_steps` tokens (rounded down to whole
  tokens), priced normally. Cancelled before training (validating, queued) or failed: nothing.
- Models billed per training hour (o4-mini reinforcement fine-tuning) pay for simulated training
  hours: the real-service duration of the completed steps (`REAL_STEP` seconds × √batch size each,
  whatever `--speed` compresses it to), rounded up to the hundredth of an hour (36 s).
- An inference call pays input tokens minus cached ones at the input price, cached tokens at the
  cached-input price (the input price when none is listed) and output tokens at the output price:
  fine-tuned models at the fine-tuned prices of their base snapshot, base models at base prices.
  A model without a price gets rows of amount 0 noted `unpriced`.
- A request of a batch pays half of each of those prices (BATCH_DISCOUNT, as the real Batch API), on line
  items named `…, batch input`, `…, batch cached input`, `…, batch output`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mockserver.billing.pricing import PER_MILLION, Price, PriceTable, UnknownPrice
from mockserver.core.catalog import ModelCatalog
from mockserver.simulator.plan import REAL_STEP

TOKENS = "tokens"
HOURS = "duration_hours"
PER_1M_TOKENS = "1M tokens"
PER_HOUR = "hour"
UNPRICED = "unpriced"
SECONDS_PER_HUNDREDTH_HOUR = 36
BATCH_DISCOUNT = Decimal("0.5")


@dataclass(frozen=True)
class Charge:
    """One ledger line: `quantity` of `quantity_unit` at `unit_price` USD per `price_unit`."""

    line_item: str
    quantity: Decimal
    quantity_unit: str
    unit_price: Decimal | None
    price_unit: str | None
    amount: Decimal
    price_set: str | None
    note: str | None = None


def price_names(entries: Iterable[tuple[str, str | None]]) -> dict[str, tuple[str, ...]]:
    """Every other name a model id is priced under, from (id, alias_of) pairs: a snapshot's aliases, and
    an alias's snapshot and sibling aliases (so a set listing only `gpt-3.5-turbo` prices `-0125`)."""
    pairs = list(entries)
    family: dict[str, list[str]] = {}
    for model_id, alias_of in pairs:
        family.setdefault(alias_of or model_id, []).append(model_id)
    names = {}
    for model_id, alias_of in pairs:
        snapshot = alias_of or model_id
        names[model_id] = tuple(dict.fromkeys([model_id, snapshot, *family[snapshot]]))
    return names


def load_price_table(path: Path, *, price_set: str | None, catalog: ModelCatalog) -> PriceTable:
    """The table a server (or `mockserver validate`) charges with; PricingError names any problem."""
    names = price_names((spec.id, spec.alias_of) for spec in catalog)
    return PriceTable.load(path).configured(price_set=price_set, names=names)


def line_item(snapshot: str, what: str, *, fine_tuned: bool) -> str:
    """Named like OpenAI's cost line items: `ft-gpt-4o-mini-2024-07-18, training`, `gpt-4o-…, input`."""
    return f"{'ft-' if fine_tuned else ''}{snapshot}, {what}"


def prorated_tokens(*, billing_tokens: int, n_epochs: int, completed_steps: int, total_steps: int) -> int:
    """Trained tokens of a job stopped after `completed_steps` of `total_steps`, rounded down."""
    return billing_tokens * n_epochs * completed_steps // max(1, total_steps)


def training_hours(*, steps: int, batch_size: int) -> Decimal:
    """Simulated training hours for `steps` (see the module docstring), in hundredths rounded up."""
    seconds = round(steps * REAL_STEP * math.sqrt(batch_size), 6)
    return Decimal(math.ceil(seconds / SECONDS_PER_HUNDREDTH_HOUR)) / 100


def training_charge(
    prices: PriceTable, *, model: str, snapshot: str, trained_tokens: int, steps: int, batch_size: int
) -> Charge:
    """The training line of a job on `model` (snapshot or `ft:` parent) that trained `trained_tokens`
    over `steps` steps; per-hour models pay `training_hours`."""
    item = line_item(snapshot, "training", fine_tuned=True)
    try:
        price = prices.select(model, "training")
    except UnknownPrice:
        return Charge(item, Decimal(trained_tokens), TOKENS, None, None, Decimal(0), None, UNPRICED)
    if price.training_per_1m is not None:
        amount = price.training_per_1m * trained_tokens / PER_MILLION
        return Charge(item, Decimal(trained_tokens), TOKENS, price.training_per_1m, PER_1M_TOKENS, amount,
                      price.price_set)
    rate = price.training_per_hour or Decimal(0)
    hours = training_hours(steps=steps, batch_size=batch_size)
    return Charge(item, hours, HOURS, rate, PER_HOUR, rate * hours, price.price_set)


# Calls repeat the same model and token counts; a price table is never changed in place (a new one replaces it).
@functools.lru_cache(maxsize=4096)
def inference_charges(
    prices: PriceTable, *, snapshot: str, fine_tuned: bool, input_tokens: int, cached_tokens: int,
    output_tokens: int, batch: bool = False,
) -> tuple[Charge, ...]:
    """The input, cached input (when any) and output lines of one call (of a batch: at batch prices)."""
    try:
        price: Price | None = prices.select(snapshot, "fine_tuned" if fine_tuned else "base")
    except UnknownPrice:
        price = None
    rate_in, rate_cached, rate_out = _rates(price, fine_tuned=fine_tuned)
    if batch:
        rate_in, rate_cached, rate_out = (None if rate is None else rate * BATCH_DISCOUNT
                                          for rate in (rate_in, rate_cached, rate_out))
    cached = min(cached_tokens, input_tokens)
    if rate_cached is None and price is not None:
        cached = 0  # no cached price listed: cached tokens pay the full input price
    lines = [("input", input_tokens - cached, rate_in), ("cached input", cached, rate_cached),
             ("output", output_tokens, rate_out)]
    tier = "batch " if batch else ""
    return tuple(_line(line_item(snapshot, tier + what, fine_tuned=fine_tuned), tokens, rate, price)
                 for what, tokens, rate in lines if tokens or what != "cached input")


def has_cached_input_price(prices: PriceTable | None, *, snapshot: str, fine_tuned: bool) -> bool:
    """Whether calls to the model can hit the prompt cache: only models with a cached-input price (gpt-4o and
    later; not gpt-3.5-turbo, as on the real service)."""
    if prices is None:
        return False
    try:
        price = prices.select(snapshot, "fine_tuned" if fine_tuned else "base")
    except UnknownPrice:
        return False
    return _rates(price, fine_tuned=fine_tuned)[1] is not None


def _rates(price: Price | None, *, fine_tuned: bool) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    if price is None:
        return None, None, None
    if fine_tuned:
        return price.ft_input_per_1m, price.ft_cached_input_per_1m, price.ft_output_per_1m
    return price.input_per_1m, price.cached_input_per_1m, price.output_per_1m


def _line(item: str, tokens: int, rate: Decimal | None, price: Price | None) -> Charge:
    if price is None or rate is None:
        return Charge(item, Decimal(tokens), TOKENS, None, None, Decimal(0), None, UNPRICED)
    return Charge(item, Decimal(tokens), TOKENS, rate, PER_1M_TOKENS, rate * tokens / PER_MILLION, price.price_set)
