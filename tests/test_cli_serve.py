"""`mockserver serve` as users run it: the installed command, in a subprocess, on a real port."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from tests.conftest import START_TIME
from tests.jobs_support import SEED_FILE, SEED_MODEL
from tests.live_server import free_port
from tests.raw_http import exchange, status_headers_body

COMMAND = str(Path(sys.executable).with_name("mockserver"))
STARTUP_SECONDS = 60  # a start takes 10-30 s on a loaded 2-core machine; a healthy one returns at once


def clean_environment(**variables: str) -> dict[str, str]:
    """The current environment without MOCKSERVER_* settings, plus `variables`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    return {**env, **variables}


class Served:
    """A running `mockserver serve` process and its base URL."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process, self.base_url, self.log = process, f"http://127.0.0.1:{port}", log

    def wait_healthy(self) -> httpx.Response:
        deadline = time.monotonic() + STARTUP_SECONDS
        with httpx.Client(base_url=self.base_url, verify=False, timeout=1) as client:
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    return client.get("/health")
                except httpx.TransportError:
                    time.sleep(0.05)
        raise AssertionError(f"server did not answer /health in {STARTUP_SECONDS}s:\n{self.log.read_text()}")

    def get(self, path: str, api_key: str) -> httpx.Response:
        with httpx.Client(base_url=self.base_url, verify=False, timeout=5) as client:
            return client.get(path, headers={"Authorization": f"Bearer {api_key}"})

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `mockserver serve <args>` on a free port (unless the environment names one); stop it afterwards."""
    started: list[Served] = []

    def start(args: Sequence[str] = (), *, env: dict[str, str] | None = None, port: int | None = None) -> Served:
        port = port or free_port()
        log = tmp_path / f"serve-{len(started)}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [COMMAND, "serve", *args], env=env or clean_environment(), cwd=tmp_path,
                stdout=output, stderr=subprocess.STDOUT,
            )
        served = Served(process, port, log)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def test_serve_answers_health_without_auth(serve: Callable[..., Served], tmp_path: Path) -> None:
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data")], port=port)

    response = served.wait_healthy()

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert (tmp_path / "data" / "mockserver.db").is_file()


def test_serve_reads_port_and_data_dir_from_environment(serve: Callable[..., Served], tmp_path: Path) -> None:
    port = free_port()
    env = clean_environment(MOCKSERVER_PORT=str(port), MOCKSERVER_DATA_DIR=str(tmp_path / "env-data"))
    served = serve(env=env, port=port)

    assert served.wait_healthy().status_code == 200
    assert (tmp_path / "env-data" / "mockserver.db").is_file()


def test_serve_with_api_key_accepts_only_that_key(serve: Callable[..., Served], tmp_path: Path) -> None:
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data"), "--api-key", "k1"], port=port)
    served.wait_healthy()

    accepted, refused = served.get("/v1/files", "k1"), served.get("/v1/files", "k2")

    assert accepted.status_code == 200
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_api_key"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], ["Usage: mockserver", "serve"]),
        (["serve", "--help"], ["Usage: mockserver serve", "--port", "--data-dir", "--api-key"]),
    ],
    ids=["main", "serve"],
)
def test_help_exits_zero_with_usage(args: list[str], expected: list[str]) -> None:
    result = subprocess.run([COMMAND, *args], capture_output=True, text=True, env=clean_environment(), timeout=30)

    assert result.returncode == 0, result.stderr
    assert all(text in result.stdout for text in expected), result.stdout


def test_serve_passes_webhook_options_to_the_server(serve: Callable[..., Served], tmp_path: Path) -> None:
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data"), "--webhook-url",
                    "http://127.0.0.1:9/hooks", "--webhook-secret", "whsec_c2VjcmV0"], port=port)
    served.wait_healthy()

    log = served.get("/_mock/webhooks", "unused").json()

    assert (log["url"], log["secret"]) == ("http://127.0.0.1:9/hooks", "whsec_c2VjcmV0")


