"""The Files API's refusals: every bad input gets the real status, type, code, param and message,
and a refused or abandoned upload leaves nothing behind."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path

import httpx
import openai
import pytest

from mockserver.core.config import Settings
from tests.conftest import API_KEY
from tests.live_server import LiveServer
from tests.support import envelope, error, sdk_client, wait_until

BOUNDARY = "mockserver-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def part(name: str, content: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + content + b"\r\n"


def multipart_body(*parts: bytes) -> bytes:
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def blobs_left(settings: Settings) -> list[str]:
    """Everything in the blobs folder and its staging folder, the staging folder itself aside."""
    return sorted(str(path.relative_to(settings.blobs_dir)) for path in settings.blobs_dir.rglob("*")
                  if path.name != ".tmp")


def assert_bad_request(call: Callable[[], object], expected: dict[str, object]) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        call()
    assert caught.value.status_code == 400
    assert caught.value.body == expected


# --- form fields --------------------------------------------------------------------------------


def test_upload_with_unknown_purpose_is_rejected(sdk: openai.OpenAI) -> None:
    expected = error(
        "'bogus' is not one of ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] - 'purpose'",
        param="purpose",
    )

    assert_bad_request(lambda: sdk.files.create(file=("a.jsonl", b"{}\n"), purpose="bogus"), expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("files", "data", "param"),
    [
        ({"file": ("a.jsonl", b"{}\n")}, {}, "purpose"),
        ({"file": ("a.jsonl", b"{}\n")}, {"purpose": ""}, "purpose"),
        ({}, {"purpose": "fine-tune"}, "file"),
    ],
    ids=["purpose-absent", "purpose-empty", "file-absent"],
)
def test_upload_without_required_field_is_rejected(
    http: httpx.Client, files: dict[str, object], data: dict[str, str], param: str
) -> None:
    if not files:  # httpx sends a urlencoded body when there are no files; force multipart
        response = http.post("/v1/files", content=multipart_body(part("purpose", b"fine-tune")),
                             headers={"Content-Type": MULTIPART})
    else:
        response = http.post("/v1/files", files=files, data=data)

    assert response.status_code == 400
    assert response.json() == envelope(
        f"Missing required parameter: '{param}'.", param=param, code="missing_required_parameter"
    )


@pytest.mark.parametrize("filename", ["train.csv", "train.json", "train.jsonl.txt", "train"])
def test_fine_tune_upload_without_jsonl_name_is_rejected(sdk: openai.OpenAI, filename: str) -> None:
    # The message is the observed one (reference §1.2); its param and code are unconfirmed there.
    expected = error(
        "Invalid file format for Fine-Tuning API. Must be .jsonl", param="file", code="invalid_file_format"
    )

    assert_bad_request(lambda: sdk.files.create(file=(filename, b"{}\n"), purpose="fine-tune"), expected)


GOOD_LINE = b'{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n'
GBK_LINE = '{"messages": [{"role": "user", "content": "你好"}]}\n'.encode("gbk")
SAVE_AS_UTF8 = "save the file as UTF-8 (it seems to be in another encoding, such as GBK or Windows-1252)"


def nameless_upload(http: httpx.Client, content: bytes, filename: str) -> httpx.Response:
    """A fine-tune upload as `openai==0.28` sends it: the file part named after its field (`file`), or empty."""
    body = multipart_body(
        part("purpose", b"fine-tune"),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n",
    )
    return http.post("/v1/files", content=body, headers={"Content-Type": MULTIPART})


@pytest.mark.parametrize("filename", ["file", ""])
@pytest.mark.parametrize("content", [GOOD_LINE * 10, b"\xef\xbb\xbf\n" + GOOD_LINE, GOOD_LINE.rstrip(b"\n")],
                         ids=["lines", "bom-and-blank-line", "one-line-no-newline"])
def test_fine_tune_upload_without_a_name_is_accepted_for_its_jsonl_content(
    http: httpx.Client, content: bytes, filename: str
) -> None:
    created = nameless_upload(http, content, filename)

    assert created.status_code == 200, created.text
    assert (created.json()["filename"], created.json()["bytes"]) == (filename, len(content))
    assert http.get(f"/v1/files/{created.json()['id']}/content").content == content


def test_fine_tune_upload_without_a_name_judges_a_long_first_line_by_its_start(http: httpx.Client) -> None:
    long_line = b'{"messages": [{"role": "user", "content": "' + b"x" * 100_000 + b'"}]}\n'

    assert nameless_upload(http, long_line, "file").status_code == 200
    assert nameless_upload(http, b"x" * 100_000, "file").json()["error"]["message"].endswith(
        "its first line is not a JSON object.")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "its content is empty"),
        (b"not json\n" + GOOD_LINE, "its first line is not valid JSON"),
        (b"[1, 2]\n", "its first line is a JSON array, not an object"),
        (GBK_LINE, f"its content is not valid UTF-8 (byte 0xc4 at offset 43): {SAVE_AS_UTF8}"),
    ],
    ids=["empty", "not-json", "array", "gbk"],
)
def test_fine_tune_upload_without_a_name_is_rejected_for_other_content(
    http: httpx.Client, settings: Settings, content: bytes, reason: str
) -> None:
    response = nameless_upload(http, content, "file")

    assert response.status_code == 400
    assert response.json() == envelope(
        "Invalid file format for Fine-Tuning API. Must be .jsonl. The upload is named 'file', so its content "
        f"was judged: {reason}.", param="file", code="invalid_file_format",
    )
    assert blobs_left(settings) == []


def test_fine_tune_upload_with_a_name_is_judged_by_its_name_only(http: httpx.Client) -> None:
    # The real API checks only the name when there is one (reference §1.2): the content waits for the job.
    assert http.post("/v1/files", files={"file": ("train.jsonl", GBK_LINE)}, data={"purpose": "fine-tune"}).is_success


def test_fine_tune_upload_accepts_upper_case_extension(sdk: openai.OpenAI) -> None:
    assert sdk.files.create(file=("TRAIN.JSONL", b"{}\n"), purpose="fine-tune").status == "processed"


def test_non_fine_tune_upload_accepts_any_name(sdk: openai.OpenAI) -> None:
    assert sdk.files.create(file=("notes.txt", b"hello"), purpose="assistants").filename == "notes.txt"


# --- expires_after ------------------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [0, 3599, 2592001])
def test_upload_with_expiry_out_of_range_is_rejected(sdk: openai.OpenAI, seconds: int) -> None:
    expected = error(
        f"Invalid 'expires_after.seconds': {seconds}. It must be between 3600 and 2592000 seconds.",
        param="expires_after.seconds", code="invalid_value",
    )

    assert_bad_request(
        lambda: sdk.files.create(
            file=("a.jsonl", b"{}\n"), purpose="fine-tune", expires_after={"anchor": "created_at", "seconds": seconds}
        ),
        expected,
    )


@pytest.mark.parametrize("seconds", [3600, 2592000])
def test_upload_with_expiry_at_range_edge_is_accepted(sdk: openai.OpenAI, seconds: int) -> None:
    created = sdk.files.create(
        file=("a.jsonl", b"{}\n"), purpose="fine-tune", expires_after={"anchor": "created_at", "seconds": seconds}
    )

    assert created.expires_at == created.created_at + seconds


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"expires_after[anchor]": "last_accessed_at", "expires_after[seconds]": "3600"}, error(
            "Invalid value for 'expires_after.anchor': expected 'created_at', got 'last_accessed_at'.",
            param="expires_after.anchor", code="invalid_value")),
        ({"expires_after[anchor]": "created_at", "expires_after[seconds]": "soon"}, error(
            "Invalid type for 'expires_after.seconds': expected an integer, got 'soon'.",
            param="expires_after.seconds", code="invalid_type")),
        ({"expires_after[anchor]": "created_at"}, error(
            "Missing required parameter: 'expires_after.seconds'.",
            param="expires_after.seconds", code="missing_required_parameter")),
        ({"expires_after[seconds]": "3600"}, error(
            "Missing required parameter: 'expires_after.anchor'.",
            param="expires_after.anchor", code="missing_required_parameter")),
    ],
    ids=["bad-anchor", "seconds-not-integer", "seconds-absent", "anchor-absent"],
)
def test_upload_with_malformed_expiry_is_rejected(
    http: httpx.Client, fields: dict[str, str], expected: dict[str, object]
) -> None:
    response = http.post("/v1/files", files={"file": ("a.jsonl", b"{}\n")}, data={"purpose": "fine-tune", **fields})

    assert response.status_code == 400
    assert response.json() == {"error": expected}


# --- the multipart body itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "multipart/form-data", "multipart/mixed; boundary=x", None]
)
def test_upload_without_multipart_content_type_is_rejected(http: httpx.Client, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}

    response = http.post("/v1/files", content=b'{"purpose": "fine-tune"}', headers=headers)

    assert response.status_code == 400
    assert response.json() == envelope(
        "Invalid Content-Type header: expected multipart/form-data with a boundary.",
        param="Content-Type", code="invalid_content_type",
    )


TRUNCATED_BODIES = {
    "in-file-data": part("purpose", b"fine-tune") + part("file", b'{"a": 1}\n' * 100, "a.jsonl")[:-50],
    "in-last-field": part("file", b"{}\n", "a.jsonl") + part("purpose", b"fine-tune")[:-4],
    "without-closing-boundary": part("file", b"{}\n", "a.jsonl") + part("purpose", b"fine-tune"),
    "in-part-headers": part("purpose", b"fine-tune") + part("file", b"{}\n", "a.jsonl")[:30],
}


@pytest.mark.parametrize("body", TRUNCATED_BODIES.values(), ids=TRUNCATED_BODIES.keys())
def test_upload_with_truncated_multipart_body_is_rejected(
    http: httpx.Client, settings: Settings, body: bytes
) -> None:
    response = http.post("/v1/files", content=body, headers={"Content-Type": MULTIPART})

    assert response.status_code == 400
    assert response.json() == envelope("The multipart body ended in the middle of a part.", param="file")
    assert http.get("/v1/files").json()["data"] == []
    assert blobs_left(settings) == []


def test_upload_with_garbage_multipart_body_is_rejected(http: httpx.Client, settings: Settings) -> None:
    response = http.post("/v1/files", content=b"this is not multipart at all", headers={"Content-Type": MULTIPART})

    assert response.status_code == 400
    assert response.json() == envelope(
        "Could not parse the multipart form: the body is not valid multipart/form-data.", param="file"
    )
    assert blobs_left(settings) == []


def test_upload_with_boundary_over_256_characters_is_rejected(http: httpx.Client, settings: Settings) -> None:
    # python-multipart refuses such a boundary with its own exception: it was a 500 (and a crash of the journal).
    boundary = "b" * 300
    body = f"--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n--{boundary}--\r\n"

    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}

    response = http.post("/v1/files", content=body, headers=headers)

    assert (response.status_code, response.json()) == (400, envelope(
        "Invalid Content-Type header: the multipart boundary is 300 characters long; at most 256 are accepted "
        "(RFC 2046 asks for at most 70).", param="Content-Type", code="invalid_content_type"))
    assert blobs_left(settings) == []


@pytest.mark.parametrize(("path", "field"), [("/v1/files", "file"), ("/v1/uploads/{upload}/parts", "data")])
def test_upload_whose_file_name_is_not_utf8_is_rejected(
    http: httpx.Client, settings: Settings, path: str, field: str
) -> None:
    upload = http.post("/v1/uploads", json={"bytes": 3, "filename": "a.jsonl", "mime_type": "text/jsonl",
                                            "purpose": "fine-tune"}).json()["id"]
    lone_surrogate = "a\ud800.jsonl".encode("utf-8", "surrogatepass")
    file_part = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="'.encode()
                 + lone_surrogate + b'"\r\n\r\n{}\n\r\n')

    response = http.post(path.format(upload=upload), content=multipart_body(part("purpose", b"fine-tune"), file_part),
                         headers={"Content-Type": MULTIPART})

    assert (response.status_code, response.json()) == (400, envelope(
        f"Invalid file name for '{field}': byte 1 is not valid UTF-8. Send the file name as UTF-8.", param=field,
        code="invalid_value"))
    assert http.get("/v1/files").json()["data"] == []
    assert blobs_left(settings) == []


# --- size limit ---------------------------------------------------------------------------------


@pytest.fixture
def small_server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server(max_upload_bytes=1000)


@pytest.mark.parametrize("size", [1001, 1_000_000])
def test_upload_over_size_limit_is_rejected_and_nothing_stored(small_server: LiveServer, size: int) -> None:
    expected = error("File is too large. The maximum size of a file is 1000 bytes.", param="file")

    with sdk_client(small_server.base_url, API_KEY) as client:
        assert_bad_request(lambda: client.files.create(file=("big.jsonl", b"x" * size), purpose="fine-tune"), expected)
        assert client.files.list().data == []
    assert blobs_left(small_server.settings) == []


def test_upload_at_size_limit_is_accepted(small_server: LiveServer) -> None:
    with sdk_client(small_server.base_url, API_KEY) as client:
        assert client.files.create(file=("big.jsonl", b"x" * 1000), purpose="fine-tune").bytes == 1000


def test_size_limit_message_names_megabytes(start_server: Callable[..., LiveServer]) -> None:
    server = start_server(max_upload_bytes=1024 * 1024)
    expected = error("File is too large. The maximum size of a file is 1 MB.", param="file")

    with sdk_client(server.base_url, API_KEY) as client:
        assert_bad_request(
            lambda: client.files.create(file=("big.jsonl", b"x" * (1024 * 1024 + 1)), purpose="fine-tune"), expected
        )


# --- a client that goes away mid-upload ---------------------------------------------------------


def abandon_upload(server: LiveServer, staging_dir: Path) -> None:
    """Send the headers and part of a multipart body, wait until the server stages it, then hang up."""
    head = part("purpose", b"fine-tune") + part("file", b"x" * 65536, "a.jsonl")[:-2]
    request = (
        f"POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nAuthorization: Bearer {API_KEY}\r\n"
        f"Content-Type: {MULTIPART}\r\nContent-Length: {len(head) * 10}\r\n\r\n"
    ).encode() + head
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.sendall(request)
        assert wait_until(lambda: any(staging_dir.iterdir())), "the server never started staging the upload"


def test_upload_abandoned_mid_body_leaves_nothing_stored(
    live_server: LiveServer, sdk: openai.OpenAI, staging_dir: Path
) -> None:
    abandon_upload(live_server, staging_dir)

    assert wait_until(lambda: not any(staging_dir.iterdir())), "the staged part was not removed"
    assert sdk.files.list().data == []
    assert blobs_left(live_server.settings) == []


def test_upload_abandoned_mid_body_is_not_logged_as_server_error(
    live_server: LiveServer, staging_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mockserver"):
        abandon_upload(live_server, staging_dir)
        assert wait_until(lambda: "client disconnected during POST /v1/files" in caplog.messages)

    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []


# --- query parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("limit=abc", error("Invalid type for 'limit': expected an integer, but got \"abc\" instead.",
                            param="limit", code="invalid_type")),
        ("limit=1.5", error("Invalid type for 'limit': expected an integer, but got \"1.5\" instead.",
                            param="limit", code="invalid_type")),
        ("limit=0", error("Invalid 'limit': 0. It must be between 1 and 10000.", param="limit", code="invalid_value")),
        ("limit=10001", error("Invalid 'limit': 10001. It must be between 1 and 10000.",
                              param="limit", code="invalid_value")),
        ("order=sideways", error("Invalid value for 'order': 'sideways'. Supported values are: 'asc' and 'desc'.",
                                 param="order", code="invalid_value")),
    ],
)
def test_list_with_bad_query_is_rejected(http: httpx.Client, query: str, expected: dict[str, object]) -> None:
    response = http.get(f"/v1/files?{query}")

    assert response.status_code == 400
    assert response.json() == {"error": expected}


def test_list_with_bad_limit_through_sdk_is_rejected(sdk: openai.OpenAI) -> None:
    expected = error("Invalid 'limit': 0. It must be between 1 and 10000.", param="limit", code="invalid_value")

    assert_bad_request(lambda: sdk.files.list(limit=0), expected)


def test_list_after_unknown_file_is_not_found_naming_after(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.files.list(after="file-unknown")

    assert caught.value.body == error("No such File object: file-unknown", param="after")


# --- routes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/nope"), ("POST", "/v1/nope"), ("GET", "/nope"), ("GET", "/v1/files/file-abc/nope")],
)
def test_unknown_route_is_not_found(http: httpx.Client, method: str, path: str) -> None:
    response = http.request(method, path)

    assert response.status_code == 404
    assert response.json() == envelope(f"Invalid URL ({method} {path})")


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/v1/files"), ("PATCH", "/v1/files/file-abc"), ("POST", "/v1/files/file-abc"),
     ("DELETE", "/v1/files/file-abc/content")],
)
def test_wrong_method_is_not_allowed(http: httpx.Client, method: str, path: str) -> None:
    response = http.request(method, path)

    assert response.status_code == 405
    assert response.json() == envelope(f"Invalid method for URL ({method} {path})")
