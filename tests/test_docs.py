"""The README documents every setting, every CLI command and every mounted route."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import httpx
import pytest
from fastapi.routing import APIRoute

from mockserver.cli import cli
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from tests.conftest import START_TIME
from tests.live_server import LiveServer
from tests.support import all_routes, wait_until

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_BASE_URL = "http://127.0.0.1:8000"
INTERNAL_PATHS = {"/_mock/docs", "/_mock/openapi.json", "/_mock/docs/oauth2-redirect"}


def mounted_routes(tmp_path: Path) -> list[tuple[str, str]]:
    app = create_app(Settings(data_dir=tmp_path))
    found = []
    for route in all_routes(app.routes):
        if isinstance(route, APIRoute) and route.path not in INTERNAL_PATHS:
            path = route.path.replace("{model:path}", "{model}")
            found.extend((method, path) for method in sorted(route.methods))
    return found


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_readme_documents_setting(field: str) -> None:
    variable = "MOCKSERVER_API_KEYS" if field == "api_keys" else f"MOCKSERVER_{field.upper()}"
    assert variable in README


def test_readme_documents_every_route(tmp_path: Path) -> None:
    assert len(mounted_routes(tmp_path)) > 40  # the walk reaches the included routers
    missing = [f"{method} {path}" for method, path in mounted_routes(tmp_path)
               if f"`{method} {path}`" not in README]
    assert missing == []


def all_commands() -> dict[str, click.Command]:
    """Every subcommand, the lazily imported ones included."""
    ctx = click.Context(cli)
    commands = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: command for name, command in commands.items() if command is not None}


def test_cli_lists_every_command() -> None:
    assert set(all_commands()) == {"serve", "validate", "costs"}


def test_readme_documents_every_command() -> None:
    for name in all_commands():
        assert re.search(rf"mockserver {name}\b", README), name


def test_every_command_has_help() -> None:
    ctx = click.Context(cli)
    for name, command in all_commands().items():
        assert command.get_short_help_str(limit=200).strip(), name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts}"
    assert ctx.command.help


def readme_block(heading: str, language: str) -> str:
    """The first fenced `language` block after a heading of the README."""
    after = README[README.index(f"\n{heading}\n"):]
    start = after.index(f"```{language}\n") + len(f"```{language}\n")
    return after[start:after.index("\n```", start)]


def test_readme_python_example_runs_as_written(tmp_path: Path) -> None:
    # On a manual clock that moves only once the script has read its unfinished job: the example must wait.
    script = readme_block("### Python", "python")
    assert script.count(README_BASE_URL) == 1  # the only change: the test server's port instead of 8000
    server = LiveServer(settings=Settings(data_dir=tmp_path / "data"), clock=ManualClock(START_TIME)).start()
    try:
        process = subprocess.Popen([sys.executable, "-c", script.replace(README_BASE_URL, server.base_url)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert wait_until(lambda: job_reads(server.base_url) > 0 or process.poll() is not None, timeout=60)
        httpx.post(f"{server.base_url}/_mock/clock/advance", json={"seconds": 3600}).raise_for_status()
        stdout, stderr = process.communicate(timeout=120)
    finally:
        server.stop(wait=False)

    assert process.returncode == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] == "validating_files"
    assert re.fullmatch(r"succeeded ft:gpt-3\.5-turbo-0125:[\w-]+:marv:\w{8} \d+", lines[1]), lines[1]
    assert lines[-2:-1] == ["Paris, as if everyone doesn't know that already."]
    assert re.fullmatch(r"\d+ \d+", lines[-1])


def job_reads(base_url: str) -> int:
    """How many times a client has read a fine-tuning job (the request journal's count)."""
    journal = httpx.get(f"{base_url}/_mock/requests", params={"method": "GET", "path": "/v1/fine_tuning/jobs/*"})
    return len(journal.json()["data"])
