"""Path globs: the documented semantics, and no pattern whose match takes longer than linear time."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from mockserver.core.path_glob import path_matches

GENEROUS_SECONDS = 30  # a linear match of these takes milliseconds; a backtracking one, minutes to forever


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("/v1/**", "/v1/", True),
        ("/v1/***", "/v1/files/a", True),  # a run of stars is `**`
        ("/v1/*/*", "/v1/files/a", True),
        ("/v1/*/*", "/v1/files/a/b", False),
        ("/v1/?", "/v1//", False),  # `?` is one character of a segment, never `/`
        ("/v1/*a*b", "/v1/xaybz", False),
        ("/v1/*a*b", "/v1/xayb", True),
        ("/v1/**/b", "/v1/a/b/c/b", True),
        ("/v1/*?", "/v1/", False),
        ("/v1/f*s", "/v1/files", True),
        ("/v1/f*s", "/v1/fil/es", False),
    ],
)
def test_glob_semantics(pattern: str, path: str, matched: bool) -> None:
    assert path_matches(pattern, path) is matched


PATHOLOGICAL = textwrap.dedent("""
    from mockserver.core.path_glob import path_matches
    cases = [
        ("/v1/" + "*" * 1000 + "x", "/v1/" + "a" * 20_000),
        ("/v1/" + "*a" * 500 + "*b", "/v1/" + "a" * 400 + "b"),
        ("/v1/" + "**a" * 500 + "/b", "/v1/" + "a/" * 400 + "b"),
        ("/v1/" + "?*" * 500 + "/", "/v1/" + "a" * 400 + "/"),
    ]
    print([path_matches(pattern, path) for pattern, path in cases])
""")


def test_pathological_patterns_finish_in_linear_time() -> None:
    # In a subprocess: a backtracking regex holds the GIL, so a thread could not even be timed out.
    done = subprocess.run([sys.executable, "-c", PATHOLOGICAL], capture_output=True, text=True,
                          timeout=GENEROUS_SECONDS, check=True)

    assert done.stdout.strip() == "[False, False, False, False]"