def test_serve_refuses_a_webhook_url_that_is_not_http() -> None:
    result = subprocess.run([COMMAND, "serve", "--webhook-url", "ftp://example.com/hook"], capture_output=True,
                            text=True, env=clean_environment(), timeout=30)

    assert result.returncode == 2
    assert "must be an http:// or https:// URL" in result.stderr


def test_serve_passes_rate_limits_to_the_server(serve: Callable[..., Served], tmp_path: Path) -> None:
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data"), "--rpm", "7", "--tpm", "1000"],
                   port=port)
    served.wait_healthy()

    with httpx.Client(base_url=served.base_url, timeout=60, headers={"Authorization": "Bearer sk-a"}) as client:
        response = client.post("/v1/chat/completions", json={"model": "gpt-4o-mini", "max_tokens": 10,
                                                            "messages": [{"role": "user", "content": "Hi"}]})

    assert response.status_code == 200
    assert (response.headers["x-ratelimit-limit-requests"], response.headers["x-ratelimit-limit-tokens"]) == (
        "7", "1000")


@pytest.mark.parametrize("option", ["--rpm", "--tpm"])
def test_serve_refuses_a_rate_limit_below_one(option: str) -> None:
    result = subprocess.run([COMMAND, "serve", option, "0"], capture_output=True, text=True,
                            env=clean_environment(), timeout=30)

    assert result.returncode == 2
    assert option in result.stderr


def prepare_snapshot(data_dir: Path) -> tuple[Path, str, str]:
    """A snapshot (`<data_dir>/snapshots/ready`) of a data dir holding one uploaded file and one job, made
    in process at START_TIME: its folder, the file's id and the job's id."""
    settings = Settings(data_dir=data_dir, seed=7)
    with TestClient(create_app(settings, clock=ManualClock(START_TIME))) as client:
        client.headers["Authorization"] = "Bearer sk-prepare"
        file_id = client.post("/v1/files", files={"file": ("train.jsonl", SEED_FILE.read_bytes())},
                              data={"purpose": "fine-tune"}).json()["id"]
        job_id = client.post("/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": file_id}).json()["id"]
        client.post("/_mock/clock/advance", json={"seconds": 60}).raise_for_status()
        client.post("/_mock/snapshot", json={"name": "ready"}).raise_for_status()
    return data_dir / "snapshots" / "ready", file_id, job_id


def test_serve_with_load_serves_the_snapshots_objects(serve: Callable[..., Served], tmp_path: Path) -> None:
    folder, file_id, job_id = prepare_snapshot(tmp_path / "prepared")
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "fresh"), "--clock", "manual",
                    "--load", str(folder)], port=port)
    served.wait_healthy()

    files = served.get("/v1/files", "sk-prepare").json()
    job = served.get(f"/v1/fine_tuning/jobs/{job_id}", "sk-prepare").json()
    clock = served.get("/_mock/clock", "unused").json()

    assert [entry["id"] for entry in files["data"]] == [file_id]
    assert (job["id"], job["training_file"], job["created_at"]) == (job_id, file_id, START_TIME)
    assert clock["now"] == START_TIME + 60  # the manual clock comes back at the snapshot's time


def test_serve_with_api_key_generates_an_admin_key_and_reuses_it_on_restart(
    serve: Callable[..., Served], tmp_path: Path
) -> None:
    port, key_file = free_port(), tmp_path / "data" / "admin_key"
    args = ["--port", str(port), "--data-dir", str(tmp_path / "data"), "--api-key", "k1"]
    first = serve(args, port=port)
    first.wait_healthy()
    key = key_file.read_text().strip()
    refused, opened = first.get("/_mock/clock", "k1"), first.get("/_mock/clock", key)
    first.stop()
    second = serve(args, port=port)
    second.wait_healthy()

    assert (refused.status_code, opened.status_code) == (401, 200)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == key
    assert second.get("/_mock/clock", key).status_code == 200
    banner = first.log.read_text()
    assert f"admin key kept in {key_file.resolve()}" in banner and key not in banner


