"""Chat completion throughput and latency of a fine-tuned model, beside a bare FastAPI endpoint.

Usage: python bench/chat.py [--seconds S] [--rounds N] [--examples N] [--requests N]

Starts `mockserver serve --clock manual` (one worker) on a temporary data dir and fine-tunes
gpt-3.5-turbo on a generated file of 1,000 examples (the clock advanced through
`/_mock/clock/advance`). The load comes from `wrk` (C; `apt-get install -y wrk`): one thread, 8
keep-alive connections, S seconds per run, non-streaming completions whose bodies a Lua script reads
from a file, for two workloads:

- exact: the training questions themselves, cycling. The model finds them by exact match, and a
  question asked again comes from the index's answer cache: the cheapest path.
- paraphrase: rewordings of the training questions (other words, other order), 24 per question, sent
  in turn, so none comes back before 24,000 others and each misses the answer cache (1,024 entries)
  and is ranked by BM25. The bench checks that the paraphrases get their training answer (not the
  fallback) and reports the share that do.

A bare FastAPI app (one `async def` endpoint returning the same response body) served by uvicorn with
the same settings (log level, h11 and its head limit: mockserver/server/serving.py) gets the same wrk load and
bodies. Its access log is uvicorn's own, through `logging`, as any FastAPI app served by uvicorn has it;
mockserver writes the same lines without `logging` (web/access_log.py). mockserver also sends a response's head
and body in one write, where uvicorn makes two (server/http_protocol.py). For comparison (secondary ratios), two
more bare apps run: one without any access log, and one served with mockserver's protocol (one write a
response). Rounds alternate exact, paraphrase and the bare apps, so a burst of load elsewhere hits all alike;
each workload's ratio is the median over rounds of mockserver req/s / bare req/s (goal >= 0.5 for both).
Beside req/s: p50/p99 latency (wrk's), the server's CPU time per request (from /proc, robust to other
load on the machine) and the ratio of those.
Secondary lines: the same workloads from one sequential Python (httpx) client, whose own cost per
request dominates; and the latency to the first chunk of streaming completions (goal: p50 < 5 ms).
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
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from job_speed import free_port, stop_server, wait_healthy  # noqa: E402
from wrk_load import LoadResult, require_wrk, run_wrk, write_bodies, write_script  # noqa: E402

HEADERS = {"Authorization": "Bearer sk-bench"}
SYSTEM = "You are a trivia assistant for a quiz night."
WARMUP = 100
STREAM_REQUESTS = 300
PARAPHRASE_CHECKS = 50
WARMUP_SECONDS = 1.0
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
    from mockserver.server.serving import {options}

    BODY = {body!r}
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def constant() -> Response:
        return Response(BODY, media_type="application/json")

    uvicorn.run(app, host="127.0.0.1", port={port}, log_level="info", access_log={access_log}, **{options})
""")

# The bare apps: (label, uvicorn's access log on, the uvicorn options from mockserver/server/serving.py). The first
# is the baseline; the others give the secondary ratios.
BARE_APPS = {"bare": ("bare FastAPI", True, "HTTP_OPTIONS"),
             "quiet": ("bare FastAPI, no access log", False, "HTTP_OPTIONS"),
             "one_write": ("bare FastAPI, one write", True, "SERVED_HTTP_OPTIONS")}


# Rewordings of "Question {index}: what links the {a} {b} {c}?": other words around the index and the topic
# words, which keep the question findable by BM25 but never match it exactly.
PARAPHRASES = (
    "For quiz item {index}, how are {a}, {b} and {c} connected?",
    "What do {a}, {b} and {c} have in common in item {index}?",
    "Item {index} of the quiz: tell me the link between {a}, {b} and {c}.",
    "In round {index}, what ties together {a}, {b} and {c}?",
)
QUESTION = re.compile(r"Question (\d+): what links the (\w+) (\w+) (\w+)\?")
VARIANTS = 6 * len(PARAPHRASES)  # 3! orders of the topic words x the templates


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


def measure(send: Callable[[int], None], count: int) -> tuple[float, list[float]]:
    """(requests per second, latencies in ms) of `count` sequential calls, after a warm-up."""
    for number in range(WARMUP):
        send(number)
    latencies = []
    started = time.perf_counter()
    for number in range(count):
        before = time.perf_counter()
        send(number)
        latencies.append((time.perf_counter() - before) * 1000)
    return count / (time.perf_counter() - started), latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def messages_for(questions: list[str], number: int) -> list[dict[str, str]]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": questions[number % len(questions)]}]


