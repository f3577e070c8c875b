"""A python grader runs in a child process with limits: what it may not do fails its run, not the server."""

from __future__ import annotations

from pathlib import Path

from mockserver.graders.python_runner import run_python

SAMPLE = {"output_text": "Paris"}


def grade(body: str) -> str:
    return "def grade(sample, item):\n" + "".join(f"    {line}\n" for line in body.splitlines())


def test_the_reward_is_what_grade_returns() -> None:
    result = run_python(grade("return 1.0 if sample['output_text'] == item['label'] else 0.0"),
                        SAMPLE, {"label": "Paris"}, timeout=10)

    assert (result.reward, result.error) == (1.0, None)


def test_memory_beyond_the_limit_is_a_runtime_error() -> None:
    result = run_python(grade("block = bytearray(2 * 1024 ** 3)\nreturn 1.0"), SAMPLE, {}, timeout=10)

    assert result.reward == 0.0 and "MemoryError" in (result.error or "")


def test_it_cannot_write_files_and_sees_no_environment(tmp_path: Path) -> None:
    target = tmp_path / "written.txt"
    writes = run_python(grade(f"open({str(target)!r}, 'w').write('x' * 100000)\nreturn 1.0"), SAMPLE, {}, timeout=10)
    # Python itself may set LC_CTYPE (locale coercion); nothing of the server's environment is passed on.
    environment = run_python(grade("import os\nreturn float(set(os.environ) <= {'LC_CTYPE'})"), SAMPLE, {},
                             timeout=10)

    assert writes.reward == 0.0 and "File too large" in (writes.error or "")
    assert not target.exists() or target.stat().st_size == 0
    assert environment.reward == 1.0


def test_a_reward_that_is_not_a_number_is_a_runtime_error() -> None:
    result = run_python(grade("return 'high'"), SAMPLE, {}, timeout=10)

    assert result.reward == 0.0 and "could not convert" in (result.error or "")
