"""Map a validation report's first fatal problem to the real fine-tuning job `error` (reference §2.7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockserver.validation.formats import FORMAT_NAMES, MIN_EXAMPLES
from mockserver.validation.issues import Issue

if TYPE_CHECKING:
    from mockserver.validation.report import ValidationReport

INVALID = "invalid_training_file"
PARSE_CODES = frozenset({"invalid_json", "invalid_utf8", "not_an_object"})


def job_error(
    report: ValidationReport, *, file_role: str | None = None, file_id: str | None = None
) -> dict[str, Any] | None:
    """`{code, message, param}` for a job whose file is this report's, or None when it would pass.

    Order, as a job would fail: a file in the wrong format for the method or model; then too few
    examples; then too many (RFT caps); then the first error in line order. Templates are the real
    ones where known; the rest follow their "Invalid file format. Example <i>, …" pattern (marked
    "mock wording"). Examples, messages and other list items are numbered from 1, in words ("Example 2,
    message 2"), as in every issue message (issues.in_words); only an issue's `field` is a 0-based JSON
    path. The real numbering base is unconfirmed. `file_role` picks the param
    (`training_file`/`validation_file`, default: the report's); `file_id` fills "Input file <id>".
    """
    param = file_role or report.file_role
    kind = "training" if param == "training_file" else "validation"
    mismatch = report.first_issue("format_mismatch")
    if mismatch is not None:
        return _error(INVALID, _prefix(kind) + _mismatch_text(mismatch, file_id), param)
    if report.n_examples < MIN_EXAMPLES:
        message = (
            f"{kind.capitalize()} file has {report.n_examples} example(s), "
            f"but must have at least {MIN_EXAMPLES} examples"
        )
        return _error("invalid_n_examples", message, param)
    first = report.first_issue("too_many_examples") or report.first_error()
    if first is None:
        return None
    if first.code in ("unknown_key", "unknown_message_key"):
        # Real wording for an unrecognised key, with its own code and prefix.
        message = (
            f"The job failed due to a file format error in the {kind} file. Invalid file format. "
            f"Example {first.example} contains an extra \"{first.data['key']}\"."
        )
        return _error("invalid_file_format", message, param)
    return _error(INVALID, _prefix(kind) + _issue_text(first), param)


def _error(code: str, message: str, param: str) -> dict[str, Any]:
    return {"code": code, "message": message, "param": param}


def _prefix(kind: str) -> str:
    return f"The job failed due to an invalid {kind} file. "


def _mismatch_text(issue: Issue, file_id: str | None) -> str:
    subject = f"Input file {file_id}" if file_id else "Input file"
    found = FORMAT_NAMES[issue.data["found"]]
    if issue.data["method_mismatch"]:
        return (
            f"Invalid file format. {subject} is in the {found} format, but the specified fine-tuning job "
            f"is not using '{issue.data['needs_method']}' as the training method "
            f"(provided method={issue.data['method']})."
        )
    # Mock wording (same-method, wrong-model case: prompt/completion vs chat).
    return (
        f"Invalid file format. {subject} is in the {found} format, but the model {issue.data['model']} "
        f"requires the {FORMAT_NAMES[issue.data['expected']]} format."
    )


def _issue_text(issue: Issue) -> str:
    example, data = issue.example, issue.data
    if issue.code in PARSE_CODES:
        return f"Invalid file format. Example {example} cannot be parsed. Error: {data['error']}"
    if issue.code == "unexpected_format":
        return "Unexpected file format, expected either prompt/completion pairs or chat messages."
    if issue.code == "missing_role":
        return (
            f"Invalid file format. Example {example}, message {data['message']} "
            "Discriminator 'role' is missing in value"
        )
    if issue.code == "unrecognized_role":
        tags = "'system', 'developer', 'user', 'assistant', 'tool', 'function'"
        return (
            f"Invalid file format. Example {example}, message {data['message']} Input tag '{data['tag']}' "
            f"found using 'role' does not match any of the expected tags: {tags}"
        )
    if issue.code == "missing_key":
        return f"Invalid file format. Example {example} is missing key '{data['key']}'."
    if issue.code == "special_token":
        return f"Invalid file format. Example {example} message contains an invalid token: {data['token']}."
    if example is None:  # file-level findings (mock wording)
        return f"Invalid file format. {data['text']}."
    return f"Invalid file format. Example {example}, {data['text']}"  # mock wording
