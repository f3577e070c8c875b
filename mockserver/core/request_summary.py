"""A request body summarised as it streams past, for the request journal. Pure: bytes in, a JSON value out.

JSON bodies become the parsed value, shortened to a few KB (long strings cut, long arrays elided).
Multipart bodies become field values and, for file parts, the file name and size: never the content.
Anything else becomes its content type and size.
A small JSON body is kept as sent instead (`RawJson`) and summarised only when the journal is read: parsing,
shortening and dumping it cost a request more than keeping its bytes, and the journal is read rarely.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import orjson
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

MAX_JSON_CAPTURE = 256 * 1024  # larger JSON bodies are not parsed, only counted
MAX_SUMMARY_CHARS = 4096
MAX_STRING = 256
MAX_ITEMS = 20
MAX_PARTS = 50
MAX_DEPTH = 16
LONG_DIGIT_RUN = re.compile(rb"[0-9]{19}")  # where an integer may not fit in 64 bits


def shorten(value: Any, depth: int = 0) -> Any:
    """The value with strings cut to MAX_STRING characters, arrays/objects to MAX_ITEMS members and nesting
    to MAX_DEPTH levels."""
    if isinstance(value, str):
        return value if len(value) <= MAX_STRING else value[:MAX_STRING] + "…"
    if isinstance(value, (list, dict)) and depth == MAX_DEPTH:
        return "…"
    if isinstance(value, list):
        head = [shorten(item, depth + 1) for item in value[:MAX_ITEMS]]
        return head + ([f"… {len(value) - MAX_ITEMS} more"] if len(value) > MAX_ITEMS else [])
    if isinstance(value, dict):
        items = list(value.items())
        short = {key: shorten(item, depth + 1) for key, item in items[:MAX_ITEMS]}
        if len(items) > MAX_ITEMS:
            short["…"] = f"{len(items) - MAX_ITEMS} more"
        return short
    return value


def _is_utf8(text: str) -> bool:
    """False when `text` holds a lone surrogate: JSON lets `"\\ud800"` through, UTF-8 (SQLite's) cannot write it."""
    try:
        return text.isascii() or bool(text.encode("utf-8"))
    except UnicodeEncodeError:
        return False


def _without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class _MultipartSummary:
    def __init__(self, boundary: bytes) -> None:
        self.fields: dict[str, str] = {}
        self.files: list[dict[str, Any]] = []
        self._headers: dict[bytes, bytes] = {}
        self._field, self._value = b"", b""
        self._name = ""
        self._file: dict[str, Any] | None = None
        self._text = bytearray()
        self.parser = MultipartParser(boundary, {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: setattr(self, "_field", self._field + d[s:e]),
            "on_header_value": lambda d, s, e: setattr(self, "_value", self._value + d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        })

    def _part_begin(self) -> None:
        self._headers, self._file, self._text = {}, None, bytearray()

    def _header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in params and len(self.files) < MAX_PARTS:
            self._file = {
                "field": self._name, "filename": params[b"filename"].decode("utf-8", "replace"),
                "content_type": self._headers.get(b"content-type", b"").decode("latin-1") or None, "bytes": 0,
            }
            self.files.append(self._file)

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file["bytes"] += end - start
        elif len(self._text) <= MAX_STRING * 4:
            self._text += data[start:end]

    def _part_end(self) -> None:
        if self._file is None and len(self.fields) < MAX_PARTS:
            self.fields[self._name] = shorten(self._text.decode("utf-8", "replace"))

    def result(self) -> dict[str, Any]:
        return {"fields": self.fields, "files": self.files}


@dataclass(frozen=True)
class RawJson:
    """A JSON body of at most MAX_SUMMARY_CHARS bytes, as sent: its summary is made when it is read."""

    content_type: str | None
    data: bytes

    def summary(self) -> Any:
        """What `BodySummary.result()` gives for the same body."""
        body = BodySummary(self.content_type)
        body.feed(self.data)
        return body.result()


class BodySummary:
    """Fed the body's chunks in order; `result()` at any point summarises what has arrived."""

    def __init__(self, content_type: str | None) -> None:
        self.content_type = content_type or None
        self._json, boundary = _kind_of(content_type or "")
        self.bytes = 0
        self._captured = bytearray()
        self._multipart: _MultipartSummary | None = None
        self._multipart_broken = False
        if boundary:
            try:
                self._multipart = _MultipartSummary(boundary)
            except FormParserError:  # a boundary the parser refuses (over 256 bytes): summarised as bytes only
                self._multipart = None

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.bytes += len(chunk)
        if self._multipart is not None and not self._multipart_broken:
            try:
                self._multipart.parser.write(chunk)
            except FormParserError:
                self._multipart_broken = True
        elif self._json and len(self._captured) <= MAX_JSON_CAPTURE:
            self._captured += chunk[: MAX_JSON_CAPTURE + 1 - len(self._captured)]

    def for_journal(self) -> Any:
        """The summary, or for a small JSON body the body itself, summarised when read (`RawJson`)."""
        if self._json and 0 < self.bytes <= MAX_SUMMARY_CHARS:
            return RawJson(self.content_type, bytes(self._captured))
        return self.result()

    def result(self) -> Any:
        if self.bytes == 0:
            return None
        if self._multipart is not None:
            return self._multipart.result()
        about: dict[str, Any] = {"content_type": self.content_type, "bytes": self.bytes}
        if not self._json:
            return about
        if self.bytes > MAX_JSON_CAPTURE:
            return {**about, "truncated": True}
        try:
            value = shorten(_parse(self._captured))
        except (ValueError, RecursionError):  # RecursionError: nested deeper than json can parse
            return {**about, "invalid_json": True}
        if _clearly_short_and_utf8(value):
            return value
        text = json.dumps(value, ensure_ascii=False)
        if len(text) > MAX_SUMMARY_CHARS:
            return {**about, "truncated": True}
        return value if _is_utf8(text) else json.loads(_without_lone_surrogates(text))


@functools.lru_cache(maxsize=256)
def _kind_of(content_type: str) -> tuple[bool, bytes | None]:
    """(a JSON body?, a multipart body's boundary): remembered, as most requests send one of a few content types."""
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary") if kind == b"multipart/form-data" else None
    return kind == b"application/json" or kind.endswith(b"+json"), boundary


def _parse(body: bytearray) -> Any:
    """The JSON value: orjson's (several times quicker), else json's, which also takes what orjson refuses (NaN,
    lone surrogates, UTF-16) and keeps integers beyond 64 bits exact (orjson makes them floats)."""
    if LONG_DIGIT_RUN.search(body) is None:
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            pass
    return json.loads(body)


def _clearly_short_and_utf8(value: Any) -> bool:
    """True when `json.dumps(value, ensure_ascii=False)` is UTF-8 and within MAX_SUMMARY_CHARS, known from orjson's
    compact form: that refuses lone surrogates, and json's form is at most twice as long (a space after each
    separator; `Infinity` for `null`)."""
    try:
        return 2 * len(orjson.dumps(value)) <= MAX_SUMMARY_CHARS
    except TypeError:  # a lone surrogate or an integer beyond 64 bits
        return False