def test_serve_takes_the_admin_key_from_the_environment(serve: Callable[..., Served], tmp_path: Path) -> None:
    port = free_port()
    env = clean_environment(MOCKSERVER_ADMIN_KEY="environment-admin-key")
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data")], env=env, port=port)
    served.wait_healthy()

    assert served.get("/_mock/clock", "sk-any").status_code == 401
    assert served.get("/_mock/clock", "environment-admin-key").status_code == 200
    assert "--admin-key" in served.log.read_text() and "environment-admin-key" not in served.log.read_text()
    assert not (tmp_path / "data" / "admin_key").exists()


def test_serve_on_loopback_without_keys_leaves_the_control_plane_open(
    serve: Callable[..., Served], tmp_path: Path
) -> None:
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data")], port=port)
    served.wait_healthy()

    assert served.get("/_mock/clock", "unused").status_code == 200
    assert "Control plane /_mock/* is open" in served.log.read_text()


@pytest.mark.parametrize("key", ["has space", "short"])
def test_serve_refuses_an_admin_key_that_cannot_travel_in_a_header(key: str) -> None:
    result = subprocess.run([COMMAND, "serve", "--admin-key", key], capture_output=True, text=True,
                            env=clean_environment(), timeout=30)

    assert result.returncode == 2
    assert "--admin-key" in result.stderr


def test_serve_lets_a_20_kb_request_head_reach_the_app(serve: Callable[..., Served], tmp_path: Path) -> None:
    """uvicorn's h11 would refuse it (16 KiB) with a plain-text 400; the app answers it in the envelope."""
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data")], port=port)
    served.wait_healthy()
    head = b"GET /v1/models HTTP/1.1\r\nHost: mock\r\nConnection: close\r\nX-Large: " + b"a" * 20_000

    status, headers, _ = status_headers_body(exchange(served.base_url, head, b"\r\n\r\n"))

    assert (status, headers["content-type"]) == (401, "application/json")


@pytest.mark.parametrize(("args", "status"), [([], 400), (["--allow-python-graders"], 200)])
def test_serve_runs_python_graders_only_with_the_flag(
    serve: Callable[..., Served], tmp_path: Path, args: list[str], status: int
) -> None:
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data"), *args], port=port)
    served.wait_healthy()
    grader = {"type": "python", "name": "py", "source": "def grade(sample, item):\n    return 0.5\n"}

    with httpx.Client(base_url=served.base_url, timeout=60, headers={"Authorization": "Bearer sk-a"}) as client:
        response = client.post("/v1/fine_tuning/alpha/graders/run", json={"grader": grader, "model_sample": "x"})

    assert response.status_code == status
    if status == 200:
        assert response.json()["reward"] == 0.5


def test_serve_logs_each_request_once_as_uvicorn_would(serve: Callable[..., Served], tmp_path: Path) -> None:
    """uvicorn's access log is off and the app writes the same line (web/access_log.py): one line a request."""
    port = free_port()
    served = serve(["--port", str(port), "--data-dir", str(tmp_path / "data"), "--api-key", "k1"], port=port)
    served.wait_healthy()

    assert served.get("/v1/files?limit=2", "k2").status_code == 401
    served.stop()

    lines = served.log.read_text().splitlines()
    health = [line for line in lines if '"GET /health HTTP/1.1" 200 OK' in line]
    refused = [line for line in lines if '"GET /v1/files?limit=2 HTTP/1.1" 401 Unauthorized' in line]
    assert health and all(line.startswith("INFO:     127.0.0.1:") for line in health), lines
    assert len(refused) == 1 and refused[0].startswith("INFO:     127.0.0.1:"), lines


def test_the_served_app_freezes_what_start_up_built(tmp_path: Path) -> None:
    """`mockserver serve`'s app (asgi.py): start-up's objects are out of the garbage collector's reach, so a full
    collection does not walk them on the event loop. Run in a process of its own: freezing is process-wide."""
    script = ("import gc; from mockserver.asgi import create_served_app; before = gc.get_freeze_count(); "
              "create_served_app(); print(before, gc.get_freeze_count())")
    environment = {**os.environ, "MOCKSERVER_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment,
                          timeout=120, check=True)

    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 10_000
