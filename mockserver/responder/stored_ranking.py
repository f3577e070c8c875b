"""A stored index's ranking: `TrainingIndex`, with the coverage's postings probed only while they can matter."""

from __future__ import annotations

from collections.abc import Sequence

from mockserver.responder.index import TrainingIndex
from mockserver.responder.index_data import LazyIndexData, TermStats


class StoredTrainingIndex(TrainingIndex):
    """A `TrainingIndex` answering from stored rows (`LazyIndexData`)."""

    data: LazyIndexData

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
