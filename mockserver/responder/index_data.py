"""Where a training index's numbers come from: all in memory, or read from stored rows as a query needs them.

Both give the ranking (`TrainingIndex`) the same weights, computed with `bm25` from the same term
frequencies and document lengths, so an index answers alike whichever way it was loaded.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import orjson

from mockserver.responder import Answer, bm25
from mockserver.responder.impacts import strongest
from mockserver.responder.index_build import IndexChunk, IndexSummary
from mockserver.responder.terms import STOP_TERMS

TermStats = dict[str, tuple[float, float]]  # term → (idf, largest weight)
RankedArrays = tuple[npt.NDArray[np.intc], npt.NDArray[np.float64], float]
QUERY_CACHE_POSTINGS = 1_000_000  # 8 MB of a lazy index's postings kept during one query
LIST_OVERHEAD_BYTES = 400  # a kept ranked list's objects besides its arrays' items
BISECT_SHARE = 16  # weights of fewer documents than a 16th of a postings list's are found by bisection


def answer_to_json(answer: Answer) -> bytes:
    return orjson.dumps([answer.content, list(answer.tool_calls), answer.function_call])


def answer_from_json(data: bytes | str) -> Answer:
    content, tool_calls, function_call = orjson.loads(data)
    return Answer(content=content, tool_calls=tuple(tool_calls), function_call=function_call, source="training")


class IndexData(Protocol):
    """What the ranking reads. Postings are split by the example's flag (answers a tool result or not)."""

    summary: IndexSummary
    postings_read: int  # how many postings the queries so far have read (a measure of their work)

    def reading(self) -> AbstractContextManager[Any] | None:
        """Around one query, so its reads see one state of the index; None when there is nothing to read."""
        ...

    def exact(self, keys: Sequence[str]) -> int | None:
        """The document of the first key (in `keys` order) that the index has."""
        ...

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        """idf and largest weight of each term the index has (others are left out)."""
        ...

    def read_lists(self, terms: Iterable[str], after_tool: bool) -> None:
        """Get these terms' ranked lists ready (a stored index reads them together)."""
        ...

    def ranked_arrays(self, term: str, after_tool: bool) -> RankedArrays:
        """The documents with this flag that the term is ranked in (ascending), its weight in each (all that
        have it, or a common term's impact list: impacts.py), and the largest of those weights (0.0 for
        none); not to be changed."""
        ...

    def in_prompt(self, doc: int, after_tool: bool, terms: Sequence[str]) -> list[str]:
        """Those of the terms that the example's prompt has (the example has this flag), impact lists or not."""
        ...

    def question(self, doc: int) -> tuple[frozenset[str], float]:
        """The example's own question (its last user turn) as its terms that are not STOP_TERMS, and the sum
        of their idf."""
        ...

    def answer(self, doc: int) -> Answer: ...

    def answers(self) -> list[Answer]:
        """Every example's answer, in file order (reads them all: for tests and tools)."""
        ...


