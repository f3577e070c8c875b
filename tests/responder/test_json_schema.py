"""Values built for JSON Schemas validate (checked with the jsonschema library) and use the hint."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from mockserver.responder.json_schema import instance_for

HINT = "It is 10 °C in Paris."

SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "string_lengths": {"type": "string", "minLength": 40, "maxLength": 45},
    "string_short": {"type": "string", "maxLength": 3},
    "string_enum": {"type": "string", "enum": ["cold", "warm", "hot"]},
    "const": {"const": {"fixed": [1, 2]}},
    "date": {"type": "string", "format": "date"},
    "date_time": {"type": "string", "format": "date-time"},
    "email": {"type": "string", "format": "email"},
    "uri": {"type": "string", "format": "uri"},
    "uuid": {"type": "string", "format": "uuid"},
    "ipv4": {"type": "string", "format": "ipv4"},
    "pattern": {"type": "string", "pattern": "^[A-Z]{3}-\\d{2}$"},
    "pattern_with_length": {"type": "string", "pattern": "^[a-z]+$", "minLength": 5},
    "pattern_alternation": {"type": "string", "pattern": "^(red|green)#[0-9a-f]{6}$"},
    "integer": {"type": "integer"},
    "integer_bounds": {"type": "integer", "minimum": 100, "maximum": 120, "multipleOf": 7},
    "integer_exclusive": {"type": "integer", "exclusiveMinimum": 10, "exclusiveMaximum": 12},
    "number_fraction_grid": {"type": "number", "minimum": 0.07, "multipleOf": 0.01},
    "number_open_interval": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0.5},
    "number_negative": {"type": "number", "maximum": -3.5},
    "boolean": {"type": "boolean"},
    "null": {"type": "null"},
    "type_list": {"type": ["null", "integer"]},
    "nullable_string": {"type": ["string", "null"], "maxLength": 4},
    "object_strict": {
        "type": "object",
        "properties": {"answer": {"type": "string"}, "celsius": {"type": "number"}, "ok": {"type": "boolean"}},
        "required": ["answer", "celsius", "ok"], "additionalProperties": False,
    },
    "object_required_not_listed": {"type": "object", "required": ["a", "b"],
                                   "additionalProperties": {"type": "integer"}},
    "object_min_properties": {"type": "object", "minProperties": 3, "additionalProperties": {"type": "string"}},
    "object_max_properties": {"type": "object", "maxProperties": 1, "required": ["b"],
                              "properties": {"a": {"type": "string"}, "b": {"type": "string"}}},
    "object_implied": {"properties": {"x": {"minimum": 5}}, "required": ["x"]},
    "array": {"type": "array", "items": {"type": "string"}},
    "array_bounds": {"type": "array", "items": {"type": "integer"}, "minItems": 3, "maxItems": 4,
                     "uniqueItems": True},
    "array_unique_enum": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "minItems": 3, "uniqueItems": True},
    "array_unique_objects": {"type": "array", "minItems": 2, "uniqueItems": True,
                             "items": {"type": "object", "properties": {"id": {"type": "integer"}},
                                       "required": ["id"]}},
    "array_empty_allowed": {"type": "array", "maxItems": 0},
    "prefix_items": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}],
                     "items": False, "minItems": 2},
    "contains": {"type": "array", "contains": {"type": "integer", "minimum": 5}, "items": {"type": "integer"}},
    "any_of": {"anyOf": [{"type": "null"}, {"type": "string", "minLength": 2}]},
    "one_of": {"oneOf": [{"type": "integer", "minimum": 100}, {"type": "string"}]},
    "all_of": {"allOf": [{"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
                         {"properties": {"b": {"type": "boolean"}}, "required": ["b"]}]},
    "ref_defs": {"$defs": {"city": {"type": "object", "properties": {"name": {"type": "string"}},
                                    "required": ["name"], "additionalProperties": False}},
                 "type": "object", "properties": {"cities": {"type": "array", "items": {"$ref": "#/$defs/city"},
                                                             "minItems": 2}},
                 "required": ["cities"]},
    "recursive": {"$defs": {"node": {"type": "object", "properties": {
        "name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
        "required": ["name", "children"], "additionalProperties": False}}, "$ref": "#/$defs/node"},
    "recursive_root": {"type": "object", "properties": {"next": {"anyOf": [{"$ref": "#"}, {"type": "null"}]}},
                       "required": ["next"]},
    "nested": {"type": "object", "required": ["outer"], "properties": {"outer": {
        "type": "object", "required": ["inner"], "properties": {"inner": {
            "type": "array", "minItems": 1, "items": {"type": "object", "required": ["v"],
                                                       "properties": {"v": {"type": "integer", "minimum": 1}}}}}}}},
    "empty": {},
}
DRAFT7_SCHEMAS: dict[str, dict[str, Any]] = {
    "definitions": {"$schema": "http://json-schema.org/draft-07/schema#",
                    "definitions": {"unit": {"enum": ["celsius", "fahrenheit"]}},
                    "type": "object", "properties": {"unit": {"$ref": "#/definitions/unit"}}, "required": ["unit"]},
    "tuple_items": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array",
                    "items": [{"type": "string"}, {"type": "number"}], "additionalItems": False, "minItems": 2},
}
DRAFT4_SCHEMAS: dict[str, dict[str, Any]] = {
    "boolean_exclusive": {"$schema": "http://json-schema.org/draft-04/schema#", "type": "number",
                          "minimum": 0, "exclusiveMinimum": True, "maximum": 1, "exclusiveMaximum": True},
}


def assert_valid(value: Any, schema: dict[str, Any]) -> None:
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(value)


@pytest.mark.parametrize("schema", [*SCHEMAS.values(), *DRAFT7_SCHEMAS.values(), *DRAFT4_SCHEMAS.values()],
                         ids=[*SCHEMAS, *DRAFT7_SCHEMAS, *DRAFT4_SCHEMAS])
def test_instance_for_schema_validates(schema: dict[str, Any]) -> None:
    assert_valid(instance_for(schema, hint=HINT), schema)


@pytest.mark.parametrize("schema", SCHEMAS.values(), ids=SCHEMAS)
def test_instance_for_schema_with_empty_hint_validates(schema: dict[str, Any]) -> None:
    assert_valid(instance_for(schema, hint=""), schema)


@pytest.mark.parametrize("schema", SCHEMAS.values(), ids=SCHEMAS)
def test_instance_for_schema_is_the_same_each_time(schema: dict[str, Any]) -> None:
    assert instance_for(schema, hint=HINT) == instance_for(schema, hint=HINT)


def test_instance_for_string_is_the_hint() -> None:
    assert instance_for({"type": "string"}, hint=HINT) == HINT


def test_instance_for_string_with_max_length_cuts_the_hint() -> None:
    assert instance_for({"type": "string", "maxLength": 5}, hint=HINT) == "It is"


def test_instance_for_number_takes_the_hints_number() -> None:
    assert instance_for({"type": "integer"}, hint=HINT) == 10


def test_instance_for_enum_prefers_the_option_the_hint_names() -> None:
    assert instance_for({"enum": ["sunny", "rainy"]}, hint="Rainy all day.") == "rainy"


def test_instance_for_boolean_reads_a_negative_hint() -> None:
    assert instance_for({"type": "boolean"}, hint="No, never.") is False


def test_instance_for_json_hint_keeps_its_fitting_values() -> None:
    schema = SCHEMAS["object_strict"]
    value = instance_for(schema, hint='{"answer": "Paris", "celsius": 10.5, "ok": "yes", "extra": 1}')
    assert value == {"answer": "Paris", "celsius": 10.5, "ok": True}
    assert_valid(value, schema)


def test_instance_for_recursive_schema_stops_at_the_second_level() -> None:
    assert instance_for(SCHEMAS["recursive"], hint="x") == {"name": "x", "children": [{"name": "x", "children": []}]}


def test_instance_for_remote_ref_raises() -> None:
    with pytest.raises(ValueError, match="Only local"):
        instance_for({"$ref": "https://example.com/schema.json"}, hint="")


def test_instance_for_recursive_any_of_ends_with_the_null_branch() -> None:
    assert instance_for(SCHEMAS["recursive_root"], hint="x") == {"next": {"next": {"next": None}}}
