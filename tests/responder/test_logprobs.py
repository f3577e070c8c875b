"""Simulated logprobs: the real shape, stable per seed, sorted alternatives."""

from __future__ import annotations

import tiktoken

from mockserver.responder.logprobs import MAX_TOP_LOGPROBS, logprobs_for


def test_logprobs_for_same_seed_are_the_same(o200k: tiktoken.Encoding) -> None:
    tokens = o200k.encode("Hello world")
    assert logprobs_for(tokens, o200k, top=3, seed=1) == logprobs_for(tokens, o200k, top=3, seed=1)


def test_logprobs_for_other_seed_differ(o200k: tiktoken.Encoding) -> None:
    tokens = o200k.encode("Hello world")
    assert logprobs_for(tokens, o200k, top=3, seed=1) != logprobs_for(tokens, o200k, top=3, seed=2)


def test_logprobs_for_top_alternatives_are_distinct_and_descending(cl100k: tiktoken.Encoding) -> None:
    (entry,) = logprobs_for(cl100k.encode("Hi"), cl100k, top=MAX_TOP_LOGPROBS, seed=9)["content"]
    alternatives = entry["top_logprobs"]
    assert len(alternatives) == MAX_TOP_LOGPROBS
    assert len({bytes(alt["bytes"]) for alt in alternatives}) == MAX_TOP_LOGPROBS
    assert [alt["logprob"] for alt in alternatives] == sorted((alt["logprob"] for alt in alternatives), reverse=True)


def test_logprobs_for_top_above_twenty_is_capped(o200k: tiktoken.Encoding) -> None:
    (entry,) = logprobs_for(o200k.encode("Hi"), o200k, top=50, seed=0)["content"]
    assert len(entry["top_logprobs"]) == MAX_TOP_LOGPROBS


def test_logprobs_for_no_tokens_are_an_empty_list(o200k: tiktoken.Encoding) -> None:
    assert logprobs_for([], o200k, top=2, seed=0) == {"content": [], "refusal": None}
