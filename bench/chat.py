"""Chat completion throughput and latency of a fine-tuned model, beside a bare FastAPI endpoint.

Usage: python bench/chat.py [--requests N] [--examples N]

Starts `mockserver serve --clock manual` (one worker) on a temporary data dir, fine-tunes
gpt-3.5-turbo on a generated file of 1,000 examples (the clock advanced through
`/_mock/clock/advance`), then sends N non-streaming completions (questions cycling through the
training examples) over one keep-alive connection and reports requests/s and p50/p99 latency. The
same client then measures a bare FastAPI app (one `async def` endpoint returning a constant body)
served by uvicorn with the same log level, in alternating rounds; the ratio is the median over rounds of
mockserver rps / bare rps (goal >= 0.5).
Last, the latency to the first chunk of streaming completions (goal: p50 < 5 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from job_speed import free_port, stop_server, wait_healthy  # noqa: E402

HEADERS = {"Authorization": "Bearer sk-bench"}
SYSTEM = "You are a trivia assistant for a quiz night."
WARMUP = 100
STREAM_REQUESTS = 300
ROUNDS = 5
RATIO_GOAL = 0.5
FIRST_CHUNK_GOAL_MS = 5.0
WORDS = ("river mountain castle comet violin harbor desert glacier lantern meadow orchard puzzle rocket "
         "saddle temple tunnel volcano whistle anchor banner canyon dragon engine falcon garden island "
         "jungle kettle ladder marble needle oyster pepper quartz ribbon silver thunder umbrella velvet "
         "walnut yogurt zephyr amber bishop cobalt dolphin emerald fossil granite hazel ivory jasmine").split()
BARE_APP = textwrap.dedent("""
    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import Response

    BODY = {body!r}
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def constant() -> Response:
        return Response(BODY, media_type="application/json")

    uvicorn.run(app, host="127.0.0.1", port={port}, log_level="info")
