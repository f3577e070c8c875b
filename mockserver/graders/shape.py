"""What `graders/validate` (and a job's `method.reinforcement.grader`) accepts: each grader type's fields, their
types and values, its template references, a multi grader's formula. Errors name the param path."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from mockserver.core.errors import InvalidRequest, invalid_choice, invalid_type, missing_parameter
from mockserver.graders import formula, templates

# The graders a job or a run may use (the spec's oneOf), and those a `multi` may combine.
GRADER_TYPES = ("string_check", "text_similarity", "python", "score_model", "multi")
SUB_GRADER_TYPES = ("string_check", "text_similarity", "python", "score_model", "label_model")
STRING_CHECK_OPERATIONS = ("eq", "ne", "like", "ilike")
SIMILARITY_METRICS = ("cosine", "fuzzy_match", "bleu", "gleu", "meteor", "rouge_1", "rouge_2", "rouge_3",
                      "rouge_4", "rouge_5", "rouge_l")
MESSAGE_ROLES = ("user", "assistant", "system", "developer")
# Per grader type: (required string fields, required list fields)
GRADER_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "string_check": (("name", "input", "reference", "operation"), ()),
    "text_similarity": (("name", "input", "reference", "evaluation_metric"), ()),
    "python": (("name", "source"), ()),
    "score_model": (("name", "model"), ("input",)),
    "label_model": (("name", "model"), ("input", "labels", "passing_labels")),
    "multi": (("name", "calculate_output"), ()),
}
GRADER_ENUMS = {"operation": STRING_CHECK_OPERATIONS, "evaluation_metric": SIMILARITY_METRICS}
TEMPLATED_FIELDS = ("input", "reference")
MAX_PYTHON_SOURCE = 256 * 1024  # the real limit on a python grader's source






def bad_value(param: str, message: str) -> InvalidRequest:
    return InvalidRequest(f"Invalid '{param}': {message}", param=param, code="invalid_value")


def check_grader(grader: Any, where: str, types: tuple[str, ...] = GRADER_TYPES,
                 known_model: Callable[[str], bool] | None = None) -> None:
    """A grader the spec (and the SDK, strictly) knows, with the checks the real service adds: template
    references, a formula that evaluates, python source that compiles and defines `grade`, a score range."""
    if not isinstance(grader, dict):
        raise invalid_type(where, "an object", grader)
    if "type" not in grader:
        raise missing_parameter(f"{where}.type")
    kind = grader["type"]
    if kind not in types:
        raise invalid_choice(f"{where}.type", kind, types)
    _check_required(grader, where, kind)
    if kind in ("string_check", "text_similarity"):
        for name in TEMPLATED_FIELDS:
            check_templates(grader[name], f"{where}.{name}")
    elif kind == "python":
        _check_python(grader, where)
    elif kind in ("score_model", "label_model"):
        _check_model_grader(grader, where, known_model)
    elif kind == "multi":
        _check_multi(grader, where, known_model)


def _check_required(grader: dict[str, Any], where: str, kind: str) -> None:
    strings, lists = GRADER_FIELDS[kind]
    for name in strings:
        if grader.get(name) is None:
            raise missing_parameter(f"{where}.{name}")
        if not isinstance(grader[name], str):
            raise invalid_type(f"{where}.{name}", "a string", grader[name])
        if name in GRADER_ENUMS and grader[name] not in GRADER_ENUMS[name]:
            raise invalid_choice(f"{where}.{name}", grader[name], GRADER_ENUMS[name])
    for name in lists:
        if grader.get(name) is None:
            raise missing_parameter(f"{where}.{name}")
        if not isinstance(grader[name], list):
            raise invalid_type(f"{where}.{name}", "an array", grader[name])


def check_templates(text: str, param: str) -> None:
    for reference in templates.references(text):
        problem = templates.reference_problem(reference)
        if problem is not None:
            raise InvalidRequest(problem, param=param, code="invalid_value")


def _check_python(grader: dict[str, Any], where: str) -> None:
    source = grader["source"]
    if len(source.encode()) > MAX_PYTHON_SOURCE:
        raise bad_value(f"{where}.source", f"the source is longer than {MAX_PYTHON_SOURCE:,} bytes.")
    try:
        tree = ast.parse(source)  # parsed only: nothing of it runs here
    except SyntaxError as error:
        raise bad_value(f"{where}.source", f"line {error.lineno}: {error.msg}.") from None
    if not any(isinstance(node, ast.FunctionDef) and node.name == "grade" for node in tree.body):
        raise bad_value(f"{where}.source", "it must define a function `grade(sample, item)`.")
    if grader.get("image_tag") is not None and not isinstance(grader["image_tag"], str):
        raise invalid_type(f"{where}.image_tag", "a string", grader["image_tag"])


def _check_model_grader(grader: dict[str, Any], where: str, known_model: Callable[[str], bool] | None) -> None:
    if known_model is not None and not known_model(grader["model"]):
        raise bad_value(f"{where}.model", f"model '{grader['model']}' does not exist or cannot grade.")
    for index, message in enumerate(grader["input"]):
        check_message(message, f"{where}.input[{index}]")
    if grader["type"] == "label_model":
        _check_labels(grader, where)
    elif grader.get("range") is not None:
        _check_range(grader["range"], f"{where}.range")
    if grader.get("sampling_params") is not None and not isinstance(grader["sampling_params"], dict):
        raise invalid_type(f"{where}.sampling_params", "an object", grader["sampling_params"])


def check_message(message: Any, where: str) -> None:
    if not isinstance(message, dict):
        raise invalid_type(where, "an object", message)
    if message.get("role") not in MESSAGE_ROLES:
        raise invalid_choice(f"{where}.role", message.get("role"), MESSAGE_ROLES)
    content = message.get("content")
    if content is None:
        raise missing_parameter(f"{where}.content")
    parts = content if isinstance(content, list) else [content]
    for index, part in enumerate(parts):
        param = f"{where}.content" + (f"[{index}]" if isinstance(content, list) else "")
        text = part if isinstance(part, str) else part.get("text") if isinstance(part, dict) else None
        if not isinstance(part, str | dict):
            raise invalid_type(param, "a string or an object", part)
        if isinstance(text, str):
            check_templates(text, param)


def _check_range(value: Any, param: str) -> None:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)):
        raise invalid_type(param, "an array of two numbers", value)
    if value[0] >= value[1]:
        raise bad_value(param, f"the lower bound {value[0]} must be below the upper bound {value[1]}.")


def _check_labels(grader: dict[str, Any], where: str) -> None:
    for name in ("labels", "passing_labels"):
        if not grader[name] or not all(isinstance(label, str) for label in grader[name]):
            raise invalid_type(f"{where}.{name}", "a non-empty array of strings", grader[name])
    outside = [label for label in grader["passing_labels"] if label not in grader["labels"]]
    if outside:
        raise bad_value(f"{where}.passing_labels", f"{outside[0]!r} is not one of the labels.")


def sub_graders(graders: Any) -> list[tuple[str, Any, str]]:
    """A multi's graders as (formula name, grader, param): a map name → grader (the guide), an array or a single
    grader (the spec and the SDK type); in the last two a grader is named by its `name`."""
    if isinstance(graders, dict) and "type" not in graders:
        return [(name, grader, f"graders.{name}") for name, grader in graders.items()]
    if isinstance(graders, list):
        return [(_name_of(grader), grader, f"graders[{index}]") for index, grader in enumerate(graders)]
    return [(_name_of(graders), graders, "graders")]


def _name_of(grader: Any) -> str:
    return grader.get("name", "") if isinstance(grader, dict) else ""


def _check_multi(grader: dict[str, Any], where: str, known_model: Callable[[str], bool] | None) -> None:
    if grader.get("graders") is None:
        raise missing_parameter(f"{where}.graders")
    parts = sub_graders(grader["graders"])
    if not parts:
        raise bad_value(f"{where}.graders", "a multi grader needs at least one grader.")
    for _, sub_grader, param in parts:
        check_grader(sub_grader, f"{where}.{param}", SUB_GRADER_TYPES, known_model)
    try:
        formula.check(grader["calculate_output"], [name for name, _, _ in parts])
    except formula.FormulaError as error:
        raise bad_value(f"{where}.calculate_output", str(error)) from None
