"""Image parts in training examples: their tokens (data URLs measured, remote ones a flagged lower bound)."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from typing import Any

import pytest

from mockserver.core.catalog import ModelCatalog
from mockserver.core.config import DEFAULT_FIXTURES_DIR
from mockserver.validation import ValidationReport, validate_lines
from mockserver.validation import images as images_module
from mockserver.validation.images import HEADER_CHARS, MAX_IMAGE_BYTES, data_url_size, image_cost

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
    components = b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"  # Y, Cb, Cr: a colour (RGB) JPEG
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + components
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
        "message": "Line 1: message 2, content part 2, image_url.url is a remote image with detail 'high' or 'auto' "
        "whose size cannot be known offline: it is counted as 85 tokens (the 'detail: low' cost), so this "
        "example's token count is a lower bound",
    }
    assert report.valid


GIF = (  # a 1×1 GIF
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def png_with_colour_type(colour_type: int) -> bytes:
    image = bytearray(png(40, 30))
    image[25] = colour_type
    return bytes(image)


def cmyk_jpeg() -> bytes:
    image = bytearray(jpeg(40, 30))
    image[11] = 4  # the frame's component count
    return bytes(image)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (data_url(GIF, "image/gif"), "holds a GIF image; only JPEG, PNG and WEBP images are used"),
        (data_url(GIF, "image/png"), "holds a GIF image; only JPEG, PNG and WEBP images are used"),
        (data_url(jpeg(40, 30), "image/png"), "says image/png, but its bytes are a JPEG image"),
        ("data:image/png;base64,aGVsbG8gd29ybGQ=", "holds no JPEG, PNG or WEBP image; only JPEG, PNG and WEBP "
         "images are used"),
        ("data:image/png;base64,!!!not base64!!!", "is not valid base64"),
        ("data:image/png,rawbytes", "is not a base64 data URL (data:image/…;base64,…), so it holds no image a job "
         "can read"),
        (data_url(png_with_colour_type(0)), "is a grayscale PNG image; only RGB or RGBA images are used"),
        (data_url(png_with_colour_type(3)), "is a palette PNG image; only RGB or RGBA images are used"),
        (data_url(cmyk_jpeg(), "image/jpeg"), "is a CMYK JPEG image; only RGB or RGBA images are used"),
        (data_url(png(40, 30)[:20]), "is a PNG image whose size cannot be read (a damaged header)"),
    ],
)
@pytest.mark.parametrize("detail", ["low", "high"])
def test_data_url_image_a_job_cannot_use_is_skipped_with_a_warning(url: str, reason: str, detail: str) -> None:
    report = validate([example(url, detail)] * 10)
    assert report.tokens is not None and report.tokens.total == 10 * TEXT_ONLY_TOKENS
    assert report.issue_counts == {"image_skipped": 10}
    assert report.issues[0].to_dict() == {
        "line": 1, "example": 1, "severity": "warning", "code": "image_skipped",
        "field": "messages[1].content[1].image_url.url",
        "message": f"Line 1: message 2, content part 2, image_url.url is skipped (it adds no tokens): it {reason}",
    }
    assert report.valid


def test_image_over_10_mb_is_skipped_by_its_base64_length_without_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images_module, "_decode", _no_decoding)
    url = "data:image/png;base64," + "A" * (MAX_IMAGE_BYTES // 3 * 4 + 8)
    cost = image_cost(url, "high")
    assert (cost.tokens, cost.skipped) == (0, "holds 10.0 MB of image data, over the 10 MB limit per image")


def test_image_of_exactly_10_mb_is_used() -> None:
    image = png(3000, 2000)
    url = data_url(image + bytes(MAX_IMAGE_BYTES - len(image)))
    assert image_cost(url, "high") == (1105, None, None)


def test_skipped_images_still_count_towards_the_ten_per_example() -> None:
    parts = [{"type": "image_url", "image_url": {"url": data_url(GIF, "image/gif")}}] * 11
    line = json.dumps({"messages": [{"role": "user", "content": parts}, {"role": "assistant", "content": "a"}]})
    report = validate([line.encode()] * 10)
    assert report.issue_counts["too_many_images"] == 10


def _no_decoding(chunk: str) -> bytes:
    raise AssertionError("the payload was decoded")


def test_data_url_size_reads_a_jpeg_whose_size_marker_lies_past_the_first_chunk() -> None:
    image = jpeg(4000, 3000, padding=HEADER_CHARS * 3 // 4 + 1000)  # past the bytes the first chunk decodes to
    assert data_url_size(data_url(image, "image/jpeg")) == (4000, 3000)
