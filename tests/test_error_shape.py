"""The error contract: whatever fails — our own checks, FastAPI's validation, Starlette's routing, auth,
or a crash — the body is exactly `{"error": {message, type, param, code}}`, JSON, with a request id.

Every case runs twice: in process (TestClient) and against a live uvicorn server.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import openai
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from tests.conftest import API_KEY, START_TIME
from tests.live_server import LiveServer
from tests.support import MISSING_KEY_MESSAGE, REQUEST_ID, error

JSON_PARSE_MESSAGE = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
    "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. "
    "If you have trouble figuring out how to fix this, please contact us through our help center at "
    "help.openai.com.)"
)
UPLOAD = {"filename": "a.jsonl", "purpose": "fine-tune", "bytes": 3, "mime_type": "application/jsonl"}
AUTH = {"Authorization": f"Bearer {API_KEY}"}


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    status: int
    error: dict[str, Any]
    request: dict[str, Any]


CASES = {
    # our OpenAIError hierarchy
    "openai-error-not-found": Case("GET", "/v1/files/file-nope", 404,
                                   error("No such File object: file-nope", param="id"), {}),
    "openai-error-multipart": Case("POST", "/v1/files", 400, error(
        "Invalid Content-Type header: expected multipart/form-data with a boundary.",
        param="Content-Type", code="invalid_content_type"),
        {"content": b"x", "headers": {"Content-Type": "text/plain"}}),
    # FastAPI RequestValidationError: query
    "validation-query": Case("GET", "/v1/files?limit=abc", 400, error(
        "Invalid type for 'limit': expected an integer, but got \"abc\" instead.", param="limit", code="invalid_type"),
        {}),
    # FastAPI RequestValidationError: JSON body
    "validation-invalid-json": Case("POST", "/v1/uploads", 400, error(JSON_PARSE_MESSAGE),
                                    {"content": b'{"filename": ', "headers": {"Content-Type": "application/json"}}),
    "validation-body-not-json": Case("POST", "/v1/uploads", 400, error(JSON_PARSE_MESSAGE),
                                     {"content": b"filename=a.jsonl",
                                      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
    "validation-missing-body": Case("POST", "/v1/uploads", 400, error(
        "Missing request body: a JSON object is required.", code="missing_required_parameter"), {}),
    "validation-body-not-object": Case("POST", "/v1/uploads", 400, error(
        "Invalid type for the request body: expected an object, but got [] instead.", code="invalid_type"),
        {"json": []}),
    "validation-missing-field": Case("POST", "/v1/uploads", 400, error(
        "Missing required parameter: 'purpose'.", param="purpose", code="missing_required_parameter"),
        {"json": {key: value for key, value in UPLOAD.items() if key != "purpose"}}),
    "validation-extra-field": Case("POST", "/v1/uploads", 400, error(
        "Unrecognized request argument supplied: colour", param="colour", code="unknown_parameter"),
        {"json": {**UPLOAD, "colour": "red"}}),
    "validation-wrong-type": Case("POST", "/v1/uploads", 400, error(
        "Invalid type for 'bytes': expected an integer, but got \"many\" instead.", param="bytes",
        code="invalid_type"), {"json": {**UPLOAD, "bytes": "many"}}),
    "validation-nested-field": Case("POST", "/v1/uploads/upload_x/complete", 400, error(
        "Invalid type for 'part_ids': expected an array, but got \"abc\" instead.", param="part_ids",
        code="invalid_type"), {"json": {"part_ids": "abc"}}),
    # Starlette routing
    "starlette-404": Case("GET", "/v1/nope", 404, error("Invalid URL (GET /v1/nope)"), {}),
    "starlette-405": Case("PUT", "/v1/files", 405, error("Invalid method for URL (PUT /v1/files)"), {}),
    # auth
    "auth-401": Case("GET", "/v1/files", 401, error(MISSING_KEY_MESSAGE), {"headers": {"Authorization": ""}}),
    # an unexpected exception
    "unhandled-500": Case("GET", "/v1/_crash", 500, error(
        "The server had an error while processing your request. Sorry about that!", type="server_error"), {}),
}


def add_crashing_route(app: FastAPI) -> None:
    def crash() -> None:
        raise RuntimeError("an unexpected bug")

    app.add_api_route("/v1/_crash", crash, methods=["GET"])


@pytest.fixture(scope="module", params=["in-process", "live"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An authenticated client on an app that also has a route that crashes. Shared by the module's
    tests: they only read, so one server per variant keeps the table cheap."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("error-shape"), seed=1234)
    clock = ManualClock(START_TIME)
    if request.param == "in-process":
        app = create_app(settings, clock=clock)
        add_crashing_route(app)
        with TestClient(app, raise_server_exceptions=False, headers=AUTH) as test_client:
            yield test_client
        return
    server = LiveServer(settings=settings, clock=clock).start()
    assert server.app is not None
    add_crashing_route(server.app)
    try:
        with httpx.Client(base_url=server.base_url, headers=AUTH, verify=False) as live_client:
            yield live_client
    finally:
        server.stop(wait=False)


def send(client: httpx.Client, case: Case) -> httpx.Response:
    return client.request(case.method, case.path, **case.request)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_error_has_status_and_exact_envelope(client: httpx.Client, case: Case) -> None:
    response = send(client, case)

    assert response.status_code == case.status
    assert response.json() == {"error": case.error}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_error_envelope_has_only_the_four_typed_fields(client: httpx.Client, case: Case) -> None:
    body = send(client, case).json()

    assert list(body) == ["error"]
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["type"], str)
    assert body["error"]["param"] is None or isinstance(body["error"]["param"], str)
    assert body["error"]["code"] is None or isinstance(body["error"]["code"], str)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_error_is_json(client: httpx.Client, case: Case) -> None:
    assert send(client, case).headers["content-type"] == "application/json"


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_error_carries_request_id(client: httpx.Client, case: Case) -> None:
    assert REQUEST_ID.fullmatch(send(client, case).headers["x-request-id"])


def test_success_carries_request_id(client: httpx.Client) -> None:
    response = client.get("/v1/files")

    assert response.status_code == 200
    assert REQUEST_ID.fullmatch(response.headers["x-request-id"])


def test_request_ids_are_unique(client: httpx.Client) -> None:
    ids = {client.get("/v1/nope").headers["x-request-id"] for _ in range(5)}

    assert len(ids) == 5


# --- what the SDK makes of it -------------------------------------------------------------------


def test_sdk_error_exposes_request_id_status_type_code_and_param(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.files.list(limit=0)

    exc = caught.value
    assert REQUEST_ID.fullmatch(exc.request_id or "")
    assert exc.request_id == exc.response.headers["x-request-id"]
    assert (exc.status_code, exc.type, exc.code, exc.param) == (400, "invalid_request_error", "invalid_value", "limit")
    assert exc.message == "Error code: 400 - Invalid 'limit': 0. It must be between 1 and 10000."


def test_sdk_not_found_error_has_null_code(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.files.retrieve("file-nope")

    assert (caught.value.status_code, caught.value.type, caught.value.code, caught.value.param) == (
        404, "invalid_request_error", None, "id"
    )


def test_sdk_success_exposes_request_id(sdk: openai.OpenAI) -> None:
    page = sdk.files.list()

    assert REQUEST_ID.fullmatch(page._request_id or "")
