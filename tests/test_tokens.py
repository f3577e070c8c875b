"""Token counting: real tiktoken encodings loaded offline, the cookbook message rule, model→encoding."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tiktoken

from mockserver.core import tokens

REPO_ROOT = Path(__file__).resolve().parent.parent
CL100K = tokens.get_encoding("cl100k_base")
O200K = tokens.get_encoding("o200k_base")

# The cookbook's examples (How_to_count_tokens_with_tiktoken) with its published counts.
COOKBOOK_MESSAGES = [
    {"role": "system", "content": "You are a helpful, pattern-following assistant that translates corporate jargon "
     "into plain English."},
    {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
    {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
    {"role": "system", "name": "example_user", "content": "Let's circle back when we have more bandwidth to touch "
     "base on opportunities for increased leverage."},
    {"role": "system", "name": "example_assistant", "content": "Let's talk later when we're less busy about how to "
     "do better."},
    {"role": "user", "content": "This late pivot means we don't have time to boil the ocean for the client "
     "deliverable."},
]
COOKBOOK_TOOLS = [{"type": "function", "function": {
    "name": "get_current_weather",
    "description": "Get the current weather in a given location",
    "parameters": {"type": "object", "required": ["location"], "properties": {
        "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
        "unit": {"type": "string", "description": "The unit of temperature to return",
                 "enum": ["celsius", "fahrenheit"]}}}}}]
COOKBOOK_TOOL_MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant that can answer to questions about the weather."},
    {"role": "user", "content": "What's the weather like in San Francisco?"},
]


def test_encode_hello_world_gives_known_cl100k_ids() -> None:
    assert CL100K.encode("hello world") == [15339, 1917]


def test_encode_hello_world_gives_known_o200k_ids() -> None:
    assert O200K.encode("hello world") == [24912, 2375]


@pytest.mark.parametrize(("encoding", "count"), [(CL100K, 11), (O200K, 7)], ids=["cl100k", "o200k"])
def test_count_text_chinese_matches_tiktoken(encoding: object, count: int) -> None:
    assert tokens.count_text(encoding, "我想问一下高血压") == count  # type: ignore[arg-type]


def test_count_text_treats_special_token_text_as_plain_text() -> None:
    assert tokens.count_text(CL100K, "<|endoftext|>") == len(CL100K.encode_ordinary("<|endoftext|>")) == 7


def test_count_messages_single_message_follows_hand_computation() -> None:
    # 3 per message + "system" (1) + "hello world" (2) + 3 reply priming
    assert tokens.count_messages(CL100K, [{"role": "system", "content": "hello world"}]) == 9


def test_count_messages_name_adds_one_plus_its_tokens() -> None:
    plain = tokens.count_messages(CL100K, [{"role": "user", "content": "hello world"}])
    named = tokens.count_messages(CL100K, [{"role": "user", "name": "bob", "content": "hello world"}])
    assert named - plain == 1 + tokens.count_text(CL100K, "bob")


def test_count_messages_text_parts_count_like_a_string() -> None:
    parts = [{"type": "text", "text": "hello"}, {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
             {"type": "text", "text": " world"}]
    as_parts = tokens.count_messages(O200K, [{"role": "user", "content": parts}])
    assert as_parts == 3 + 1 + tokens.count_text(O200K, "hello") + tokens.count_text(O200K, " world") + 3


def test_count_messages_tool_calls_count_name_and_arguments() -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'}}
    count = tokens.count_messages(O200K, [{"role": "assistant", "content": None, "tool_calls": [call]}])
    expected = 3 + tokens.count_text(O200K, "assistant") + tokens.count_text(O200K, "get_weather") + \
        tokens.count_text(O200K, '{"city":"Paris"}') + 3
    assert count == expected


@pytest.mark.parametrize(("encoding", "count"), [(CL100K, 129), (O200K, 124)], ids=["gpt-3.5/4", "gpt-4o"])
def test_count_messages_matches_cookbook_example(encoding: object, count: int) -> None:
    assert tokens.count_messages(encoding, COOKBOOK_MESSAGES) == count  # type: ignore[arg-type]


@pytest.mark.parametrize(("encoding", "count"), [(CL100K, 105), (O200K, 101)], ids=["gpt-3.5/4", "gpt-4o"])
def test_count_messages_with_tools_matches_cookbook_example(encoding: object, count: int) -> None:
    counted = tokens.count_messages(encoding, COOKBOOK_TOOL_MESSAGES, tools=COOKBOOK_TOOLS)  # type: ignore[arg-type]
    assert counted == count


def test_count_messages_functions_cost_the_same_as_tools() -> None:
    functions = [COOKBOOK_TOOLS[0]["function"]]
    assert tokens.count_messages(O200K, COOKBOOK_TOOL_MESSAGES, functions=functions) == 101


def test_count_groups_equals_per_text_counts_on_tricky_boundaries() -> None:
    rng = random.Random(7)
    alphabet = ["a", "Z", " ", "  ", "\n", "\r\n", "1", "23", "'s", ".", "!?", "é", "我", "\t", "<|", "|>", "😀"]
    groups = [["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(rng.randint(0, 4))]
              for _ in range(400)]
    expected = [sum(tokens.count_text(O200K, text) for text in group) for group in groups]
    assert tokens.count_groups(O200K, groups) == expected


def test_count_groups_counts_a_repeated_text_in_every_group_and_every_time() -> None:
    system = "You are a helpful assistant."
    groups = [[system, "Hi"], [system, system], [], ["", system, "<|endoftext|>", system]]
    expected = [sum(tokens.count_text(CL100K, text) for text in group) for group in groups]
    assert tokens.count_groups(CL100K, groups) == expected


def test_count_groups_counts_special_token_text_as_plain_text() -> None:
    groups = [["a <|endoftext|> b", "c"], ["<|endofprompt|>"], ["plain"]]
    expected = [sum(tokens.count_text(CL100K, text) for text in group) for group in groups]
    assert tokens.count_groups(CL100K, groups) == expected


@pytest.mark.parametrize(("model", "encoding"), [
    ("gpt-4o-mini-2024-07-18", "o200k_base"),
    ("gpt-4o", "o200k_base"),
    ("chatgpt-4o-latest", "o200k_base"),
    ("gpt-4.1-2025-04-14", "o200k_base"),
    ("ft:gpt-4.1-nano-2025-04-14:openai::BTz2REMH", "o200k_base"),
    ("ft:gpt-4o-mini-2024-07-18:org:sfx:abc12345:ckpt-step-10", "o200k_base"),
    ("o4-mini-2025-04-16", "o200k_base"),
    ("o1", "o200k_base"),
    ("o3-mini", "o200k_base"),
    ("gpt-5-mini", "o200k_base"),
    ("gpt-4-0613", "cl100k_base"),
    ("gpt-4-turbo", "cl100k_base"),
    ("gpt-3.5-turbo-0125", "cl100k_base"),
    ("ft:gpt-3.5-turbo-0613:acmr:recipe-ner:7rOJnQow", "cl100k_base"),
    ("babbage-002", "cl100k_base"),
    ("davinci-002", "cl100k_base"),
    ("text-embedding-3-small", "cl100k_base"),
])
def test_encoding_name_for_model_maps_family(model: str, encoding: str) -> None:
    assert tokens.encoding_name_for_model(model) == encoding


@pytest.mark.parametrize("model", ["llama-3", "ft:mystery:org::abc", "", "curie"])
def test_encoding_name_for_model_unknown_raises(model: str) -> None:
    with pytest.raises(tokens.UnknownModelError):
        tokens.encoding_name_for_model(model)


def test_get_encoding_returns_the_same_object_twice() -> None:
    assert tokens.get_encoding("o200k_base") is tokens.get_encoding("o200k_base")


def test_get_encoding_unknown_name_raises() -> None:
    with pytest.raises(ValueError, match="Unsupported encoding"):
        tokens.get_encoding("p50k_base")


def test_load_bundled_bpe_hash_mismatch_raises() -> None:
    url = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
    with pytest.raises(tokens.EncodingFileError, match="Hash mismatch"):
        tokens.load_bundled_bpe(url, expected_hash="0" * 64)


def test_load_bundled_bpe_unknown_file_raises() -> None:
    with pytest.raises(tokens.EncodingFileError, match="No bundled encoding file"):
        tokens.load_bundled_bpe("https://example.test/encodings/r50k_base.tiktoken")


def test_get_encoding_cold_cache_works_with_sockets_blocked(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import socket

        class NoSocket(socket.socket):
            def __init__(self, *args, **kwargs):
                raise OSError("network disabled for this test")

        def refuse(*args, **kwargs):
            raise OSError("network disabled for this test")

        socket.socket = NoSocket
        socket.create_connection = refuse
        from mockserver.core import tokens
        cl100k = tokens.get_encoding("cl100k_base")
        o200k = tokens.get_encoding("o200k_base")
        assert cl100k.encode("hello world") == [15339, 1917], cl100k.encode("hello world")
        assert o200k.encode("hello world") == [24912, 2375], o200k.encode("hello world")
        print("offline ok")
    """)
    env = {"TIKTOKEN_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
                            check=False, cwd=REPO_ROOT)
    assert (result.returncode, result.stdout.strip()) == (0, "offline ok"), result.stderr


