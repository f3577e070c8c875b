"""A deterministic JSON value that validates against a JSON Schema, filled from the model's answer text."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable
from typing import Any

import orjson

from mockserver.responder import regex_sample

MAX_DEPTH = 8  # deeper than this, objects keep only required properties and arrays their minimum
MISSING: Any = object()
FORMATS: dict[str, str] = {
    "date": "2024-01-01", "date-time": "2024-01-01T00:00:00Z", "time": "00:00:00Z",
    "email": "user@example.com", "idn-email": "user@example.com", "hostname": "example.com",
    "idn-hostname": "example.com", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1",
    "uri": "https://example.com/", "iri": "https://example.com/", "url": "https://example.com/",
    "uri-reference": "https://example.com/", "iri-reference": "https://example.com/",
    "uri-template": "https://example.com/{id}", "json-pointer": "/a", "relative-json-pointer": "0",
    "duration": "P1D", "regex": ".*",
}
TYPE_ORDER = ("object", "array", "string", "number", "integer", "boolean", "null")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NEGATIVE = re.compile(r"^\W*(no|not|false|never|nope|不|没|否)", re.IGNORECASE)


def instance_for(schema: dict[str, Any] | bool, *, hint: str) -> Any:
    """A value valid against `schema`: the same schema and hint always give the same value.

    Strings take the hint's text (trimmed or padded to fit); numbers the first number in the hint
    when it fits; when the hint is itself JSON, its values are kept wherever they fit the schema.
    Supported: type (and type lists), const, enum, object (properties, required,
    additionalProperties, min/maxProperties), array (items, prefixItems, min/maxItems,
    uniqueItems, contains), string (min/maxLength, format, pattern), number and integer
    (minimum, maximum, exclusive bounds in both draft styles, multipleOf), boolean, null,
    allOf (merged), anyOf/oneOf (first branch that is not just null), and `$ref` into the same
    document (`#/$defs/…`, `#/definitions/…`, `#`).
    """
    try:
        sample = orjson.loads(hint) if hint.lstrip()[:1] in ("{", "[") else MISSING
    except orjson.JSONDecodeError:
        sample = MISSING
    text = hint.strip() if sample is MISSING else ""
    return _Builder(schema, text).build(schema, sample, depth=0, name="value")


class _Builder:
    def __init__(self, root: dict[str, Any] | bool, text: str, variant: int = 0) -> None:
        self.root = root
        self.text = text
        self.variant = variant  # > 0: build a different value than variant 0 would (for uniqueItems)
        self.active: list[str] = []  # the $refs being built, outermost first

    def build(self, schema: Any, sample: Any, *, depth: int, name: str) -> Any:
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if ref is None:
            return self._build(schema, sample, depth=depth, name=name)
        if ref in self.active:  # recursion: build the smallest valid value from here on
            depth = max(depth, MAX_DEPTH)
        self.active.append(ref)
        try:
            return self._build(schema, sample, depth=depth, name=name)
        finally:
            self.active.pop()

    def _build(self, schema: Any, sample: Any, *, depth: int, name: str) -> Any:
        schema = self.resolve(schema, depth)
        if depth > 4 * MAX_DEPTH:  # a schema that requires itself forever: stop somewhere
            return None
        if schema is True or schema == {}:
            return sample if sample is not MISSING else (self.text or name)
        if not isinstance(schema, dict):
            return None
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self.choose_enum(schema["enum"], sample)
        if "allOf" in schema:
            return self.build(merge_all(schema, [self.resolve(s, depth) for s in schema["allOf"]]), sample,
                              depth=depth + 1, name=name)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                branch = choose_branch(schema[key], deep=depth >= MAX_DEPTH)
                siblings = {k: v for k, v in schema.items() if k != key}
                return self.build(merge_all(siblings, [branch]), sample, depth=depth + 1, name=name)
        kind = type_of(schema, sample)
        if kind == "object":
            return self.object(schema, sample, depth, name)
        if kind == "array":
            return self.array(schema, sample, depth, name)
        if kind in ("number", "integer"):
            return number_for(schema, integer=kind == "integer", sample=sample, text=self.text, variant=self.variant)
        if kind == "boolean":
            return sample if isinstance(sample, bool) else (not _NEGATIVE.search(self.text)) != bool(self.variant % 2)
        if kind == "null":
            return None
        return self.string(schema, sample, name)

    def resolve(self, schema: Any, depth: int) -> Any:
        """Follow `$ref`s into this document (siblings of a `$ref` are kept, as in draft 2019-09+)."""
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 32:
            target = pointer(self.root, schema["$ref"])
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = merge_all(siblings, [target]) if siblings else target
            seen += 1
        return schema

    def choose_enum(self, options: list[Any], sample: Any) -> Any:
        if sample is not MISSING and sample in options and not self.variant:
            return sample
        lowered = self.text.casefold()
        for option in options if not self.variant else []:
            if isinstance(option, str) and option and option.casefold() in lowered:
                return option
        return options[self.variant % len(options)] if options else None

    def object(self, schema: dict[str, Any], sample: Any, depth: int, name: str) -> dict[str, Any]:
        properties: dict[str, Any] = schema.get("properties") or {}
        required = list(schema.get("required") or [])
        given = sample if isinstance(sample, dict) else {}
        names = list(properties) if depth < MAX_DEPTH else [p for p in properties if p in required]
        names += [p for p in required if p not in names]
        limit = schema.get("maxProperties")
        if limit is not None and len(names) > limit:
            names = [p for p in names if p in required] + [p for p in names if p not in required]
            names = names[:max(limit, len(required))]
        extra = schema.get("additionalProperties", True)
        result: dict[str, Any] = {}
        for prop in names:
            sub = properties.get(prop, extra if isinstance(extra, dict) else {})
            result[prop] = self.build(sub, given.get(prop, MISSING), depth=depth + 1, name=prop)
        index = 1
        while len(result) < schema.get("minProperties", 0) and extra is not False:
            key = f"{name}_{index}"
            if key not in result:
                result[key] = self.build(extra if isinstance(extra, dict) else {}, MISSING, depth=depth + 1, name=key)
            index += 1
        return result

    def array(self, schema: dict[str, Any], sample: Any, depth: int, name: str) -> list[Any]:
        prefix = schema.get("prefixItems")
        items = schema.get("items", {})
        if isinstance(items, list):  # draft 4-7 tuple form
            prefix, items = items, schema.get("additionalItems", {})
        prefix = prefix or []
        given = sample if isinstance(sample, list) else []
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        wanted = max(low, len(prefix), len(given), 0 if depth >= MAX_DEPTH else 1)
        count = min(wanted, high) if high is not None else wanted
        result: list[Any] = []
        for position in range(count):
            sub = prefix[position] if position < len(prefix) else items
            if position == 0 and "contains" in schema and position >= len(prefix):
                sub = schema["contains"]
            value = self.build(sub, given[position] if position < len(given) else MISSING,
                               depth=depth + 1, name=f"{name}_{position + 1}")
            if schema.get("uniqueItems"):
                for variant in range(1, 64):
                    if value not in result:
                        break
                    value = _Builder(self.root, self.text, variant).build(
                        sub, MISSING, depth=depth + 1, name=f"{name}_{position + 1}")
            result.append(value)
        return result

    def string(self, schema: dict[str, Any], sample: Any, name: str) -> str:
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        pattern = schema.get("pattern")

        def fits(value: str) -> bool:
            return low <= len(value) <= (high if high is not None else len(value)) and (
                pattern is None or _search(pattern, value))

        if isinstance(sample, str) and fits(sample):
            return sample
        if schema.get("format") in FORMATS:
            return FORMATS[schema["format"]]
        if schema.get("format") == "uuid":
            return uuid_for(f"{self.text or name}:{self.variant}")
        text = self.text or name
        candidate = fit_length(f"{text} {self.variant}" if self.variant else text, low, high)
        if fits(candidate):
            return candidate
        for stretch in (0, 1, 2, 4, 8, 16, 32, 64):
            generated = regex_sample.sample(pattern, stretch=stretch) if pattern else None
            if generated is not None and fits(generated):
                return generated
        return candidate


def type_of(schema: dict[str, Any], sample: Any) -> str:
    """The type to build: the schema's (from a type list, the sample's type or the first not null), or implied."""
    declared = schema.get("type")
    if isinstance(declared, list):
        options = [t for t in TYPE_ORDER if t in declared]
        for option in options:
            if sample is not MISSING and _json_type(sample) in (option, "integer" if option == "number" else None):
                return option
        non_null = [t for t in declared if t != "null"]
        return non_null[0] if non_null else "null"
    if isinstance(declared, str):
        return declared
    if any(k in schema for k in ("properties", "required", "additionalProperties", "minProperties")):
        return "object"
    if any(k in schema for k in ("items", "prefixItems", "minItems", "maxItems", "contains")):
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
        return "number"
    return "string"


def choose_branch(branches: list[Any], *, deep: bool) -> Any:
    """The first branch that is not just `null`; past MAX_DEPTH (recursion) `null` or a branch without `$ref`."""
    def is_null(branch: Any) -> bool:
        return isinstance(branch, dict) and branch.get("type") == "null"

    def has_ref(branch: Any) -> bool:
        return isinstance(branch, dict) and "$ref" in branch

    preferences: list[Callable[[Any], bool]] = (
        [is_null, lambda b: not has_ref(b)] if deep else [lambda b: not is_null(b)]
    )
    for accept in preferences:
        for branch in branches:
            if accept(branch):
                return branch
    return branches[0] if branches else {}


def merge_all(base: dict[str, Any], others: list[Any]) -> dict[str, Any]:
    """Shallow merge for allOf: properties and required are united, bounds tightened, the rest layered."""
    merged = {k: v for k, v in base.items() if k != "allOf"}
    for other in others:
        if not isinstance(other, dict):
            continue
        for key, value in other.items():
            if key == "properties":
                props = dict(merged.get("properties") or {})
                for prop, sub in value.items():
                    props[prop] = {"allOf": [props[prop], sub]} if prop in props else sub
                merged["properties"] = props
            elif key == "required":
                merged["required"] = list(dict.fromkeys([*(merged.get("required") or []), *value]))
            elif key in ("minimum", "minLength", "minItems", "exclusiveMinimum") and key in merged:
                merged[key] = max(merged[key], value)
            elif key in ("maximum", "maxLength", "maxItems", "exclusiveMaximum") and key in merged:
                merged[key] = min(merged[key], value)
            else:
                merged.setdefault(key, value)
    return merged


def pointer(root: Any, ref: str) -> Any:
    """The part of `root` a local `$ref` (`#`, `#/$defs/x`, `#/definitions/x`, any JSON pointer) names."""
    if not ref.startswith("#"):
        raise ValueError(f"Only local $ref values are supported, not {ref!r}")
    node = root
    for part in [p for p in ref[1:].split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def number_for(schema: dict[str, Any], *, integer: bool, sample: Any, text: str, variant: int = 0) -> int | float:
    """A number inside the bounds and on the multipleOf grid; the sample or the hint's number when they fit.

    `variant` n gives the n-th other number that fits (for arrays of unique items).
    """
    low, low_open, high, high_open = _bounds(schema)
    step = schema.get("multipleOf")

    def fits(value: float) -> bool:
        if integer and value != int(value):
            return False
        if value < low or (low_open and value == low) or value > high or (high_open and value == high):
            return False
        return step is None or _on_grid(value, step)

    found = _NUMBER.search(text)
    hinted = [float(found.group())] if found else []
    sampled = [float(sample)] if isinstance(sample, int | float) and not isinstance(sample, bool) else []
    finite_low = low if math.isfinite(low) else None
    finite_high = high if math.isfinite(high) else None
    starts = [*sampled, *hinted, 0.0, 1.0] + [b for b in (finite_low, finite_high) if b is not None]
    if finite_low is not None and finite_high is not None:
        starts.append((finite_low + finite_high) / 2)
    seen: set[float] = set()
    for start in starts:
        for value in _near(start, step, integer):
            if value in seen or not fits(value):
                continue
            if len(seen) == variant:
                return int(value) if integer or (value == int(value) and not sampled) else value
            seen.add(value)
    return int(starts[0]) if integer else starts[0]


def _near(start: float, step: float | None, integer: bool) -> list[float]:
    """Grid points next to `start` (multiples of step, whole numbers for integers), nearest first."""
    unit = step if step is not None else (1.0 if integer else None)
    if unit is None:
        return [start, start + 1, start - 1, start + 0.5, start - 0.5]
    base = math.floor(start / unit)
    return [k * unit for k in (base, base + 1, base - 1, base + 2, base - 2, *range(base + 3, base + 104))]


def _bounds(schema: dict[str, Any]) -> tuple[float, bool, float, bool]:
    low, high = schema.get("minimum", -math.inf), schema.get("maximum", math.inf)
    low_open = high_open = False
    exclusive_low, exclusive_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if exclusive_low is True:  # draft 4: a flag on minimum
        low_open = True
    elif isinstance(exclusive_low, int | float) and exclusive_low >= low:
        low, low_open = exclusive_low, True
    if exclusive_high is True:
        high_open = True
    elif isinstance(exclusive_high, int | float) and exclusive_high <= high:
        high, high_open = exclusive_high, True
    return float(low), low_open, float(high), high_open


def _on_grid(value: float, step: float) -> bool:
    """jsonschema's own multipleOf test (a float quotient must be whole), so what passes here passes there."""
    if isinstance(step, float) or isinstance(value, float) and value != int(value):
        quotient = value / step
        return math.isfinite(quotient) and int(quotient) == quotient
    return int(value) % int(step) == 0


def fit_length(text: str, low: int, high: int | None) -> str:
    """`text` cut to `high` characters or repeated up to `low`."""
    value = text or "x"
    while len(value) < low:
        value = f"{value} {text or 'x'}"
    return value[:high] if high is not None else value


def uuid_for(text: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, text))


def _search(pattern: str, value: str) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error:
        return True  # a pattern Python cannot read is not held against the value


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"
