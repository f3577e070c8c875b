"""A job's hyperparameters: `auto` resolved from the validator's verdict on its files."""

from __future__ import annotations

from typing import Any

from mockserver.services.job_files import FileVerdict
from mockserver.services.job_requests import ResolvedRequest
from mockserver.simulator.plan import auto_batch_size

# Observed resolutions of `auto` (reference §4.2); babbage-002 is assumed to follow davinci-002, its sibling.
AUTO_LEARNING_RATE = {"gpt-4o-mini-2024-07-18": 1.8, "gpt-4.1-nano-2025-04-14": 1.0, "davinci-002": 1.0,
                      "babbage-002": 1.0}
DEFAULT_LEARNING_RATE = 2.0
DPO_DEFAULT_BETA = 0.1
# RFT's other hyperparameters. No resolution of their `auto` has been observed, so they stay "auto";
# reasoning_effort has no `auto` (its default is "default"), so it is never shown as "auto".
RFT_AUTO_HYPERPARAMETERS = ("compute_multiplier", "eval_interval", "eval_samples")
RFT_DEFAULT_REASONING_EFFORT = "default"
WITHOUT_AUTO = frozenset({"reasoning_effort"})  # shown as resolved even before the job resolves the rest


def resolve_hyperparameters(request: ResolvedRequest, verdict: FileVerdict) -> dict[str, Any]:
    """`auto` values resolved by the real service's rules (epochs) and observed defaults (the rest)."""
    given = request.hyperparameters
    resolved: dict[str, Any] = {
        "n_epochs": given.get("n_epochs", "auto"), "batch_size": given.get("batch_size", "auto"),
        "learning_rate_multiplier": given.get("learning_rate_multiplier", "auto"),
    }
    if resolved["n_epochs"] == "auto":
        resolved["n_epochs"] = verdict.auto_n_epochs
    if resolved["batch_size"] == "auto":
        resolved["batch_size"] = auto_batch_size(verdict.n_examples)
    if resolved["learning_rate_multiplier"] == "auto":
        resolved["learning_rate_multiplier"] = AUTO_LEARNING_RATE.get(request.model, DEFAULT_LEARNING_RATE)
    if request.method_type == "dpo":
        beta = given.get("beta", "auto")
        resolved["beta"] = DPO_DEFAULT_BETA if beta == "auto" else beta
    if request.method_type == "reinforcement":
        for name in RFT_AUTO_HYPERPARAMETERS:
            resolved[name] = given.get(name, "auto")
        resolved["reasoning_effort"] = given.get("reasoning_effort", RFT_DEFAULT_REASONING_EFFORT)
    for name, value in given.items():
        resolved.setdefault(name, value)
    return resolved
