"""`POST /v1/completions` (legacy) through the strict SDK: base and fine-tuned babbage/davinci,
gpt-3.5-turbo-instruct, every parameter, streaming, usage, and the real API's errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.chat_support import PROMPT_COMPLETION_FILE, fine_tuned_model, tiktoken_encoding, training_lines
from tests.conftest import API_KEY, START_TIME
from tests.costs_support import admin_client
from tests.harness_support import add_fault, control_client, journal
from tests.jobs_support import assert_api_error
from tests.live_server import LiveServer

CL100K = tiktoken_encoding("cl100k_base")
TEST_PROMPT = "Say this is a test"
TEST_REPLY = "\n\nThis is indeed a test"  # fixtures/responses.json, for babbage, davinci and the instruct models
STORY = "Once upon a time"
STORY_REPLY = (", in a quiet village by the sea, there lived an old fisherman who told the same story every "
               "evening to anyone who would listen.")


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


def tokens(text: str) -> int:
    return len(CL100K.encode(text))


@pytest.mark.parametrize(("model", "shown"), [
    ("babbage-002", "babbage-002"), ("davinci-002", "davinci-002"),
    ("gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct-0914"),  # an alias answers with its snapshot, as in chat
    ("gpt-3.5-turbo-instruct-0914", "gpt-3.5-turbo-instruct-0914"),
])
def test_base_model_completes_from_the_rules_with_exact_usage(sdk: openai.OpenAI, model: str, shown: str) -> None:
    completion = sdk.completions.create(model=model, prompt=TEST_PROMPT, max_tokens=7)

    assert completion.object == "text_completion" and completion.model == shown
    assert completion.id.startswith("cmpl-")
    assert [(c.index, c.text, c.finish_reason, c.logprobs) for c in completion.choices] == [
        (0, TEST_REPLY, "stop", None)]
    assert completion.usage is not None
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens, completion.usage.total_tokens) == (
        tokens(TEST_PROMPT), tokens(TEST_REPLY), tokens(TEST_PROMPT) + tokens(TEST_REPLY))


def test_instruct_model_takes_a_suffix_and_reads_its_tokens_as_prompt(sdk: openai.OpenAI) -> None:
    suffix = " and that is all."
    completion = sdk.completions.create(model="gpt-3.5-turbo-instruct", prompt=TEST_PROMPT, suffix=suffix)

    assert completion.choices[0].text == TEST_REPLY
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == tokens(TEST_PROMPT) + tokens(suffix)


def test_instruct_model_window_of_4096_counts_the_suffix(sdk: openai.OpenAI) -> None:
    suffix = "the end"
    asked = 4096 - tokens(TEST_PROMPT) - tokens(suffix) + 1
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.completions.create(model="gpt-3.5-turbo-instruct", prompt=TEST_PROMPT, suffix=suffix, max_tokens=asked)

    prompt = tokens(TEST_PROMPT) + tokens(suffix)
    assert_api_error(caught, 400, f"This model's maximum context length is 4096 tokens, however you requested 4097 "
                     f"tokens ({prompt} in your prompt; {asked} for the completion). Please reduce your prompt; or "
                     "completion length.", param="max_tokens", code="context_length_exceeded")


def test_instruct_model_is_refused_on_chat_completions(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="gpt-3.5-turbo-instruct", messages=[{"role": "user", "content": "Hi"}])

    assert_api_error(caught, 400, "This is not a chat model and thus not supported in the v1/chat/completions "
                     "endpoint. Did you mean to use v1/completions?", param="model")


def test_max_tokens_defaults_to_16_and_cuts_with_finish_reason_length(sdk: openai.OpenAI) -> None:
    assert tokens(STORY_REPLY) > 16
    completion = sdk.completions.create(model="babbage-002", prompt=STORY)

    choice = completion.choices[0]
    assert choice.finish_reason == "length"
    assert choice.text == CL100K.decode(CL100K.encode(STORY_REPLY)[:16])
    assert completion.usage is not None and completion.usage.completion_tokens == 16


def test_max_tokens_large_enough_gives_the_whole_reply(sdk: openai.OpenAI) -> None:
    choice = sdk.completions.create(model="babbage-002", prompt=STORY, max_tokens=100).choices[0]

    assert (choice.text, choice.finish_reason) == (STORY_REPLY, "stop")


def test_fine_tuned_babbage_answers_its_training_completion(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, PROMPT_COMPLETION_FILE, model="babbage-002")
    line = training_lines(PROMPT_COMPLETION_FILE)[1]

    completion = sdk.completions.create(model=model, prompt=line["prompt"], max_tokens=20)

    assert model.startswith("ft:babbage-002:") and completion.model == model
    assert (completion.choices[0].text, completion.choices[0].finish_reason) == (line["completion"], "stop")
    assert completion.usage is not None and completion.usage.completion_tokens == tokens(line["completion"])


def test_prompt_list_and_n_give_n_choices_per_prompt_in_order(sdk: openai.OpenAI) -> None:
    completion = sdk.completions.create(model="davinci-002", prompt=[TEST_PROMPT, STORY], n=2, max_tokens=100)

    assert [(c.index, c.text) for c in completion.choices] == [
        (0, TEST_REPLY), (1, TEST_REPLY), (2, STORY_REPLY), (3, STORY_REPLY)]
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == tokens(TEST_PROMPT) + tokens(STORY)
    assert completion.usage.completion_tokens == 2 * (tokens(TEST_REPLY) + tokens(STORY_REPLY))


@pytest.mark.parametrize("as_list", [False, True])
def test_token_array_prompts_are_read_with_the_model_tokenizer(sdk: openai.OpenAI, as_list: bool) -> None:
    ids = CL100K.encode(TEST_PROMPT)
    completion = sdk.completions.create(model="babbage-002", prompt=[ids, ids] if as_list else ids)

    assert {c.text for c in completion.choices} == {TEST_REPLY}
    assert len(completion.choices) == (2 if as_list else 1)
    assert completion.usage is not None and completion.usage.prompt_tokens == len(ids) * (2 if as_list else 1)


def test_null_prompt_is_the_start_of_a_new_document(http: httpx.Client) -> None:
    response = http.post("/v1/completions", json={"model": "babbage-002", "prompt": None, "echo": True})

    assert response.status_code == 200
    body = response.json()
    assert body["choices"][0]["text"].startswith("<|endoftext|>") and body["usage"]["prompt_tokens"] == 1


def test_stop_cuts_before_the_sequence(sdk: openai.OpenAI) -> None:
    choice = sdk.completions.create(model="babbage-002", prompt=TEST_PROMPT, stop=["indeed", "zzz"]).choices[0]

    assert (choice.text, choice.finish_reason) == ("\n\nThis is ", "stop")


def test_echo_prepends_the_prompt(sdk: openai.OpenAI) -> None:
    completion = sdk.completions.create(model="babbage-002", prompt=TEST_PROMPT, echo=True)

    assert completion.choices[0].text == TEST_PROMPT + TEST_REPLY
    assert completion.usage is not None and completion.usage.completion_tokens == tokens(TEST_REPLY)


def test_logprobs_in_the_legacy_shape(sdk: openai.OpenAI) -> None:
    choice = sdk.completions.create(model="babbage-002", prompt=TEST_PROMPT, logprobs=2).choices[0]

    logprobs = choice.logprobs
    assert logprobs is not None and logprobs.tokens is not None and logprobs.token_logprobs is not None
    assert logprobs.top_logprobs is not None and logprobs.text_offset is not None
    assert [CL100K.encode(token)[0] for token in logprobs.tokens] == CL100K.encode(TEST_REPLY)
    assert "".join(logprobs.tokens) == choice.text
    assert all(value < 0 for value in logprobs.token_logprobs)
    assert all(1 <= len(top) <= 3 for top in logprobs.top_logprobs)
    assert all(top[token] == value for top, token, value in  # the sampled token is among its alternatives
               zip(logprobs.top_logprobs, logprobs.tokens, logprobs.token_logprobs, strict=True))
    offsets = [len(TEST_PROMPT)]
    for token in logprobs.tokens[:-1]:
        offsets.append(offsets[-1] + len(token))
    assert logprobs.text_offset == offsets


def test_logprobs_with_echo_cover_the_prompt_too(sdk: openai.OpenAI) -> None:
    choice = sdk.completions.create(model="babbage-002", prompt=TEST_PROMPT, logprobs=0, echo=True).choices[0]

    logprobs = choice.logprobs
    assert logprobs is not None and logprobs.tokens is not None and logprobs.token_logprobs is not None
    assert "".join(logprobs.tokens) == choice.text == TEST_PROMPT + TEST_REPLY
    assert len(logprobs.tokens) == tokens(TEST_PROMPT) + tokens(TEST_REPLY)
    # The real API's null for the first prompt token is a value here: the SDK's types allow no null.
    assert all(value < 0 for value in logprobs.token_logprobs)
    assert logprobs.top_logprobs is not None and all(len(top) == 1 for top in logprobs.top_logprobs)
    assert logprobs.text_offset is not None and logprobs.text_offset[0] == 0


def test_other_sampling_parameters_are_accepted(sdk: openai.OpenAI) -> None:
    completion = sdk.completions.create(model="babbage-002", prompt=TEST_PROMPT, temperature=0.2, top_p=0.5,
                                        seed=7, user="u-1", best_of=3, n=2, presence_penalty=0.5,
                                        frequency_penalty=-0.5, logit_bias={"50256": -100})

    assert [c.text for c in completion.choices] == [TEST_REPLY, TEST_REPLY]
    # best_of candidates are generated, and billed, on the server; n come back.
    assert completion.usage is not None and completion.usage.completion_tokens == 3 * tokens(TEST_REPLY)


@pytest.fixture
def lenient_sdk(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    """The SDK as users run it (no strict validation): a streamed frame's `finish_reason` is null until the
    choice ends, as the real API sends it, where the SDK's `Completion` type (shared by both) allows no null."""
    client = openai.OpenAI(api_key=API_KEY, base_url=f"{live_server.base_url}/v1", max_retries=0,
                           http_client=openai.DefaultHttpxClient(verify=False))
    yield client
    client.close()


