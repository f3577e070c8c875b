"""A regular (non-editable) install finds the fixtures it ships; the checkout's own are used when present."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mockserver import config

ROOT = Path(__file__).resolve().parent.parent


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
