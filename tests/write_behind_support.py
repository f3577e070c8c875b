"""Helpers for the tests of rows written behind the requests (store/write_behind.py)."""

from __future__ import annotations

import threading

import pytest

from mockserver.store import write_behind


def preparing_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that make batches ready, as they do."""
    names: list[str] = []
    make_ready = write_behind._Job.of

    def recorded(batch: write_behind._Batch) -> write_behind._Job:
        names.append(threading.current_thread().name)
        return make_ready(batch)

    monkeypatch.setattr(write_behind._Job, "of", recorded)
    return names
