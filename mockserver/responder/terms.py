"""Lexical terms of a text: lowercased (English: lightly stemmed) words, and character unigrams + bigrams for CJK."""

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
_VOWEL = re.compile("[aeiouy]")
STEM_CACHE_SIZE = 65536
_STEMS: dict[str, str] = {}  # word → stem; a plain dict is the cheapest lookup on the request path


def lexical_terms(text: str) -> list[str]:
    """Terms in text order: casefolded words; for a CJK run, its characters, then its adjacent pairs.

    NFKC first, so full-width letters and digits match their ASCII forms. No stop words are
    removed: BM25's idf already makes words found in every example weigh next to nothing.
    ASCII words are stemmed (`stem`), so "boiling" finds "boil".
    """
    if text.isascii():
        # Fast path, same result: NFKC and casefold leave ASCII as lower() does, and no CJK is possible.
        stems = _STEMS
        return [stems.get(word) or stem(word) for word in _ASCII_WORD.findall(text.lower())]
    terms: list[str] = []
    for run, word in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        if word:
            terms.append(stem(word.casefold()))
            continue
        terms.extend(run)
        terms.extend(run[i:i + 2] for i in range(len(run) - 1))
    return terms


def stem(word: str) -> str:
    """A light English stem: plural -s/-es/-ies, then -ing/-ed, then a final -e ("making", "make" → "mak").

    Not Porter: only the inflections that make a paraphrase miss its example. Both the index and the
    request go through it, so a stem only has to be the same for related forms, not a real word.
    """
    stemmed = _STEMS.get(word)
    if stemmed is None:
        # Words left as they are (short, digits, other scripts) are cached too: they are most of a question.
        stemmed = word if len(word) <= 3 or not (word.isascii() and word.isalpha()) else _stem(word)
        if len(_STEMS) >= STEM_CACHE_SIZE:
            _STEMS.clear()
        _STEMS[word] = stemmed
    return stemmed


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[:-len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            word = base[:-1] if base[-1] == base[-2] and base[-1] not in "lsz" else base  # stopp(ed) → stop
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def is_cjk(term: str) -> bool:
    """Whether a term is a CJK character or character pair (not a word)."""
    return _CJK_CHAR.match(term) is not None


def cjk_share(text: str) -> float:
    """The share of CJK characters among the text's letters and digits (0.0 for an empty text)."""
    letters = sum(map(str.isalnum, text))
    if not letters:
        return 0.0
    return cjk_count(text) / letters


def cjk_count(text: str) -> int:
    """How many CJK characters the text has."""
    return len(_CJK_CHAR.findall(text))
