"""The reward a grader gives a model sample for a dataset item, with the real run's error flags.

string_check and text_similarity are computed exactly (see similarity.py for what cosine and meteor do here);
python runs the user's `grade` through a runner the caller supplies; score_model and label_model are simulated
by documented, deterministic functions (no model is called); multi combines its graders with its formula."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mockserver.graders import formula, similarity, templates
from mockserver.graders.python_runner import PythonResult
from mockserver.graders.shape import sub_graders
from mockserver.graders.templates import InvalidVariable, Namespaces, SampleParseError

ERROR_FLAGS = (
    "formula_parse_error", "invalid_variable_error", "model_grader_parse_error", "model_grader_refusal_error",
    "model_grader_server_error", "other_error", "python_grader_runtime_error", "python_grader_server_error",
    "sample_parse_error", "truncated_observation_error", "unresponsive_reward_error",
)
ERROR_DETAILS = ("model_grader_server_error_details", "python_grader_runtime_error_details",
                 "python_grader_server_error_type")

PythonRunner = Callable[[str, dict[str, Any], dict[str, Any]], PythonResult]


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
                "total_tokens": self.prompt_tokens + self.completion_tokens, "cached_tokens": 0}


@dataclass
class Outcome:
    """A run's reward, and what the response's metadata reports about it."""

    reward: float = 0.0
    errors: dict[str, Any] = field(default_factory=lambda: {**dict.fromkeys(ERROR_FLAGS, False),
                                                            **dict.fromkeys(ERROR_DETAILS)})
    sub_rewards: dict[str, float] = field(default_factory=dict)
    usage_per_model: dict[str, Usage] = field(default_factory=dict)

    def fail(self, flag: str, details: str | None = None) -> Outcome:
        self.reward = 0.0
        self.errors[flag] = True
        if flag + "_details" in self.errors:
            self.errors[flag + "_details"] = details
        return self


@dataclass(frozen=True)
class Runtime:
    """What running a grader needs from outside: python's runner and a token counter (for model graders)."""

    run_python: PythonRunner
    count_tokens: Callable[[str], int]


def string_check(grader: dict[str, Any], ns: Namespaces) -> float:
    text, reference = templates.render(grader["input"], ns), templates.render(grader["reference"], ns)
    operation = grader["operation"]
    if operation == "eq":
        return float(text == reference)
    if operation == "ne":
        return float(text != reference)
    if operation == "like":  # `like`/`ilike`: the reference is contained in the input (case-insensitive: ilike)
        return float(reference in text)
    return float(reference.lower() in text.lower())


def text_similarity(grader: dict[str, Any], ns: Namespaces) -> float:
    text, reference = templates.render(grader["input"], ns), templates.render(grader["reference"], ns)
    return similarity.METRICS[grader["evaluation_metric"]](text, reference)


def _prompt_text(grader: dict[str, Any], ns: Namespaces, without_sample: bool) -> str:
    """The grader's messages as one text; with `without_sample`, the sample's own references left out."""
    texts = []
    for message in grader["input"]:
        content = message["content"]
        for part in content if isinstance(content, list) else [content]:
            text = part if isinstance(part, str) else part.get("text") if isinstance(part, dict) else None
            if isinstance(text, str):
                texts.append(templates.render(text, ns, without_sample=without_sample))
    return "\n".join(texts)


def score_model(grader: dict[str, Any], ns: Namespaces, outcome: Outcome, runtime: Runtime) -> float:
    """Simulated: how much of the sample the grader's prompt supports (rapidfuzz's token-set ratio of the sample
    against the prompt with the sample's own text left out), scaled to `range` (default [0, 1])."""
    context = _prompt_text(grader, ns, without_sample=True)
    low, high = grader.get("range") or (0.0, 1.0)
    score: float = low + (high - low) * similarity.token_set_ratio(ns.output_text, context)
    _add_usage(grader, ns, outcome, runtime, f"{score:.2f}")
    return score


