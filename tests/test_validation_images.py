"""Image parts in training examples: their tokens (data URLs measured, remote ones a flagged lower bound)."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from typing import Any

import pytest

from mockserver.catalog import ModelCatalog
from mockserver.config import DEFAULT_FIXTURES_DIR
from mockserver.validation import ValidationReport, validate_lines
from mockserver.validation.images import HEADER_CHARS, data_url_size

CATALOG = ModelCatalog.load(DEFAULT_FIXTURES_DIR / "models.json")
TEXT_ONLY_TOKENS = 25  # the example below without its image part (gpt-4o-2024-08-06, o200k_base)


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def jpeg(width: int, height: int, *, padding: int = 0) -> bytes:
    """A JPEG header whose size marker follows an APP1 segment of `padding` bytes (as EXIF data does)."""
    app1 = b"\xff\xe1" + struct.pack(">H", padding + 2) + bytes(padding) if padding else b""
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app1 + frame + b"\xff\xd9"


def data_url(image: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(image).decode()}"


def example(url: str, detail: str | None = None) -> bytes:
    image: dict[str, Any] = {"url": url} if detail is None else {"url": url, "detail": detail}
    messages = [
        {"role": "system", "content": "Describe images."},
        {"role": "user", "content": [
            {"type": "text", "text": "What is this?"}, {"type": "image_url", "image_url": image},
        ]},
        {"role": "assistant", "content": "A picture."},
    ]
    return json.dumps({"messages": messages}).encode()


def validate(lines: list[bytes]) -> ValidationReport:
    return validate_lines(iter(lines), spec=CATALOG.get("gpt-4o-2024-08-06"))


@pytest.mark.parametrize(
    ("url", "detail", "image_tokens"),
    [
        (data_url(png(3000, 2000)), "high", 1105),
        (data_url(png(3000, 2000)), None, 1105),
        (data_url(png(3000, 2000)), "low", 85),
        (data_url(jpeg(1200, 800), "image/jpeg"), "auto", 1105),
        ("https://example.com/a.png", "low", 85),
    ],
)
def test_image_tokens_are_counted_into_example_and_billing_tokens(
    url: str, detail: str | None, image_tokens: int
) -> None:
    report = validate([example(url, detail)] * 10)
    assert report.tokens is not None
    assert (report.tokens.min, report.tokens.max) == (TEXT_ONLY_TOKENS + image_tokens,) * 2
    assert report.billing_tokens == 10 * (TEXT_ONLY_TOKENS + image_tokens)
    assert report.n_warnings == 0


@pytest.mark.parametrize("detail", ["high", "auto", None])
def test_remote_image_at_high_detail_counts_as_low_and_warns_of_a_lower_bound(detail: str | None) -> None:
    report = validate([example("https://example.com/a.png", detail)] * 10)
    assert report.tokens is not None and report.tokens.total == 10 * (TEXT_ONLY_TOKENS + 85)
    assert report.issue_counts == {"image_size_unknown": 10}
    assert report.issues[0].to_dict() == {
        "line": 1, "example": 1, "severity": "warning", "code": "image_size_unknown",
        "field": "messages[1].content[1].image_url.url",
        "message": "Line 1: messages[1].content[1].image_url.url is a remote image with detail 'high' or 'auto' "
        "whose size cannot be known offline: it is counted as 85 tokens (the 'detail: low' cost), so this "
        "example's token count is a lower bound",
    }
    assert report.valid


@pytest.mark.parametrize("payload", ["aGVsbG8gd29ybGQ=", "!!!not base64!!!"])
def test_unreadable_data_url_image_counts_as_low_and_warns(payload: str) -> None:
    report = validate([example(f"data:image/png;base64,{payload}")] * 10)
    assert report.tokens is not None and report.tokens.total == 10 * (TEXT_ONLY_TOKENS + 85)
    assert report.issue_counts == {"unreadable_image": 10}
    assert report.issues[0].message == (
        "Line 1: messages[1].content[1].image_url.url does not decode to an image whose size can be read: "
        "counted as 85 tokens; the real job skips images it cannot read"
    )


def test_data_url_size_reads_a_jpeg_whose_size_marker_lies_past_the_first_chunk() -> None:
    image = jpeg(4000, 3000, padding=HEADER_CHARS * 3 // 4 + 1000)  # past the bytes the first chunk decodes to
    assert data_url_size(data_url(image, "image/jpeg")) == (4000, 3000)