# OpenAI's published examples for gpt-4o (vision guide, "Calculating costs"), plus the edges of the rule.
@pytest.mark.parametrize(
    ("width", "height", "detail", "expected"),
    [
        (1024, 1024, "high", 765),  # shortest side 1024 → 768×768: 4 tiles
        (2048, 4096, "high", 1105),  # → 1024×2048 → 768×1536: 6 tiles
        (4096, 8192, "low", 85),
        (4096, 8192, "auto", 1105),  # auto is counted as high
        (1, 1, "high", 255),  # never scaled up: one tile
        (512, 512, "high", 255),
        (513, 512, "high", 425),
        (3000, 2000, "high", 1105),  # → 2048×1365 → 1152×768: 6 tiles
    ],
)
def test_image_tokens_follow_the_tile_rule(width: int, height: int, detail: str, expected: int) -> None:
    assert tokens.image_tokens(width, height, detail) == expected


def test_count_each_counts_texts_joined_in_one_call_as_each_alone() -> None:
    """Texts are counted in one tiktoken call, joined by a special token (core/tokens.py `count_each`): a lone
    surrogate, special-token text and a text longer than a chunk are each counted on their own instead."""
    rng = random.Random(11)
    words = ["hello", " world", "\n\n", "  ", "小孩发烧", "怎么办？", "😀", "1234567", "'ll", "\t", "é", ""]
    texts = ["".join(rng.choices(words, k=rng.randint(0, 9))) for _ in range(300)]
    texts += ["lone \ud800 surrogate", "a <|endoftext|> b", "x " * (tokens.CHUNK_CHARS // 2 + 10), ""]
    for encoding in (CL100K, O200K):
        assert tokens.count_each(encoding, texts) == [tokens.count_text(encoding, text) for text in texts]
        assert tokens.count_each(encoding, texts[:-4]) == [tokens.count_text(encoding, text) for text in texts[:-4]]


def test_count_each_joins_at_most_about_a_chunk_of_text_a_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many medium texts (a long line of short messages) are counted a chunk at a time, not in one huge call."""
    texts = [f"message {number}: " + "word " * 2_000 for number in range(150)]  # ~1.5 M characters
    expected = [tokens.count_text(CL100K, text) for text in texts]
    calls: list[int] = []
    count_joined = tokens._count_joined

    def recorded(encoding: tiktoken.Encoding, joined: list[str]) -> list[int]:
        calls.append(sum(map(len, joined)))
        return count_joined(encoding, joined)

    monkeypatch.setattr(tokens, "_count_joined", recorded)

    assert tokens.count_each(CL100K, texts) == expected
    assert len(calls) > 1
    assert max(calls) <= tokens.CHUNK_CHARS + 10_100
