"""OpenAI's OpenAPI spec as JSON Schema Draft 2020-12: find an operation's response schema, validate a body."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SPEC_NAME = Path("shared", "openapi", "openai-openapi.yaml")
# `../shared/` beside the repository; a git worktree one level deeper (`wt/NAME`) finds it one folder up.
SPEC_PATH = next((folder / SPEC_NAME for folder in ROOT.parents if (folder / SPEC_NAME).exists()),
                 ROOT.parent / SPEC_NAME)
SPEC_URI = "urn:openai-openapi"
ERROR_SCHEMA = "#/components/schemas/ErrorResponse"
# Server-sent events: each `data:` frame is one of these (the operation's own schema is for the JSON body).
STREAM_SCHEMAS = {
    ("post", "/chat/completions"): "#/components/schemas/CreateChatCompletionStreamResponse",
    ("post", "/responses"): "#/components/schemas/ResponseStreamEvent",
    ("post", "/completions"): "#/components/schemas/CreateCompletionResponse",  # one shape for both, says the spec
}


# A test against the spec is skipped, saying where the spec belongs, in a clone that has none beside it (before its
# fixtures start a server).
needs_spec = pytest.mark.skipif(not SPEC_PATH.is_file(),
                                reason=f"OpenAI's OpenAPI spec is not beside the repository: tests need {SPEC_PATH}")


def nullable_to_union(node: Any) -> Any:
    """OpenAPI 3.0's `nullable: true` as Draft 2020-12 says it: `null` in the type (and enum), or an anyOf."""
    if isinstance(node, list):
        return [nullable_to_union(item) for item in node]
    if not isinstance(node, dict):
        return node
    schema = {key: nullable_to_union(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is not True:
        return schema
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        return schema
    return {"anyOf": [schema, {"type": "null"}]} if schema else schema


@functools.cache
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as stream:
        loaded: dict[str, Any] = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    normalised: dict[str, Any] = nullable_to_union(loaded)
    return normalised


@functools.cache
def registry() -> Registry[Any]:
    resource: Resource[Any] = DRAFT202012.create_resource(spec())
    specs: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return specs


def pointer(*parts: str) -> str:
    """A JSON pointer fragment into the spec, each part escaped."""
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@functools.cache
def path_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each spec path as a regex; paths with fewer parameters first, so a literal segment wins."""
    paths = [path for path in spec()["paths"] if "?" not in path]
    paths.sort(key=lambda path: path.count("{"))
    return [(re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"), path) for path in paths]


def spec_path(request_path: str) -> str:
    """The spec's path template for a request path (`/v1/...`)."""
    path = request_path.removeprefix("/v1")
    for pattern, template in path_patterns():
        if pattern.match(path):
            return template
    raise LookupError(f"no operation in the spec for {request_path}")


def response_schema(method: str, template: str, status: int, *, stream: bool) -> str | None:
    """The pointer to the schema a response must follow: the operation's, else the error envelope; None when the
    spec gives a success no JSON body (e.g. `DELETE /responses/{response_id}`)."""
    method = method.lower()
    if stream and status == 200:
        return STREAM_SCHEMAS[(method, template)]
    responses = spec()["paths"][template][method]["responses"]
    entry = responses.get(str(status)) or responses.get("default")
    if entry is None or "application/json" not in entry.get("content", {}):
        if status >= 400:
            return ERROR_SCHEMA
        return None
    return pointer("paths", template, method, "responses", str(status) if str(status) in responses else "default",
                   "content", "application/json", "schema")


@dataclass(frozen=True)
class Violation:
    """Where a body breaks its schema: the JSON path in the body and the validator's message."""

    where: str
    message: str


def violations(body: Any, schema_pointer: str) -> list[Violation]:
    """Every leaf error of the body against the schema (anyOf/oneOf branches flattened to their best match)."""
    validator = jsonschema.Draft202012Validator({"$ref": SPEC_URI + schema_pointer}, registry=registry())
    return [Violation(error.json_path, error.message) for error in leaf_errors(validator.iter_errors(body))]


def leaf_errors(errors: Iterable[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """The errors that say what is wrong: inside an anyOf/oneOf, those of the branch whose `type` matched."""
    for error in errors:
        if not error.context:
            yield error
            continue
        branches: dict[Any, list[jsonschema.ValidationError]] = {}
        for inner in error.context:
            branches.setdefault(inner.relative_schema_path[0], []).append(inner)
        matching = [found for found in branches.values() if not any(list(e.relative_path) == ["type"] for e in found)]
        if len(matching) == 1:
            yield from leaf_errors(matching[0])
        else:
            yield jsonschema.exceptions.best_match(error.context)


def sse_payloads(text: str) -> list[Any]:
    """The JSON of each `data:` frame of a server-sent event stream, without the final `[DONE]`."""
    payloads = []
    for line in text.splitlines():
        if line.startswith("data:") and line[5:].strip() != "[DONE]":
            payloads.append(json.loads(line[5:]))
    return payloads
