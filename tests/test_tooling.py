"""The strict tooling the project holds itself to: ruff over the code and tests, `mypy --strict` over the package."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from mockserver.responder import Choice, ReplyRequest
from mockserver.services.context import Context
from mockserver.store.costs import CostRecord
from mockserver.store.journal import JournalRow
from mockserver.store.usage import UsageRecord

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "mockserver", "tests", "bench")

    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    result = run("mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "mockserver")

    assert result.returncode == 0, result.stdout + result.stderr


# Made on every request: plain dataclasses at runtime (for speed), frozen for mypy (core/records.py).
RECORDS = [CostRecord, UsageRecord, JournalRow, ReplyRequest, Choice, Context]


def test_mypy_refuses_to_assign_a_records_field(tmp_path: Path) -> None:
    lines = []
    for record in RECORDS:
        name, field = record.__name__, dataclasses.fields(record)[0].name
        lines += [f"from {record.__module__} import {name}", f"def change_{name}(record: {name}) -> None:",
                  f"    record.{field} = record.{field}"]
    snippet = tmp_path / "snippet.py"
    snippet.write_text("\n".join(lines) + "\n")

    result = run("mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), str(snippet))

    refused = [line for line in result.stdout.splitlines() if "is read-only" in line]
    assert len(refused) == len(RECORDS), result.stdout
