"""The fallback reply: the training answers' language and length, stable per question and seed."""

from __future__ import annotations

import pytest

from mockserver.responder.fallback import PHRASINGS, AnswerStyle, gist, language_of


@pytest.mark.parametrize(("text", "language"), [
    ("Paris, of course.", "en"),
    ("血压150/95毫米汞柱属于高血压1级。", "zh"),
    ("それはお答えできません。", "ja"),
    ("잘 모르겠습니다.", "ko"),
    ("Привет, мир", "en"),
])
def test_language_of_text_follows_its_script(text: str, language: str) -> None:
    assert language_of(text) == language


def test_style_of_answers_takes_median_length_and_shared_whitespace() -> None:
    style = AnswerStyle.of([" chat\n", " chien\n", " maison\n"])
    assert style == AnswerStyle(language="en", median_chars=5, lead=" ", trail="\n")


def test_style_of_no_answers_is_plain_english() -> None:
    assert AnswerStyle.of(["", "  "]) == AnswerStyle()


def test_reply_of_short_style_is_a_short_phrasing() -> None:
    assert AnswerStyle(median_chars=5).reply("Who are you?", seed=None) in PHRASINGS["en"]["short"]


def test_reply_of_long_style_quotes_the_question() -> None:
    assert '"Who are you"' in AnswerStyle(median_chars=200).reply("Who are you?", seed=None)


def test_reply_is_the_same_for_the_same_question_and_seed() -> None:
    style = AnswerStyle(language="zh", median_chars=100)
    assert style.reply("今天天气怎么样？", seed=3) == style.reply("今天天气怎么样？", seed=3)


def test_reply_varies_with_the_seed() -> None:
    style = AnswerStyle(median_chars=200)
    assert len({style.reply("Who are you?", seed=seed) for seed in range(20)}) > 1


def test_gist_of_long_english_question_keeps_eight_words() -> None:
    assert gist("one two three four five six seven eight nine ten?") == "one two three four five six seven eight…"


def test_gist_of_chinese_question_keeps_sixteen_characters() -> None:
    assert gist("孩子发烧38.5度，可以吃布洛芬吗？还能吃别的吗") == "孩子发烧38.5度，可以吃布洛芬…"


@pytest.mark.parametrize(("question", "expected"), [
    ("我最近总是头晕，血压测出来是150/95，需要吃药吗？", "我最近总是头晕，血压测出来是…"),
    ("请问体检报告TI-RADS分级是什么意思？", "请问体检报告TI-RADS分级是…"),
])
def test_gist_of_chinese_question_never_cuts_a_number_or_latin_word(question: str, expected: str) -> None:
    assert gist(question) == expected


@pytest.mark.parametrize("question", ["How do I learn Python programming from scratch as a beginner?",
                                      "What's the capital of France and of Germany and of Spain?"])
def test_reply_of_chinese_style_quotes_an_english_question_by_whole_words(question: str) -> None:
    reply = AnswerStyle(language="zh", median_chars=200).reply(question, seed=None)
    quoted = reply.split("“")[1].split("”")[0]
    assert quoted.endswith("…")
    assert question.startswith(quoted.removesuffix("…") + " ")


@pytest.mark.parametrize("question", ["Who are you?", "今天天气怎么样？"])
def test_gist_of_short_question_is_whole_without_ellipsis(question: str) -> None:
    assert gist(question) == question.rstrip("?？")
