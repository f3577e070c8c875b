"""`/_mock/faults`: injected statuses, latency and dropped connections, as the official SDK sees them."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import openai
import pytest
from fastapi.testclient import TestClient

from mockserver.core.faults import OVERLOADED_MESSAGE, SERVER_ERROR_MESSAGE
from tests.conftest import START_TIME
from tests.harness_support import add_fault, control_client, journal, retrying_sdk
from tests.live_server import LiveServer
from tests.support import REQUEST_ID, envelope, error

RATE_LIMIT_MESSAGE = (
    "Rate limit reached for {subject} in organization org-mockserver on requests per min (RPM): Limit {limit}, "
    "Used {limit}, Requested 1. Please try again in {wait}. Visit https://platform.openai.com/account/rate-limits "
    "to learn more."
)
NO_RETRY = {"x-should-retry": "false"}


@pytest.fixture
def control(live_server: LiveServer) -> Iterator[httpx.Client]:
    with control_client(live_server.base_url) as client:
        yield client


def statuses(control: httpx.Client, path: str) -> list[int | None]:
    """The journal's statuses for `path`, oldest first."""
    return [entry["status"] for entry in reversed(journal(control, path=path))]


# --- the SDK's retries ------------------------------------------------------------------------------


def test_injected_429_with_retry_after_ms_is_retried_until_success(
    live_server: LiveServer, control: httpx.Client
) -> None:
    fault = add_fault(control, method="GET", path="/v1/models", status=429, times=2,
                      headers={"retry-after-ms": "10"})

    with retrying_sdk(live_server.base_url, max_retries=2) as client:
        models = client.models.list()

    assert models.data
    entries = list(reversed(journal(control, path="/v1/models")))
    assert [entry["status"] for entry in entries] == [429, 429, 200]
    assert [entry["retry_count"] for entry in entries] == [0, 1, 2]
    assert [entry["fault_id"] for entry in entries] == [fault["id"], fault["id"], None]


def test_injected_429_with_should_retry_false_raises_at_once(live_server: LiveServer, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=429, headers={"retry-after-ms": "10", **NO_RETRY})

    with retrying_sdk(live_server.base_url, max_retries=2) as client, pytest.raises(openai.RateLimitError) as caught:
        client.models.list()

    assert caught.value.status_code == 429
    assert caught.value.body == error(RATE_LIMIT_MESSAGE.format(subject="requests", limit=500, wait="10ms"),
                                      type="requests", code="rate_limit_exceeded")
    assert statuses(control, "/v1/models") == [429]


def test_injected_500_is_retried_then_succeeds(live_server: LiveServer, control: httpx.Client) -> None:
    add_fault(control, method="POST", path="/v1/files", status=500, headers={"retry-after-ms": "10"})

    with retrying_sdk(live_server.base_url, max_retries=2) as client:
        uploaded = client.files.create(file=("train.jsonl", b'{"a": 1}\n'), purpose="fine-tune")

    assert uploaded.bytes == 9
    assert statuses(control, "/v1/files") == [500, 200]


def test_dropped_connection_is_a_connection_error_after_retries(
    live_server: LiveServer, control: httpx.Client
) -> None:
    add_fault(control, path="/v1/models", drop_connection=True, times=None)

    with retrying_sdk(live_server.base_url, max_retries=1) as client, pytest.raises(openai.APIConnectionError):
        client.models.list()

    entries = list(reversed(journal(control, path="/v1/models")))
    assert [(entry["status"], entry["retry_count"]) for entry in entries] == [(None, 0), (None, 1)]


# --- bodies and headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, error("Invalid request: the request could not be processed.")),
        (401, error("Incorrect API key provided: sk-****************bdad. You can find your API key at "
                    "https://platform.openai.com/account/api-keys.", code="invalid_api_key")),
        (403, error("Country, region, or territory not supported", type="request_forbidden",
                    code="unsupported_country_region_territory")),
        (404, error("Invalid URL (GET /v1/models)")),
        (409, error("Another request is currently modifying this object. Please try again.")),
        (429, error(RATE_LIMIT_MESSAGE.format(subject="requests", limit=500, wait="1s"), type="requests",
                    code="rate_limit_exceeded")),
        (500, error(SERVER_ERROR_MESSAGE, type="server_error")),
        (502, error("Bad gateway.", type="cf_bad_gateway")),
        (503, error(OVERLOADED_MESSAGE, type="server_error")),
        (504, error("Gateway timeout.", type="cf_gateway_timeout")),
        (418, error("The request failed with status 418.")),
    ],
)
def test_injected_status_answers_with_the_real_error_body(
    http: httpx.Client, control: httpx.Client, status: int, expected: dict[str, Any]
) -> None:
    add_fault(control, path="/v1/models", status=status)

    response = http.get("/v1/models", headers={"Authorization": "Bearer sk-test-mockserver-bdad"})

    assert response.status_code == status
    assert response.json() == {"error": expected}


