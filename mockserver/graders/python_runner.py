"""A python grader's `grade(sample, item)`, run in a child process: isolated interpreter (`-I`), empty
environment, a fresh temporary folder, no file writes, limited CPU time, memory and open files, and a wall-clock
timeout. This bounds what a grader can cost the server; it is not a security sandbox (the code runs as the
server's user), which is why python graders are off unless the server is started with --allow-python-graders."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Any

MEMORY_BYTES = 512 * 1024 * 1024
OPEN_FILES = 64
# The child reads {"source", "calls": [{"sample", "item"}…]} on stdin and prints, as its last line, one
# {"reward"} or {"error"} per call, or {"error"} alone when the source itself fails.
# The limits are set by the child itself: a `preexec_fn` is unsafe in the server's threaded process.
CHILD = """
import json, resource, sys, traceback
cpu, memory, files = (int(arg) for arg in sys.argv[1:4])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
payload = json.loads(sys.stdin.read())

def failure():
    return {"error": traceback.format_exc(limit=5)[-2000:]}

def call(grade, sample, item):
    try:
        return {"reward": float(grade(sample, item))}
    except BaseException:
        return failure()

try:
    namespace = {"__name__": "grader"}
    exec(compile(payload["source"], "grader.py", "exec"), namespace)
    answer = [call(namespace["grade"], c["sample"], c["item"]) for c in payload["calls"]]
except BaseException:
    answer = failure()
sys.stdout.write("\\n" + json.dumps(answer) + "\\n")
"""

Call = tuple[dict[str, Any], dict[str, Any]]  # (sample, item)


@dataclass(frozen=True)
class PythonResult:
    reward: float
    error: str | None = None  # the runtime error's details: the reward is then 0


def run_python(source: str, sample: dict[str, Any], item: dict[str, Any], timeout: float) -> PythonResult:
    return run_python_calls(source, [(sample, item)], timeout)[0]


def run_python_calls(source: str, calls: list[Call], timeout: float) -> list[PythonResult]:
    """`grade` on each (sample, item), all in one child process (one start-up) limited to `timeout` in all."""
    payload = json.dumps({"source": source, "calls": [{"sample": sample, "item": item} for sample, item in calls]})
    with tempfile.TemporaryDirectory(prefix="grader-") as folder:
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-c", CHILD, str(int(timeout) + 1), str(MEMORY_BYTES), str(OPEN_FILES)],
                input=payload, capture_output=True, text=True, timeout=timeout, cwd=folder, env={},
            )
        except subprocess.TimeoutExpired:
            return [PythonResult(0.0, f"The grader did not finish within {timeout:g} seconds.")] * len(calls)
    lines = done.stdout.strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else {}
    except ValueError:
        answer = {}
    if isinstance(answer, list) and len(answer) == len(calls):
        return [PythonResult(one["reward"]) if "reward" in one else PythonResult(0.0, one["error"]) for one in answer]
    details = answer.get("error") if isinstance(answer, dict) else None
    failed = PythonResult(0.0, details or done.stderr[-2000:] or f"The grader exited with code {done.returncode}.")
    return [failed] * len(calls)
