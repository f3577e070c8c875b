"""`fine_tuning.alpha.graders.validate` and `.run` through the strict SDK, for each grader type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import openai
import pytest

from tests.jobs_support import assert_api_error
from tests.live_server import LiveServer
from tests.support import sdk_client

API_KEY = "sk-test"
STRING_CHECK = {"type": "string_check", "name": "label", "input": "{{sample.output_text}}",
                "reference": "{{item.label}}", "operation": "eq"}
SIMILARITY = {"type": "text_similarity", "name": "sim", "input": "{{sample.output_text}}",
              "reference": "{{item.answer}}", "evaluation_metric": "fuzzy_match"}
PYTHON = {"type": "python", "name": "py",
          "source": "def grade(sample, item):\n    return 1.0 if sample['output_text'] == item['label'] else 0.25\n"}
SCORE_MODEL = {
    "type": "score_model", "name": "judge", "model": "gpt-4o-mini", "range": [0, 10],
    "input": [{"role": "user", "content": [{"type": "input_text", "text":
               "Reference answer: {{item.reference_answer}}\n\nModel answer: {{sample.output_text}}"}]}],
}


def run(sdk: openai.OpenAI, grader: dict[str, Any], sample: str, item: dict[str, Any]) -> Any:
    return sdk.fine_tuning.alpha.graders.run(grader=grader, model_sample=sample, item=item)  # type: ignore[arg-type]


@pytest.mark.parametrize("grader", [STRING_CHECK, SIMILARITY, PYTHON, SCORE_MODEL,
                                    {"type": "multi", "name": "m", "graders": STRING_CHECK,
                                     "calculate_output": "0.5 * label + 0.5"}])
def test_validate_echoes_each_grader_type(sdk: openai.OpenAI, grader: dict[str, Any]) -> None:
    answer = sdk.fine_tuning.alpha.graders.validate(grader=grader)  # type: ignore[arg-type]

    assert answer.grader is not None
    assert answer.grader.model_dump(exclude_none=True) == grader


@pytest.mark.parametrize(("grader", "message", "param", "code"), [
    ({**STRING_CHECK, "operation": "contains"},
     "Invalid value: \"contains\". Supported values are: 'eq', 'ne', 'like', 'ilike'.", "grader.operation",
     "invalid_value"),
    ({k: v for k, v in SIMILARITY.items() if k != "reference"},
     "Missing required parameter: 'grader.reference'.", "grader.reference", "missing_required_parameter"),
    ({**STRING_CHECK, "input": "{{sampel.output_text}}"},
     "Invalid template reference '{{sampel.output_text}}': use {{item.<field>}}, {{sample.output_text}} or "
     "{{sample.output_json.<field>}}.", "grader.input", "invalid_value"),
    ({**PYTHON, "source": "def grade(sample, item)\n    return 1"},
     "Invalid 'grader.source': line 1: expected ':'.", "grader.source", "invalid_value"),
    ({**PYTHON, "source": "def score(sample, item):\n    return 1"},
     "Invalid 'grader.source': it must define a function `grade(sample, item)`.", "grader.source", "invalid_value"),
    ({**SCORE_MODEL, "range": [1, 0]},
     "Invalid 'grader.range': the lower bound 1 must be below the upper bound 0.", "grader.range", "invalid_value"),
    ({**SCORE_MODEL, "model": "gpt-99"},
     "Invalid 'grader.model': model 'gpt-99' does not exist or cannot grade.", "grader.model", "invalid_value"),
    ({"type": "multi", "name": "m", "graders": {"a": STRING_CHECK}, "calculate_output": "a + b"},
     "Invalid 'grader.calculate_output': Invalid formula 'a + b': 'b' is not defined for expression 'a + b'",
     "grader.calculate_output", "invalid_value"),
    ({"type": "multi", "name": "m", "graders": {"a": STRING_CHECK}, "calculate_output": "__import__('os')"},
     "Invalid 'grader.calculate_output': Invalid formula \"__import__('os')\": Function '__import__' not "
     "defined, for expression '__import__('os')'.", "grader.calculate_output", "invalid_value"),
    ({"type": "multi", "name": "m", "graders": {"a": {**STRING_CHECK, "operation": 1}}, "calculate_output": "a"},
     "Invalid type for 'grader.graders.a.operation': expected a string, but got an integer instead.",
     "grader.graders.a.operation", "invalid_type"),
])
def test_validate_refuses_a_bad_grader_naming_its_param(
    sdk: openai.OpenAI, grader: dict[str, Any], message: str, param: str, code: str
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.alpha.graders.validate(grader=grader)  # type: ignore[arg-type]

    assert_api_error(caught, 400, message, param=param, code=code)


@pytest.mark.parametrize(("operation", "sample", "reward"), [
    ("eq", "Paris", 1.0), ("eq", "paris", 0.0), ("ne", "London", 1.0),
    ("like", "It is Paris.", 1.0), ("like", "It is PARIS.", 0.0), ("ilike", "It is PARIS.", 1.0),
])
def test_string_check_rewards_exactly(sdk: openai.OpenAI, operation: str, sample: str, reward: float) -> None:
    result = run(sdk, {**STRING_CHECK, "operation": operation}, sample, {"label": "Paris"})

    assert result.reward == reward
    assert (result.metadata.name, result.metadata.type) == ("label", "string_check")
    assert not any(value for value in result.metadata.errors.model_dump().values())
    assert (result.sub_rewards, result.api_model_grader_token_usage_per_model) == ({}, {})


@pytest.mark.parametrize(("metric", "reward"), [
    ("rouge_1", 5 / 6), ("rouge_2", 0.6), ("rouge_l", 5 / 6), ("gleu", 0.5), ("cosine", 0.875),
])
def test_text_similarity_metrics(sdk: openai.OpenAI, metric: str, reward: float) -> None:
    grader = {**SIMILARITY, "evaluation_metric": metric}

    result = run(sdk, grader, "The cat sat on the mat.", {"answer": "the cat is on the mat"})

    assert result.reward == pytest.approx(reward)


def test_identical_texts_score_one_on_every_computed_metric(sdk: openai.OpenAI) -> None:
    for metric in ("fuzzy_match", "bleu", "gleu", "cosine", "rouge_1", "rouge_3", "rouge_5", "rouge_l"):
        text = "one two three four five six seven"
        result = run(sdk, {**SIMILARITY, "evaluation_metric": metric}, text, {"answer": text})
        assert result.reward == pytest.approx(1.0), metric


def test_chinese_text_is_compared_character_by_character(sdk: openai.OpenAI) -> None:
    item = {"answer": "肺炎是一种肺部感染"}
    rouge = run(sdk, {**SIMILARITY, "evaluation_metric": "rouge_1"}, "肺炎是肺部的感染", item)
    bleu_same = run(sdk, {**SIMILARITY, "evaluation_metric": "bleu"}, "肺炎是一种肺部感染", item)
    match = run(sdk, {**STRING_CHECK, "reference": "{{item.answer}}"}, "肺炎是一种肺部感染", item)

    # 7 of the 8 sample characters are among the reference's 9: F1 = 2 * (7/8 * 7/9) / (7/8 + 7/9)
    assert rouge.reward == pytest.approx(14 / 17)
    assert bleu_same.reward == pytest.approx(1.0)
    assert match.reward == 1.0


def test_meteor_is_refused_without_wordnet(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        run(sdk, {**SIMILARITY, "evaluation_metric": "meteor"}, "a b", {"answer": "a c"})

    assert_api_error(caught, 400, "The 'meteor' metric needs NLTK's WordNet data, which this offline server does not "
                     "have (install it with `python -m nltk.downloader wordnet` on a machine that may download).",
                     param="grader", code="unsupported_metric")


def test_a_missing_item_field_is_an_invalid_variable_error(sdk: openai.OpenAI) -> None:
    result = run(sdk, STRING_CHECK, "Paris", {"other": "Paris"})

    assert result.reward == 0.0
    assert result.metadata.errors.invalid_variable_error is True


def test_output_json_of_a_non_json_sample_is_a_sample_parse_error(sdk: openai.OpenAI) -> None:
    grader = {**STRING_CHECK, "input": "{{sample.output_json.city}}"}

    good = run(sdk, grader, '{"city": "Paris"}', {"label": "Paris"})
    bad = run(sdk, grader, "Paris", {"label": "Paris"})

    assert good.reward == 1.0
    assert (bad.reward, bad.metadata.errors.sample_parse_error) == (0.0, True)


def test_score_model_is_deterministic_and_reports_token_usage(sdk: openai.OpenAI) -> None:
    item = {"reference_answer": "fuzzy wuzzy was a bear"}

    right = run(sdk, SCORE_MODEL, "fuzzy wuzzy was a bear", item)
    wrong = run(sdk, SCORE_MODEL, "completely unrelated words here", item)

    assert right.reward == 10.0 and wrong.reward < 5.0
    assert run(sdk, SCORE_MODEL, "completely unrelated words here", item).reward == wrong.reward
    assert right.metadata.sampled_model_name == "gpt-4o-mini"
    usage = right.api_model_grader_token_usage_per_model["gpt-4o-mini"]
    assert usage["total_tokens"] == right.metadata.token_usage
    assert usage["prompt_tokens"] > 10


def test_multi_combines_sub_rewards_with_its_formula(sdk: openai.OpenAI) -> None:
    grader = {"type": "multi", "name": "both", "calculate_output": "0.25 * label + 0.75 * max(sim, 0) ^ 2",
              "graders": {"label": STRING_CHECK, "sim": {**SIMILARITY, "evaluation_metric": "rouge_1"}}}

    result = run(sdk, grader, "a b", {"label": "a b", "answer": "a c"})

    assert result.sub_rewards == {"label": 1.0, "sim": 0.5}
    assert result.reward == pytest.approx(0.25 + 0.75 * 0.5 ** 2)  # `^` binds tighter than `*` and `+`


def test_python_grader_is_refused_without_the_flag(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        run(sdk, PYTHON, "Paris", {"label": "Paris"})

    assert_api_error(caught, 400, "Python graders are disabled on this server: they run the caller's code on it. "
                     "Start it with --allow-python-graders (MOCKSERVER_ALLOW_PYTHON_GRADERS=true) to allow them.",
                     param="grader", code="python_graders_disabled")


@pytest.fixture
def python_sdk(start_server: Callable[..., LiveServer]) -> openai.OpenAI:
    server = start_server(allow_python_graders=True, python_grader_timeout=2)
    return sdk_client(server.base_url, API_KEY)


def test_python_grader_runs_with_the_flag(python_sdk: openai.OpenAI) -> None:
    assert run(python_sdk, PYTHON, "Paris", {"label": "Paris"}).reward == 1.0
    assert run(python_sdk, PYTHON, "Lyon", {"label": "Paris"}).reward == 0.25


def test_python_grader_errors_and_timeouts_are_runtime_errors(python_sdk: openai.OpenAI) -> None:
    raising = {**PYTHON, "source": "def grade(sample, item):\n    return item['missing']\n"}
    looping = {**PYTHON, "source": "def grade(sample, item):\n    while True:\n        pass\n"}

    raised = run(python_sdk, raising, "Paris", {"label": "Paris"})
    timed_out = run(python_sdk, looping, "Paris", {"label": "Paris"})

    assert (raised.reward, raised.metadata.errors.python_grader_runtime_error) == (0.0, True)
    assert "KeyError: 'missing'" in (raised.metadata.errors.python_grader_runtime_error_details or "")
    assert timed_out.metadata.errors.python_grader_runtime_error is True
    assert timed_out.metadata.errors.python_grader_runtime_error_details == (
        "The grader did not finish within 2 seconds.")


def test_run_requires_a_string_model_sample(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.alpha.graders.run(grader=STRING_CHECK, model_sample=3)  # type: ignore

    assert_api_error(caught, 400, "Invalid type for 'model_sample': expected a string, but got an integer instead.",
                     param="model_sample", code="invalid_type")


LABEL_MODEL = {"type": "label_model", "name": "mood", "model": "gpt-4o-mini", "labels": ["positive", "negative"],
               "passing_labels": ["positive"], "input": [{"role": "user", "content": "{{sample.output_text}}"}]}


def test_label_model_inside_multi_passes_on_the_label_most_like_the_sample(sdk: openai.OpenAI) -> None:
    grader = {"type": "multi", "name": "m", "graders": {"mood": LABEL_MODEL}, "calculate_output": "mood"}

    passing = run(sdk, grader, "positive", {})
    failing = run(sdk, grader, "negative!", {})

    assert (passing.reward, failing.reward) == (1.0, 0.0)
    assert passing.api_model_grader_token_usage_per_model["gpt-4o-mini"]["completion_tokens"] == 1


def test_validate_refuses_passing_labels_outside_the_labels(sdk: openai.OpenAI) -> None:
    grader = {"type": "multi", "name": "m", "calculate_output": "mood",
              "graders": {"mood": {**LABEL_MODEL, "passing_labels": ["neutral"]}}}

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.alpha.graders.validate(grader=grader)  # type: ignore[arg-type]

    assert_api_error(caught, 400, "Invalid 'grader.graders.mood.passing_labels': 'neutral' is not one of the labels.",
                     param="grader.graders.mood.passing_labels", code="invalid_value")
