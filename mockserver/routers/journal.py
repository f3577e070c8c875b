"""`/_mock/requests`: the journal of recent `/v1/*` requests (our extension, no API key needed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mockserver.schemas.faults import JournalCleared, JournalList
from mockserver.services.journal import DEFAULT_LIMIT, MAX_LIMIT
from mockserver.web.deps import JournalServiceDep

router = APIRouter(prefix="/_mock/requests", tags=["control"])


# Plain `def` (run in the thread pool): a read first waits for rows other worker processes have not written yet.
@router.get("", response_model=JournalList)
def list_requests(
    service: JournalServiceDep,
    method: str | None = None,
    path: Annotated[str | None, Query(description="Exact path or glob, as for faults.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> JournalList:
    """Newest first."""
    return service.list(method=method, path=path, limit=limit)


@router.delete("", response_model=JournalCleared)
def clear_requests(service: JournalServiceDep) -> JournalCleared:
    return JournalCleared(deleted=service.clear())
