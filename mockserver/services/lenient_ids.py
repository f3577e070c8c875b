"""`--lenient-ids`: an unknown id of a served resource answers with a placeholder object instead of a 404.

For clients' generated test suites (openai-python's tests/api_resources calls every method with ids such as
"file-abc123"). The ONE place this happens: when a lookup of a served route fails with a 404, the route's entry
in PLACEHOLDERS builds what the call would answer for an object in a sensible state (a processed fine-tune file,
a succeeded job with its model, a fine-tuned model owned by the caller, a stored chat completion or response).
The failed call has stored nothing, and a placeholder is never stored: the next call resolves the id afresh.

A file id in a request's BODY (a job's training file, a batch's input file) is the other case: services/
input_files.py reads such files, and stands in a placeholder file (its content from here) for an unknown id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mockserver.core.ids import BASE62, ID_SHAPES
from mockserver.simulator.batches import PHASE_TIMES

PLACEHOLDER_BASE_MODEL = "gpt-4o-mini-2024-07-18"
PLACEHOLDER_TEXT = "This is a placeholder answer (mockserver --lenient-ids)."
PLACEHOLDER_TRAINING_LINE = (
    b'{"messages": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi!"}]}\n'
)
PLACEHOLDER_PROMPT_COMPLETION_LINE = b'{"prompt": "Hello", "completion": " Hi!"}\n'
PLACEHOLDER_EXAMPLES = 10  # the fewest a training file may hold: a job on the placeholder file succeeds
PLACEHOLDER_TRAINING_FILE = PLACEHOLDER_TRAINING_LINE * PLACEHOLDER_EXAMPLES
PLACEHOLDER_COMPLETIONS_MODEL = "gpt-3.5-turbo-instruct"
# A batch input file's one request, per endpoint served in batches: what its placeholder file holds.
PLACEHOLDER_BATCH_BODIES: dict[str, dict[str, Any]] = {
    "/v1/chat/completions": {"model": PLACEHOLDER_BASE_MODEL, "messages": [{"role": "user", "content": "Hello"}]},
    "/v1/responses": {"model": PLACEHOLDER_BASE_MODEL, "input": "Hello"},
    "/v1/completions": {"model": PLACEHOLDER_COMPLETIONS_MODEL, "prompt": "Hello"},
}


@dataclass(frozen=True)
class Lookup:
    """The failed call's path parameters, and the time. (Its body is not at hand: the route has read it.)"""

    params: dict[str, str]
    now: int
    organization_id: str


def derived_id(kind: str, source: str) -> str:
    """An id of `kind` derived from `source`: the same placeholder every time, and no draw from the
    (possibly seeded) id factory, so a seeded run's real ids do not depend on placeholder calls."""
    prefix, length = ID_SHAPES[kind]
    number = int.from_bytes(hashlib.sha256(f"{kind}:{source}".encode()).digest(), "big")
    characters = []
    for _ in range(length):
        number, digit = divmod(number, len(BASE62))
        characters.append(BASE62[digit])
    return prefix + "".join(characters)


def fine_tuned_model(source: str, organization_id: str) -> str:
    organization = organization_id.removeprefix("org-")
    return f"ft:{PLACEHOLDER_BASE_MODEL}:{organization}::{derived_id('model_suffix', source)}"


def file_object(file_id: str, lookup: Lookup) -> dict[str, Any]:
    return {"object": "file", **file_row(file_id, "fine-tune", PLACEHOLDER_TRAINING_FILE, lookup.now)}


def file_row(file_id: str, purpose: str, content: bytes, now: int) -> dict[str, Any]:
    """A placeholder file's metadata, as the store's row of a processed upload holding `content`."""
    return {"id": file_id, "bytes": len(content), "created_at": now, "expires_at": None,
            "filename": "placeholder.jsonl", "purpose": purpose, "status": "processed", "status_details": None}


