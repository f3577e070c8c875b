"""Structured Outputs' strict-schema rules: the first broken rule, worded and located as the real API does."""

from __future__ import annotations

from typing import Any

import pytest

from mockserver.core.errors import InvalidRequest
from mockserver.services.strict_schemas import check_strict_schema

STRING = {"type": "string"}


def closed(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An object schema that follows the rules: every property required, no additional properties."""
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False, **extra}


def problem(schema: Any, *, fine_tuned: bool = False) -> str | None:
    try:
        check_strict_schema(schema, subject="response_format 'reply'", param="response_format", fine_tuned=fine_tuned)
    except InvalidRequest as error:
        assert (error.param, error.code) == ("response_format", "invalid_json_schema")
        return error.message.removeprefix("Invalid schema for response_format 'reply': ")
    return None


VALID = {
    "flat": closed({"city": STRING, "population": {"type": "integer"}}),
    "nested": closed({"place": closed({"city": STRING}), "tags": {"type": "array", "items": STRING}}),
    "array_of_objects": closed({"rows": {"type": "array", "items": closed({"a": STRING})}}),
    "nullable_via_any_of": closed({"note": {"anyOf": [STRING, {"type": "null"}]}}),
    "defs_and_refs": closed({"step": {"$ref": "#/$defs/step"}}, **{"$defs": {"step": closed({"text": STRING})}}),
    "empty_object": closed({}),
    "constraints_on_a_base_model": closed({"code": {"type": "string", "pattern": "^[A-Z]+$", "maxLength": 5}}),
}


@pytest.mark.parametrize("schema", list(VALID.values()), ids=list(VALID))
def test_schema_following_the_rules_passes(schema: dict[str, Any]) -> None:
    assert problem(schema) is None


MISSING = "'required' is required to be supplied and to be an array including every key in properties."
INVALID: dict[str, tuple[Any, str]] = {
    "root_array": ({"type": "array", "items": STRING},
                   "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"array\"'."),
    "root_any_of": ({"anyOf": [closed({})]},
                    "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'."),
    "root_open": ({"type": "object", "properties": {"a": STRING}, "required": ["a"]},
                  "In context=(), 'additionalProperties' is required to be supplied and to be false."),
    "additional_properties_true": ({**closed({"a": STRING}), "additionalProperties": True},
                                   "In context=(), 'additionalProperties' is required to be supplied and to be false."),
    "nested_open": (closed({"place": {"type": "object", "properties": {"city": STRING}, "required": ["city"]}}),
                    "In context=('properties', 'place'), 'additionalProperties' is required to be supplied and to be "
                    "false."),
    "optional_property": ({**closed({"a": STRING, "b": STRING}), "required": ["a"]},
                          f"In context=(), {MISSING} Missing 'b'."),
    "no_required": ({"type": "object", "properties": {"a": STRING}, "additionalProperties": False},
                    f"In context=(), {MISSING} Missing 'a'."),
    "optional_in_array_items": (
        closed({"rows": {"type": "array",
                         "items": {**closed({"name": STRING, "roles": STRING}), "required": ["name"]}}}),
        f"In context=('properties', 'rows', 'items'), {MISSING} Missing 'roles'."),
    "extra_required": ({**closed({"a": STRING}), "required": ["a", "b"]},
                       f"In context=(), {MISSING} Extra required key 'b' supplied."),
    "all_of": (closed({"a": {"allOf": [STRING]}}), "In context=('properties', 'a'), 'allOf' is not permitted."),
    "property_names": (closed({"a": {"type": "object", "propertyNames": STRING, "additionalProperties": False}}),
                       "In context=('properties', 'a'), 'propertyNames' is not permitted."),
    "in_defs": (closed({}, **{"$defs": {"step": {"type": "object", "properties": {}}}}),
                "In context=('$defs', 'step'), 'additionalProperties' is required to be supplied and to be false."),
    "in_any_of": (closed({"a": {"anyOf": [STRING, {"type": "object", "properties": {}}]}}),
                  "In context=('properties', 'a', 'anyOf', '1'), 'additionalProperties' is required to be supplied "
                  "and to be false."),
}


@pytest.mark.parametrize(("schema", "message"), list(INVALID.values()), ids=list(INVALID))
def test_schema_breaking_a_rule_is_rejected_naming_where(schema: Any, message: str) -> None:
    assert problem(schema) == message


@pytest.mark.parametrize("keyword", ["minLength", "maxLength", "pattern", "format"])
def test_string_constraints_are_refused_for_fine_tuned_models(keyword: str) -> None:
    schema = closed({"code": {"type": "string", keyword: "x"}})
    assert problem(schema) is None
    assert problem(schema, fine_tuned=True) == f"In context=('properties', 'code'), '{keyword}' is not permitted."
