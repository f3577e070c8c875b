"""`--tpm`: a sliding minute of inference tokens per API key (prompt + max output), answered with the real 429."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.chat_support import cookbook_prompt_tokens, tiktoken_encoding
from tests.live_server import LiveServer
from tests.support import envelope

MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Say hello to the whole team, please."}]
PROMPT = cookbook_prompt_tokens(tiktoken_encoding("o200k_base"), MESSAGES)
MAX_TOKENS = 20
REQUESTED = PROMPT + MAX_TOKENS
LIMIT = 2 * REQUESTED + 5  # two requests fit, a third does not

LIMITED_MESSAGE = (
    "Rate limit reached for {model} in organization org-mockserver on tokens per min (TPM): Limit {limit}, "
    "Used {used}, Requested {requested}. Please try again in {wait}. Visit "
    "https://platform.openai.com/account/rate-limits to learn more."
)
TOO_LARGE_MESSAGE = (
    "Request too large for {model} in organization org-mockserver on tokens per min (TPM): Limit {limit}, "
    "Requested {requested}. The input or output tokens must be reduced in order to run successfully. Visit "
    "https://platform.openai.com/account/rate-limits to learn more."
)


def token_headers(response: httpx.Response) -> tuple[str, str, str]:
    return (response.headers["x-ratelimit-limit-tokens"], response.headers["x-ratelimit-remaining-tokens"],
            response.headers["x-ratelimit-reset-tokens"])


def chat_body(**extra: object) -> dict[str, object]:
    return {"model": MODEL, "messages": MESSAGES, "max_tokens": MAX_TOKENS, **extra}


@pytest.fixture
def limited(
    start_server: Callable[..., LiveServer], keyed_client: Callable[[LiveServer, str], httpx.Client]
) -> Callable[[str], httpx.Client]:
    """Clients (one per API key) of a server started with tpm=LIMIT."""
    server = start_server(tpm=LIMIT)
    return lambda key: keyed_client(server, key)


def test_prompt_and_max_tokens_are_counted_in_the_token_headers(limited: Callable[[str], httpx.Client]) -> None:
    client = limited("sk-first")

    first = client.post("/v1/chat/completions", json=chat_body())
    second = client.post("/v1/chat/completions", json=chat_body())

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["usage"]["prompt_tokens"] == PROMPT
    assert token_headers(first) == (str(LIMIT), str(LIMIT - REQUESTED), "1m0s")
    assert token_headers(second) == (str(LIMIT), str(LIMIT - 2 * REQUESTED), "1m0s")


def test_n_multiplies_the_output_counted(limited: Callable[[str], httpx.Client]) -> None:
    response = limited("sk-first").post("/v1/chat/completions", json=chat_body(n=2))

    assert response.status_code == 200
    assert token_headers(response)[1] == str(LIMIT - (PROMPT + 2 * MAX_TOKENS))


def test_request_over_the_limit_gets_the_real_429(limited: Callable[[str], httpx.Client], clock: ManualClock) -> None:
    client = limited("sk-first")
    client.post("/v1/chat/completions", json=chat_body())
    clock.advance(15)
    client.post("/v1/chat/completions", json=chat_body())

    response = client.post("/v1/chat/completions", json=chat_body())

    assert response.status_code == 429
    message = LIMITED_MESSAGE.format(model=MODEL, limit=LIMIT, used=2 * REQUESTED, requested=REQUESTED, wait="45s")
    assert response.json() == envelope(message, type="tokens", code="rate_limit_exceeded")
    assert token_headers(response) == (str(LIMIT), str(LIMIT - 2 * REQUESTED), "45s")


def test_wait_is_until_enough_tokens_leave_the_window(
    limited: Callable[[str], httpx.Client], clock: ManualClock
) -> None:
    client = limited("sk-first")
    client.post("/v1/chat/completions", json=chat_body(max_tokens=1))
    clock.advance(10)
    client.post("/v1/chat/completions", json=chat_body())
    clock.advance(10)
    client.post("/v1/chat/completions", json=chat_body(max_tokens=1))

    response = client.post("/v1/chat/completions", json=chat_body())

    # The first small request leaving (in 40 s) is not enough room; the second one leaving (in 50 s) is.
    assert response.status_code == 429
    assert token_headers(response)[2] == "50s"


def test_window_slides_with_the_clock(limited: Callable[[str], httpx.Client], clock: ManualClock) -> None:
    client = limited("sk-first")
    client.post("/v1/chat/completions", json=chat_body())
    client.post("/v1/chat/completions", json=chat_body())
    clock.advance(60)

    response = client.post("/v1/chat/completions", json=chat_body())

    assert response.status_code == 200
    assert token_headers(response)[1] == str(LIMIT - REQUESTED)


def test_refused_requests_use_no_tokens_and_record_no_usage(
    limited: Callable[[str], httpx.Client], clock: ManualClock
) -> None:
    client = limited("sk-first")
    for _ in range(4):
        client.post("/v1/chat/completions", json=chat_body())
    clock.advance(60)

    statuses = [client.post("/v1/chat/completions", json=chat_body()).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    usage = client.get("/v1/organization/usage/completions", params={"start_time": clock.now() - 3600}).json()
    assert sum(result["num_model_requests"] for bucket in usage["data"] for result in bucket["results"]) == 4


def test_request_larger_than_the_limit_is_too_large(limited: Callable[[str], httpx.Client]) -> None:
    response = limited("sk-first").post("/v1/chat/completions", json=chat_body(max_tokens=LIMIT))

    assert response.status_code == 429
    message = TOO_LARGE_MESSAGE.format(model=MODEL, limit=LIMIT, requested=PROMPT + LIMIT)
    assert response.json() == envelope(message, type="tokens", code="rate_limit_exceeded")


def test_each_api_key_has_its_own_token_window(limited: Callable[[str], httpx.Client]) -> None:
    first = limited("sk-first")
    for _ in range(2):
        first.post("/v1/chat/completions", json=chat_body())

    assert limited("sk-second").post("/v1/chat/completions", json=chat_body()).status_code == 200
    assert first.post("/v1/chat/completions", json=chat_body()).status_code == 429


def test_responses_api_counts_max_output_tokens(limited: Callable[[str], httpx.Client]) -> None:
    client = limited("sk-first")
    body = {"model": MODEL, "input": MESSAGES, "max_output_tokens": MAX_TOKENS}

    first = client.post("/v1/responses", json=body)

    assert first.status_code == 200
    assert token_headers(first)[1] == str(LIMIT - (first.json()["usage"]["input_tokens"] + MAX_TOKENS))


def test_streamed_completion_carries_the_headers_and_a_refusal_is_plain_json(
    limited: Callable[[str], httpx.Client],
) -> None:
    client = limited("sk-first")

    streamed = client.post("/v1/chat/completions", json=chat_body(stream=True))
    client.post("/v1/chat/completions", json=chat_body())
    refused = client.post("/v1/chat/completions", json=chat_body(stream=True))

    assert streamed.headers["content-type"].startswith("text/event-stream")
    assert token_headers(streamed)[1] == str(LIMIT - REQUESTED)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/json"


def test_other_endpoints_neither_count_nor_show_tokens(limited: Callable[[str], httpx.Client]) -> None:
    client = limited("sk-first")

    models = client.get("/v1/models")
    chat = client.post("/v1/chat/completions", json=chat_body())

    assert "x-ratelimit-limit-tokens" not in models.headers
    assert token_headers(chat)[1] == str(LIMIT - REQUESTED)


def test_sdk_sees_a_rate_limit_error(start_server: Callable[..., LiveServer]) -> None:
    server = start_server(tpm=10)
    sdk = openai.OpenAI(base_url=f"{server.base_url}/v1", api_key="sk-test", max_retries=0,
                        _strict_response_validation=True)

    with pytest.raises(openai.RateLimitError) as raised:
        sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], max_tokens=50)

    assert raised.value.code == "rate_limit_exceeded"
    assert raised.value.type == "tokens"


def test_reset_empties_the_token_window(limited: Callable[[str], httpx.Client]) -> None:
    client = limited("sk-first")
    for _ in range(2):
        client.post("/v1/chat/completions", json=chat_body())

    assert client.post("/_mock/reset").status_code == 200
    assert client.post("/v1/chat/completions", json=chat_body()).status_code == 200


def test_without_tpm_there_are_no_token_headers(http: httpx.Client) -> None:
    response = http.post("/v1/chat/completions", json=chat_body())

    assert response.status_code == 200
    assert "x-ratelimit-limit-tokens" not in response.headers
