"""Start-up: light (no use case, tokenizer or CLI-only library loaded before a request needs it), and tidy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.store.blobs import STALE_TEMP_SECONDS, BlobStore
from tests.support import all_routes

# Each is loaded by the first request that needs it, never by `create_app` or `GET /health`.
LAZY_MODULES = (
    "tiktoken", "tiktoken_ext", "jsonschema", "rich", "openai", "mockserver.validation", "mockserver.responder.index",
    "mockserver.services.chat",
    "mockserver.services.fine_tuning", "mockserver.services.responses", "mockserver.services.organization",
)
START_AND_PROBE = """
import json, sys, tempfile
from pathlib import Path
from typing import Any
from starlette.testclient import TestClient
from mockserver.server.app import create_app
from mockserver.core.config import Settings
from mockserver.store.blobs import STALE_TEMP_SECONDS, BlobStore
with TestClient(create_app(Settings(data_dir=Path(tempfile.mkdtemp()) / "data"))) as client:
    assert client.get("/health").status_code == 200
print(json.dumps(sorted(name for name in {modules} if name in sys.modules)))
"""


def test_start_and_health_probe_load_no_lazy_module() -> None:
    code = START_AND_PROBE.format(modules=repr(LAZY_MODULES))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []



def test_a_request_that_grades_nothing_loads_no_nltk() -> None:
    """NLTK (~19 MB of RSS) is for BLEU and GLEU graders only: a server that never grades with them does
    without it (the first `GET /v1/models` loads the job use cases, which import the graders)."""
    code = START_AND_PROBE.format(modules=repr(("nltk",))).replace(
        'client.get("/health").status_code == 200',
        'client.get("/v1/models", headers={"Authorization": "Bearer sk-test"}).status_code == 200')
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []

def dependants(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from dependants(sub)


def test_dependencies_resolve_to_dependencies_not_request_parameters(tmp_path: Path) -> None:
    """The lazily imported service types must still leave FastAPI a dependency to call (not a query parameter)."""
    app = create_app(Settings(data_dir=tmp_path / "data"))
    with TestClient(app):  # builds the routes FastAPI builds lazily, too
        pass
    checked = 0
    for route in api_routes(app.routes):
        for dependency in dependants(route.dependant):
            if getattr(dependency.call, "__module__", "") == "mockserver.web.deps":
                checked += 1
                assert not dependency.query_params and not dependency.body_params, (route.path, dependency.name)
    assert checked > 40


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """The app's API routes, those of included routers too."""
    return (route for route in all_routes(routes) if isinstance(route, APIRoute))


def test_start_removes_a_blob_left_without_its_row_by_a_crash(tmp_path: Path) -> None:
    """An upload whose process died between moving the blob into place and writing the row."""
    settings = Settings(data_dir=tmp_path / "data")
    with TestClient(create_app(settings)) as client:
        headers = {"Authorization": "Bearer sk-test"}
        kept = client.post("/v1/files", headers=headers, files={"file": ("a.jsonl", b"{}\n")},
                           data={"purpose": "fine-tune"}).json()["id"]
    blobs = BlobStore(settings.blobs_dir)
    orphan = blobs.path("file-crashedbeforeitsrow")
    orphan.write_bytes(b"{}\n")
    stale = time.time() - STALE_TEMP_SECONDS - 5
    for path in (orphan, blobs.path(kept)):
        os.utime(path, (stale, stale))

    with TestClient(create_app(settings)) as client:
        content = client.get(f"/v1/files/{kept}/content", headers=headers)

    assert not orphan.exists()
    assert content.content == b"{}\n"


def test_start_keeps_the_parts_of_a_pending_upload(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    headers = {"Authorization": "Bearer sk-test"}
    with TestClient(create_app(settings)) as client:
        upload = client.post("/v1/uploads", headers=headers, json={
            "bytes": 3, "filename": "a.jsonl", "mime_type": "application/jsonl", "purpose": "fine-tune"}).json()
        part = client.post(f"/v1/uploads/{upload['id']}/parts", headers=headers, files={"data": ("blob", b"{}\n")})
    part_blob = BlobStore(settings.blobs_dir).path(part.json()["id"])
    stale = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(part_blob, (stale, stale))

    with TestClient(create_app(settings)) as client:
        done = client.post(f"/v1/uploads/{upload['id']}/complete", headers=headers,
                           json={"part_ids": [part.json()["id"]]})

    assert done.json()["status"] == "completed"


def leftovers(settings: Settings) -> dict[str, Path]:
    """What a process killed mid-work leaves, all just written (a restart follows the kill at once)."""
    blobs = BlobStore(settings.blobs_dir)
    blobs.ensure()
    paths = {
        "half-written upload": blobs.new_temp_path(), "blob without its row": blobs.path("file-crashedbeforeitsrow"),
        "restore scratch": settings.data_dir / ".restoring-0123456789abcdef",
        "blob swap scratch": settings.data_dir / ".files-replaced-0123456789abcdef",
        "save scratch": settings.snapshots_dir / ".saving-0123456789abcdef",
    }
    for path in paths.values():
        if path.name.startswith("."):
            (path / "files").mkdir(parents=True)
        else:
            path.write_bytes(b"{}\n" * 1000)
    return paths


def test_start_removes_what_a_killed_process_left_however_recent(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    with TestClient(create_app(settings)):
        pass
    left = leftovers(settings)

    with TestClient(create_app(settings)):
        remaining = sorted(name for name, path in left.items() if path.exists())

    assert remaining == []


def test_start_beside_a_running_server_keeps_its_work_in_flight(tmp_path: Path) -> None:
    # Another worker on the same data dir: its uploads and snapshot work are recent; only stale leftovers go.
    settings = Settings(data_dir=tmp_path / "data")
    with TestClient(create_app(settings)):
        left = leftovers(settings)
        stale = BlobStore(settings.blobs_dir).new_temp_path()
        stale.write_bytes(b"left an hour ago")
        an_hour_ago = time.time() - 3600
        os.utime(stale, (an_hour_ago, an_hour_ago))

        with TestClient(create_app(settings)):
            remaining = sorted(name for name, path in left.items() if path.exists())

    assert (remaining, stale.exists()) == (sorted(left), False)