def test_stream_sends_the_same_completion_in_pieces_then_usage(sdk: openai.OpenAI, lenient_sdk: openai.OpenAI) -> None:
    asked: dict[str, Any] = {"model": "babbage-002", "prompt": [TEST_PROMPT, STORY], "max_tokens": 40, "echo": True,
                             "logprobs": 1}
    whole = sdk.completions.create(**asked)
    chunks = list(lenient_sdk.completions.create(**asked, stream=True, stream_options={"include_usage": True}))

    texts: dict[int, str] = {}
    tokens_of: dict[int, list[str]] = {}
    finish: dict[int, str] = {}
    for chunk in chunks[:-1]:
        assert chunk.object == "text_completion" and chunk.id == chunks[0].id and len(chunk.choices) == 1
        choice = chunk.choices[0]
        texts[choice.index] = texts.get(choice.index, "") + choice.text
        if choice.logprobs is not None:
            tokens_of.setdefault(choice.index, []).extend(choice.logprobs.tokens or [])
        if choice.finish_reason is not None:
            assert choice.index not in finish and choice.text == ""  # once per choice, in an empty frame
            finish[choice.index] = choice.finish_reason
    assert texts == {c.index: c.text for c in whole.choices}
    assert tokens_of == {c.index: c.logprobs.tokens for c in whole.choices if c.logprobs is not None}
    assert finish == {c.index: c.finish_reason for c in whole.choices}
    assert chunks[-1].choices == [] and chunks[-1].usage == whole.usage