class MemoryIndexData:
    """An index held in memory: an `IndexSink` for the builder (or for rows read back from storage), and
    once finished, an `IndexData` with every weight computed up front."""

    def __init__(self) -> None:
        self.summary = IndexSummary()
        self._answers: list[Answer] = []
        self._lengths: list[int] = []
        self._questions: list[tuple[str, ...]] = []
        self._exact: dict[str, int] = {}
        self._tfs: dict[tuple[str, bool], tuple[array[int], array[int]]] = {}
        self._stats: TermStats = {}
        # every ranked list's documents and weights, one after another; a list's span in them and largest weight
        self._ranked_docs: npt.NDArray[np.intc] = np.empty(0, dtype=np.intc)
        self._ranked_weights: npt.NDArray[np.float64] = np.empty(0)
        self._ranked: dict[tuple[str, bool], tuple[int, int, float]] = {}
        self._forward: list[dict[str, float]] = []
        self._own: list[tuple[frozenset[str], float]] = []
        self.postings_read = 0

    # -- as a sink ---------------------------------------------------------------------------
    def add(self, chunk: IndexChunk) -> None:
        for document in chunk.documents:
            self._answers.append(document.answer)
            self._lengths.append(document.length)
            self._questions.append(document.question)
        for key, doc in chunk.exact.items():
            self._exact.setdefault(key, doc)
        for row in chunk.postings:
            lists = self._tfs.setdefault((row.term, row.after_tool), (array("i"), array("i")))
            lists[0].extend(row.docs)
            lists[1].extend(row.tfs)

    def finish(self, summary: IndexSummary) -> None:
        self.summary = summary
        norms = [bm25.norm(length, summary.average_length) for length in self._lengths]
        df: Counter[str] = Counter()
        for (term, _), (docs, _) in self._tfs.items():
            df[term] += len(docs)
        idf = {term: bm25.idf(summary.documents, count) for term, count in df.items()}
        max_weight: dict[str, float] = {}
        self._forward = [{} for _ in self._lengths]
        ranked_docs: array[int] = array("i")
        ranked_weights: array[float] = array("d")
        for (term, flag), (docs, tfs) in self._tfs.items():
            weights = list(bm25.weights(idf[term], docs, tfs, norms))
            max_weight[term] = max(max_weight.get(term, 0.0), max(weights))
            for doc, weight in zip(docs, weights, strict=True):
                self._forward[doc][term] = weight
            positions = strongest(docs, weights)
            if positions is not None:
                docs = array("i", map(docs.__getitem__, positions))
                weights = [weights[position] for position in positions]
            self._ranked[term, flag] = (len(ranked_docs), len(ranked_docs) + len(docs), max(weights))
            ranked_docs.extend(docs)
            ranked_weights.extend(weights)
        self._ranked_docs = np.frombuffer(ranked_docs, dtype=np.intc)
        self._ranked_weights = np.frombuffer(ranked_weights, dtype=np.float64)
        self._ranked_docs.flags.writeable = self._ranked_weights.flags.writeable = False  # shared by every query
        self._tfs.clear()
        self._stats = {term: (term_idf, max_weight[term]) for term, term_idf in idf.items()}
        owns = ({term: idf[term] for term in question if term not in STOP_TERMS and term in idf}
                for question in self._questions)
        self._own = [(frozenset(own), sum(own.values())) for own in owns]  # in the question's (sorted) order
        self._questions.clear()

    # -- as index data -----------------------------------------------------------------------
    def reading(self) -> AbstractContextManager[Any] | None:
        return None

    def exact(self, keys: Sequence[str]) -> int | None:
        for key in keys:
            doc = self._exact.get(key)
            if doc is not None:
                return doc
        return None

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        stats = self._stats
        return {term: found for term in terms if (found := stats.get(term)) is not None}

    def read_lists(self, terms: Iterable[str], after_tool: bool) -> None:
        pass

    def ranked_arrays(self, term: str, after_tool: bool) -> RankedArrays:
        start, stop, most = self._ranked.get((term, after_tool), (0, 0, 0.0))
        self.postings_read += stop - start
        return self._ranked_docs[start:stop], self._ranked_weights[start:stop], most

    def in_prompt(self, doc: int, after_tool: bool, terms: Sequence[str]) -> list[str]:
        forward = self._forward[doc]
        return [term for term in terms if term in forward]

    def question(self, doc: int) -> tuple[frozenset[str], float]:
        return self._own[doc]

    def answer(self, doc: int) -> Answer:
        return self._answers[doc]

    def answers(self) -> list[Answer]:
        return list(self._answers)


class IndexRows(Protocol):
    """Stored rows of one index, read on demand (the store implements it)."""

    def reading(self) -> AbstractContextManager[Any]: ...

    def exact_docs(self, keys: Sequence[str]) -> dict[str, int]: ...

    def term_stats(self, terms: Sequence[str]) -> TermStats: ...

    def ranked_postings(self, term: str, after_tool: bool) -> tuple[array[int], array[int], bool]:
        """The documents with this flag the term is ranked in (ascending), its frequency in each, and whether
        they are a common term's impact list rather than all its postings."""
        ...

    def ranked_postings_of(self, terms: Sequence[str],
                           after_tool: bool) -> dict[str, tuple[array[int], array[int], bool]]:
        """`ranked_postings` of each of the terms the index has (read together)."""
        ...

    def occurring(self, terms: Sequence[str], after_tool: bool, doc: int) -> set[str]:
        """Those of the terms that occur in one document with this flag."""
        ...

    def document(self, doc: int) -> tuple[list[str], bytes]:
        """(question terms, answer as `answer_to_json` wrote it)."""
        ...


def document_norms(lengths: Iterable[int], summary: IndexSummary) -> array[float]:
    """Each document's BM25 length normalisation, in document order."""
    average = summary.average_length
    return array("d", (bm25.norm(length, average) for length in lengths))


