"""Simulated log probabilities in the real shape: one entry per completion token, stable per request."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import tiktoken

MAX_TOP_LOGPROBS = 20
ALTERNATIVE_TRIES = 64


def logprobs_for(
    token_ids: Sequence[int], encoding: tiktoken.Encoding, *, top: int, seed: int
) -> dict[str, Any]:
    """`{"content": [{token, logprob, bytes, top_logprobs}], "refusal": None}` for these tokens.

    The chosen token's logprob is a small negative number; `top_logprobs` (up to 20) lists it
    first, then other tokens with strictly lower logprobs. The same tokens and seed give the
    same values.
    """
    rng = random.Random(seed)
    upper = max(1, encoding.n_vocab - len(encoding.special_tokens_set))
    entries = []
    for token in token_ids:
        data = encoding.decode_single_token_bytes(token)
        logprob = -round(0.0001 + 0.8 * rng.random() ** 3, 6)
        top_entries = []
        if top > 0:
            others = _alternatives(token, logprob, min(top, MAX_TOP_LOGPROBS) - 1, encoding, rng, upper)
            top_entries = [_entry(data, logprob), *others]
        entries.append({**_entry(data, logprob), "top_logprobs": top_entries})
    return {"content": entries, "refusal": None}


def _alternatives(
    chosen: int, logprob: float, count: int, encoding: tiktoken.Encoding, rng: random.Random, upper: int
) -> list[dict[str, Any]]:
    """`count` other tokens with decreasing logprobs below the chosen one's."""
    found: list[dict[str, Any]] = []
    used = {chosen}
    current = logprob
    for _ in range(ALTERNATIVE_TRIES * max(count, 0)):
        if len(found) >= count:
            break
        candidate = rng.randrange(upper)
        if candidate in used:
            continue
        used.add(candidate)
        try:
            data = encoding.decode_single_token_bytes(candidate)
        except KeyError:  # a gap in the vocabulary
            continue
        current = round(current - 0.5 - 2.5 * rng.random(), 6)
        found.append(_entry(data, current))
    return found


def _entry(data: bytes, logprob: float) -> dict[str, Any]:
    return {"token": data.decode("utf-8", errors="replace"), "logprob": logprob, "bytes": list(data)}
