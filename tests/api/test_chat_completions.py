"""`POST /v1/chat/completions` through the strict SDK: fine-tuned and base models, shaping, usage, ledger."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import jsonschema
import openai
import pytest

from mockserver.core.auth import owner_of
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database
from tests.chat_support import (
    CHINESE_FILE,
    SEED_ANSWER,
    SEED_QUESTION,
    TOOLS_FILE,
    cookbook_prompt_tokens,
    fine_tuned_model,
    marv_messages,
    seed_model,
    text_tokens,
    tiktoken_encoding,
    training_lines,
)
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL, assert_api_error, succeeded_seed_job, upload
from tests.live_server import LiveServer
from tests.support import sdk_client

CL100K = tiktoken_encoding("cl100k_base")
O200K = tiktoken_encoding("o200k_base")
WEATHER_TOOL = training_lines(TOOLS_FILE)[0]["tools"][0]
CITY_SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "population": {"type": "integer"},
                   "landmarks": {"type": "array", "items": {"type": "string"}}},
    "required": ["city", "population", "landmarks"],
    "additionalProperties": False,
}


@pytest.fixture
def ft_model(sdk: openai.OpenAI, clock: ManualClock) -> str:
    return seed_model(sdk, clock)


def not_found(model: str) -> str:
    return f"The model `{model}` does not exist or you do not have access to it."


# -- fine-tuned models ----------------------------------------------------------------------
def test_create_with_seed_model_answers_from_training(sdk: openai.OpenAI, ft_model: str) -> None:
    completion = sdk.chat.completions.create(model=ft_model, messages=marv_messages())  # type: ignore[arg-type]

    choice = completion.choices[0]
    assert (choice.index, choice.finish_reason, choice.message.role) == (0, "stop", "assistant")
    assert choice.message.content == SEED_ANSWER
    assert (choice.message.refusal, choice.message.annotations, choice.message.tool_calls) == (None, [], None)


def test_create_with_model_whose_training_file_was_deleted_mid_job_answers_from_training(
    sdk: openai.OpenAI, clock: ManualClock
) -> None:
    training_file = upload(sdk, SEED_FILE)
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file)
    assert sdk.files.delete(training_file).deleted
    clock.advance(3600)
    model = sdk.fine_tuning.jobs.retrieve(job.id).fine_tuned_model
    assert model is not None

    completion = sdk.chat.completions.create(model=model, messages=marv_messages())  # type: ignore[arg-type]

    assert completion.choices[0].message.content == SEED_ANSWER


def test_create_with_seed_model_describes_the_completion(sdk: openai.OpenAI, clock: ManualClock,
                                                         ft_model: str) -> None:
    completion = sdk.chat.completions.create(model=ft_model, messages=marv_messages())  # type: ignore[arg-type]

    assert re.fullmatch(r"chatcmpl-[A-Za-z0-9]{29}", completion.id)
    assert (completion.object, completion.created, completion.model) == ("chat.completion", clock.now(), ft_model)
    assert re.fullmatch(r"fp_[0-9a-f]{10}", completion.system_fingerprint or "")
    assert completion.service_tier == "default"


def test_create_with_seed_model_counts_usage_like_tiktoken(sdk: openai.OpenAI, ft_model: str) -> None:
    completion = sdk.chat.completions.create(model=ft_model, messages=marv_messages())  # type: ignore[arg-type]

    usage = completion.usage
    assert usage is not None
    prompt = cookbook_prompt_tokens(CL100K, marv_messages())
    answer = text_tokens(CL100K, SEED_ANSWER)
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (prompt, answer, prompt + answer)
    assert usage.prompt_tokens_details.model_dump() == {  # type: ignore[union-attr]
        "audio_tokens": 0, "cached_tokens": 0, "cache_write_tokens": None, "image_tokens": None, "text_tokens": None}
    assert usage.completion_tokens_details.model_dump() == {  # type: ignore[union-attr]
        "accepted_prediction_tokens": 0, "audio_tokens": 0, "reasoning_tokens": 0,
        "rejected_prediction_tokens": 0, "text_tokens": None}


def test_create_with_paraphrase_finds_the_training_answer(sdk: openai.OpenAI, ft_model: str) -> None:
    messages = marv_messages("Tell me, what is the capital city of France")

    completion = sdk.chat.completions.create(model=ft_model, messages=messages)  # type: ignore[arg-type]

    assert completion.choices[0].message.content == SEED_ANSWER


def test_create_with_checkpoint_model_answers_from_training(sdk: openai.OpenAI, clock: ManualClock) -> None:
    job = succeeded_seed_job(sdk, clock)
    checkpoint = next(c.fine_tuned_model_checkpoint for c in sdk.fine_tuning.jobs.checkpoints.list(job.id)
                      if c.fine_tuned_model_checkpoint != job.fine_tuned_model)

    completion = sdk.chat.completions.create(model=checkpoint, messages=marv_messages())  # type: ignore[arg-type]

    assert (completion.model, completion.choices[0].message.content) == (checkpoint, SEED_ANSWER)


def test_create_twice_gives_the_same_answer(sdk: openai.OpenAI, ft_model: str) -> None:
    messages = marv_messages("Something the training never covered: quantum chromodynamics?")

    first = sdk.chat.completions.create(model=ft_model, messages=messages)  # type: ignore[arg-type]
    second = sdk.chat.completions.create(model=ft_model, messages=messages)  # type: ignore[arg-type]

    assert first.choices[0].message.content == second.choices[0].message.content
    assert first.id != second.id


def test_create_with_tool_training_answers_with_the_tool_call(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    messages = [{"role": "system", "content": "You help with weather questions."},
                {"role": "user", "content": "Weather in Paris?"}]

    completion = sdk.chat.completions.create(model=model, messages=messages, tools=[WEATHER_TOOL])  # type: ignore[arg-type]

    choice = completion.choices[0]
    assert (choice.finish_reason, choice.message.content) == ("tool_calls", None)
    (call,) = choice.message.tool_calls or []
    assert (call.type, call.function.name) == ("function", "get_weather")  # type: ignore[union-attr]
    assert json.loads(call.function.arguments) == {"city": "Paris", "unit": "celsius"}  # type: ignore[union-attr]
    assert re.fullmatch(r"call_[A-Za-z0-9]+", call.id)


def test_create_with_tool_result_answers_with_the_final_text(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    example = training_lines(TOOLS_FILE)[0]

    completion = sdk.chat.completions.create(
        model=model, messages=example["messages"][:-1], tools=example["tools"])  # type: ignore[arg-type]

    assert completion.choices[0].message.content == example["messages"][-1]["content"]


def test_create_with_chinese_question_answers_in_chinese_with_exact_usage(
    sdk: openai.OpenAI, clock: ManualClock
) -> None:
    model = fine_tuned_model(sdk, clock, CHINESE_FILE)
    example = training_lines(CHINESE_FILE)[3]["messages"]

    completion = sdk.chat.completions.create(model=model, messages=example[:2])  # type: ignore[arg-type]

    answer = example[2]["content"]
    assert completion.choices[0].message.content == answer
    prompt = cookbook_prompt_tokens(O200K, example[:2])
    assert completion.usage is not None
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (prompt, text_tokens(O200K, answer))


# -- shaping ----------------------------------------------------------------------------------
def test_create_with_n_3_gives_three_choices(sdk: openai.OpenAI, ft_model: str) -> None:
    completion = sdk.chat.completions.create(model=ft_model, messages=marv_messages(), n=3)  # type: ignore[arg-type]

    assert [choice.index for choice in completion.choices] == [0, 1, 2]
    assert [choice.message.content for choice in completion.choices] == [SEED_ANSWER] * 3
    assert completion.usage is not None
    assert completion.usage.completion_tokens == 3 * text_tokens(CL100K, SEED_ANSWER)


@pytest.mark.parametrize("limit", ["max_tokens", "max_completion_tokens"])
def test_create_with_token_limit_truncates_with_length(sdk: openai.OpenAI, ft_model: str, limit: str) -> None:
    completion = sdk.chat.completions.create(
        model=ft_model, messages=marv_messages(), **{limit: 4})  # type: ignore[call-overload]

    choice = completion.choices[0]
    assert choice.finish_reason == "length"
    assert choice.message.content == CL100K.decode(CL100K.encode(SEED_ANSWER)[:4])
    assert completion.usage is not None
    assert completion.usage.completion_tokens == 4


def test_create_with_stop_sequence_ends_before_it(sdk: openai.OpenAI, ft_model: str) -> None:
    completion = sdk.chat.completions.create(
        model=ft_model, messages=marv_messages(), stop=[" as if", "zzz"])  # type: ignore[arg-type]

    choice = completion.choices[0]
    assert (choice.finish_reason, choice.message.content) == ("stop", "Paris,")
    assert completion.usage is not None
    assert completion.usage.completion_tokens == text_tokens(CL100K, "Paris,")


def test_create_with_json_schema_gives_json_that_validates(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, SEED_FILE)  # on gpt-4o-mini: gpt-3.5-turbo has no Structured Outputs
    response_format = {"type": "json_schema", "json_schema": {"name": "city", "schema": CITY_SCHEMA, "strict": True}}

    completion = sdk.chat.completions.create(
        model=model, messages=marv_messages(), response_format=response_format)  # type: ignore[arg-type]

    jsonschema.validate(json.loads(completion.choices[0].message.content or ""), CITY_SCHEMA)


def test_create_with_json_object_gives_a_json_object(sdk: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "Describe Paris as JSON."}]

    completion = sdk.chat.completions.create(
        model="gpt-4o-mini", messages=messages, response_format={"type": "json_object"})  # type: ignore[arg-type]

    assert isinstance(json.loads(completion.choices[0].message.content or ""), dict)


def test_create_with_logprobs_gives_one_entry_per_token(sdk: openai.OpenAI, ft_model: str) -> None:
    completion = sdk.chat.completions.create(
        model=ft_model, messages=marv_messages(), logprobs=True, top_logprobs=2)  # type: ignore[arg-type]

    logprobs = completion.choices[0].logprobs
    assert logprobs is not None and logprobs.content is not None
    assert [entry.token for entry in logprobs.content] == [
        CL100K.decode_single_token_bytes(token).decode() for token in CL100K.encode(SEED_ANSWER)]
    assert all(len(entry.top_logprobs) == 2 for entry in logprobs.content)


# -- base models ------------------------------------------------------------------------------
def test_create_with_base_model_replies_from_a_rule(sdk: openai.OpenAI) -> None:
    completion = sdk.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Say this is a test"}])

    assert completion.choices[0].message.content == "This is a test."
    assert completion.model == "gpt-4o-mini-2024-07-18"


def test_create_with_base_model_counts_usage_like_tiktoken(sdk: openai.OpenAI) -> None:
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say this is a test"}]

    completion = sdk.chat.completions.create(model="gpt-4o-mini", messages=messages)  # type: ignore[arg-type]

    assert completion.usage is not None
    assert completion.usage.prompt_tokens == cookbook_prompt_tokens(O200K, messages)
    assert completion.usage.completion_tokens == text_tokens(O200K, "This is a test.")


def test_create_with_same_seed_gives_the_same_default_reply(sdk: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "Describe the colour of the sea at dawn"}]

    replies = [sdk.chat.completions.create(model="gpt-4o", messages=messages, seed=seed)  # type: ignore[arg-type]
               .choices[0].message.content for seed in (7, 7)]

    assert replies[0] == replies[1]


def test_create_with_other_seeds_gives_other_default_replies(sdk: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "Describe the colour of the sea at dawn"}]

    replies = {sdk.chat.completions.create(model="gpt-4o", messages=messages, seed=seed)  # type: ignore[arg-type]
               .choices[0].message.content for seed in range(8)}

    assert len(replies) > 1


# -- models that cannot answer ----------------------------------------------------------------
@pytest.mark.parametrize("model", ["gpt-nope", "ft:gpt-3.5-turbo-0125:mockserver:marv:AAAAAAAA"])
def test_create_with_unknown_model_is_not_found(sdk: openai.OpenAI, model: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.chat.completions.create(model=model, messages=marv_messages())  # type: ignore[arg-type]

    assert_api_error(caught, 404, not_found(model), param="model", code="model_not_found")


def test_create_with_deleted_model_is_not_found(sdk: openai.OpenAI, ft_model: str) -> None:
    sdk.models.delete(ft_model)

    with pytest.raises(openai.NotFoundError) as caught:
        sdk.chat.completions.create(model=ft_model, messages=marv_messages())  # type: ignore[arg-type]

    assert_api_error(caught, 404, not_found(ft_model), param="model", code="model_not_found")


def test_create_with_another_callers_model_is_not_found(live_server: LiveServer, ft_model: str) -> None:
    other = sdk_client(live_server.base_url, "sk-someone-else")

    with pytest.raises(openai.NotFoundError) as caught:
        other.chat.completions.create(model=ft_model, messages=marv_messages())  # type: ignore[arg-type]

    assert_api_error(caught, 404, not_found(ft_model), param="model", code="model_not_found")


def test_create_with_completion_model_is_not_a_chat_model(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="davinci-002", messages=marv_messages())  # type: ignore[arg-type]

    assert_api_error(caught, 400, "This is not a chat model and thus not supported in the v1/chat/completions "
                     "endpoint. Did you mean to use v1/completions?", param="model")


# -- the usage ledger ---------------------------------------------------------------------------
def test_create_appends_a_usage_ledger_row(sdk: openai.OpenAI, settings: Settings, clock: ManualClock,
                                           ft_model: str) -> None:
    completion = sdk.chat.completions.create(model=ft_model, messages=marv_messages())  # type: ignore[arg-type]

    store = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
    try:
        store.settle_writes()  # the server writes the row behind the request
        rows = store.usage.for_owner(owner_of(API_KEY))
    finally:
        store.close()
    assert completion.usage is not None
    assert [{k: v for k, v in row.items() if k != "seq"} for row in rows] == [{
        "request_id": completion.id, "owner": owner_of(API_KEY), "endpoint": "chat.completions", "model": ft_model,
        "base_model": "gpt-3.5-turbo-0125", "prompt_tokens": completion.usage.prompt_tokens, "cached_tokens": 0,
        "completion_tokens": completion.usage.completion_tokens, "created_at": clock.now(), "batch": 0,
    }]


def test_create_with_question_asked_keeps_the_seed_question(sdk: openai.OpenAI, ft_model: str) -> None:
    # The seed workflow of the README, word for word.
    completion = sdk.chat.completions.create(
        model=ft_model, messages=[{"role": "user", "content": SEED_QUESTION}])

    assert completion.choices[0].message.content == SEED_ANSWER


def test_create_with_legacy_functions_answers_with_a_function_call(sdk: openai.OpenAI) -> None:
    function = WEATHER_TOOL["function"]

    completion = sdk.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Weather in Oslo?"}], functions=[function],
        function_call={"name": "get_weather"})

    choice = completion.choices[0]
    assert (choice.finish_reason, choice.message.tool_calls) == ("function_call", None)
    assert choice.message.function_call is not None and choice.message.function_call.name == "get_weather"
    assert isinstance(json.loads(choice.message.function_call.arguments), dict)


# -- the hot path (routers/chat.py ChatLane) and FastAPI's own path answer alike ---------------------------
@pytest.mark.parametrize("body", [
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello."}], "seed": 3},
    {"model": "gpt-4o-mini", "messages": "not a list"},
    {"model": "gpt-4o-mini"},
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "n": "two"},
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "temperature": 5},
    {"model": "ft:gpt-4o-mini-2024-07-18:acme::none", "messages": [{"role": "user", "content": "hi"}]},
], ids=["valid", "messages_not_a_list", "no_messages", "n_not_an_integer", "temperature_too_high", "unknown_model"])
def test_plain_and_charset_json_content_types_get_the_same_answer(http: httpx.Client, body: dict[str, Any]) -> None:
    answers = [http.post("/v1/chat/completions", content=json.dumps(body), headers={"Content-Type": content_type})
               for content_type in ("application/json", "application/json; charset=utf-8")]

    assert answers[0].status_code == answers[1].status_code
    plain, charset = (answer.json() for answer in answers)
    for varying in ("id", "created"):
        plain.pop(varying, None)
        charset.pop(varying, None)
    assert plain == charset
