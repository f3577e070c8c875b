"""`--rpm`: a sliding minute of requests per API key on the server's clock, answered with the real 429."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from mockserver.core.clock import ManualClock
from tests.live_server import LiveServer
from tests.support import envelope

LIMITED_MESSAGE = (
    "Rate limit reached for requests in organization org-mockserver on requests per min (RPM): Limit 2, Used 2, "
    "Requested 1. Please try again in {wait}. Visit https://platform.openai.com/account/rate-limits to learn more."
)


def rate_headers(response: httpx.Response) -> tuple[str, str, str]:
    return (response.headers["x-ratelimit-limit-requests"], response.headers["x-ratelimit-remaining-requests"],
            response.headers["x-ratelimit-reset-requests"])


@pytest.fixture
def limited(
    start_server: Callable[..., LiveServer], keyed_client: Callable[[LiveServer, str], httpx.Client]
) -> Callable[[str], httpx.Client]:
    """Clients (one per API key) of a server started with rpm=2."""
    server = start_server(rpm=2)
    return lambda key: keyed_client(server, key)


def test_allowed_requests_carry_the_rate_limit_headers(limited: Callable[[str], httpx.Client]) -> None:
    client = limited("sk-first")

    first, second = client.get("/v1/models"), client.get("/v1/files")

    assert (first.status_code, second.status_code) == (200, 200)
    assert rate_headers(first) == ("2", "1", "1m0s")
    assert rate_headers(second) == ("2", "0", "1m0s")


def test_request_over_the_limit_gets_the_real_429(limited: Callable[[str], httpx.Client], clock: ManualClock) -> None:
    client = limited("sk-first")
    client.get("/v1/models")
    clock.advance(15)
    client.get("/v1/models")

    response = client.get("/v1/models")

    assert response.status_code == 429
    assert response.json() == envelope(LIMITED_MESSAGE.format(wait="45s"), type="requests",
                                       code="rate_limit_exceeded")
    assert rate_headers(response) == ("2", "0", "45s")
    assert (response.headers["x-ratelimit-limit-tokens"], response.headers["x-ratelimit-remaining-tokens"],
            response.headers["x-ratelimit-reset-tokens"]) == ("200000", "200000", "0s")  # as an injected 429


def test_request_over_the_limit_names_the_body_model(limited: Callable[[str], httpx.Client]) -> None:
    client = limited("sk-first")
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}
    for _ in range(2):
        client.post("/v1/chat/completions", json=body)

    response = client.post("/v1/chat/completions", json=body)

    assert response.status_code == 429
    assert response.json()["error"]["message"].startswith(
        "Rate limit reached for gpt-4o-mini in organization org-mockserver on requests per min (RPM): Limit 2, "
        "Used 2, Requested 1.")


def test_window_slides_with_the_clock(limited: Callable[[str], httpx.Client], clock: ManualClock) -> None:
    client = limited("sk-first")
    client.get("/v1/models")
    clock.advance(30)
    client.get("/v1/models")
    clock.advance(30)

    response = client.get("/v1/models")

    assert response.status_code == 200
    assert rate_headers(response) == ("2", "0", "30s")


def test_each_api_key_has_its_own_window(limited: Callable[[str], httpx.Client]) -> None:
    first = limited("sk-first")
    for _ in range(2):
        first.get("/v1/models")

    response = limited("sk-second").get("/v1/models")

    assert response.status_code == 200
    assert first.get("/v1/models").status_code == 429


def test_rejected_requests_do_not_use_up_the_window(
    limited: Callable[[str], httpx.Client], clock: ManualClock
) -> None:
    client = limited("sk-first")
    for _ in range(5):
        client.get("/v1/models")
    clock.advance(60)

    assert [client.get("/v1/models").status_code for _ in range(3)] == [200, 200, 429]


def test_without_rpm_there_are_no_rate_limit_headers(http: httpx.Client) -> None:
    response = http.get("/v1/models")

    assert "x-ratelimit-limit-requests" not in response.headers
