"""The images of a training example: which ones a job skips (reference §3.2) and what the rest cost in tokens."""

from __future__ import annotations

import base64
import binascii
import io
from typing import NamedTuple

import imagesize

from mockserver.core.tokens import IMAGE_BASE_TOKENS, image_tokens

# Enough of a data URL for the dimensions of a PNG or WEBP, and of most JPEGs (whose size marker
# follows the EXIF and colour-profile segments; the whole image is decoded when it lies further on).
HEADER_CHARS = 64 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024  # "≤ 10 MB per image"; larger images are skipped
USED_FORMATS = ("jpeg", "png", "webp")
FORMAT_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF", "bmp": "BMP", "tiff": "TIFF"}
MIME_FORMATS = {"image/jpeg": "jpeg", "image/jpg": "jpeg", "image/png": "png", "image/webp": "webp"}
# PNG colour types and JPEG component counts that are neither RGB nor RGBA.
PNG_MODES = {0: "grayscale", 3: "palette", 4: "grayscale-with-alpha"}
JPEG_MODES = {1: "grayscale", 4: "CMYK"}


class ImageCost(NamedTuple):
    """An image's tokens. `unknown`: why they are only the `detail: low` cost (None: exact);
    `skipped`: why the job leaves the image out (then `tokens` is 0)."""

    tokens: int
    unknown: str | None = None
    skipped: str | None = None


REMOTE = "remote"


def image_cost(url: str, detail: str) -> ImageCost:
    """A data URL is checked and measured offline; an http(s) image is not fetched (its size is unknown)."""
    if url[:5].lower() != "data:":
        return ImageCost(IMAGE_BASE_TOKENS, None if detail == "low" else REMOTE)
    inspected = inspect_data_url(url)
    if isinstance(inspected, str):
        return ImageCost(0, skipped=inspected)
    return ImageCost(image_tokens(*inspected, detail))


def inspect_data_url(url: str) -> tuple[int, int] | str:
    """(width, height) of a `data:image/…;base64,` URL's image, or why a job would skip it."""
    header, comma, payload = url.partition(",")
    params = header[5:].lower().split(";")
    if not comma or "base64" not in params[1:]:
        return "is not a base64 data URL (data:image/…;base64,…), so it holds no image a job can read"
    size = decoded_size(payload)
    if size > MAX_IMAGE_BYTES:
        return f"holds {size / 1024 / 1024:.1f} MB of image data, over the 10 MB limit per image"
    head = _decode(payload[: HEADER_CHARS - HEADER_CHARS % 4])
    if head is None:
        return "is not valid base64"
    found = sniff_format(head)
    if found not in USED_FORMATS:
        what = f"a {FORMAT_NAMES[found]} image" if found else "no JPEG, PNG or WEBP image"
        return f"holds {what}; only JPEG, PNG and WEBP images are used"
    declared = MIME_FORMATS.get(params[0])
    if declared != found:
        return f"says {params[0] or 'no type'}, but its bytes are a {FORMAT_NAMES[found]} image"
    mode = colour_mode(found, head)
    if mode is not None:
        return f"is a {mode} {FORMAT_NAMES[found]} image; only RGB or RGBA images are used"
    dimensions = _dimensions(head, payload)
    if dimensions is None:
        return f"is a {FORMAT_NAMES[found]} image whose size cannot be read (a damaged header)"
    return dimensions


def decoded_size(payload: str) -> int:
    """The bytes a base64 payload decodes to, from its length alone."""
    return len(payload.rstrip("=")) * 3 // 4


def sniff_format(head: bytes) -> str | None:
    """The image format its first bytes announce (magic numbers), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


def colour_mode(found: str, head: bytes) -> str | None:
    """The colour mode when it is known and neither RGB nor RGBA; None otherwise."""
    if found == "png" and len(head) > 25:
        return PNG_MODES.get(head[25])  # IHDR's colour type
    if found == "jpeg":
        components = _jpeg_components(head)
        return JPEG_MODES.get(components) if components is not None else None
    return None


def _jpeg_components(data: bytes) -> int | None:
    """The component count of a JPEG's start-of-frame segment, when it lies within `data`."""
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker, length = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return data[at + 9] if at + 9 < len(data) else None
        at += 2 + length
    return None


def _decode(chunk: str) -> bytes | None:
    try:
        return base64.b64decode(chunk)
    except (binascii.Error, ValueError):
        return None


def _dimensions(head: bytes, payload: str) -> tuple[int, int] | None:
    found = _read_dimensions(head)
    if found is None and len(payload) > HEADER_CHARS:
        whole = _decode(payload)  # the size marker lies past the head: decode it all, once
        found = _read_dimensions(whole) if whole is not None else None
    return found


def _read_dimensions(data: bytes) -> tuple[int, int] | None:
    try:
        width, height = imagesize.get(io.BytesIO(data))
    except (ValueError, OSError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def data_url_size(url: str) -> tuple[int, int] | None:
    """(width, height) of a data URL's image; None when a job would skip it."""
    inspected = inspect_data_url(url)
    return None if isinstance(inspected, str) else inspected
