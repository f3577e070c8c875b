"""A worker process's background thread of passes over the data dir's rows (webhook delivery, job preparation,
finished batches)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("mockserver")

STOP_WAIT_SECONDS = 5.0  # at shutdown; work still in flight then is left to its lease
WAIT_POLL_SECONDS = 0.05


class PassRunner:
    """A worker's background thread that runs `run_pass` when woken and every `interval` seconds (None: only when
    woken), and `sweep` at most every `interval` (the webhook sender, the job preparer, the batch runner).

    It owns no state (the data dir has it all), so any number of workers may run one. A failed pass is logged
    and the next one tries again, so it never takes the server down.
    """

    def __init__(self, run_pass: Callable[[], bool], *, sweep: Callable[[], None] | None = None,
                 interval: float | None, name: str) -> None:
        self.run_pass = run_pass
        self.name = name
        self.sweep = sweep
        self.interval = interval
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._passed = threading.Condition()
        self._passes = 0
        self._next_sweep = 0.0
        self._failing = False
        self._thread: threading.Thread | None = None

    # -- what requests call -----------------------------------------------------------------------
    def wake(self) -> None:
        """Run a pass now (or right after the one in progress): call after committing a claim."""
        self._wake.set()

    @property
    def passes(self) -> int:
        """Passes finished so far."""
        return self._passes

    def wait_for_pass(self, after: int, timeout: float) -> int:
        """Block until more than `after` passes have finished, or `timeout` seconds; the passes finished."""
        with self._passed:
            self._passed.wait_for(lambda: self._passes > after, timeout)
            return self._passes

    # -- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> None:
        self._stopping.clear()
        self._wake.set()  # a first pass at once: rows left due by the last run of the server
        self._thread = threading.Thread(target=self._run, name=f"mockserver-{self.name.replace(' ', '-')}", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, *, timeout: float = STOP_WAIT_SECONDS) -> None:
        """Let the pass in progress finish, for at most `timeout` seconds, then end. Work still under way then is
        abandoned (the thread is a daemon): its lease lapses and another pass does it again."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stopping.is_set():
                return
            if self._pass_once():
                self._wake.set()
            with self._passed:
                self._passes += 1
                self._passed.notify_all()

    def _pass_once(self) -> bool:
        """True when due events may be left (a full batch)."""
        try:
            if self.sweep is not None and time.monotonic() >= self._next_sweep:
                self._next_sweep = time.monotonic() + (self.interval or 0.0)
                self.sweep()
            more = self.run_pass()
        except Exception:
            if not self._failing:  # once per run of failures, not every pass
                logger.exception("%s pass failed; retrying every %s s", self.name, self.interval)
            self._failing = True
            return False
        if self._failing:
            logger.info("%s works again", self.name)
        self._failing = False
        return more


def wait_until_none_pending(pending: Callable[[], int], runner: PassRunner | None, *, timeout: float,
                            what: str) -> int:
    """Wake `runner` and wait for its passes until `pending()` counts nothing left (work of any worker), for at
    most `timeout` seconds; how many are left (the clock routes then move the clock anyway, with a warning)."""
    deadline = time.monotonic() + timeout
    while True:
        passes = runner.passes if runner is not None else 0
        left = pending()
        remaining = deadline - time.monotonic()
        if not left or remaining <= 0:
            if left:
                logger.warning("%d %s still pending after %s s; the clock moves anyway", left, what, timeout)
            return left
        if runner is not None:
            runner.wake()
            runner.wait_for_pass(passes, min(remaining, WAIT_POLL_SECONDS))
        else:
            time.sleep(min(remaining, WAIT_POLL_SECONDS))
