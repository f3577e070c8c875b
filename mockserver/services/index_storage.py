"""Training indexes in the store: built from a training file straight into rows, and read back from them."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

import orjson

from mockserver.responder.examples import examples_from_lines
from mockserver.responder.impacts import impact_list, is_capped
from mockserver.responder.index import TrainingIndex
from mockserver.responder.index_build import DocumentRow, IndexBuilder, IndexChunk, IndexSummary, PostingsRow
from mockserver.responder.index_data import (
    LazyIndexData,
    ListCache,
    MemoryIndexData,
    answer_from_json,
    answer_to_json,
    document_norms,
)
from mockserver.responder.stored_ranking import StoredTrainingIndex
from mockserver.services.input_files import StandIn, open_file
from mockserver.store import Store
from mockserver.store.index_rows import IndexRowsWriter, StoredIndexRows
from mockserver.validation.formats import detect_format


@dataclass(frozen=True)
class BuiltIndex:
    """A build written to the store, not yet any job's index (`ModelIndexesRepo.save`)."""

    build: int
    summary: IndexSummary
    digest: str  # the build and a hash of the training file: what the per-process cache is keyed by


class StoredIndexSink:
    """The builder's chunks, written as rows of one build."""

    def __init__(self, writer: IndexRowsWriter) -> None:
        self.writer = writer
        self.lengths = array("i")  # every document's, for the impact lists (4 bytes an example)

    def add(self, chunk: IndexChunk) -> None:
        documents = chunk.documents
        self.lengths.extend(d.length for d in documents)
        self.writer.add_documents([(d.doc, d.after_tool, d.length, orjson.dumps(d.question).decode(),
                                    answer_to_json(d.answer)) for d in documents])
        self.writer.add_chunk(chunk.number, documents[0].doc, array("i", (d.length for d in documents)))
        self.writer.add_exact(list(chunk.exact.items()))
        self.writer.add_postings(chunk.number, [
            (row.term, row.after_tool, orjson.dumps(list(row.shortest.items())).decode(), row.docs, row.tfs)
            for row in chunk.postings])

    def finish(self, summary: IndexSummary) -> None:
        """Each term's postings joined, with its idf and largest weight (and a common term's impact list), now
        that the number of documents and their lengths are known; and the exact-match keys."""
        norms = document_norms(self.lengths, summary)
        for page in self.writer.merged_terms():
            stats = [(merged.term, *summary.term_weights(merged.documents, merged.shortest)) for merged in page]
            impacts = [(merged.term, flag, *impact_list(term_idf, docs, tfs, norms))
                       for merged, (_, term_idf, _) in zip(page, stats, strict=True)
                       for flag, (docs, tfs) in merged.postings.items() if is_capped(len(docs))]
            self.writer.add_terms(
                [(merged.term, flag, docs, tfs) for merged in page for flag, (docs, tfs) in merged.postings.items()],
                stats, impacts)
        self.writer.copy_exact()


def _hashed(lines: IO[bytes], digest: hashlib.blake2b) -> Iterator[bytes]:
    for line in lines:
        digest.update(line)
        yield line


@dataclass(frozen=True)
class IndexTask:
    """Index this training file into this (new, empty) build. `training_format` is the base model's (`chat`
    or `prompt_completion`); None sniffs it from the file."""

    build: int
    training_file_id: str
    method: str
    training_format: str | None
    stand_in: StandIn | None = None  # --lenient-ids: what an id naming no file reads as (input_files.py)


def build_index(store: Store, task: IndexTask) -> BuiltIndex:
    """Index a training file's examples into the task's build, streaming: the file is read once, a line at a
    time, and the rows are written chunk by chunk. A file that is gone gives an empty index. The caller
    made the build (`ModelIndexesRepo.new_build`) and drops it if this fails."""
    digest = hashlib.blake2b(digest_size=12)
    writer = store.model_indexes.writer(task.build, store.blobs.new_temp_path())
    builder = IndexBuilder(StoredIndexSink(writer))
    try:
        with open_file(store.blobs, task.training_file_id, task.stand_in) as handle:
            fmt = task.training_format or sniff_format(handle)
            handle.seek(0)
            summary = builder.add_all(examples_from_lines(
                _hashed(handle, digest), method=task.method, training_format=fmt))
    except FileNotFoundError:
        summary = builder.finish()
    finally:
        writer.close()
    return BuiltIndex(task.build, summary, f"{task.build}-{digest.hexdigest()}")


def sniff_format(lines: Iterable[bytes]) -> str:
    """`prompt_completion` when the first JSON line is a prompt/completion pair, else `chat`."""
    for raw in lines:
        try:
            obj = orjson.loads(raw.strip().removeprefix(b"\xef\xbb\xbf") or b"null")
        except orjson.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            return "prompt_completion" if detect_format(obj) == "prompt_completion" else "chat"
    return "chat"


def memory_index(rows: StoredIndexRows, summary: IndexSummary) -> TrainingIndex:
    """A stored index read whole into memory (for one small enough to keep)."""
    data = MemoryIndexData()
    documents = [DocumentRow(doc, flag, length, tuple(question), answer_from_json(answer))
                 for doc, flag, length, question, answer in rows.all_documents()]
    postings = [PostingsRow(term, flag, docs, tfs, {}) for term, flag, docs, tfs in rows.all_postings()]
    data.add(IndexChunk(0, documents, dict(rows.all_exact()), postings))
    data.finish(summary)
    return TrainingIndex(data)


def lazy_index(rows: StoredIndexRows, summary: IndexSummary, norms: Sequence[float],
               lists: ListCache | None = None) -> TrainingIndex:
    """A stored index answering from its rows, read as each query needs them (but the ranked lists `lists`
    keeps)."""
    return StoredTrainingIndex(LazyIndexData(summary, norms, rows, lists))