def label_model(grader: dict[str, Any], ns: Namespaces, outcome: Outcome, runtime: Runtime) -> float:
    """Simulated: the label most like the sample (rapidfuzz's weighted ratio); 1 if it is a passing label."""
    label: str = max(grader["labels"], key=lambda candidate: similarity.fuzzy_match(ns.output_text, candidate))
    _add_usage(grader, ns, outcome, runtime, label)
    return float(label in grader["passing_labels"])


def _add_usage(grader: dict[str, Any], ns: Namespaces, outcome: Outcome, runtime: Runtime, answer: str) -> None:
    usage = outcome.usage_per_model.setdefault(grader["model"], Usage())
    usage.prompt_tokens += runtime.count_tokens(_prompt_text(grader, ns, without_sample=False))
    usage.completion_tokens += runtime.count_tokens(answer)


def python_sample(output_text: str) -> dict[str, Any]:
    """The `sample` a python grader's `grade` gets (`output_json` None when the text is not JSON)."""
    sample: dict[str, Any] = {"output_text": output_text, "output_json": None, "output_tools": [], "choices": []}
    try:
        sample["output_json"] = Namespaces(output_text=output_text, item={}).output_json()
    except SampleParseError:
        pass
    return sample


def python_sources(grader: dict[str, Any]) -> list[str]:
    """The source of the grader, or of each of a multi's python graders."""
    if grader.get("type") == "multi":
        return [source for _, sub_grader, _ in sub_graders(grader["graders"]) for source in python_sources(sub_grader)]
    return [grader["source"]] if grader.get("type") == "python" else []


def python(grader: dict[str, Any], ns: Namespaces, outcome: Outcome, runtime: Runtime) -> float:
    result = runtime.run_python(grader["source"], python_sample(ns.output_text), ns.item)
    if result.error is not None:
        outcome.fail("python_grader_runtime_error", result.error)
    return result.reward


def multi(grader: dict[str, Any], ns: Namespaces, outcome: Outcome, runtime: Runtime) -> float:
    scores = {}
    for name, sub_grader, _ in sub_graders(grader["graders"]):
        scores[name] = _reward(sub_grader, ns, outcome, runtime)
    outcome.sub_rewards.update(scores)
    try:
        return formula.evaluate(grader["calculate_output"], scores)
    except formula.FormulaError:
        outcome.fail("formula_parse_error")
        return 0.0


def _reward(grader: dict[str, Any], ns: Namespaces, outcome: Outcome, runtime: Runtime) -> float:
    kind = grader["type"]
    if kind == "string_check":
        return string_check(grader, ns)
    if kind == "text_similarity":
        return text_similarity(grader, ns)
    runs = {"score_model": score_model, "label_model": label_model, "python": python, "multi": multi}
    return runs[kind](grader, ns, outcome, runtime)


def run_grader(grader: dict[str, Any], model_sample: str, item: dict[str, Any], runtime: Runtime) -> Outcome:
    """Grade a checked grader (shape.check_grader). A sample or item the templates cannot read gives reward 0 and
    the real run's error flag; a metric this server cannot compute raises similarity.MetricUnavailable."""
    outcome = Outcome()
    ns = Namespaces(output_text=model_sample, item=item)
    try:
        reward = _reward(grader, ns, outcome, runtime)
    except InvalidVariable:
        return outcome.fail("invalid_variable_error")
    except SampleParseError:
        return outcome.fail("sample_parse_error")
    if not any(outcome.errors[flag] for flag in ERROR_FLAGS):
        outcome.reward = reward
    return outcome


def uses(grader: dict[str, Any], pattern: str) -> bool:
    """Whether the grader or one of a multi's graders has a `type` or `evaluation_metric` matching `pattern`."""
    if grader.get("type") == "multi":
        return any(uses(sub_grader, pattern) for _, sub_grader, _ in sub_graders(grader["graders"]))
    return any(fnmatch.fnmatch(str(grader.get(key)), pattern) for key in ("type", "evaluation_metric"))
