"""The start-up banner: the dashboard's URL, the data dir, the clock and a command to try, printed once."""

from __future__ import annotations

from pathlib import Path

from mockserver.server.banner import banner, base_url
from tests.server_process import two_worker_server


def test_banner_names_dashboard_data_dir_clock_and_a_command(tmp_path: Path) -> None:
    text = banner(host="127.0.0.1", port=8123, data_dir=tmp_path, clock="manual", speed=1.0, keys_configured=False)

    assert "http://127.0.0.1:8123/_mock/ui/" in text
    assert str(tmp_path) in text
    assert "manual" in text and "/_mock/clock/advance" in text
    assert 'curl http://127.0.0.1:8123/v1/models -H "Authorization: Bearer sk-local"' in text


def test_banner_never_prints_a_configured_key(tmp_path: Path) -> None:
    text = banner(host="127.0.0.1", port=8123, data_dir=tmp_path, clock="system", speed=2, keys_configured=True)

    assert "<your --api-key>" in text and "speed 2" in text


def test_a_wildcard_bind_is_shown_as_loopback() -> None:
    assert base_url("0.0.0.0", 80) == "http://127.0.0.1:80"
    assert base_url("::1", 80) == "http://[::1]:80"


def test_serve_prints_the_banner_once_with_several_workers(tmp_path: Path) -> None:
    with two_worker_server(tmp_path) as base_url:
        log = (tmp_path / "server.log").read_text()

    assert log.count(f"Dashboard   {base_url}/_mock/ui/") == 1
    assert str((tmp_path / "data").resolve()) in log
    assert "Clock       manual" in log
