"""Shared helpers for the responder tests: fixture files and requests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tiktoken

from mockserver.core import tokens
from mockserver.responder import ReplyRequest
from mockserver.responder.examples import TrainingExample, examples_from_lines
from mockserver.responder.index import TrainingIndex

VALID_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "training" / "valid"


def examples_of(name: str, *, method: str = "supervised", training_format: str = "chat") -> list[TrainingExample]:
    with open(VALID_DIR / name, "rb") as handle:
        return list(examples_from_lines(handle, method=method, training_format=training_format))


def index_of(name: str, **kwargs: Any) -> TrainingIndex:
    return TrainingIndex.build(examples_of(name, **kwargs))


def ask(text: str, *, system: str | None = None, **fields: Any) -> ReplyRequest:
    messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": text}]
    return ReplyRequest(model=fields.pop("model", "ft:gpt-4o-mini-2024-07-18:org::abc12345"),
                        messages=tuple(messages), **fields)


@pytest.fixture(scope="session")
def o200k() -> tiktoken.Encoding:
    return tokens.get_encoding("o200k_base")


@pytest.fixture(scope="session")
def cl100k() -> tiktoken.Encoding:
    return tokens.get_encoding("cl100k_base")
