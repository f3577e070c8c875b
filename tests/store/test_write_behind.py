"""The journal, usage and cost rows written behind the requests: held, written in batches, waited for by readers."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from mockserver.store import write_behind
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import initialise_database, open_database
from mockserver.store.journal import MAX_ENTRIES, JournalRepo, JournalRow
from mockserver.store.usage import UsageRecord, UsageRepo
from mockserver.store.write_behind import TIMER_NAME, WriteBehind, live_markers, pending_folder, wait_for_writers
from tests.write_behind_support import preparing_threads

HOUR = 3600.0  # an interval no test waits out: only a flush, a settle or a close writes


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    return path


@pytest.fixture
def writer(database: Path) -> Iterator[WriteBehind]:
    write_behind = WriteBehind(database, interval=HOUR)
    yield write_behind
    write_behind.close()


def entry(number: int) -> JournalRow:
    return JournalRow(id=f"req_{number}", method="POST", path="/v1/chat/completions", query="", status=200,
                        body={"model": "m"}, fault_id=None, retry_count=None, duration_ms=1.0, created_at=100)


def usage(number: int) -> UsageRecord:
    return UsageRecord(request_id=f"chatcmpl-{number}", owner="o", endpoint="chat.completions", model="m",
                       base_model="m", prompt_tokens=10, cached_tokens=0, completion_tokens=5, created_at=100)


def cost(number: int) -> CostRecord:
    return CostRecord(owner="o", project_id="proj_o", kind="inference", line_item="m, input", model="m", job_id=None,
                      request_id=f"chatcmpl-{number}", quantity=Decimal(10), quantity_unit="tokens",
                      unit_price=Decimal("0.5"), price_unit="1M tokens", amount=Decimal("0.000005"), price_set="s",
                      note=None, created_at=100)


def counts(database: Path) -> tuple[int, int, int]:
    db = open_database(database)
    try:
        return (len(JournalRepo(db).list(method=None, path=None, limit=MAX_ENTRIES)[0]),
                len(UsageRepo(db).for_owner("o")), len(CostsRepo(db).rows()))
    finally:
        db.close()


def test_rows_are_held_until_a_flush_writes_them_all(writer: WriteBehind, database: Path) -> None:
    for number in range(3):
        writer.journal(entry(number))
        writer.call(usage(number), [cost(number)])

    assert counts(database) == (0, 0, 0)
    writer.flush()
    assert counts(database) == (3, 3, 3)


def test_close_writes_what_is_held(writer: WriteBehind, database: Path) -> None:
    writer.call(usage(1), [cost(1)])

    writer.close()

    assert counts(database) == (0, 1, 1)


def test_the_thread_writes_held_rows_after_the_interval(database: Path) -> None:
    writer = WriteBehind(database, interval=0.01)
    try:
        writer.journal(entry(1))
        # No read, no flush: the marker goes once the thread has written the row.
        assert wait_for_writers(pending_folder(database), timeout=30)
        assert counts(database) == (1, 0, 0)
    finally:
        writer.close()


def test_a_server_loop_makes_the_batches_ready_and_writes_them(
        database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a server the event loop does the work of a batch in one go: no writer thread wants the GIL it holds."""
    prepared_on = preparing_threads(monkeypatch)
    writer = WriteBehind(database, interval=0.01)

    async def serve() -> tuple[int, int, int]:
        writer.write_on(asyncio.get_running_loop())
        writer.journal(entry(1))
        await asyncio.to_thread(writer.call, usage(1), [cost(1)])  # a row from another thread: the same batch
        assert counts(database) == (0, 0, 0)
        while not prepared_on or live_markers(pending_folder(database)):
            await asyncio.sleep(0.01)
        return counts(database)

    try:
        assert asyncio.run(serve()) == (1, 1, 1)
        assert prepared_on == [threading.main_thread().name]
        writer.journal(entry(2))  # the loop is closed: a timer hands the batch over
        assert wait_for_writers(pending_folder(database), timeout=30)
        assert counts(database) == (2, 1, 1)
        assert prepared_on[1:] == [TIMER_NAME]
    finally:
        writer.close()


def test_batches_are_written_in_the_order_handed_over(writer: WriteBehind, database: Path) -> None:
    for number in range(5):
        writer.journal(entry(number))
        writer.hand_over()

    writer.flush()

    db = open_database(database)
    try:
        rows = db.execute("select id from request_journal order by seq").fetchall()
    finally:
        db.close()
    assert [row[0] for row in rows] == [f"req_{number}" for number in range(5)]


def test_settle_waits_for_the_rows_another_writer_holds(writer: WriteBehind, database: Path) -> None:
    other = WriteBehind(database, interval=0.05)  # another worker process, in effect
    try:
        other.call(usage(1), [cost(1)])
        writer.settle()
        assert counts(database) == (0, 1, 1)
    finally:
        other.close()


def test_a_reader_of_the_file_waits_for_the_rows_of_every_writer(writer: WriteBehind, database: Path) -> None:
    writer.journal(entry(1))
    assert [marker.writer for marker in live_markers(pending_folder(database))] == [writer.markers.writer]

    assert not wait_for_writers(pending_folder(database), timeout=0.05)  # held for an hour: not written yet
    writer.flush()
    assert wait_for_writers(pending_folder(database), timeout=0.05)
    assert live_markers(pending_folder(database)) == []