def test_stream_ends_with_done(http: httpx.Client) -> None:
    response = http.post("/v1/completions", json={"model": "babbage-002", "prompt": TEST_PROMPT, "stream": True})

    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.text.endswith("data: [DONE]\n\n")
    assert '"usage"' not in response.text  # only with stream_options.include_usage


def test_usage_and_costs_are_recorded_per_model(sdk: openai.OpenAI, admin: openai.OpenAI) -> None:
    completion = sdk.completions.create(model="davinci-002", prompt=TEST_PROMPT)
    assert completion.usage is not None

    page = admin.admin.organization.usage.completions(start_time=START_TIME, group_by=["model"])
    results = [(r.model, r.input_tokens, r.output_tokens, r.num_model_requests)  # type: ignore[union-attr]
               for r in page.data[0].results]
    assert results == [("davinci-002", completion.usage.prompt_tokens, completion.usage.completion_tokens, 1)]
    costs = admin.admin.organization.usage.costs(start_time=START_TIME, group_by=["line_item"])
    assert any("davinci-002" in (r.line_item or "") for r in costs.data[0].results)  # type: ignore[union-attr]


# id: (request fields over a valid babbage-002 request, status, message, param, code)
BAD: dict[str, tuple[dict[str, Any], int, str, str | None, str | None]] = {
    "missing_prompt": ({"prompt": None}, 400, "Missing required parameter: 'prompt'.", "prompt",
                       "missing_required_parameter"),
    "max_tokens_over_context": (
        {"max_tokens": 16_384}, 400,
        f"This model's maximum context length is 16384 tokens, however you requested {16_384 + tokens(TEST_PROMPT)} "
        f"tokens ({tokens(TEST_PROMPT)} in your prompt; 16384 for the completion). Please reduce your prompt; or "
        "completion length.", "max_tokens", "context_length_exceeded"),
    "logprobs_above_5": ({"logprobs": 6}, 400, "Invalid 'logprobs': integer above maximum value. Expected a value "
                         "<= 5, but got 6 instead.", "logprobs", "integer_above_max_value"),
    "n_above_128": ({"n": 129}, 400, "Invalid 'n': integer above maximum value. Expected a value <= 128, but got 129 "
                    "instead.", "n", "integer_above_max_value"),
    "best_of_below_n": ({"n": 3, "best_of": 2}, 400, "Invalid value for 'best_of': 2. 'best_of' must be greater "
                        "than or equal to 'n' (3).", "best_of", "invalid_value"),
    "best_of_streamed": ({"best_of": 2, "stream": True}, 400, "Invalid value for 'best_of': results cannot be "
                         "streamed when 'best_of' is greater than 1.", "best_of", "invalid_value"),
    "stream_options_without_stream": ({"stream_options": {"include_usage": True}}, 400, "The 'stream_options' "
                                      "parameter is only allowed when 'stream' is enabled.", "stream_options", None),
    "suffix": ({"suffix": "end"}, 400, "Unsupported parameter: 'suffix' is not supported with this model.", "suffix",
               "unsupported_parameter"),
    "empty_prompt_list": ({"prompt": []}, 400, "Invalid 'prompt': empty array. Expected an array with minimum length "
                          "1, but got an empty array instead.", "prompt", "empty_array"),
    "too_many_prompts": ({"prompt": ["a"] * 2049}, 400, "Invalid 'prompt': array too long. Expected an array with "
                         "maximum length 2048, but got an array with length 2049 instead.", "prompt",
                         "array_above_max_length"),
    "token_out_of_vocabulary": ({"prompt": [1, 10_000_000]}, 400, "Invalid token in 'prompt': 10000000 at position 1 "
                                "is not a token of this model (0 to 100276).", "prompt", "invalid_value"),
    "chat_model": ({"model": "gpt-4o-mini"}, 404, "This is a chat model and not supported in the v1/completions "
                   "endpoint. Did you mean to use v1/chat/completions?", "model", None),
    "unknown_model": ({"model": "babbage-999"}, 404, "The model `babbage-999` does not exist or you do not have "
                      "access to it.", "model", "model_not_found"),
}


