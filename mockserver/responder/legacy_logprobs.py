"""Log probabilities in the legacy Completions shape: parallel lists per token, with character offsets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tiktoken

from mockserver.responder.logprobs import logprobs_for


def legacy_logprobs(entries: Sequence[dict[str, Any]], *, offset: int) -> dict[str, Any]:
    """`{tokens, token_logprobs, top_logprobs, text_offset}` from per-token entries in the chat shape
    (logprobs.py); `offset` is the character offset of the first token in the prompt plus completion text."""
    tokens, token_logprobs, top_logprobs, text_offset = [], [], [], []
    for entry in entries:
        tokens.append(entry["token"])
        token_logprobs.append(entry["logprob"])
        top_logprobs.append({top["token"]: top["logprob"] for top in entry["top_logprobs"]})
        text_offset.append(offset)
        offset += len(entry["token"])
    return {"tokens": tokens, "token_logprobs": token_logprobs, "top_logprobs": top_logprobs,
            "text_offset": text_offset}


def prompt_entries(
    token_ids: Sequence[int], encoding: tiktoken.Encoding, *, top: int, seed: int
) -> list[dict[str, Any]]:
    """Entries for an echoed prompt's tokens, drawn like a completion's. The real API sends null for the first
    token (nothing precedes it), which the SDK's types and the spec do not allow: it gets a value here."""
    entries: list[dict[str, Any]] = logprobs_for(token_ids, encoding, top=top, seed=seed)["content"]
    return entries
