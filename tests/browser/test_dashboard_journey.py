"""A person's journey through the dashboard in a real browser: upload → job → clock → curve → cost → playground."""

from __future__ import annotations

import base64
import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from mockserver.dashboard.access import DEFAULT_DASHBOARD_KEY
from tests.browser.conftest import Page
from tests.live_server import LiveServer

TRAINING = Path(__file__).resolve().parents[2] / "fixtures" / "training" / "valid" / "sarcastic_assistant.jsonl"
SYSTEM = "Marv is a factual chatbot that is also sarcastic."


def api(live_server: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=live_server.base_url, headers={"Authorization": f"Bearer {DEFAULT_DASHBOARD_KEY}"})


def csv_rows(client: httpx.Client, file_id: str) -> int:
    text = base64.b64decode(client.get(f"/v1/files/{file_id}/content").content).decode()
    return len(list(csv.DictReader(io.StringIO(text))))


def test_upload_train_advance_chart_cost_and_chat(live_server: LiveServer, tab: Page) -> None:
    page: Any = tab.page
    page.goto(live_server.base_url + "/")  # a browser's Accept prefers HTML: the dashboard
    assert page.url.endswith("/_mock/ui/")
    tab.shot("1-jobs-empty")

    page.click("nav >> text=Files")
    page.set_input_files("input[name=file]", str(TRAINING))
    page.click("form[data-form=upload] button[type=submit]")
    page.wait_for_url("**/_mock/ui/files/file-*")
    assert page.inner_text("#verdict") == "valid"
    tab.shot("2-file-report")

    page.fill("form[data-form=create-job] input[name=suffix]", "marv")
    page.click("form[data-form=create-job] button[type=submit]")
    page.wait_for_url("**/_mock/ui/jobs/ftjob-*")
    job_id = page.url.rsplit("/", 1)[1]
    assert page.inner_text("#job-status") == "validating_files"
    with api(live_server) as client:  # the clock moved by someone else: the page follows it by itself
        client.post("/_mock/clock/advance", json={"seconds": 20})
    page.wait_for_function("document.getElementById('job-status').textContent !== 'validating_files'")

    page.click("button[data-action=advance][data-seconds='3600']")  # the header's clock control
    page.wait_for_selector("#job-status.succeeded")
    with api(live_server) as client:
        job = client.get(f"/v1/fine_tuning/jobs/{job_id}").json()
        steps = csv_rows(client, job["result_files"][0])
    loss = page.locator("polyline[data-series='training loss']")
    assert int(loss.get_attribute("data-points")) == steps > 0
    assert "step_metrics.csv" in page.inner_text("#curve-source")
    charged = page.inner_text("#cost-charged")
    tab.shot("3-job-succeeded")

    page.click("nav >> text=Costs")
    total = page.locator("#cost-total")
    with api(live_server) as client:
        costs = client.get("/v1/organization/costs", params={"start_time": total.get_attribute("data-start-time"),
                                                             "limit": 7}).json()
    reported = sum(Decimal(str(r["amount"]["value"])) for bucket in costs["data"] for r in bucket["results"])
    assert Decimal(total.get_attribute("data-amount")) == reported > 0
    assert charged == total.inner_text()  # the only charge so far is this job's training
    tab.shot("4-costs")

    page.goto(f"{live_server.base_url}/_mock/ui/jobs/{job_id}")
    page.click("text=Open in playground")
    page.fill("textarea[name=system]", SYSTEM)
    page.fill("textarea[name=user]", "What's the capital of France?")
    page.click("form[data-form=chat] button[type=submit]")
    page.wait_for_selector("#explain[data-source=training]")
    assert page.inner_text("#ft-answer") == "Paris, as if everyone doesn't know that already."
    assert "training example #1" in page.inner_text("#explain")
    assert page.inner_text("#base-answer") not in ("", "—")
    tab.shot("5-playground")
