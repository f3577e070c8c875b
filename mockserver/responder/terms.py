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


# English function words: in a small training set even these are rare enough to get a high idf, so
# they would let "What is the capital of Germany?" cover "What's the capital of France?". Coverage
# ignores them (ranking does not); a question made only of them covers nothing and falls back.
STOP_WORDS = frozenset("""
a about am an and are as at be been but by can could did do does for from had has have he her him his how i
if in is it its me my no not of on or our please s she so t than that the their them then there these they
this those to us was we were what when where which who whom why will with would you your
""".split())
# Chinese function characters and words (particles, pronouns, question words, 怎么办/怎么回事…): like
# STOP_WORDS, shared by unrelated questions ("今天天气怎么样？") and so ignored by coverage.
CJK_STOP_TERMS = frozenset("办回事做完的了吗呢吧啊呀是在有和与就都也还要会能我你您他她它们这那个么什怎样为不没很太一点"
                           "请问想给把被得地着过又再该应") | frozenset(
    "什么 怎么 怎样 为什么 如何 可以 我们 你们 这个 那个 有点 一下 没有 应该 需要 要不 不要".split())
STOP_TERMS = frozenset(map(stem, STOP_WORDS)) | CJK_STOP_TERMS
