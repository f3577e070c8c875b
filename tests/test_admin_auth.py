"""The control plane's credential rules (mockserver/core/admin_auth.py): pure, no server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockserver.core.admin_auth import (
    MISSING_ADMIN_KEY_MESSAGE,
    WRONG_ADMIN_KEY_MESSAGE,
    admin_key_required,
    check_admin_key,
    is_control_path,
    is_exempt,
    is_loopback,
    presented_keys,
)
from mockserver.core.errors import Authentication

KEY = "admin-key-0123456789"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.10.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("LocalHost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("10.0.0.1", False),
     ("example.com", False), ("", False)],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("host", "api_keys", "required"),
    [("127.0.0.1", [], False), ("localhost", [], False), ("127.0.0.1", ["sk-a"], True), ("0.0.0.0", [], True),
     ("::", [], True), ("0.0.0.0", ["sk-a"], True)],
)
def test_admin_key_required_beyond_loopback_or_with_api_keys(host: str, api_keys: list[str], required: bool) -> None:
    assert admin_key_required(host=host, api_keys=api_keys) is required


@pytest.mark.parametrize(("path", "control"), [("/_mock", True), ("/_mock/clock", True), ("/_mockery", False),
                                              ("/v1/_mock/x", False), ("/health", False)])
def test_is_control_path(path: str, control: bool) -> None:
    assert is_control_path(path) is control


@pytest.mark.parametrize(
    ("method", "path", "exempt"),
    [
        ("GET", "/_mock/ui/login", True), ("POST", "/_mock/ui/login", True),
        ("HEAD", "/_mock/ui/login", False), ("PUT", "/_mock/ui/login", False),
        ("GET", "/_mock/ui/login/", False), ("GET", "/_mock/ui/loginx", False),
        ("GET", "/_mock/ui/static/app.css", True), ("GET", "/_mock/ui/static/js/app.js", True),
        ("POST", "/_mock/ui/static/app.css", False), ("GET", "/_mock/ui/static", False),
        ("GET", "/_mock/ui/static/../../reset", False), ("GET", "/_mock/ui/static/./app.css", False),
        ("GET", "/_mock/ui/", False), ("GET", "/_mock/ui", False), ("GET", "/_mock/docs", False),
        ("GET", "/_mock/openapi.json", False),
    ],
)
def test_only_the_login_form_and_its_assets_are_exempt(method: str, path: str, exempt: bool) -> None:
    assert is_exempt(method, path) is exempt


def test_presented_keys_come_from_bearer_header_and_cookie() -> None:
    headers = {"authorization": "Bearer one", "x-mock-admin-key": " two "}

    assert presented_keys(headers, {"mockserver_admin": "three"}) == ["one", "two", "three"]


@pytest.mark.parametrize("authorization", ["Basic dXNlcjpwYXNz", "Bearer", "", "bearer  spaced "])
def test_only_a_bearer_authorization_is_a_presented_key(authorization: str) -> None:
    expected = ["spaced"] if authorization.startswith("bearer ") else []

    assert presented_keys({"authorization": authorization}, {}) == expected


@pytest.mark.parametrize("presented", [[KEY], ["wrong", KEY], ["sk-api-key", "wrong", KEY]])
def test_any_presented_admin_key_authorises(presented: list[str]) -> None:
    check_admin_key(presented, KEY)


@pytest.mark.parametrize(
    ("presented", "message"),
    [([], MISSING_ADMIN_KEY_MESSAGE), (["wrong"], WRONG_ADMIN_KEY_MESSAGE), ([KEY[:-1]], WRONG_ADMIN_KEY_MESSAGE),
     ([KEY + "x"], WRONG_ADMIN_KEY_MESSAGE), (["é" + KEY], WRONG_ADMIN_KEY_MESSAGE)],
)
def test_no_right_key_is_a_401_saying_how_to_pass_it(presented: list[str], message: str) -> None:
    with pytest.raises(Authentication) as refused:
        check_admin_key(presented, KEY)

    assert (refused.value.status, refused.value.code, refused.value.message) == (401, "invalid_admin_key", message)
    assert "X-Mock-Admin-Key" in message and "Authorization: Bearer" in message and "mockserver_admin" in message


def test_the_docker_image_always_guards_the_control_plane() -> None:
    """The image's CMD listens beyond loopback, so the server always has an admin key there."""
    dockerfile = (Path(__file__).resolve().parent.parent / "Dockerfile").read_text()
    [command] = [json.loads(line.removeprefix("CMD ")) for line in dockerfile.splitlines() if line.startswith("CMD ")]

    host = command[command.index("--host") + 1]

    assert admin_key_required(host=host, api_keys=[])
