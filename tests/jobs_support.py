"""Helpers for the fine-tuning job tests: training data, the seed job's planned timeline, clock moves."""

from __future__ import annotations

import base64
import csv
import io
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import openai
import tiktoken
from openai.types.fine_tuning import FineTuningJob

from mockserver.core.clock import ManualClock
from mockserver.simulator import JobInputs, Plan, plan_job
from tests.support import error

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "fixtures" / "training" / "valid" / "sarcastic_assistant.jsonl"
SEED_MODEL = "gpt-3.5-turbo"  # the README's seed workflow; an alias of the snapshot below
SEED_SNAPSHOT = "gpt-3.5-turbo-0125"
DPO_MODEL = "gpt-4o-mini-2024-07-18"  # its catalog entry supports supervised and dpo
CSV_HEADER = ["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy"]
STEP_MESSAGE = r"Step (\d+)/(\d+): training loss=\d+\.\d\d"


def inputs(**overrides: Any) -> JobInputs:
    """The seed job's simulator inputs (10 examples, 10 epochs, batch 1, speed 1), with overrides."""
    values: dict[str, Any] = {
        "job_id": "ftjob-test", "created_at": 1_767_225_600, "seed": 42, "salt": "salt", "model": SEED_SNAPSHOT,
        "organization_slug": "mockserver", "suffix": "marv", "method": "supervised",
        "training_file": "file-train", "validation_file": None, "n_examples": 10, "n_epochs": 10,
        "batch_size": 1, "billing_tokens": 500, "speed": 1.0,
    }
    values.update(overrides)
    return JobInputs(**values)


def seed_plan(**overrides: Any) -> Plan:
    """The planned timeline of the seed job (what the server plans for it at the default speed)."""
    return plan_job(inputs(**overrides))


def advance_to(clock: ManualClock, created_at: int, offset: float) -> int:
    """Move the clock forward to the first whole second at or after `created_at + offset`."""
    target = created_at + math.ceil(offset)
    assert target >= clock.now(), "the clock only moves forward"
    return clock.advance(target - clock.now())


def chat_example(index: int) -> dict[str, Any]:
    return {"messages": [
        {"role": "system", "content": "You answer with one number."},
        {"role": "user", "content": f"What is {index} plus one?"},
        {"role": "assistant", "content": str(index + 1)},
    ]}


def jsonl(rows: Iterable[dict[str, Any] | str]) -> bytes:
    """JSONL bytes; a str row is written as is (for lines that are deliberately not valid JSON)."""
    return b"".join((row if isinstance(row, str) else json.dumps(row)).encode() + b"\n" for row in rows)


def chat_file(n_examples: int) -> bytes:
    return jsonl(chat_example(index) for index in range(n_examples))


def upload(sdk: openai.OpenAI, content: bytes | Path, *, name: str = "train.jsonl",
           purpose: str = "fine-tune") -> str:
    if isinstance(content, Path):
        name, content = content.name, content.read_bytes()
    return sdk.files.create(file=(name, content), purpose=purpose).id  # type: ignore[arg-type]


def succeeded_seed_job(sdk: openai.OpenAI, clock: ManualClock, **create: Any) -> FineTuningJob:
    """The seed workflow's job, run to success (an hour is far past any small job's end)."""
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE), **create)
    clock.advance(3600)
    done = sdk.fine_tuning.jobs.retrieve(job.id)
    assert done.status == "succeeded", done
    return done


def raw_job(http: httpx.Client, job_id: str, action: str | None = None) -> dict[str, Any]:
    """A job read (or pause/resume/cancel) through raw HTTP: strict SDK parsing rejects status `paused`."""
    response = http.post(f"/v1/fine_tuning/jobs/{job_id}/{action}") if action else http.get(
        f"/v1/fine_tuning/jobs/{job_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def cookbook_tokens(encoding: tiktoken.Encoding, path: Path) -> int:
    """Tokens of a chat JSONL file by the cookbook rule, written out here independently of the validator:
    per message 3 + tokens of each string value (+1 for a name), then 3 to prime the reply."""
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        tokens = 3
        for message in json.loads(line)["messages"]:
            tokens += 3
            for key, value in message.items():
                if isinstance(value, str):
                    tokens += len(encoding.encode(value))
                if key == "name":
                    tokens += 1
        total += tokens
    return total


def decode_result_csv(content: bytes) -> list[list[str]]:
    """The result file's body is base64 of the CSV text, as the real API serves it."""
    return list(csv.reader(io.StringIO(base64.b64decode(content).decode())))


def assert_api_error(
    caught: Any, status: int, message: str, *, param: str | None = None, code: str | None = None,
    type: str = "invalid_request_error",
) -> None:
    """An SDK error (`pytest.raises(...)` info) with this status and exactly this error body."""
    assert caught.value.status_code == status
    assert caught.value.body == error(message, type=type, param=param, code=code)


def job_in_status(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock, status: str) -> str:
    """The id of a new seed job brought to `status` (any of the seven, `paused` included)."""
    plan = seed_plan()
    content = chat_file(5) if status == "failed" else SEED_FILE.read_bytes()
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, content))
    if status == "queued":
        advance_to(clock, job.created_at, plan.validate_s)
    elif status in ("running", "paused"):
        advance_to(clock, job.created_at, plan.step_offset(20))
    elif status in ("succeeded", "failed"):
        clock.advance(3600)
    if status in ("paused", "cancelled"):
        raw_job(http, job.id, "pause" if status == "paused" else "cancel")
    assert raw_job(http, job.id)["status"] == status
    return job.id


def advance_after_preparations(sdk: openai.OpenAI, seconds: int) -> None:
    """Advance the server's manual clock through its control route, which first waits for the jobs whose files
    (and an RFT job's reward curve) are still being prepared in the background."""
    base = str(sdk.base_url).rstrip("/").removesuffix("/v1")
    advanced = httpx.post(f"{base}/_mock/clock/advance", json={"seconds": seconds},
                          headers={"Authorization": f"Bearer {sdk.api_key}"}, timeout=60)
    assert advanced.status_code == 200, advanced.text
