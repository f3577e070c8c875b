"""How long a fine-tuned model takes to rank a chat's question, on a 1,000-example file and on a huge one.

Usage: python bench/index_query.py [--size-mb 200] [--quick] [--repeat 30]

Generates (bench/job_create.py's generator: mixed English and Chinese chat examples, each question tagged
with its number) a 1,000-example file and a file of `--size-mb` MB (`--quick`: 20 MB), builds both indexes
through the real build code (`build_index`, into a temporary data dir) and loads each as the server does:
whole in memory when small, else answering from its rows (a new `LazyIndexData` per query, as per request).
Then times, in process (CPU time of this process, median of `--repeat`), the answer to questions of:

- rare terms (two example numbers), common terms (English function and topic words; Chinese common
  characters), and mixed (an example number among common words);

and prints each median, the postings the query read, and its ratio to the 1,000-example model (goal: within
2x). A process keeps a stored index's most used ranked lists (weighed) from one request to the next, as the
server does (`RankedLists`): `large ms` is a query with those of the earlier queries kept; `cold ms` reads and
weighs every list it uses (the first questions after a start). The column `all postings` ranks the large
index with every posting of every term, as before impact lists (the same stored index read through its full
postings): what a common-term query cost before.
Nothing is asserted: it is a measurement, and on a shared machine the figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from job_create import example, generate  # noqa: E402

from mockserver.responder import ReplyRequest  # noqa: E402
from mockserver.responder.index import TrainingIndex  # noqa: E402
from mockserver.responder.index_build import IndexSummary  # noqa: E402
from mockserver.responder.index_data import LazyIndexData, document_norms  # noqa: E402
from mockserver.services import index_storage  # noqa: E402
from mockserver.services.index_storage import BuiltIndex, IndexTask, build_index  # noqa: E402
from mockserver.services.model_index import (  # noqa: E402
    MEMORY_INDEX_MAX_BYTES,
    RankedLists,
    StoredIndex,
    memory_bytes,
    ranked_lists_bytes,
)
from mockserver.store import Store  # noqa: E402
from mockserver.store.blobs import BlobStore  # noqa: E402
from mockserver.store.database import initialise_database, open_database  # noqa: E402
from mockserver.store.index_rows import StoredIndexRows  # noqa: E402

SMALL_EXAMPLES = 1000
SYSTEM = "You are a helpful assistant."


def queries(number: int) -> dict[str, str]:
    """The questions timed, around example `number` (of both files: the first 1,000 examples are alike)."""
    return {
        "rare": f"#{number}",
        "common en": "What is the price of the market and how do you use the model for your health?",
        "common zh": "孩子发烧咳嗽应该怎么办？需要去医院检查吗？",
        "mixed en": f"#{number} what is the capital of the river and the mountain?",
        "mixed zh": f"#{number} 高血压患者每天需要注意什么？",
    }


def write_small(path: Path) -> None:
    """The large file's first lines, up to SMALL_EXAMPLES examples (each assistant turn is one)."""
    rng, examples, number = random.Random(1), 0, 0
    with path.open("w", encoding="utf-8") as out:
        while examples < SMALL_EXAMPLES:
            record = example(rng, number)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            examples += len(record["messages"]) // 2
            number += 1


def build(store: Store, path: Path, job_id: str) -> tuple[BuiltIndex, float]:
    """The file's index built and stored as a job's, and the wall time the build took; one a kept data dir
    has already is reused (0 s)."""
    ref = store.model_indexes.find(owner="bench", model=f"ft:{job_id}")
    data = store.model_indexes.data(ref) if ref is not None else None
    if ref is not None and ref.build is not None and data is not None:
        return BuiltIndex(ref.build, IndexSummary.from_bytes(data), ref.digest), 0.0
    store.blobs.write_bytes(f"file-{job_id}", path.read_bytes())
    repo = store.model_indexes
    build_id = repo.new_build(job_id=job_id, owner="bench", created_at=1)
    started = time.perf_counter()
    built = build_index(store, IndexTask(build_id, f"file-{job_id}", "supervised", "chat"))
    seconds = time.perf_counter() - started
    repo.save(job_id=job_id, owner="bench", data=built.summary.to_bytes(), examples=built.summary.documents,
              models=(f"ft:{job_id}",), created_at=1, build=build_id, digest=built.digest)
    return built, seconds


class AllPostings:
    """A stored index's rows read as before impact lists: every term ranked with all its postings."""

    def __init__(self, rows: StoredIndexRows) -> None:
        self.rows = rows
        self.reading, self.exact_docs, self.term_stats = rows.reading, rows.exact_docs, rows.term_stats
        self.document, self.occurring = rows.document, rows.occurring

    def ranked_postings(self, term: str, after_tool: bool) -> tuple[array[int], array[int], bool]:
        return (*self.rows.postings(term, after_tool), False)

    def ranked_postings_of(self, terms: Sequence[str], after_tool: bool) -> dict[str, tuple[array[int], array[int],
                                                                                             bool]]:
        return {term: self.ranked_postings(term, after_tool) for term in terms}


