"""The system clock's webhook sweeper: it keeps sweeping through failures and stops cleanly."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from mockserver.app import create_app, webhook_sweeper
from mockserver.clock import ManualClock, SystemClock
from mockserver.config import Settings
from mockserver.services.webhooks import WebhookSweeper

WAIT_SECONDS = 10.0  # a deadline for a background thread, not a timing under test


class CountingSweep:
    """A sweep that raises on its first `failures` calls, and signals once it has run `target` times."""

    def __init__(self, *, failures: int, target: int) -> None:
        self.calls = 0
        self.failures = failures
        self.target = target
        self.reached = threading.Event()

    def __call__(self) -> None:
        self.calls += 1
        if self.calls >= self.target:
            self.reached.set()
        if self.calls <= self.failures:
            raise RuntimeError("database is locked")


async def run_until_reached(sweeper: WebhookSweeper, sweep: CountingSweep) -> None:
    sweeper.start()
    reached = await asyncio.to_thread(sweep.reached.wait, WAIT_SECONDS)
    await sweeper.stop()
    assert reached, f"only {sweep.calls} sweeps ran"


def test_sweeper_keeps_sweeping_after_a_sweep_fails(caplog: pytest.LogCaptureFixture) -> None:
    sweep = CountingSweep(failures=2, target=4)

    asyncio.run(run_until_reached(WebhookSweeper(sweep, interval=0), sweep))

    assert sweep.calls >= 4
    failures = [record for record in caplog.records if "webhook sweep failed" in record.getMessage()]
    assert len(failures) == 1  # logged once per run of failures, not once per sweep


def test_sweeper_stops_and_sweeps_no_more() -> None:
    sweep = CountingSweep(failures=0, target=1)
    sweeper = WebhookSweeper(sweep, interval=3600)

    asyncio.run(run_until_reached(sweeper, sweep))

    assert sweep.calls == 1
    assert not sweeper.running


@pytest.mark.parametrize(("clock", "webhook_url", "runs"), [
    (SystemClock(), "http://127.0.0.1:9/hooks", True),
    (SystemClock(), None, False),
    (ManualClock(0), "http://127.0.0.1:9/hooks", False),  # its clock routes sweep instead
])
def test_app_runs_a_sweeper_only_on_the_system_clock_with_a_webhook_url(
    tmp_path: Path, clock: SystemClock | ManualClock, webhook_url: str | None, runs: bool
) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", webhook_url=webhook_url), clock=clock)

    assert (webhook_sweeper(app) is not None) is runs
