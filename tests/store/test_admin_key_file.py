"""`<data_dir>/admin_key`: created once with mode 0600, reused, one key however many processes race for it."""

from __future__ import annotations

import itertools
import stat
import threading
from pathlib import Path

import pytest

from mockserver.core.config import check_admin_key_format
from mockserver.store.admin_key import AdminKeyFileError, read_or_create_admin_key


def test_new_key_file_is_written_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "data" / "admin_key"

    key = read_or_create_admin_key(path, lambda: "first-generated-key", check_admin_key_format)

    assert key == "first-generated-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "first-generated-key\n"
    assert [entry.name for entry in path.parent.iterdir()] == ["admin_key"]  # no temporary file left


def test_existing_key_file_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "admin_key"
    read_or_create_admin_key(path, lambda: "first-generated-key", check_admin_key_format)

    again = read_or_create_admin_key(path, lambda: "second-generated-key", check_admin_key_format)

    assert again == "first-generated-key"


def test_racing_creators_all_get_the_one_key_that_won(tmp_path: Path) -> None:
    path = tmp_path / "admin_key"
    counter = itertools.count()
    start = threading.Barrier(8)
    results: list[str] = []

    def create() -> None:
        start.wait()
        results.append(read_or_create_admin_key(path, lambda: f"generated-key-{next(counter)}", check_admin_key_format))

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 8 and len(set(results)) == 1
    assert path.read_text().strip() == results[0]


@pytest.mark.parametrize("content", ["", "\n", "has space inside", "short"])
def test_unusable_key_file_is_an_error_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "admin_key"
    path.write_text(content)

    with pytest.raises(AdminKeyFileError, match="admin_key does not hold a usable admin key"):
        read_or_create_admin_key(path, lambda: "never-used-key", check_admin_key_format)