def training_file(training_format: str | None) -> bytes:
    """A placeholder training file in the job's model's format (chat when unknown)."""
    line = PLACEHOLDER_PROMPT_COMPLETION_LINE if training_format == "prompt_completion" else PLACEHOLDER_TRAINING_LINE
    return line * PLACEHOLDER_EXAMPLES


def batch_input_file(endpoint: str) -> bytes:
    """A placeholder batch input file: one request to `endpoint` (an endpoint not served in batches gets the
    chat request, which the batch's own checks refuse as they would any file)."""
    body = PLACEHOLDER_BATCH_BODIES.get(endpoint, PLACEHOLDER_BATCH_BODIES["/v1/chat/completions"])
    request = {"custom_id": "placeholder-1", "method": "POST", "url": endpoint, "body": body}
    return json.dumps(request).encode() + b"\n"


def deleted(object_id: str, kind: str) -> dict[str, Any]:
    return {"id": object_id, "object": kind, "deleted": True}


def upload_object(upload_id: str, status: str, lookup: Lookup) -> dict[str, Any]:
    completed = status == "completed"
    file = file_object(derived_id("file", upload_id), lookup) if completed else None
    return {"id": upload_id, "object": "upload", "bytes": len(PLACEHOLDER_TRAINING_FILE), "created_at": lookup.now,
            "expires_at": lookup.now + 3600, "filename": "placeholder.jsonl", "purpose": "fine-tune",
            "status": status, "file": file}


def upload_part(lookup: Lookup) -> dict[str, Any]:
    upload_id = lookup.params["upload_id"]
    return {"id": derived_id("part", upload_id), "object": "upload.part", "created_at": lookup.now,
            "upload_id": upload_id}


def job_object(job_id: str, status: str, lookup: Lookup) -> dict[str, Any]:
    hyperparameters = {"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 1.0}
    finished = status in ("succeeded", "cancelled")
    return {
        "id": job_id, "object": "fine_tuning.job", "created_at": lookup.now, "error": None,
        "fine_tuned_model": fine_tuned_model(job_id, lookup.organization_id) if status == "succeeded" else None,
        "finished_at": lookup.now if finished else None, "hyperparameters": hyperparameters,
        "model": PLACEHOLDER_BASE_MODEL, "organization_id": lookup.organization_id, "result_files": [],
        "seed": 0, "status": status, "trained_tokens": 0 if status == "succeeded" else None,
        "training_file": derived_id("file", job_id), "validation_file": None, "estimated_finish": None,
        "integrations": [], "metadata": None,
        "method": {"type": "supervised", "supervised": {"hyperparameters": hyperparameters}},
    }


def job_events(lookup: Lookup) -> dict[str, Any]:
    job_id = lookup.params["job_id"]
    event = {"id": derived_id("event", job_id), "object": "fine_tuning.job.event", "created_at": lookup.now,
             "level": "info", "message": "The job has successfully completed", "type": "message", "data": {}}
    return {"object": "list", "data": [event], "has_more": False}


def job_checkpoints(lookup: Lookup) -> dict[str, Any]:
    job_id = lookup.params["job_id"]
    checkpoint = {"id": derived_id("checkpoint", job_id), "object": "fine_tuning.job.checkpoint",
                  "created_at": lookup.now, "fine_tuned_model_checkpoint": fine_tuned_model(job_id,
                                                                                            lookup.organization_id),
                  "fine_tuning_job_id": job_id, "metrics": {"step": 1.0, "train_loss": 0.5}, "step_number": 1}
    return {"object": "list", "data": [checkpoint], "has_more": False, "first_id": checkpoint["id"],
            "last_id": checkpoint["id"]}


def permissions_created(lookup: Lookup) -> dict[str, Any]:
    checkpoint = lookup.params["checkpoint"]
    permission = {"id": derived_id("permission", checkpoint), "object": "checkpoint.permission",
                  "created_at": lookup.now, "project_id": derived_id("project", checkpoint)}
    return {"object": "list", "data": [permission], "has_more": False, "first_id": permission["id"],
            "last_id": permission["id"]}


def empty_list() -> dict[str, Any]:
    return {"object": "list", "data": [], "has_more": False, "first_id": None, "last_id": None}


def model_object(lookup: Lookup) -> dict[str, Any]:
    return {"id": lookup.params["model"], "object": "model", "created": lookup.now,
            "owned_by": lookup.organization_id.removeprefix("org-")}


def chat_completion(lookup: Lookup) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": PLACEHOLDER_TEXT, "refusal": None, "annotations": []}
    usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    return {"id": lookup.params["completion_id"], "object": "chat.completion", "created": lookup.now,
            "model": PLACEHOLDER_BASE_MODEL, "metadata": {}, "usage": usage,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}]}


