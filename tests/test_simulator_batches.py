"""The batch lifecycle as a pure function of its timeline, its cancel and the clock; the input file's checks."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from mockserver.simulator.batches import COMPLETION_WINDOW, batch_state, plan_batch, terminal_time
from mockserver.validation.batch_input import MAX_BYTES, MAX_REQUESTS, validate_batch_input

T0 = 1_767_225_600


def test_durations_are_a_small_function_of_the_request_count() -> None:
    timeline = plan_batch(created_at=T0, total=2_000, failed=False, speed=1)
    assert timeline.in_progress_at - T0 == 5 + 2
    assert timeline.finalizing_at - timeline.in_progress_at == 10 + 2_000
    assert timeline.completed_at - timeline.finalizing_at == 5 + 2
    assert timeline.expires_at == T0 + COMPLETION_WINDOW
    faster = plan_batch(created_at=T0, total=2_000, failed=False, speed=10)
    assert faster.completed_at - T0 == math.ceil(7 / 10) + math.ceil(2_010 / 10) + math.ceil(7 / 10)


@pytest.mark.parametrize(("offset", "status", "processed"), [
    (0, "validating", 0), (5, "in_progress", 0), (12, "in_progress", 2), (19, "finalizing", 4), (24, "completed", 4),
])
def test_a_batch_moves_through_its_phases(offset: int, status: str, processed: int) -> None:
    timeline = plan_batch(created_at=T0, total=4, failed=False, speed=1)  # in_progress 5..19, finalizing 19..24
    state = batch_state(timeline, cancelling_at=None, now=T0 + offset)
    assert (state.status, state.processed) == (status, processed)
    assert state.terminal == (T0 + offset >= terminal_time(timeline, cancelling_at=None))


def test_speed_inf_finishes_at_once() -> None:
    timeline = plan_batch(created_at=T0, total=50_000, failed=False, speed=math.inf)
    state = batch_state(timeline, cancelling_at=None, now=T0)
    assert (state.status, state.processed, state.completed_at) == ("completed", 50_000, T0)


def test_a_cancel_freezes_the_work_and_ends_after_cancelling() -> None:
    timeline = plan_batch(created_at=T0, total=4, failed=False, speed=1)
    cancelling = batch_state(timeline, cancelling_at=T0 + 12, now=T0 + 14)
    assert (cancelling.status, cancelling.processed, cancelling.cancelling_at) == ("cancelling", 2, T0 + 12)
    cancelled = batch_state(timeline, cancelling_at=T0 + 12, now=T0 + 100)
    assert (cancelled.status, cancelled.cancelled_at, cancelled.completed_at) == ("cancelled", T0 + 17, None)
    assert terminal_time(timeline, cancelling_at=T0 + 12) == T0 + 17


def test_a_batch_unfinished_at_its_expiry_expires() -> None:
    timeline = plan_batch(created_at=T0, total=4, failed=False, speed=1, expire=True)
    state = batch_state(timeline, cancelling_at=None, now=T0 + 2 * COMPLETION_WINDOW)
    assert (state.status, state.expired_at, state.finalizing_at) == ("expired", T0 + COMPLETION_WINDOW, None)
    assert 0 < state.processed < 4


def test_a_failed_validation_fails_when_validating_ends() -> None:
    timeline = plan_batch(created_at=T0, total=3, failed=True, speed=1)
    assert batch_state(timeline, cancelling_at=None, now=T0 + 4).status == "validating"
    failed = batch_state(timeline, cancelling_at=None, now=T0 + 5)
    assert (failed.status, failed.failed_at, failed.in_progress_at) == ("failed", T0 + 5, None)


def line(custom_id: str) -> bytes:
    return (b'{"custom_id": "%s", "method": "POST", "url": "/v1/chat/completions", '
            b'"body": {"model": "gpt-4o-mini", "messages": []}}\n' % custom_id.encode())


def test_an_empty_file_is_an_error() -> None:
    report = validate_batch_input([b"\n", b"  \n"], endpoint="/v1/chat/completions", size=4)
    assert [error["code"] for error in report.errors] == ["empty_file"]


def test_too_many_requests_is_an_error() -> None:
    lines = (line(f"q{index}") for index in range(MAX_REQUESTS + 1))
    report = validate_batch_input(lines, endpoint="/v1/chat/completions", size=1)
    assert [error["code"] for error in report.errors] == ["too_many_requests"]
    assert report.total == MAX_REQUESTS + 1


def test_a_file_over_the_size_limit_is_an_error_before_reading() -> None:
    def unread() -> Iterator[bytes]:
        raise AssertionError("the file was read")
        yield b""

    report = validate_batch_input(unread(), endpoint="/v1/chat/completions", size=MAX_BYTES + 1)
    assert [error["code"] for error in report.errors] == ["file_too_large"]


def test_a_valid_file_reports_its_count_and_model() -> None:
    report = validate_batch_input([line("a"), b"\n", line("b")], endpoint="/v1/chat/completions", size=1)
    assert (report.total, report.model, report.errors) == (2, "gpt-4o-mini", [])
