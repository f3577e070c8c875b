"""Does the start of an upload look like JSON Lines? For fine-tune uploads that carry no usable file name."""

from __future__ import annotations

import codecs

import orjson

from mockserver.validation.issues import json_type

# Enough for the first line of any ordinary training file; a longer first line is judged by its start.
SNIFF_BYTES = 64 * 1024
BOM = b"\xef\xbb\xbf"
SAVE_AS_UTF8 = "save the file as UTF-8 (it seems to be in another encoding, such as GBK or Windows-1252)"


def not_utf8(raw: bytes, bad: UnicodeDecodeError) -> str:
    """Where a byte string stops being UTF-8."""
    return f"is not valid UTF-8 (byte 0x{raw[bad.start]:02x} at offset {bad.start})"


def jsonl_problem(head: bytes, *, complete: bool) -> str | None:
    """Why `head`, the first bytes of a file (all of it when `complete`), is not JSON Lines; None if it is.

    Only the first non-blank line is judged; the validator checks every line when a job uses the file.
    """
    head = head.removeprefix(BOM)
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError as bad:
        return f"its content {not_utf8(head, bad)}: {SAVE_AS_UTF8}"
    first, newline, _ = text.lstrip().partition("\n")
    if not first:
        return "its content is empty" if complete else None
    if not newline and not complete:  # a first line longer than the head: judge how it starts
        return None if first.startswith("{") else "its first line is not a JSON object"
    try:
        value = orjson.loads(first)
    except orjson.JSONDecodeError:
        return "its first line is not valid JSON"
    return None if type(value) is dict else f"its first line is a JSON {json_type(value)}, not an object"
