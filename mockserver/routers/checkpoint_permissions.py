"""`/v1/fine_tuning/checkpoints/{checkpoint}/permissions`: share a checkpoint with projects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.common import DeletedObject, ListPage
from mockserver.schemas.fine_tuning import CheckpointPermission, PermissionCreate
from mockserver.web.deps import CheckpointPermissionsServiceDep

router = APIRouter(prefix="/v1/fine_tuning/checkpoints", tags=["fine_tuning"], route_class=JSONBodyRoute)


@router.post("/{checkpoint}/permissions", response_model=ListPage[CheckpointPermission])
def create_checkpoint_permission(
    checkpoint: str, body: PermissionCreate, service: CheckpointPermissionsServiceDep
) -> ListPage[CheckpointPermission]:
    return service.create(checkpoint, body.project_ids)


@router.get("/{checkpoint}/permissions", response_model=ListPage[CheckpointPermission])
def list_checkpoint_permissions(
    checkpoint: str, service: CheckpointPermissionsServiceDep, project_id: str | None = None,
    after: str | None = None, limit: Annotated[int, Query()] = 10, order: str = "descending",
) -> ListPage[CheckpointPermission]:
    return service.list(checkpoint, project_id=project_id, after=after, limit=limit, order=order)


@router.delete("/{checkpoint}/permissions/{permission_id}", response_model=DeletedObject)
def delete_checkpoint_permission(
    checkpoint: str, permission_id: str, service: CheckpointPermissionsServiceDep
) -> DeletedObject:
    return service.delete(checkpoint, permission_id)
