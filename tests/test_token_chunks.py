"""Counting a long text in chunks: cut only where tiktoken splits anyway, so counts equal the whole text's."""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

import orjson
import pytest
import tiktoken

from mockserver.core import tokens
from mockserver.core.catalog import ModelCatalog
from mockserver.validation import validate_lines

CATALOG = ModelCatalog.load(Path(__file__).resolve().parent.parent / "fixtures" / "models.json")

ENCODINGS = [tokens.get_encoding("cl100k_base"), tokens.get_encoding("o200k_base")]
# Pieces that make tiktoken's regex hesitate: whitespace runs before words, newlines after punctuation,
# contractions, digit runs (split in threes), marks after letters, CJK with and without punctuation, emoji.
ALPHABET = [
    "a", "Zq", "word", " ", "  ", "   ", "\t", "\n", "\r\n", "\n\n", " \n", "\u00a0", "\u3000", "1", "23", "4567",
    "'s", "'S", "'ll", "'", "n't", ".", ",", "!?", "...", "/", "//", "(", ")", "-", "é", "e\u0301", "\u0301",
    "我", "想问", "，", "。", "、", "！", "ア", "한국어", "д", "ß", "ǅ", "😀", "👍🏽", "\u200d", "<|endoftext|>",
    "½", "٣", "_", "x_y", "\x1c", "\x85",
]


def tokens_by_chunks(encoding: tiktoken.Encoding, text: str, size: int) -> list[int]:
    return [token for chunk in tokens.text_chunks(text, size) for token in encoding.encode_ordinary(chunk)]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.name)
def test_chunks_tokenize_exactly_like_the_whole_text_on_random_strings(encoding: tiktoken.Encoding) -> None:
    rng = random.Random(11)
    for _ in range(1500):
        text = "".join(rng.choices(ALPHABET, k=rng.randint(0, 40)))
        size = rng.randint(1, 12)
        assert "".join(tokens.text_chunks(text, size)) == text
        assert tokens_by_chunks(encoding, text, size) == encoding.encode_ordinary(text), (text, size)


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.name)
def test_every_character_keeps_its_tokens_before_each_kind_of_cut(encoding: tiktoken.Encoding) -> None:
    """Assigned characters before a space, and letters or digits before a newline or punctuation (the cuts
    the rule allows), in texts cut at every allowed place: the tokens must not change. All characters of
    the alphabets, marks and punctuation blocks below U+3100, every 16th one above (to stay quick)."""
    assigned = [chr(c) for c in range(sys.maxunicode + 1)
                if (c < 0x3100 or c % 16 == 0) and unicodedata.category(chr(c)) not in ("Cn", "Cs")]
    before_space = "".join(f"{c} x" for c in assigned if not c.isspace())
    cuts = "\n.,;:!?、。！，：；？"
    before_punctuation = "".join(f"{c}{cuts[i % len(cuts)]}y" for i, c in enumerate(assigned) if c.isalnum())
    for text in (before_space, before_punctuation):
        assert len(list(tokens.text_chunks(text, 1))) > len(text) / 4  # cut at (nearly) every allowed place
        assert tokens_by_chunks(encoding, text, 1) == encoding.encode_ordinary(text)


@pytest.mark.parametrize("text", [" " * 5000, "\n" * 5000, "7" * 5000, "高" * 5000, "😀" * 5000, "a " + "b" * 5000])
def test_a_text_without_a_safe_cut_is_not_cut(text: str) -> None:
    chunks = list(tokens.text_chunks(text, 1000))
    assert len(chunks) <= 2 and "".join(chunks) == text


def test_count_text_never_hands_tiktoken_more_than_about_a_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100 MB message used to become one list of every token (about 1 GB): now it goes by chunks."""
    encoding = ENCODINGS[1]
    text = "Hello there, my friend. Mixed 我想问一下高血压，好吗。 2024-07-18 it's fine!\n" * 3000
    sizes: list[int] = []
    real = tokens._count_chunk

    def recording(enc: tiktoken.Encoding, chunk: str) -> int:
        sizes.append(len(chunk))
        return real(enc, chunk)

    monkeypatch.setattr(tokens, "CHUNK_CHARS", 4096)
    monkeypatch.setattr(tokens, "_count_chunk", recording)
    assert tokens.count_text(encoding, text) == len(encoding.encode_ordinary(text))
    assert len(sizes) > 20 and max(sizes) < 4096 + 100


def test_validating_one_huge_line_counts_it_in_chunks_with_the_exact_count(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = CATALOG.get("gpt-4o-mini-2024-07-18")
    encoding = tokens.get_encoding(spec.encoding)
    content = "Why is the sky blue? Because of Rayleigh scattering, 我想问一下，好吗。\n" * 5000
    messages = [{"role": "user", "content": "q"}, {"role": "assistant", "content": content}]
    lines = [orjson.dumps({"messages": messages}) + b"\n" for _ in range(3)]
    sizes: list[int] = []
    real = tokens._count_chunk

    def recording(enc: tiktoken.Encoding, chunk: str) -> int:
        sizes.append(len(chunk))
        return real(enc, chunk)

    monkeypatch.setattr(tokens, "CHUNK_CHARS", 16 * 1024)
    monkeypatch.setattr(tokens, "_count_chunk", recording)
    report = validate_lines(lines, spec=spec)
    texts = ("user", "q", "assistant", content)
    per_example = 3 + 3 + 3 + sum(len(encoding.encode_ordinary(text)) for text in texts)
    assert report.tokens is not None and report.tokens.total == 3 * per_example
    assert max(sizes) < 16 * 1024 + 100


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.name)
@pytest.mark.parametrize("text", ["a\ud800b", "<|endoftext|> and <|endofprompt|>", "", "x" * 10])
def test_count_text_is_the_length_of_encode_ordinary(encoding: tiktoken.Encoding, text: str) -> None:
    assert tokens.count_text(encoding, text) == len(encoding.encode_ordinary(text))
