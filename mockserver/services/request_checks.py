"""Error builders shared by the inference request checks, worded like the real API's 400s."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from mockserver.core.errors import InvalidRequest, invalid_type, missing_parameter


def number_text(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def supported(values: Sequence[str]) -> str:
    """`'a', 'b', and 'c'` / `'a' and 'b'`, as the real API lists supported values."""
    quoted = [f"'{value}'" for value in values]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]



def unknown(param: str) -> InvalidRequest:
    return InvalidRequest(f"Unknown parameter: '{param}'.", param=param, code="unknown_parameter")



def unsupported_value(param: str, value: Any, values: Sequence[str]) -> InvalidRequest:
    return InvalidRequest(
        f"Invalid value: '{value}'. Supported values are: {supported(values)}.", param=param, code="invalid_value"
    )


def empty_array(param: str) -> InvalidRequest:
    return InvalidRequest(
        f"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        param=param, code="empty_array",
    )


def check_range(param: str, value: float | None, low: float | None, high: float | None) -> None:
    """`Invalid 'n': integer above maximum value. Expected a value <= 128, but got 130 instead.`"""
    if value is None:
        return
    kind = "integer" if isinstance(value, int) and not isinstance(value, bool) else "decimal"
    if low is not None and value < low:
        raise InvalidRequest(
            f"Invalid '{param}': {kind} below minimum value. Expected a value >= {number_text(low)}, "
            f"but got {number_text(value)} instead.", param=param, code=f"{kind}_below_min_value",
        )
    if high is not None and value > high:
        raise InvalidRequest(
            f"Invalid '{param}': {kind} above maximum value. Expected a value <= {number_text(high)}, "
            f"but got {number_text(value)} instead.", param=param, code=f"{kind}_above_max_value",
        )


def check_max_items(param: str, items: Sequence[Any], maximum: int) -> None:
    if len(items) > maximum:
        raise InvalidRequest(
            f"Invalid '{param}': array too long. Expected an array with maximum length {maximum}, "
            f"but got an array with length {len(items)} instead.", param=param, code="array_above_max_length",
        )


def check_keys(param: str, value: dict[str, Any], allowed: Sequence[str], required: Sequence[str] = ()) -> None:
    """Unknown keys first, then missing ones, each named by its full path."""
    for key in value:
        if key not in allowed:
            raise unknown(f"{param}.{key}")
    for key in required:
        if value.get(key) is None:
            raise missing_parameter(f"{param}.{key}")


def only_with_tools(param: str) -> InvalidRequest:
    """`Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.`"""
    return InvalidRequest(
        f"Invalid value for '{param}': '{param}' is only allowed when 'tools' are specified.", param=param
    )


def is_fine_tuned(model: str) -> bool:
    """A fine-tuned model or checkpoint id (`ft:…`): strict schemas allow it fewer keywords."""
    return model.startswith("ft:")


METADATA_PAIRS = 16
METADATA_KEY_CHARS = 64
METADATA_VALUE_CHARS = 512
LOGIT_BIAS_RANGE = (-100, 100)


def check_metadata(metadata: dict[str, Any] | None) -> None:
    """At most 16 pairs, keys of at most 64 characters, string values of at most 512 (chat, Responses, jobs)."""
    if metadata is None:
        return
    if len(metadata) > METADATA_PAIRS:
        raise InvalidRequest(
            f"Invalid 'metadata': too many properties. Expected an object with at most {METADATA_PAIRS} "
            f"properties, but got an object with {len(metadata)} properties instead.",
            param="metadata", code="object_above_max_properties",
        )
    for key, value in metadata.items():
        if len(key) > METADATA_KEY_CHARS:
            raise InvalidRequest(
                f"Invalid 'metadata': key too long. Expected a key with maximum length {METADATA_KEY_CHARS}, "
                f"but got a key with length {len(key)} instead.", param="metadata", code="string_above_max_length",
            )
        if not isinstance(value, str):
            raise invalid_type(f"metadata.{key}", "a string", value)
        if len(value) > METADATA_VALUE_CHARS:
            raise InvalidRequest(
                f"Invalid 'metadata.{key}': string too long. Expected a string with maximum length "
                f"{METADATA_VALUE_CHARS}, but got a string with length {len(value)} instead.",
                param=f"metadata.{key}", code="string_above_max_length",
            )


def check_logit_bias(logit_bias: dict[str, int] | None) -> None:
    """Keys are token ids (non-negative integers, written as strings); biases lie in -100..100."""
    low, high = LOGIT_BIAS_RANGE
    for key, bias in (logit_bias or {}).items():
        if not (key.isascii() and key.isdigit()):
            raise InvalidRequest(
                f"Invalid key in 'logit_bias': {key}. You should only be submitting non-negative integers.",
                param="logit_bias",
            )
        if not low <= bias <= high:
            raise InvalidRequest(
                f"Invalid value for 'logit_bias': the bias of token {key} is {bias}; biases must be between "
                f"{low} and {high}.", param="logit_bias", code="invalid_value",
            )


MAX_STOP_SEQUENCES = 4


class SamplingBody(Protocol):
    """What chat and legacy completion requests share: stop sequences and streaming."""

    @property
    def stop(self) -> str | list[str] | None: ...
    @property
    def stream(self) -> bool | None: ...
    @property
    def stream_options(self) -> Any: ...


def check_sampling(body: SamplingBody, ranges: Mapping[str, tuple[float | None, float | None]]) -> None:
    """The checks chat and legacy completions share: value ranges, at most four stop sequences, and
    `stream_options` only with `stream`."""
    for param, (low, high) in ranges.items():
        check_range(param, getattr(body, param), low, high)
    if isinstance(body.stop, list):
        check_max_items("stop", body.stop, MAX_STOP_SEQUENCES)
    if body.stream_options is not None and not body.stream:
        raise InvalidRequest(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.", param="stream_options"
        )