@dataclass
class RankedList:
    """A term's ranked postings (of one flag, impacts.py) as a query ranks with them: the documents
    (ascending), the term's frequency in each, whether they are a common term's impact list, and, for the
    weights (BM25, `weights`: computed when first needed, then kept), the term's idf and the index's norms."""

    docs: array[int]
    tfs: array[int]
    capped: bool
    term_idf: float
    norms: Sequence[float] = field(repr=False)
    _weights: npt.NDArray[np.float64] | None = field(default=None, compare=False, repr=False)
    _most: float | None = field(default=None, compare=False, repr=False)

    @property
    def bytes(self) -> int:
        """About what the list takes, with its weights."""
        return (self.docs.itemsize + self.tfs.itemsize + 8) * len(self.docs) + LIST_OVERHEAD_BYTES

    def doc_array(self) -> npt.NDArray[np.intc]:
        """The documents as a numpy array (a view of `docs`)."""
        return np.frombuffer(self.docs, dtype=np.intc)

    def weights(self) -> npt.NDArray[np.float64]:
        if self._weights is None:
            self._weights = bm25.weight_array(self.term_idf, self.doc_array(), np.frombuffer(self.tfs, dtype=np.intc),
                                              np.asarray(self.norms, dtype=np.float64))
        return self._weights

    def set_weights(self, weights: npt.NDArray[np.float64]) -> None:
        """The weights, computed by the caller as `weights` would (bm25.weight_arrays)."""
        self._weights = weights

    def weight_in(self, doc: int) -> float:
        """The weight in one document (0.0 where the term is not ranked), found by bisection."""
        at = bisect.bisect_left(self.docs, doc)
        if at == len(self.docs) or self.docs[at] != doc:
            return 0.0
        return float(bm25.weight(self.term_idf, self.tfs[at], self.norms[doc]))

    @property
    def most(self) -> float:
        """The largest weight (0.0 for an empty list)."""
        if self._most is None:
            self._most = float(self.weights().max()) if len(self.docs) else 0.0
        return self._most


class ListCache(Protocol):
    """Ranked lists kept from one query to the next (a process's, bounded), by (term, after_tool)."""

    def get(self, key: tuple[str, bool]) -> RankedList | None: ...

    def put(self, key: tuple[str, bool], value: RankedList) -> None: ...


