r"""Token counts of short ASCII texts from tiktoken's own split, each piece's count remembered.

tiktoken encodes a text piece by piece: its regex (the encoding's `pat_str`) splits the text, and each
piece is one rank or is byte-pair merged on its own. So a text's count is the sum of its pieces' counts,
and a piece's count never changes. Requests are made of the same words again and again: counted here, a
new text costs a regex split and a dict lookup a piece, and tiktoken only sees pieces it has not seen. In a
server its call ran with its tables out of the CPU caches, and cost the rest of the request their places in
them: counting new questions this way served 1.06x the paraphrases a second (A/B under wrk, bench/chat.py's
paraphrase load).

For ASCII text, the patterns of cl100k_base and o200k_base transcribe exactly into Python's `re`:
- `\p{L}` is [A-Za-z]; for o200k_base `\p{Lu}` is [A-Z], `\p{Ll}` is [a-z], and `\p{Lt}`, `\p{Lm}`, `\p{Lo}`
  and `\p{M}` have no ASCII member;
- `\p{N}` is [0-9];
- `\s` is Unicode's White_Space, [\t\n\v\f\r ] (not Python's `\s`, which also takes \x1c-\x1f);
- `$` is the end of the text, `\Z` (Python's `$` also matches before a last newline).
Both engines backtrack and take the first alternative that matches, and possessive quantifiers mean the
same in both (Python 3.11+). A transcription is used only while its encoding's pattern is the one it was
made from. tests/test_token_pieces.py compares the counts with tiktoken's.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

_WHITE = r"\t\n\x0b\x0c\r "  # Unicode White_Space within ASCII
_NOT_WHITE = f"[^{_WHITE}]"

# encoding name → (tiktoken's pattern, its ASCII transcription)
ASCII_PATTERNS: dict[str, tuple[str, str]] = {
    "cl100k_base": (
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|"""
        r"""\s*[\r\n]|\s+(?!\S)|\s""",
        rf"""'(?i:[sdmt]|ll|ve|re)|[^\r\nA-Za-z0-9]?+[A-Za-z]++|[0-9]{{1,3}}+| ?[^{_WHITE}A-Za-z0-9]++[\r\n]*+|"""
        rf"""[{_WHITE}]++\Z|[{_WHITE}]*[\r\n]|[{_WHITE}]+(?!{_NOT_WHITE})|[{_WHITE}]""",
    ),
    "o200k_base": (
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|"""
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|"""
        r"""\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
        r"""[^\r\nA-Za-z0-9]?[A-Z]*[a-z]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|"""
        r"""[^\r\nA-Za-z0-9]?[A-Z]+[a-z]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|"""
        rf"""[0-9]{{1,3}}| ?[^{_WHITE}A-Za-z0-9]+[\r\n/]*|[{_WHITE}]*[\r\n]+|[{_WHITE}]+(?!{_NOT_WHITE})|[{_WHITE}]+""",
    ),
}
# Pieces kept per encoding; past that the memo starts again empty. Longer pieces are counted, not kept.
MAX_PIECES = 16384
MAX_KEPT_PIECE_CHARS = 64


class PieceCounter:
    """One encoding's counts of ASCII texts: its split transcribed, its pieces' counts remembered."""

    def __init__(self, encoding: tiktoken.Encoding, pattern: str) -> None:
        self._split = re.compile(pattern).findall
        self._encode_piece = encoding._core_bpe.encode_single_piece
        self._counts: dict[str, int] = {}

    def count(self, text: str) -> int:
        """`len(encoding.encode_ordinary(text))` of an ASCII `text`."""
        counts = self._counts
        total = 0
        for piece in self._split(text):
            count = counts.get(piece)
            if count is None:
                count = len(self._encode_piece(piece.encode("ascii")))
                if len(piece) <= MAX_KEPT_PIECE_CHARS:
                    if len(counts) >= MAX_PIECES:
                        counts.clear()
                    counts[piece] = count
            total += count
        return total


@functools.cache  # encodings are built once per process (core/tokens.py `get_encoding`)
def piece_counter(encoding: tiktoken.Encoding) -> PieceCounter | None:
    """The encoding's counter of ASCII texts; None when its pattern is not one transcribed here."""
    known = ASCII_PATTERNS.get(encoding.name)
    if known is None or encoding._pat_str != known[0]:
        return None
    return PieceCounter(encoding, known[1])
