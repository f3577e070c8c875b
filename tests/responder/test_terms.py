"""Lexical terms: words for spaced scripts, character unigrams and bigrams for CJK."""

from __future__ import annotations

import pytest

from mockserver.responder.terms import cjk_share, lexical_terms, stem


def test_terms_of_english_are_lowercased_stemmed_words() -> None:
    assert lexical_terms("What's the Capital of FRANCE?") == ["what", "s", "the", "capital", "of", "franc"]


@pytest.mark.parametrize("forms", [("boil", "boils", "boiling", "boiled"), ("planet", "planets"),
                                   ("make", "making"), ("stop", "stopped"), ("box", "boxes"),
                                   ("country", "countries"), ("glass", "glasses")])
def test_stem_of_inflected_forms_is_the_same(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1


@pytest.mark.parametrize("word", ["this", "is", "was", "string", "gpt4", "мир"])
def test_stem_keeps_short_and_unsuffixed_words(word: str) -> None:
    assert stem(word) == word


def test_terms_split_words_at_underscores_and_punctuation() -> None:
    assert lexical_terms("get_weather(city='Paris')") == ["get", "weather", "city", "paris"]


def test_terms_of_cyrillic_are_casefolded_words() -> None:
    assert lexical_terms("Привет, МИР") == ["привет", "мир"]


def test_terms_of_full_width_characters_match_ascii() -> None:
    assert lexical_terms("ＧＰＴ４") == lexical_terms("GPT4") == ["gpt4"]


def test_terms_of_chinese_are_unigrams_then_bigrams() -> None:
    assert lexical_terms("发烧吗") == ["发", "烧", "吗", "发烧", "烧吗"]


def test_terms_of_mixed_text_keep_numbers_between_cjk_runs() -> None:
    assert lexical_terms("发烧38.5度") == ["发", "烧", "发烧", "38", "5", "度"]


@pytest.mark.parametrize(("text", "expected"), [
    ("こんにちは", ["こ", "ん", "に", "ち", "は", "こん", "んに", "にち", "ちは"]),
    ("안녕", ["안", "녕", "안녕"]),
])
def test_terms_of_kana_and_hangul_are_character_ngrams(text: str, expected: list[str]) -> None:
    assert lexical_terms(text) == expected


def test_terms_of_ascii_fast_path_equal_the_general_path() -> None:
    text = "Weather in Paris, 2024? ok_then"
    assert lexical_terms(text) == lexical_terms(text + " é")[:-1]


def test_terms_of_punctuation_only_text_are_empty() -> None:
    assert lexical_terms("?!… —") == []


@pytest.mark.parametrize(("text", "share"), [("", 0.0), ("abc", 0.0), ("发烧", 1.0), ("ab发烧", 0.5)])
def test_cjk_share_counts_cjk_letters(text: str, share: float) -> None:
    assert cjk_share(text) == share
