"""Strings built from regular expressions match them."""

from __future__ import annotations

import re

import pytest

from mockserver.responder.regex_sample import sample

PATTERNS = [
    r"^[a-z]+$", r"^\d{3}-\d{4}$", r"^(foo|bar)-[A-Z]{2,}$", r"^[^0-9]+$", r"^\w+@\w+\.com$", r"(ab)\1",
    r"^#[0-9a-fA-F]{6}$", r"^\S+$", r"^[\u4e00-\u9fff]+$", r"^a.c$", r"^x*?y+$", r"^(?:ab){2}$", r"\bword\b",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_sample_matches_the_pattern(pattern: str) -> None:
    text = sample(pattern)
    assert text is not None and re.search(pattern, text)


def test_sample_with_stretch_repeats_more() -> None:
    assert sample(r"^[a-z]+$", stretch=3) == "aaaa"


def test_sample_respects_the_repeat_maximum() -> None:
    assert sample(r"^a{1,2}$", stretch=5) == "aa"


def test_sample_of_invalid_pattern_is_none() -> None:
    assert sample("(unclosed") is None


def test_sample_of_unsatisfied_lookahead_is_none() -> None:
    assert sample(r"^(?=.*\d).{3}$") is None
