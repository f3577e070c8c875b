"""Building a training index one example at a time, handing it on in bounded chunks (any file size fits).

The builder turns examples into rows: one per document (its answer, flag, length and question terms),
exact-match keys, and postings (term → documents and term frequencies). Every CHUNK_POSTINGS postings
(or CHUNK_TERMS distinct terms, or CHUNK_CHARS characters of answers) it hands a chunk to its sink and
forgets it, so its memory does not grow with the file. A sink keeps the rows: in memory
(`MemoryIndexData`) or in SQLite.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import orjson

from mockserver.responder import Answer, bm25
from mockserver.responder.examples import TrainingExample
from mockserver.responder.fallback import AnswerStyle, StyleTally
from mockserver.responder.terms import lexical_terms

FORMAT_VERSION = 5  # 2: English terms stemmed; 3: coverage of the example's question; 4: rows, not one blob;
# 5: common terms' impact lists (impacts.py)
CHUNK_POSTINGS = 150_000  # some 150 bytes of objects each: ~22 MB held by the building worker at most
CHUNK_TERMS = 50_000  # distinct terms, each some hundreds of bytes of objects
CHUNK_CHARS = 8_000_000
# Texts are indexed by their first characters only: a training example is truncated to the model's token
# limit (65,536 at most, some 300,000 characters), so more would only cost memory, not match anything.
MAX_INDEXED_CHARS = 1_000_000


class IndexFormatError(ValueError):
    """Stored index metadata that is not of this version."""


def indexed_terms(text: str) -> list[str]:
    """The terms an index keeps of a text, and a request is matched by: those of its first MAX_INDEXED_CHARS."""
    return lexical_terms(text if len(text) <= MAX_INDEXED_CHARS else text[:MAX_INDEXED_CHARS])


def exact_keys(after_tool: bool, digests: Sequence[str]) -> list[str]:
    """The exact-match keys of a prompt's `exact_digests`: kind (whole prompt, user turns, last user turn), flag
    and digest."""
    flag = int(after_tool)
    return [f"p{flag}:{digests[0]}", f"u{flag}:{digests[1]}", f"l{flag}:{digests[2]}"]


def exact_digests(prompt: Sequence[str], turns: Sequence[Sequence[str]]) -> tuple[str, str, str]:
    """64-bit digests (they keep the index small) of the normalised texts an exact match compares: the whole
    prompt, the user turns, the last user turn (the same text as the user turns when there is one)."""
    last = _digest(" ".join(turns[-1]))
    return _digest(" ".join(prompt)), last if len(turns) == 1 else _digest("\x1f".join(map(" ".join, turns))), last


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class DocumentRow:
    """One example as the index keeps it: `question` is its last user turn's distinct terms, sorted."""

    doc: int
    after_tool: bool
    length: int
    question: tuple[str, ...]
    answer: Answer


@dataclass(frozen=True)
class PostingsRow:
    """A term's documents in one chunk (ascending) and its frequency in each; `shortest` maps each
    frequency to the shortest of those documents, which is all a term's largest weight depends on."""

    term: str
    after_tool: bool
    docs: array[int]
    tfs: array[int]
    shortest: dict[int, int]


@dataclass(frozen=True)
class IndexChunk:
    number: int
    documents: list[DocumentRow]
    exact: dict[str, int]  # key → first document with it in this chunk
    postings: list[PostingsRow]


@dataclass(frozen=True)
class IndexSummary:
    """What is known only once every example is in: sizes, the answers' style, the flags present."""

    documents: int = 0
    total_length: int = 0
    postings: int = 0
    answer_chars: int = 0
    style: AnswerStyle = field(default_factory=AnswerStyle)
    plain: bool = False  # some example answers a user (no tool result before it)
    after_tool: bool = False  # some example answers a tool result

    @property
    def average_length(self) -> float:
        return self.total_length / self.documents if self.documents else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"v": FORMAT_VERSION, "documents": self.documents, "total_length": self.total_length,
                "postings": self.postings, "answer_chars": self.answer_chars, "style": self.style.to_dict(),
                "plain": self.plain, "after_tool": self.after_tool}

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_bytes(cls, data: bytes) -> IndexSummary:
        """The summary stored with an index; IndexFormatError for anything else (such as a blob of version 3)."""
        try:
            raw = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise IndexFormatError(f"Not a training index: {exc}") from exc
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: Any) -> IndexSummary:
        if not isinstance(raw, dict) or raw.get("v") != FORMAT_VERSION:
            version = raw.get("v") if isinstance(raw, dict) else None
            raise IndexFormatError(f"Unsupported training index version {version!r}")
        try:
            return cls(documents=raw["documents"], total_length=raw["total_length"], postings=raw["postings"],
                       answer_chars=raw["answer_chars"], style=AnswerStyle(**raw["style"]), plain=raw["plain"],
                       after_tool=raw["after_tool"])
        except (KeyError, TypeError) as exc:
            raise IndexFormatError(f"Not a training index: {exc}") from exc

    def term_weights(self, df: int, shortest: Iterable[tuple[int, int]]) -> tuple[float, float]:
        """A term's idf and largest weight, from its document frequency and `PostingsRow.shortest` merged."""
        term_idf = bm25.idf(self.documents, df)
        return term_idf, bm25.max_weight(term_idf, shortest, self.average_length)


