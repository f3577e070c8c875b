"""The dashboard's pages show what the API says, as the dashboard's key."""

from __future__ import annotations

import base64
import re
from decimal import Decimal

from fastapi.testclient import TestClient

from tests.conftest import START_TIME
from tests.dashboard.conftest import AS_DASHBOARD, create_job, upload

INVALID = b'{"messages": [{"role": "user", "content": "hi"}]}\nnot json\n'


def points(html: str, series: str) -> int:
    found = re.search(rf'data-series="{series}" data-points="(\d+)"', html)
    return int(found.group(1)) if found else 0


def test_jobs_page_lists_the_job_with_its_estimate(ui: TestClient) -> None:
    job_id = create_job(ui, upload(ui))

    page = ui.get("/_mock/ui/").text

    assert f'href="/_mock/ui/jobs/{job_id}"' in page
    assert '<span class="status validating_files">validating_files</span>' in page
    assert "est. $0.01" in page


def test_job_page_draws_the_curve_from_step_metrics_csv_once_succeeded(ui: TestClient) -> None:
    job_id = create_job(ui, upload(ui))
    ui.post("/_mock/clock/advance", json={"seconds": 3600})
    job = ui.get(f"/v1/fine_tuning/jobs/{job_id}", headers=AS_DASHBOARD).json()
    csv_text = base64.b64decode(ui.get(f"/v1/files/{job['result_files'][0]}/content", headers=AS_DASHBOARD).content)

    page = ui.get(f"/_mock/ui/jobs/{job_id}").text

    rows = len(csv_text.decode().strip().splitlines()) - 1
    assert points(page, "training loss") == points(page, "training accuracy") == rows > 0
    assert "from step_metrics.csv" in page
    assert job["fine_tuned_model"] in page


def test_job_page_draws_the_steps_done_so_far_while_running(ui: TestClient) -> None:
    job_id = create_job(ui, upload(ui))
    ui.post("/_mock/clock/advance", json={"seconds": 30})
    steps = re.search(r'id="steps">(\d+) / (\d+)<', ui.get(f"/_mock/ui/jobs/{job_id}").text)
    assert steps is not None
    done, total = int(steps.group(1)), int(steps.group(2))

    page = ui.get(f"/_mock/ui/jobs/{job_id}").text

    assert 0 < done < total
    assert points(page, "training loss") == done
    assert "from events" in page


def test_job_page_shows_the_charge_the_costs_report_has(ui: TestClient) -> None:
    job_id = create_job(ui, upload(ui))
    ui.post("/_mock/clock/advance", json={"seconds": 3600})

    page = ui.get(f"/_mock/ui/jobs/{job_id}").text
    costs = ui.get("/v1/organization/costs", headers=AS_DASHBOARD, params={"start_time": START_TIME}).json()

    charged = sum(Decimal(str(r["amount"]["value"])) for b in costs["data"] for r in b["results"])
    shown = re.search(r'id="cost-charged">\$([\d.]+)<', page)
    assert shown is not None and Decimal(shown.group(1)) == round(charged, 2) > 0


def test_costs_page_total_is_the_organization_costs_total(ui: TestClient) -> None:
    create_job(ui, upload(ui))
    ui.post("/_mock/clock/advance", json={"seconds": 3600})
    ui.post("/v1/chat/completions", headers=AS_DASHBOARD,
            json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]})

    page = ui.get("/_mock/ui/costs").text

    found = re.search(r'data-start-time="(\d+)" data-amount="([\d.]+)"', page)
    assert found is not None
    costs = ui.get("/v1/organization/costs", headers=AS_DASHBOARD,
                   params={"start_time": found.group(1), "limit": 7}).json()
    assert Decimal(found.group(2)) == sum(Decimal(str(r["amount"]["value"])) for b in costs["data"]
                                          for r in b["results"])
    assert "gpt-4o-mini-2024-07-18, input" in page  # a line item of the chart and table
    assert '<td class="num">1</td>' in page  # one request in the usage table


def test_file_page_shows_the_validate_report_with_line_links(ui: TestClient) -> None:
    file_id = upload(ui, INVALID)

    page = ui.get(f"/_mock/ui/files/{file_id}").text

    assert 'id="verdict">invalid<' in page
    assert f'href="/_mock/ui/files/{file_id}/lines?line=2#L2"' in page
    assert "Lines / examples" in page and "Estimated cost" in page
    lines = ui.get(f"/_mock/ui/files/{file_id}/lines", params={"line": 2}).text
    assert '<li id="L2" class="target"><code>not json</code></li>' in lines


def test_file_page_refuses_a_bad_epoch_count_naming_it(ui: TestClient) -> None:
    file_id = upload(ui)

    response = ui.get(f"/_mock/ui/files/{file_id}", params={"n_epochs": "many"})

    assert response.status_code == 400
    assert response.json()["error"]["param"] == "n_epochs"


def test_an_unknown_job_is_the_apis_404(ui: TestClient) -> None:
    response = ui.get("/_mock/ui/jobs/ftjob-nope")

    assert response.status_code == 404
    assert response.json()["error"]["message"].startswith("No such")


def test_requests_page_filters_the_journal(ui: TestClient) -> None:
    upload(ui)
    ui.get("/v1/models", headers=AS_DASHBOARD)

    page = ui.get("/_mock/ui/requests", params={"method": "POST", "path": "/v1/files"}).text

    assert "/v1/files" in page and "/v1/models" not in page


def test_playground_offers_the_fine_tuned_models_with_their_base(ui: TestClient) -> None:
    job_id = create_job(ui, upload(ui))
    ui.post("/_mock/clock/advance", json={"seconds": 3600})
    model = ui.get(f"/v1/fine_tuning/jobs/{job_id}", headers=AS_DASHBOARD).json()["fine_tuned_model"]

    page = ui.get("/_mock/ui/playground").text

    assert f'<option value="{model}" data-base="gpt-4o-mini-2024-07-18"' in page