def test_injected_headers_and_request_id_are_sent(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=503, headers={"Retry-After": "2", "x-custom": "yes"})

    response = http.get("/v1/models")

    assert (response.headers["retry-after"], response.headers["x-custom"]) == ("2", "yes")
    assert REQUEST_ID.fullmatch(response.headers["x-request-id"])
    assert journal(control)[0]["id"] == response.headers["x-request-id"]


def test_injected_429_names_the_model_the_request_asks_for(live_server: LiveServer, control: httpx.Client) -> None:
    add_fault(control, path="/v1/chat/completions", status=429, headers=NO_RETRY)

    with retrying_sdk(live_server.base_url, max_retries=2) as client, pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])

    assert caught.value.body == error(RATE_LIMIT_MESSAGE.format(subject="gpt-4o-mini", limit=500, wait="1s"),
                                      type="requests", code="rate_limit_exceeded")


RATE_LIMIT_HEADERS = {
    "x-ratelimit-limit-requests": "500", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s",
    "x-ratelimit-limit-tokens": "200000", "x-ratelimit-remaining-tokens": "200000", "x-ratelimit-reset-tokens": "0s",
}


def ratelimit_headers(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name.startswith("x-ratelimit-")}


def test_injected_429_carries_the_rate_limit_headers(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=429)

    response = http.get("/v1/models")

    assert ratelimit_headers(response) == RATE_LIMIT_HEADERS


def test_injected_429_headers_give_way_to_the_rule_headers(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=429,
              headers={"X-RateLimit-Remaining-Tokens": "12", "retry-after-ms": "250"})

    response = http.get("/v1/models")

    assert ratelimit_headers(response) == {**RATE_LIMIT_HEADERS, "x-ratelimit-remaining-tokens": "12",
                                           "x-ratelimit-reset-requests": "250ms"}


def test_injected_429_reports_the_servers_rpm_and_tpm(
    start_server: Callable[..., LiveServer], keyed_client: Callable[[LiveServer, str], httpx.Client]
) -> None:
    server = start_server(rpm=7, tpm=1000)
    client = keyed_client(server, "sk-a")
    client.post("/_mock/faults", json={"path": "/v1/models", "status": 429}).raise_for_status()

    response = client.get("/v1/models")

    assert response.json()["error"]["message"] == RATE_LIMIT_MESSAGE.format(subject="requests", limit=7, wait="1s")
    assert ratelimit_headers(response) == {**RATE_LIMIT_HEADERS, "x-ratelimit-limit-requests": "7",
                                           "x-ratelimit-limit-tokens": "1000",
                                           "x-ratelimit-remaining-tokens": "1000"}


def test_other_injected_statuses_get_no_rate_limit_headers(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=503)

    assert ratelimit_headers(http.get("/v1/models")) == {}


def test_error_fields_override_the_canned_body(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=429,
              error={"message": "You exceeded your current quota.", "type": "insufficient_quota",
                     "code": "insufficient_quota"})

    response = http.get("/v1/models")

    assert response.json() == envelope("You exceeded your current quota.", type="insufficient_quota",
                                       code="insufficient_quota")


# --- which requests a rule answers -------------------------------------------------------------------


def test_fault_times_decrements_to_zero_then_stops(http: httpx.Client, control: httpx.Client) -> None:
    fault = add_fault(control, path="/v1/models", status=503, times=2)

    first = [http.get("/v1/models").status_code for _ in range(3)]
    listed = control.get("/_mock/faults").json()["data"]

    assert first == [503, 503, 200]
    assert listed == [{**fault, "remaining": 0, "hits": 2}]


def test_fault_with_times_null_applies_forever(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=503, times=None)

    codes = [http.get("/v1/models").status_code for _ in range(4)]

    assert codes == [503] * 4
    assert [(rule["remaining"], rule["hits"]) for rule in control.get("/_mock/faults").json()["data"]] == [(None, 4)]


def test_fault_with_probability_zero_never_fires(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=503, times=None, probability=0)

    codes = [http.get("/v1/models").status_code for _ in range(5)]

    assert codes == [200] * 5
    assert control.get("/_mock/faults").json()["data"][0]["hits"] == 0


