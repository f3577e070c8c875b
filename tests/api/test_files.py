"""The Files API through the official SDK (strict mode) against the live server: the happy paths."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from tests.conftest import START_TIME
from tests.live_server import LiveServer
from tests.support import FILE_ID, error, sdk_client

ALL_BYTES = bytes(range(256)) * 4
BATCH_DEFAULT_EXPIRY = 30 * 24 * 3600


def upload_many(sdk: openai.OpenAI, clock: ManualClock, count: int, purpose: str = "fine-tune") -> list[str]:
    """Upload `count` files one second apart; returns their ids, oldest first."""
    ids = []
    for index in range(count):
        ids.append(sdk.files.create(file=(f"f{index}.jsonl", b"{}\n"), purpose=purpose).id)  # type: ignore[arg-type]
        clock.advance(1)
    return ids


def assert_not_found(call: Callable[[], object], file_id: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        call()
    assert caught.value.status_code == 404
    assert caught.value.body == error(f"No such File object: {file_id}", param="id")


# --- upload -------------------------------------------------------------------------------------


def test_upload_returns_processed_file_object(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("train.jsonl", b'{"a": 1}\n'), purpose="fine-tune")

    assert FILE_ID.fullmatch(created.id)
    assert created.model_dump() == {
        "id": created.id, "object": "file", "bytes": 9, "created_at": START_TIME, "expires_at": None,
        "filename": "train.jsonl", "purpose": "fine-tune", "status": "processed", "status_details": None,
    }


def test_upload_counts_bytes_not_characters(sdk: openai.OpenAI) -> None:
    content = '{"messages": [{"role": "user", "content": "你好，世界"}]}\n'.encode()

    created = sdk.files.create(file=("chinese.jsonl", content), purpose="fine-tune")

    assert created.bytes == len(content) != len(content.decode())
    assert sdk.files.content(created.id).read() == content


def test_upload_echoes_non_ascii_filename(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("训练数据.jsonl", b"{}\n"), purpose="fine-tune")

    assert created.filename == "训练数据.jsonl"
    assert sdk.files.retrieve(created.id).filename == "训练数据.jsonl"
    assert sdk.files.content(created.id).read() == b"{}\n"


def test_upload_takes_created_at_from_clock(sdk: openai.OpenAI, clock: ManualClock) -> None:
    clock.advance(12_345)

    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")

    assert created.created_at == START_TIME + 12_345


@pytest.mark.parametrize("purpose", ["assistants", "batch", "fine-tune", "vision", "user_data"])
def test_upload_accepts_purpose(sdk: openai.OpenAI, purpose: str) -> None:
    created = sdk.files.create(file=("data.jsonl", b"{}\n"), purpose=purpose)  # type: ignore[arg-type]

    assert created.purpose == purpose


def test_upload_accepts_evals_purpose(http: httpx.Client) -> None:
    # The API accepts `evals`, but the SDK's FileObject.purpose Literal lacks it (reference §1.3), so strict
    # SDK parsing would reject the echo: checked over raw HTTP.
    response = http.post("/v1/files", files={"file": ("cases.jsonl", b"{}\n")}, data={"purpose": "evals"})

    assert response.status_code == 200
    assert response.json()["purpose"] == "evals"


def test_upload_with_two_file_parts_keeps_the_last_and_leaves_no_temporary_file(
    http: httpx.Client, settings: Settings,
) -> None:
    response = http.post("/v1/files", files=[("file", ("first.jsonl", b"1\n")), ("file", ("second.jsonl", b"22\n"))],
                         data={"purpose": "fine-tune"})

    assert (response.status_code, response.json()["filename"], response.json()["bytes"]) == (200, "second.jsonl", 3)
    assert list((settings.blobs_dir / ".tmp").iterdir()) == []


def test_upload_accepts_malformed_jsonl_for_fine_tune(sdk: openai.OpenAI) -> None:
    # The real API only checks the file name at upload; content is judged when a job uses the file
    # (reference §1.2, §11.3), so a broken file is still `processed` here.
    created = sdk.files.create(file=("broken.jsonl", b'{"messages": [\nnot json at all\n'), purpose="fine-tune")

    assert (created.status, created.status_details) == ("processed", None)


def test_upload_accepts_empty_file(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("empty.jsonl", b""), purpose="fine-tune")

    assert created.bytes == 0
    assert sdk.files.content(created.id).read() == b""


# --- list and pagination ------------------------------------------------------------------------


def test_list_without_files_returns_empty_page(sdk: openai.OpenAI) -> None:
    page = sdk.files.list()

    assert (page.data, page.has_more, page.first_id, page.last_id) == ([], False, None, None)


def test_list_orders_newest_first_by_default(sdk: openai.OpenAI, clock: ManualClock) -> None:
    ids = upload_many(sdk, clock, 3)

    page = sdk.files.list()

    assert [file.id for file in page.data] == ids[::-1]
    assert (page.has_more, page.first_id, page.last_id) == (False, ids[2], ids[0])


def test_list_orders_oldest_first_with_order_asc(sdk: openai.OpenAI, clock: ManualClock) -> None:
    ids = upload_many(sdk, clock, 3)

    page = sdk.files.list(order="asc")

    assert [file.id for file in page.data] == ids
    assert (page.first_id, page.last_id) == (ids[0], ids[2])


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_list_limit_returns_first_page_with_has_more(sdk: openai.OpenAI, clock: ManualClock, order: str) -> None:
    ids = upload_many(sdk, clock, 5)
    expected = ids if order == "asc" else ids[::-1]

    page = sdk.files.list(limit=2, order=order)  # type: ignore[arg-type]

    assert [file.id for file in page.data] == expected[:2]
    assert (page.has_more, page.first_id, page.last_id) == (True, expected[0], expected[1])


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_list_after_returns_items_strictly_after_cursor(
    sdk: openai.OpenAI, clock: ManualClock, order: str
) -> None:
    ids = upload_many(sdk, clock, 5)
    expected = ids if order == "asc" else ids[::-1]

    page = sdk.files.list(limit=2, order=order, after=expected[1])  # type: ignore[arg-type]

    assert [file.id for file in page.data] == expected[2:4]
    assert page.has_more is True


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_list_last_page_has_no_more(sdk: openai.OpenAI, clock: ManualClock, order: str) -> None:
    ids = upload_many(sdk, clock, 5)
    expected = ids if order == "asc" else ids[::-1]

    page = sdk.files.list(limit=2, order=order, after=expected[3])  # type: ignore[arg-type]

    assert [file.id for file in page.data] == expected[4:]
    assert (page.has_more, page.first_id, page.last_id) == (False, expected[4], expected[4])


def test_list_limit_equal_to_count_has_no_more(sdk: openai.OpenAI, clock: ManualClock) -> None:
    upload_many(sdk, clock, 3)

    assert sdk.files.list(limit=3).has_more is False


def test_list_auto_pagination_iterates_every_page(sdk: openai.OpenAI, clock: ManualClock) -> None:
    ids = upload_many(sdk, clock, 5)

    first_page = sdk.files.list(limit=2)

    assert [file.id for file in sdk.files.list(limit=2)] == ids[::-1]
    assert [len(page.data) for page in first_page.iter_pages()] == [2, 2, 1]


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_list_auto_pagination_breaks_created_at_ties_by_upload_order(sdk: openai.OpenAI, order: str) -> None:
    # The manual clock does not move: every file has the same created_at.
    ids = [sdk.files.create(file=(f"f{i}.jsonl", b"{}\n"), purpose="fine-tune").id for i in range(5)]

    listed = [file.id for file in sdk.files.list(limit=2, order=order)]  # type: ignore[arg-type]

    assert listed == (ids if order == "asc" else ids[::-1])


def test_list_filters_by_purpose(sdk: openai.OpenAI, clock: ManualClock) -> None:
    fine_tune = upload_many(sdk, clock, 2, purpose="fine-tune")
    upload_many(sdk, clock, 2, purpose="assistants")

    page = sdk.files.list(purpose="fine-tune")

    assert [file.id for file in page.data] == fine_tune[::-1]


# --- retrieve, content, delete ------------------------------------------------------------------


def test_retrieve_returns_uploaded_file(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")

    assert sdk.files.retrieve(created.id) == created


def test_content_returns_bytes_unchanged(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("all-bytes.bin", ALL_BYTES), purpose="assistants")

    assert created.bytes == len(ALL_BYTES)
    assert sdk.files.content(created.id).read() == ALL_BYTES


def test_content_declares_octet_stream_and_length(sdk: openai.OpenAI, http: httpx.Client) -> None:
    created = sdk.files.create(file=("all-bytes.bin", ALL_BYTES), purpose="assistants")

    response = http.get(f"/v1/files/{created.id}/content", headers={"Accept": "application/binary"})

    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-length"] == str(len(ALL_BYTES))


def test_content_whose_blob_a_delete_just_removed_is_a_whole_404(
    sdk: openai.OpenAI, http: httpx.Client, settings: Settings
) -> None:
    # The race with a DELETE: its row still read, its blob gone. The blob used to be opened after the headers
    # went out, and the client got a 200 cut off mid-body.
    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")
    (settings.blobs_dir / created.id).unlink()

    response = http.get(f"/v1/files/{created.id}/content")

    assert (response.status_code, response.json()) == (404, {"error": error(
        f"No such File object: {created.id}", param="id")})


def test_delete_returns_deleted_receipt(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")

    deleted = sdk.files.delete(created.id)

    assert deleted.model_dump() == {"id": created.id, "object": "file", "deleted": True}


def test_delete_removes_file_from_list(sdk: openai.OpenAI) -> None:
    kept = sdk.files.create(file=("kept.jsonl", b"{}\n"), purpose="fine-tune")
    gone = sdk.files.create(file=("gone.jsonl", b"{}\n"), purpose="fine-tune")

    sdk.files.delete(gone.id)

    assert [file.id for file in sdk.files.list()] == [kept.id]


def test_delete_removes_blob(sdk: openai.OpenAI, settings: Settings) -> None:
    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")

    sdk.files.delete(created.id)

    assert not (settings.blobs_dir / created.id).exists()


@pytest.mark.parametrize("action", ["retrieve", "content", "delete"])
def test_deleted_file_is_not_found(sdk: openai.OpenAI, action: str) -> None:
    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")
    sdk.files.delete(created.id)

    assert_not_found(lambda: getattr(sdk.files, action)(created.id), created.id)


@pytest.mark.parametrize("action", ["retrieve", "content", "delete"])
def test_unknown_file_is_not_found(sdk: openai.OpenAI, action: str) -> None:
    assert_not_found(lambda: getattr(sdk.files, action)("file-doesnotexist"), "file-doesnotexist")


# --- expiry -------------------------------------------------------------------------------------


def test_upload_with_expires_after_sets_expires_at(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(
        file=("train.jsonl", b"{}\n"), purpose="fine-tune", expires_after={"anchor": "created_at", "seconds": 3600}
    )

    assert created.expires_at == created.created_at + 3600


def test_file_is_available_until_it_expires(sdk: openai.OpenAI, clock: ManualClock) -> None:
    created = sdk.files.create(
        file=("train.jsonl", b"{}\n"), purpose="fine-tune", expires_after={"anchor": "created_at", "seconds": 3600}
    )
    clock.advance(3599)

    assert sdk.files.retrieve(created.id) == created
    assert [file.id for file in sdk.files.list()] == [created.id]


@pytest.mark.parametrize("action", ["retrieve", "content", "delete"])
def test_expired_file_is_not_found(sdk: openai.OpenAI, clock: ManualClock, action: str) -> None:
    created = sdk.files.create(
        file=("train.jsonl", b"{}\n"), purpose="fine-tune", expires_after={"anchor": "created_at", "seconds": 3600}
    )
    clock.advance(3601)

    assert_not_found(lambda: getattr(sdk.files, action)(created.id), created.id)


def test_expired_file_is_absent_from_list(sdk: openai.OpenAI, clock: ManualClock) -> None:
    kept = sdk.files.create(file=("kept.jsonl", b"{}\n"), purpose="fine-tune")
    sdk.files.create(
        file=("gone.jsonl", b"{}\n"), purpose="fine-tune", expires_after={"anchor": "created_at", "seconds": 3600}
    )
    clock.advance(3601)

    assert [file.id for file in sdk.files.list()] == [kept.id]


def test_batch_file_expires_after_thirty_days_by_default(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(file=("requests.jsonl", b"{}\n"), purpose="batch")

    assert created.expires_at == created.created_at + BATCH_DEFAULT_EXPIRY


def test_batch_file_expires_after_overrides_default(sdk: openai.OpenAI) -> None:
    created = sdk.files.create(
        file=("requests.jsonl", b"{}\n"), purpose="batch", expires_after={"anchor": "created_at", "seconds": 7200}
    )

    assert created.expires_at == created.created_at + 7200


# --- ownership and persistence ------------------------------------------------------------------


def test_files_are_invisible_to_another_api_key(sdk: openai.OpenAI, live_server: LiveServer) -> None:
    created = sdk.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")

    with sdk_client(live_server.base_url, "sk-someone-else") as other:
        assert other.files.list().data == []
        assert_not_found(lambda: other.files.retrieve(created.id), created.id)
        assert_not_found(lambda: other.files.content(created.id), created.id)
        assert_not_found(lambda: other.files.delete(created.id), created.id)
    assert sdk.files.retrieve(created.id) == created


def test_file_survives_restart(settings: Settings, clock: ManualClock) -> None:
    first = LiveServer(settings=settings, clock=clock).start()
    with sdk_client(first.base_url, "sk-test") as client:
        created = client.files.create(file=("all-bytes.bin", ALL_BYTES), purpose="assistants")
    first.stop()

    second = LiveServer(settings=settings, clock=clock).start()
    try:
        with sdk_client(second.base_url, "sk-test") as client:
            assert client.files.retrieve(created.id) == created
            assert client.files.content(created.id).read() == ALL_BYTES
    finally:
        second.stop()


def test_upload_after_restart_keeps_earlier_files(settings: Settings, clock: ManualClock) -> None:
    # A seeded id factory starts its sequence again after a restart; new ids must not reuse stored ones.
    first = LiveServer(settings=settings, clock=clock).start()
    with sdk_client(first.base_url, "sk-test") as client:
        earlier = client.files.create(file=("earlier.jsonl", b"earlier\n"), purpose="fine-tune")
    first.stop()

    second = LiveServer(settings=settings, clock=clock).start()
    try:
        with sdk_client(second.base_url, "sk-test") as client:
            later = client.files.create(file=("later.jsonl", b"later\n"), purpose="fine-tune")
            assert later.id != earlier.id
            assert client.files.content(earlier.id).read() == b"earlier\n"
            assert client.files.content(later.id).read() == b"later\n"
    finally:
        second.stop()
