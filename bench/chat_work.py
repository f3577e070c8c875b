"""The work of one chat completion in process, free of the noise of a shared machine: CPU instructions per request.

Usage:
    python bench/chat_work.py                 # needs valgrind (`apt-get install -y valgrind`)
    python bench/chat_work.py --syscalls      # system calls per request instead (needs strace)
    python bench/chat_work.py --profile       # cProfile of the same requests instead (top 25 by own time)
    python bench/chat_work.py --cpu           # process CPU time per request instead (median of chunks; noisy)

Builds the app (`create_app`) on a temporary data dir, fine-tunes gpt-3.5-turbo on the 1,000-example
file of bench/chat.py, then calls the ASGI app directly (no socket, no HTTP parsing: the app's own
work, middleware and FastAPI included) with the exact and the paraphrase workloads of bench/chat.py
(`--workloads ... ranked`: its rewordings in one order of the topic words, each ranked by BM25).
Each workload runs under callgrind twice, with N and 5 x N requests after the same warm-up; the
difference of the two instruction counts / 4 N is the work per request, start-up and warm-up cancelled
out. The writes the requests leave buffered are flushed inside each run, so they are counted. Callgrind counts
the work in user space only; `--syscalls` counts what goes to the kernel (SQLite's locks and writes).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat import SYSTEM, VARIANTS, paraphrase, training_file  # noqa: E402

WARMUP = 100
CPU_CHUNK = int(os.environ.get("CPU_CHUNK", "500"))
JSON = b"application/json"


async def call(app: Any, method: str, path: str, body: bytes = b"", content_type: bytes = JSON) -> tuple[int, bytes]:
    """One request through the ASGI app: (status, body)."""
    headers = [(b"authorization", b"Bearer sk-bench"), (b"content-type", content_type)]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "path": path,
             "raw_path": path.encode(), "query_string": b"", "headers": headers, "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 8000), "scheme": "http", "root_path": ""}
    sent = False
    status, chunks = 0, []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


def multipart(path: Path) -> tuple[bytes, bytes]:
    boundary = "benchboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"train.jsonl\"\r\n"
            "Content-Type: application/jsonl\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}".encode()


async def fine_tune(app: Any, train: Path) -> str:
    body, content_type = multipart(train)
    status, uploaded = await call(app, "POST", "/v1/files", body, content_type)
    assert status == 200, uploaded
    job_body = json.dumps({"model": "gpt-3.5-turbo", "training_file": json.loads(uploaded)["id"]}).encode()
    status, job = await call(app, "POST", "/v1/fine_tuning/jobs", job_body)
    assert status == 200, job
    await call(app, "POST", "/_mock/clock/advance", b'{"seconds": 10000000}')
    status, done = await call(app, "GET", f"/v1/fine_tuning/jobs/{json.loads(job)['id']}")
    model = json.loads(done)["fine_tuned_model"]
    assert model, done
    return str(model)


def bodies(workload: str, model: str, questions: list[str]) -> Iterator[bytes]:
    number = 0
    while True:
        question = questions[number % len(questions)]
        if workload == "paraphrase":
            question = paraphrase(question, number // len(questions) % VARIANTS)
        elif workload == "ranked":  # one order of the topic words: each set of terms comes once in 4,000
            question = paraphrase(question, number // len(questions) * 6 % VARIANTS)
        yield json.dumps({"model": model, "messages": [{"role": "system", "content": SYSTEM},
                                                       {"role": "user", "content": question}]}).encode()
        number += 1


async def serve_requests(data_dir: Path, workload: str, count: int, *, profile: bool, cpu: bool = False) -> None:
    from mockserver.core.config import Settings
    from mockserver.server.app import create_app

    app = create_app(Settings(data_dir=data_dir / "data", clock="manual"))
    questions = training_file(data_dir / "train.jsonl", 1000)
    async with app.router.lifespan_context(app):
        model_path = data_dir / "model.txt"
        if not model_path.exists():
            model_path.write_text(await fine_tune(app, data_dir / "train.jsonl"))
        source = bodies(workload, model_path.read_text(), questions)
        for _ in range(WARMUP):
            status, answer = await call(app, "POST", "/v1/chat/completions", next(source))
            assert status == 200, answer
        if cpu:
            total, own = await cpu_ms_per_request(app, source, count)
            which = "least" if os.environ.get("CPU_MIN") else "medians"
            print(f"{workload:<11} {total:6.3f} ms CPU per request, {own:6.3f} ms of them on the event loop's "
                  f"thread ({which} of {count // CPU_CHUNK} chunks of {CPU_CHUNK})", flush=True)
            return
        # CPU time of this thread: wall time would count the waits for the GIL the write-behind thread holds.
        profiler = cProfile.Profile(time.thread_time) if profile else None
        if profiler is not None:
            profiler.enable()
        for _ in range(count):
            await call(app, "POST", "/v1/chat/completions", next(source))
        if profiler is not None:
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "tottime"))
            stats.print_stats(int(os.environ.get("TOP", "25")))


async def cpu_ms_per_request(app: Any, source: Iterator[bytes], count: int) -> tuple[float, float]:
    """The process's CPU time (the write-behind thread's included) and that of this thread (the event loop's)
    per request, medians over chunks."""
    per_chunk, own_per_chunk = [], []
    for _ in range(max(1, count // CPU_CHUNK)):
        started, own_started = time.process_time(), time.thread_time()
        for _ in range(CPU_CHUNK):
            await call(app, "POST", "/v1/chat/completions", next(source))
        per_chunk.append((time.process_time() - started) * 1000 / CPU_CHUNK)
        own_per_chunk.append((time.thread_time() - own_started) * 1000 / CPU_CHUNK)
    if os.environ.get("CPU_MIN"):  # A/B comparisons on a busy machine: the least disturbed chunk
        return min(per_chunk), min(own_per_chunk)
    return statistics.median(per_chunk), statistics.median(own_per_chunk)


def syscalls(data_dir: Path, workload: str, count: int) -> dict[str, int]:
    """System calls per name that `strace -f -c` counts for a whole child run of `count` requests."""
    out = data_dir / f"strace.{workload}.{count}"
    command = ["strace", "-f", "-c", "-o", str(out), sys.executable, __file__, "--child", workload, str(count),
               str(data_dir)]
    subprocess.run(command, capture_output=True, text=True, check=True)
    counts = {}
    for line in out.read_text().splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[3].isdigit():  # % time, seconds, usecs/call, calls, [errors,] syscall
            counts[fields[-1]] = int(fields[3])
    return counts


def per_request_syscalls(data_dir: Path, workload: str, requests: int) -> str:
    small, large = (syscalls(data_dir, workload, n) for n in (requests, 5 * requests))
    per_call = {name: (large.get(name, 0) - small.get(name, 0)) / (4 * requests) for name in large if name != "total"}
    top = sorted(((count, name) for name, count in per_call.items() if count >= 0.05), reverse=True)
    return f"{sum(per_call.values()):5.1f} system calls per request (" + ", ".join(
        f"{name} {count:.1f}" for count, name in top) + ")"


def instructions(data_dir: Path, workload: str, count: int) -> int:
    """Instructions callgrind counts for a whole child run of `count` requests."""
    out = data_dir / f"callgrind.{workload}.{count}"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
               "--child", workload, str(count), str(data_dir)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    assert found is not None, result.stderr
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="N: the runs make N and 5 x N requests")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cpu", action="store_true", help="CPU time per request (process_time) instead")
    parser.add_argument("--syscalls", action="store_true", help="count system calls (strace) instead")
    parser.add_argument("--workloads", nargs="+", default=["exact", "paraphrase"],
                        choices=["exact", "paraphrase", "ranked"])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        workload, count, data_dir = args.child
        asyncio.run(serve_requests(Path(data_dir), workload, int(count), profile=False))
        return 0
    with tempfile.TemporaryDirectory(prefix="mockserver-work-") as tmp:
        data_dir = Path(tmp)
        asyncio.run(serve_requests(data_dir, "exact", 0, profile=False))  # the data dir and its model
        if args.profile:
            for workload in args.workloads:
                print(f"--- {workload}: {args.requests} requests")
                asyncio.run(serve_requests(data_dir, workload, args.requests, profile=True))
            return 0
        if args.cpu:
            for workload in args.workloads:
                asyncio.run(serve_requests(data_dir, workload, args.requests, profile=False, cpu=True))
            return 0
        if args.syscalls:
            for workload in args.workloads:
                print(f"{workload:<11} {per_request_syscalls(data_dir, workload, args.requests)}", flush=True)
            return 0
        if shutil.which("valgrind") is None:
            sys.exit("needs valgrind: `apt-get install -y valgrind` (or run with --profile)")
        for workload in args.workloads:
            small, large = (instructions(data_dir, workload, n) for n in (args.requests, 5 * args.requests))
            per_request = (large - small) / (4 * args.requests)
            print(f"{workload:<11} {per_request / 1e6:6.2f} M instructions per request "
                  f"(callgrind, {args.requests} vs {5 * args.requests} requests)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
