"""Training curves: read from a job's step_metrics.csv, or from its metrics events while it runs."""

from __future__ import annotations

import base64
import binascii
import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Points = list[tuple[float, float]]


@dataclass(frozen=True)
class Curves:
    source: str  # "step_metrics.csv" or "events"
    train_loss: Points = field(default_factory=list)
    valid_loss: Points = field(default_factory=list)
    train_accuracy: Points = field(default_factory=list)
    valid_accuracy: Points = field(default_factory=list)

    @property
    def steps(self) -> int:
        return len(self.train_loss)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _add(points: Points, step: float, value: float | None) -> None:
    if value is not None:
        points.append((step, value))


def from_csv(content: bytes) -> Curves:
    """The result file's rows (the real service serves it base64-encoded; plain text is read too)."""
    try:
        text = base64.b64decode(content, validate=True).decode()
    except (binascii.Error, ValueError):
        text = content.decode(errors="replace")
    curves = Curves(source="step_metrics.csv")
    for row in csv.DictReader(io.StringIO(text)):
        step = _number(row.get("step"))
        if step is None:
            continue
        _add(curves.train_loss, step, _number(row.get("train_loss")))
        _add(curves.train_accuracy, step, _number(row.get("train_accuracy")))
        _add(curves.valid_loss, step, _number(row.get("valid_loss")))
        _add(curves.valid_accuracy, step, _number(row.get("valid_mean_token_accuracy")))
    return curves


def from_metrics(metrics: Iterable[Mapping[str, Any]]) -> Curves:
    """The `data` of metrics events (keys as the real SFT events use), oldest first."""
    curves = Curves(source="events")
    for data in metrics:
        step = float(data["step"])
        _add(curves.train_loss, step, data.get("train_loss"))
        _add(curves.train_accuracy, step, data.get("train_mean_token_accuracy"))
        _add(curves.valid_loss, step, data.get("valid_loss"))
        _add(curves.valid_accuracy, step, data.get("valid_mean_token_accuracy"))
    return curves
