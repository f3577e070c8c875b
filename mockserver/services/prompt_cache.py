"""Simulated prompt caching for chat completions and responses: how many prompt tokens came from the cache.

For models with a cached-input price (mockserver/billing/charges.py), per caller and model: a request whose
prompt begins with a prefix (1024 tokens, then steps of 128) that an earlier request used within the
last 10 minutes on the server's clock reports the longest such prefix as `cached_tokens`, and the
ledger charges those at the cached-input price. Each request then leaves its own prefixes in the
cache (mockserver/core/prompt_cache.py has the boundaries and hashes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mockserver.billing.charges import has_cached_input_price
from mockserver.core.prompt_cache import CACHE_LIFETIME_SECONDS, MIN_CACHED_TOKENS, prefix_hashes, prompt_ids
from mockserver.services.context import Context

if TYPE_CHECKING:
    from mockserver.services.inference import InferenceModel


def use_prompt_cache(
    ctx: Context, model: InferenceModel, *, prompt: int, messages: Iterable[Any], tools: Iterable[Any], at: int
) -> int:
    """The cached tokens of this prompt, whose prefixes are then cached too (per caller and model as the API
    echoes it). A prompt under 1024 tokens is 0 at once: it neither reads nor writes the cache."""
    if prompt < MIN_CACHED_TOKENS or not has_cached_input_price(
            ctx.prices, snapshot=model.spec.id, fine_tuned=model.requested.startswith("ft:")):
        return 0
    prefixes = prefix_hashes(prompt_ids(model.encoding, messages, tools), limit=prompt)
    if not prefixes:
        return 0
    owner, since = ctx.caller.owner, at - CACHE_LIFETIME_SECONDS
    with ctx.store.atomic():  # read, then write: the write lock first
        cached = ctx.store.prompt_cache.longest(owner=owner, model=model.shown, prefixes=prefixes, since=since)
        ctx.store.prompt_cache.remember(owner=owner, model=model.shown, prefixes=prefixes, at=at,
                                        expired_before=since)
    return cached
