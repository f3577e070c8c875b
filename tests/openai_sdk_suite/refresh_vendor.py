"""Re-vendor openai-python's generated API tests from the sdist of exactly the installed `openai` version.

Run with the project's venv: `.venv/bin/python tests/openai_sdk_suite/refresh_vendor.py`. It replaces vendor/
with the sdist's tests/api_resources, the helpers they import (tests/__init__.py, conftest.py, utils.py, respx2/),
LICENSE, and records the version in vendor/VERSION.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
KEPT = ("LICENSE", "tests/__init__.py", "tests/conftest.py", "tests/utils.py", "tests/respx2/", "tests/api_resources/")
# The vendored suite's own pytest settings (openai's pyproject.toml, less what needs plugins we do not install).
PYTEST_INI = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = session\n"


def download_sdist(openai_version: str, into: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", f"openai=={openai_version}", "--no-binary", ":all:",
                    "--no-deps", "-q", "-d", str(into)], check=True)
    return next(into.glob("openai-*.tar.gz"))


def kept(member: str, root: str) -> str | None:
    """The path under vendor/ of an sdist member worth keeping, else None."""
    relative = member.removeprefix(f"{root}/")
    return relative if any(relative == k or (k.endswith("/") and relative.startswith(k)) for k in KEPT) else None


def refresh() -> str:
    openai_version = version("openai")
    with tempfile.TemporaryDirectory() as scratch:
        sdist = download_sdist(openai_version, Path(scratch))
        shutil.rmtree(VENDOR, ignore_errors=True)
        with tarfile.open(sdist) as archive:
            root = f"openai-{openai_version}"
            for member in archive.getmembers():
                relative = kept(member.name, root)
                if member.isfile() and relative is not None and "__pycache__" not in relative:
                    target = VENDOR / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = archive.extractfile(member)
                    assert source is not None
                    target.write_bytes(source.read())
    (VENDOR / "VERSION").write_text(f"{openai_version}\n")
    (VENDOR / "pytest.ini").write_text(PYTEST_INI)
    return openai_version


if __name__ == "__main__":
    print(f"vendored openai {refresh()}'s tests into {VENDOR}")