class LazyIndexData:
    """An index read from its stored rows, only what a query touches: the exact keys it asks for, the
    statistics and postings of its terms, the question and answer of the examples it picks. For one
    request (its rows come through the request's connection); `norms` are kept per process, and so are the
    ranked lists of the terms queries use most when `lists` keeps them (common terms: the same few
    hundred lists answer most questions, so a query neither reads nor weighs them again)."""

    def __init__(self, summary: IndexSummary, norms: Sequence[float], rows: IndexRows,
                 lists: ListCache | None = None) -> None:
        self.summary = summary
        self.norms = norms
        self.rows = rows
        self.lists = lists
        self._stats: TermStats = {}
        self._missing: set[str] = set()
        self._ranked: dict[tuple[str, bool], RankedList] = {}
        self._cached_postings = 0
        self.postings_read = 0
        self._documents: dict[int, tuple[list[str], bytes]] = {}

    def reading(self) -> AbstractContextManager[Any]:
        return self.rows.reading()

    def exact(self, keys: Sequence[str]) -> int | None:
        found = self.rows.exact_docs(keys) if keys else {}
        return next((found[key] for key in keys if key in found), None)

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        wanted = list(dict.fromkeys(terms))
        unknown = [term for term in wanted if term not in self._stats and term not in self._missing]
        if unknown:
            fetched = self.rows.term_stats(unknown)
            self._stats.update(fetched)
            self._missing.update(term for term in unknown if term not in fetched)
        return {term: self._stats[term] for term in wanted if term in self._stats}

    def _ranked_list(self, term: str, after_tool: bool) -> RankedList:
        """A term's ranked list: kept for the query while they are few (QUERY_CACHE_POSTINGS in all), else
        read again when needed again; from `lists` when it has it, else read and weighed (and kept there)."""
        found = self._ranked.get((term, after_tool))
        if found is not None:
            return found
        found = self.lists.get((term, after_tool)) if self.lists is not None else None
        if found is None:
            found = self._new_list(term, after_tool, self.rows.ranked_postings(term, after_tool))
        return self._used(term, after_tool, found)

    def read_lists(self, terms: Iterable[str], after_tool: bool) -> None:
        """Read together the ranked lists of these terms that neither this query nor `lists` has yet."""
        wanted = [term for term in dict.fromkeys(terms) if (term, after_tool) not in self._ranked and (
            self.lists is None or self.lists.get((term, after_tool)) is None)]
        if not wanted:
            return
        read = self.rows.ranked_postings_of(wanted, after_tool)
        empty = (array("i"), array("i"), False)
        lists = [self._new_list(term, after_tool, read.get(term, empty), keep=False) for term in wanted]
        weights = bm25.weight_arrays([ranked.term_idf for ranked in lists], [ranked.doc_array() for ranked in lists],
                                     [np.frombuffer(ranked.tfs, dtype=np.intc) for ranked in lists],
                                     np.asarray(self.norms, dtype=np.float64))  # weighed together: fewer numpy calls
        for term, ranked, term_weights in zip(wanted, lists, weights, strict=True):
            ranked.set_weights(term_weights)
            if self.lists is not None:
                self.lists.put((term, after_tool), ranked)
            self._used(term, after_tool, ranked)

    def _new_list(self, term: str, after_tool: bool, postings: tuple[array[int], array[int], bool],
                  keep: bool = True) -> RankedList:
        docs, tfs, capped = postings
        found = RankedList(docs, tfs, capped, self.term_stats([term])[term][0] if docs else 0.0, self.norms)
        if keep and self.lists is not None:
            self.lists.put((term, after_tool), found)
        return found

    def _used(self, term: str, after_tool: bool, found: RankedList) -> RankedList:
        self.postings_read += len(found.docs)
        if self._cached_postings + len(found.docs) <= QUERY_CACHE_POSTINGS:
            self._ranked[term, after_tool] = found
            self._cached_postings += len(found.docs)
        return found

    def ranked_arrays(self, term: str, after_tool: bool) -> RankedArrays:
        found = self._ranked_list(term, after_tool)
        return found.doc_array(), found.weights(), found.most

    def weights_in(self, term: str, after_tool: bool, docs: Sequence[int]) -> list[float]:
        """The term's ranking weight in each of these documents (all with this flag); 0.0 where it does not
        occur, or, for a common term, outside its impact list."""
        if term not in self.term_stats([term]):
            return [0.0] * len(docs)
        ranked = self._ranked_list(term, after_tool)
        if len(docs) * BISECT_SHARE > len(ranked.docs):  # many documents: all the (at most IMPACT_POSTINGS) weights
            return list(map(dict(zip(ranked.docs, ranked.weights().tolist(), strict=True)).get, docs, repeat(0.0)))
        return [ranked.weight_in(doc) for doc in docs]  # a few documents: found by bisection

    def _document(self, doc: int) -> tuple[list[str], bytes]:
        found = self._documents.get(doc)
        if found is None:
            found = self._documents[doc] = self.rows.document(doc)
        return found

    def in_prompt(self, doc: int, after_tool: bool, terms: Sequence[str]) -> list[str]:
        found, unsure = self.found_unprobed(doc, after_tool, terms)
        self.postings_read += len(unsure)  # one stored posting probed for each
        found |= self.rows.occurring(unsure, after_tool, doc) if unsure else set()
        return [term for term in terms if term in found]

    def found_unprobed(self, doc: int, after_tool: bool, terms: Sequence[str]) -> tuple[set[str], list[str]]:
        """Those of the terms the example's prompt has for sure: ranked there (a term's weight is positive
        wherever it is ranked) or in its own question; and those a stored posting must be probed for (`occurs`):
        common terms outside their impact lists. Terms the index does not have are in neither."""
        known = self.term_stats(terms)
        own = set(self._document(doc)[0])
        found = {term for term in terms if term in known and (
            term in own or self.weights_in(term, after_tool, [doc])[0] > 0.0)}
        unsure = [term for term in terms if term in known and term not in found
                  and self._ranked_list(term, after_tool).capped]
        return found, unsure

    def occurs(self, term: str, after_tool: bool, doc: int) -> bool:
        """Whether a term occurs in a document (one stored posting probed)."""
        self.postings_read += 1
        return bool(self.rows.occurring([term], after_tool, doc))

    def question(self, doc: int) -> tuple[frozenset[str], float]:
        own = self.term_stats(term for term in self._document(doc)[0] if term not in STOP_TERMS)
        return frozenset(own), sum(term_idf for term_idf, _ in own.values())  # in the question's (sorted) order

    def answer(self, doc: int) -> Answer:
        return answer_from_json(self._document(doc)[1])

    def answers(self) -> list[Answer]:
        return [self.answer(doc) for doc in range(self.summary.documents)]
