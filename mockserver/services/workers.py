"""Heavy work on big files (validating and indexing a training file), done in a child process.

Python runs one thread at a time, and the validator and the index builder hold that lock almost
throughout (parsing JSON, splitting text into terms), so done in the server's own process they slow
every other request, and whatever memory they reach stays with the process afterwards. A child
process (`python -m mockserver.services.workers`) runs beside the server instead, at the lowest CPU
priority (on Linux, SCHED_IDLE: it runs only when no other process wants the CPU, so the server's requests
never wait for it), and gives all its memory back when it exits. Starting one costs about half a second, so
files smaller than `settings.worker_min_bytes` are done inline. The task, its argument and its result (or
exception) cross the pipes pickled: both ends are this package.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

# Imported lazily: the child builds its tokenizer before it imports anything heavy (see `main`).
if TYPE_CHECKING:
    from mockserver.services.context import Context
    from mockserver.store import Store

WORKER_NICENESS = 19  # the lowest priority: the server's requests come first when the machine is busy
PR_SET_PDEATHSIG = 1  # prctl(2)
# The child's SQLite memory, bounded whatever the file: a page cache of 4 MiB (it writes rows in order, so a big
# cache buys little), no memory-mapped I/O, sorts and temporary tables spilled to files.
CHILD_PRAGMAS = ("PRAGMA cache_size = -4096", "PRAGMA mmap_size = 0", "PRAGMA temp_store = FILE")

Argument = TypeVar("Argument")
Result = TypeVar("Result")


class WorkerFailed(RuntimeError):
    """The child process died without an answer (killed, out of memory)."""


def run_heavy(
    ctx: Context, file_bytes: int, task: Callable[[Store, Argument], Result], argument: Argument, *,
    encoding: str | None = None,
) -> Result:
    """`task(store, argument)`: inline for a small file, else in a child process with its own connection
    (`task` must be a module-level function, `argument` and the result picklable). The calling thread waits
    without holding the interpreter lock; the task's exception is raised here. `encoding`: the tokenizer
    the task uses, which the child builds first (see `main`)."""
    if not in_worker(ctx, file_bytes):
        return task(ctx.store, argument)
    job = pickle.dumps((ctx.settings.database_path, ctx.settings.blobs_dir, task, argument))
    command = [sys.executable, "-m", __name__, *([encoding] if encoding else [])]
    done = subprocess.run(command, input=job, capture_output=True, check=False)
    if done.returncode != 0:
        last_words = done.stderr.decode(errors="replace")[-2000:]
        raise WorkerFailed(f"worker process exited with {done.returncode}: {last_words}")
    try:
        succeeded, value = pickle.loads(done.stdout)
    except Exception as exc:  # e.g. an exception class whose constructor its own pickle cannot call
        raise WorkerFailed(f"worker process answered what cannot be read back: {exc!r}") from exc
    if not succeeded:
        raise value
    return value  # type: ignore[no-any-return]


def _run(database_path: Path, blobs_dir: Path, task: Callable[[Store, Any], Any], argument: Any) -> Any:
    from mockserver.store import Stores
    from mockserver.store.blobs import BlobStore

    with Stores(database_path, BlobStore(blobs_dir)).opened(*CHILD_PRAGMAS) as store:
        return task(store, argument)


def die_with_parent() -> None:
    """Be killed when the server that started this child dies (kill -9 included), on Linux: a child left running
    would go on writing the rows of a build the next start-up has swept away."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def lowest_priority() -> None:
    """Run only on CPU time nothing else wants: niceness 19 and, on Linux, the SCHED_IDLE policy (a nice
    level alone still takes a share of the CPU from the server's requests)."""
    os.nice(WORKER_NICENESS - os.nice(0))
    if hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def build_tokenizer_first(names: list[str]) -> None:
    """Build the named encodings before the task's modules are imported: building one briefly holds a Python
    copy of its ranks (~25 MB for o200k_base), freed once built; built first, that copy's pages go back to
    the system, or are reused by the imports, instead of adding to the child's peak on top of them."""
    from mockserver.core.tokens import get_encoding

    for name in names:
        get_encoding(name)


def main() -> None:
    """The child's side: build the encodings named on the command line, read the job from stdin, write
    (True, result) or (False, exception) to stdout."""
    die_with_parent()
    lowest_priority()
    build_tokenizer_first(sys.argv[1:])
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answer
    outcome: tuple[bool, Any]
    try:
        outcome = (True, _run(*pickle.load(sys.stdin.buffer)))
    except Exception as exc:  # handed to the parent, which raises it
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome)
    except Exception as exc:  # an exception that does not pickle
        data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
    answer.write(data)
    answer.flush()


def in_worker(ctx: Context, file_bytes: int) -> bool:
    """Whether files of this size are worked on in a child process (and prepared off the create call)."""
    return file_bytes >= ctx.settings.worker_min_bytes


def file_bytes(ctx: Context, *file_ids: str | None) -> int:
    """The stored size of the caller's files (0 for one not found)."""
    total = 0
    for file_id in file_ids:
        row = ctx.store.files.find(owner=ctx.caller.owner, file_id=file_id) if file_id else None
        total += int(row["bytes"]) if row is not None else 0
    return total


if __name__ == "__main__":
    main()
