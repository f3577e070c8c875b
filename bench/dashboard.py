"""The dashboard's page weight and load time in a real browser (Debian's chromium), beside a bare JSON load.

Usage: python bench/dashboard.py [--rounds N]

Starts `mockserver serve --clock manual` on a new data dir, makes a finished job on the seed file and one
chat call through the API, then loads each main page N times in headless chromium (a fresh browser
context each time: nothing cached) and prints per page: the bytes transferred (HTML, CSS, JS and SVG
together), the number of requests, the median time to the `load` event, and that time as a ratio to
loading `/health` (a tiny JSON answer) in the same browser in the same run. Requests to anything but
loopback are refused and counted (there should be none). Nothing is asserted: it is a measurement.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from job_speed import free_port, stop_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "fixtures" / "training" / "valid" / "sarcastic_assistant.jsonl"
START_TIME = 1_767_225_600
KEY = {"Authorization": "Bearer sk-local"}
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def start(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--data-dir", str(data_dir),
               "--clock", "manual", "--start-time", str(START_TIME)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    stop_server(process)
    raise SystemExit("the server did not start")


def seed(base: str) -> str:
    """A succeeded job and a chat call: every page has something to show. Returns the job id."""
    with httpx.Client(base_url=base, headers=KEY, timeout=30) as client:
        upload = client.post("/v1/files", files={"file": SEED_FILE.open("rb")}, data={"purpose": "fine-tune"})
        job = client.post("/v1/fine_tuning/jobs",
                          json={"model": "gpt-4o-mini-2024-07-18", "training_file": upload.json()["id"]}).json()
        client.post("/_mock/clock/advance", json={"seconds": 3600})
        model = client.get(f"/v1/fine_tuning/jobs/{job['id']}").json()["fine_tuned_model"]
        client.post("/v1/chat/completions", json={"model": model, "messages": [{"role": "user", "content": "Hi"}]})
        return str(job["id"])


def load(browser: Any, url: str) -> tuple[int, int, float, list[str]]:
    """(bytes, requests, milliseconds to the load event, refused non-loopback URLs) of one cold load."""
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    finished: list[Any] = []

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    millis = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                           " return n.loadEventEnd - n.startTime; }")
    sizes = [request.sizes() for request in finished]
    weight = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
    context.close()
    return weight, len(finished), float(millis), refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = start(port, Path(folder) / "data")
        try:
            base = f"http://127.0.0.1:{port}"
            job_id = seed(base)
            pages = {"baseline /health": "/health", "jobs": "/_mock/ui/", "job": f"/_mock/ui/jobs/{job_id}",
                     "files": "/_mock/ui/files", "playground": "/_mock/ui/playground", "costs": "/_mock/ui/costs",
                     "requests": "/_mock/ui/requests", "API docs": "/_mock/docs"}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
                results = {name: [load(browser, base + path) for _ in range(args.rounds)]
                           for name, path in pages.items()}
                browser.close()
        finally:
            stop_server(process)
    baseline = statistics.median(r[2] for r in results["baseline /health"])
    print(f"{'page':<18}{'bytes':>11}{'requests':>10}{'load ms':>10}{'× /health':>11}")
    for name, runs in results.items():
        millis = statistics.median(r[2] for r in runs)
        print(f"{name:<18}{runs[0][0]:>11,}{runs[0][1]:>10}{millis:>10.1f}{millis / baseline:>11.2f}")
    refused = sorted({url for runs in results.values() for run in runs for url in run[3]})
    print(f"requests refused (not loopback): {len(refused)}" + (f": {refused}" if refused else ""))


if __name__ == "__main__":
    main()
