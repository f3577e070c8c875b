"""Run as a script in a fresh process: what loading a stored index whole adds to the process's RSS.

Usage: python -m tests.services.index_memory_probe DATA_DIR MODEL; prints {"rss_growth", "accounted"} in bytes.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import orjson

from mockserver.responder.index_build import IndexSummary
from mockserver.services import index_storage
from mockserver.services.model_index import memory_bytes
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(data_dir: Path, model: str) -> None:
    store = Store(open_database(data_dir / "mockserver.db"), BlobStore(data_dir / "files"))
    ref = store.model_indexes.find(owner="probe", model=model)
    assert ref is not None and ref.build is not None
    summary = IndexSummary.from_bytes(store.model_indexes.data(ref) or b"")
    rows = store.model_indexes.rows(ref.build)
    gc.collect()
    before = rss_bytes()
    index = index_storage.memory_index(rows, summary)
    gc.collect()
    growth = rss_bytes() - before
    assert len(index) == summary.documents
    print(orjson.dumps({"rss_growth": growth, "accounted": memory_bytes(summary)}).decode())


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
