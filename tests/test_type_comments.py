"""Every module parses as type-comment readers (mypy, `ast.parse(type_comments=True)`) read it: a comment
starting `# type:` is theirs, so a plain comment must not start that way."""

from __future__ import annotations

import ast
from pathlib import Path

import mockserver

PACKAGE = Path(mockserver.__file__).parent


def unparsable_with_type_comments() -> list[str]:
    failures = []
    for path in sorted(PACKAGE.rglob("*.py")):
        try:
            ast.parse(path.read_text(), filename=str(path), type_comments=True)
        except SyntaxError as exc:
            failures.append(f"{path.relative_to(PACKAGE)}:{exc.lineno}")
    return failures


def test_no_plain_comment_reads_as_a_type_comment() -> None:
    assert unparsable_with_type_comments() == []
