"""Chat completion throughput and latency of a fine-tuned model, beside a bare FastAPI endpoint.

Usage: python bench/chat.py [--requests N] [--examples N]

Starts `mockserver serve --clock manual` (one worker) on a temporary data dir, fine-tunes
gpt-3.5-turbo on a generated file of 1,000 examples (the clock advanced through
`/_mock/clock/advance`), then sends N non-streaming completions over one keep-alive connection and
reports requests/s, p50/p99 latency and the server's CPU time per request, for two workloads:

- exact: the training questions themselves, cycling. The model finds them by exact match, and a
  question asked again comes from the index's answer cache: the cheapest path.
- paraphrase: each request a new rewording of a training question (other words, other order), never
  sent before, so it misses the answer cache and is ranked by BM25. The bench checks that the
  paraphrases get their training answer (not the fallback) and reports the share that do.

The same client also measures a bare FastAPI app (one `async def` endpoint returning a constant body)
served by uvicorn with the same log level, in alternating rounds; each workload's ratio is the median
over rounds of mockserver rps / bare rps. Goal: >= 0.5 for the exact workload (issue #4); the
paraphrase ratio is reported beside it.
Last, the latency to the first chunk of streaming completions (goal: p50 < 5 ms).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
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
PARAPHRASE_CHECKS = 50
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


# Rewordings of "Question {index}: what links the {a} {b} {c}?": other words around the index and the topic
# words, which keep the question findable by BM25 but never match it exactly.
PARAPHRASES = (
    "For quiz item {index}, how are {a}, {b} and {c} connected?",
    "What do {a}, {b} and {c} have in common in item {index}?",
    "Item {index} of the quiz: tell me the link between {a}, {b} and {c}.",
    "In round {index}, what ties together {a}, {b} and {c}?",
)
QUESTION = re.compile(r"Question (\d+): what links the (\w+) (\w+) (\w+)\?")


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


def answers_of(path: Path) -> list[str]:
    """The assistant answer of each training example, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["messages"][-1]["content"] for line in handle]


def paraphrase(question: str, variant: int) -> str:
    """Variant `variant` of a training question: a template and an order of its three topic words."""
    found = QUESTION.fullmatch(question)
    assert found is not None, question
    index, *topic = found.groups()
    orders = list(itertools.permutations(topic))
    a, b, c = orders[variant % len(orders)]
    return PARAPHRASES[variant // len(orders) % len(PARAPHRASES)].format(index=index, a=a, b=b, c=c)


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


class ParaphraseSender:
    """Sends a paraphrase never sent before on every call (the call number is ignored): call k asks
    question k mod n in variant k div n, so none repeats before n x 24 calls, and the answer cache
    (1,024 entries) never holds one."""

    def __init__(self, client: httpx.Client, model: str, questions: list[str]) -> None:
        self.client, self.model, self.questions = client, model, questions
        self.calls = itertools.count()

    def ask(self) -> tuple[int, str]:
        """(question number, answer text) of the next paraphrase."""
        call = next(self.calls)
        number = call % len(self.questions)
        text = paraphrase(self.questions[number], call // len(self.questions))
        request = {"model": self.model, "messages": [{"role": "system", "content": SYSTEM},
                                                     {"role": "user", "content": text}]}
        response = self.client.post("/v1/chat/completions", json=request)
        assert response.status_code == 200, response.text
        return number, str(response.json()["choices"][0]["message"]["content"])

    def __call__(self, number: int) -> None:
        self.ask()

    def trained_share(self, answers: list[str], checks: int) -> float:
        """The share of the next `checks` paraphrases answered with their question's training answer."""
        hits = 0
        for _ in range(checks):
            number, content = self.ask()
            hits += content == answers[number]
        return hits / checks


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
    print(f"{name:<34} {rps:8.0f} req/s   p50 {percentile(latencies, 0.5):6.2f} ms   "
          f"p99 {percentile(latencies, 0.99):6.2f} ms   server CPU {cpu_ms:5.2f} ms/request", flush=True)


Rounds = list[tuple[float, list[float], float]]


def alternate_rounds(senders: dict[str, tuple[Callable[[int], None], int]], *, count: int) -> dict[str, Rounds]:
    """Measure each (sender, server pid) in turn, round after round, so a burst of load elsewhere hits all alike."""
    rounds: dict[str, Rounds] = {name: [] for name in senders}
    for _ in range(ROUNDS):
        for name, (send, pid) in senders.items():
            rounds[name].append(measure(send, count // ROUNDS, pid))
    return rounds


def combined(rounds: Rounds) -> tuple[float, list[float], float]:
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
                paraphrases = ParaphraseSender(client, model, questions)
                trained = paraphrases.trained_share(answers_of(tmp_path / "train.jsonl"), PARAPHRASE_CHECKS)
                with httpx.Client(base_url=f"http://127.0.0.1:{bare_port}", headers=HEADERS, timeout=60) as other:
                    wait_for_bare(other, bare)
                    rounds = alternate_rounds({
                        "exact": (chat_sender(client, model, questions), server.pid),
                        "paraphrase": (paraphrases, server.pid),
                        "bare": (chat_sender(other, model, questions), bare.pid),
                    }, count=args.requests)
                stream_latencies = first_chunk_ms(client, model, questions)
        finally:
            stop_server(server)
            if bare is not None:
                stop_server(bare)
    report(f"mockserver, exact ({args.examples} ex.)", *combined(rounds["exact"]))
    report("mockserver, paraphrase", *combined(rounds["paraphrase"]))
    report("bare FastAPI", *combined(rounds["bare"]))
    exact = print_ratio("exact", rounds["exact"], rounds["bare"], goal=RATIO_GOAL)
    print_ratio("paraphrase", rounds["paraphrase"], rounds["bare"], goal=None)
    print(f"paraphrases answered from training: {trained:.0%} of {PARAPHRASE_CHECKS} checked")
    first_chunk = statistics.median(stream_latencies)
    print(f"streaming first chunk p50 {first_chunk:.2f} ms (goal < {FIRST_CHUNK_GOAL_MS} ms), "
          f"p99 {percentile(stream_latencies, 0.99):.2f} ms; load average {os.getloadavg()[0]:.1f}")
    return 0 if exact >= RATIO_GOAL and first_chunk < FIRST_CHUNK_GOAL_MS else 1


def print_ratio(name: str, mock_rounds: Rounds, bare_rounds: Rounds, *, goal: float | None) -> float:
    """Print and return the median over rounds of mockserver rps / bare rps."""
    ratios = [m[0] / b[0] for m, b in zip(mock_rounds, bare_rounds, strict=True)]
    ratio = statistics.median(ratios)
    mock_cpu, bare_cpu = combined(mock_rounds)[2], combined(bare_rounds)[2]
    cpu_ratio = bare_cpu / mock_cpu if mock_cpu else float("nan")
    print(f"{name} ratio {ratio:.2f} (median of {ROUNDS} alternating rounds: {', '.join(f'{r:.2f}' for r in ratios)}"
          f"{f'; goal >= {goal}' if goal is not None else ''}; by server CPU per request {cpu_ratio:.2f})")
    return ratio


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