def request_body(model: str, question: str) -> dict[str, object]:
    return {"model": model, "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}]}


def chat_sender(client: httpx.Client, model: str, questions: list[str]) -> Callable[[int], None]:
    def send(number: int) -> None:
        response = client.post("/v1/chat/completions", json=request_body(model, questions[number % len(questions)]))
        assert response.status_code == 200, response.text
    return send


class ParaphraseSender:
    """Sends the next paraphrase on every call (the call number is ignored): call k asks question k mod n
    in variant `first_variant` + k div n, so none repeats before n x 24 calls, and the answer cache
    (1,024 entries) never holds one."""

    def __init__(self, client: httpx.Client, model: str, questions: list[str], *, first_variant: int = 0) -> None:
        self.client, self.model, self.questions = client, model, questions
        self.calls = itertools.count(first_variant * len(questions))

    def ask(self) -> tuple[int, str]:
        """(question number, answer text) of the next paraphrase."""
        call = next(self.calls)
        number = call % len(self.questions)
        text = paraphrase(self.questions[number], call // len(self.questions))
        response = self.client.post("/v1/chat/completions", json=request_body(self.model, text))
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


def report(name: str, rps: float, p50: float, p99: float, cpu_ms: float) -> None:
    print(f"{name:<34} {rps:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   "
          f"server CPU {cpu_ms:5.3f} ms/request", flush=True)


@dataclass(frozen=True)
class Run:
    """One wrk run against one server: its figures and the server's CPU time per request."""

    load: LoadResult
    cpu_ms: float


def wrk_run(url: str, pid: int, *, script: Path, bodies: Path, offset: int, seconds: float) -> Run:
    before = cpu_seconds(pid)
    load = run_wrk(url, script=script, bodies=bodies, offset=offset, seconds=seconds)
    return Run(load, (cpu_seconds(pid) - before) / load.requests * 1000)


def wrk_rounds(targets: dict[str, tuple[str, int, Path]], *, script: Path, rounds: int,
               seconds: float) -> dict[str, list[Run]]:
    """Each target (url, server pid, bodies file) in turn, round after round; a short warm-up run first.
    Each run starts where the last left off in its bodies, so paraphrases do not repeat from the start."""
    runs: dict[str, list[Run]] = {name: [] for name in targets}
    offsets = dict.fromkeys(targets, 0)
    for round_number in range(rounds + 1):
        for name, (url, pid, bodies) in targets.items():
            run = wrk_run(url, pid, script=script, bodies=bodies, offset=offsets[name],
                          seconds=WARMUP_SECONDS if round_number == 0 else seconds)
            offsets[name] += run.load.requests
            if round_number:
                runs[name].append(run)
    return runs


def summarise(name: str, runs: list[Run]) -> None:
    report(name, statistics.median(run.load.rps for run in runs), statistics.median(run.load.p50_ms for run in runs),
           statistics.median(run.load.p99_ms for run in runs), statistics.median(run.cpu_ms for run in runs))


def round_ratios(mock_runs: list[Run], bare_runs: list[Run]) -> list[float]:
    return [mock.load.rps / bare.load.rps for mock, bare in zip(mock_runs, bare_runs, strict=True)]


def median_ratio(mock_runs: list[Run], bare_runs: list[Run]) -> float:
    return statistics.median(round_ratios(mock_runs, bare_runs))


def print_ratio(name: str, mock_runs: list[Run], bare_runs: list[Run], *, goal: float) -> float:
    """Print and return the median over rounds of mockserver req/s / bare req/s."""
    ratios = round_ratios(mock_runs, bare_runs)
    ratio = statistics.median(ratios)
    by_cpu = statistics.median(bare.cpu_ms for bare in bare_runs) / statistics.median(m.cpu_ms for m in mock_runs)
    print(f"{name} ratio {ratio:.2f} (median of {len(ratios)} alternating rounds: "
          f"{', '.join(f'{r:.2f}' for r in ratios)}; goal >= {goal}; by server CPU per request {by_cpu:.2f})")
    return ratio


def python_client_lines(client: httpx.Client, bare_client: httpx.Client, *, model: str, questions: list[str],
                        paraphrases: ParaphraseSender, count: int) -> None:
    """The secondary figures: one sequential httpx client, whose own ~0.5 ms per request dominates."""
    for name, send in (("exact", chat_sender(client, model, questions)), ("paraphrase", paraphrases),
                       ("bare", chat_sender(bare_client, model, questions))):
        rps, latencies = measure(send, count)
        print(f"  httpx client, {name:<11} {rps:8.0f} req/s   p50 {percentile(latencies, 0.5):6.2f} ms   "
              f"p99 {percentile(latencies, 0.99):6.2f} ms", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=500, help="requests of each httpx client line")
    args = parser.parse_args()
    require_wrk()
    with tempfile.TemporaryDirectory(prefix="mockserver-bench-") as tmp:
        tmp_path = Path(tmp)
        questions = training_file(tmp_path / "train.jsonl", args.examples)
        port = free_port()
        server = start([sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--clock", "manual",
                        "--data-dir", str(tmp_path / "data")], tmp_path / "server.log")
        bares: dict[str, tuple[subprocess.Popen[bytes], int]] = {}
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=HEADERS, timeout=60) as client:
                wait_healthy(client, server)
                model = fine_tune(client, tmp_path / "train.jsonl")
                sample = client.post("/v1/chat/completions", json={"model": model, "messages": [
                    {"role": "system", "content": SYSTEM}, {"role": "user", "content": questions[0]}]}).content
                for name, (_, access_log, options) in BARE_APPS.items():
                    bare_port = free_port()
                    app = BARE_APP.format(body=sample, port=bare_port, access_log=access_log, options=options)
                    bares[name] = start([sys.executable, "-c", app], tmp_path / f"{name}.log"), bare_port
                # Checked on the last variant, which the wrk runs reach last (if at all).
                trained = ParaphraseSender(client, model, questions, first_variant=VARIANTS - 1).trained_share(
                    answers_of(tmp_path / "train.jsonl"), PARAPHRASE_CHECKS)
                exact = write_bodies(tmp_path / "exact.jsonl", [request_body(model, q) for q in questions])
                reworded = write_bodies(tmp_path / "paraphrase.jsonl", [
                    request_body(model, paraphrase(question, variant))
                    for variant in range(VARIANTS) for question in questions])
                for process, bare_port in bares.values():
                    with httpx.Client(base_url=f"http://127.0.0.1:{bare_port}", timeout=60) as bare_client:
                        wait_for_bare(bare_client, process)
                with httpx.Client(base_url=f"http://127.0.0.1:{bares['bare'][1]}", headers=HEADERS,
                                  timeout=60) as other:
                    url = f"http://127.0.0.1:{port}/v1/chat/completions"
                    runs = wrk_rounds({
                        "exact": (url, server.pid, exact), "paraphrase": (url, server.pid, reworded),
                        **{name: (f"http://127.0.0.1:{bare_port}/v1/chat/completions", process.pid, exact)
                           for name, (process, bare_port) in bares.items()},
                    }, script=write_script(tmp_path), rounds=args.rounds, seconds=args.seconds)
                    summarise(f"mockserver, exact ({args.examples} ex.)", runs["exact"])
                    summarise("mockserver, paraphrase", runs["paraphrase"])
                    for name, (label, _, _) in BARE_APPS.items():
                        summarise(label, runs[name])
                    exact_ratio = print_ratio("exact", runs["exact"], runs["bare"], goal=RATIO_GOAL)
                    paraphrase_ratio = print_ratio("paraphrase", runs["paraphrase"], runs["bare"], goal=RATIO_GOAL)
                    for name, (label, _, _) in list(BARE_APPS.items())[1:]:
                        print(f"  against {label}: " + ", ".join(
                            f"{workload} {median_ratio(runs[workload], runs[name]):.2f}"
                            for workload in ("exact", "paraphrase")))
                    print(f"paraphrases answered from training: {trained:.0%} of {PARAPHRASE_CHECKS} checked")
                    python_client_lines(client, other, model=model, questions=questions,
                                        paraphrases=ParaphraseSender(client, model, questions, first_variant=1),
                                        count=args.requests)
                stream_latencies = first_chunk_ms(client, model, questions)
        finally:
            stop_server(server)
            for process, _ in bares.values():
                stop_server(process)
    first_chunk = statistics.median(stream_latencies)
    print(f"streaming first chunk p50 {first_chunk:.2f} ms (goal < {FIRST_CHUNK_GOAL_MS} ms), "
          f"p99 {percentile(stream_latencies, 0.99):.2f} ms; load average {os.getloadavg()[0]:.1f}")
    met = min(exact_ratio, paraphrase_ratio) >= RATIO_GOAL and first_chunk < FIRST_CHUNK_GOAL_MS
    return 0 if met else 1


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
