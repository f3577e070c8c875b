"""Prompt caching, simulated: the prefixes of a prompt the real cache could hold, as hashes.

The real API caches prompt prefixes of at least 1024 tokens, growing in steps of 128, and reports
the longest cached prefix as `cached_tokens`. Here the prompt is laid out as token ids in the order
the model reads it (tools, then each message, then the reply priming) and every boundary
1024 + 128·k gets a hash of the ids before it. Pure: ids and hashes, no clock, no storage.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterable, Mapping
from typing import Any

import tiktoken

from mockserver.core.tokens import REPLY_PRIMING, TOKENS_PER_MESSAGE, TOKENS_PER_NAME

MIN_CACHED_TOKENS = 1024
CACHE_INCREMENT = 128
CACHE_LIFETIME_SECONDS = 600  # a prefix stays cached this long after a request last used it (server's clock)


def prompt_ids(encoding: tiktoken.Encoding, messages: Iterable[Any], tools: Iterable[Any] = ()) -> list[int]:
    """The prompt as token ids, in reading order. For messages of text values only, as many ids as the
    cookbook counts; otherwise about as many. Equal prompt beginnings give equal id beginnings."""
    marker = encoding.eot_token
    ids: list[int] = []
    definitions = list(tools)
    if definitions:
        ids += encoding.encode_ordinary(json.dumps(definitions, sort_keys=True, ensure_ascii=False, default=str))
    for message in messages:
        if not isinstance(message, Mapping):
            continue
        ids += [marker] * (TOKENS_PER_MESSAGE + TOKENS_PER_NAME * ("name" in message))
        for value in message.values():
            text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False,
                                                                   default=str)
            ids += encoding.encode_ordinary(text)
    ids += [marker] * REPLY_PRIMING
    return ids


def cache_boundaries(length: int) -> range:
    """The prefix lengths the cache keeps for a prompt of `length` tokens: 1024, 1152, … up to `length`."""
    return range(MIN_CACHED_TOKENS, length + 1, CACHE_INCREMENT)


def prefix_hashes(ids: list[int], *, limit: int) -> dict[str, int]:
    """{hash of ids[:n]: n} for every cache boundary n ≤ min(len(ids), limit), in one pass over the ids."""
    packed = array("I", ids)
    data, width = packed.tobytes(), packed.itemsize
    digest = hashlib.blake2b(digest_size=16)
    hashes: dict[str, int] = {}
    done = 0
    for boundary in cache_boundaries(min(len(ids), limit)):
        digest.update(data[done * width:boundary * width])
        done = boundary
        hashes[digest.copy().hexdigest()] = boundary
    return hashes