def chat_messages(lookup: Lookup) -> dict[str, Any]:
    message_id = f"{lookup.params['completion_id']}-0"
    # The SDK types every stored message as the assistant's (ChatCompletionStoreMessage).
    message: dict[str, Any] = {"id": message_id, "role": "assistant", "content": PLACEHOLDER_TEXT, "refusal": None,
               "annotations": [], "content_parts": None}
    return {"object": "list", "data": [message], "has_more": False, "first_id": message_id, "last_id": message_id}


def response_object(lookup: Lookup, status: str = "completed") -> dict[str, Any]:
    response_id = lookup.params["response_id"]
    text = {"type": "output_text", "annotations": [], "logprobs": [], "text": PLACEHOLDER_TEXT}
    output = [{"id": derived_id("message", response_id), "type": "message", "status": "completed",
               "content": [text], "role": "assistant"}]
    return {
        "id": response_id, "object": "response", "created_at": lookup.now, "status": status, "background": False,
        "error": None, "incomplete_details": None, "instructions": None, "max_output_tokens": None,
        "completed_at": lookup.now if status == "completed" else None, "max_tool_calls": None,
        "model": PLACEHOLDER_BASE_MODEL, "output": output, "parallel_tool_calls": True,
        "previous_response_id": None, "prompt_cache_key": None, "prompt_cache_retention": None,
        "reasoning": {"effort": None, "summary": None}, "safety_identifier": None, "service_tier": "default",
        "store": True, "temperature": 1.0, "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto", "tools": [], "top_logprobs": 0, "top_p": 1.0, "truncation": "disabled",
        "user": None, "metadata": {},
        "usage": {"input_tokens": 1, "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                  "output_tokens": 1,
                  "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 2},
    }


def response_input_items(lookup: Lookup) -> dict[str, Any]:
    item_id = derived_id("message", f"input:{lookup.params['response_id']}")
    item = {"id": item_id, "type": "message", "role": "user", "status": "completed",
            "content": [{"type": "input_text", "text": "Hello"}]}
    return {"object": "list", "data": [item], "has_more": False, "first_id": item_id, "last_id": item_id}


def batch_object(lookup: Lookup, status: str) -> dict[str, Any]:
    batch_id = lookup.params["batch_id"]
    finished = {"completed": "completed_at", "cancelled": "cancelled_at"}
    times: dict[str, int | None] = dict.fromkeys(PHASE_TIMES)
    times[finished[status]] = lookup.now
    usage = {"input_tokens": 1, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 1,
             "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 2}
    return {"id": batch_id, "object": "batch", "endpoint": "/v1/chat/completions", "model": PLACEHOLDER_BASE_MODEL,
            "errors": None, "input_file_id": derived_id("file", batch_id), "completion_window": "24h",
            "status": status, "output_file_id": derived_id("file", f"output:{batch_id}") if status == "completed"
            else None, "error_file_id": None, "created_at": lookup.now, "expires_at": lookup.now + 86_400,
            **times, "request_counts": {"completed": 1 if status == "completed" else 0, "failed": 0, "total": 1},
            "usage": usage, "metadata": None}


Placeholder = Callable[[Lookup], dict[str, Any]]

# (method, route path) -> what that call answers for an unknown id. Routes absent here keep their 404.
PLACEHOLDERS: dict[tuple[str, str], Placeholder] = {
    ("GET", "/v1/files/{file_id}"): lambda lookup: file_object(lookup.params["file_id"], lookup),
    ("DELETE", "/v1/files/{file_id}"): lambda lookup: deleted(lookup.params["file_id"], "file"),
    ("POST", "/v1/uploads/{upload_id}/parts"): upload_part,
    ("POST", "/v1/uploads/{upload_id}/complete"):
        lambda lookup: upload_object(lookup.params["upload_id"], "completed", lookup),
    ("POST", "/v1/uploads/{upload_id}/cancel"):
        lambda lookup: upload_object(lookup.params["upload_id"], "cancelled", lookup),
    ("GET", "/v1/fine_tuning/jobs/{job_id}"): lambda lookup: job_object(lookup.params["job_id"], "succeeded", lookup),
    ("POST", "/v1/fine_tuning/jobs/{job_id}/cancel"):
        lambda lookup: job_object(lookup.params["job_id"], "cancelled", lookup),
    ("POST", "/v1/fine_tuning/jobs/{job_id}/pause"):
        lambda lookup: job_object(lookup.params["job_id"], "paused", lookup),
    ("POST", "/v1/fine_tuning/jobs/{job_id}/resume"):
        lambda lookup: job_object(lookup.params["job_id"], "running", lookup),
    ("GET", "/v1/fine_tuning/jobs/{job_id}/events"): job_events,
    ("GET", "/v1/fine_tuning/jobs/{job_id}/checkpoints"): job_checkpoints,
    ("POST", "/v1/fine_tuning/checkpoints/{checkpoint}/permissions"): permissions_created,
    ("GET", "/v1/fine_tuning/checkpoints/{checkpoint}/permissions"): lambda lookup: empty_list(),
    ("DELETE", "/v1/fine_tuning/checkpoints/{checkpoint}/permissions/{permission_id}"):
        lambda lookup: deleted(lookup.params["permission_id"], "checkpoint.permission"),
    ("GET", "/v1/models/{model:path}"): model_object,
    ("DELETE", "/v1/models/{model:path}"): lambda lookup: deleted(lookup.params["model"], "model"),
    ("GET", "/v1/chat/completions/{completion_id}"): chat_completion,
    ("POST", "/v1/chat/completions/{completion_id}"): chat_completion,
    ("DELETE", "/v1/chat/completions/{completion_id}"):
        lambda lookup: deleted(lookup.params["completion_id"], "chat.completion.deleted"),
    ("GET", "/v1/chat/completions/{completion_id}/messages"): chat_messages,
    ("GET", "/v1/responses/{response_id}"): response_object,
    ("DELETE", "/v1/responses/{response_id}"): lambda lookup: deleted(lookup.params["response_id"], "response"),
    ("POST", "/v1/responses/{response_id}/cancel"): lambda lookup: response_object(lookup, "cancelled"),
    ("GET", "/v1/responses/{response_id}/input_items"): response_input_items,
    ("GET", "/v1/batches/{batch_id}"): lambda lookup: batch_object(lookup, "completed"),
    ("POST", "/v1/batches/{batch_id}/cancel"): lambda lookup: batch_object(lookup, "cancelled"),
}

# Bodies that are not JSON objects.
PLACEHOLDER_CONTENT: dict[tuple[str, str], bytes] = {
    ("GET", "/v1/files/{file_id}/content"): PLACEHOLDER_TRAINING_FILE,
}


def placeholder(method: str, route_path: str, lookup: Lookup) -> dict[str, Any] | None:
    """What the call answers for an unknown id, or None when the route has no placeholder (a real 404)."""
    build = PLACEHOLDERS.get((method, route_path))
    return build(lookup) if build is not None else None


def placeholder_content(method: str, route_path: str) -> bytes | None:
    return PLACEHOLDER_CONTENT.get((method, route_path))
