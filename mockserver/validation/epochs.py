"""Epochs of a training file (reference §4): the cookbook's `auto` rule and the API's bounds."""

from __future__ import annotations

from typing import Literal

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
