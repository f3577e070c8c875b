"""Structured Outputs' rules for a strict JSON schema (`strict: true`), as the real API's 400s word them.

The real API enforces a strict schema while generating, so it accepts only the subset of JSON Schema
it can enforce: the root is an object; every object sets `additionalProperties: false` and lists every
property in `required`; composition keywords (`allOf`, `not`, `if`/`then`/`else`, …) are refused, and
for fine-tuned models the value constraints (`minLength`, `pattern`, `minimum`, `minItems`, …) too.
A problem is reported with the path of the schema node, as Python writes a tuple:
`Invalid schema for response_format 'reply': In context=('properties', 'city'), 'additionalProperties'
is required to be supplied and to be false.`
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mockserver.core.errors import InvalidRequest

UNSUPPORTED = (
    "allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "propertyNames",
    "unevaluatedProperties", "minProperties", "maxProperties", "unevaluatedItems", "contains", "minContains",
    "maxContains", "uniqueItems",
)
UNSUPPORTED_FOR_FINE_TUNED = (
    "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "multipleOf", "patternProperties",
    "minItems", "maxItems",
)
SCHEMA_MAPS = ("properties", "$defs", "definitions")  # keyword → {name: schema}
Path = tuple[str, ...]


def check_strict_schema(schema: Any, *, subject: str, param: str, fine_tuned: bool) -> None:
    """400 `invalid_json_schema` for the first rule `schema` breaks; `subject` is e.g. `response_format 'reply'`."""
    problem = root_problem(schema) or next(problems(schema, (), fine_tuned=fine_tuned), None)
    if problem is not None:
        raise InvalidRequest(f"Invalid schema for {subject}: {problem}.", param=param, code="invalid_json_schema")


def root_problem(schema: Any) -> str | None:
    kind = schema.get("type") if isinstance(schema, dict) else None
    if kind != "object":
        return f"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{kind}\"'"
    return None


def problems(node: Any, path: Path, *, fine_tuned: bool) -> Iterator[str]:
    """Each rule broken by `node` and the schemas inside it, in document order, as `In context=…, …`."""
    if not isinstance(node, dict):
        return
    refused = UNSUPPORTED + (UNSUPPORTED_FOR_FINE_TUNED if fine_tuned else ())
    for key in node:
        if key in refused:
            yield _at(path, f"'{key}' is not permitted")
    if _is_object(node):
        yield from _object_problems(node, path)
    for key, value in node.items():
        if key in SCHEMA_MAPS and isinstance(value, dict):
            for name, child in value.items():
                yield from problems(child, (*path, key, name), fine_tuned=fine_tuned)
        elif key == "items":
            yield from problems(value, (*path, key), fine_tuned=fine_tuned)
        elif key == "anyOf" and isinstance(value, list):
            for index, child in enumerate(value):
                yield from problems(child, (*path, key, str(index)), fine_tuned=fine_tuned)


def _is_object(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    return kind == "object" or (isinstance(kind, list) and "object" in kind) or "properties" in node


def _object_problems(node: dict[str, Any], path: Path) -> Iterator[str]:
    if node.get("additionalProperties") is not False:
        yield _at(path, "'additionalProperties' is required to be supplied and to be false")
    properties = node.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    required = node.get("required")
    required = required if isinstance(required, list) else []
    rule = "'required' is required to be supplied and to be an array including every key in properties."
    missing = [key for key in properties if key not in required]
    if missing:
        yield _at(path, f"{rule} Missing {', '.join(repr(key) for key in missing)}")
    extra = [key for key in required if key not in properties]
    if extra:
        yield _at(path, f"{rule} Extra required key {extra[0]!r} supplied")


def _at(path: Path, reason: str) -> str:
    return f"In context={path!r}, {reason}"
