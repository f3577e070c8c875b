"""Request latency against the size of the data dir: each endpoint's median on 100, 10k and 100k jobs.

Usage: python bench/scale.py [--quick] [--sizes 100,10000,100000] [--rounds 5] [--seconds 1] [--batches 1000]
       [--only-batches]

For each size, builds a data dir through the store's bulk helpers (mockserver/store/bulk.py, not HTTP): one
caller's N jobs created over the last 60 days (about 70% succeeded, 20% failed, 10% cancelled, and the newest
1% still running or paused), every finished job already settled, and 10 ledger rows per job (1M at 100k jobs:
inference calls of five API keys, each a `usage` row and three cost lines, and the jobs' training lines) spread
over the same 60 days. The caller keeps the models of its newest 10 succeeded jobs and has deleted the rest, as
a pipeline that cleans up after itself does: `GET /v1/models` has no pagination, so its answer (and cost) grows
with the models it lists, which this holds constant.

Then starts `mockserver serve` on each data dir (system clock, one worker each) and measures every endpoint with
`wrk` (one connection, one thread): after a one-second warm-up on each server, `--rounds` rounds of one
`--seconds` run per server, the servers in turn, so that the machine's changing load (it is shared) falls on
every size alike. Prints per size the median latency and the median over rounds of its ratio to the smallest
size. Goal: every ratio <= 1.5. The creates run last, as the jobs they make finish during the run. Compare the
ratios, not the milliseconds. `--quick`: sizes 100 / 1k / 10k, three rounds.

Then (`--batches N`, default 1,000; 0: skip; `--only-batches`: only this) the first costs report after N batches
finished unread: servers on the manual clock, N batches of five chat requests created through the API over the
last 60 days (the clock advanced between them: each move waits while the batch runner runs the batches it
finished, so the time of all creates and moves is printed too), nobody reading them; then one costs report over
the newest day and one over 30 days, each on its own such server (a report runs any batch it owes that is not
run yet: none, since the runner), timed beside the same report on a server without batches, each after one
chat request (what loads once per process). A single request each: a one-off cost, not a throughput.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from job_speed import SEED_FILE, free_port, start_server, stop_server, wait_healthy  # noqa: E402

from mockserver.core.auth import owner_of  # noqa: E402
from mockserver.core.config import Settings  # noqa: E402
from mockserver.simulator import Control, JobInputs, Plan, plan_job  # noqa: E402
from mockserver.simulator.state import terminal_at  # noqa: E402
from mockserver.store import bulk  # noqa: E402
from mockserver.store.costs import CostRecord  # noqa: E402
from mockserver.store.database import initialise_database, open_database  # noqa: E402
from mockserver.store.job_models import JobModel  # noqa: E402
from mockserver.store.usage import UsageRecord  # noqa: E402

API_KEY = "sk-bench"
HEADERS = {"Authorization": f"Bearer {API_KEY}"}
OTHER_KEYS = [f"sk-bench-{index}" for index in range(4)]
SIZES = (100, 10_000, 100_000)
QUICK_SIZES = (100, 1_000, 10_000)
LEDGER_ROWS_PER_JOB = 10
HISTORY_SECONDS = 60 * 86_400
WINDOW_SECONDS = 30 * 86_400
LIVE_SUCCESSES = 10
BASE_MODEL = "gpt-3.5-turbo-0125"
CHAT_MODEL = "gpt-4o-mini-2024-07-18"
RATIO_GOAL = 1.5
BATCHES = 1_000
BATCH_LINES = 5
INPUT_FILE_DAYS = 20  # a new input file this often
REPORT_WINDOWS = {"newest day": (86_400, 1), "30 days": (WINDOW_SECONDS, 31)}  # (seconds, buckets)
FAILURE = {"code": "invalid_n_examples", "param": "training_file",
           "message": "Training file has 5 example(s), but must have at least 10 examples"}


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str
    body: dict[str, Any] | None = None
    status: int = 200


Results = dict[int, dict[str, float]]  # size -> endpoint -> value


@dataclass(frozen=True)
class DataDir:
    path: Path
    live_model: str
    middle_job: str
    now: int


# -- the data dir -------------------------------------------------------------------------------

def is_recent(index: int, n_jobs: int) -> bool:
    """Whether the job is among the newest 1%: created ten minutes ago, still running (or paused)."""
    return index >= n_jobs - max(1, n_jobs // 100)


def plan_dict(plan: Plan) -> dict[str, Any]:
    """`plan.to_dict()` without dataclasses.asdict's deep copies (a fifth of the build time otherwise)."""
    return {**vars(plan), "inputs": dict(vars(plan.inputs)), "checkpoint_steps": list(plan.checkpoint_steps)}


