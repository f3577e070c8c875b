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

from mockserver.responder.index import TrainingIndex, ranking_order
from mockserver.responder.index_data import LazyIndexData, TermStats


class StoredTrainingIndex(TrainingIndex):
    """A `TrainingIndex` answering from stored rows (`LazyIndexData`)."""

    data: LazyIndexData

    def __init__(self, data: LazyIndexData) -> None:
        super().__init__(data)

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
        # dense up to the highest document ranked: 8 bytes an example, zeroed in C (a 1M-example index: 8 MB, ~1 ms)
        scores = np.bincount(np.concatenate(docs), np.concatenate(contributions))
        return int(np.argmax(scores))  # the first of the highest: ties → the lowest document