def test_fault_probability_is_reproducible_with_a_seed(start_server: Callable[..., LiveServer]) -> None:
    def pattern(server: LiveServer) -> list[int]:
        with control_client(server.base_url) as client:
            add_fault(client, path="/v1/models", status=503, times=None, probability=0.5)
            return [client.get("/v1/models", headers={"Authorization": "Bearer sk-x"}).status_code
                    for _ in range(16)]

    first, second = pattern(start_server(seed=7)), pattern(start_server(seed=7))

    assert first == second
    assert set(first) == {200, 503}


def test_fault_with_method_ignores_other_methods(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, method="post", path="/v1/files", status=503)

    assert http.get("/v1/files").status_code == 200
    assert control.get("/_mock/faults").json()["data"][0]["method"] == "POST"


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("/v1/files/*", "/v1/files/file-abc", True),
        ("/v1/files/*", "/v1/files/file-abc/content", False),
        ("/v1/files/*", "/v1/files", False),
        ("/v1/files/**", "/v1/files/file-abc/content", True),
        ("/v1/fine_tuning/jobs/*/events", "/v1/fine_tuning/jobs/ftjob-1/events", True),
        ("/v1/models/ft:gpt-4o-mini-2024-07-18:org::abc?????", "/v1/models/ft:gpt-4o-mini-2024-07-18:org::abc12345",
         True),
    ],
)
def test_glob_path_matches_as_documented(
    http: httpx.Client, control: httpx.Client, pattern: str, path: str, matched: bool
) -> None:
    add_fault(control, path=pattern, status=503, times=None)

    response = http.get(path)

    assert (response.status_code == 503) is matched


def test_fault_path_of_many_stars_is_matched_in_linear_time(http: httpx.Client, control: httpx.Client) -> None:
    # As a regex this backtracked on every /v1 request, freezing every route (path_glob.py).
    add_fault(control, path="/v1/files/" + "*a" * 500 + "*b", status=503, times=None)
    add_fault(control, path="/v1/" + "*" * 1000 + "/content", status=502, times=None)

    statuses = [http.get(path).status_code for path in ("/v1/files/" + "a" * 2000, "/v1/files/file-x/content")]

    assert statuses == [404, 502]


def test_path_matches_a_request_whatever_its_query_string(
    live_server: LiveServer, control: httpx.Client
) -> None:
    add_fault(control, method="GET", path="/v1/fine_tuning/jobs", status=503, headers=NO_RETRY)

    with retrying_sdk(live_server.base_url, max_retries=0) as client, pytest.raises(openai.InternalServerError):
        client.fine_tuning.jobs.list(limit=2)

    [entry] = journal(control, path="/v1/fine_tuning/jobs")
    assert (entry["status"], entry["query"]) == (503, "limit=2")


def test_delay_only_fault_lets_the_real_handler_answer_late(http: httpx.Client, control: httpx.Client) -> None:
    fault = add_fault(control, path="/v1/models", delay_ms=300)

    started = time.monotonic()
    response = http.get("/v1/models")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.json()["object"] == "list"
    assert elapsed >= 0.3
    assert journal(control)[0]["fault_id"] == fault["id"]
    assert journal(control)[0]["duration_ms"] >= 300


def test_faults_do_not_apply_to_health(live_server: LiveServer, control: httpx.Client) -> None:
    add_fault(control, path="/v1/**", status=503, times=None)

    assert control.get("/health").status_code == 200
    assert control.get("/_mock/faults").status_code == 200


# --- managing rules --------------------------------------------------------------------------------


def test_create_fault_returns_the_rule_with_defaults(control: httpx.Client) -> None:
    fault = add_fault(control, path="/v1/models", status=429)

    assert fault == {
        "id": fault["id"], "object": "mock.fault", "method": None, "path": "/v1/models", "status": 429, "times": 1,
        "remaining": 1, "hits": 0, "probability": 1.0, "headers": {}, "delay_ms": 0, "drop_connection": False,
        "error": None, "created_at": START_TIME,
    }
    assert fault["id"].startswith("fault_")


def test_list_faults_shows_rules_oldest_first(control: httpx.Client) -> None:
    first = add_fault(control, path="/v1/models", status=500)
    second = add_fault(control, path="/v1/files", status=503)

    listed = control.get("/_mock/faults").json()

    assert listed == {"object": "list", "data": [first, second]}


