"""A batch input file's checks, as the Batch API makes them while `validating`: pure and streaming.

Each line is a JSON object `{"custom_id", "method": "POST", "url": <the batch's endpoint>, "body": {…}}`,
custom ids are unique, every body names the same `model`, at most MAX_REQUESTS lines and MAX_BYTES bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

MAX_REQUESTS = 50_000
MAX_BYTES = 200 * 1024 * 1024
MAX_REPORTED_ERRORS = 100  # a file with thousands of bad lines reports the first ones


@dataclass
class BatchInputReport:
    """What validation found: the request count, the one model, and errors (`BatchError`s) naming lines."""

    total: int = 0
    model: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, code: str, message: str, *, line: int | None = None, param: str | None = None) -> None:
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"code": code, "message": message, "param": param, "line": line})


def validate_batch_input(lines: Iterable[bytes], *, endpoint: str, size: int) -> BatchInputReport:
    """Check every line of the file (`size` bytes) for a batch on `endpoint`."""
    report = BatchInputReport()
    if size > MAX_BYTES:
        report.add("file_too_large", f"The batch input file is larger than the {MAX_BYTES // 2**20} MB limit.")
        return report
    custom_ids: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        report.total += 1
        _check_line(report, raw, number, endpoint=endpoint, custom_ids=custom_ids)
    if report.total == 0:
        report.add("empty_file", "The batch input file is empty.")
    elif report.total > MAX_REQUESTS:
        report.add("too_many_requests", f"The batch input file has {report.total} requests; the limit is "
                   f"{MAX_REQUESTS}.")
    return report


def _check_line(report: BatchInputReport, raw: bytes, line: int, *, endpoint: str, custom_ids: set[str]) -> None:
    try:
        request = orjson.loads(raw)
    except orjson.JSONDecodeError:
        report.add("invalid_json_line", f"This line is not parseable as valid JSON (line {line}).", line=line)
        return
    if not isinstance(request, dict):
        report.add("invalid_json_line", f"This line is not a JSON object (line {line}).", line=line)
        return
    for name, kind in (("custom_id", str), ("method", str), ("url", str), ("body", dict)):
        if not isinstance(request.get(name), kind):
            expected = "an object" if kind is dict else "a string"
            report.add("missing_required_parameter", f"Missing or invalid '{name}' on line {line}: expected "
                       f"{expected}.", line=line, param=name)
            return
    if request["custom_id"] in custom_ids:
        report.add("duplicate_custom_id", f"The custom_id '{request['custom_id']}' on line {line} is a duplicate "
                   "of another request. The custom_id parameter must be unique for each request in a batch.",
                   line=line, param="custom_id")
    custom_ids.add(request["custom_id"])
    if request["method"] != "POST":
        report.add("invalid_method", f"The method '{request['method']}' on line {line} is not supported. Only "
                   "'POST' is supported.", line=line, param="method")
    if request["url"] != endpoint:
        report.add("invalid_url", f"The url '{request['url']}' on line {line} does not match the batch's endpoint "
                   f"'{endpoint}'.", line=line, param="url")
    _check_model(report, request["body"].get("model"), line)


def _check_model(report: BatchInputReport, model: Any, line: int) -> None:
    if not isinstance(model, str):
        report.add("missing_required_parameter", f"Missing 'body.model' on line {line}.", line=line,
                   param="body.model")
    elif report.model is None:
        report.model = model
    elif model != report.model:
        report.add("mismatched_model", f"The model '{model}' on line {line} differs from '{report.model}' of the "
                   "earlier lines. All requests in a batch must use the same model.", line=line, param="body.model")
