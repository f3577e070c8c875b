"""`--clock system|manual` (MOCKSERVER_CLOCK), shared by `serve` and `costs` so both read the same 'now'."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def clock_option(meaning: str) -> Callable[[F], F]:
    """Add `--clock` with the server's choices, default and variable; `meaning` is its help text."""
    return click.option("--clock", envvar="MOCKSERVER_CLOCK", type=click.Choice(["system", "manual"]),
                        default="system", show_default=True, help=meaning)