""")


def training_file(path: Path, n_examples: int) -> list[str]:
    """A chat JSONL of distinct questions and answers; returns the questions."""
    rng = random.Random(7)
    questions = []
    with path.open("w", encoding="utf-8") as handle:
        for index in range(n_examples):
            topic = " ".join(rng.sample(WORDS, 3))
            question = f"Question {index}: what links the {topic}?"
            answer = f"The {topic} share clue {index}: " + " ".join(rng.sample(WORDS, 8)) + "."
            messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question},
                        {"role": "assistant", "content": answer}]
            handle.write(json.dumps({"messages": messages}) + "\n")
            questions.append(question)
    return questions


def start(command: list[str], log_path: Path) -> subprocess.Popen[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    with log_path.open("wb") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                start_new_session=True)


def fine_tune(client: httpx.Client, path: Path) -> str:
    with path.open("rb") as handle:
        uploaded = client.post("/v1/files", files={"file": (path.name, handle)}, data={"purpose": "fine-tune"})
    uploaded.raise_for_status()
    job = client.post("/v1/fine_tuning/jobs", json={"model": "gpt-3.5-turbo", "training_file": uploaded.json()["id"]})
    job.raise_for_status()
    client.post("/_mock/clock/advance", json={"seconds": 10_000_000}).raise_for_status()
    done = client.get(f"/v1/fine_tuning/jobs/{job.json()['id']}").json()
    assert done["status"] == "succeeded", done
    return str(done["fine_tuned_model"])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads (Linux /proc); 0.0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(send: Callable[[int], None], count: int, pid: int) -> tuple[float, list[float], float]:
    """(requests per second, latencies in ms, server CPU ms per request) of `count` sequential calls.

    The server's CPU time per request does not depend on what else the machine is running, unlike
    the wall-clock rate, so it is reported beside it.
    """
    for number in range(WARMUP):
        send(number)
    latencies = []
    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    for number in range(count):
        before = time.perf_counter()
        send(number)
        latencies.append((time.perf_counter() - before) * 1000)
    elapsed = time.perf_counter() - started
    return count / elapsed, latencies, (cpu_seconds(pid) - cpu_before) / count * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def messages_for(questions: list[str], number: int) -> list[dict[str, str]]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": questions[number % len(questions)]}]


def chat_sender(client: httpx.Client, model: str, questions: list[str]) -> Callable[[int], None]:
    def send(number: int) -> None:
        request = {"model": model, "messages": messages_for(questions, number)}
        response = client.post("/v1/chat/completions", json=request)
        assert response.status_code == 200, response.text
    return send


def first_chunk_ms(client: httpx.Client, model: str, questions: list[str]) -> list[float]:
    latencies = []
    for number in range(WARMUP + STREAM_REQUESTS):
        request = {"model": model, "messages": messages_for(questions, number), "stream": True}
        before = time.perf_counter()
        with client.stream("POST", "/v1/chat/completions", json=request) as response:
            raw = response.iter_raw()
            next(raw)
            elapsed = (time.perf_counter() - before) * 1000
            for _ in raw:
                pass
        if number >= WARMUP:
            latencies.append(elapsed)
    return latencies


def report(name: str, rps: float, latencies: list[float], cpu_ms: float) -> None:
    print(f"{name:<24} {rps:8.0f} req/s   p50 {percentile(latencies, 0.5):6.2f} ms   "
          f"p99 {percentile(latencies, 0.99):6.2f} ms   server CPU {cpu_ms:5.2f} ms/request", flush=True)


def alternate_rounds(
    mock_send: Callable[[int], None], bare_send: Callable[[int], None], *, count: int, mock_pid: int, bare_pid: int,
) -> tuple[list[tuple[float, list[float], float]], list[tuple[float, list[float], float]]]:
    """Measure both servers in alternating rounds, so a burst of load elsewhere hits both alike."""
    mock_rounds, bare_rounds = [], []
    for _ in range(ROUNDS):
        mock_rounds.append(measure(mock_send, count // ROUNDS, mock_pid))
        bare_rounds.append(measure(bare_send, count // ROUNDS, bare_pid))
    return mock_rounds, bare_rounds


def combined(rounds: list[tuple[float, list[float], float]]) -> tuple[float, list[float], float]:
    latencies = [value for _, round_latencies, _ in rounds for value in round_latencies]
    return (statistics.median(rps for rps, _, _ in rounds), latencies,
            statistics.median(cpu for _, _, cpu in rounds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--examples", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mockserver-bench-") as tmp:
        tmp_path = Path(tmp)
        questions = training_file(tmp_path / "train.jsonl", args.examples)
        port, bare_port = free_port(), free_port()
        server = start([sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--clock", "manual",
                        "--data-dir", str(tmp_path / "data")], tmp_path / "server.log")
        bare = None
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=HEADERS, timeout=60) as client:
                wait_healthy(client, server)
                model = fine_tune(client, tmp_path / "train.jsonl")
                sample = client.post("/v1/chat/completions", json={"model": model, "messages": [
                    {"role": "system", "content": SYSTEM}, {"role": "user", "content": questions[0]}]}).content
                bare = start([sys.executable, "-c", BARE_APP.format(body=sample, port=bare_port)],
                             tmp_path / "bare.log")
                with httpx.Client(base_url=f"http://127.0.0.1:{bare_port}", headers=HEADERS, timeout=60) as other:
                    wait_for_bare(other, bare)
                    mock_rounds, bare_rounds = alternate_rounds(
                        chat_sender(client, model, questions), chat_sender(other, model, questions),
                        count=args.requests, mock_pid=server.pid, bare_pid=bare.pid)
                stream_latencies = first_chunk_ms(client, model, questions)
        finally:
            stop_server(server)
            if bare is not None:
                stop_server(bare)
    mock, baseline = combined(mock_rounds), combined(bare_rounds)
    report(f"mockserver ({args.examples} ex.)", *mock)
    report("bare FastAPI", *baseline)
    ratios = [m[0] / b[0] for m, b in zip(mock_rounds, bare_rounds, strict=True)]
    ratio, first_chunk = statistics.median(ratios), statistics.median(stream_latencies)
    cpu_ratio = baseline[2] / mock[2] if mock[2] else float("nan")
    print(f"ratio {ratio:.2f} (median of {ROUNDS} alternating rounds: {', '.join(f'{r:.2f}' for r in ratios)}; "
          f"goal >= {RATIO_GOAL}; by server CPU per request {cpu_ratio:.2f}); streaming first chunk p50 "
          f"{first_chunk:.2f} ms (goal < {FIRST_CHUNK_GOAL_MS} ms), p99 {percentile(stream_latencies, 0.99):.2f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0 if ratio >= RATIO_GOAL and first_chunk < FIRST_CHUNK_GOAL_MS else 1


def wait_for_bare(client: httpx.Client, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        try:
            client.post("/v1/chat/completions", json={})
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the bare server did not start")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.exit(main())
