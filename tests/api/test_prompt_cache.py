"""Simulated prompt caching: a repeated long prompt reports `cached_tokens` and is charged at the cached price."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import openai
import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.services import prompt_cache as prompt_cache_service
from mockserver.store.prompt_cache import PromptCacheRepo
from tests.chat_support import TOOLS_FILE, fine_tuned_model
from tests.conftest import START_TIME
from tests.costs_support import admin_client, costs_by_line_item
from tests.live_server import LiveServer
from tests.support import sdk_client

MODEL = "gpt-4o-mini"
SNAPSHOT = "gpt-4o-mini-2024-07-18"
# fixtures/pricing.json, pricing-page-2025-11: gpt-4o-mini base input, cached input and output, $ per 1M tokens.
INPUT, CACHED, OUTPUT = Decimal("0.15"), Decimal("0.075"), Decimal("0.60")


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


def messages(words: int = 1500, *, ending: str = "") -> list[dict[str, Any]]:
    # " apple" is one token, so the prompt is about `words` tokens long.
    return [{"role": "system", "content": "You count apples."},
            {"role": "user", "content": "apple" + " apple" * (words - 1) + ending + " How many apples?"}]


def cached_tokens(sdk: openai.OpenAI, prompt: list[dict[str, Any]], model: str = MODEL) -> tuple[int, int]:
    """(prompt tokens, cached tokens) of one chat completion."""
    usage = sdk.chat.completions.create(model=model, messages=prompt).usage  # type: ignore[arg-type]
    assert usage is not None and usage.prompt_tokens_details is not None
    return usage.prompt_tokens, usage.prompt_tokens_details.cached_tokens or 0


def longest_boundary(tokens: int) -> int:
    """The longest prefix the real cache keeps of `tokens` tokens: 1024, then steps of 128."""
    return 1024 + (tokens - 1024) // 128 * 128


def test_repeated_long_prompt_reports_cached_tokens_charged_at_the_cached_price(
    sdk: openai.OpenAI, admin: openai.OpenAI
) -> None:
    first = sdk.chat.completions.create(model=MODEL, messages=messages())  # type: ignore[arg-type]
    second = sdk.chat.completions.create(model=MODEL, messages=messages())  # type: ignore[arg-type]
    assert first.usage is not None and second.usage is not None and second.usage.prompt_tokens_details is not None
    prompt, cached = second.usage.prompt_tokens, second.usage.prompt_tokens_details.cached_tokens or 0
    output = first.usage.completion_tokens + second.usage.completion_tokens

    assert (first.usage.prompt_tokens_details.cached_tokens, cached) == (0, longest_boundary(prompt))  # type: ignore[union-attr]
    assert costs_by_line_item(admin) == {
        f"{SNAPSHOT}, input": (2 * prompt - cached) * INPUT / 1_000_000,
        f"{SNAPSHOT}, cached input": cached * CACHED / 1_000_000,
        f"{SNAPSHOT}, output": output * OUTPUT / 1_000_000,
    }


def test_usage_report_counts_the_cached_input(sdk: openai.OpenAI, admin: openai.OpenAI) -> None:
    cached_tokens(sdk, messages())
    prompt, cached = cached_tokens(sdk, messages())
    result = admin.admin.organization.usage.completions(start_time=START_TIME).data[0].results[0]

    assert (result.input_cached_tokens, result.input_uncached_tokens) == (cached, 2 * prompt - cached)  # type: ignore[union-attr]


def test_cached_tokens_stop_at_the_last_boundary_before_prompts_differ(sdk: openai.OpenAI) -> None:
    cached_tokens(sdk, messages(1200, ending=" pear" + " apple" * 300))
    prompt, cached = cached_tokens(sdk, messages(1200, ending=" plum" + " apple" * 300))

    assert (prompt > 1500, cached) == (True, 1152)  # they differ about 1210 tokens in


def test_prompt_cache_lasts_10_minutes_on_the_server_clock(sdk: openai.OpenAI, clock: ManualClock) -> None:
    cached_tokens(sdk, messages())
    clock.advance(600)
    _, still = cached_tokens(sdk, messages())  # a hit also keeps the prefix another 10 minutes
    clock.advance(601)

    assert (still > 0, cached_tokens(sdk, messages())[1]) == (True, 0)


def test_prompt_cache_is_per_model_and_per_api_key(sdk: openai.OpenAI, live_server: LiveServer) -> None:
    cached_tokens(sdk, messages())
    with sdk_client(live_server.base_url, "sk-another-key") as other:
        other_key = cached_tokens(other, messages())[1]

    assert (cached_tokens(sdk, messages(), model="gpt-4.1-mini")[1], other_key) == (0, 0)


def test_alias_and_snapshot_share_the_cache(sdk: openai.OpenAI) -> None:
    cached_tokens(sdk, messages(), model=MODEL)

    assert cached_tokens(sdk, messages(), model=SNAPSHOT)[1] > 0


def test_streamed_usage_reports_the_cached_tokens(sdk: openai.OpenAI) -> None:
    _, cached = cached_tokens(sdk, messages())
    chunks = list(sdk.chat.completions.create(model=MODEL, messages=messages(),  # type: ignore[arg-type]
                                              stream=True, stream_options={"include_usage": True}))
    usage = chunks[-1].usage

    assert usage is not None and usage.prompt_tokens_details is not None
    assert (cached, usage.prompt_tokens_details.cached_tokens) == (0, longest_boundary(usage.prompt_tokens))


def test_responses_report_cached_input_tokens(sdk: openai.OpenAI) -> None:
    text = messages()[1]["content"]
    first = sdk.responses.create(model=MODEL, input=text, instructions="You count apples.")
    second = sdk.responses.create(model=MODEL, input=text, instructions="You count apples.")
    assert first.usage is not None and second.usage is not None

    assert (first.usage.input_tokens_details.cached_tokens, second.usage.input_tokens_details.cached_tokens) == (
        0, longest_boundary(second.usage.input_tokens))


def test_chat_and_responses_share_the_cache(sdk: openai.OpenAI) -> None:
    cached_tokens(sdk, messages())
    response = sdk.responses.create(model=MODEL, input=messages()[1]["content"], instructions="You count apples.")

    assert response.usage is not None and response.usage.input_tokens_details.cached_tokens > 0


def test_model_without_a_cached_input_price_never_caches(sdk: openai.OpenAI) -> None:
    cached_tokens(sdk, messages(), model="gpt-3.5-turbo")  # no cached-input price: no prompt caching

    assert cached_tokens(sdk, messages(), model="gpt-3.5-turbo")[1] == 0


def test_fine_tuned_model_charges_cached_input_at_its_fine_tuned_price(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    cached_tokens(sdk, messages(), model=model)
    _, cached = cached_tokens(sdk, messages(), model=model)

    # fixtures/pricing.json: fine-tuned gpt-4o-mini cached input at $0.15 per 1M tokens
    assert costs_by_line_item(admin)[f"ft-{SNAPSHOT}, cached input"] == cached * Decimal("0.15") / 1_000_000 != 0


def test_short_prompt_never_touches_the_cache(app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a prompt under 1024 tokens reached the prompt cache")

    # Neither the table nor the work of laying out the prompt's ids: the chat hot path stays as it was.
    monkeypatch.setattr(PromptCacheRepo, "longest", refuse)
    monkeypatch.setattr(PromptCacheRepo, "remember", refuse)
    monkeypatch.setattr(prompt_cache_service, "prompt_ids", refuse)
    body = {"model": MODEL, "messages": messages(900)}
    answers = [app_client.post("/v1/chat/completions", json=body) for _ in range(2)]

    assert [(a.status_code, a.json()["usage"]["prompt_tokens_details"]["cached_tokens"]) for a in answers] == [
        (200, 0), (200, 0)]
