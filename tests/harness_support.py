"""Helpers for the test-harness tests (faults, journal, reset, snapshots): the open control client."""

from __future__ import annotations

from typing import Any

import httpx
import openai

from tests.conftest import API_KEY
from tests.support import sdk_client


def control_client(base_url: str) -> httpx.Client:
    """No API key: the control plane is open, like /health."""
    return httpx.Client(base_url=base_url, verify=False)


def add_fault(control: httpx.Client, **rule: Any) -> dict[str, Any]:
    response = control.post("/_mock/faults", json=rule)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def journal(control: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    """The journal's entries, newest first."""
    response = control.get("/_mock/requests", params=params)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def retrying_sdk(base_url: str, max_retries: int) -> openai.OpenAI:
    """The strict SDK with retries on."""
    return sdk_client(base_url, API_KEY).with_options(max_retries=max_retries)
