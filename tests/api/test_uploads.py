"""The Uploads API (large files in parts) through the official SDK in strict mode, against the live server."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import openai
import pytest
from openai.types import Upload

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.services.uploads import MAX_PART_BYTES
from tests.conftest import START_TIME
from tests.live_server import LiveServer
from tests.support import FILE_ID, error, sdk_client

PARTS = [b'{"part": "one"}\n', b'{"part": "two"}\n', b'{"part": "three"}\n']


def new_upload(sdk: openai.OpenAI, size: int, filename: str = "train.jsonl") -> Upload:
    return sdk.uploads.create(bytes=size, filename=filename, mime_type="application/jsonl", purpose="fine-tune")


def upload_parts(sdk: openai.OpenAI, upload_id: str, parts: list[bytes] = PARTS) -> list[str]:
    return [sdk.uploads.parts.create(upload_id, data=data).id for data in parts]


def expect_error(
    error_class: type[openai.APIStatusError], call: Callable[[], object], expected: dict[str, object]
) -> None:
    with pytest.raises(error_class) as caught:
        call()
    assert caught.value.body == expected


def not_pending(upload_id: str, status: str) -> dict[str, object]:
    # The real wording for a finished upload is not in the reference; this is the mock's own.
    return error(f"Cannot modify Upload {upload_id}: its status is {status}, not pending.", param="upload_id")


def stored_part_blobs(settings: Settings) -> list[Path]:
    return sorted(settings.blobs_dir.glob("part_*"))


# --- create -------------------------------------------------------------------------------------


def test_create_returns_pending_upload_expiring_in_an_hour(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, 100)

    assert re.fullmatch(r"upload_[A-Za-z0-9]+", upload.id)
    assert upload.model_dump() == {
        "id": upload.id, "object": "upload", "bytes": 100, "created_at": START_TIME,
        "expires_at": START_TIME + 3600, "filename": "train.jsonl", "purpose": "fine-tune",
        "status": "pending", "file": None,
    }


def test_create_with_unknown_purpose_is_rejected(sdk: openai.OpenAI) -> None:
    expected = error(
        "'bogus' is not one of ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] - 'purpose'",
        param="purpose",
    )

    expect_error(
        openai.BadRequestError,
        lambda: sdk.uploads.create(bytes=1, filename="a.jsonl", mime_type="text/plain", purpose="bogus"),  # type: ignore[arg-type]
        expected,
    )


def test_create_fine_tune_upload_without_jsonl_name_is_rejected(sdk: openai.OpenAI) -> None:
    expected = error(
        "Invalid file format for Fine-Tuning API. Must be .jsonl", param="file", code="invalid_file_format"
    )

    expect_error(openai.BadRequestError, lambda: new_upload(sdk, 10, filename="train.csv"), expected)


@pytest.mark.parametrize(
    ("expires_after", "expected"),
    [
        ({"anchor": "created_at", "seconds": 60}, error(
            "Invalid 'expires_after.seconds': 60. It must be between 3600 and 2592000 seconds.",
            param="expires_after.seconds", code="invalid_value")),
        ({"anchor": "last_active_at", "seconds": 3600}, error(
            "Invalid value for 'expires_after.anchor': expected 'created_at', got 'last_active_at'.",
            param="expires_after.anchor", code="invalid_value")),
    ],
    ids=["seconds-out-of-range", "bad-anchor"],
)
def test_create_with_bad_expires_after_is_rejected_like_file_upload(
    sdk: openai.OpenAI, expires_after: dict[str, object], expected: dict[str, object]
) -> None:
    expect_error(
        openai.BadRequestError,
        lambda: sdk.uploads.create(
            bytes=1, filename="a.jsonl", mime_type="application/jsonl", purpose="fine-tune",
            expires_after=expires_after,  # type: ignore[arg-type]
        ),
        expected,
    )


def test_create_over_eight_gigabytes_is_rejected(sdk: openai.OpenAI) -> None:
    size = 8 * 1024**3 + 1
    expected = error(f"Invalid 'bytes': {size}. An Upload can be at most 8 GB.", param="bytes", code="invalid_value")

    expect_error(openai.BadRequestError, lambda: new_upload(sdk, size), expected)


# --- parts --------------------------------------------------------------------------------------


def test_add_part_returns_part_object(sdk: openai.OpenAI, clock: ManualClock) -> None:
    upload = new_upload(sdk, 10)
    clock.advance(5)

    part = sdk.uploads.parts.create(upload.id, data=b"0123456789")

    assert re.fullmatch(r"part_[A-Za-z0-9]+", part.id)
    assert part.model_dump() == {
        "id": part.id, "object": "upload.part", "created_at": START_TIME + 5, "upload_id": upload.id,
    }


def streamed_part(size: int, boundary: str = "part-boundary") -> Iterator[bytes]:
    """A multipart body with one `data` file of `size` bytes, generated a megabyte at a time."""
    yield (f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="part"\r\n'
           "Content-Type: application/octet-stream\r\n\r\n").encode()
    chunk = b"x" * (1024 * 1024)
    for start in range(0, size, len(chunk)):
        yield chunk[: size - start]
    yield f"\r\n--{boundary}--\r\n".encode()


def test_add_part_over_64_mb_is_rejected_and_nothing_stored(
    sdk: openai.OpenAI, http: httpx.Client, settings: Settings
) -> None:
    upload = new_upload(sdk, MAX_PART_BYTES + 1)

    response = http.post(
        f"/v1/uploads/{upload.id}/parts", content=streamed_part(MAX_PART_BYTES + 1),
        headers={"Content-Type": "multipart/form-data; boundary=part-boundary"},
    )

    assert response.status_code == 400
    too_large = error("Upload part is too large. Each part can be at most 64 MB.", param="data")
    assert response.json() == {"error": too_large}
    assert stored_part_blobs(settings) == []
    assert sdk.uploads.parts.create(upload.id, data=b"x").upload_id == upload.id  # still pending


def test_add_part_to_expired_upload_is_rejected(sdk: openai.OpenAI, clock: ManualClock) -> None:
    upload = new_upload(sdk, 10)
    clock.advance(3600)

    expect_error(
        openai.BadRequestError, lambda: sdk.uploads.parts.create(upload.id, data=b"x"),
        not_pending(upload.id, "expired"),
    )


# --- complete -----------------------------------------------------------------------------------


def test_complete_returns_completed_upload_with_file(sdk: openai.OpenAI, clock: ManualClock) -> None:
    upload = new_upload(sdk, sum(map(len, PARTS)))
    part_ids = upload_parts(sdk, upload.id)
    clock.advance(60)

    completed = sdk.uploads.complete(upload.id, part_ids=part_ids)

    assert (completed.id, completed.status, completed.bytes) == (upload.id, "completed", upload.bytes)
    assert completed.file is not None
    assert FILE_ID.fullmatch(completed.file.id)
    assert completed.file.model_dump() == {
        "id": completed.file.id, "object": "file", "bytes": upload.bytes, "created_at": START_TIME + 60,
        "expires_at": None, "filename": "train.jsonl", "purpose": "fine-tune", "status": "processed",
        "status_details": None,
    }


def test_complete_joins_parts_in_given_order(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, sum(map(len, PARTS)))
    first, second, third = upload_parts(sdk, upload.id)

    completed = sdk.uploads.complete(upload.id, part_ids=[third, first, second])

    assert completed.file is not None
    assert sdk.files.content(completed.file.id).read() == PARTS[2] + PARTS[0] + PARTS[1]


def test_completed_upload_file_is_a_regular_file(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, sum(map(len, PARTS)))
    completed = sdk.uploads.complete(upload.id, part_ids=upload_parts(sdk, upload.id))

    assert completed.file is not None
    assert sdk.files.retrieve(completed.file.id) == completed.file
    assert [file.id for file in sdk.files.list()] == [completed.file.id]


def test_complete_with_expires_after_sets_file_expiry(sdk: openai.OpenAI) -> None:
    upload = sdk.uploads.create(
        bytes=3, filename="a.jsonl", mime_type="application/jsonl", purpose="fine-tune",
        expires_after={"anchor": "created_at", "seconds": 7200},
    )
    part_ids = upload_parts(sdk, upload.id, [b"abc"])

    completed = sdk.uploads.complete(upload.id, part_ids=part_ids)

    assert completed.file is not None
    assert completed.file.expires_at == completed.file.created_at + 7200


def test_complete_removes_part_blobs(sdk: openai.OpenAI, settings: Settings) -> None:
    upload = new_upload(sdk, sum(map(len, PARTS)))
    part_ids = upload_parts(sdk, upload.id)

    sdk.uploads.complete(upload.id, part_ids=part_ids)

    assert stored_part_blobs(settings) == []


def test_complete_with_wrong_total_bytes_is_rejected(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, 1000)
    part_ids = upload_parts(sdk, upload.id)
    expected = error(
        f"The Upload's declared bytes (1000) do not match the total bytes of the parts ({sum(map(len, PARTS))}).",
        param="bytes",
    )

    expect_error(openai.BadRequestError, lambda: sdk.uploads.complete(upload.id, part_ids=part_ids), expected)


def test_complete_with_unknown_part_is_rejected(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, sum(map(len, PARTS)))
    part_ids = upload_parts(sdk, upload.id)
    expected = error(f"Invalid part_ids: part_unknown is not a part of Upload {upload.id}.", param="part_ids")

    expect_error(
        openai.BadRequestError, lambda: sdk.uploads.complete(upload.id, part_ids=[*part_ids, "part_unknown"]), expected
    )


def test_complete_with_part_of_another_upload_is_rejected(sdk: openai.OpenAI) -> None:
    upload, other = new_upload(sdk, 3), new_upload(sdk, 3)
    foreign = sdk.uploads.parts.create(other.id, data=b"abc").id
    expected = error(f"Invalid part_ids: {foreign} is not a part of Upload {upload.id}.", param="part_ids")

    expect_error(openai.BadRequestError, lambda: sdk.uploads.complete(upload.id, part_ids=[foreign]), expected)


def test_complete_with_a_part_listed_twice_is_rejected_and_upload_stays_pending(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, 6)
    part_id = upload_parts(sdk, upload.id, [b"abc"])[0]
    expected = error(
        f"Invalid part_ids: {part_id} is listed more than once; each part may be used only once.", param="part_ids"
    )

    expect_error(openai.BadRequestError, lambda: sdk.uploads.complete(upload.id, part_ids=[part_id, part_id]), expected)
    assert sdk.uploads.complete(upload.id, part_ids=[part_id, *upload_parts(sdk, upload.id, [b"def"])]).status == (
        "completed"
    )


def test_add_part_to_completed_upload_is_rejected(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, 3)
    sdk.uploads.complete(upload.id, part_ids=upload_parts(sdk, upload.id, [b"abc"]))

    expect_error(
        openai.BadRequestError, lambda: sdk.uploads.parts.create(upload.id, data=b"x"),
        not_pending(upload.id, "completed"),
    )


# --- cancel -------------------------------------------------------------------------------------


def test_cancel_returns_cancelled_upload(sdk: openai.OpenAI) -> None:
    upload = new_upload(sdk, 10)

    cancelled = sdk.uploads.cancel(upload.id)

    assert cancelled.model_dump() == {**upload.model_dump(), "status": "cancelled", "file": None}


def test_cancel_removes_part_blobs(sdk: openai.OpenAI, settings: Settings) -> None:
    upload = new_upload(sdk, sum(map(len, PARTS)))
    upload_parts(sdk, upload.id)

    sdk.uploads.cancel(upload.id)

    assert stored_part_blobs(settings) == []


@pytest.mark.parametrize("action", ["add_part", "complete", "cancel"])
def test_cancelled_upload_cannot_be_changed(sdk: openai.OpenAI, action: str) -> None:
    upload = new_upload(sdk, 3)
    part_ids = upload_parts(sdk, upload.id, [b"abc"])
    sdk.uploads.cancel(upload.id)
    calls: dict[str, Callable[[], object]] = {
        "add_part": lambda: sdk.uploads.parts.create(upload.id, data=b"x"),
        "complete": lambda: sdk.uploads.complete(upload.id, part_ids=part_ids),
        "cancel": lambda: sdk.uploads.cancel(upload.id),
    }

    expect_error(openai.BadRequestError, calls[action], not_pending(upload.id, "cancelled"))


# --- unknown and foreign uploads ----------------------------------------------------------------


@pytest.mark.parametrize("action", ["add_part", "complete", "cancel"])
def test_unknown_upload_is_not_found(sdk: openai.OpenAI, action: str) -> None:
    calls: dict[str, Callable[[], object]] = {
        "add_part": lambda: sdk.uploads.parts.create("upload_unknown", data=b"x"),
        "complete": lambda: sdk.uploads.complete("upload_unknown", part_ids=[]),
        "cancel": lambda: sdk.uploads.cancel("upload_unknown"),
    }

    expect_error(
        openai.NotFoundError, calls[action], error("No such Upload object: upload_unknown", param="upload_id")
    )


def test_upload_is_invisible_to_another_api_key(sdk: openai.OpenAI, live_server: LiveServer) -> None:
    upload = new_upload(sdk, 3)

    with sdk_client(live_server.base_url, "sk-someone-else") as other:
        expect_error(
            openai.NotFoundError, lambda: other.uploads.cancel(upload.id),
            error(f"No such Upload object: {upload.id}", param="upload_id"),
        )
    assert sdk.uploads.cancel(upload.id).status == "cancelled"


# --- the SDK's chunked upload helper ------------------------------------------------------------


def test_upload_file_chunked_from_path_round_trips(sdk: openai.OpenAI, tmp_path: Path) -> None:
    content = b"".join(f'{{"line": {index}, "text": "训练"}}\n'.encode() for index in range(100))
    path = tmp_path / "big.jsonl"
    path.write_bytes(content)

    upload = sdk.uploads.upload_file_chunked(
        file=path, mime_type="application/jsonl", purpose="fine-tune", part_size=1000
    )

    assert (upload.status, upload.bytes, upload.filename) == ("completed", len(content), "big.jsonl")
    assert upload.file is not None
    assert sdk.files.content(upload.file.id).read() == content


def test_upload_file_chunked_from_bytes_round_trips(sdk: openai.OpenAI) -> None:
    content = bytes(range(256)) * 10

    upload = sdk.uploads.upload_file_chunked(
        file=content, filename="blob.bin", bytes=len(content), mime_type="application/octet-stream",
        purpose="assistants", part_size=999,
    )

    assert upload.file is not None
    assert sdk.files.content(upload.file.id).read() == content


def test_upload_survives_restart_before_completion(settings: Settings, clock: ManualClock) -> None:
    first = LiveServer(settings=settings, clock=clock).start()
    with sdk_client(first.base_url, "sk-test") as client:
        upload = new_upload(client, 6)
        first_part = client.uploads.parts.create(upload.id, data=b"abc").id
    first.stop()

    second = LiveServer(settings=settings, clock=clock).start()
    try:
        with sdk_client(second.base_url, "sk-test") as client:
            second_part = client.uploads.parts.create(upload.id, data=b"def").id
            completed = client.uploads.complete(upload.id, part_ids=[first_part, second_part])
            assert completed.file is not None
            assert client.files.content(completed.file.id).read() == b"abcdef"
    finally:
        second.stop()
