"""Load from `wrk` (C, Debian's package): POSTs of JSON bodies read from a file, one per line, in turn.

A Python client spends about half a millisecond of its own per request, which caps the rate it can
measure and pulls every ratio towards 1; wrk's cost per request is a few microseconds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# `init` reads the bodies; `request` sends them in turn from the offset given after `--`; `done` prints
# the figures as one JSON line (wrk's own report is for people).
SCRIPT = """
local bodies, next_body = {}, 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  next_body = tonumber(args[2]) or 0
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, "errors": %d, "non_2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
"""


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        sys.exit("bench/chat.py needs wrk: `apt-get install -y wrk` (Debian/Ubuntu), then run it again.")
    return path


def write_script(folder: Path) -> Path:
    path = folder / "post_bodies.lua"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def write_bodies(path: Path, bodies: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for body in bodies:
            handle.write(json.dumps(body, separators=(",", ":")) + "\n")
    return path


def run_wrk(url: str, *, script: Path, bodies: Path, offset: int = 0, connections: int = 8,
            seconds: float = 5.0) -> LoadResult:
    """One thread, `connections` keep-alive connections, for `seconds`; every answer must be a 2xx."""
    command = [require_wrk(), "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(script),
               url, "--", str(bodies), str(offset)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    if figures["errors"] or figures["non_2xx"]:
        raise RuntimeError(f"wrk saw {figures['errors']} socket errors and {figures['non_2xx']} non-2xx answers:\n"
                           f"{output}")
    return LoadResult(requests=figures["requests"], seconds=figures["seconds"], p50_ms=figures["p50_ms"],
                      p99_ms=figures["p99_ms"])
