"""The README documents every setting, every CLI command and every mounted route."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from fastapi.routing import APIRoute

from mockserver.app import create_app
from mockserver.cli import cli
from mockserver.config import Settings
from tests.support import all_routes

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
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
