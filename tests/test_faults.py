"""Fault rules, pure: path globs and the error body each status gets."""

from __future__ import annotations

from typing import Any

import pytest

from mockserver.core.faults import (
    FaultRule,
    RateLimits,
    RequestFacts,
    fault_body,
    fault_headers,
    model_of,
    path_matches,
)


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("/v1/files", "/v1/files", True),
        ("/v1/files", "/v1/files/", False),
        ("/v1/files/*", "/v1/files/file-abc", True),
        ("/v1/files/*", "/v1/files/", True),
        ("/v1/files/*", "/v1/files/file-abc/content", False),
        ("/v1/files/**", "/v1/files/file-abc/content", True),
        ("/v1/**/content", "/v1/files/file-abc/content", True),
        ("/v1/files/file-???", "/v1/files/file-abc", True),
        ("/v1/files/file-???", "/v1/files/file-ab/", False),
        ("/v1/models/ft:gpt-4o:org::*", "/v1/models/ft:gpt-4o:org::x1", True),
        ("/v1/files.(x)", "/v1/files.(x)", True),
        ("/v1/files.[x]*", "/v1/files.[x]y", True),
    ],
)
def test_path_matches_exact_paths_and_globs(pattern: str, path: str, matched: bool) -> None:
    assert path_matches(pattern, path) is matched


def test_rule_method_matches_case_insensitively() -> None:
    rule = FaultRule(id="fault_1", path="/v1/files", method="POST")

    assert (rule.matches("post", "/v1/files"), rule.matches("GET", "/v1/files")) == (True, False)


def test_fault_body_lays_error_fields_over_the_canned_body() -> None:
    rule = FaultRule(id="fault_1", path="/v1/files", status=500, error={"code": "custom"})

    body = fault_body(rule, RequestFacts(method="GET", path="/v1/files"))

    assert body["error"]["code"] == "custom"
    assert body["error"]["type"] == "server_error"


def test_rate_limit_body_names_the_retry_after_header() -> None:
    rule = FaultRule(id="fault_1", path="/v1/files", status=429, headers={"retry-after": "3"})

    body = fault_body(rule, RequestFacts(method="GET", path="/v1/files"))

    assert "Please try again in 3s." in body["error"]["message"]


def test_rate_limit_body_names_the_model_and_the_limit() -> None:
    rule = FaultRule(id="fault_1", path="/v1/chat/completions", status=429)
    request = RequestFacts(method="POST", path="/v1/chat/completions", model="gpt-4o-mini",
                           limits=RateLimits(requests=3))

    message = fault_body(rule, request)["error"]["message"]

    assert message.startswith("Rate limit reached for gpt-4o-mini in organization org-mockserver on requests per "
                              "min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.")


@pytest.mark.parametrize(("body", "model"), [
    ({"model": "gpt-4o-mini", "messages": []}, "gpt-4o-mini"),
    ({"fields": {"model": "whisper-1"}, "files": []}, "whisper-1"),  # multipart, as the journal summarises it
    ({"fields": {"purpose": "fine-tune"}, "files": []}, None),
    ({"model": 7}, None),
    ({"model": ""}, None),
    (None, None),
    ({"content_type": "application/json", "bytes": 300_000, "truncated": True}, None),
])
def test_model_of_reads_the_summarised_body(body: Any, model: str | None) -> None:
    assert model_of(body) == model


def test_fault_headers_of_a_429_are_the_rate_limit_ones_under_the_rules() -> None:
    rule = FaultRule(id="fault_1", path="/v1/models", status=429,
                     headers={"retry-after": "3", "x-ratelimit-limit-tokens": "9"})

    headers = fault_headers(rule, RequestFacts(method="GET", path="/v1/models", limits=RateLimits(7, 1000)))

    assert headers == {
        "x-ratelimit-limit-requests": "7", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "3s",
        "x-ratelimit-limit-tokens": "9", "x-ratelimit-remaining-tokens": "1000", "x-ratelimit-reset-tokens": "0s",
        "retry-after": "3",
    }


def test_fault_headers_of_other_statuses_are_the_rules_alone() -> None:
    rule = FaultRule(id="fault_1", path="/v1/models", status=503, headers={"x-should-retry": "false"})

    assert fault_headers(rule, RequestFacts(method="GET", path="/v1/models")) == {"x-should-retry": "false"}
