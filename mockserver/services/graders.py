"""`fine_tuning.alpha.graders`: validate a grader, run one on a model sample and an item."""

from __future__ import annotations

import time
from functools import partial
from typing import IO, Any

import orjson

from mockserver.core.catalog import ModelCatalog
from mockserver.core.errors import InvalidRequest, invalid_type, missing_parameter
from mockserver.core.tokens import count_text, get_encoding
from mockserver.graders import python_runner, similarity
from mockserver.graders.python_runner import PythonResult
from mockserver.graders.run import PythonRunner, Runtime, python_sample, python_sources, run_grader, uses
from mockserver.graders.shape import check_grader
from mockserver.services.context import Context
from mockserver.simulator.rewards import MAX_ITEMS, answer_field, reward_levels, simulated_samples
from mockserver.store.blobs import BlobStore

PYTHON_REFUSED = (
    "Python graders are disabled on this server: they run the caller's code on it. Start it with "
    "--allow-python-graders (MOCKSERVER_ALLOW_PYTHON_GRADERS=true) to allow them."
)


def count_tokens(text: str) -> int:
    return count_text(get_encoding("o200k_base"), text)


def grader_runtime(timeout: float) -> Runtime:
    """How graders run on this server (python's only once the caller checked they are allowed): each python
    run in a limited child process."""
    return Runtime(run_python=partial(python_runner.run_python, timeout=timeout), count_tokens=count_tokens)


class GradersService:
    def __init__(self, ctx: Context, catalog: ModelCatalog) -> None:
        self.ctx = ctx
        self.catalog = catalog

    def check(self, grader: Any) -> dict[str, Any]:
        if grader is None:
            raise missing_parameter("grader")
        check_grader(grader, "grader", known_model=self.catalog.__contains__)
        checked: dict[str, Any] = grader
        return checked

    def validate(self, grader: Any) -> dict[str, Any]:
        return {"grader": self.check(grader)}

    def run(self, grader: Any, model_sample: Any, item: Any) -> dict[str, Any]:
        checked = self.check(grader)
        if not isinstance(model_sample, str):
            raise invalid_type("model_sample", "a string", model_sample)
        if item is not None and not isinstance(item, dict):
            raise invalid_type("item", "an object", item)
        settings = self.ctx.settings
        if uses(checked, "python") and not settings.allow_python_graders:
            raise InvalidRequest(PYTHON_REFUSED, param="grader", code="python_graders_disabled")
        started = time.perf_counter()
        try:
            outcome = run_grader(checked, model_sample, item or {},
                                 grader_runtime(settings.python_grader_timeout))
        except similarity.MetricUnavailable as error:
            raise InvalidRequest(str(error), param="grader", code="unsupported_metric") from None
        usage = {model: used.as_dict() for model, used in outcome.usage_per_model.items()}
        return {
            "reward": outcome.reward,
            "metadata": {
                "name": checked["name"], "type": checked["type"], "errors": outcome.errors,
                "execution_time": time.perf_counter() - started,
                "scores": dict(outcome.sub_rewards),
                "token_usage": sum(used["total_tokens"] for used in usage.values()) if usage else None,
                "sampled_model_name": next(iter(usage), None),
            },
            "sub_rewards": dict(outcome.sub_rewards),
            "model_grader_token_usage_per_model": usage,
        }


MAX_ITEM_LINE = 1024 * 1024  # longer training lines are not graded (a reward curve needs only a few items)


def first_items(handle: IO[bytes], limit: int = MAX_ITEMS) -> list[dict[str, Any]]:
    """The first `limit` JSON objects of a JSONL file, skipping blank, broken and over-long lines. No read
    takes more than MAX_ITEM_LINE + 1 bytes: an over-long line is skipped piece by piece, never held whole."""
    items: list[dict[str, Any]] = []
    while len(items) < limit:
        line = handle.readline(MAX_ITEM_LINE + 1)
        if not line:
            break
        if len(line) > MAX_ITEM_LINE:
            if not line.endswith(b"\n"):
                _skip_rest_of_line(handle)
            continue
        if not line.strip():
            continue
        try:
            item = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(item, dict):
            items.append(item)
    return items


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while (piece := handle.readline(MAX_ITEM_LINE)) and not piece.endswith(b"\n"):
        pass


def _first_items(blobs: BlobStore, file_id: str) -> list[dict[str, Any]]:
    with blobs.open(file_id) as handle:
        return first_items(handle)


def job_reward_levels(ctx: Context, training_file: str, grader: dict[str, Any], seed: int) -> tuple[float, ...] | None:
    """An RFT job's reward curve (simulator/rewards.py) from its grader on its first training items; None when
    the grader cannot run here (a python grader without --allow-python-graders, meteor without WordNet)."""
    settings = ctx.settings
    if uses(grader, "python") and not settings.allow_python_graders:
        return None
    items, field = _first_items(ctx.store.blobs, training_file), answer_field(grader)
    runtime = Runtime(run_python=_python_results(grader, items, field, seed, settings.python_grader_timeout),
                      count_tokens=count_tokens)

    def grade(sample: str, item: dict[str, Any]) -> float:
        return run_grader(grader, sample, item, runtime).reward

    try:
        return reward_levels(items, field, seed, grade)
    except similarity.MetricUnavailable:
        return None


def _python_results(grader: dict[str, Any], items: list[dict[str, Any]], field: str | None, seed: int,
                    timeout: float) -> PythonRunner:
    """Each python grader's reward for every simulated sample, run up front in one child process per grader
    (one start-up instead of one per sample), then looked up as the curve is computed."""
    calls = [(python_sample(sample), item) for samples in simulated_samples(items, field, seed)
             for sample, item in zip(samples, items, strict=False)]
    known: dict[str, PythonResult] = {}
    for source in dict.fromkeys(python_sources(grader)):
        for (sample, item), result in zip(calls, python_runner.run_python_calls(source, calls, timeout), strict=True):
            known[_call_key(source, sample, item)] = result

    def lookup(source: str, sample: dict[str, Any], item: dict[str, Any]) -> PythonResult:
        return known[_call_key(source, sample, item)]
    return lookup


def _call_key(source: str, sample: dict[str, Any], item: dict[str, Any]) -> str:
    return orjson.dumps([source, sample, item], option=orjson.OPT_SORT_KEYS).decode()
