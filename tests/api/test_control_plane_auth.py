"""The control plane's admin key, on a live server: every `/_mock` route in the app's route table is refused
without it or with a wrong one, and opened by each of its three forms; a loopback server without API keys stays open."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route
from starlette.websockets import WebSocketDisconnect

from mockserver.core.admin_auth import is_exempt
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.web.deps import get_context
from tests.conftest import API_KEY
from tests.live_server import LiveServer
from tests.support import all_routes

ADMIN_KEY = "configured-admin-key-0001"
PATH_PARAMETER = re.compile(r"\{[^}]+\}")


@dataclass(frozen=True)
class ControlRoute:
    method: str
    path: str
    needs_api_key: bool  # it also prices or reads the caller's objects (`Authorization` is its API key)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def dependency_calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from dependency_calls(sub)


def control_routes(app: FastAPI) -> list[ControlRoute]:
    """Every `/_mock` route the app serves, from its route table (so a new route cannot be forgotten)."""
    found = []
    for route in all_routes(app.routes):
        if not isinstance(route, Route | Mount) or not route.path.startswith("/_mock"):
            continue
        path = PATH_PARAMETER.sub("x1", route.path)
        if isinstance(route, Mount):
            found.append(ControlRoute("GET", path + "/probe", needs_api_key=False))
            continue
        needs_api_key = isinstance(route, APIRoute) and get_context in set(dependency_calls(route.dependant))
        found.extend(ControlRoute(method, path, needs_api_key) for method in sorted(route.methods or ()))
    return found


def send(client: httpx.Client, route: ControlRoute, headers: dict[str, str]) -> httpx.Response:
    body: dict[str, object] | None = {} if route.method in ("POST", "PUT", "PATCH") else None
    return client.request(route.method, route.path, json=body, headers=headers)


def expected_code(route: ControlRoute) -> str | None:
    return None if route.method == "HEAD" else "invalid_admin_key"  # a HEAD answer has no body


def code_of(response: httpx.Response) -> object:
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


@pytest.fixture
def keyed_server(start_server: Callable[..., LiveServer]) -> LiveServer:
    """API keys set, no admin key given: the server generates one in its data dir."""
    return start_server(api_keys=[API_KEY])


@pytest.fixture
def routes(keyed_server: LiveServer) -> list[ControlRoute]:
    assert keyed_server.app is not None
    found = control_routes(keyed_server.app)
    assert {"POST /_mock/reset", "GET /_mock/webhooks", "GET /_mock/openapi.json", "POST /_mock/estimate"} <= {
        str(route) for route in found}
    return found


def generated_key(server: LiveServer) -> str:
    return (server.settings.data_dir / "admin_key").read_text().strip()


def anonymous(server: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, verify=False, timeout=30)


def test_every_control_route_refuses_a_request_without_the_admin_key(
    keyed_server: LiveServer, routes: list[ControlRoute]
) -> None:
    with anonymous(keyed_server) as client:
        answers = {str(route): send(client, route, {}) for route in routes if not is_exempt(route.method, route.path)}

    assert {name: response.status_code for name, response in answers.items() if response.status_code != 401} == {}
    assert {code_of(response) for name, response in answers.items() if not name.startswith("HEAD")} == {
        "invalid_admin_key"}
    refusal = answers["POST /_mock/reset"]
    assert refusal.json()["error"]["type"] == "invalid_request_error"
    assert "X-Mock-Admin-Key" in refusal.json()["error"]["message"]
    assert refusal.headers["x-request-id"].startswith("req_")


@pytest.mark.parametrize(
    "wrong",
    [{"Authorization": "Bearer wrong-admin-key"}, {"X-Mock-Admin-Key": "wrong-admin-key"},
     {"Cookie": "mockserver_admin=wrong-admin-key"}, {"Authorization": f"Bearer {API_KEY}"}],
    ids=["bearer", "header", "cookie", "api-key"],
)
def test_every_control_route_refuses_a_wrong_admin_key(
    keyed_server: LiveServer, routes: list[ControlRoute], wrong: dict[str, str]
) -> None:
    with anonymous(keyed_server) as client:
        answers = {route: send(client, route, wrong) for route in routes if not is_exempt(route.method, route.path)}

    assert {str(route): (response.status_code, code_of(response)) for route, response in answers.items()
            if (response.status_code, code_of(response)) != (401, expected_code(route))} == {}


def right_form(form: str, key: str) -> dict[str, str]:
    return {"bearer": {"Authorization": f"Bearer {key}"},
            "header": {"X-Mock-Admin-Key": key, "Authorization": f"Bearer {API_KEY}"},
            "cookie": {"Cookie": f"other=1; mockserver_admin={key}", "Authorization": f"Bearer {API_KEY}"}}[form]


@pytest.mark.parametrize("form", ["bearer", "header", "cookie"])
def test_every_control_route_opens_with_each_form_of_the_admin_key(
    keyed_server: LiveServer, routes: list[ControlRoute], form: str
) -> None:
    headers = right_form(form, generated_key(keyed_server))
    with anonymous(keyed_server) as client:
        answers = {route: send(client, route, headers) for route in routes}

    # The login form answers 401 itself to the empty key it was posted: that is the page, not the gate.
    refused = {str(route): response.text for route, response in answers.items() if response.status_code == 401
               and not (form == "bearer" and route.needs_api_key and code_of(response) == "invalid_api_key")
               and not (route.path == "/_mock/ui/login" and "text/html" in response.headers["content-type"])}
    assert refused == {}


def test_a_route_that_also_needs_an_api_key_takes_the_admin_key_beside_it(keyed_server: LiveServer) -> None:
    """`Authorization` carries the API key there; the admin key as Bearer alone is refused as an API key."""
    key = generated_key(keyed_server)
    body = {"file_id": "file-unknown", "model": "gpt-3.5-turbo"}
    with anonymous(keyed_server) as client:
        beside = client.post("/_mock/estimate", json=body, headers=right_form("header", key))
        alone = client.post("/_mock/estimate", json=body, headers=right_form("bearer", key))

    assert beside.status_code == 404  # past both checks: the file is unknown
    assert (alone.status_code, code_of(alone)) == (401, "invalid_api_key")


def test_loopback_server_without_api_keys_keeps_the_control_plane_open(live_server: LiveServer) -> None:
    assert live_server.app is not None
    with anonymous(live_server) as client:
        refused = [str(route) for route in control_routes(live_server.app) if send(client, route, {}).status_code == 401
                   and not route.needs_api_key]

    assert refused == []
    assert not (live_server.settings.data_dir / "admin_key").exists()


def test_server_listening_beyond_loopback_needs_the_generated_key(start_server: Callable[..., LiveServer]) -> None:
    server = start_server(host="0.0.0.0")
    with anonymous(server) as client:
        without = client.get("/_mock/clock")
        with_key = client.get("/_mock/clock", headers={"X-Mock-Admin-Key": generated_key(server)})

    assert (without.status_code, with_key.status_code) == (401, 200)


def test_configured_admin_key_closes_a_loopback_server(start_server: Callable[..., LiveServer]) -> None:
    server = start_server(admin_key=ADMIN_KEY)
    with anonymous(server) as client:
        without = client.get("/_mock/requests")
        with_key = client.get("/_mock/requests", headers={"Authorization": f"Bearer {ADMIN_KEY}"})

    assert (without.status_code, with_key.status_code) == (401, 200)
    assert not (server.settings.data_dir / "admin_key").exists()


@pytest.mark.parametrize(("method", "path"), [("GET", "/_mock/ui/login"), ("POST", "/_mock/ui/login"),
                                              ("GET", "/_mock/ui/static/dashboard.css")])
def test_the_login_form_and_its_assets_need_no_key(keyed_server: LiveServer, method: str, path: str) -> None:
    with anonymous(keyed_server) as client:
        response = client.request(method, path)

    assert code_of(response) != "invalid_admin_key"  # the POST's own 401 is the form saying the key is wrong
    assert response.status_code in (200, 401) and "text/" in response.headers["content-type"], response.status_code


@pytest.mark.parametrize(("method", "path"), [("HEAD", "/_mock/ui/login"), ("GET", "/_mock/ui/"),
                                              ("GET", "/_mock/ui/static/%2e%2e/%2e%2e/reset"),
                                              ("GET", "/_mock/not-a-route")])
def test_paths_near_the_exempt_ones_need_the_key(keyed_server: LiveServer, method: str, path: str) -> None:
    with anonymous(keyed_server) as client:
        response = client.request(method, path)

    assert response.status_code == 401


def test_admin_key_is_no_api_key_unless_listed(start_server: Callable[..., LiveServer]) -> None:
    any_key = start_server(admin_key=ADMIN_KEY)
    listed = start_server(admin_key=ADMIN_KEY, api_keys=[ADMIN_KEY])
    with anonymous(any_key) as first, anonymous(listed) as second:
        refused = first.get("/v1/models", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        other_key = first.get("/v1/models", headers={"Authorization": "Bearer sk-anything"})
        accepted = second.get("/v1/models", headers={"Authorization": f"Bearer {ADMIN_KEY}"})

    assert (refused.status_code, code_of(refused)) == (401, "invalid_api_key")
    assert (other_key.status_code, accepted.status_code) == (200, 200)


def test_websocket_to_the_control_plane_without_the_key_is_closed(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, admin_key=ADMIN_KEY))
    with TestClient(app) as client, pytest.raises(WebSocketDisconnect) as closed:
        with client.websocket_connect("/_mock/ui/live"):
            pass

    assert closed.value.code == 1008
