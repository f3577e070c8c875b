"""A regular (non-editable) install finds the fixtures it ships; the checkout's own are used when present."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from mockserver.core import config

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PLUGIN_MODULES = ("mockserver/pytest_plugin.py", "mockserver/testing.py")


def requirement_names(requirements: list[str]) -> set[str]:
    return {normalized(re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]) for requirement in requirements}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def third_party_imports(path: Path) -> set[str]:
    """The top-level modules a source file imports anywhere (in functions too), minus stdlib and mockserver."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.partition(".")[0])
    return modules - set(sys.stdlib_module_names) - {"mockserver"}


def test_pytest_extra_is_exactly_what_the_plugin_imports_beyond_the_core() -> None:
    owners = packages_distributions()
    imported = {normalized(owners[module][0]) for path in PLUGIN_MODULES for module in third_party_imports(ROOT / path)}

    core = requirement_names(PROJECT["dependencies"])

    assert requirement_names(PROJECT["optional-dependencies"]["pytest"]) == imported - core


def test_every_top_level_fixture_ships_with_a_regular_install() -> None:
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]

    shipped = data_files["share/mockserver/fixtures"]

    assert sorted(shipped) == sorted(f"fixtures/{path.name}" for path in (ROOT / "fixtures").glob("*.json"))


def test_default_fixtures_dir_is_the_checkout_when_it_has_them() -> None:
    assert config.default_fixtures_dir() == ROOT / "fixtures"


def test_default_fixtures_dir_is_the_installed_copy_without_a_checkout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    monkeypatch.setattr(config, "CHECKOUT_FIXTURES_DIR", tmp_path / "no-checkout")

    assert config.default_fixtures_dir() == config.INSTALLED_FIXTURES_DIR
    assert config.INSTALLED_FIXTURES_DIR.parts[-3:] == ("share", "mockserver", "fixtures")


def test_the_dashboards_templates_and_assets_ship_as_package_data() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    dashboard = ROOT / "mockserver" / "dashboard"
    shipped = {path for pattern in package_data["mockserver"] for path in (ROOT / "mockserver").glob(pattern)}

    for folder in ("templates", "static"):
        files = [path for path in (dashboard / folder).iterdir() if path.is_file()]
        assert files and not [path for path in files if path not in shipped]
