"""Which admin key is in force (services/admin_key.py) and the start-up line that says where it is."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from mockserver.core.config import Settings
from mockserver.services.admin_key import access_banner, admin_key_in_force


def test_loopback_without_api_keys_has_no_key_and_writes_no_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, host="127.0.0.1")

    assert admin_key_in_force(settings) is None
    assert not (tmp_path / "admin_key").exists()


@pytest.mark.parametrize("overrides", [{"host": "0.0.0.0"}, {"api_keys": ["sk-a"]}], ids=["all-interfaces", "api-key"])
def test_a_key_is_generated_in_the_data_dir_when_required(tmp_path: Path, overrides: dict[str, object]) -> None:
    settings = Settings(data_dir=tmp_path / "data", **overrides)  # type: ignore[arg-type]

    key = admin_key_in_force(settings)

    assert key is not None and key.file == (tmp_path / "data" / "admin_key").resolve()
    assert key.file.read_text().strip() == key.value and len(key.value) >= 40
    assert stat.S_IMODE(key.file.stat().st_mode) == 0o600
    assert admin_key_in_force(settings) == key  # a restart reads the same key


def test_configured_key_wins_and_no_file_is_written(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, host="0.0.0.0", admin_key="configured-admin-key")

    key = admin_key_in_force(settings)

    assert key is not None and (key.value, key.file) == ("configured-admin-key", None)
    assert not (tmp_path / "admin_key").exists()


def test_configured_key_closes_a_loopback_server_too(tmp_path: Path) -> None:
    key = admin_key_in_force(Settings(data_dir=tmp_path, admin_key="configured-admin-key"))

    assert key is not None and key.value == "configured-admin-key"


def test_blank_admin_key_variable_means_none_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKSERVER_ADMIN_KEY", "  ")

    assert Settings(data_dir=tmp_path).admin_key is None


@pytest.mark.parametrize("bad", ["has space", "semi;colon", "quote\"d-key", "short", "naïve-admin-key"])
def test_admin_key_that_cannot_travel_in_a_header_or_cookie_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValidationError, match="admin_key"):
        Settings(data_dir=tmp_path, admin_key=bad)


def test_settings_never_show_the_admin_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, admin_key="configured-admin-key")

    assert "configured-admin-key" not in repr(settings)


def test_banner_says_where_the_key_is_never_the_key(tmp_path: Path) -> None:
    key = admin_key_in_force(Settings(data_dir=tmp_path, api_keys=["sk-a"]))

    banner = access_banner(key)

    assert key is not None and str(key.file) in banner and key.value not in banner
    assert "--admin-key" in access_banner(admin_key_in_force(Settings(data_dir=tmp_path, admin_key="given-admin-key")))
    assert "open" in access_banner(None)
