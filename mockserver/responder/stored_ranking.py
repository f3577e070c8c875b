"""A stored index's ranking: its query terms' ranked lists summed in numpy rather than in dicts.

Each list is at most IMPACT_POSTINGS long (impacts.py), so summing all of them costs some microseconds a
term, where `TrainingIndex._best`'s dicts cost a Python operation a posting: a Chinese question brings dozens
of common terms (characters and pairs), and a stored index's lists are full. The result is the same example:
MaxScore only skips documents that cannot win, and here each document's score is the same additions in the
same order (`ranking_order`; `np.bincount` adds its weights in input order), ties going to the lowest.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from mockserver.responder.index import FEW_CANDIDATES, TrainingIndex, ranking_order
from mockserver.responder.index_data import LazyIndexData, TermStats


class StoredTrainingIndex(TrainingIndex):
    """A `TrainingIndex` answering from stored rows (`LazyIndexData`)."""

    data: LazyIndexData

    def _best(self, weighted_terms: Sequence[tuple[str, float]], after_tool: bool, stats: TermStats) -> int | None:
        docs, contributions = [], []
        order = ranking_order(weighted_terms, stats)
        self.data.read_lists((term for term, _ in order), after_tool)
        for term, q in order:
            term_docs, weights = self.data.ranked_arrays(term, after_tool)
            docs.append(term_docs)
            contributions.append(q * weights)
        if not any(map(len, docs)):
            return None
        bounds = [q * stats[term][1] for term, q in order]
        if 0 < len(docs[0]) <= FEW_CANDIDATES and contributions[0].max() > sum(bounds[1:]) * (1 + 1e-9):
            return _best_of_first(docs, contributions)
        # dense up to the highest document ranked: 8 bytes an example, zeroed in C (a 1M-example index: 8 MB, ~1 ms)
        scores = np.bincount(np.concatenate(docs), np.concatenate(contributions))
        return int(np.argmax(scores))  # the first of the highest: ties → the lowest document

    def found_weight(self, doc: int, after_tool: bool, question_terms: Sequence[str], stats: TermStats,
                     enough: float) -> float:
        """`TrainingIndex.found_weight`, probing the stored postings of common terms (those found neither in
        their impact lists nor in the example's own question), the weightiest first, only while the sum could
        still reach `enough`; below it, the weight found so far."""
        found, unsure = self.data.found_unprobed(doc, after_tool, question_terms)
        certain = sum(stats[term][0] for term in found)
        left = sum(stats[term][0] for term in unsure)
        for term in sorted(unsure, key=lambda term: -stats[term][0]):
            if (certain + left) * (1 + 1e-9) < enough:
                return certain
            left -= stats[term][0]
            if self.data.occurs(term, after_tool, doc):
                found.add(term)
                certain += stats[term][0]
        return sum(stats[term][0] for term in question_terms if term in found)  # in the order TrainingIndex sums


def _best_of_first(docs: list[npt.NDArray[np.intc]], contributions: list[npt.NDArray[np.float64]]) -> int:
    """The best of the first list's few documents, when no other can win (MaxScore: the first list's best
    already beats all the other terms could give a document): each scored by every list, in order."""
    candidates, scores = docs[0], contributions[0]
    for term_docs, term_contributions in zip(docs[1:], contributions[1:], strict=True):
        if not len(term_docs):
            continue
        at = np.minimum(np.searchsorted(term_docs, candidates), len(term_docs) - 1)
        scores = scores + np.where(term_docs[at] == candidates, term_contributions[at], 0.0)  # x + 0.0 is x
    return int(candidates[int(np.argmax(scores))])  # candidates ascending: ties → the lowest document
