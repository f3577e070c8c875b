"""Which postings of a common term take part in the ranking: its impact list.

A term found in more than IMPACT_POSTINGS examples (of one flag) weighs only in the IMPACT_POSTINGS of them
where its BM25 weight is largest (ties → the lower document); elsewhere the ranking counts it as absent
(coverage still sees every occurrence). A query then reads at most that many postings per term, however
large the training file: a word so common says little about which example is meant, and its best-weighted
examples (the shortest that have it, or have it most often) are where it says the most. A term with fewer
postings is ranked with all of them, so an index of no more examples than that ranks exactly as plain BM25,
and a larger one differs only where common terms decide between examples (a rare term's examples are all
candidates, each scored by every term it has within the lists).
"""

from __future__ import annotations

import heapq
import itertools
import operator
from array import array
from collections.abc import Iterable, Sequence
from itertools import repeat

from mockserver.responder import bm25

IMPACT_POSTINGS = 1024


def is_capped(postings: int) -> bool:
    """Whether a term with this many postings (of one flag) is ranked by its impact list only."""
    return postings > IMPACT_POSTINGS


def strongest(docs: Sequence[int], weights: Iterable[float]) -> list[int] | None:
    """The positions (ascending) of a postings list's IMPACT_POSTINGS largest weights, ties → the lower
    document; None when the list is not longer than that (all of it is ranked)."""
    if not is_capped(len(docs)):
        return None
    # C iterators but for nlargest's loop of float comparisons: a build selects from millions of postings
    weights = list(weights)
    least = heapq.nlargest(IMPACT_POSTINGS, weights)[-1]
    above = list(itertools.compress(range(len(weights)), map(operator.gt, weights, repeat(least))))
    tied = itertools.compress(range(len(weights)), map(operator.eq, weights, repeat(least)))  # documents ascending
    return sorted(above + list(itertools.islice(tied, IMPACT_POSTINGS - len(above))))


def impact_list(term_idf: float, docs: array[int], tfs: array[int],
                norms: Sequence[float]) -> tuple[array[int], array[int]]:
    """A common term's impact list from all its postings (of one flag): documents and frequencies."""
    positions = strongest(docs, bm25.weights(term_idf, docs, tfs, norms)) or range(len(docs))
    return array("i", map(docs.__getitem__, positions)), array("i", map(tfs.__getitem__, positions))
