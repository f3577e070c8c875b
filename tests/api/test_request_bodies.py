"""JSON bodies the json module accepts but nothing downstream can use: a 400 naming the field, never a 500 nor a
response cut short, on every endpoint that takes JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from mockserver.web.error_handlers import JSON_PARSE_MESSAGE
from tests.harness_support import control_client, journal
from tests.live_server import LiveServer
from tests.support import MISSING_KEY_MESSAGE, envelope

LONE = "\\ud800"  # as it appears in the JSON text: an escape json.loads turns into a lone surrogate
CHAT = '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'
JOB = '{"model": "gpt-4o-mini-2024-07-18", "training_file": "file-x"}'
UPLOAD = '{"bytes": 3, "filename": "a.jsonl", "mime_type": "text/jsonl", "purpose": "fine-tune"}'
RESPONSE = '{"model": "gpt-4o-mini", "input": "hi"}'

# id: (path, JSON text with a lone surrogate, the param the 400 names)
SURROGATES = {
    "chat_content": ("/v1/chat/completions", CHAT.replace('"hi"', f'"h{LONE}i"'), "messages[0].content"),
    "chat_model": ("/v1/chat/completions", CHAT.replace("gpt-4o-mini", f"gpt-4o-mini{LONE}"), "model"),
    "responses_input": ("/v1/responses", RESPONSE.replace('"hi"', f'"{LONE}"'), "input"),
    "responses_model": ("/v1/responses", RESPONSE.replace("gpt-4o-mini", LONE), "model"),
    "job_model": ("/v1/fine_tuning/jobs", JOB.replace("gpt-4o-mini-2024-07-18", LONE), "model"),
    "job_suffix": ("/v1/fine_tuning/jobs", JOB[:-1] + f', "suffix": "{LONE}"}}', "suffix"),
    "job_metadata_value": ("/v1/fine_tuning/jobs", JOB[:-1] + f', "metadata": {{"k": "{LONE}"}}}}', "metadata.k"),
    "job_metadata_key": ("/v1/fine_tuning/jobs", JOB[:-1] + f', "metadata": {{"{LONE}": "v"}}}}', "metadata"),
    "upload_filename": ("/v1/uploads", UPLOAD.replace("a.jsonl", f"{LONE}.jsonl"), "filename"),
    "low_surrogate_alone": ("/v1/chat/completions", CHAT.replace('"hi"', '"\\udc00"'), "messages[0].content"),
}


def surrogate_message(param: str, surrogate: str = "\\ud800") -> str:
    return (f"Invalid value for '{param}': the string holds a lone surrogate ({surrogate}), which is not valid "
            "Unicode. Send text as UTF-8, or escape characters outside the Basic Multilingual Plane as a surrogate "
            "pair.")


def post_json(http: httpx.Client, path: str, body: str | bytes) -> httpx.Response:
    return http.post(path, content=body, headers={"Content-Type": "application/json"})


@pytest.fixture
def control(live_server: LiveServer) -> Iterator[httpx.Client]:
    with control_client(live_server.base_url) as client:
        yield client


@pytest.mark.parametrize(("path", "body", "param"), SURROGATES.values(), ids=SURROGATES.keys())
def test_lone_surrogate_is_400_naming_the_field(http: httpx.Client, path: str, body: str, param: str) -> None:
    response = post_json(http, path, body)

    surrogate = "\\udc00" if "udc00" in body else "\\ud800"
    assert (response.status_code, response.json()) == (400, envelope(
        surrogate_message(param, surrogate), param=param, code="invalid_value"))


def test_lone_surrogate_sent_as_raw_bytes_is_400(http: httpx.Client) -> None:
    # json decodes UTF-8 with 'surrogatepass': the three bytes of an encoded surrogate become one.
    body = CHAT.replace('"hi"', '"h\ud800i"').encode("utf-8", "surrogatepass")

    response = post_json(http, "/v1/chat/completions", body)

    assert (response.status_code, response.json()["error"]["param"]) == (400, "messages[0].content")


def test_surrogate_pair_escape_is_accepted(http: httpx.Client) -> None:
    # What `json.dumps` writes for an emoji: a high and a low surrogate escape, one character once parsed.
    response = post_json(http, "/v1/chat/completions", CHAT.replace('"hi"', '"hi \\ud83d\\ude00"'))

    assert response.status_code == 200


def test_lone_surrogate_without_api_key_is_401(live_server: LiveServer) -> None:
    path, body, _ = SURROGATES["chat_model"]

    response = httpx.post(live_server.base_url + path, content=body, headers={"Content-Type": "application/json"})

    assert (response.status_code, response.json()) == (401, envelope(MISSING_KEY_MESSAGE))


DEEP = "[" * 10_000 + "]" * 10_000


@pytest.mark.parametrize("path", ["/v1/chat/completions", "/v1/fine_tuning/jobs", "/v1/responses", "/v1/uploads"])
def test_json_nested_10000_deep_is_a_whole_400(
    http: httpx.Client, control: httpx.Client, path: str
) -> None:
    # The journal used to fail on it after the response had started: the client got a truncated body.
    response = post_json(http, path, '{"model": ' + DEEP + "}")

    assert (response.status_code, response.json()) == (400, envelope(
        "The JSON body is nested too deeply: at most 128 levels of arrays and objects are accepted.",
        code="invalid_value"))
    [entry] = journal(control)
    assert (entry["status"], entry["body"]["invalid_json"]) == (400, True)


def test_json_nested_beyond_the_limit_names_its_field(http: httpx.Client) -> None:
    # Deep enough to refuse, shallow enough for json to parse.
    body = CHAT[:-1] + ', "metadata": {"k": ' + "[" * 200 + "]" * 200 + "}}"

    response = post_json(http, "/v1/chat/completions", body)

    assert (response.status_code, response.json()["error"]["param"]) == (400, "metadata")


def test_json_nested_within_the_limit_reaches_validation(http: httpx.Client) -> None:
    body = CHAT[:-1] + ', "metadata": ' + "[" * 100 + "]" * 100 + "}"

    response = post_json(http, "/v1/chat/completions", body)

    assert (response.status_code, response.json()["error"]["param"]) == (400, "metadata")
    assert "nested too deeply" not in response.json()["error"]["message"]


def test_deep_json_without_api_key_is_401(live_server: LiveServer) -> None:
    response = httpx.post(live_server.base_url + "/v1/chat/completions", content=DEEP,
                          headers={"Content-Type": "application/json"})

    assert (response.status_code, response.json()) == (401, envelope(MISSING_KEY_MESSAGE))


def test_lone_surrogate_is_journalled_readably(http: httpx.Client, control: httpx.Client) -> None:
    post_json(http, "/v1/chat/completions", CHAT.replace('"hi"', f'"h{LONE}i"'))

    [entry] = journal(control)
    assert entry["body"]["messages"][0]["content"] == "h\ufffdi"


def test_unreadable_retry_count_header_leaves_the_response_whole(http: httpx.Client, control: httpx.Client) -> None:
    # '²' (0xB2 in latin-1, as headers are decoded) passes str.isdigit() but not int().
    headers = [(b"Content-Type", b"application/json"), (b"x-stainless-retry-count", b"\xb2")]

    response = http.post("/v1/chat/completions", content=CHAT, headers=headers)

    assert response.json()["object"] == "chat.completion"
    assert journal(control)[0]["retry_count"] is None


def test_control_plane_body_with_lone_surrogate_is_400(control: httpx.Client) -> None:
    response = post_json(control, "/_mock/faults", json.dumps({"path": "/v1/models", "status": 500})
                         .replace("models", f"models{LONE}"))

    assert (response.status_code, response.json()["error"]["param"]) == (400, "path")


def test_body_that_is_not_utf8_is_the_json_parse_error(http: httpx.Client) -> None:
    response = post_json(http, "/v1/chat/completions", b'{"model": "\xff"}')

    assert (response.status_code, response.json()["error"]["message"]) == (400, JSON_PARSE_MESSAGE)
