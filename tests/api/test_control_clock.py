"""`/_mock/clock`: read, advance and set the server's clock over a real socket."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.services.control import SYSTEM_CLOCK_MESSAGE
from tests.conftest import START_TIME
from tests.live_server import LiveServer
from tests.support import envelope


@pytest.fixture
def control(live_server: LiveServer) -> Iterator[httpx.Client]:
    """No API key: the control plane is open, like /health."""
    with httpx.Client(base_url=live_server.base_url) as client:
        yield client


def state(now: int, *, speed: Any = 1.0) -> dict[str, Any]:
    return {"mode": "manual", "now": now, "speed": speed, "pid": os.getpid()}


def test_get_clock_reports_injected_manual_clock(control: httpx.Client) -> None:
    response = control.get("/_mock/clock")
    assert response.status_code == 200
    assert response.json() == state(START_TIME)


def test_advance_moves_the_injected_clock(control: httpx.Client, clock: ManualClock) -> None:
    response = control.post("/_mock/clock/advance", json={"seconds": 90})
    assert response.status_code == 200
    assert response.json() == state(START_TIME + 90)
    assert clock.now() == START_TIME + 90
    assert control.get("/_mock/clock").json()["now"] == START_TIME + 90


@pytest.mark.parametrize("seconds", [0, 60.0])
def test_advance_accepts_whole_numbers(control: httpx.Client, seconds: float) -> None:
    response = control.post("/_mock/clock/advance", json={"seconds": seconds})
    assert response.status_code == 200
    assert response.json()["now"] == START_TIME + int(seconds)


def test_set_jumps_the_injected_clock(control: httpx.Client, clock: ManualClock) -> None:
    response = control.post("/_mock/clock", json={"now": START_TIME + 86400})
    assert response.status_code == 200
    assert response.json() == state(START_TIME + 86400)
    assert clock.now() == START_TIME + 86400


def test_set_to_current_time_is_allowed(control: httpx.Client) -> None:
    assert control.post("/_mock/clock", json={"now": START_TIME}).json()["now"] == START_TIME


def test_set_backwards_is_rejected(control: httpx.Client, clock: ManualClock) -> None:
    response = control.post("/_mock/clock", json={"now": START_TIME - 1})
    assert response.status_code == 400
    assert response.json() == envelope(
        f"The clock cannot move backwards: 'now' ({START_TIME - 1}) is earlier than the current time "
        f"({START_TIME}).",
        param="now", code="invalid_value",
    )
    assert clock.now() == START_TIME


@pytest.mark.parametrize(
    ("path", "body", "param", "code"),
    [
        ("/_mock/clock/advance", {"seconds": -1}, "seconds", "invalid_value"),
        ("/_mock/clock/advance", {"seconds": 1.5}, "seconds", "invalid_value"),
        ("/_mock/clock/advance", {"seconds": "60"}, "seconds", "invalid_type"),
        ("/_mock/clock/advance", {"seconds": True}, "seconds", "invalid_type"),
        ("/_mock/clock/advance", {"seconds": None}, "seconds", "invalid_type"),
        ("/_mock/clock/advance", {"seconds": 10**20}, "seconds", "invalid_value"),
        ("/_mock/clock/advance", {}, "seconds", "missing_required_parameter"),
        ("/_mock/clock/advance", {"seconds": 1, "extra": 1}, "extra", "unknown_parameter"),
        ("/_mock/clock", {"now": "tomorrow"}, "now", "invalid_type"),
        ("/_mock/clock", {"now": -5}, "now", "invalid_value"),
        ("/_mock/clock", {}, "now", "missing_required_parameter"),
    ],
)
def test_invalid_bodies_are_openai_400s(
    control: httpx.Client, clock: ManualClock, path: str, body: dict[str, Any], param: str, code: str
) -> None:
    response = control.post(path, json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["type"], error["param"], error["code"]) == ("invalid_request_error", param, code)
    assert param in error["message"]
    assert clock.now() == START_TIME


def test_invalid_json_is_an_openai_400(control: httpx.Client) -> None:
    response = control.post(
        "/_mock/clock/advance", content=b"{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


@pytest.fixture
def system_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_get_clock_on_system_clock(system_client: TestClient) -> None:
    body = system_client.get("/_mock/clock").json()
    assert body["mode"] == "system"
    assert body["speed"] == 1.0
    assert abs(body["now"] - int(time.time())) <= 5


@pytest.mark.parametrize(
    ("path", "body"), [("/_mock/clock/advance", {"seconds": 60}), ("/_mock/clock", {"now": 0})]
)
def test_moving_the_system_clock_is_a_conflict(
    system_client: TestClient, path: str, body: dict[str, Any]
) -> None:
    response = system_client.post(path, json=body)
    assert response.status_code == 409
    assert response.json() == envelope(SYSTEM_CLOCK_MESSAGE, code="clock_not_manual")
    assert "--clock manual" in SYSTEM_CLOCK_MESSAGE


def test_speed_inf_is_reported_as_a_string(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, clock="manual", start_time=START_TIME, speed=float("inf"))
    with TestClient(create_app(settings)) as client:
        assert client.get("/_mock/clock").json() == state(START_TIME, speed="inf")
        advanced = client.post("/_mock/clock/advance", json={"seconds": 5})
        assert advanced.json() == state(START_TIME + 5, speed="inf")
