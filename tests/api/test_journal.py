"""`/_mock/requests`: every `/v1/*` request recorded, with the response's request id and a body summary."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.conftest import START_TIME
from tests.harness_support import add_fault, control_client, journal
from tests.live_server import LiveServer
from tests.support import envelope


@pytest.fixture
def control(live_server: LiveServer) -> Iterator[httpx.Client]:
    with control_client(live_server.base_url) as client:
        yield client


def test_request_is_recorded_with_the_response_request_id(http: httpx.Client, control: httpx.Client) -> None:
    response = http.get("/v1/files", params={"limit": 2, "order": "asc"})

    [entry] = journal(control)
    assert entry == {
        "id": response.headers["x-request-id"], "object": "mock.request", "method": "GET", "path": "/v1/files",
        "query": "limit=2&order=asc", "status": 200, "body": None, "fault_id": None, "retry_count": None,
        "duration_ms": entry["duration_ms"], "created_at": START_TIME, "kind": "request",
    }
    assert entry["duration_ms"] > 0


def test_request_time_comes_from_the_injected_clock(
    http: httpx.Client, control: httpx.Client, clock: ManualClock
) -> None:
    clock.advance(3600)

    http.get("/v1/models")

    assert journal(control)[0]["created_at"] == START_TIME + 3600


def test_json_body_is_recorded_parsed(http: httpx.Client, control: httpx.Client) -> None:
    body = {"model": "gpt-3.5-turbo", "training_file": "file-nope", "metadata": {"team": "a"}}

    response = http.post("/v1/fine_tuning/jobs", json=body)

    entry = journal(control)[0]
    assert (entry["status"], entry["body"]) == (response.status_code, body)


def test_long_json_strings_are_shortened(http: httpx.Client, control: httpx.Client) -> None:
    http.post("/v1/fine_tuning/jobs", json={"model": "gpt-3.5-turbo", "training_file": "x" * 1000})

    assert journal(control)[0]["body"]["training_file"] == "x" * 256 + "…"


def test_multipart_body_is_recorded_without_file_content(sdk: openai.OpenAI, control: httpx.Client) -> None:
    content = b'{"secret": "do-not-record"}\n'

    sdk.files.create(file=("train.jsonl", content, "application/jsonl"), purpose="fine-tune")

    entry = journal(control)[0]
    assert entry["body"] == {
        "fields": {"purpose": "fine-tune"},
        "files": [{"field": "file", "filename": "train.jsonl", "content_type": "application/jsonl",
                   "bytes": len(content)}],
    }
    assert "do-not-record" not in json.dumps(entry)


def test_request_answered_by_a_fault_is_recorded_with_its_body(http: httpx.Client, control: httpx.Client) -> None:
    fault = add_fault(control, path="/v1/fine_tuning/jobs", status=503)

    http.post("/v1/fine_tuning/jobs", json={"model": "gpt-3.5-turbo", "training_file": "file-x"})

    entry = journal(control)[0]
    assert (entry["status"], entry["fault_id"]) == (503, fault["id"])
    assert entry["body"] == {"model": "gpt-3.5-turbo", "training_file": "file-x"}


def test_sdk_retry_count_header_is_recorded(sdk: openai.OpenAI, control: httpx.Client) -> None:
    sdk.models.list()

    assert journal(control)[0]["retry_count"] == 0


def test_unknown_route_is_recorded_with_its_404(http: httpx.Client, control: httpx.Client) -> None:
    http.get("/v1/nothing-here")

    assert [(entry["path"], entry["status"]) for entry in journal(control)] == [("/v1/nothing-here", 404)]


def test_streamed_response_is_recorded_and_still_complete(sdk: openai.OpenAI, control: httpx.Client) -> None:
    content = b'{"a": 1}\n' * 50_000
    file_id = sdk.files.create(file=("big.jsonl", content), purpose="fine-tune").id

    downloaded = sdk.files.content(file_id).content

    assert downloaded == content
    entry = journal(control)[0]
    assert (entry["path"], entry["status"]) == (f"/v1/files/{file_id}/content", 200)


def test_control_plane_and_health_are_not_recorded(http: httpx.Client, control: httpx.Client) -> None:
    http.get("/health")
    control.get("/_mock/clock")
    control.get("/_mock/faults")

    assert journal(control) == []


def test_list_is_newest_first_and_limited(http: httpx.Client, control: httpx.Client) -> None:
    for path in ("/v1/models", "/v1/files", "/v1/fine_tuning/jobs"):
        http.get(path)

    response = control.get("/_mock/requests", params={"limit": 2}).json()

    assert [entry["path"] for entry in response["data"]] == ["/v1/fine_tuning/jobs", "/v1/files"]
    assert response["has_more"] is True


def test_list_filters_by_method(http: httpx.Client, control: httpx.Client) -> None:
    http.get("/v1/files")
    http.post("/v1/files")

    assert [entry["method"] for entry in journal(control, method="post")] == ["POST"]


def test_list_filters_by_path_glob(http: httpx.Client, control: httpx.Client) -> None:
    for path in ("/v1/models", "/v1/files/file-a", "/v1/files/file-b", "/v1/files/file-b/content"):
        http.get(path)

    paths = [entry["path"] for entry in journal(control, path="/v1/files/*")]

    assert paths == ["/v1/files/file-b", "/v1/files/file-a"]


def test_path_glob_of_many_stars_is_matched_in_linear_time(http: httpx.Client, control: httpx.Client) -> None:
    # As a regex this backtracked for minutes on the event loop, freezing every route (path_glob.py).
    http.get("/v1/files/" + "a" * 2000)
    http.get("/v1/models")

    matched = journal(control, path="/v1/" + "*" * 1000)
    unmatched = journal(control, path="/v1/files/" + "*a" * 500 + "*b")

    assert ([entry["path"] for entry in matched], unmatched) == (["/v1/models", "/v1/files/" + "a" * 2000], [])
    assert http.get("/health").status_code == 200


def test_clear_empties_the_journal(http: httpx.Client, control: httpx.Client) -> None:
    http.get("/v1/models")
    http.get("/v1/files")

    cleared = control.delete("/_mock/requests")

    assert cleared.json() == {"object": "list", "deleted": 2}
    assert journal(control) == []


@pytest.mark.parametrize("limit", [0, 10_001])
def test_list_with_limit_out_of_range_is_rejected(control: httpx.Client, limit: int) -> None:
    response = control.get("/_mock/requests", params={"limit": limit})

    assert response.status_code == 400
    bound = "greater than or equal to 1" if limit == 0 else "less than or equal to 10000"
    assert response.json() == envelope(f"Invalid value for 'limit': \"{limit}\". Input should be {bound}.",
                                       param="limit", code="invalid_value")
