"""Schema drift: every body a realistic journey gets is checked against OpenAI's OpenAPI spec.

Each response is validated (JSON Schema Draft 2020-12, `nullable` as a type union) against the schema of its
operation, looked up by path, method and status; streamed frames against the stream event schemas. The only
failures allowed are the deviations listed in DEVIATIONS, each with its reason (also in the README's
"Deviations from the spec"); a deviation that no longer happens fails the test too, so the list stays true.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from mockserver.core.clock import ManualClock
from tests.chat_support import TOOLS_FILE, marv_messages, training_lines
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL, advance_to, seed_plan
from tests.live_server import LiveServer
from tests.openapi_support import (
    Violation,
    needs_spec,
    response_schema,
    spec_path,
    sse_payloads,
    violations,
)


@dataclass(frozen=True)
class Deviation:
    """A known difference from the spec: which operation, where in the body, and why we keep it."""

    operation: str  # "METHOD /spec/path"
    where: str  # a prefix of the JSON path of the violation ("$.data[0].status_details")
    says: str  # a part of the validator's message
    reason: str

    def covers(self, operation: str, violation: Violation) -> bool:
        return (operation == self.operation and violation.where.startswith(self.where)
                and self.says in violation.message)


FILE_NULLS = "A file that is not expired or in error has no status_details/expires_at; the spec types both non-null."
RESPONSE_NULLS = ("The spec's own examples (and the real API) send `user: null` without a user, and `usage: null` "
                  "while a streamed response is in progress; the schema types both non-null.")
STREAMED_FINISH = ("A streamed legacy completion's frames carry `finish_reason: null` until the choice ends, as the "
                   "real API sends them; the spec (and the SDK's `Completion`) shares the non-null answer's type.")
BATCH_NULLS = ("The real API (and the spec's own example of a batch) sends null for the times, files and errors a "
               "batch does not have yet; the schema types them non-null.")
BATCH_OPERATIONS = ("POST /batches", "GET /batches", "GET /batches/{batch_id}", "POST /batches/{batch_id}/cancel")
DEVIATIONS = [
    *(Deviation("POST /completions", "$.choices[0].finish_reason", says, STREAMED_FINISH)
      for says in ["None is not of type", "None is not one of"]),
    *(Deviation(op, where, "None is not of type", FILE_NULLS) for op, where in [
        ("POST /files", "$.status_details"), ("POST /files", "$.expires_at"),
        ("GET /files/{file_id}", "$.status_details"), ("GET /files/{file_id}", "$.expires_at"),
        ("GET /files", "$.data"),
        ("POST /uploads/{upload_id}/complete", "$.file.status_details"),
        ("POST /uploads/{upload_id}/complete", "$.file.expires_at"),
    ]),
    *(Deviation(op, "$.status", "'paused' is not one of", "The real API reports `paused`; the spec's enum lacks it.")
      for op in ["POST /fine_tuning/jobs/{fine_tuning_job_id}/pause",
                 "GET /fine_tuning/jobs/{fine_tuning_job_id}"]),
    *(Deviation("GET /chat/completions/{completion_id}/messages", "$.data", says, "The real API (and the spec's "
                "example) lists the request's messages with their own roles and no `refusal`; the schema allows "
                "only assistant messages.") for says in ["is not one of ['assistant']", "'refusal' is a required"]),
    *(Deviation(op, where, "None is not of type", RESPONSE_NULLS) for op, where in [
        ("POST /responses", "$.user"), ("POST /responses", "$.response.user"), ("POST /responses", "$.response.usage"),
        ("GET /responses/{response_id}", "$.user"), ("POST /responses/{response_id}/cancel", "$.user"),
    ]),
    *(Deviation(op, "$.data" if op == "GET /batches" else "$", "None is not of type", BATCH_NULLS)
      for op in BATCH_OPERATIONS),
]


@dataclass(frozen=True)
class Exchange:
    operation: str
    status: int
    body: str
    stream: bool


class Journey:
    """Raw HTTP to a live server; every response is kept for validation."""

    def __init__(self, server: LiveServer) -> None:
        self.exchanges: list[Exchange] = []
        self.client = httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"},
                                   verify=False, event_hooks={"response": [self.keep]})

    def keep(self, response: httpx.Response) -> None:
        response.read()
        request = response.request
        template = spec_path(request.url.path)
        stream = response.headers.get("content-type", "").startswith("text/event-stream")
        self.exchanges.append(Exchange(f"{request.method} {template}", response.status_code, response.text, stream))

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        assert response.status_code == expect, response.text
        return None if response.headers.get("content-type", "").startswith("text/event-stream") else response.json()


@pytest.fixture
def journey(live_server: LiveServer) -> Iterator[Journey]:
    walk = Journey(live_server)
    yield walk
    walk.client.close()


def walk_files_and_uploads(j: Journey) -> str:
    file_id: str = j.call("POST", "/v1/files", files={"file": ("train.jsonl", SEED_FILE.read_bytes())},
                          data={"purpose": "fine-tune"})["id"]
    j.call("GET", "/v1/files")
    j.call("GET", f"/v1/files/{file_id}")
    upload = j.call("POST", "/v1/uploads", json={"bytes": 3, "filename": "a.jsonl", "purpose": "fine-tune",
                                                 "mime_type": "application/jsonl"})
    part = j.call("POST", f"/v1/uploads/{upload['id']}/parts", files={"data": ("blob", b"{}\n")})
    j.call("POST", f"/v1/uploads/{upload['id']}/complete", json={"part_ids": [part["id"]]})
    cancelled = j.call("POST", "/v1/uploads", json={"bytes": 1, "filename": "b.jsonl", "purpose": "fine-tune",
                                                    "mime_type": "application/jsonl"})
    j.call("POST", f"/v1/uploads/{cancelled['id']}/cancel")
    return file_id


def walk_jobs(j: Journey, clock: ManualClock, file_id: str) -> str:
    """Create, list, read, pause, resume and cancel jobs; run one to success; return its model."""
    job = j.call("POST", "/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": file_id,
                                                        "suffix": "marv", "metadata": {"team": "a"}})
    other = j.call("POST", "/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": file_id})
    j.call("GET", "/v1/fine_tuning/jobs", params={"limit": 5})
    advance_to(clock, job["created_at"], seed_plan().step_offset(20))
    j.call("POST", f"/v1/fine_tuning/jobs/{job['id']}/pause")
    j.call("GET", f"/v1/fine_tuning/jobs/{job['id']}")
    j.call("POST", f"/v1/fine_tuning/jobs/{job['id']}/resume")
    j.call("POST", f"/v1/fine_tuning/jobs/{other['id']}/cancel")
    clock.advance(36_000)
    done = j.call("GET", f"/v1/fine_tuning/jobs/{job['id']}")
    j.call("GET", f"/v1/fine_tuning/jobs/{job['id']}/events", params={"limit": 50})
    checkpoints = j.call("GET", f"/v1/fine_tuning/jobs/{job['id']}/checkpoints")
    checkpoint = checkpoints["data"][0]["fine_tuned_model_checkpoint"]
    permissions = j.call("POST", f"/v1/fine_tuning/checkpoints/{checkpoint}/permissions",
                         json={"project_ids": ["proj_a"]})
    j.call("GET", f"/v1/fine_tuning/checkpoints/{checkpoint}/permissions")
    j.call("DELETE", f"/v1/fine_tuning/checkpoints/{checkpoint}/permissions/{permissions['data'][0]['id']}")
    model: str = done["fine_tuned_model"]
    return model


def walk_inference(j: Journey, model: str) -> None:
    weather = training_lines(TOOLS_FILE)[0]
    j.call("POST", "/v1/chat/completions", json={"model": model, "messages": marv_messages(), "logprobs": True,
                                                  "top_logprobs": 2})
    j.call("POST", "/v1/chat/completions", json={"model": model, "messages": marv_messages(), "stream": True,
                                                  "stream_options": {"include_usage": True}})
    j.call("POST", "/v1/chat/completions", json={"model": "gpt-4o-mini", "messages": weather["messages"][:-1],
                                                  "tools": weather["tools"], "tool_choice": "required"})
    j.call("POST", "/v1/responses", json={"model": model, "input": "What's the capital of France?"})
    j.call("POST", "/v1/responses", json={"model": model, "input": "Hi", "stream": True})
    function = weather["tools"][0]["function"]
    j.call("POST", "/v1/responses", json={"model": "gpt-4o-mini", "input": "Weather in Paris?",
                                           "tool_choice": "required", "tools": [{"type": "function", **function}]})


def walk_legacy_completions(j: Journey) -> None:
    j.call("POST", "/v1/completions", json={"model": "babbage-002", "prompt": ["Say this is a test", "Hi"], "n": 2,
                                            "echo": True, "logprobs": 2})
    j.call("POST", "/v1/completions", json={"model": "davinci-002", "prompt": "Once upon a time", "stream": True,
                                            "stream_options": {"include_usage": True}})
    j.call("POST", "/v1/completions", expect=404, json={"model": "gpt-4o-mini", "prompt": "Hi"})


def walk_stored_chat(j: Journey) -> None:
    created = j.call("POST", "/v1/chat/completions", json={"model": "gpt-4o-mini", "store": True,
                                                            "metadata": {"team": "a"}, "messages": marv_messages()})
    completion = f"/v1/chat/completions/{created['id']}"
    j.call("GET", "/v1/chat/completions", params={"metadata[team]": "a", "limit": 5})
    j.call("GET", completion)
    j.call("POST", completion, json={"metadata": {"team": "b"}})
    j.call("GET", f"{completion}/messages")
    j.call("DELETE", completion)
    j.call("GET", completion, expect=404)


def walk_stored_responses(j: Journey) -> None:
    first = j.call("POST", "/v1/responses", json={"model": "gpt-4o-mini", "input": "Hello", "background": True})
    second = j.call("POST", "/v1/responses", json={"model": "gpt-4o-mini", "previous_response_id": first["id"],
                                                   "input": [{"role": "user", "content": "And then?"}]})
    j.call("GET", f"/v1/responses/{second['id']}")
    j.call("GET", f"/v1/responses/{second['id']}/input_items")
    j.call("POST", f"/v1/responses/{first['id']}/cancel")
    j.call("POST", f"/v1/responses/{second['id']}/cancel", expect=400)
    j.call("DELETE", f"/v1/responses/{first['id']}")
    j.call("GET", f"/v1/responses/{first['id']}", expect=404)


def walk_graders(j: Journey) -> None:
    check = {"type": "string_check", "name": "label", "input": "{{sample.output_text}}",
             "reference": "{{item.label}}", "operation": "eq"}
    judge = {"type": "score_model", "name": "judge", "model": "gpt-4o-mini",
             "input": [{"role": "user", "content": "{{item.label}} vs {{sample.output_text}}"}]}
    j.call("POST", "/v1/fine_tuning/alpha/graders/validate", json={"grader": check})
    for grader in (check, judge):
        j.call("POST", "/v1/fine_tuning/alpha/graders/run",
               json={"grader": grader, "model_sample": "a", "item": {"label": "a"}})
def walk_batches(j: Journey, clock: ManualClock) -> None:
    """Create, list, cancel and complete batches (this spec has no schema for the output files' lines:
    tests/api/test_batches.py checks them)."""
    lines = [{"custom_id": f"q{index}", "method": "POST", "url": "/v1/chat/completions",
              "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Question {index}"}],
                       **({"n": 1000} if index == 2 else {})}} for index in range(3)]
    content = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    file_id = j.call("POST", "/v1/files", files={"file": ("batch.jsonl", content)}, data={"purpose": "batch"})["id"]
    body = {"input_file_id": file_id, "endpoint": "/v1/chat/completions", "completion_window": "24h"}
    batch = j.call("POST", "/v1/batches", json={**body, "metadata": {"team": "a"}})
    cancelled = j.call("POST", "/v1/batches", json=body)
    j.call("POST", f"/v1/batches/{cancelled['id']}/cancel")
    j.call("GET", "/v1/batches", params={"limit": 1})
    clock.advance(3600)
    j.call("GET", f"/v1/batches/{batch['id']}")
    j.call("POST", f"/v1/batches/{batch['id']}/cancel", expect=409)
    j.call("POST", "/v1/batches", expect=400, json={**body, "endpoint": "/v1/embeddings"})


def walk_models_costs_and_errors(j: Journey, model: str) -> None:
    j.call("GET", "/v1/models")
    j.call("GET", f"/v1/models/{model}")
    j.call("GET", "/v1/organization/costs", params={"start_time": 1_767_225_600, "group_by": ["line_item"]})
    j.call("GET", "/v1/organization/usage/completions", params={"start_time": 1_767_225_600, "group_by": ["model"]})
    for kind in ("embeddings", "moderations", "images", "audio_speeches", "audio_transcriptions", "vector_stores",
                 "code_interpreter_sessions"):
        j.call("GET", f"/v1/organization/usage/{kind}", params={"start_time": 1_767_225_600, "limit": 2})
    j.call("DELETE", f"/v1/models/{model}")
    j.call("GET", "/v1/files/file-nope", expect=404)
    j.call("POST", "/v1/fine_tuning/jobs", expect=400, json={"model": "gpt-nope", "training_file": "file-nope"})
    j.call("POST", "/v1/chat/completions", expect=400, json={"model": "gpt-4o-mini", "messages": []})
    j.call("DELETE", "/v1/files/file-nope", expect=404)


@needs_spec
def test_every_body_of_a_journey_follows_the_spec_but_for_listed_deviations(
    journey: Journey, clock: ManualClock,
) -> None:
    file_id = walk_files_and_uploads(journey)
    model = walk_jobs(journey, clock, file_id)
    walk_inference(journey, model)
    walk_legacy_completions(journey)
    walk_stored_chat(journey)
    walk_stored_responses(journey)
    walk_graders(journey)
    walk_batches(journey, clock)
    walk_models_costs_and_errors(journey, model)
    journey.call("DELETE", f"/v1/files/{file_id}")

    unexpected, used = check_all(journey.exchanges)
    assert unexpected == [], "\n".join(unexpected)
    assert [d for d in DEVIATIONS if d not in used] == [], "listed deviations that no longer happen"


def check_all(exchanges: list[Exchange]) -> tuple[list[str], set[Deviation]]:
    unexpected: list[str] = []
    used: set[Deviation] = set()
    for exchange in exchanges:
        method, template = exchange.operation.split(" ", 1)
        schema = response_schema(method, template, exchange.status, stream=exchange.stream)
        if schema is None:
            continue
        bodies = sse_payloads(exchange.body) if exchange.stream else [json.loads(exchange.body)]
        for body in bodies:
            for violation in violations(body, schema):
                deviation = known(exchange.operation, violation)
                if deviation is None:
                    unexpected.append(f"{exchange.operation} {exchange.status}: {violation.where}: "
                                      f"{violation.message[:300]}")
                else:
                    used.add(deviation)
    return unexpected, used


def known(operation: str, violation: Violation) -> Deviation | None:
    return next((deviation for deviation in DEVIATIONS if deviation.covers(operation, violation)), None)
