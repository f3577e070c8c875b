"""API keys: missing or wrong keys get the real 401s; the check comes before any look at the request."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import openai
import pytest

from tests.live_server import LiveServer
from tests.support import MISSING_KEY_MESSAGE, envelope, error, sdk_client

KEYS = ["sk-proj-first-key-0001", "sk-proj-second-key-0002"]


@pytest.fixture
def keyed_server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server(api_keys=KEYS)


def anonymous(server: LiveServer) -> httpx.Client:
    """A client that sends no key of its own (plain http: skip loading the CA bundle)."""
    return httpx.Client(base_url=server.base_url, verify=False)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
    ids=["absent", "empty", "scheme-only", "basic"],
)
def test_request_without_api_key_is_unauthorized(live_server: LiveServer, headers: dict[str, str]) -> None:
    with anonymous(live_server) as client:
        response = client.get("/v1/files", headers=headers)

    assert response.status_code == 401
    assert response.json() == envelope(MISSING_KEY_MESSAGE)


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/v1/files?limit=abc", {}),
        ("POST", "/v1/files", {"content": b"not multipart", "headers": {"Content-Type": "text/plain"}}),
        ("GET", "/v1/files/file-unknown", {}),
        ("POST", "/v1/uploads", {"content": b"{not json", "headers": {"Content-Type": "application/json"}}),
        ("POST", "/v1/uploads", {"json": {"filename": "a.jsonl"}}),
    ],
    ids=["bad-query", "bad-content-type", "unknown-file", "invalid-json", "missing-fields"],
)
def test_missing_api_key_is_reported_before_request_problems(
    live_server: LiveServer, method: str, path: str, kwargs: dict[str, object]
) -> None:
    with anonymous(live_server) as client:
        response = client.request(method, path, **kwargs)  # type: ignore[arg-type]

    assert response.status_code == 401
    assert response.json() == envelope(MISSING_KEY_MESSAGE)


def test_health_needs_no_api_key(live_server: LiveServer) -> None:
    with anonymous(live_server) as client:
        response = client.get("/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_wrong_api_key_is_unauthorized_with_masked_key(keyed_server: LiveServer) -> None:
    with sdk_client(keyed_server.base_url, "sk-proj-wrong-key-9999") as client:
        with pytest.raises(openai.AuthenticationError) as caught:
            client.files.list()

    assert caught.value.status_code == 401
    assert caught.value.body == error(
        "Incorrect API key provided: sk-***************9999. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
        code="invalid_api_key",
    )


def test_wrong_api_key_is_reported_before_invalid_json(keyed_server: LiveServer) -> None:
    with anonymous(keyed_server) as client:
        response = client.post(
            "/v1/uploads", content=b"{not json",
            headers={"Authorization": "Bearer sk-proj-wrong-key-9999", "Content-Type": "application/json"},
        )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"


def test_wrong_short_api_key_is_masked_entirely(keyed_server: LiveServer) -> None:
    with anonymous(keyed_server) as client:
        response = client.get("/v1/files", headers={"Authorization": "Bearer short"})

    assert response.status_code == 401
    assert response.json() == envelope(
        "Incorrect API key provided: *****. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
        code="invalid_api_key",
    )


@pytest.mark.parametrize("key", KEYS)
def test_configured_api_key_is_accepted(keyed_server: LiveServer, key: str) -> None:
    with sdk_client(keyed_server.base_url, key) as client:
        assert client.files.list().data == []


def test_any_api_key_is_accepted_when_none_configured(live_server: LiveServer) -> None:
    with sdk_client(live_server.base_url, "sk-anything-at-all") as client:
        assert client.files.list().data == []


def test_keys_see_only_their_own_files_when_configured(keyed_server: LiveServer) -> None:
    with sdk_client(keyed_server.base_url, KEYS[0]) as first, sdk_client(keyed_server.base_url, KEYS[1]) as second:
        created = first.files.create(file=("a.jsonl", b"{}\n"), purpose="fine-tune")

        assert [file.id for file in first.files.list()] == [created.id]
        assert second.files.list().data == []
