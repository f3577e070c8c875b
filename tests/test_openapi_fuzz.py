"""OpenAI's OpenAPI spec, cut to the operations the server serves, fuzzed by schemathesis against a live server:
no response may be a 5xx, and every error must be the OpenAI envelope. Valid and invalid requests both, from a fixed
seed, so a CI failure replays the same way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import Case, GenerationMode

from tests.openapi_support import SPEC_PATH, needs_spec
from tests.server_process import server_process

SEED = 20260101
EXAMPLES = 6  # per operation and mode: the whole run stays well under two minutes on two cores
EXPENSIVE_EXAMPLES = 3  # chat completions and responses: their request schemas are slow to generate from
EXPENSIVE = {"/chat/completions", "/responses"}
ENVELOPE_KEYS = {"message", "type", "param", "code"}

# Every operation the server serves, as the spec names them (paths without the `/v1` of its server URL).
OPERATIONS = [
    ("POST", "/chat/completions"), ("POST", "/responses"),
    ("POST", "/files"), ("GET", "/files"), ("GET", "/files/{file_id}"), ("DELETE", "/files/{file_id}"),
    ("GET", "/files/{file_id}/content"),
    ("POST", "/uploads"), ("POST", "/uploads/{upload_id}/parts"), ("POST", "/uploads/{upload_id}/complete"),
    ("POST", "/uploads/{upload_id}/cancel"),
    ("POST", "/fine_tuning/jobs"), ("GET", "/fine_tuning/jobs"), ("GET", "/fine_tuning/jobs/{fine_tuning_job_id}"),
    ("POST", "/fine_tuning/jobs/{fine_tuning_job_id}/cancel"), ("POST", "/fine_tuning/jobs/{fine_tuning_job_id}/pause"),
    ("POST", "/fine_tuning/jobs/{fine_tuning_job_id}/resume"),
    ("GET", "/fine_tuning/jobs/{fine_tuning_job_id}/events"),
    ("GET", "/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints"),
    ("POST", "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions"),
    ("GET", "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions"),
    ("POST", "/fine_tuning/alpha/graders/validate"), ("POST", "/fine_tuning/alpha/graders/run"),
    ("DELETE", "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions/{permission_id}"),
    ("GET", "/models"), ("GET", "/models/{model}"), ("DELETE", "/models/{model}"),
    ("GET", "/organization/costs"), ("GET", "/organization/usage/completions"),
    ("POST", "/completions"),
    *(("GET", f"/organization/usage/{kind}") for kind in (
        "embeddings", "moderations", "images", "audio_speeches", "audio_transcriptions", "vector_stores",
        "code_interpreter_sessions")),
    ("POST", "/batches"), ("GET", "/batches"), ("GET", "/batches/{batch_id}"), ("POST", "/batches/{batch_id}/cancel"),
]


def load_spec(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"),
                                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # 3 MB: C if it can
    return spec


def served_operations(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with only OPERATIONS left in `paths` (components whole: operations refer to them)."""
    paths: dict[str, Any] = {}
    for method, path in OPERATIONS:
        item = spec["paths"][path]
        paths.setdefault(path, {key: value for key, value in item.items() if key == "parameters"})
        paths[path][method.lower()] = item[method.lower()]
    return {**spec, "paths": paths}


@pytest.fixture(scope="module")
def schema() -> Any:
    return schemathesis.openapi.from_dict(served_operations(load_spec(SPEC_PATH)))


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server process of its own: generating requests and answering them then use both cores."""
    with server_process(tmp_path_factory.mktemp("fuzzed"), "--speed", "inf") as (url, _):
        yield url


def envelope_problem(response: Any) -> str | None:
    """What is wrong with an error response, if anything."""
    if response.status_code >= 500:
        return f"status {response.status_code}"
    if response.status_code < 400:
        return None
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return "error body is not the OpenAI envelope"
    if not isinstance(error, dict) or set(error) != ENVELOPE_KEYS:
        return "error body is not the OpenAI envelope"
    if not (isinstance(error["message"], str) and isinstance(error["type"], str)
            and all(error[key] is None or isinstance(error[key], str) for key in ("param", "code"))):
        return "error envelope fields are not strings (or null)"
    return None


def fuzz(operation: Any, mode: GenerationMode, base_url: str, session: requests.Session) -> list[str]:
    """Send the operation's generated requests of one mode; the problems found (all of them, not only the first)."""
    problems: list[str] = []
    sent: list[int] = []
    examples = EXPENSIVE_EXAMPLES if operation.path in EXPENSIVE else EXAMPLES

    @seed(SEED)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: Case) -> None:
        response = case.call(base_url=f"{base_url}/v1", session=session, timeout=30,
                             headers={"Authorization": "Bearer sk-fuzz"})
        sent.append(response.status_code)
        problem = envelope_problem(response)
        if problem is not None:
            problems.append(f"{problem} ({mode.value}): {response.text[:300]}\n  {case.as_curl_command()}")

    call()
    assert sent, f"no {mode.value} request generated for {operation.method.upper()} {operation.path}"
    return problems


@needs_spec
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{method} {path}" for method, path in OPERATIONS])
def test_no_server_error_and_every_error_in_the_envelope(schema: Any, base_url: str, method: str, path: str) -> None:
    operation = schema[path][method]

    with requests.Session() as session:
        problems = [problem for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
                    for problem in fuzz(operation, mode, base_url, session)]

    assert problems == []
