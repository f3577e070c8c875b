"""Clocks, and the settings and `serve` options that choose them."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from mockserver import cli as cli_module
from mockserver.core.clock import ControllableClock, ManualClock, SystemClock
from mockserver.core.config import Settings
from mockserver.server.app import default_clock
from mockserver.store.clock import SharedManualClock
from mockserver.store.database import initialise_database
from tests.conftest import START_TIME


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(START_TIME)
    assert clock.now() == START_TIME
    assert clock.advance(90) == START_TIME + 90
    assert clock.set(START_TIME + 1000) == START_TIME + 1000
    assert clock.now() == START_TIME + 1000


def test_system_clock_is_wall_time() -> None:
    assert SystemClock().now() > START_TIME - 10 * 365 * 86400


@pytest.mark.parametrize(
    ("clock", "controllable"),
    [(ManualClock(0), True), (SharedManualClock(Path("unused.db"), start=0), True), (SystemClock(), False)],
)
def test_controllable_clock_protocol(clock: object, controllable: bool) -> None:
    assert isinstance(clock, ControllableClock) is controllable


def test_default_clock_follows_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, clock="manual", start_time=START_TIME)
    initialise_database(settings.database_path)
    assert isinstance(default_clock(Settings(data_dir=tmp_path)), SystemClock)
    manual = default_clock(settings)
    assert isinstance(manual, SharedManualClock)
    assert manual.now() == START_TIME


def test_default_clock_restart_keeps_stored_time(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, clock="manual", start_time=START_TIME)
    initialise_database(settings.database_path)
    default_clock(settings).set(START_TIME + 500)  # type: ignore[attr-defined]
    assert default_clock(settings).now() == START_TIME + 500


def test_default_clock_without_start_time_starts_at_wall_time(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, clock="manual")
    initialise_database(settings.database_path)
    before = SystemClock().now()
    assert before <= default_clock(settings).now() <= SystemClock().now()


def test_clock_settings_defaults() -> None:
    settings = Settings()
    assert (settings.clock, settings.start_time, settings.speed) == ("system", None, 1.0)


def test_clock_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKSERVER_CLOCK", "manual")
    monkeypatch.setenv("MOCKSERVER_START_TIME", str(START_TIME))
    monkeypatch.setenv("MOCKSERVER_SPEED", "inf")
    settings = Settings()
    assert (settings.clock, settings.start_time, settings.speed) == ("manual", START_TIME, math.inf)


@pytest.mark.parametrize(("raw", "speed"), [("inf", math.inf), ("1", 1.0), ("0.5", 0.5), ("60", 60.0)])
def test_speed_setting_accepts(raw: str, speed: float) -> None:
    assert Settings(speed=raw).speed == speed  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["0", "-1", "-inf", "nan", "fast"])
def test_speed_setting_rejects(raw: str) -> None:
    with pytest.raises(ValidationError):
        Settings(speed=raw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("field", "raw"), [("clock", "fake"), ("start_time", "-1"), ("start_time", "soon")])
def test_clock_settings_reject(field: str, raw: str) -> None:
    with pytest.raises(ValidationError):
        Settings(**{field: raw})


@pytest.fixture
def captured_serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """`serve` with the server run replaced: records its arguments and the settings a worker would rebuild
    from the environment. `serve` writes MOCKSERVER_* variables, so the environment is restored afterwards."""
    saved = dict(os.environ)
    for name in [name for name in os.environ if name.startswith("MOCKSERVER_")]:
        del os.environ[name]
    captured: dict[str, Any] = {}

    def run(*args: Any, **kwargs: Any) -> None:
        captured.update(kwargs, worker_settings=Settings())

    monkeypatch.setattr("mockserver.server.serving.run", run)
    try:
        yield captured
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_serve_passes_clock_options_to_workers(captured_serve: dict[str, Any], tmp_path: Path) -> None:
    args = ["serve", "--data-dir", str(tmp_path), "--clock", "manual", "--start-time", str(START_TIME),
            "--speed", "inf"]
    result = CliRunner().invoke(cli_module.cli, args)
    assert result.exit_code == 0, result.output
    settings = captured_serve["worker_settings"]
    assert (settings.clock, settings.start_time, settings.speed) == ("manual", START_TIME, math.inf)


def test_serve_with_workers_prepares_the_shared_clock(captured_serve: dict[str, Any], tmp_path: Path) -> None:
    args = ["serve", "--data-dir", str(tmp_path), "--clock", "manual", "--start-time", str(START_TIME),
            "--workers", "2"]
    result = CliRunner().invoke(cli_module.cli, args)
    assert result.exit_code == 0, result.output
    assert captured_serve["workers"] == 2
    assert SharedManualClock(tmp_path / "mockserver.db", start=0).now() == START_TIME


@pytest.mark.parametrize("speed", ["0", "-2", "nan", "fast"])
def test_serve_rejects_bad_speed(captured_serve: dict[str, Any], speed: str) -> None:
    result = CliRunner().invoke(cli_module.cli, ["serve", "--speed", speed])
    assert result.exit_code == 2
    assert "--speed" in result.output
    assert captured_serve == {}


def test_serve_reads_speed_from_environment(captured_serve: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_module.cli, ["serve", "--data-dir", str(tmp_path)],
                                env={"MOCKSERVER_SPEED": "inf", "MOCKSERVER_CLOCK": "manual"})
    assert result.exit_code == 0, result.output
    assert captured_serve["worker_settings"].speed == math.inf
