"""The Admin usage reports no traffic here feeds (embeddings, moderations, images, audio, vector stores, code
interpreter sessions), through the strict SDK: empty buckets paged like usage/completions, the same 400s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from tests.conftest import START_TIME
from tests.costs_support import DAY, admin_client
from tests.live_server import LiveServer
from tests.support import envelope

KINDS = ["embeddings", "moderations", "images", "audio_speeches", "audio_transcriptions", "vector_stores",
         "code_interpreter_sessions"]


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


def report(admin: openai.OpenAI, kind: str, **params: Any) -> Any:
    return getattr(admin.admin.organization.usage, kind)(start_time=START_TIME, **params)


@pytest.mark.parametrize("kind", KINDS)
def test_report_is_empty_buckets_over_the_range(admin: openai.OpenAI, sdk: openai.OpenAI, kind: str) -> None:
    sdk.completions.create(model="babbage-002", prompt="Say this is a test")  # completions usage: not theirs

    page = report(admin, kind, end_time=START_TIME + 3 * DAY, group_by=["project_id"])

    assert page.object == "page" and page.has_more is False and page.next_page is None
    assert [(b.object, b.start_time, b.end_time, b.results) for b in page.data] == [
        ("bucket", START_TIME + day * DAY, START_TIME + (day + 1) * DAY, []) for day in range(3)]


@pytest.mark.parametrize("kind", KINDS)
def test_report_pages_with_next_page(admin: openai.OpenAI, kind: str) -> None:
    first = report(admin, kind, end_time=START_TIME + 2 * 3600, bucket_width="1h", limit=1)
    second = report(admin, kind, end_time=START_TIME + 2 * 3600, bucket_width="1h", limit=1, page=first.next_page)

    assert (first.has_more, [b.start_time for b in first.data]) == (True, [START_TIME])
    assert (second.has_more, [b.start_time for b in second.data]) == (False, [START_TIME + 3600])


@pytest.mark.parametrize(("kind", "group", "allowed"), [
    ("embeddings", "size", "project_id, user_id, api_key_id, model"),
    ("vector_stores", "model", "project_id"),
    ("code_interpreter_sessions", "api_key_id", "project_id"),
])
def test_group_by_outside_the_reports_values_is_400(http: httpx.Client, kind: str, group: str, allowed: str) -> None:
    response = http.get(f"/v1/organization/usage/{kind}", params={"start_time": START_TIME, "group_by[]": group})

    assert (response.status_code, response.json()) == (400, envelope(
        f"Invalid value for 'group_by': '{group}'. Supported values are: {allowed}.", param="group_by",
        code="invalid_value"))


def test_images_group_by_size_and_source_is_accepted(admin: openai.OpenAI) -> None:
    page = report(admin, "images", group_by=["size", "source"], limit=1)

    assert [b.results for b in page.data] == [[]]


@pytest.mark.parametrize(("params", "message", "param"), [
    ({"bucket_width": "1w"}, "Invalid value for 'bucket_width': '1w'. Supported values are: '1m', '1h', '1d'.",
     "bucket_width"),
    ({"limit": 32}, "Invalid value for 'limit': 32. It must be between 1 and 31 for bucket_width '1d'.", "limit"),
    ({"end_time": START_TIME}, "Invalid value for 'end_time': it must be later than 'start_time'.", "end_time"),
    ({"page": "page_nope"}, "Invalid value for 'page': 'page_nope'. Pass the `next_page` of the previous response "
     "with the same query.", "page"),
])
@pytest.mark.parametrize("kind", ["moderations", "vector_stores"])
def test_bad_parameters_are_400s_naming_them(http: httpx.Client, kind: str, params: dict[str, Any], message: str,
                                             param: str) -> None:
    response = http.get(f"/v1/organization/usage/{kind}", params={"start_time": START_TIME, **params})

    assert (response.status_code, response.json()) == (400, envelope(message, param=param, code="invalid_value"))


def test_missing_start_time_is_400(http: httpx.Client) -> None:
    response = http.get("/v1/organization/usage/embeddings")

    assert response.status_code == 400
    assert response.json()["error"]["param"] == "start_time"
