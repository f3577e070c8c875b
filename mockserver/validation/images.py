"""The tokens an image part of a training example costs, from its data URL's header or its `detail`."""

from __future__ import annotations

import base64
import binascii
import io
from typing import NamedTuple

import imagesize

from mockserver.tokens import IMAGE_BASE_TOKENS, image_tokens

# Enough of a data URL for the dimensions of a PNG or WEBP, and of most JPEGs (whose size marker
# follows the EXIF and colour-profile segments; the whole image is decoded when it lies further on).
HEADER_CHARS = 64 * 1024


class ImageCost(NamedTuple):
    """An image's tokens; `unknown` says why they are only the `detail: low` cost (None: exact)."""

    tokens: int
    unknown: str | None = None


REMOTE = "remote"
UNREADABLE = "unreadable"


def image_cost(url: str, detail: str) -> ImageCost:
    """`detail: low` is a flat cost; otherwise the size decides, known offline for data URLs only."""
    if detail == "low":
        return ImageCost(IMAGE_BASE_TOKENS)
    if not url[:5].lower() == "data:":
        return ImageCost(IMAGE_BASE_TOKENS, REMOTE)
    size = data_url_size(url)
    if size is None:
        return ImageCost(IMAGE_BASE_TOKENS, UNREADABLE)
    return ImageCost(image_tokens(*size, detail))


def data_url_size(url: str) -> tuple[int, int] | None:
    """(width, height) of a `data:image/…;base64,` URL's image; None when it is no readable image."""
    payload = url.partition(",")[2]
    head = payload[: HEADER_CHARS - HEADER_CHARS % 4]
    for chunk in (head, payload) if len(payload) > len(head) else (head,):
        try:
            width, height = imagesize.get(io.BytesIO(base64.b64decode(chunk)))
        except (binascii.Error, ValueError, OSError):
            return None
        if width > 0 and height > 0:
            return width, height
    return None
