"""Training estimates before a job (`POST /_mock/estimate`), by the rules the cost ledger charges with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from mockserver.billing.estimate import CostEstimate, estimate_training_cost
from mockserver.billing.pricing import Price
from mockserver.core.catalog import ModelCatalog, UnknownModel
from mockserver.core.errors import InvalidRequest, NotFound
from mockserver.schemas.costs import EstimatePrice, EstimateRequest, TrainingEstimate
from mockserver.services.context import Context
from mockserver.services.input_files import live_file
from mockserver.services.models import model_not_found
from mockserver.validation import UnsupportedMethodError, ValidationReport, validate_lines
from mockserver.validation.epochs import check_epochs


@dataclass(frozen=True)
class CheckedFile:
    model: str  # the snapshot the alias resolved to
    method: str
    report: ValidationReport
    estimate: CostEstimate


class EstimateService:
    """`POST /_mock/estimate`: what training on one of the caller's files would cost, before a job."""

    def __init__(self, ctx: Context, *, catalog: ModelCatalog) -> None:
        self.ctx = ctx
        self.catalog = catalog

    def estimate(self, body: EstimateRequest) -> TrainingEstimate:
        checked = self.check(file_id=body.file_id, model=body.model, method=body.method, n_epochs=body.n_epochs)
        report, estimate = checked.report, checked.estimate
        return TrainingEstimate(
            file_id=body.file_id, model=checked.model, method=checked.method, valid=report.valid,
            n_examples=report.n_examples, billing_tokens=report.billing_tokens, n_epochs=report.n_epochs,
            trained_tokens=report.trained_tokens, **estimate.to_dict(), price=_price(estimate.price),
            job_error=report.job_error(file_id=body.file_id),
        )

    def check(self, *, file_id: str, model: str, method: str | None, n_epochs: int | Literal["auto"]) -> CheckedFile:
        """The validator's whole report on one of the caller's files and its estimate (`mockserver validate`'s)."""
        try:
            spec = self.catalog.get(model)
        except UnknownModel:
            raise model_not_found(model) from None
        method = method or ("supervised" if "supervised" in spec.methods or not spec.methods else spec.methods[0])
        try:
            check_epochs(n_epochs)
        except ValueError as exc:
            raise InvalidRequest(f"Invalid 'n_epochs': {exc}.", param="n_epochs", code="invalid_value") from None
        self._check_file(file_id)
        try:
            report = validate_lines(self._lines(file_id), spec=spec, method=method,  # type: ignore[arg-type]
                                    n_epochs=n_epochs)
        except UnsupportedMethodError as exc:
            raise InvalidRequest(str(exc), param="method", code="invalid_value") from None
        estimate = estimate_training_cost(report, self.ctx.prices)  # the same code as `mockserver validate`
        return CheckedFile(model=spec.id, method=method, report=report, estimate=estimate)

    def _check_file(self, file_id: str) -> None:
        if live_file(self.ctx, file_id) is None:
            raise NotFound(f"No such File object: {file_id}", param="file_id")

    def _lines(self, file_id: str) -> Iterator[bytes]:
        with self.ctx.store.blobs.open(file_id) as handle:
            yield from handle


def _price(price: Price | None) -> EstimatePrice | None:
    if price is None:
        return None
    per_token = price.training_per_1m is not None
    rate = price.training_per_1m if per_token else price.training_per_hour
    return EstimatePrice(set=price.price_set, as_of=str(price.as_of), source=price.source, rate=str(rate),
                         unit="1M tokens" if per_token else "hour")
