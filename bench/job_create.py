"""Creating a fine-tuning job on a big training file: the server's memory, and other requests' latency meanwhile.

Usage: python bench/job_create.py [--sizes 20 200] [--slice 2] [--huge-line-mb MB] [--chat-first]

For each size it starts `mockserver serve --speed inf` (one worker) on a fresh temporary data dir, as a user
would (with `--chat-first`, one chat completion on the base model first: the server then holds a tokenizer
while the job is prepared), generates a chat training file of mixed English and Chinese examples, uploads it,
then measures:

- idle: wrk sends small requests (GET /v1/models, 2 connections) for a few slices of `--slice` seconds,
  before the creation and again after it (with the memory sampler running, as during the creation);
- create: POST /v1/fine_tuning/jobs on the file (it answers at once, in validating_files: the files are validated
  and indexed afterwards, services/job_preparation.py), while wrk keeps sending the same small requests in
  slices until the job leaves validating_files. Their p99 / the idle p99 is the ratio reported (goal: about 1),
  beside the p99 of the idle slices after the creation / those before it (nothing differs but the time: the
  noise floor of that ratio on this machine);
- control: the same idle slices again while a process that has nothing to do with mockserver burns CPU at the
  priority the server gives its worker child (services/workers.py `lowest_priority`: niceness 19, SCHED_IDLE).
  Its p99 / the idle p99 is what any background work costs the server's requests on this machine's scheduler,
  however low its priority (on the 2-core VM measured: 1.5-2.6x; the preparation, which also waits on I/O, less);
- memory: /proc sampled every 50 ms during creation: the server process's peak RSS, and the peak of the
  whole process tree (the server and any child it starts) as RSS and as PSS (shared pages counted once,
  proportionally: the honest total when a child shares pages with its parent). Goal < 200 MB;
- after: the tree's RSS a moment after the creation answered, then after a few chat completions of the new
  model (which read its index), and those completions' median latency.

Nothing is asserted: it is a measurement, and on a shared machine the figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from job_speed import free_port, stop_server, wait_healthy  # noqa: E402

HEADERS = {"Authorization": "Bearer sk-bench"}
MODEL = "gpt-4o-mini-2024-07-18"
IDLE_SLICES = 3
SAMPLE_SECONDS = 0.05
CHATS = 20
POLL_SECONDS = 0.5
RSS_GOAL_MB = 200
EN_WORDS = ("the of and to in is you that it was for on are as with they at be this have from or one had by "
            "what all were we when your can there use each which she do how their if will up other about out "
            "many then them these so some her would make like him into time has look two more write go see "
            "model training data token price market health doctor blood pressure science history planet "
            "orbit computer python language question answer capital weather river mountain music guitar").split()
ZH_WORDS = ("高血压 糖尿病 建议 医生 检查 治疗 症状 患者 饮食 运动 药物 休息 头晕 发烧 孩子 咳嗽 睡眠 胃痛 "
            "血糖 心脏 医院 每天 注意 可以 需要 如果 应该 情况 时间 身体 问题 知道 北京 上海 天气 学习").split()
SYSTEMS = ("You are a helpful assistant.", "Marv is a factual chatbot that is also sarcastic.",
           "你是一名经验丰富的医生，请根据患者的描述给出专业、谨慎的医学建议。")
WRK_SCRIPT = """
wrk.headers["Authorization"] = "Bearer sk-bench"
function done(summary, latency, requests)
  local parts = {}
  for i = 1, #latency do
    local value, count = latency(i)
    parts[#parts + 1] = string.format("[%d,%d]", value, count)
  end
  io.write(string.format('WRK {"requests": %d, "errors": %d, "histogram": [%s]}\\n', summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout, table.concat(parts, ",")))
end
"""


# -- the training file ---------------------------------------------------------------------------------
def sentence(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return "".join(rng.choices(ZH_WORDS, k=rng.randint(4, 14))) + rng.choice("。？！，")
    words = rng.choices(EN_WORDS, k=rng.randint(5, 18))
    if rng.random() < 0.15:
        words[rng.randrange(len(words))] = rng.choice(ZH_WORDS)
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = str(rng.randint(0, 100_000))
    return " ".join(words).capitalize() + rng.choice(".?!")


def example(rng: random.Random, number: int) -> dict[str, Any]:
    chinese = rng.random() < 0.4
    messages = [{"role": "system", "content": rng.choice(SYSTEMS)}]
    for _ in range(rng.randint(1, 3)):
        question = f"#{number} " + " ".join(sentence(rng, chinese) for _ in range(rng.randint(1, 3)))
        messages.append({"role": "user", "content": question})
        messages.append({"role": "assistant",
                         "content": " ".join(sentence(rng, chinese) for _ in range(rng.randint(1, 8)))})
    return {"messages": messages}


def generate(path: Path, size_mb: float, seed: int = 1, *, huge_line_mb: float = 0) -> tuple[int, str]:
    """Write about `size_mb` MB of examples; (bytes written, the first example's last question). With
    `huge_line_mb`, the first line is one example whose question is that many MB of text."""
    rng, target, written, number = random.Random(seed), int(size_mb * 1_000_000), 0, 0
    first_question = ""
    with path.open("w", encoding="utf-8") as out:
        if huge_line_mb:
            words = " ".join(rng.choices(EN_WORDS, k=int(huge_line_mb * 1_000_000 / 5)))
            line = json.dumps({"messages": [{"role": "user", "content": words},
                                            {"role": "assistant", "content": "A long question."}]}) + "\n"
            out.write(line)
            written += len(line)
        while written < target:
            record = example(rng, number)
            first_question = first_question or record["messages"][-2]["content"]
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode())
            number += 1
    return written, first_question


# -- memory of the server's process tree ---------------------------------------------------------------
def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (Linux /proc/PID/task/TID/children: reading the whole of /proc every
    sample cost ~8 ms of CPU on a busy machine, a load of its own beside the server measured)."""
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        tree.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                queue.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return tree


def kib_field(path: Path, name: str) -> int:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler:
    """Peaks, in MB, of the server's RSS, the tree's RSS and the tree's PSS, sampled on a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks = {"server_rss": 0.0, "tree_rss": 0.0, "tree_pss": 0.0, "processes": 1.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> dict[str, float]:
        tree = descendants(self.pid)
        rss = {pid: kib_field(Path(f"/proc/{pid}/status"), "VmRSS") / 1024 for pid in tree}
        pss = sum(kib_field(Path(f"/proc/{pid}/smaps_rollup"), "Pss") / 1024 for pid in tree)
        return {"server_rss": rss.get(self.pid, 0.0), "tree_rss": sum(rss.values()), "tree_pss": pss,
                "processes": float(len(tree))}

    def _run(self) -> None:
        while not self._stop.is_set():
            for key, value in self.sample().items():
                self.peaks[key] = max(self.peaks[key], value)
            time.sleep(SAMPLE_SECONDS)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


# -- the control: background CPU work that is not ours ----------------------------------------------------
BURNER = """
import json
from mockserver.services.workers import lowest_priority

lowest_priority()
text = json.dumps([{"messages": [{"role": "user", "content": "hello world " * 20}]}] * 2000)
while True:
    json.loads(text)
"""


@contextmanager
def cpu_burner() -> Iterator[None]:
    """A process burning CPU (parsing JSON, as the validator does) at the priority of the server's worker child."""
    process = subprocess.Popen([sys.executable, "-c", BURNER])
    try:
        time.sleep(0.2)  # started and at its priority
        yield
    finally:
        process.kill()
        process.wait()


# -- latency of small requests -------------------------------------------------------------------------
def wrk_slice(url: str, seconds: float, script: Path) -> tuple[Counter[int], int]:
    """One wrk run: (latency histogram in microseconds, errors)."""
    command = ["wrk", "-t1", "-c2", f"-d{max(1, round(seconds))}s", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    result = json.loads(line[4:])
    return Counter({value: count for value, count in result["histogram"]}), int(result["errors"])


def slices_while(busy: Callable[[], bool], url: str, seconds: float, script: Path, *,
                 at_least: int = 1) -> tuple[Counter[int], int, int]:
    """wrk slices until `busy()` is false (and at least `at_least` of them): merged histogram, errors, slices."""
    histogram: Counter[int] = Counter()
    errors = count = 0
    while count < at_least or busy():
        part, part_errors = wrk_slice(url, seconds, script)
        histogram.update(part)
        errors += part_errors
        count += 1
    return histogram, errors, count


def percentile_ms(histogram: Counter[int], share: float) -> float:
    total, seen = sum(histogram.values()), 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= share * total:
            return value / 1000
    return 0.0


# -- one size ------------------------------------------------------------------------------------------
def measure_size(client: httpx.Client, pid: int, url: str, size_mb: float, folder: Path, args: Any) -> None:
    path = folder / f"train-{size_mb:g}mb.jsonl"
    size, question = generate(path, size_mb, huge_line_mb=args.huge_line_mb)
    with path.open("rb") as handle:
        uploaded = client.post("/v1/files", files={"file": (path.name, handle)}, data={"purpose": "fine-tune"})
    uploaded.raise_for_status()
    path.unlink()
    script = folder / "dump.lua"
    script.write_text(WRK_SCRIPT)
    if args.chat_first:
        client.post("/v1/chat/completions", json={
            "model": MODEL, "messages": [{"role": "user", "content": "Hello"}]}).raise_for_status()
    wrk_slice(url, args.slice, script)  # warm-up: the first requests of a connection are slower
    with MemorySampler(pid):  # sampling while idle too: its own small load is then on both sides of the ratio
        idle, idle_errors, _ = slices_while(lambda: False, url, args.slice, script, at_least=IDLE_SLICES)
    before = MemorySampler(pid).sample()
    outcome: dict[str, Any] = {}

    def create() -> None:
        started = time.perf_counter()
        response = client.post("/v1/fine_tuning/jobs", json={"model": MODEL, "training_file": uploaded.json()["id"]})
        outcome.update(answered=time.perf_counter() - started, status=response.status_code, job=response.json())
        outcome.update(prepared=time.perf_counter() - started, left_as="(no job)")
        if response.status_code != 200:
            return
        while (left_as := job_status(client, response.json()["id"])) == "validating_files":
            time.sleep(POLL_SECONDS)  # at speed inf the job leaves validating_files once its files are prepared
        outcome.update(prepared=time.perf_counter() - started, left_as=left_as)

    creator = threading.Thread(target=create)
    with MemorySampler(pid) as sampler:
        creator.start()
        busy, busy_errors, slices = slices_while(creator.is_alive, url, args.slice, script)
        creator.join()
    time.sleep(1)
    after = MemorySampler(pid).sample()
    with MemorySampler(pid):
        idle_after, idle_after_errors, _ = slices_while(lambda: False, url, args.slice, script,
                                                        at_least=IDLE_SLICES)
    # The two idle halves against each other: how far p99 moves with nothing changed but the machine's other load.
    noise = percentile_ms(idle_after, 0.99) / percentile_ms(idle, 0.99)
    idle.update(idle_after)  # idle before and after: the machine's other load changes meanwhile
    idle_errors += idle_after_errors
    with MemorySampler(pid), cpu_burner():
        burned, _, _ = slices_while(lambda: False, url, args.slice, script, at_least=IDLE_SLICES)
    chat_ms, answered = chats(client, outcome["job"], question)
    after_chat = MemorySampler(pid).sample()
    report(size, outcome, before, sampler.peaks, after, after_chat, chat_ms, answered,
           (idle, idle_errors), (busy, busy_errors, slices), noise, burned)


def job_status(client: httpx.Client, job_id: str) -> str:
    return str(client.get(f"/v1/fine_tuning/jobs/{job_id}").json()["status"])


def chats(client: httpx.Client, job: dict[str, Any], question: str) -> tuple[list[float], str]:
    """Latencies (ms) of a few completions of the job's model (its first training question), and the source."""
    done = client.get(f"/v1/fine_tuning/jobs/{job['id']}").json()
    if done.get("status") != "succeeded":
        return [], f"job {done.get('status')}"
    latencies, source = [], ""
    for number in range(CHATS):
        text = question if number == 0 else f"{question} variant {number}"
        started = time.perf_counter()
        response = client.post("/v1/chat/completions", json={
            "model": done["fine_tuned_model"], "messages": [{"role": "user", "content": text}]})
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        source = source or response.json()["choices"][0]["message"]["content"][:40]
    return latencies, source


def report(size: int, outcome: dict[str, Any], before: dict[str, float], peaks: dict[str, float],
           after: dict[str, float], after_chat: dict[str, float], chat_ms: list[float], answered: str,
           idle: tuple[Counter[int], int], busy: tuple[Counter[int], int, int], noise: float,
           burned: Counter[int]) -> None:
    idle_p99, busy_p99 = percentile_ms(idle[0], 0.99), percentile_ms(busy[0], 0.99)
    job = outcome["job"]
    print(f"\n== {size / 1e6:,.0f} MB file: create answered {outcome['status']} in {outcome['answered']:.2f} s "
          f"(job {job.get('id') or job.get('error')}, status {job.get('status')}); the job left validating_files "
          f"after {outcome['prepared']:.1f} s, as {outcome['left_as']}")
    print(f"   RSS before: server {before['server_rss']:.0f} MB")
    print(f"   peak during creation: server RSS {peaks['server_rss']:.0f} MB; process tree RSS "
          f"{peaks['tree_rss']:.0f} MB, PSS {peaks['tree_pss']:.0f} MB ({peaks['processes']:.0f} processes at most)"
          f"  (goal < {RSS_GOAL_MB} MB)")
    print(f"   after creation: server RSS {after['server_rss']:.0f} MB, tree RSS {after['tree_rss']:.0f} MB; "
          f"after {len(chat_ms)} chats: server RSS {after_chat['server_rss']:.0f} MB")
    if chat_ms:
        print(f"   chat on the new model: p50 {statistics.median(chat_ms):.1f} ms, max {max(chat_ms):.1f} ms "
              f"(first answer: {answered!r})")
    print(f"   GET /v1/models idle:   p50 {percentile_ms(idle[0], 0.5):6.2f} ms  p99 {idle_p99:6.2f} ms  "
          f"max {max(idle[0]) / 1000:7.2f} ms  ({sum(idle[0].values())} requests, {idle[1]} errors)")
    print(f"   GET /v1/models create: p50 {percentile_ms(busy[0], 0.5):6.2f} ms  p99 {busy_p99:6.2f} ms  "
          f"max {max(busy[0]) / 1000:7.2f} ms  ({sum(busy[0].values())} requests in {busy[2]} slices, "
          f"{busy[1]} errors)")
    print(f"   p99 ratio create/idle: {busy_p99 / idle_p99:.2f} (goal: about 1); idle after / idle before: "
          f"{noise:.2f} (the same server idle twice: the noise of this measurement)")
    print(f"   control, idle beside a lowest-priority CPU burner that is not ours: p99 "
          f"{percentile_ms(burned, 0.99):6.2f} ms, ratio to idle {percentile_ms(burned, 0.99) / idle_p99:.2f} "
          f"(what any background work costs here, however low its priority)", flush=True)


def start_server(port: int, data_dir: Path, log_path: Path) -> subprocess.Popen[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--data-dir", str(data_dir),
               "--speed", "inf"]
    with log_path.open("wb") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                start_new_session=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[20.0, 200.0], help="file sizes in MB")
    parser.add_argument("--slice", type=float, default=2.0, help="seconds of each wrk run")
    parser.add_argument("--huge-line-mb", type=float, default=0.0,
                        help="make the first line one example of this many MB (e.g. --sizes 110 --huge-line-mb 100)")
    parser.add_argument("--chat-first", action="store_true",
                        help="one chat completion before the creation (the server then holds a tokenizer)")
    args = parser.parse_args()
    for size_mb in args.sizes:
        port = free_port()
        with tempfile.TemporaryDirectory(prefix="mockserver-bench-") as tmp:
            folder = Path(tmp)
            server = start_server(port, folder / "data", folder / "server.log")
            try:
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=HEADERS, timeout=3600) as client:
                    wait_healthy(client, server)
                    measure_size(client, server.pid, f"http://127.0.0.1:{port}/v1/models", size_mb, folder, args)
            finally:
                stop_server(server)
    print(f"load average {os.getloadavg()[0]:.1f} (the machine is shared: figures are noisy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
