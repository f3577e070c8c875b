"""`POST /v1/fine_tuning/jobs` throughput with webhooks on, against the same server without them (the baseline).

Usage: python bench/webhook_delivery.py [--seconds 5] [--connections 4]

Each case starts `mockserver serve --clock manual --speed inf` (every job finishes at creation, so every create
claims a webhook event) on a free port and a temporary data dir, uploads the seed file, and drives creates
with `wrk` for `--seconds`. Cases: no webhook URL (baseline); a receiver that answers 200 at once; a receiver
that accepts connections and never answers (each delivery then waits out its 2-second timeout). Delivery runs
in each worker's background sender, so the creates should go as fast in every case; a flush afterwards
reports how many events the sender got out meanwhile. Needs `wrk` (Debian: apt-get install wrk).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "fixtures" / "training" / "valid" / "sarcastic_assistant.jsonl"
HEADERS = {"Authorization": "Bearer sk-bench"}
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def answering_receiver() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["content-length"]))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_receiver() -> Iterator[str]:
    """A listening socket that never accepts: connections complete (the backlog) and never get an answer."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/hooks"


@contextmanager
def no_receiver() -> Iterator[None]:
    yield None


@contextmanager
def running_server(data_dir: Path, webhook_url: str | None) -> Iterator[str]:
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--data-dir", str(data_dir),
               "--clock", "manual", "--speed", "inf", "--seed", "1"]
    if webhook_url is not None:
        command += ["--webhook-url", webhook_url]
    with (data_dir.parent / f"server-{port}.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                   start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)  # waiting for a process to start
        else:
            raise RuntimeError("the server did not become healthy")
        yield base_url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wrk_creates(base_url: str, training_file: str, *, seconds: int, connections: int, workdir: Path) -> dict[str, Any]:
    body = json.dumps({"model": "gpt-3.5-turbo", "training_file": training_file})
    script = workdir / "create.lua"
    script.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                      'wrk.headers["Content-Type"] = "application/json"\n'
                      'wrk.headers["Authorization"] = "Bearer sk-bench"\n')
    result = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
                             f"{base_url}/v1/fine_tuning/jobs"], capture_output=True, text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", result.stdout).group(1)  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return {"rate": rate, "p99": p99, "non_2xx": int(errors.group(1)) if errors else 0}


def run_case(name: str, receiver: Any, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    with receiver() as webhook_url, running_server(root / name, webhook_url) as base_url:
        with httpx.Client(base_url=base_url, headers=HEADERS, timeout=30) as client:
            uploaded = client.post("/v1/files", files={"file": (SEED_FILE.name, SEED_FILE.read_bytes())},
                                   data={"purpose": "fine-tune"}).json()
            measured = wrk_creates(base_url, uploaded["id"], seconds=args.seconds, connections=args.connections,
                                   workdir=root)
            flushed = client.post("/_mock/webhooks/flush", json={"timeout": 1}).json()
            log = client.get("/_mock/webhooks", params={"limit": 10_000}).json()["data"]
    measured["attempted"] = sum(1 for d in log if d["attempts"] > 0)
    measured["claimed"] = len(log)
    measured["pending_after_1s_flush"] = flushed.get("pending", "n/a")  # n/a: a build without the flush route
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    cases = {"no webhooks (baseline)": no_receiver, "receiver answers": answering_receiver,
             "receiver never answers": silent_receiver}
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: run_case(f"case{index}", receiver, args, Path(tmp))
                   for index, (name, receiver) in enumerate(cases.items())}
    baseline = results["no webhooks (baseline)"]["rate"]
    print(f"creates at --speed inf, wrk -c{args.connections} for {args.seconds} s (shared machine: noisy)")
    for name, result in results.items():
        print(f"{name:26} {result['rate']:8.1f} creates/s  x{result['rate'] / baseline:.2f}  p99 {result['p99']:>8}"
              f"  non-2xx {result['non_2xx']}  events claimed {result['claimed']}, attempted {result['attempted']},"
              f" still pending after a 1 s flush {result['pending_after_1s_flush']}")


if __name__ == "__main__":
    main()
