"""Lexical terms of a text: lowercased words, and character unigrams + bigrams for CJK scripts."""

from __future__ import annotations

import re
import unicodedata

# Scripts written without spaces between words: Han (with extensions and compatibility ideographs),
# Hiragana, Katakana (and its phonetic extensions) and Hangul (syllables and jamo).
CJK_RANGES = (
    "\u1100-\u11ff"  # Hangul jamo
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3130-\u318f"  # Hangul compatibility jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # Han extension A
    "\u4e00-\u9fff"  # Han unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # Han compatibility ideographs
    "\U00020000-\U0003134f"  # Han extensions B-H
)
# A run of CJK characters, or a run of other letters/digits (underscore splits words: get_weather).
_TOKEN = re.compile(f"([{CJK_RANGES}]+)|([^\\W_{CJK_RANGES}]+)")
_ASCII_WORD = re.compile("[a-z0-9]+")
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")


def lexical_terms(text: str) -> list[str]:
    """Terms in text order: casefolded words; for a CJK run, its characters, then its adjacent pairs.

    NFKC first, so full-width letters and digits match their ASCII forms. No stop words are
    removed: BM25's idf already makes words found in every example weigh next to nothing.
    """
    if text.isascii():
        # Fast path, same result: NFKC and casefold leave ASCII as lower() does, and no CJK is possible.
        return _ASCII_WORD.findall(text.lower())
    terms: list[str] = []
    for run, word in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        if word:
            terms.append(word.casefold())
            continue
        terms.extend(run)
        terms.extend(run[i:i + 2] for i in range(len(run) - 1))
    return terms


def cjk_share(text: str) -> float:
    """The share of CJK characters among the text's letters and digits (0.0 for an empty text)."""
    letters = sum(map(str.isalnum, text))
    if not letters:
        return 0.0
    return len(_CJK_CHAR.findall(text)) / letters
