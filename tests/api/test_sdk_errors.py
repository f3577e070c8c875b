"""Errors no resource owns, as the official SDK (strict mode) raises them: a missing key, an unknown route."""

from __future__ import annotations

import httpx
import openai
import pytest

from tests.support import MISSING_KEY_MESSAGE, error


def test_sdk_request_without_authorization_header_raises_authentication_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.AuthenticationError) as caught:
        sdk.files.list(extra_headers={"Authorization": openai.Omit()})

    assert caught.value.status_code == 401
    assert "Authorization" not in caught.value.request.headers
    assert caught.value.body == error(MISSING_KEY_MESSAGE)
    assert caught.value.message == f"Error code: 401 - {MISSING_KEY_MESSAGE}"


def test_sdk_request_to_unknown_route_raises_not_found_with_openai_body(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.get("/nope", cast_to=httpx.Response)

    assert caught.value.status_code == 404
    assert caught.value.body == error("Invalid URL (GET /v1/nope)")
    assert caught.value.message == "Error code: 404 - Invalid URL (GET /v1/nope)"
    assert caught.value.response.headers["content-type"] == "application/json"
