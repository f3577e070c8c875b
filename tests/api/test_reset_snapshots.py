"""`/_mock/reset`, `/_mock/snapshot`, `/_mock/restore`, `/_mock/snapshots` and `--load`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import openai
import pytest
from click.testing import CliRunner

from mockserver.cli import cli
from mockserver.core.auth import owner_of
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database
from tests.chat_support import marv_messages
from tests.conftest import API_KEY, START_TIME
from tests.harness_support import add_fault, control_client, journal
from tests.jobs_support import succeeded_seed_job, upload
from tests.live_server import LiveServer
from tests.support import envelope, sdk_client

CONTENT = b'{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n'


@dataclass
class World:
    """One object of each kind: an uploaded file, a succeeded job (and its model), a usage ledger row."""

    file_id: str
    job_id: str
    model: str


def usage_rows(settings: Settings) -> int:
    store = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
    try:
        store.settle_writes()  # the server writes the rows behind the requests
        return len(store.usage.for_owner(owner_of(API_KEY)))
    finally:
        store.close()


def blob_names(settings: Settings) -> list[str]:
    return sorted(path.name for path in settings.blobs_dir.iterdir() if path.is_file())


@pytest.fixture
def control(live_server: LiveServer) -> Iterator[httpx.Client]:
    with control_client(live_server.base_url) as client:
        yield client


@pytest.fixture
def world(sdk: openai.OpenAI, clock: ManualClock, settings: Settings) -> World:
    file_id = upload(sdk, CONTENT)
    job = succeeded_seed_job(sdk, clock)
    assert job.fine_tuned_model is not None
    sdk.chat.completions.create(model=job.fine_tuned_model, messages=marv_messages())  # type: ignore[arg-type]
    assert usage_rows(settings) == 1
    return World(file_id=file_id, job_id=job.id, model=job.fine_tuned_model)


def reset(control: httpx.Client, scope: str | None = None) -> dict[str, object]:
    response = control.post("/_mock/reset", params={"scope": scope} if scope else None)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


# --- reset -----------------------------------------------------------------------------------------


def test_reset_files_empties_files_and_blobs_only(
    sdk: openai.OpenAI, control: httpx.Client, settings: Settings, world: World
) -> None:
    result = reset(control, "files")

    assert sdk.files.list().data == []
    assert blob_names(settings) == []
    assert result["scope"] == "files" and result["blobs"] == 3  # the upload, the training file, the result file
    assert [job.id for job in sdk.fine_tuning.jobs.list().data] == [world.job_id]
    assert sdk.models.retrieve(world.model).id == world.model
    assert usage_rows(settings) == 1


def test_reset_jobs_empties_jobs_and_their_models_only(
    sdk: openai.OpenAI, control: httpx.Client, settings: Settings, world: World
) -> None:
    reset(control, "jobs")

    assert sdk.fine_tuning.jobs.list().data == []
    with pytest.raises(openai.NotFoundError):
        sdk.models.retrieve(world.model)
    assert world.file_id in [file.id for file in sdk.files.list().data]
    assert sdk.files.content(world.file_id).content == CONTENT
    assert usage_rows(settings) == 1


def test_reset_usage_empties_the_ledger_only(
    sdk: openai.OpenAI, control: httpx.Client, settings: Settings, world: World
) -> None:
    result = reset(control, "usage")

    # The cost ledger goes with it (the job's training line, the call's input and output lines), the ledgers' totals
    # (per day, hour and minute: one row each for the call, one each per cost line), and the prompt cache.
    assert result["tables"] == {"usage": 1, "usage_costs": 3, "usage_costs_rollup": 9, "usage_prompt_cache": 0,
                                "usage_rollup": 3}
    assert usage_rows(settings) == 0
    assert [job.id for job in sdk.fine_tuning.jobs.list().data] == [world.job_id]
    assert sdk.files.retrieve(world.file_id).id == world.file_id


def test_reset_everything_empties_every_scope(
    sdk: openai.OpenAI, control: httpx.Client, settings: Settings, world: World
) -> None:
    result = reset(control)

    assert result["scope"] == "everything"
    assert (sdk.files.list().data, sdk.fine_tuning.jobs.list().data, usage_rows(settings)) == ([], [], 0)


def test_reset_everything_clears_faults_and_journal_but_not_the_clock(
    http: httpx.Client, control: httpx.Client, clock: ManualClock
) -> None:
    add_fault(control, path="/v1/files", status=500)
    http.get("/v1/models")
    clock.advance(60)

    reset(control)

    assert control.get("/_mock/faults").json()["data"] == []
    assert journal(control) == []
    assert clock.now() == START_TIME + 60


@pytest.mark.parametrize("scope", ["files", "jobs", "usage"])
def test_reset_of_a_scope_keeps_faults_and_journal(http: httpx.Client, control: httpx.Client, scope: str) -> None:
    fault = add_fault(control, path="/v1/files", status=500)
    http.get("/v1/models")

    reset(control, scope)

    assert control.get("/_mock/faults").json()["data"] == [fault]
    assert [entry["path"] for entry in journal(control)] == ["/v1/models"]


def test_reset_with_unknown_scope_is_rejected(control: httpx.Client) -> None:
    response = control.post("/_mock/reset", params={"scope": "models"})

    assert response.status_code == 400
    assert response.json() == envelope(
        "Invalid value for 'scope': \"models\". Input should be 'everything', 'files', 'jobs' or 'usage'.",
        param="scope", code="invalid_value",
    )


# --- snapshots -------------------------------------------------------------------------------------


def test_restored_snapshot_serves_the_same_objects(
    sdk: openai.OpenAI, control: httpx.Client, world: World
) -> None:
    file_before = sdk.files.retrieve(world.file_id)
    job_before = sdk.fine_tuning.jobs.retrieve(world.job_id)
    control.post("/_mock/snapshot", json={"name": "ready"})
    sdk.files.delete(world.file_id)
    extra = upload(sdk, b'{"later": true}\n')

    restored = control.post("/_mock/restore", json={"name": "ready"})

    assert restored.status_code == 200, restored.text
    assert sdk.files.retrieve(world.file_id) == file_before
    assert sdk.files.content(world.file_id).content == CONTENT
    assert sdk.fine_tuning.jobs.retrieve(world.job_id) == job_before
    with pytest.raises(openai.NotFoundError):
        sdk.files.retrieve(extra)


def test_snapshot_is_unchanged_by_changes_after_a_restore(sdk: openai.OpenAI, control: httpx.Client) -> None:
    file_id = upload(sdk, CONTENT)
    control.post("/_mock/snapshot", json={"name": "kept"})
    control.post("/_mock/restore", json={"name": "kept"})
    sdk.files.delete(file_id)

    control.post("/_mock/restore", json={"name": "kept"})

    assert sdk.files.content(file_id).content == CONTENT


def test_snapshot_describes_what_it_saved(control: httpx.Client, sdk: openai.OpenAI, settings: Settings) -> None:
    upload(sdk, CONTENT)

    snapshot = control.post("/_mock/snapshot", json={"name": "one-file"}).json()

    assert snapshot == {"object": "mock.snapshot", "name": "one-file", "created_at": START_TIME, "files": 1,
                        "bytes": snapshot["bytes"]}
    assert sorted(path.name for path in (settings.snapshots_dir / "one-file").iterdir()) == [
        "files", "mockserver.db", "snapshot.json"]


def test_list_snapshots_names_them_in_order(control: httpx.Client) -> None:
    for name in ("b", "a"):
        control.post("/_mock/snapshot", json={"name": name})

    listed = control.get("/_mock/snapshots").json()

    assert listed["object"] == "list"
    assert [snapshot["name"] for snapshot in listed["data"]] == ["a", "b"]


def test_snapshot_with_an_existing_name_replaces_it(sdk: openai.OpenAI, control: httpx.Client) -> None:
    control.post("/_mock/snapshot", json={"name": "same"})
    file_id = upload(sdk, CONTENT)
    control.post("/_mock/snapshot", json={"name": "same"})
    sdk.files.delete(file_id)

    control.post("/_mock/restore", json={"name": "same"})

    assert sdk.files.retrieve(file_id).id == file_id
    assert [snapshot["name"] for snapshot in control.get("/_mock/snapshots").json()["data"]] == ["same"]


def test_restore_sets_the_manual_clock_back(control: httpx.Client, clock: ManualClock) -> None:
    control.post("/_mock/snapshot", json={"name": "early"})
    clock.advance(3600)

    restored = control.post("/_mock/restore", json={"name": "early"}).json()

    assert restored["created_at"] == START_TIME
    assert clock.now() == START_TIME


def test_restore_keeps_the_live_faults_and_journal(http: httpx.Client, control: httpx.Client) -> None:
    control.post("/_mock/snapshot", json={"name": "plain"})
    fault = add_fault(control, path="/v1/files", status=500)
    http.get("/v1/models")

    control.post("/_mock/restore", json={"name": "plain"})

    assert control.get("/_mock/faults").json()["data"] == [fault]
    assert [entry["path"] for entry in journal(control)] == ["/v1/models"]


def test_restore_keeps_the_live_journals_request_bodies(http: httpx.Client, control: httpx.Client) -> None:
    """A small JSON body is journalled as sent (summarised when read): its columns are carried too."""
    control.post("/_mock/snapshot", json={"name": "plain"})
    http.post("/v1/fine_tuning/jobs", json={"model": "gpt-4o-mini", "training_file": "file-你好"})

    control.post("/_mock/restore", json={"name": "plain"})

    assert [entry["body"] for entry in journal(control)] == [
        {"model": "gpt-4o-mini", "training_file": "file-你好"}]


def test_restore_unknown_snapshot_is_not_found(control: httpx.Client) -> None:
    response = control.post("/_mock/restore", json={"name": "nope"})

    assert response.status_code == 404
    assert response.json() == envelope("No such snapshot: nope", param="name")


@pytest.mark.parametrize("path", ["/_mock/snapshot", "/_mock/restore"])
@pytest.mark.parametrize("name", ["../escape", ".hidden", "a/b", "", "x" * 101, "a..b"])
def test_snapshot_name_that_is_not_a_plain_folder_name_is_rejected(
    control: httpx.Client, settings: Settings, path: str, name: str
) -> None:
    response = control.post(path, json={"name": name})

    assert response.status_code == 400
    assert response.json() == envelope(
        f"Invalid snapshot name: {name!r}. Use letters, digits, '.', '_' and '-' (up to 100 characters, not "
        "starting with '.').",
        param="name", code="invalid_value",
    )
    assert not (settings.data_dir / "escape").exists()


# --- --load ----------------------------------------------------------------------------------------


@pytest.fixture
def saved(sdk: openai.OpenAI, control: httpx.Client, settings: Settings) -> tuple[str, Path]:
    """A snapshot holding one uploaded file: the file's id and the snapshot's folder."""
    file_id = upload(sdk, CONTENT)
    assert control.post("/_mock/snapshot", json={"name": "prepared"}).status_code == 200
    return file_id, settings.snapshots_dir / "prepared"


def test_load_setting_with_a_folder_path_starts_from_the_snapshot(
    start_server: Callable[..., LiveServer], saved: tuple[str, Path]
) -> None:
    file_id, folder = saved

    server = start_server(load=str(folder))

    with sdk_client(server.base_url, API_KEY) as client:
        assert client.files.retrieve(file_id).id == file_id
        assert client.files.content(file_id).content == CONTENT


def test_load_setting_with_a_name_restores_from_the_data_dir(
    sdk: openai.OpenAI, live_server: LiveServer, saved: tuple[str, Path], settings: Settings, clock: ManualClock
) -> None:
    file_id, _ = saved
    sdk.files.delete(file_id)
    live_server.stop()

    restarted = LiveServer(settings=settings.model_copy(update={"load": "prepared"}), clock=clock).start()

    try:
        with sdk_client(restarted.base_url, API_KEY) as client:
            assert client.files.retrieve(file_id).id == file_id
    finally:
        restarted.stop(wait=False)


def test_serve_with_unknown_snapshot_to_load_fails_before_starting(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--load", "missing"])

    assert result.exit_code == 2
    assert "Error: Invalid value for --load: No such snapshot: missing" in result.output