def job_row(index: int, n_jobs: int, now: int, rng: random.Random) -> tuple[dict[str, Any], str, Plan]:
    """The index-th job (oldest first), what became of it (succeeded, failed, cancelled, running or paused)
    and its plan."""
    recent = is_recent(index, n_jobs)
    created_at = now - 600 if recent else now - HISTORY_SECONDS + index * (HISTORY_SECONDS - 3_600) // n_jobs
    kind = ("paused" if index % 5 == 0 else "running") if recent else (
        "failed" if index % 10 < 2 else "cancelled" if index % 10 == 2 else "succeeded")
    job_id = f"ftjob-bench{index:013d}"
    n_examples = 50_000 if recent else rng.randint(10, 200)  # a recent job trains for about a day
    inputs = JobInputs(
        job_id=job_id, created_at=created_at, seed=index, salt=f"{job_id}:bench", model=BASE_MODEL,
        organization_slug="mockserver", suffix="bench", method="supervised", training_file="file-benchtraining",
        validation_file=None, n_examples=n_examples, n_epochs=3, batch_size=1, billing_tokens=n_examples * 40,
        speed=1.0, failure=FAILURE if kind == "failed" else None)
    plan = plan_job(inputs)
    controls = {"cancelled": [Control("cancel", created_at + 5)],
                "paused": [Control("pause", created_at + 300)]}.get(kind, [])
    finished = terminal_at(plan, controls)
    resolved = {"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 2.0}
    row = {
        "seq": index + 1, "id": job_id, "owner": owner_of(API_KEY), "created_at": created_at, "model": BASE_MODEL,
        "training_file": "file-benchtraining", "validation_file": None, "suffix": "bench", "seed": index,
        "metadata": None, "integrations": [],
        "method": {"type": "supervised", "requested": {}, "resolved": resolved, "extra": {}},
        "plan": plan_dict(plan), "controls": [{"action": c.action, "at": c.at} for c in controls],
        "terminal_at": finished, "materialised_at": finished if finished is not None and finished <= now else None,
        "announced_at": None,
    }
    return row, kind, plan


def build_jobs(path: Path, n_jobs: int, now: int) -> tuple[str, str, list[tuple[str, int]]]:
    """Insert the jobs; (a live model, the middle job's id, (job id, finished) of each succeeded job)."""
    rng = random.Random(n_jobs)
    owner = owner_of(API_KEY)
    models: list[JobModel] = []
    deleted: list[tuple[str, str, int]] = []
    succeeded: list[tuple[str, int]] = []
    successes = [index for index in range(n_jobs) if index % 10 >= 3 and not is_recent(index, n_jobs)]
    live_from = successes[-LIVE_SUCCESSES] if len(successes) >= LIVE_SUCCESSES else 0

    def rows() -> Iterator[dict[str, Any]]:
        for index in range(n_jobs):
            row, kind, plan = job_row(index, n_jobs, now, rng)
            if kind == "succeeded":
                succeeded.append((row["id"], row["terminal_at"]))
                for step in plan.checkpoint_steps:  # what checkpoints_at gives a job never paused, without metrics
                    model = plan.checkpoint_model(step)
                    if index >= live_from:
                        created = row["created_at"] + math.ceil(plan.step_offset(step))
                        models.append(JobModel(owner, model, row["id"], index + 1, step, created))
                    else:
                        deleted.append((owner, model, row["terminal_at"] + 60))
            yield row

    db = open_database(path)
    try:
        bulk.insert_jobs(db, rows())
        bulk.insert_job_models(db, models)
        bulk.insert_deleted_models(db, deleted)
    finally:
        db.close()
    return models[-1].model, f"ftjob-bench{n_jobs // 2:013d}", succeeded


def cost_line(owner: str, kind: str, item: str, model: str, tokens: int, rate: str, at: int,
              job_id: str | None = None, request_id: str | None = None) -> CostRecord:
    price = Decimal(rate)
    return CostRecord(owner=owner, project_id=f"proj_{owner}", kind=kind, line_item=item, model=model,
                      job_id=job_id, request_id=request_id, quantity=Decimal(tokens), quantity_unit="tokens",
                      unit_price=price, price_unit="1M tokens", amount=price * tokens / 1_000_000,
                      price_set="bench", note=None, created_at=at)


def calls(n_calls: int, now: int, live_model: str, seed: int) -> Iterator[tuple[UsageRecord, list[CostRecord]]]:
    """Inference calls at random times of the history: a usage row and three cost lines each (the same calls
    for the same seed, so the two ledgers can be written one after the other without holding them)."""
    rng = random.Random(seed)
    owners = [owner_of(key) for key in (API_KEY, *OTHER_KEYS)]
    for index in range(n_calls):
        owner, at = rng.choice(owners), now - rng.randrange(HISTORY_SECONDS)
        model = live_model if owner == owners[0] and index % 3 == 0 else CHAT_MODEL
        snapshot, prefix = (BASE_MODEL, "ft-") if model.startswith("ft:") else (CHAT_MODEL, "")
        prompt, cached, completion = rng.randint(20, 2_000), rng.randint(0, 10) * 64, rng.randint(5, 500)
        request_id = f"chatcmpl-bench{index:012d}"
        usage = UsageRecord(request_id, owner, "chat.completions", model, snapshot, prompt + cached, cached,
                            completion, at)
        lines = [cost_line(owner, "inference", f"{prefix}{snapshot}, {what}", model, tokens, rate, at,
                           request_id=request_id)
                 for what, tokens, rate in (("input", prompt, "0.15"), ("cached input", cached, "0.075"),
                                            ("output", completion, "0.60"))]
        yield usage, lines


def build_ledgers(path: Path, n_jobs: int, now: int, succeeded: list[tuple[str, int]], live_model: str) -> int:
    """The succeeded jobs' training lines, then calls (a usage row and three cost lines each) up to the total."""
    n_calls = max(0, (n_jobs * LEDGER_ROWS_PER_JOB - len(succeeded)) // 4)
    owner = owner_of(API_KEY)
    training = (cost_line(owner, "training", f"ft-{BASE_MODEL}, training", BASE_MODEL, 20_000, "8.00", at,
                          job_id=job_id) for job_id, at in succeeded)
    usage = (usage for usage, _ in calls(n_calls, now, live_model, n_jobs))
    inference = (line for _, lines in calls(n_calls, now, live_model, n_jobs) for line in lines)
    db = open_database(path)
    try:
        bulk.insert_ledgers(db, usage, itertools.chain(training, inference))
    finally:
        db.close()
    return len(succeeded) + 4 * n_calls


def build_data_dir(root: Path, n_jobs: int, now: int) -> DataDir:
    started = time.perf_counter()
    data_dir = root / f"data-{n_jobs}"
    database = Settings(data_dir=data_dir).database_path
    initialise_database(database)
    live_model, middle_job, succeeded = build_jobs(database, n_jobs, now)
    ledger_rows = build_ledgers(database, n_jobs, now, succeeded, live_model)
    print(f"built {n_jobs:,} jobs and {ledger_rows:,} ledger rows in {time.perf_counter() - started:.0f} s "
          f"({database.stat().st_size / 1e6:.0f} MB)", flush=True)
    return DataDir(data_dir, live_model, middle_job, now)


# -- measuring ----------------------------------------------------------------------------------

def endpoints(data: DataDir, training_file: str) -> list[Endpoint]:
    window = f"start_time={data.now - WINDOW_SECONDS}&limit=31"
    unknown = data.live_model.rsplit(":", 1)[0] + ":nosuchid"
    return [
        Endpoint("GET /v1/models", "GET", "/v1/models"),
        Endpoint("GET /v1/models/{ft id}", "GET", f"/v1/models/{data.live_model}"),
        Endpoint("GET /v1/fine_tuning/jobs?limit=20", "GET", "/v1/fine_tuning/jobs?limit=20"),
        Endpoint("GET /v1/fine_tuning/jobs/{id}", "GET", f"/v1/fine_tuning/jobs/{data.middle_job}"),
        Endpoint("POST /v1/chat/completions (unknown ft:)", "POST", "/v1/chat/completions",
                 {"model": unknown, "messages": [{"role": "user", "content": "Hello?"}]}, status=404),
        Endpoint("GET /v1/organization/costs (30 days)", "GET", f"/v1/organization/costs?{window}"),
        Endpoint("GET /v1/organization/usage/completions (30 days)", "GET",
                 f"/v1/organization/usage/completions?{window}&bucket_width=1d"),
        Endpoint("POST /v1/fine_tuning/jobs", "POST", "/v1/fine_tuning/jobs",
                 {"model": "gpt-3.5-turbo", "training_file": training_file}),
    ]


def wrk_script(endpoint: Endpoint, path: Path) -> Path:
    lines = [f'wrk.method = "{endpoint.method}"', f'wrk.headers["Authorization"] = "Bearer {API_KEY}"']
    if endpoint.body is not None:
        lines += ['wrk.headers["Content-Type"] = "application/json"',
                  f"wrk.body = {json.dumps(json.dumps(endpoint.body))}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wrk_median_ms(base_url: str, endpoint: Endpoint, script: Path, seconds: int) -> float:
    command = ["wrk", "-t1", "-c1", f"-d{seconds}s", "--timeout", "60s", "--latency", "-s", str(script),
               base_url + endpoint.path]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    match = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no median in wrk's output:\n{output}")
    return float(match[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match[2]]


@dataclass
class Server:
    """A running `mockserver serve` on one data dir, and the endpoints to measure on it."""

    size: int
    process: subprocess.Popen[bytes]
    base_url: str
    endpoints: list[Endpoint]
    scripts: list[Path]


def start(size: int, data: DataDir, scripts: Path) -> Server:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = start_server(port, data.path, data.path.parent / f"server-{size}.log")
    with httpx.Client(base_url=base_url, headers=HEADERS, timeout=60) as client:
        wait_healthy(client, process)
        uploaded = client.post("/v1/files", files={"file": (SEED_FILE.name, SEED_FILE.read_bytes())},
                               data={"purpose": "fine-tune"})
        uploaded.raise_for_status()
        measured = endpoints(data, uploaded.json()["id"])
        for endpoint in measured:  # each answers as it should, so no error is timed
            check = client.request(endpoint.method, endpoint.path, json=endpoint.body)
            if check.status_code != endpoint.status:
                raise RuntimeError(f"{endpoint.name}: {check.status_code} {check.text[:300]}")
    paths = [wrk_script(endpoint, scripts / f"endpoint-{size}-{number}.lua")
             for number, endpoint in enumerate(measured)]
    return Server(size, process, base_url, measured, paths)


def measure(servers: list[Server], rounds: int, seconds: int) -> tuple[Results, Results]:
    """Per endpoint: a warm-up on each server, then `rounds` rounds of one run per server (in turn, so a change
    in the machine's load hits every size alike); (median latency, median ratio to the first server) per size."""
    latency: Results = {server.size: {} for server in servers}
    ratio: Results = {server.size: {} for server in servers}
    for number, endpoint in enumerate(servers[0].endpoints):
        runs: dict[int, list[float]] = {server.size: [] for server in servers}
        for server in servers:
            wrk_median_ms(server.base_url, server.endpoints[number], server.scripts[number], 1)
        for turn in range(rounds):
            for server in servers[turn % len(servers):] + servers[:turn % len(servers)]:
                runs[server.size].append(wrk_median_ms(server.base_url, server.endpoints[number],
                                                       server.scripts[number], seconds))
        base = runs[servers[0].size]
        for server in servers:
            latency[server.size][endpoint.name] = statistics.median(runs[server.size])
            ratio[server.size][endpoint.name] = statistics.median(
                mine / theirs for mine, theirs in zip(runs[server.size], base, strict=True))
        print(f"  {endpoint.name:<52}" + "".join(f"{latency[server.size][endpoint.name]:10.2f}" for server in servers)
              + " ms", flush=True)
    return latency, ratio


def report(sizes: list[int], latency: Results, ratio: Results) -> bool:
    base = sizes[0]
    header = f"{'endpoint':<52}" + "".join(f"{f'{size:,} jobs':>14}" for size in sizes)
    header += "".join(f"{f'ratio {size:,}':>16}" for size in sizes[1:])
    print("\nmedian latency (ms), and median over rounds of its ratio to the smallest data dir\n" + header)
    within = True
    for name in latency[base]:
        ratios = [ratio[size][name] for size in sizes[1:]]
        within &= all(value <= RATIO_GOAL for value in ratios)
        print(f"{name:<52}" + "".join(f"{latency[size][name]:14.2f}" for size in sizes)
              + "".join(f"{value:15.2f}{'' if value <= RATIO_GOAL else '!'}" for value in ratios))
    print(f"goal: every ratio <= {RATIO_GOAL} ({'met' if within else 'NOT met: marked !'}); "
          "a shared machine makes single figures noisy")
    return within


# -- the first report after many finished unread batches ---------------------------------------------------------

def batch_line(index: int) -> bytes:
    return json.dumps({"custom_id": f"q{index}", "method": "POST", "url": "/v1/chat/completions",
                       "body": {"model": "gpt-4o-mini",
                                "messages": [{"role": "user", "content": f"Question {index}?"}]}}).encode() + b"\n"


@contextlib.contextmanager
def manual_server(data_dir: Path, start_time: int) -> Iterator[httpx.Client]:
    port = free_port()
    process = start_server(port, data_dir, data_dir.parent / f"{data_dir.name}.log", "--clock", "manual",
                           "--start-time", str(start_time))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=HEADERS, timeout=3_600) as client:
            wait_healthy(client, process)
            yield client
    finally:
        stop_server(process)


def finished_unread_batches(client: httpx.Client, n_batches: int) -> None:
    """`n_batches` batches created over the history, the clock moved past their end, none read."""
    content = b"".join(batch_line(index) for index in range(BATCH_LINES))
    step = HISTORY_SECONDS // max(1, n_batches)
    file_id, file_age = "", INPUT_FILE_DAYS * 86_400
    for _ in range(n_batches):
        if file_age >= INPUT_FILE_DAYS * 86_400:  # a batch file expires after 30 days
            uploaded = client.post("/v1/files", files={"file": ("batch.jsonl", content)}, data={"purpose": "batch"})
            uploaded.raise_for_status()
            file_id, file_age = uploaded.json()["id"], 0
        created = client.post("/v1/batches", json={"input_file_id": file_id, "endpoint": "/v1/chat/completions",
                                                   "completion_window": "24h"})
        created.raise_for_status()
        client.post("/_mock/clock/advance", json={"seconds": step}).raise_for_status()
        file_age += step


def first_report_ms(client: httpx.Client, now: int, window: str) -> float:
    # A chat request first: what loads once per process (not a report: before the fix any report ran them all).
    client.post("/v1/chat/completions", json={"model": "gpt-4o-mini",
                                              "messages": [{"role": "user", "content": "Hello?"}]}).raise_for_status()
    seconds, buckets = REPORT_WINDOWS[window]
    started = time.perf_counter()
    response = client.get("/v1/organization/costs", params={"start_time": now - seconds, "limit": buckets})
    elapsed = (time.perf_counter() - started) * 1_000
    response.raise_for_status()
    return elapsed


def measure_batch_reports(root: Path, n_batches: int) -> None:
    """Per window: the first costs report's latency without batches and after `n_batches` finished unread."""
    start_time = int(time.time()) - HISTORY_SECONDS
    now = start_time + HISTORY_SECONDS - HISTORY_SECONDS % max(1, n_batches)  # where the clock ends
    print(f"\nfirst costs report after {n_batches:,} finished unread batches of {BATCH_LINES} requests (ms)")
    print(f"{'window':<14}{'no batches':>14}{'batches':>14}{'ratio':>10}{'creates+moves (s)':>20}")
    for window in REPORT_WINDOWS:
        with manual_server(root / f"plain-{window.replace(' ', '-')}", start_time) as client:
            client.post("/_mock/clock/advance", json={"seconds": now - start_time}).raise_for_status()
            plain = first_report_ms(client, now, window)
        with manual_server(root / f"batches-{window.replace(' ', '-')}", start_time) as client:
            started = time.perf_counter()
            finished_unread_batches(client, n_batches)
            building = time.perf_counter() - started
            with_batches = first_report_ms(client, now, window)
        print(f"{window:<14}{plain:14.1f}{with_batches:14.1f}{with_batches / plain:10.1f}{building:20.1f}",
              flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 100 / 1k / 10k, three rounds")
    parser.add_argument("--sizes", help="comma-separated job counts (the first is the baseline)")
    parser.add_argument("--rounds", type=int, help="runs per endpoint and size (default 5; 3 with --quick)")
    parser.add_argument("--seconds", type=int, default=1, help="seconds of requests per run (default 1)")
    parser.add_argument("--batches", type=int, default=BATCHES,
                        help=f"finished unread batches before the first report (default {BATCHES:,}; 0: skip)")
    parser.add_argument("--only-batches", action="store_true", help="only the first report after the batches")
    args = parser.parse_args()
    if args.only_batches:
        with tempfile.TemporaryDirectory(prefix="mockserver-scale-") as tmp:
            measure_batch_reports(Path(tmp), args.batches)
        return 0
    if shutil.which("wrk") is None:
        print("wrk is needed (Debian: apt-get install -y wrk)", file=sys.stderr)
        return 2
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else list(QUICK_SIZES if args.quick else SIZES)
    rounds = args.rounds or (3 if args.quick else 5)
    now = int(time.time())
    with tempfile.TemporaryDirectory(prefix="mockserver-scale-") as tmp:
        root = Path(tmp)
        data = [build_data_dir(root, size, now) for size in sizes]
        servers: list[Server] = []
        try:
            for size, data_dir in zip(sizes, data, strict=True):
                servers.append(start(size, data_dir, root))
            print(f"\n  {'endpoint':<52}" + "".join(f"{size:>10,}" for size in sizes) + " jobs", flush=True)
            latency, ratio = measure(servers, rounds, args.seconds)
        finally:
            for server in servers:
                stop_server(server.process)
        within = report(sizes, latency, ratio)
        if args.batches:
            measure_batch_reports(root, args.batches)
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
