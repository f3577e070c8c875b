"""With an admin key in force, the dashboard's pages (and the API key they carry) need it; the login form and
the static assets do not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.dashboard.access import DEFAULT_DASHBOARD_KEY, dashboard_api_key
from mockserver.server.app import create_app

ADMIN = "adm-secret-key"
PAGES = ["/_mock/ui/", "/_mock/ui/files", "/_mock/ui/playground", "/_mock/ui/costs", "/_mock/ui/requests"]


@pytest.fixture
def guarded(tmp_path: Path, clock: ManualClock) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", seed=1, admin_key=ADMIN, api_keys=["sk-first", "sk-second"])
    with TestClient(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        client.headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"  # as a browser asks
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_without_the_key_a_page_sends_to_the_login_and_shows_nothing(guarded: TestClient, path: str) -> None:
    response = guarded.get(path, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/_mock/ui/login"
    assert "sk-first" not in response.text


@pytest.mark.parametrize("credential", [
    {"headers": {"Authorization": f"Bearer {ADMIN}"}}, {"headers": {"X-Mock-Admin-Key": ADMIN}},
    {"cookies": {"mockserver_admin": ADMIN}},
])
def test_each_form_of_the_key_opens_the_pages(guarded: TestClient, credential: dict[str, dict[str, str]]) -> None:
    guarded.cookies.update(credential.get("cookies", {}))
    for path in PAGES:
        response = guarded.get(path, headers=credential.get("headers"), follow_redirects=False)

        assert response.status_code == 200, path
        assert '<meta name="mockserver-api-key" content="sk-first">' in response.text


@pytest.mark.parametrize("credential", [{"Authorization": "Bearer sk-first"}, {"X-Mock-Admin-Key": "nope"}])
def test_a_wrong_key_or_an_api_key_does_not(guarded: TestClient, credential: dict[str, str]) -> None:
    assert guarded.get("/_mock/ui/", headers=credential, follow_redirects=False).status_code == 303


def test_a_client_that_does_not_ask_for_html_gets_the_401_envelope(guarded: TestClient) -> None:
    response = guarded.get("/_mock/ui/", headers={"Accept": "application/json"}, follow_redirects=False)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_admin_key"


def test_the_generated_admin_key_guards_the_pages_and_the_login(tmp_path: Path, clock: ManualClock) -> None:
    """No --admin-key, but an API key is set: the key generated in the data dir is the one in force."""
    settings = Settings(data_dir=tmp_path / "data", seed=1, api_keys=["sk-first"])
    with TestClient(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        client.headers["Accept"] = "text/html"
        generated = (settings.data_dir / "admin_key").read_text().strip()

        assert client.get("/_mock/ui/", follow_redirects=False).headers["location"] == "/_mock/ui/login"
        assert client.post("/_mock/ui/login", data={"key": "wrong-key-1"}, follow_redirects=False).status_code == 401
        assert client.post("/_mock/ui/login", data={"key": generated}, follow_redirects=False).status_code == 303
        assert client.get("/_mock/ui/", follow_redirects=False).status_code == 200


def test_login_with_the_key_sets_a_strict_http_only_cookie(guarded: TestClient) -> None:
    assert guarded.get("/_mock/ui/login").status_code == 200

    response = guarded.post("/_mock/ui/login", data={"key": ADMIN}, follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/_mock/ui/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"mockserver_admin={ADMIN};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/_mock" in cookie
    assert guarded.get("/_mock/ui/", follow_redirects=False).status_code == 200  # the client kept the cookie


def test_login_with_a_wrong_key_says_so_and_sets_nothing(guarded: TestClient) -> None:
    response = guarded.post("/_mock/ui/login", data={"key": "guess"}, follow_redirects=False)

    assert response.status_code == 401
    assert "not the admin key" in response.text
    assert "set-cookie" not in response.headers


def test_static_assets_need_no_key(guarded: TestClient) -> None:
    for path in ("/_mock/ui/static/dashboard.css", "/_mock/ui/static/dashboard.js",
                 "/_mock/ui/static/swagger/swagger-ui-bundle.js"):
        assert guarded.get(path).status_code == 200, path


def test_without_an_admin_key_the_login_page_leads_home(ui: TestClient) -> None:
    response = ui.get("/_mock/ui/login", follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/_mock/ui/"
    assert ui.get("/_mock/ui/").status_code == 200


def test_the_dashboard_acts_as_the_first_api_key_or_the_readmes() -> None:
    assert dashboard_api_key(["sk-a", "sk-b"]) == "sk-a"
    assert dashboard_api_key([]) == DEFAULT_DASHBOARD_KEY == "sk-local"
