"""Base models' rules: the shipped responses.json, rule order, model globs, defaults and load errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockserver.responder.rules import DEFAULT_REPLIES, ResponseRules, Rule, RulesError
from tests.responder.conftest import ask

RESPONSES = Path(__file__).resolve().parents[2] / "fixtures" / "responses.json"


@pytest.fixture(scope="module")
def shipped() -> ResponseRules:
    return ResponseRules.load(RESPONSES)


@pytest.mark.parametrize(("text", "reply"), [
    ("Hello there!", "Hello! How can I help you today?"),
    ("你好", "你好！有什么可以帮你的吗？"),
    ("Say this is a test", "This is a test."),
    ("What's the capital of France?", "The capital of France is Paris."),
    ("法国的首都是哪里？", "法国的首都是巴黎。"),
    ("Please reply with JSON.", '{"answer": "This is a mock JSON reply.", "model": "gpt-4o-mini"}'),
    ("repeat after me: blue fish", "blue fish"),
])
def test_answer_of_shipped_rules_matches_the_message(shipped: ResponseRules, text: str, reply: str) -> None:
    answer = shipped.answer(ask(text, model="gpt-4o-mini"))
    assert (answer.content, answer.source) == (reply, "rule")


def test_answer_of_rule_limited_to_models_skips_other_models(shipped: ResponseRules) -> None:
    assert shipped.answer(ask("Think step by step", model="gpt-4o-mini")).source == "default"
    assert shipped.answer(ask("Think step by step", model="o3-mini")).source == "rule"


def test_answer_uses_the_first_matching_rule() -> None:
    rules = ResponseRules([Rule(pattern="a", reply="first"), Rule(pattern="a", reply="second")])
    assert rules.answer(ask("a")).content == "first"


def test_answer_matches_the_last_user_message_only() -> None:
    rules = ResponseRules([Rule(pattern="^hello", reply="hi")])
    request = ask("something else", system="hello")
    assert rules.answer(request).source == "default"


def test_answer_of_rule_ignores_case() -> None:
    assert ResponseRules([Rule(pattern="paris", reply="ok")]).answer(ask("PARIS?")).content == "ok"


def test_answer_of_default_names_the_model_and_quotes_the_message() -> None:
    answer = ResponseRules().answer(ask("Who invented the radio?", model="gpt-4.1-mini"))
    assert answer.source == "default"
    assert "gpt-4.1-mini" in answer.content and "Who invented the radio" in answer.content  # type: ignore[operator]


def test_answer_of_default_is_the_same_for_the_same_request() -> None:
    assert ResponseRules().answer(ask("Why?", seed=1)) == ResponseRules().answer(ask("Why?", seed=1))


def test_answer_of_default_phrasing_changes_with_seed() -> None:
    replies = {ResponseRules().answer(ask("Why is the sky blue?", seed=seed)).content for seed in range(12)}
    assert len(replies) == len(DEFAULT_REPLIES["en"])


def test_answer_of_default_to_chinese_message_is_chinese() -> None:
    assert "天空为什么是蓝色的" in ResponseRules().answer(ask("天空为什么是蓝色的？")).content  # type: ignore[operator]


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "responses.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_of_bad_pattern_names_the_rule(tmp_path: Path) -> None:
    path = write(tmp_path, {"rules": [{"pattern": "ok", "reply": "x"}, {"pattern": "(oops", "reply": "y"}]})
    with pytest.raises(RulesError, match=r"rules\[1\] \(pattern '\(oops'\).*invalid regular expression"):
        ResponseRules.load(path)


def test_load_of_rule_without_reply_names_the_field(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"rules\[0\] \(pattern 'hi'\) field 'reply': Field required"):
        ResponseRules.load(write(tmp_path, {"rules": [{"pattern": "hi"}]}))


def test_load_of_unknown_key_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="field 'replies'"):
        ResponseRules.load(write(tmp_path, {"rules": [{"pattern": "hi", "reply": "x", "replies": []}]}))


def test_load_of_invalid_json_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "responses.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(RulesError, match="Cannot load response rules"):
        ResponseRules.load(path)


def test_load_with_defaults_replaces_the_default_phrasings(tmp_path: Path) -> None:
    rules = ResponseRules.load(write(tmp_path, {"rules": [], "defaults": {"en": ["$model says no."]}}))
    assert rules.answer(ask("Why?", model="gpt-4o")).content == "gpt-4o says no."
