"""Start-up time: from `mockserver serve` process start to the first `GET /health` 200, beside a bare app.

Usage: python bench/startup.py [--rounds N]

Each round starts, in alternating order, `python -m mockserver serve` on a new temporary data dir (the
first start of a data dir: migrations included) and a bare FastAPI app with one `/health` endpoint served
by `uvicorn.run` the same way (a `python -c` process, same log level), polls `/health` every few
milliseconds and stops the process. It prints the median seconds of each and their ratio (mockserver /
bare, median over rounds; a burst of load elsewhere hits both alike), plus `python -c "import fastapi"`
as a floor. Goal: mockserver under 0.5 s on a quiet machine. Nothing is asserted: it is a measurement.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat import cpu_seconds  # noqa: E402
from job_speed import free_port, stop_server  # noqa: E402

GOAL_SECONDS = 0.5
POLL_SECONDS = 0.002
GIVE_UP_SECONDS = 30
BARE_APP = textwrap.dedent("""
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {{"status": "ok"}}

    uvicorn.run(app, host="127.0.0.1", port={port}, log_level="info")
""")


def time_to_healthy(command: list[str], port: int) -> tuple[float, float]:
    """(wall seconds, the server's CPU seconds) from spawning `command` to its first 200 on /health."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("MOCKSERVER_") and key != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
                               start_new_session=True)
    try:
        while time.perf_counter() - started < GIVE_UP_SECONDS and process.poll() is None:
            if answers_health(port):
                return time.perf_counter() - started, cpu_seconds(process.pid)
            time.sleep(POLL_SECONDS)
        raise RuntimeError(f"{command[:4]} did not become healthy")
    finally:
        stop_server(process)


def answers_health(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
    except OSError:
        return False
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def import_seconds(module: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - started


def summary(name: str, runs: list[tuple[float, float]]) -> str:
    walls = [wall for wall, _ in runs]
    return (f"{name:<34} median {statistics.median(walls):.3f} s wall ({', '.join(f'{t:.3f}' for t in walls)}), "
            f"{statistics.median(cpu for _, cpu in runs):.3f} s server CPU")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    mock_runs: list[tuple[float, float]] = []
    bare_runs: list[tuple[float, float]] = []
    import_times = []
    with tempfile.TemporaryDirectory(prefix="mockserver-bench-") as tmp:
        def commands(number: int, port: int) -> tuple[list[str], list[str]]:
            mock = [sys.executable, "-m", "mockserver", "serve", "--port", str(port),
                    "--data-dir", str(Path(tmp) / f"data-{number}")]
            return mock, [sys.executable, "-c", BARE_APP.format(port=port)]

        warm_up_port = free_port()
        for command in commands(-1, warm_up_port):  # bytecode caches written, files in the page cache
            time_to_healthy(command, warm_up_port)
        for number in range(args.rounds):
            port = free_port()
            mock, bare = commands(number, port)
            runs = [(mock, mock_runs), (bare, bare_runs)]
            for command, results in runs if number % 2 == 0 else reversed(runs):
                results.append(time_to_healthy(command, port))
            import_times.append(import_seconds("fastapi"))
    mock_s = statistics.median(wall for wall, _ in mock_runs)
    ratios = [m[0] / b[0] for m, b in zip(mock_runs, bare_runs, strict=True)]
    cpu_ratios = [m[1] / b[1] for m, b in zip(mock_runs, bare_runs, strict=True)]
    print(summary("mockserver serve → /health 200", mock_runs))
    print(summary("bare uvicorn+FastAPI → /health 200", bare_runs))
    label = 'python -c "import fastapi"'
    print(f"{label:<34} median {statistics.median(import_times):.3f} s wall")
    print(f"ratio {statistics.median(ratios):.2f} wall, {statistics.median(cpu_ratios):.2f} server CPU "
          f"(medians of {args.rounds} alternating rounds); goal < {GOAL_SECONDS} s wall: "
          f"{'met' if mock_s < GOAL_SECONDS else 'NOT met'}; load average {os.getloadavg()[0]:.1f}")
    return 0 if mock_s < GOAL_SECONDS else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.exit(main())
