"""Dated, sourced fine-tuning prices from pricing.json; money is always `decimal.Decimal`, never float."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mockserver.core.tokens import base_model_of

PER_MILLION = Decimal(1_000_000)
# What a charge needs priced: training, a fine-tuned model's inference, or a base model's inference.
PriceKind = Literal["training", "fine_tuned", "base"]
KIND_LABELS = {"training": "training", "fine_tuned": "fine-tuned inference", "base": "base inference"}


class PricingError(ValueError):
    """pricing.json is unreadable or malformed, or a chosen price set is not in it."""


class UnknownPrice(KeyError):
    """No price set lists this model (at the requested date / in the requested set)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown price"


class _Prices(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ft_input_per_1m: Decimal | None = Field(None, ge=0)
    ft_cached_input_per_1m: Decimal | None = Field(None, ge=0)
    ft_output_per_1m: Decimal | None = Field(None, ge=0)


class _ModelPrices(_Prices):
    models: tuple[str, ...] = Field(min_length=1, description="Ids (snapshots and aliases) sharing these prices.")
    training_per_1m: Decimal | None = Field(None, ge=0)
    training_per_hour: Decimal | None = Field(None, ge=0)
    input_per_1m: Decimal | None = Field(None, ge=0, description="Base-model input price.")
    cached_input_per_1m: Decimal | None = Field(None, ge=0, description="Base-model cached input price.")
    output_per_1m: Decimal | None = Field(None, ge=0, description="Base-model output price.")
    data_sharing: _Prices | None = Field(None, description="Inference prices with data sharing enabled.")
    notes: str | None = None

    @model_validator(mode="after")
    def _one_training_unit(self) -> _ModelPrices:
        # Models that cannot be fine-tuned (or have no published training price) list neither.
        if self.training_per_1m is not None and self.training_per_hour is not None:
            raise ValueError("give exactly one of training_per_1m and training_per_hour")
        return self

    def prices(self, kind: PriceKind) -> bool:
        """Whether this entry has the prices a charge of `kind` needs."""
        if kind == "training":
            return self.training_per_1m is not None or self.training_per_hour is not None
        if kind == "fine_tuned":
            return self.ft_input_per_1m is not None and self.ft_output_per_1m is not None
        return self.input_per_1m is not None and self.output_per_1m is not None


class _PriceSet(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    as_of: dt.date
    source: str
    prices: list[_ModelPrices]


class _PriceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    currency: Literal["USD"]
    price_sets: list[_PriceSet] = Field(min_length=1)


@dataclass(frozen=True)
class Price:
    """The prices of one model in one dated set (USD)."""

    model: str
    price_set: str
    as_of: dt.date
    source: str
    training_per_1m: Decimal | None
    training_per_hour: Decimal | None
    ft_input_per_1m: Decimal | None
    ft_cached_input_per_1m: Decimal | None
    ft_output_per_1m: Decimal | None
    input_per_1m: Decimal | None
    output_per_1m: Decimal | None
    cached_input_per_1m: Decimal | None = None

    def to_dict(self) -> dict[str, str | None]:
        """JSON-friendly: dates as ISO strings, money as decimal strings."""
        return {k: None if v is None else str(v) for k, v in self.__dict__.items()}


class PriceTable:
    """Every price set, newest first; lookups by model id and kind of charge.

    A model may appear in several dated price sets (e.g. gpt-3.5-turbo at its 2023-08-22 launch
    and on the ≈Nov-2025 pricing page). Charges use `select`: the server's chosen set
    (`configured(price_set=…)`) when it prices the model for that kind of charge, otherwise the
    NEWEST set that does (what a job created today would be charged).
    """

    def __init__(
        self, price_sets: list[_PriceSet], *, preferred: str | None = None,
        names: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._sets = sorted(price_sets, key=lambda s: s.as_of, reverse=True)
        names_of_sets = [s.name for s in self._sets]
        if len(set(names_of_sets)) != len(names_of_sets):
            raise PricingError("pricing.json: price set names must be unique")
        if preferred is not None and preferred not in names_of_sets:
            raise PricingError(f"Unknown price set {preferred!r}; the price table has: {', '.join(names_of_sets)}")
        self.preferred = preferred
        self._names = dict(names or {})
        self._selected: dict[tuple[str, str], Price | None] = {}
        for price_set in self._sets:
            listed = [m for entry in price_set.prices for m in entry.models]
            if len(set(listed)) != len(listed):
                raise PricingError(f"pricing.json: set {price_set.name!r} lists a model twice")

    @classmethod
    def load(cls, path: Path | str) -> PriceTable:
        """Read and validate pricing.json (numbers parsed as Decimal); raises PricingError."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
            return cls(_PriceFile.model_validate(raw).price_sets)
        except (OSError, ValueError, ValidationError) as exc:
            if isinstance(exc, PricingError):
                raise
            raise PricingError(f"Cannot load price table {path}: {exc}") from exc

    def configured(self, *, price_set: str | None, names: Mapping[str, tuple[str, ...]]) -> PriceTable:
        """This table preferring `price_set` (checked: PricingError if unknown), looking models up under
        `names[model]` too (a snapshot's aliases, so a set listing only `gpt-3.5-turbo` prices its snapshot)."""
        return PriceTable(list(self._sets), preferred=price_set, names=names)

    def _in_order(self) -> Iterator[_PriceSet]:
        preferred = [s for s in self._sets if s.name == self.preferred]
        yield from preferred
        yield from (s for s in self._sets if s.name != self.preferred)

    def select(self, model: str, kind: PriceKind) -> Price:
        """The price a charge of `kind` uses for `model` (an `ft:` id: its base): the preferred set if it
        prices the model for that kind, else the newest set that does. UnknownPrice when none does."""
        key = (model, kind)
        if key not in self._selected:
            self._selected[key] = self._find(model, kind)
        found = self._selected[key]
        if found is None:
            raise UnknownPrice(f"No {KIND_LABELS[kind]} price is known for {model!r}")
        return found

    def _find(self, model: str, kind: PriceKind) -> Price | None:
        base = base_model_of(model)
        candidates = (base, *(name for name in self._names.get(base, ()) if name != base))
        for candidate in self._in_order():
            for name in candidates:
                for entry in candidate.prices:
                    if name in entry.models and entry.prices(kind):
                        return _price(name, candidate, entry)
        return None


def _price(model: str, price_set: _PriceSet, entry: _ModelPrices) -> Price:
    return Price(
        model=model,
        price_set=price_set.name,
        as_of=price_set.as_of,
        source=price_set.source,
        training_per_1m=entry.training_per_1m,
        training_per_hour=entry.training_per_hour,
        ft_input_per_1m=entry.ft_input_per_1m,
        ft_cached_input_per_1m=entry.ft_cached_input_per_1m,
        ft_output_per_1m=entry.ft_output_per_1m,
        input_per_1m=entry.input_per_1m,
        output_per_1m=entry.output_per_1m,
        cached_input_per_1m=entry.cached_input_per_1m,
    )
