"""The inference routes answer on the event loop; a model whose index the preparer is building is waited for
in a worker thread instead (services/model_index.py, ModelLoading), so other requests go on meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from fastapi import Response

from mockserver.core.errors import ModelLoading


async def once_index_ready(answer: Callable[[], Response]) -> Response:
    """`answer()`, asked again after waiting for its model's index if that is being built."""
    try:
        return answer()
    except ModelLoading as loading:
        await asyncio.to_thread(loading.wait)
    return answer()  # still loading after the wait: a 503
