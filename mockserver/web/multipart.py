"""Streaming multipart/form-data: text fields into memory, file parts straight to temporary files on disk."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MAX_BOUNDARY_LENGTH, MultipartParser, parse_options_header

from mockserver.core.errors import InvalidRequest

MAX_FIELD_BYTES = 64 * 1024


class FileTooLarge(Exception):
    """A file part grew past the allowed size; nothing of it is kept."""


@dataclass
class FilePart:
    field_name: str
    filename: str
    path: Path
    size: int = 0


@dataclass
class ParsedForm:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, FilePart] = field(default_factory=dict)

    def discard(self) -> None:
        for part in self.files.values():
            part.path.unlink(missing_ok=True)


def boundary_of(content_type: str | None) -> bytes:
    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise InvalidRequest(
            "Invalid Content-Type header: expected multipart/form-data with a boundary.",
            param="Content-Type",
            code="invalid_content_type",
        )
    boundary = params[b"boundary"]
    if len(boundary) > MAX_BOUNDARY_LENGTH:
        raise InvalidRequest(
            f"Invalid Content-Type header: the multipart boundary is {len(boundary)} characters long; at most "
            f"{MAX_BOUNDARY_LENGTH} are accepted (RFC 2046 asks for at most 70).",
            param="Content-Type",
            code="invalid_content_type",
        )
    return boundary


def _filename(raw: bytes, field_name: str) -> str:
    """A part's file name, which must be UTF-8 (a lone surrogate's bytes are not): it is stored and echoed."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidRequest(
            f"Invalid file name for '{field_name}': byte {error.start} is not valid UTF-8. Send the file name as "
            "UTF-8.", param=field_name, code="invalid_value",
        ) from None


class _FormBuilder:
    """Receives python-multipart callbacks and builds a ParsedForm."""

    def __init__(self, new_temp_path: Callable[[], Path], max_file_bytes: int) -> None:
        self.form = ParsedForm()
        self._new_temp_path = new_temp_path
        self._max_file_bytes = max_file_bytes
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._name = ""
        self._file: BinaryIO | None = None
        self._part: FilePart | None = None
        self._value = bytearray()
        self.ended = False

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._append_header("_header_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._append_header("_header_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _append_header(self, attribute: str, data: bytes) -> None:
        setattr(self, attribute, getattr(self, attribute) + data)

    def _part_begin(self) -> None:
        self._headers, self._value, self._part, self._file = {}, bytearray(), None, None

    def _header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field, self._header_value = b"", b""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in params:
            filename = _filename(params[b"filename"], self._name)
            self._part = FilePart(self._name, filename, self._new_temp_path())
            self._file = open(self._part.path, "wb")
            replaced = self.form.files.get(self._name)
            if replaced is not None:  # a field sent twice: the last one counts, as for plain fields
                replaced.path.unlink(missing_ok=True)
            self.form.files[self._name] = self._part

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None and self._part is not None:
            self._part.size += end - start
            if self._part.size > self._max_file_bytes:
                raise FileTooLarge()
            self._file.write(data[start:end])
            return
        self._value += data[start:end]
        if len(self._value) > MAX_FIELD_BYTES:
            raise InvalidRequest(f"The form field '{self._name}' is too long.", param=self._name)

    def _part_end(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        else:
            self.form.fields[self._name] = self._value.decode("utf-8", "replace")

    def _end(self) -> None:
        self.ended = True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


async def parse_form(
    chunks: AsyncIterator[bytes],
    *,
    content_type: str | None,
    new_temp_path: Callable[[], Path],
    max_file_bytes: int,
) -> ParsedForm:
    """Parse a multipart body as it arrives. On any error every temporary file is removed.

    A file part over `max_file_bytes` raises FileTooLarge, but only after the rest of the body has
    been read and dropped: clients such as httpx send the whole body before reading the answer.
    """
    builder = _FormBuilder(new_temp_path, max_file_bytes)
    parser = MultipartParser(boundary_of(content_type), builder.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in chunks:
            received += len(chunk)
            parser.write(chunk)
        parser.finalize()
        # python-multipart does not check that the closing boundary came; an empty body is an empty form.
        if received and not builder.ended:
            raise InvalidRequest("The multipart body ended in the middle of a part.", param="file")
    except FileTooLarge:
        builder.close()
        builder.form.discard()
        async for _ in chunks:
            pass
        raise
    except FormParserError as exc:
        builder.close()
        builder.form.discard()
        # The parser's own wording (byte offsets, library details) is not part of the API.
        raise InvalidRequest(
            "Could not parse the multipart form: the body is not valid multipart/form-data.", param="file"
        ) from exc
    except BaseException:
        builder.close()
        builder.form.discard()
        raise
    return builder.form
