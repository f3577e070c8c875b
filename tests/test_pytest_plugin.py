"""The pytest plugin shipped in the package: a user's test file run by pytest itself, with the `mockserver` fixture."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockserver.testing import MockServer, ServerOptions, _import_openai
from tests.jobs_support import SEED_FILE
from tests.webhooks_support import SECRET, Receiver, new_job, running_receiver, unwrap

pytest_plugins = ["pytester"]

GRACE_SECONDS = 0.5  # how long a held webhook delivery waits for `advance` to return before it is answered

USER_TESTS = f'''
import asyncio
import re

import httpx
import openai
import pytest

SEED_FILE = {str(SEED_FILE)!r}
FILE_IDS = []


def new_job(client, **create):
    training = client.files.create(file=open(SEED_FILE, "rb"), purpose="fine-tune")
    FILE_IDS.append(training.id)
    return client.fine_tuning.jobs.create(model="gpt-3.5-turbo", training_file=training.id, **create)


def test_workflow_ends_in_a_model_that_answers(mockserver):
    done = mockserver.run_job_to_completion(new_job(mockserver.client).id)

    reply = mockserver.client.chat.completions.create(
        model=done.fine_tuned_model, messages=[{{"role": "user", "content": "What's the capital of France?"}}])

    assert done.status == "succeeded"
    assert reply.choices[0].message.content == "Paris, as if everyone doesn't know that already."


def test_fail_next_is_retried_by_the_sdk_and_journaled(mockserver):
    mockserver.fail_next("/v1/models", 503, method="GET")

    mockserver.client.models.list()

    attempts = [(r["status"], r["retry_count"]) for r in mockserver.requests(path="/v1/models")]
    assert attempts == [(503, 0), (200, 1)]


def test_each_test_gets_a_fresh_server_with_the_same_ids(mockserver):
    new_job(mockserver.client)

    assert (mockserver.now(), len(mockserver.requests())) == (1767225600, 2)
    assert FILE_IDS[0] == FILE_IDS[-1]


def test_scripted_job_fails_at_its_step(mockserver):
    job = new_job(mockserver.client, metadata={{"mock_fail_at": "7"}})

    failed = mockserver.run_job_to_completion(job.id)

    assert (failed.status, failed.error.code) == ("failed", "server_error")


def test_job_held_by_a_script_times_out(mockserver):
    job = new_job(mockserver.client)
    mockserver.script_job(job.id, "stay", status="queued")

    with pytest.raises(TimeoutError):
        mockserver.run_job_to_completion(job.id, max_seconds=3600)


@pytest.mark.mockserver(speed=float("inf"), seed=5)
def test_marker_sets_the_speed(mockserver):
    # at speed inf the first read after creation finds the job finished
    job = new_job(mockserver.client)
    assert mockserver.client.fine_tuning.jobs.retrieve(job.id).status == "succeeded"


@pytest.mark.parametrize("mockserver", [{{"api_keys": ["sk-only-this"]}}], indirect=True)
def test_fixture_parameter_sets_the_api_keys(mockserver):
    mockserver.client.models.list()

    with pytest.raises(openai.AuthenticationError):
        mockserver.client.with_options(api_key="sk-other").models.list()


def test_async_client_works(mockserver):
    async def list_models():
        async with mockserver.async_client as client:
            return await client.models.list()

    assert asyncio.run(list_models()).data


def test_base_url_is_the_server_and_advance_moves_its_clock(mockserver):
    clock_url = mockserver.base_url + "/_mock/clock"
    start = httpx.get(clock_url, headers=mockserver.admin_headers).json()["now"]

    moved = mockserver.advance(90)

    assert re.fullmatch(r"http://127\\.0\\.0\\.1:[0-9]+", mockserver.base_url)
    assert mockserver.api_base == mockserver.base_url + "/v1"
    assert httpx.get(mockserver.base_url + "/health").json()["status"] == "ok"
    now = httpx.get(clock_url, headers=mockserver.admin_headers).json()["now"]
    assert (start, moved, now) == (1767225600, start + 90, start + 90)
    assert mockserver.now() == start + 90


def test_the_control_plane_needs_the_handles_admin_key(mockserver):
    clock_url = mockserver.base_url + "/_mock/clock"

    refused = httpx.get(clock_url)
    with_api_key = httpx.get(clock_url, headers={{"Authorization": f"Bearer {{mockserver.api_key}}"}})
    with_admin_key = httpx.get(clock_url, headers={{"Authorization": f"Bearer {{mockserver.admin_key}}"}})

    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "invalid_admin_key")
    assert with_api_key.status_code == 401
    assert with_admin_key.status_code == 200


def test_failing_on_purpose(mockserver):
    assert mockserver.base_url == "wrong"
'''


def test_user_test_file_runs_with_the_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)

    result = pytester.runpytest_subprocess("--strict-markers", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=10, failed=1)


ASYNC_TESTS = """
import asyncio
import gc


