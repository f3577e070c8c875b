"""BM25's arithmetic, in one place: every index (in memory or stored) computes its weights with these."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt

K1 = 1.5
B = 0.75


def idf(n_docs: int, df: int) -> float:
    """ln(1 + (N − n + 0.5) / (n + 0.5))."""
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def unseen_idf(n_docs: int) -> float:
    """The idf of a term no example has (n = 0): the most idf can be."""
    return idf(n_docs, 0)


def norm(length: int, average: float) -> float:
    """A document's length normalisation, k1 · (1 − b + b · length / average)."""
    return K1 * (1 - B + B * length / average) if average else K1


def weight(term_idf: float, tf: int, doc_norm: float) -> float:
    """A term's BM25 weight in a document where it occurs `tf` times."""
    return term_idf * tf * (K1 + 1) / (tf + doc_norm)


def weights(term_idf: float, docs: Iterable[int], tfs: Iterable[int], norms: Sequence[float]) -> Iterator[float]:
    """`weight` in each document of a postings list (written out: this is the hot loop of a stored index)."""
    k1_plus_1 = K1 + 1
    return (term_idf * tf * k1_plus_1 / (tf + norms[doc]) for doc, tf in zip(docs, tfs, strict=True))


def weight_array(term_idf: float | npt.NDArray[np.float64], docs: npt.NDArray[np.intc], tfs: npt.NDArray[np.intc],
                 norms: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """`weights` in numpy: the same operations in the same order on doubles, so the same bits (`term_idf`: one,
    or each posting's)."""
    frequencies = tfs.astype(np.float64)
    return term_idf * frequencies * (K1 + 1) / (frequencies + norms[docs])


def max_weight(term_idf: float, shortest: Iterable[tuple[int, int]], average: float) -> float:
    """A term's largest weight, from the shortest document length seen with each of its term frequencies.

    For a given tf the weight only falls as the document grows, so the shortest document with that tf
    has the largest: the result is exactly the maximum over all the term's documents.
    """
    return max(weight(term_idf, tf, norm(length, average)) for tf, length in shortest)


def weight_arrays(term_idfs: Sequence[float], docs: Sequence[npt.NDArray[np.intc]],
                  tfs: Sequence[npt.NDArray[np.intc]], norms: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """`weight_array` of many postings lists (one idf each) in one pass: the same operations on each item, so the
    same bits; each list's weights an array of its own (not a view keeping the others')."""
    sizes = [len(term_docs) for term_docs in docs]
    if not sum(sizes):
        return [np.empty(0) for _ in sizes]
    idfs = np.repeat(np.asarray(term_idfs, dtype=np.float64), sizes)
    weights = weight_array(idfs, np.concatenate(docs), np.concatenate(tfs), norms)
    return [part.copy() for part in np.split(weights, np.cumsum(sizes)[:-1])]
