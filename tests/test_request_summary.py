"""The journal's body summary: parsed JSON (shortened), multipart without file content, sizes otherwise."""

from __future__ import annotations

import json

import pytest

from mockserver.core.request_summary import MAX_JSON_CAPTURE, BodySummary

BOUNDARY = "b0undary"


def summarise(content_type: str | None, body: bytes, chunk: int = 7) -> object:
    summary = BodySummary(content_type)
    for start in range(0, len(body), chunk):
        summary.feed(body[start:start + chunk])
    return summary.result()


def test_empty_body_is_none() -> None:
    assert summarise("application/json", b"") is None


def test_json_body_is_parsed_across_chunks() -> None:
    assert summarise("application/json; charset=utf-8", b'{"model": "gpt-4o", "n": 2}') == {"model": "gpt-4o", "n": 2}


def test_long_json_array_is_elided() -> None:
    body = json.dumps({"items": list(range(25))}).encode()

    assert summarise("application/json", body) == {"items": [*range(20), "… 5 more"]}


def test_invalid_json_is_described() -> None:
    assert summarise("application/json", b"{nope") == {"content_type": "application/json", "bytes": 5,
                                                        "invalid_json": True}


def test_json_too_large_to_parse_is_described() -> None:
    body = b'"' + b"x" * MAX_JSON_CAPTURE + b'"'

    assert summarise("application/json", body, chunk=65536) == {
        "content_type": "application/json", "bytes": len(body), "truncated": True}


def test_multipart_keeps_fields_and_file_sizes_not_content() -> None:
    body = (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.jsonl\"\r\n"
        "Content-Type: application/jsonl\r\n\r\nSECRET-CONTENT\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode()

    result = summarise(f"multipart/form-data; boundary={BOUNDARY}", body)

    assert result == {"fields": {"purpose": "fine-tune"}, "files": [
        {"field": "file", "filename": "t.jsonl", "content_type": "application/jsonl", "bytes": 14}]}


def test_other_content_is_described_by_type_and_size() -> None:
    assert summarise("text/plain", b"hello") == {"content_type": "text/plain", "bytes": 5}


def test_json_nested_deeper_than_json_parses_is_described() -> None:
    body = b"[" * 10_000 + b"]" * 10_000

    assert summarise("application/json", body, chunk=4096) == {
        "content_type": "application/json", "bytes": len(body), "invalid_json": True}


def test_deeply_nested_json_is_cut_to_a_few_levels() -> None:
    body = b"[" * 500 + b"]" * 500

    value = summarise("application/json", body, chunk=4096)

    for _ in range(16):
        assert isinstance(value, list)
        [value] = value
    assert value == "…"


def test_lone_surrogate_becomes_a_replacement_character() -> None:
    # SQLite stores UTF-8, which cannot hold a lone surrogate: the journal row would not be written.
    assert summarise("application/json", b'{"content": "a\\ud800b"}') == {"content": "a\ufffdb"}


def test_multipart_boundary_the_parser_refuses_is_described_by_size() -> None:
    content_type = "multipart/form-data; boundary=" + "b" * 300

    assert summarise(content_type, b"--" + b"b" * 300) == {"content_type": content_type, "bytes": 302}


def _json_module_summary(body: bytes) -> object:
    """The summary as the json module alone makes it: what the quicker orjson path must agree with."""
    from mockserver.core.request_summary import MAX_SUMMARY_CHARS, _without_lone_surrogates, shorten

    about = {"content_type": "application/json", "bytes": len(body)}
    try:
        value = shorten(json.loads(body))
    except (ValueError, RecursionError):
        return {**about, "invalid_json": True}
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_SUMMARY_CHARS:
        return {**about, "truncated": True}
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.loads(_without_lone_surrogates(text))
    return value


@pytest.mark.parametrize("body", [
    b'{"n": NaN, "m": Infinity, "k": -Infinity}',
    b'{"big": 123456789012345678901234567890}',
    b'{"text": "a \\ud800 lone surrogate"}',
    "\ufeff{\"bom\": true}".encode(),
    '{"utf16": "yes"}'.encode("utf-16"),
    json.dumps({"k": ["x" * 200] * 18}).encode(),  # near the summary's limit, spaced and compact
    json.dumps({f"key{i}": [1.5e16, 2.0] for i in range(19)}).encode(),
    json.dumps({"values": [1] * 19, "more": [[["é" * 100] * 19]]}).encode(),
    b"[" * 5000 + b"]" * 5000,
    b'{"broken": ',
    b'[1e400, 9223372036854775807, -9223372036854775808]',
])
def test_the_summary_is_the_json_modules(body: bytes) -> None:
    assert summarise("application/json", body) == _json_module_summary(body)
