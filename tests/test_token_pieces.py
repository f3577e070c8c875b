"""Counting ASCII texts from tiktoken's split transcribed into Python's `re`: every count equals tiktoken's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import tiktoken

from mockserver.core import token_pieces, tokens
from mockserver.core.token_pieces import ASCII_PATTERNS, PieceCounter, piece_counter

ENCODINGS = [tokens.get_encoding("cl100k_base"), tokens.get_encoding("o200k_base")]
ROOT = Path(__file__).resolve().parent.parent
# Where the two engines could part: contractions in every case, whitespace runs before words, at the end and
# before newlines, CRLF, digit runs (split in threes), punctuation before newlines and slashes (o200k_base),
# capitals inside words (o200k_base splits CamelCase), the characters Python's `\s` takes and Unicode's does
# not (\x1c-\x1f), other control characters, and the special tokens' text.
PIECES = [
    "a", "Zq", "word", "HELLO", "Hello", "hELLO", "CamelCase", " ", "  ", "   ", "\t", "\n", "\r", "\r\n",
    "\n\n", " \n", "\x0b", "\x0c", "\x1c", "\x1f", "\x00", "\x7f", "1", "23", "4567", "'s", "'S", "'ll", "'LL",
    "'Re", "'ve", "'d", "'M", "'t", "n't", "'", "\"", ".", ",", "!?", "...", "/", "//", "/\n", "(", ")", "-", "_",
    "x_y", "$", "<|endoftext|>", "<|fim_prefix|>",
]
EDGES = ["", " ", "  a", "a  ", "a \n", "a  \n ", "\n", " \r\n\r\n x", "it's", "IT'S", "they'LL go", "x'", "''s",
         "12345678", "1 234", "a/\nb", "a.\n\n", "\x1c\x1c word", "tab\tsep", "   \t  ", "<|endoftext|>"]


def random_texts(seed: int, count: int) -> list[str]:
    """Texts drawn from PIECES, and (one in three) from every ASCII character alike."""
    rng = random.Random(seed)
    every_character = [chr(code) for code in range(128)]
    return ["".join(rng.choices(every_character if number % 3 == 0 else PIECES, k=rng.randint(0, 30)))
            for number in range(count)]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.name)
def test_counts_equal_tiktokens_on_random_ascii_texts(encoding: tiktoken.Encoding) -> None:
    counter = piece_counter(encoding)
    assert counter is not None
    for text in [*EDGES, *random_texts(seed=5, count=20_000)]:
        assert counter.count(text) == len(encoding.encode_ordinary(text)), text


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.name)
def test_counts_equal_tiktokens_on_the_projects_own_ascii_text(encoding: tiktoken.Encoding) -> None:
    """Prose, code and JSON: the README, the fixtures and the package's sources, in slices of 900 characters."""
    counter = piece_counter(encoding)
    assert counter is not None
    files = [ROOT / "README.md", *sorted((ROOT / "fixtures").glob("*.json")),
             *sorted((ROOT / "mockserver" / "core").glob("*.py"))]
    slices = [text[start:start + 900] for path in files for text in [path.read_text(encoding="utf-8")]
              for start in range(0, len(text), 700)]
    ascii_slices = [text for text in slices if text.isascii()]
    assert len(ascii_slices) > 100
    for text in ascii_slices:
        assert counter.count(text) == len(encoding.encode_ordinary(text)), text


def test_a_transcription_serves_only_the_pattern_it_was_made_from() -> None:
    """An encoding of the same name whose pattern differs (another tiktoken's) is counted by tiktoken."""
    byte_ranks = {bytes([byte]): byte for byte in range(256)}
    for name, (upstream, _) in ASCII_PATTERNS.items():
        same = tiktoken.Encoding(name, pat_str=upstream, mergeable_ranks=byte_ranks, special_tokens={})
        changed = tiktoken.Encoding(name, pat_str=upstream + r"|\d", mergeable_ranks=byte_ranks, special_tokens={})
        assert isinstance(piece_counter(same), PieceCounter)
        assert piece_counter(changed) is None
    other = tiktoken.Encoding("gpt2_like", pat_str=r"\S+|\s+", mergeable_ranks=byte_ranks, special_tokens={})
    assert piece_counter(other) is None


def test_pieces_are_remembered_up_to_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(token_pieces, "MAX_PIECES", 3)
    encoding = ENCODINGS[0]
    counter = PieceCounter(encoding, ASCII_PATTERNS["cl100k_base"][1])
    long_word = "x" * (token_pieces.MAX_KEPT_PIECE_CHARS + 1)
    assert counter.count(f"one two {long_word}") == len(encoding.encode_ordinary(f"one two {long_word}"))
    assert set(counter._counts) == {"one", " two"}  # the long piece counted, not kept
    counter.count(" three four")
    assert len(counter._counts) <= 3
    assert counter.count("one two three") == len(encoding.encode_ordinary("one two three"))


def test_inference_counts_use_the_pieces_for_ascii_and_tiktoken_for_the_rest() -> None:
    encoding = tokens.get_encoding("cl100k_base")
    counter = piece_counter(encoding)
    assert counter is not None
    english, chinese = "Which comet passed the harbour lantern?", "孩子发烧了怎么办？"
    assert tokens.count_recurring_text(encoding, english) == len(encoding.encode_ordinary(english))
    assert " lantern" in counter._counts
    assert tokens.count_recurring_text(encoding, chinese) == len(encoding.encode_ordinary(chinese))
    assert not any(piece in counter._counts for piece in ("孩子", "发烧"))