def test_async_client_left_open(mockserver):
    async def list_models():
        await mockserver.async_client.models.list()
        return await mockserver.async_client.models.list()

    assert asyncio.run(list_models()).data


def test_next_test_sees_no_leaked_socket(mockserver):
    gc.collect()
    mockserver.client.models.list()
"""


def test_async_client_left_open_leaks_no_socket(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_async=ASYNC_TESTS)

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error::ResourceWarning",
                                           "-W", "error::pytest.PytestUnraisableExceptionWarning")

    result.assert_outcomes(passed=2)


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers")

    result.stdout.fnmatch_lines(["@pytest.mark.mockserver(seed=0, speed=1.0, *"])


def test_plugin_import_leaves_the_sdk_and_server_unloaded() -> None:
    code = ("import sys, mockserver.pytest_plugin; "
            "print(sorted(m for m in ('openai', 'uvicorn', 'mockserver.server.app') if m in sys.modules))")

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)

    assert result.stdout.strip() == "[]"


def test_client_without_the_sdk_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)

    with pytest.raises(RuntimeError, match=r"pip install 'mockserver\[pytest\]'"):
        _import_openai()


def test_unknown_option_is_named() -> None:
    with pytest.raises(TypeError, match="unknown mockserver option.*sped"):
        ServerOptions.of(sped=10)


def readme_plugin_example() -> str:
    """The README's complete plugin test file: the python block after "A complete test file"."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    after = readme[readme.index("A complete test file"):]
    return after[after.index("```python\n") + len("```python\n"):after.index("\n```", after.index("```python"))]


def test_readme_plugin_example_runs_as_written(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_readme_example=readme_plugin_example())
    shutil.copy(SEED_FILE, pytester.path / "train.jsonl")

    result = pytester.runpytest_subprocess("--strict-markers", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=4)


@pytest.fixture
def hooked_mockserver(tmp_path: Path) -> Iterator[tuple[MockServer, Receiver]]:
    """The handle outside pytest's fixture, on a server whose webhooks go to a receiver."""
    with running_receiver() as receiver:
        server = MockServer(ServerOptions(webhook_url=receiver.url, webhook_secret=SECRET), tmp_path / "data").start()
        try:
            yield server, receiver
        finally:
            server.stop()


def test_advance_returns_once_the_webhooks_it_made_due_are_sent(
    hooked_mockserver: tuple[MockServer, Receiver]
) -> None:
    server, receiver = hooked_mockserver
    job = new_job(server.client)
    receiver.hold()
    advanced = threading.Event()

    def answer_unless_advance_returned_first() -> None:
        # An advance that did not wait would return while the delivery is held, and find it undelivered.
        if receiver.wait_for(1, timeout=30) and not advanced.wait(GRACE_SECONDS):
            receiver.release()

    releaser = threading.Thread(target=answer_unless_advance_returned_first, daemon=True)
    releaser.start()
    server.advance(3600)
    advanced.set()
    delivered = [d["delivered"] for d in server.webhooks()]
    releaser.join()

    assert delivered == [True]
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.succeeded", job)]


def test_flush_webhooks_returns_the_deliveries_sent_since_the_last(
    hooked_mockserver: tuple[MockServer, Receiver]
) -> None:
    server, receiver = hooked_mockserver
    job = new_job(server.client)
    server.client.fine_tuning.jobs.cancel(job)

    flushed = server.flush_webhooks()

    assert [(d["type"], d["job_id"], d["delivered"]) for d in flushed["data"]] == [
        ("fine_tuning.job.cancelled", job, True)]
    assert (flushed["pending"], server.flush_webhooks()["data"]) == (0, [])
    assert len(receiver.received) == 1
