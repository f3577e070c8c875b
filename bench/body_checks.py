"""What the hostile-input guards cost on every request, against what they guard, in the same run.

Usage: python bench/body_checks.py [--repeat N]

- JSON body check (mockserver/web/request_json.py): `parse_json_body` on a typical chat completion body, over plain
  `json.loads` of the same bytes (FastAPI's own parse, which it replaces). Also a body with an emoji escaped
  as a surrogate pair, which takes the full walk.
- Path globs (mockserver/core/path_glob.py): `path_matches` on the globs of the docs, over the regex they used to
  compile to; and pathological patterns (2,001 `*a`, without and with `**`) that the regex could not finish,
  timed alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mockserver.core.path_glob import path_matches  # noqa: E402
from mockserver.web.request_json import parse_json_body  # noqa: E402

CHAT = json.dumps({"model": "ft:gpt-3.5-turbo-0125:org::abc123", "messages": [
    {"role": "system", "content": "You are a trivia assistant for a quiz night."},
    {"role": "user", "content": "Which planet has the most moons? Answer in one sentence, please."}],
    "temperature": 0.2, "max_tokens": 64}).encode()
CHAT_EMOJI = CHAT.replace(b"please.", b"please \\ud83d\\ude00")
GLOBS = [("/v1/files/*", "/v1/files/file-abcdefghijklmnopqrstuv"),
         ("/v1/**/content", "/v1/files/file-abcdefghijklmnopqrstuv/content"),
         ("/v1/fine_tuning/jobs/*/events", "/v1/fine_tuning/jobs/ftjob-abcdefghijklmnopqrstuvwx/events")]


def regex_of(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*|\*|\?)", pattern)
    wildcards = {"**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(part, re.escape(part)) for part in parts))


def per_call_us(statement: object, number: int) -> float:
    return min(timeit.repeat(statement, number=number, repeat=5)) / number * 1e6  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20_000)
    number = parser.parse_args().repeat
    loads = per_call_us(lambda: json.loads(CHAT), number)
    checked = per_call_us(lambda: parse_json_body(CHAT), number)
    walked = per_call_us(lambda: parse_json_body(CHAT_EMOJI), number)
    print(f"chat body: json.loads {loads:.2f} us, parse_json_body {checked:.2f} us (x{checked / loads:.2f}); "
          f"with a surrogate pair (full walk) {walked:.2f} us (x{walked / loads:.2f})")
    for pattern, path in GLOBS:
        compiled = regex_of(pattern)
        regex = per_call_us(lambda: compiled.fullmatch(path), number)  # noqa: B023
        glob = per_call_us(lambda: path_matches(pattern, path), number)  # noqa: B023
        print(f"{pattern!r}: regex {regex:.2f} us, path_glob {glob:.2f} us (x{glob / regex:.1f})")
    path = "/v1/files/" + "a" * 2000 + "b"  # 2,000 'a': one short of what each pattern needs
    for pattern in ("/v1/files/" + "*a" * 2001 + "*b", "/v1/**/" + "*a" * 2001 + "*b"):
        seconds = min(timeit.repeat(lambda: path_matches(pattern, path), number=1, repeat=3))  # noqa: B023
        print(f"{pattern[:16]}… (2,001 '*a') against a 2,011-character path: {seconds * 1000:.1f} ms "
              "(as one regex: did not finish in minutes)")


if __name__ == "__main__":
    main()
