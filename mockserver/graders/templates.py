"""`{{sample.output_text}}`, `{{sample.output_json.<field>}}` and `{{item.<field>}}` references in grader text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
SAMPLE_FIELDS = ("output_text", "output_json", "output_tools", "choices")


class InvalidVariable(Exception):
    """A reference the sample or the item does not hold (the run's `invalid_variable_error`)."""


class SampleParseError(Exception):
    """`sample.output_json` asked of a sample that is not JSON (the run's `sample_parse_error`)."""


def references(text: str) -> list[str]:
    return REFERENCE.findall(text)


def reference_problem(reference: str) -> str | None:
    """Why a reference can never resolve, or None when it names `item.*` or a known `sample.*` field."""
    root, _, rest = reference.partition(".")
    if root == "item" and rest:
        return None
    if root == "sample" and rest.partition(".")[0] in SAMPLE_FIELDS:
        return None
    return (f"Invalid template reference '{{{{{reference}}}}}': use {{{{item.<field>}}}}, "
            "{{sample.output_text}} or {{sample.output_json.<field>}}.")


@dataclass(frozen=True)
class Namespaces:
    """What templates read: the model's sample and the dataset item."""

    output_text: str
    item: dict[str, Any]

    def output_json(self) -> Any:
        try:
            return json.loads(self.output_text)
        except ValueError:
            raise SampleParseError("The model sample is not valid JSON.") from None

    def lookup(self, reference: str) -> Any:
        root, _, path = reference.partition(".")
        if root == "item":
            return _walk(self.item, path.split("."), reference)
        head, _, rest = path.partition(".")
        if root == "sample" and head == "output_text" and not rest:
            return self.output_text
        if root == "sample" and head == "output_json":
            value = self.output_json()
            return _walk(value, rest.split("."), reference) if rest else value
        raise InvalidVariable(f"Unknown variable '{reference}'.")


def _walk(value: Any, keys: list[str], reference: str) -> Any:
    for key in keys:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            raise InvalidVariable(f"Variable '{reference}' is not defined.")
    return value


def as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def render(text: str, namespaces: Namespaces, without_sample: bool = False) -> str:
    """`text` with its references filled in; `without_sample`: the sample's references left blank."""
    def fill(match: re.Match[str]) -> str:
        reference = match.group(1)
        if without_sample and reference.startswith("sample."):
            return ""
        return as_text(namespaces.lookup(reference))
    return REFERENCE.sub(fill, text)
