"""The Admin costs and usage endpoints' 400s: each bad parameter named, in the OpenAI envelope."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from tests.conftest import START_TIME
from tests.support import MISSING_KEY_MESSAGE, envelope

COSTS = "/v1/organization/costs"
COMPLETIONS = "/v1/organization/usage/completions"


def get(http: httpx.Client, path: str, **params: Any) -> httpx.Response:
    return http.get(path, params={"start_time": START_TIME, **params})


@pytest.mark.parametrize(("path", "limit", "maximum", "width"), [
    (COSTS, 181, 180, "1d"), (COSTS, 0, 180, "1d"), (COMPLETIONS, 32, 31, "1d"),
])
def test_limit_out_of_range_is_400(http: httpx.Client, path: str, limit: int, maximum: int, width: str) -> None:
    response = get(http, path, limit=limit)

    assert (response.status_code, response.json()) == (400, envelope(
        f"Invalid value for 'limit': {limit}. It must be between 1 and {maximum} for bucket_width '{width}'.",
        param="limit", code="invalid_value"))


def test_hourly_limit_allows_168(http: httpx.Client) -> None:
    response = get(http, COMPLETIONS, bucket_width="1h", limit=168)

    assert (response.status_code, len(response.json()["data"])) == (200, 1)


def test_costs_bucket_width_other_than_1d_is_400(http: httpx.Client) -> None:
    response = get(http, COSTS, bucket_width="1h")

    assert (response.status_code, response.json()) == (400, envelope(
        "Invalid value for 'bucket_width': '1h'. Supported values are: '1d'.", param="bucket_width",
        code="invalid_value"))


def test_costs_unknown_group_by_is_400(http: httpx.Client) -> None:
    response = get(http, COSTS, **{"group_by[]": "model"})

    assert (response.status_code, response.json()) == (400, envelope(
        "Invalid value for 'group_by': 'model'. Supported values are: project_id, user_id, line_item, "
        "api_key_id, api_source.", param="group_by", code="invalid_value"))


def test_end_time_not_after_start_time_is_400(http: httpx.Client) -> None:
    response = get(http, COSTS, end_time=START_TIME)

    assert (response.status_code, response.json()) == (400, envelope(
        "Invalid value for 'end_time': it must be later than 'start_time'.", param="end_time", code="invalid_value"))


def test_unknown_page_cursor_is_400(http: httpx.Client) -> None:
    response = get(http, COSTS, page="page_nonsense")

    assert (response.status_code, response.json()) == (400, envelope(
        "Invalid value for 'page': 'page_nonsense'. Pass the `next_page` of the previous response with the same "
        "query.", param="page", code="invalid_value"))


def test_missing_start_time_is_400(http: httpx.Client) -> None:
    response = http.get(COSTS)

    assert (response.status_code, response.json()) == (400, envelope(
        "Missing required parameter: 'start_time'.", param="start_time", code="missing_required_parameter"))


def test_group_by_as_repeated_keys_is_accepted(http: httpx.Client) -> None:
    response = http.get(COSTS, params=[("start_time", START_TIME), ("group_by", "line_item")])

    assert (response.status_code, response.json()["data"][0]["results"]) == (200, [])


@pytest.mark.parametrize("path", [COSTS, COMPLETIONS])
def test_report_without_api_key_is_401(http: httpx.Client, path: str) -> None:
    response = httpx.get(f"{http.base_url}{path}", params={"start_time": START_TIME})

    assert (response.status_code, response.json()) == (401, envelope(MISSING_KEY_MESSAGE))


@pytest.mark.parametrize(("path", "name", "value"), [
    (COSTS, "start_time", 2**70), (COSTS, "end_time", 2**70), (COMPLETIONS, "start_time", 2**63),
    (COMPLETIONS, "end_time", 2**64), (COSTS, "start_time", -1),
])
def test_time_beyond_unix_range_is_400(http: httpx.Client, path: str, name: str, value: int) -> None:
    # Beyond 64 bits SQLite cannot bind it: it was a 500.
    response = http.get(path, params={"start_time": START_TIME, name: value})

    assert (response.status_code, response.json()) == (400, envelope(
        f"Invalid value for '{name}': {value}. It must be a Unix time in seconds between 0 and 253402300799.",
        param=name, code="invalid_value"))


def test_page_cursor_beyond_unix_range_is_400(http: httpx.Client) -> None:
    page = "page_" + base64.urlsafe_b64encode(str(86_400 * 2**60).encode()).decode()  # a whole number of days

    response = get(http, COSTS, start_time=0, page=page)

    assert (response.status_code, response.json()["error"]["param"]) == (400, "page")
