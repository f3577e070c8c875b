"""`/_mock/reset` and snapshots: empty, save and restore the data dir (our extension, no API key needed)."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.data_dir import ResetResult, ResetScope, Snapshot, SnapshotList, SnapshotName
from mockserver.web.deps import StateServiceDep

router = APIRouter(prefix="/_mock", tags=["control"], route_class=JSONBodyRoute)


@router.post("/reset", response_model=ResetResult)
def reset(service: StateServiceDep, scope: ResetScope = "everything") -> ResetResult:
    """Empty everything (but the clock), or one scope: files, jobs or usage."""
    return service.reset(scope)


@router.post("/snapshot", response_model=Snapshot)
def save_snapshot(body: SnapshotName, service: StateServiceDep) -> Snapshot:
    """Save the whole state under `<data_dir>/snapshots/<name>/` (replacing a snapshot of that name)."""
    return service.save(body.name)


@router.post("/restore", response_model=Snapshot)
def restore_snapshot(body: SnapshotName, service: StateServiceDep) -> Snapshot:
    return service.restore(body.name)


@router.get("/snapshots", response_model=SnapshotList)
def list_snapshots(service: StateServiceDep) -> SnapshotList:
    return service.list()
