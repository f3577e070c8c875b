"""A plausible, seeded training curve: per-step loss and accuracy, and the step_metrics.csv result file."""

from __future__ import annotations

import base64
import csv
import io
import math
import random
from typing import Any

from mockserver.simulator.plan import Plan

VALIDATION_EVERY = 10


def _rng(plan: Plan, step: int, stream: str) -> random.Random:
    return random.Random(f"{plan.inputs.seed}:{plan.inputs.n_examples}:{plan.total_steps}:{stream}:{step}")


def _curve(plan: Plan, step: int) -> tuple[float, float]:
    """Loss decays from ~2-3 towards a floor; accuracy rises as loss falls."""
    shape = random.Random(f"{plan.inputs.seed}:shape")
    start, floor = shape.uniform(1.8, 3.0), shape.uniform(0.05, 0.45)
    progress = step / max(1, plan.total_steps)
    loss = floor + (start - floor) * math.exp(-4.0 * progress)
    return loss, max(0.0, min(1.0, 1.0 - loss / (start + 0.5)))


def _noisy(value: float, rng: random.Random, spread: float) -> float:
    return max(0.0, value * (1.0 + rng.uniform(-spread, spread)))


def is_validation_step(plan: Plan, step: int) -> bool:
    return plan.inputs.has_validation_file and (step % VALIDATION_EVERY == 0 or is_full_validation_step(plan, step))


def is_full_validation_step(plan: Plan, step: int) -> bool:
    """With a validation file: the end of every epoch and the final step."""
    return plan.inputs.has_validation_file and step % plan.steps_per_epoch == 0


def step_metrics(plan: Plan, step: int) -> dict[str, Any]:
    """The `data` of the metrics event for `step` (1-based), keys as the real SFT events use."""
    loss, accuracy = _curve(plan, step)
    rng = _rng(plan, step, "train")
    data: dict[str, Any] = {
        "step": step,
        "train_loss": _noisy(loss, rng, 0.25),
        "train_mean_token_accuracy": min(1.0, _noisy(accuracy, rng, 0.1)),
        "total_steps": plan.total_steps,
    }
    if is_validation_step(plan, step):
        valid = _rng(plan, step, "valid")
        data["valid_loss"] = _noisy(loss * 1.1, valid, 0.2)
        data["valid_mean_token_accuracy"] = min(1.0, _noisy(accuracy * 0.95, valid, 0.1))
    if is_full_validation_step(plan, step):
        full = _rng(plan, step, "full")
        data["full_valid_loss"] = _noisy(loss * 1.12, full, 0.05)
        data["full_valid_mean_token_accuracy"] = min(1.0, _noisy(accuracy * 0.94, full, 0.05))
    return data


def step_message(data: dict[str, Any]) -> str:
    message = f"Step {data['step']}/{data['total_steps']}: training loss={data['train_loss']:.2f}"
    if "valid_loss" in data:
        message += f", validation loss={data['valid_loss']:.2f}"
    if "full_valid_loss" in data:
        message += f", full validation loss={data['full_valid_loss']:.2f}"
    return message


def checkpoint_metrics(plan: Plan, step: int) -> dict[str, Any]:
    data = step_metrics(plan, step)
    data.pop("total_steps")
    data["step"] = float(step)
    return data


def csv_number(value: float) -> str:
    """A float rounded to 5 decimals as the real file shows it: `1.52347`, `0.5`, `0.0` (no padding zeros)."""
    text = f"{value:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def step_metrics_csv(plan: Plan, last_step: int | None = None) -> str:
    """The result file's text: one row per step, floats to 5 decimals, blank where no validation ran."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy"])
    for step in range(1, (last_step or plan.total_steps) + 1):
        data = step_metrics(plan, step)
        writer.writerow([
            step,
            csv_number(data["train_loss"]),
            csv_number(data["train_mean_token_accuracy"]),
            csv_number(data["valid_loss"]) if "valid_loss" in data else "",
            csv_number(data["valid_mean_token_accuracy"]) if "valid_mean_token_accuracy" in data else "",
        ])
    return out.getvalue()


def result_file_bytes(plan: Plan) -> bytes:
    """The real service serves step_metrics.csv base64-encoded; so do we."""
    return base64.b64encode(step_metrics_csv(plan).encode())
