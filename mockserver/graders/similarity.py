"""`text_similarity` metrics. Text is cut into tokens by `tokens()`: lower-cased words, punctuation dropped, and
each Chinese/Japanese character its own token (CJK text has no spaces between words: a character is the unit
that BLEU and ROUGE on CJK are usually computed on)."""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Callable

import regex
from rapidfuzz import fuzz

CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
TOKEN = regex.compile(rf"[{CJK}]|[^\W{CJK}]+")
MAX_LCS_TOKENS = 5000


class MetricUnavailable(Exception):
    """A metric this offline server cannot compute."""


def tokens(text: str) -> list[str]:
    found: list[str] = TOKEN.findall(text.lower())
    return found


def fuzzy_match(text: str, reference: str) -> float:
    """rapidfuzz's weighted ratio (its best of plain, partial and token-sorted ratios), over 100."""
    return float(fuzz.WRatio(text, reference)) / 100.0


def token_set_ratio(text: str, reference: str) -> float:
    """rapidfuzz's token-set ratio over 100: 1 when one text's words are all among the other's."""
    return float(fuzz.token_set_ratio(text, reference)) / 100.0


def bleu(text: str, reference: str) -> float:
    """NLTK's sentence BLEU (up to 4-grams, equal weights), smoothed (method 1) so that a short text with no
    matching 4-gram does not score exactly 0."""
    from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu  # ~19 MB: imported when first used

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(sentence_bleu([tokens(reference)], tokens(text),
                                   smoothing_function=SmoothingFunction().method1))


def gleu(text: str, reference: str) -> float:
    from nltk.translate.gleu_score import sentence_gleu  # ~19 MB: imported when first used

    return float(sentence_gleu([tokens(reference)], tokens(text)))


def meteor(text: str, reference: str) -> float:
    """METEOR matches synonyms through WordNet, which NLTK downloads: used when NLTK's data has it, else refused."""
    import nltk
    from nltk.translate.meteor_score import single_meteor_score

    try:
        nltk.data.find("corpora/wordnet")
    except LookupError:
        raise MetricUnavailable(
            "The 'meteor' metric needs NLTK's WordNet data, which this offline server does not have "
            "(install it with `python -m nltk.downloader wordnet` on a machine that may download)."
        ) from None
    return float(single_meteor_score(tokens(reference), tokens(text)))


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def _f1(overlap: int, produced: int, expected: int) -> float:
    if overlap == 0:
        return 0.0
    precision, recall = overlap / produced, overlap / expected
    return 2 * precision * recall / (precision + recall)


def rouge_n(n: int) -> Callable[[str, str], float]:
    """ROUGE-N's F-measure, as Google's rouge-score computes it (that package drops CJK characters, so the
    formula is applied here to `tokens()`)."""
    def score(text: str, reference: str) -> float:
        produced, expected = _ngrams(tokens(text), n), _ngrams(tokens(reference), n)
        overlap = sum((produced & expected).values())
        return _f1(overlap, sum(produced.values()), sum(expected.values()))
    return score


def _lcs_length(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(text: str, reference: str) -> float:
    """ROUGE-L's F-measure: the longest common subsequence of tokens (quadratic: refused past MAX_LCS_TOKENS)."""
    produced, expected = tokens(text), tokens(reference)
    if max(len(produced), len(expected)) > MAX_LCS_TOKENS:
        raise MetricUnavailable(f"'rouge_l' is computed here for texts of at most {MAX_LCS_TOKENS:,} tokens.")
    return _f1(_lcs_length(produced, expected), len(produced), len(expected))


def cosine(text: str, reference: str) -> float:
    """A stand-in: the real metric compares embeddings, which an offline server has not got. This is the cosine
    of the two texts' token-count vectors: 1 for the same words, 0 for none in common."""
    a, b = Counter(tokens(text)), Counter(tokens(reference))
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return sum(a[word] * b[word] for word in a) / norm if norm else 0.0


METRICS: dict[str, Callable[[str, str], float]] = {
    "fuzzy_match": fuzzy_match, "bleu": bleu, "gleu": gleu, "meteor": meteor, "cosine": cosine,
    **{f"rouge_{n}": rouge_n(n) for n in range(1, 6)}, "rouge_l": rouge_l,
}
