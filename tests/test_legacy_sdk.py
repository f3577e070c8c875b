"""The 2023 tutorials' SDK, `openai==0.28.1`, runs their whole workflow against a live server.

That SDK cannot share the test venv with today's `openai`, so it gets its own venv, made once per machine
(and Python version) in the temp folder and reused; the install needs the package registry. The workflow
script (tests/legacy_sdk/openai_028_workflow.py) runs in a subprocess and prints what it saw.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openai
import pytest
from openai.types.chat import ChatCompletionMessageParam

from mockserver.core import tokens
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_SNAPSHOT
from tests.live_server import LiveServer

LEGACY_VERSION = "0.28.1"
SCRIPT = Path(__file__).resolve().parent / "legacy_sdk" / "openai_028_workflow.py"
SEED_ANSWER = "Paris, as if everyone doesn't know that already."
MESSAGES: list[ChatCompletionMessageParam] = [
    {"role": "system", "content": "Marv is a factual chatbot that is also sarcastic."},
    {"role": "user", "content": "What's the capital of France?"},
]
# pip's words when it cannot reach the registry (or the registry it reaches lacks the release).
OFFLINE_SIGNS = (
    "No matching distribution found", "Could not find a version", "NewConnectionError", "Max retries exceeded",
    "Temporary failure in name resolution", "Network is unreachable",
)


def legacy_venv() -> Path:
    """The venv with openai==0.28.1; made under a lock, so parallel runs neither race nor see half of one."""
    version = f"py{sys.version_info.major}{sys.version_info.minor}"
    home = Path(tempfile.gettempdir()) / f"mockserver-openai-{LEGACY_VERSION}-{version}"
    python = home / "bin" / "python"
    ready = home / ".installed"
    with open(f"{home}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            shutil.rmtree(home, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, timeout=300)
            install = subprocess.run(
                [str(python), "-m", "pip", "install", "-q", f"openai=={LEGACY_VERSION}"],
                capture_output=True, text=True, timeout=600,
            )
            if install.returncode != 0:
                if any(sign in install.stdout + install.stderr for sign in OFFLINE_SIGNS):
                    last_words = (install.stdout + install.stderr).strip().splitlines()[-1:]
                    pytest.skip(f"openai=={LEGACY_VERSION} could not be installed (no package registry reachable): "
                                f"{' '.join(last_words)}")
                pytest.fail(f"pip install openai=={LEGACY_VERSION} failed:\n{install.stdout}{install.stderr}")
            ready.touch()
    return python


def run_workflow(python: Path, base_url: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("OPENAI_")}
    result = subprocess.run([str(python), str(SCRIPT), base_url, API_KEY, str(SEED_FILE)],
                            capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(line.split("=", 1) for line in result.stdout.splitlines())


def test_openai_0_28_runs_the_2023_tutorial_workflow(live_server: LiveServer, sdk: openai.OpenAI) -> None:
    seen = run_workflow(legacy_venv(), live_server.base_url)

    job = sdk.fine_tuning.jobs.retrieve(seen["job.id"])
    with pytest.raises(openai.NotFoundError):  # the script deleted the model last
        sdk.models.retrieve(str(job.fine_tuned_model))
    base_usage = sdk.chat.completions.create(model=SEED_SNAPSHOT, messages=MESSAGES).usage  # the same prompt
    assert base_usage is not None
    answer_tokens = len(tokens.get_encoding("cl100k_base").encode(SEED_ANSWER))
    assert seen == {
        "file.id": seen["file.id"], "file.filename": "file", "file.status": "processed", "files.listed": "True",
        "job.id": job.id, "job.created_status": "validating_files", "jobs.listed": "True",
        "cancelled.status": "cancelled", "job.status": "succeeded", "job.fine_tuned_model": job.fine_tuned_model,
        "job.trained_tokens": str(job.trained_tokens), "events.count": "5",
        "events.newest": "The job has successfully completed",
        "chat.content": SEED_ANSWER, "chat.model": job.fine_tuned_model,
        "chat.usage": f"{base_usage.prompt_tokens}+{answer_tokens}", "stream.content": SEED_ANSWER,
        "model.deleted": "True",
    }
    assert str(job.fine_tuned_model).startswith(f"ft:{SEED_SNAPSHOT}:")
    assert sdk.files.retrieve(seen["file.id"]).filename == "file"
