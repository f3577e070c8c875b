"""The pure part of simulated prompt caching: the prompt's ids in reading order, cache boundaries, prefix hashes."""

from __future__ import annotations

from typing import Any

import pytest

from mockserver.core import tokens
from mockserver.core.prompt_cache import cache_boundaries, prefix_hashes, prompt_ids
from tests.chat_support import cookbook_prompt_tokens, tiktoken_encoding

ENCODING = tokens.get_encoding("o200k_base")


def long_messages(words: int, *, last: str = "") -> list[dict[str, Any]]:
    return [{"role": "system", "content": "You count apples."},
            {"role": "user", "content": "apple" + " apple" * (words - 1) + last}]


@pytest.mark.parametrize("messages", [
    long_messages(1500),
    [{"role": "user", "content": "Hi", "name": "ann"}, {"role": "assistant", "content": "Hello there."}],
], ids=["text", "with-name"])
def test_prompt_ids_of_text_messages_are_as_many_as_the_cookbook_counts(messages: list[dict[str, Any]]) -> None:
    assert len(prompt_ids(ENCODING, messages)) == cookbook_prompt_tokens(tiktoken_encoding("o200k_base"), messages)


def test_cache_boundaries_start_at_1024_in_steps_of_128() -> None:
    assert (list(cache_boundaries(1023)), list(cache_boundaries(1300))) == ([], [1024, 1152, 1280])


def test_prefix_hashes_are_shared_up_to_where_prompts_differ() -> None:
    # About 1110 tokens in, the prompts differ by one word; both go on to about 1420 tokens.
    first = prefix_hashes(prompt_ids(ENCODING, long_messages(1100, last=" pear" + " apple" * 300)), limit=10_000)
    second = prefix_hashes(prompt_ids(ENCODING, long_messages(1100, last=" plum" + " apple" * 300)), limit=10_000)

    assert sorted(first[h] for h in first.keys() & second.keys()) == [1024]
    assert max(first.values()) == max(second.values()) == 1408


def test_prefix_hashes_stop_at_the_limit() -> None:
    assert max(prefix_hashes(prompt_ids(ENCODING, long_messages(1500)), limit=1100).values()) == 1024


def test_prefix_hashes_of_tools_differ_from_those_without() -> None:
    tools = [{"type": "function", "function": {"name": "count", "parameters": {"type": "object"}}}]
    with_tools = prefix_hashes(prompt_ids(ENCODING, long_messages(1200), tools), limit=10_000)

    assert not with_tools.keys() & prefix_hashes(prompt_ids(ENCODING, long_messages(1200)), limit=10_000).keys()