def test_delete_fault_removes_only_that_rule(control: httpx.Client) -> None:
    first = add_fault(control, path="/v1/models", status=500)
    second = add_fault(control, path="/v1/files", status=503)

    deleted = control.delete(f"/_mock/faults/{first['id']}")

    assert deleted.json() == {"id": first["id"], "object": "mock.fault", "deleted": True}
    assert control.get("/_mock/faults").json()["data"] == [second]


def test_delete_unknown_fault_is_not_found(control: httpx.Client) -> None:
    response = control.delete("/_mock/faults/fault_nope")

    assert response.status_code == 404
    assert response.json() == envelope("No such fault: fault_nope", param="fault_id")


def test_clear_faults_removes_every_rule(http: httpx.Client, control: httpx.Client) -> None:
    add_fault(control, path="/v1/models", status=500, times=None)
    add_fault(control, path="/v1/files", status=503, times=None)

    cleared = control.delete("/_mock/faults")

    assert cleared.json() == {"object": "list", "deleted": 2}
    assert control.get("/_mock/faults").json()["data"] == []
    assert http.get("/v1/models").status_code == 200


def test_create_fault_without_an_effect_is_rejected(control: httpx.Client) -> None:
    response = control.post("/_mock/faults", json={"path": "/v1/models"})

    assert response.status_code == 400
    assert response.json() == envelope(
        "A fault needs a 'status', a 'delay_ms' above 0 or 'drop_connection': true.",
        param="status", code="missing_required_parameter",
    )


def test_create_fault_with_status_and_drop_is_rejected(control: httpx.Client) -> None:
    response = control.post("/_mock/faults", json={"path": "/v1/models", "status": 500, "drop_connection": True})

    assert response.status_code == 400
    assert response.json() == envelope(
        "A fault cannot both answer with a 'status' and drop the connection.",
        param="drop_connection", code="invalid_value",
    )


@pytest.mark.parametrize(
    ("body", "param", "code", "message"),
    [
        ({"path": "/_mock/clock", "status": 500}, "path", "invalid_value",
         "Invalid value for 'path': \"/_mock/clock\". Value error, faults apply to API paths only, which start "
         "with /v1/."),
        ({"path": "/health", "status": 500}, "path", "invalid_value",
         "Invalid value for 'path': \"/health\". Value error, faults apply to API paths only, which start with "
         "/v1/."),
        ({"path": "/v1/models", "status": 200}, "status", "invalid_value",
         "Invalid value for 'status': 200. Input should be greater than or equal to 400."),
        ({"path": "/v1/models", "status": 500, "times": 0}, "times", "invalid_value",
         "Invalid value for 'times': 0. Input should be greater than or equal to 1."),
        ({"path": "/v1/models", "status": 500, "probability": 1.5}, "probability", "invalid_value",
         "Invalid value for 'probability': 1.5. Input should be less than or equal to 1."),
        ({"path": "/v1/models", "status": 500, "headers": {"content-length": "1"}}, "headers", "invalid_value",
         "Invalid value for 'headers': {\"content-length\": \"1\"}. Value error, 'content-length' cannot be set as "
         "a response header."),
        ({"path": "/v1/fine_tuning/jobs?limit=2", "status": 500}, "path", "invalid_value",
         "Invalid value for 'path': \"/v1/fine_tuning/jobs?limit=2\". Value error, a fault matches the URL path "
         "whatever its query string, so the path takes no query: use '/v1/fine_tuning/jobs' (without '?limit=2')."),
        ({"status": 500}, "path", "missing_required_parameter", "Missing required parameter: 'path'."),
        ({"path": "/v1/models", "status": 500, "colour": "red"}, "colour", "unknown_parameter",
         "Unrecognized request argument supplied: colour"),
    ],
)
def test_create_fault_with_invalid_body_is_rejected(
    control: httpx.Client, body: dict[str, Any], param: str, code: str, message: str
) -> None:
    response = control.post("/_mock/faults", json=body)

    assert response.status_code == 400
    assert response.json() == envelope(message, param=param, code=code)
    assert control.get("/_mock/faults").json()["data"] == []


def test_drop_connection_in_process_answers_500(app_client: TestClient) -> None:
    app_client.post("/_mock/faults", json={"path": "/v1/models", "drop_connection": True})

    response = app_client.get("/v1/models")

    assert response.status_code == 500
    assert response.json() == envelope(SERVER_ERROR_MESSAGE, type="server_error")
    assert app_client.get("/_mock/requests").json()["data"][0]["status"] == 500
