"""Training-file formats: which one a job expects, which one a line is in, and the per-run rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from mockserver.core.catalog import Method, ModelSpec
from mockserver.core.tokens import TokenPlan

Format = Literal["chat", "prompt_completion", "preference", "reinforcement"]
FileRole = Literal["training_file", "validation_file"]

# The key(s) that mark a line as being in a format, in detection order.
MARKERS: dict[Format, tuple[str, ...]] = {
    "chat": ("messages",),
    "preference": ("input", "preferred_output", "non_preferred_output"),
    "prompt_completion": ("prompt", "completion"),
}
# Names as the real job errors spell them ("Input file … is in the fine-tune-chat format").
FORMAT_NAMES: dict[Format, str] = {
    "chat": "fine-tune-chat",
    "preference": "fine-tune-preference",
    "prompt_completion": "fine-tune-completion",
    "reinforcement": "fine-tune-reinforcement",
}
NATURAL_METHOD: dict[Format, Method] = {
    "chat": "supervised",
    "preference": "dpo",
    "prompt_completion": "supervised",
    "reinforcement": "reinforcement",
}

MIN_EXAMPLES = 10
MAX_IMAGES_PER_EXAMPLE = 10
MAX_IMAGE_EXAMPLES = 50_000
# Reinforcement fine-tuning caps (reference §3.5).
MAX_RFT_EXAMPLES: dict[FileRole, int] = {"training_file": 50_000, "validation_file": 1_000}


class Checked(NamedTuple):
    """A valid example: how to count its tokens, and how many images it carries."""

    plan: TokenPlan
    n_images: int = 0


def expected_format(method: Method, training_format: str) -> Format:
    """The format a job's method and base model call for."""
    if method == "dpo":
        return "preference"
    if method == "reinforcement":
        return "reinforcement"
    return "prompt_completion" if training_format == "prompt_completion" else "chat"


def detect_format(obj: dict[str, Any]) -> Format | None:
    """The format a parsed line looks like, by its marker keys; None when it has none."""
    for fmt, keys in MARKERS.items():
        if any(key in obj for key in keys):
            return fmt
    return None


def marker_keys(fmt: Format) -> tuple[str, ...]:
    return MARKERS["chat" if fmt == "reinforcement" else fmt]


@dataclass(frozen=True)
class Rules:
    """Everything the example checkers need to know about the job."""

    model: str
    method: Method
    format: Format
    file_role: FileRole
    max_example_tokens: int
    encoding: str
    special_tokens: tuple[str, ...]
    images_allowed: bool
    images_refusal: str

    @classmethod
    def for_job(
        cls, spec: ModelSpec, *, method: Method, file_role: FileRole, special_tokens: tuple[str, ...]
    ) -> Rules:
        # DPO examples are text only (reference §3.4); otherwise the model decides.
        if method == "dpo":
            allowed, refusal = False, "DPO examples are text only"
        else:
            allowed, refusal = spec.vision, f"{spec.id} does not support images in training data"
        return cls(
            model=spec.id,
            method=method,
            format=expected_format(method, spec.training_format),
            file_role=file_role,
            max_example_tokens=spec.max_example_tokens or spec.context_window,
            encoding=spec.encoding,
            special_tokens=special_tokens,
            images_allowed=allowed,
            images_refusal=refusal,
        )