def test_markers_of_a_process_that_is_gone_are_removed_not_waited_for(database: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    folder = pending_folder(database)
    folder.mkdir()
    stale = folder / f"{gone.stdout.strip()}.deadbeef.0.1"
    stale.touch()

    assert wait_for_writers(folder, timeout=0.05)
    assert not stale.exists()


def test_journal_is_newest_first_by_time_recorded_across_writers(database: Path) -> None:
    first, second = WriteBehind(database, interval=HOUR), WriteBehind(database, interval=HOUR)
    try:
        for number in range(6):
            (first if number % 2 == 0 else second).journal(entry(number))
        second.flush()  # the later requests' batch is written first
        first.flush()
        db = open_database(database)
        try:
            rows, _ = JournalRepo(db).list(method=None, path=None, limit=10)
        finally:
            db.close()
        assert [row.id for row in rows] == [f"req_{number}" for number in reversed(range(6))]
    finally:
        first.close()
        second.close()


def test_journal_keeps_the_newest_rows_when_batches_cross_the_limit(writer: WriteBehind, database: Path) -> None:
    batch = MAX_ENTRIES // 2 + 7  # the trim point falls inside a batch
    for number in range(3 * batch):
        writer.journal(entry(number))
        if number % batch == batch - 1:
            writer.flush()

    db = open_database(database)
    try:
        rows, has_more = JournalRepo(db).list(method=None, path=None, limit=MAX_ENTRIES + 100)
    finally:
        db.close()
    assert MAX_ENTRIES <= len(rows) < MAX_ENTRIES + 100 and not has_more
    assert rows[0].id == f"req_{3 * batch - 1}"


def writer_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "mockserver-write-behind"]


def journal_order(database: Path) -> list[str]:
    db = open_database(database)
    try:
        return [row[0] for row in db.execute("select id from request_journal order by seq").fetchall()]
    finally:
        db.close()


def test_a_batch_is_written_where_it_is_handed_over_when_nothing_waits(writer: WriteBehind, database: Path) -> None:
    writer.journal(entry(1))
    writer.call(usage(1), [cost(1)])

    writer.hand_over()

    assert counts(database) == (1, 1, 1)
    assert live_markers(pending_folder(database)) == []
    assert writer_threads() == []  # no thread started, none waited for


def test_handing_over_never_waits_for_another_connections_write_lock(writer: WriteBehind, database: Path) -> None:
    """A job's preparation may hold the write lock for long: the event loop must not wait for it; the writer
    thread does, and writes the batch once the lock is free."""
    holder = open_database(database)
    holder.conn.execute("begin immediate")
    try:
        writer.journal(entry(1))
        handing_over = threading.Thread(target=writer.hand_over)
        handing_over.start()
        handing_over.join(timeout=10)  # the busy timeout is 30 s: a hand-over that waited would still be here
        assert not handing_over.is_alive()
        assert counts(database) == (0, 0, 0)
        assert [marker.writer for marker in live_markers(pending_folder(database))] == [writer.markers.writer]
    finally:
        holder.conn.execute("commit")
        holder.close()
    writer.flush()
    assert counts(database) == (1, 0, 0)
    assert live_markers(pending_folder(database)) == []


def test_a_batch_is_not_written_here_before_one_the_writer_thread_still_has(
        writer: WriteBehind, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first batch goes to the writer thread (the lock was taken), which is slow to write it; the second,
    handed over with the lock free, must wait its turn behind it rather than be written first."""
    holder = open_database(database)
    holder.conn.execute("begin immediate")
    release = threading.Event()
    write = WriteBehind._write

    def slow_to_start(self: WriteBehind, job: write_behind._Job) -> None:
        release.wait(timeout=30)
        write(self, job)

    monkeypatch.setattr(WriteBehind, "_write", slow_to_start)
    try:
        writer.journal(entry(1))
        writer.hand_over()  # to the writer thread: the lock is held
    finally:
        holder.conn.execute("commit")
        holder.close()
    writer.journal(entry(2))
    writer.hand_over()  # the lock is free, but the first batch is not written yet
    release.set()
    writer.flush()

    assert journal_order(database) == ["req_1", "req_2"]


def test_the_writer_thread_checkpoints_what_is_written_here(
        writer: WriteBehind, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written here, a batch does not checkpoint the WAL (a checkpoint syncs the file: not on an event loop);
    the writer thread does, every CHECKPOINT_EVERY batches."""
    monkeypatch.setattr(write_behind, "CHECKPOINT_EVERY", 2)
    checkpoints: list[str] = []
    monkeypatch.setattr(WriteBehind, "_checkpoint", lambda self: checkpoints.append(threading.current_thread().name))

    for number in range(5):
        writer.journal(entry(number))
        writer.hand_over()
    writer.flush()

    assert checkpoints == ["mockserver-write-behind"] * 2
    here = write_behind.open_here(database)
    try:
        assert here.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        assert here.execute("PRAGMA busy_timeout").fetchone()[0] == 0
    finally:
        here.close()