@pytest.mark.parametrize(("fields", "status", "message", "param", "code"), BAD.values(), ids=BAD.keys())
def test_bad_request_is_an_envelope_naming_the_param(
    sdk: openai.OpenAI, fields: dict[str, Any], status: int, message: str, param: str | None, code: str | None,
) -> None:
    body = {"model": "babbage-002", "prompt": TEST_PROMPT, **fields}
    if body["prompt"] is None:
        body["prompt"] = openai.omit  # the SDK's way to leave a parameter out
    with pytest.raises(openai.APIStatusError) as caught:
        sdk.completions.create(**body)

    assert_api_error(caught, status, message, param=param, code=code)


def test_a_rejected_request_records_no_usage(sdk: openai.OpenAI, admin: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.completions.create(model="babbage-002", prompt=TEST_PROMPT, max_tokens=16_384)

    prompt = tokens(TEST_PROMPT)
    assert_api_error(caught, 400, f"This model's maximum context length is 16384 tokens, however you requested "
                     f"{prompt + 16_384} tokens ({prompt} in your prompt; 16384 for the completion). Please reduce "
                     "your prompt; or completion length.", param="max_tokens", code="context_length_exceeded")

    page = admin.admin.organization.usage.completions(start_time=START_TIME)
    assert page.data[0].results == []


def test_fine_tuned_chat_model_is_refused_like_its_base(sdk: openai.OpenAI, clock: ManualClock) -> None:
    from tests.chat_support import seed_model

    with pytest.raises(openai.NotFoundError) as caught:
        sdk.completions.create(model=seed_model(sdk, clock), prompt=TEST_PROMPT)

    assert_api_error(caught, 404, "This is a chat model and not supported in the v1/completions endpoint. Did you "
                     "mean to use v1/chat/completions?", param="model")


# --- the harness: faults, journal, --tpm apply as to chat ---------------------------------------------------------

def test_injected_fault_answers_and_the_journal_records_the_call(live_server: LiveServer, http: httpx.Client) -> None:
    with control_client(live_server.base_url) as control:
        add_fault(control, path="/v1/completions", status=429, headers={"x-should-retry": "false"}, times=1)
        limited = http.post("/v1/completions", json={"model": "babbage-002", "prompt": TEST_PROMPT})
        served = http.post("/v1/completions", json={"model": "babbage-002", "prompt": TEST_PROMPT})
        entries = journal(control, path="/v1/completions")

    assert (limited.status_code, limited.json()["error"]["type"]) == (429, "requests")
    assert "babbage-002" in limited.json()["error"]["message"]
    assert served.status_code == 200
    assert [entry["status"] for entry in reversed(entries)] == [429, 200]


def test_tpm_counts_every_prompt_and_max_tokens_times_n(
    start_server: Callable[..., LiveServer], keyed_client: Callable[[LiveServer, str], httpx.Client],
) -> None:
    requested = 2 * tokens(TEST_PROMPT) + 2 * 2 * 16  # two prompts; n=2 completions of the default 16 each
    client = keyed_client(start_server(tpm=2 * requested - 1), "sk-first")
    body = {"model": "babbage-002", "prompt": [TEST_PROMPT, TEST_PROMPT], "n": 2}

    first = client.post("/v1/completions", json=body)
    second = client.post("/v1/completions", json=body)

    assert first.status_code == 200
    assert first.headers["x-ratelimit-remaining-tokens"] == str(requested - 1)
    assert (second.status_code, second.json()["error"]["type"]) == (429, "tokens")
