"""Create-time checks of a fine-tuning job request, with the real API's synchronous 400s."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mockserver.core.catalog import ModelCatalog, ModelSpec, UnknownModel
from mockserver.core.errors import InvalidRequest, invalid_choice, invalid_type, missing_parameter
from mockserver.graders.shape import check_grader
from mockserver.schemas.fine_tuning import JobCreate
from mockserver.services.request_checks import check_metadata

SUFFIX_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_SEED = 2_147_483_647

# name: (methods it belongs to, kind, low, high, low_inclusive)
HYPERPARAMETER_RULES: dict[str, tuple[tuple[str, ...], type, float, float, bool]] = {
    "n_epochs": (("supervised", "dpo", "reinforcement"), int, 1, 50, True),
    "batch_size": (("supervised", "dpo", "reinforcement"), int, 1, 256, True),
    "learning_rate_multiplier": (("supervised", "dpo", "reinforcement"), float, 0, float("inf"), False),
    "beta": (("dpo",), float, 0, 2, False),
    "compute_multiplier": (("reinforcement",), float, 0.00001, 10, False),
    "eval_interval": (("reinforcement",), int, 1, float("inf"), True),
    "eval_samples": (("reinforcement",), int, 1, float("inf"), True),
}
REASONING_EFFORTS = ("default", "low", "medium", "high")


@dataclass(frozen=True)
class ResolvedRequest:
    """A request that passed every synchronous check."""

    spec: ModelSpec
    model: str  # the snapshot the job trains (an `ft:` parent's base snapshot for continued training)
    job_model: str  # what the job's `model` shows: that snapshot, or the `ft:` parent (reference §2.6)
    method_type: str
    hyperparameters: dict[str, Any]  # as requested, "auto" where not given
    method_extra: dict[str, Any]  # e.g. the RFT grader, echoed back


def model_unavailable(model: str) -> InvalidRequest:
    return InvalidRequest(
        f"Model {model} is not available for fine-tuning or does not exist.",
        param="model", code="model_not_available",
    )


def resolve_base_model(catalog: ModelCatalog, model: str, owns: Callable[[str], bool]) -> ModelSpec:
    """The spec of the model to fine-tune; an `ft:` id must be one the caller `owns` (asked of that id alone)."""
    if model.startswith("ft:") and not owns(model):
        raise model_unavailable(model)
    try:
        spec = catalog.get(model)
    except UnknownModel:
        raise model_unavailable(model) from None
    if not spec.fine_tunable:
        raise model_unavailable(model)
    return spec


def _check_number(name: str, value: Any, rule: tuple[tuple[str, ...], type, float, float, bool], where: str) -> None:
    _, kind, low, high, low_inclusive = rule
    if value == "auto":
        return
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not is_number or (kind is int and not isinstance(value, int)):
        expected = "an integer" if kind is int else "a number"
        raise InvalidRequest(
            f"Invalid type for '{where}.{name}': expected {expected} or 'auto', but got {json.dumps(value)} instead.",
            param=f"{where}.{name}", code="invalid_type",
        )
    above_low = value >= low if low_inclusive else value > low
    if not above_low or value > high:
        bounds = f"{'>=' if low_inclusive else '>'} {low:g}" + (f" and <= {high:g}" if high != float("inf") else "")
        raise InvalidRequest(
            f"Invalid value for '{where}.{name}': {value}. It must be {bounds}.",
            param=f"{where}.{name}", code="invalid_value",
        )


def check_hyperparameters(values: dict[str, Any], method_type: str, where: str) -> dict[str, Any]:
    """Every given hyperparameter known for the method, of the right type and in range."""
    checked: dict[str, Any] = {}
    for name, value in values.items():
        rule = HYPERPARAMETER_RULES.get(name)
        if name == "reasoning_effort" and method_type == "reinforcement":
            if value not in REASONING_EFFORTS:
                raise InvalidRequest(
                    f"Invalid value for '{where}.reasoning_effort': {value!r}. Supported values are: "
                    + ", ".join(repr(v) for v in REASONING_EFFORTS) + ".",
                    param=f"{where}.reasoning_effort", code="invalid_value",
                )
        elif rule is None or method_type not in rule[0]:
            raise InvalidRequest(
                f"Unrecognized hyperparameter '{name}' for the {method_type} method.",
                param=f"{where}.{name}", code="unknown_parameter",
            )
        else:
            _check_number(name, value, rule, where)
        checked[name] = value
    return checked


def _method_parts(body: JobCreate) -> tuple[str, dict[str, Any], dict[str, Any], str]:
    """(method type, its hyperparameters, other method settings, where they came from)."""
    if body.method is None:
        return "supervised", dict(body.hyperparameters or {}), {}, "hyperparameters"
    method_type = body.method.type
    settings = dict(getattr(body.method, method_type) or {})
    if body.hyperparameters and settings.get("hyperparameters"):
        raise InvalidRequest(
            "Specify hyperparameters either in 'hyperparameters' (deprecated) or in 'method', not both.",
            param="hyperparameters",
        )
    values = settings.pop("hyperparameters", None) or dict(body.hyperparameters or {})
    return method_type, dict(values), settings, f"method.{method_type}.hyperparameters"


def check_method(body: JobCreate, spec: ModelSpec) -> tuple[str, dict[str, Any], dict[str, Any]]:
    method_type, values, extra, where = _method_parts(body)
    if method_type not in spec.methods:
        raise InvalidRequest(
            f"Model {body.model} does not support the '{method_type}' fine-tuning method. "
            f"Supported: {', '.join(spec.methods)}.", param="method.type", code="invalid_value",
        )
    if method_type == "reinforcement" and not extra.get("grader"):
        raise missing_parameter("method.reinforcement.grader")
    if method_type == "reinforcement":
        check_grader(extra["grader"], "method.reinforcement.grader")
    return method_type, check_hyperparameters(values, method_type, where), extra


def check_suffix(suffix: str | None) -> None:
    if suffix is not None and not SUFFIX_PATTERN.match(suffix):
        raise InvalidRequest(
            f"Invalid 'suffix': {suffix!r}. It must be 1 to 64 characters long and use only letters, "
            "digits, '-' and '_'.", param="suffix", code="invalid_value",
        )


def check_seed(seed: int | None) -> None:
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise InvalidRequest(
            f"Invalid 'seed': {seed}. It must be between 0 and {MAX_SEED}.", param="seed", code="invalid_value"
        )


MAX_INTEGRATIONS = 5
INTEGRATION_TYPES = ("wandb",)





def _optional_string(value: Any, param: str) -> None:
    if value is not None and not isinstance(value, str):
        raise invalid_type(param, "a string", value)


def check_integrations(integrations: list[dict[str, Any]] | None) -> None:
    """`[{type: "wandb", wandb: {project, name?, entity?, tags?}}]`, at most 5 (CreateFineTuningJobRequest)."""
    if integrations is None:
        return
    if len(integrations) > MAX_INTEGRATIONS:
        raise InvalidRequest(
            f"Invalid 'integrations': array too long. Expected an array with maximum length {MAX_INTEGRATIONS}, "
            f"but got an array with length {len(integrations)} instead.",
            param="integrations", code="array_above_max_length",
        )
    for index, integration in enumerate(integrations):
        where = f"integrations[{index}]"
        if "type" not in integration:
            raise missing_parameter(f"{where}.type")
        if integration["type"] not in INTEGRATION_TYPES:
            raise invalid_choice(f"{where}.type", integration["type"], INTEGRATION_TYPES)
        wandb = integration.get("wandb")
        if wandb is None:
            raise missing_parameter(f"{where}.wandb")
        if not isinstance(wandb, dict):
            raise invalid_type(f"{where}.wandb", "an object", wandb)
        if "project" not in wandb or wandb["project"] is None:
            raise missing_parameter(f"{where}.wandb.project")
        if not isinstance(wandb["project"], str):
            raise invalid_type(f"{where}.wandb.project", "a string", wandb["project"])
        for name in ("name", "entity"):
            _optional_string(wandb.get(name), f"{where}.wandb.{name}")
        tags = wandb.get("tags")
        if tags is not None and (not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags)):
            raise invalid_type(f"{where}.wandb.tags", "an array of strings", tags)


def resolve_request(body: JobCreate, catalog: ModelCatalog, owns: Callable[[str], bool]) -> ResolvedRequest:
    spec = resolve_base_model(catalog, body.model, owns)
    method_type, hyperparameters, extra = check_method(body, spec)
    check_suffix(body.suffix)
    check_seed(body.seed)
    check_metadata(body.metadata)
    check_integrations(body.integrations)
    job_model = body.model if body.model.startswith("ft:") else spec.id
    return ResolvedRequest(spec=spec, model=spec.id, job_model=job_model, method_type=method_type,
                           hyperparameters=hyperparameters, method_extra=extra)