class IndexSink(Protocol):
    def add(self, chunk: IndexChunk) -> None: ...

    def finish(self, summary: IndexSummary) -> None: ...


class IndexBuilder:
    """Feed examples in file order (`add`), then `finish`; the sink receives the chunks as they fill."""

    def __init__(self, sink: IndexSink, *, chunk_postings: int | None = None, chunk_chars: int | None = None) -> None:
        self.sink = sink
        self.chunk_postings = chunk_postings or CHUNK_POSTINGS
        self.chunk_chars = chunk_chars or CHUNK_CHARS
        self.style = StyleTally()
        self.n_docs = self.total_length = self.n_postings = self.answer_chars = 0
        self.flags = [False, False]  # some example without / with a tool result before it
        self.chunks = 0
        self._reset_chunk()

    def _reset_chunk(self) -> None:
        self.documents: list[DocumentRow] = []
        self.exact: dict[str, int] = {}
        self.postings: tuple[dict[str, tuple[list[int], list[int]]], ...] = ({}, {})
        self.buffered_postings = self.buffered_chars = 0

    def add_all(self, examples: Iterable[TrainingExample]) -> IndexSummary:
        for example in examples:
            self.add(example)
        return self.finish()

    def add(self, example: TrainingExample) -> None:
        doc, flag = self.n_docs, example.after_tool
        terms = indexed_terms(example.prompt_text)
        turns = [indexed_terms(text) for text in example.user_turns]
        question = tuple(sorted(set(turns[-1] if turns else terms)))
        answer = replace(example.answer, source="training", score=0.0)
        self.documents.append(DocumentRow(doc, flag, len(terms), question, answer))
        if turns:
            for key in exact_keys(flag, exact_digests(terms, turns)):
                self.exact.setdefault(key, doc)
        counts = Counter(terms)
        bucket = self.postings[flag]
        get = bucket.get
        for term, tf in counts.items():
            lists = get(term)
            if lists is None:
                bucket[term] = ([doc], [tf])
            else:
                lists[0].append(doc)
                lists[1].append(tf)
        self.style.add(answer.content or "")
        chars = len(answer.content or "") + sum(map(len, question))
        self.n_docs += 1
        self.total_length += len(terms)
        self.n_postings += len(counts)
        self.answer_chars += chars
        self.flags[flag] = True
        self.buffered_postings += len(counts)
        self.buffered_chars += chars
        if (self.buffered_postings >= self.chunk_postings or self.buffered_chars >= self.chunk_chars
                or len(self.postings[False]) + len(self.postings[True]) >= CHUNK_TERMS):
            self.flush()

    def flush(self) -> None:
        if not self.documents:
            return
        first = self.documents[0].doc
        lengths = [document.length for document in self.documents]
        rows = [PostingsRow(term, bool(flag), array("i", docs), array("i", tfs), _shortest(docs, tfs, lengths, first))
                for flag, bucket in enumerate(self.postings) for term, (docs, tfs) in bucket.items()]
        self.sink.add(IndexChunk(self.chunks, self.documents, self.exact, rows))
        self.chunks += 1
        self._reset_chunk()

    def finish(self) -> IndexSummary:
        self.flush()
        summary = IndexSummary(documents=self.n_docs, total_length=self.total_length, postings=self.n_postings,
                               answer_chars=self.answer_chars, style=self.style.style(), plain=self.flags[False],
                               after_tool=self.flags[True])
        self.sink.finish(summary)
        return summary


def _shortest(docs: list[int], tfs: list[int], lengths: Sequence[int], first: int) -> dict[int, int]:
    """For each term frequency, the shortest document (of this chunk) with it."""
    if max(tfs) == 1:  # by far the most common case: one pass in C
        return {1: min(map(lengths.__getitem__, map(first.__rsub__, docs)))}
    shortest: dict[int, int] = {}
    for doc, tf in zip(docs, tfs, strict=True):
        length = lengths[doc - first]
        if length < shortest.get(tf, length + 1):
            shortest[tf] = length
    return shortest
