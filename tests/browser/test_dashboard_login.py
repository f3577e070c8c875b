"""With an admin key, a browser is asked for it once, then keeps it in a strict, HTTP-only cookie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mockserver.core.config import Settings
from tests.browser.conftest import Page
from tests.live_server import LiveServer

ADMIN = "adm-browser-key"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", seed=1234, admin_key=ADMIN)


def test_the_login_form_opens_the_dashboard(live_server: LiveServer, tab: Page) -> None:
    page: Any = tab.page
    page.goto(live_server.base_url + "/")
    assert page.url.endswith("/_mock/ui/login")
    page.fill("input[name=key]", "wrong")
    page.click("button[type=submit]")
    assert "not the admin key" in page.inner_text("form")
    tab.shot("1-wrong-key")

    page.fill("input[name=key]", ADMIN)
    page.click("button[type=submit]")

    page.wait_for_url("**/_mock/ui/")
    assert page.inner_text("h1") == "Fine-tuning jobs"
    [cookie] = tab.context.cookies()
    assert (cookie["name"], cookie["value"], cookie["path"]) == ("mockserver_admin", ADMIN, "/_mock")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
