"""`/`, `/docs`, `/openapi.json`: browsers are sent to the dashboard and docs; JSON clients get the real 404.
`/_mock/docs` needs nothing from the network."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from mockserver.dashboard.negotiation import prefers_html

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize(("path", "target"), [("/", "/_mock/ui/"), ("/docs", "/_mock/docs"),
                                              ("/openapi.json", "/_mock/openapi.json")])
def test_a_browser_is_sent_to_the_page(ui: TestClient, path: str, target: str) -> None:
    response = ui.get(path, headers={"Accept": BROWSER}, follow_redirects=False)

    assert response.status_code == 307
    assert response.headers["location"] == target


@pytest.mark.parametrize("path", ["/", "/docs", "/openapi.json"])
@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/json, text/html;q=0.5"])
def test_a_json_client_gets_the_real_apis_404(ui: TestClient, path: str, accept: str | None) -> None:
    headers = {"Accept": accept} if accept is not None else {}

    response = ui.get(path, headers=headers, follow_redirects=False)

    assert response.status_code == 404
    assert response.json() == {"error": {"message": f"Invalid URL (GET {path})", "type": "invalid_request_error",
                                         "param": None, "code": None}}


@pytest.mark.parametrize(("accept", "expected"), [
    (BROWSER, True), ("text/html", True), ("*/*", False), ("", False), ("application/json", False),
    ("text/html;q=0, */*", False), ("text/*;q=0.9, application/json;q=0.5", True), ("text/html;q=bad", False),
])
def test_prefers_html(accept: str, expected: bool) -> None:
    assert prefers_html(accept) is expected


def test_swagger_ui_loads_only_local_assets(ui: TestClient) -> None:
    page = ui.get("/_mock/docs")

    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", page.text) + re.findall(r"url: '([^']+)'", page.text)
    assert page.status_code == 200
    assert not [url for url in assets if not url.startswith("/")]
    assert "https://" not in page.text and "http://" not in page.text
    for url in assets:
        assert ui.get(url).status_code == 200, url