def loader(store: Store, built: BuiltIndex, *, all_postings: bool = False, from_rows: bool = False,
           cold: bool = False) -> Callable[[], TrainingIndex]:
    """What the server answers a request with: the index kept whole, or a lazy one per request (`from_rows`:
    always that) with the ranked lists the process keeps (`cold`: none kept, each query reads its own)."""
    rows = store.model_indexes.rows(built.build)
    if not (all_postings or from_rows) and memory_bytes(built.summary) <= MEMORY_INDEX_MAX_BYTES:
        index = index_storage.memory_index(rows, built.summary)
        return lambda: index
    with rows.reading():
        kept = StoredIndex(built.summary, document_norms(rows.lengths(), built.summary))
    if all_postings:
        return lambda: TrainingIndex(LazyIndexData(built.summary, kept.norms, AllPostings(rows)))
    if cold:
        return lambda: index_storage.lazy_index(rows, built.summary, kept.norms,
                                                RankedLists(ranked_lists_bytes(built.summary)))
    return lambda: index_storage.lazy_index(rows, built.summary, kept.norms, kept.lists)


def timed(load: Callable[[], TrainingIndex], text: Callable[[int], str], repeat: int) -> tuple[float, int, str]:
    """Median CPU ms of one answer (a fresh seed each time: the answer cache never hits), postings read
    by the last, and how it was answered."""
    times, read, source = [], 0, ""
    for round_ in range(repeat):
        index = load()
        request = ReplyRequest(model="ft:bench", seed=round_, messages=(
            {"role": "system", "content": SYSTEM}, {"role": "user", "content": text(round_)}))
        before = index.data.postings_read
        started = time.process_time()
        answer = index.answer(request)
        times.append((time.process_time() - started) * 1000)
        read, source = index.data.postings_read - before, answer.source
    return statistics.median(times), read, source


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mb", type=float, default=200.0)
    parser.add_argument("--quick", action="store_true", help="a 20 MB large file")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data-dir", type=Path, help="keep the files and indexes there (reused by the next run)")
    args = parser.parse_args(argv)
    size_mb = 20.0 if args.quick else args.size_mb
    with tempfile.TemporaryDirectory(prefix="bench-index-query-") as folder:
        root = args.data_dir or Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        initialise_database(root / "mockserver.db")
        store = Store(open_database(root / "mockserver.db"), BlobStore(root / "files"))
        store.blobs.ensure()
        if not (root / "large.jsonl").exists():
            write_small(root / "small.jsonl")
            generate(root / "large.jsonl", size_mb)
        small, small_seconds = build(store, root / "small.jsonl", "ftjob-small")
        large, large_seconds = build(store, root / "large.jsonl", "ftjob-large")
        print(f"small: {small.summary.documents} examples, built in {small_seconds:.1f} s; large ({size_mb:g} MB): "
              f"{large.summary.documents} examples, {large.summary.postings} postings, built in {large_seconds:.1f} s")
        loads = {"small": loader(store, small), "small rows": loader(store, small, from_rows=True),
                 "large": loader(store, large), "large cold": loader(store, large, cold=True),
                 "all postings": loader(store, large, all_postings=True)}
        print("ms: median CPU ms of one answer; read: postings read; ratio: large / small (as served: whole in "
              "memory), and large / small answered from its rows")
        print(f"{'query':<10} {'small ms':>8} {'rows ms':>7} {'large ms':>8} {'ratio':>6} {'rows':>5} {'read':>6} "
              f"{'small read':>10} {'cold ms':>7} {'ratio':>6} {'all postings ms':>15} {'read':>7}  "
              "answered (small / large)")
        for kind in queries(0):
            def text(round_: int, kind: str = kind) -> str:
                return queries(1 + 31 * round_ % 900)[kind]
            small_ms, small_read, small_source = timed(loads["small"], text, args.repeat)
            rows_ms, _, _ = timed(loads["small rows"], text, args.repeat)
            large_ms, large_read, large_source = timed(loads["large"], text, args.repeat)
            cold_ms, _, _ = timed(loads["large cold"], text, args.repeat)
            before_ms, before_read, _ = timed(loads["all postings"], text, max(3, args.repeat // 10))
            print(f"{kind:<10} {small_ms:>8.2f} {rows_ms:>7.2f} {large_ms:>8.2f} {large_ms / small_ms:>6.2f} "
                  f"{large_ms / rows_ms:>5.2f} {large_read:>6} {small_read:>10} {cold_ms:>7.2f} "
                  f"{cold_ms / small_ms:>6.2f} {before_ms:>15.2f} {before_read:>7}  {small_source} / {large_source}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
