"""Fault rules, pure: path globs and the error body each status gets."""

from __future__ import annotations

import pytest

from mockserver.faults import FaultRule, RequestFacts, fault_body, path_matches


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
