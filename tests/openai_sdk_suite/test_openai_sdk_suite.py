"""openai-python's own generated API tests (vendored from its sdist, see vendor/VERSION) as a judge.

A `mockserver serve --lenient-ids` runs on a free port and the vendored tests of the resources we serve
(served.py) run against it in their own pytest process, with strict response validation. Only the sync tests run:
the async ones repeat them through another client (and, for aiohttp, need a package we do not install).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.openai_sdk_suite.results import Outcome, outcomes, tally
from tests.openai_sdk_suite.served import SERVED
from tests.server_process import server_process

VENDOR = Path(__file__).resolve().parent / "vendor"
# The goal is 0.9 (issue 13); today 398 of 464 pass (0.858) and the rest fail on requests the real API refuses
# too, or on the SDK's own gap (README, "OpenAI's SDK test suite"). A floor, not a wish: raise it as fixes land.
REQUIRED_PASS_RATE = 0.85
# Shape failures that are the SDK's: (resource, method) -> why. Listed in the README, not asserted on.
SDK_GAPS = {
    ("fine_tuning/test_jobs.py", "pause"): "the real API answers status 'paused', which the SDK's Literal lacks",
}
SUITE_TIMEOUT_SECONDS = 170


def run_vendored_suite(base_url: str, junit_xml: Path) -> subprocess.CompletedProcess[str]:
    files = [f"tests/api_resources/{resource}" for resource in SERVED]
    environment = {**os.environ, "TEST_API_BASE_URL": f"{base_url}/v1", "OPENAI_TEST_HTTP_CLIENT": "httpx2"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:mockserver",
               "-c", "pytest.ini", "--rootdir", ".", "-k", "not Async", "--tb=line", f"--junitxml={junit_xml}",
               *files]
    return subprocess.run(command, cwd=VENDOR, env=environment, capture_output=True, text=True,
                          timeout=SUITE_TIMEOUT_SECONDS)


def report(results: list[Outcome]) -> str:
    lines = []
    for resource, counts in sorted(tally(results).items()):
        line = f"  {resource}: {counts['served_passed']}/{counts['served_total']} passed"
        if counts["unserved_total"]:
            line += f" (+ {counts['unserved_passed']}/{counts['unserved_total']} of methods we do not serve)"
        lines.append(line)
    served = [outcome for outcome in results if outcome.served]
    passed = sum(outcome.passed for outcome in served)
    reasons = Counter(f"{o.resource} {o.method}: {o.message.splitlines()[0][:140] if o.message else 'skipped'}"
                      for o in served if not o.passed)
    return "\n".join([f"openai-python {(VENDOR / 'VERSION').read_text().strip()} API tests, served resources: "
                      f"{passed}/{len(served)} passed", *lines, "served tests that fail:",
                      *(f"  {count} × {reason}" for reason, count in sorted(reasons.items()))])


def test_openai_sdk_suite_passes_for_the_resources_we_serve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junit_xml = tmp_path / "suite.xml"
    with server_process(tmp_path, "--lenient-ids") as (base_url, _):
        completed = run_vendored_suite(base_url, junit_xml)
    assert junit_xml.exists(), completed.stdout[-3000:] + completed.stderr[-3000:]
    results = outcomes(junit_xml)
    with capsys.disabled():  # the pass count shows in every run's output (CI's too), not only on failure
        print("\n" + report(results))

    not_on_a_client_error = [f"{o.resource}::{o.name}: {o.message}" for o in results
                             if not o.passed and not o.skipped and not (o.status and 400 <= o.status < 500)
                             and (o.resource, o.method) not in SDK_GAPS]
    assert not_on_a_client_error == [], "failed on a 5xx, a response shape or an assertion"
    served = [outcome for outcome in results if outcome.served]
    assert served, "no served test ran"
    assert sum(outcome.passed for outcome in served) >= REQUIRED_PASS_RATE * len(served), report(results)
