"""A plausible, seeded training curve: per-step loss and accuracy, and the step_metrics.csv result file."""

from __future__ import annotations

import base64
import csv
import io
import math
import random
from typing import Any

from mockserver.simulator.plan import Plan
from mockserver.simulator.rewards import mean_reward, quality_at

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
    if plan.inputs.reward_levels is not None:
        data.update(reward_metrics(plan, step))
    return data


def reward_metrics(plan: Plan, step: int) -> dict[str, Any]:
    """An RFT step's rewards (the keys of the real RFT metrics events), read off the job's grader curve."""
    levels = plan.inputs.reward_levels or (0.0,)
    quality = quality_at(plan.inputs.seed, step / max(1, plan.total_steps))
    train = mean_reward(levels, quality, _rng(plan, step, "train-reward").uniform(-1, 1))
    scores: dict[str, Any] = {"train_reward_mean": train}
    data: dict[str, Any] = {"train_mean_reward": train, "scores": scores}
    if is_validation_step(plan, step):
        scores["valid_reward_mean"] = mean_reward(levels, quality, _rng(plan, step, "valid-reward").uniform(-1, 1))
    if is_full_validation_step(plan, step):
        data["full_valid_mean_reward"] = mean_reward(levels, quality, _rng(plan, step, "full-reward").uniform(-1, 1))
        data["full_valid_mean_parse_error"] = 0.0
    return data


def step_message(data: dict[str, Any]) -> str:
    if "train_mean_reward" in data:
        return rft_step_message(data)
    message = f"Step {data['step']}/{data['total_steps']}: training loss={data['train_loss']:.2f}"
    if "valid_loss" in data:
        message += f", validation loss={data['valid_loss']:.2f}"
    if "full_valid_loss" in data:
        message += f", full validation loss={data['full_valid_loss']:.2f}"
    return message


def rft_step_message(data: dict[str, Any]) -> str:
    """The real RFT template, its space before the first comma included."""
    message = f"Step {data['step']}/{data['total_steps']} , train mean reward={data['train_mean_reward']:.2f}"
    if "full_valid_mean_reward" in data:
        message += (f", full validation mean reward={data['full_valid_mean_reward']:.2f}"
                    f", full validation mean parse error={data['full_valid_mean_parse_error']:.2f}")
    return message


REWARD_KEYS = ("train_mean_reward", "scores", "full_valid_mean_reward", "full_valid_mean_parse_error")


def checkpoint_metrics(plan: Plan, step: int) -> dict[str, Any]:
    """The SDK's checkpoint `metrics` fields only (an RFT step's reward keys stay in its event)."""
    data = {key: value for key, value in step_metrics(plan, step).items() if key not in REWARD_KEYS}
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
