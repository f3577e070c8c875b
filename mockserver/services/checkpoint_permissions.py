"""Checkpoint permissions: which projects may use one of this caller's fine-tuned checkpoints."""

from __future__ import annotations

from mockserver.core.errors import InvalidRequest, NotFound
from mockserver.schemas.common import DeletedObject, ListPage
from mockserver.schemas.fine_tuning import CheckpointPermission
from mockserver.services.fine_tuning import FineTuningService, check_limit

MAX_PROJECTS_PER_REQUEST = 100


class CheckpointPermissionsService:
    def __init__(self, jobs: FineTuningService) -> None:
        self.jobs = jobs
        self.ctx = jobs.ctx
        self.repo = jobs.ctx.store.permissions

    def _check_checkpoint(self, checkpoint: str) -> None:
        if not self.jobs.owns_model(checkpoint):
            raise NotFound(
                f"Checkpoint {checkpoint} does not exist or you do not have access to it.",
                param="fine_tuned_model_checkpoint", code="model_not_found",
            )

    def create(self, checkpoint: str, project_ids: list[str]) -> ListPage[CheckpointPermission]:
        self._check_checkpoint(checkpoint)
        if not project_ids:
            raise InvalidRequest("'project_ids' must contain at least one project id.", param="project_ids",
                                 code="invalid_value")
        if len(project_ids) > MAX_PROJECTS_PER_REQUEST:
            raise InvalidRequest(f"'project_ids' may hold at most {MAX_PROJECTS_PER_REQUEST} ids.",
                                 param="project_ids", code="invalid_value")
        bad = next((p for p in project_ids if not p.startswith("proj_")), None)
        if bad is not None:
            raise InvalidRequest(f"Invalid project id: {bad!r}. Project ids start with 'proj_'.",
                                 param="project_ids", code="invalid_value")
        now = self.ctx.clock.now()
        created = []
        with self.ctx.store.atomic():
            for project_id in project_ids:
                permission_id = self.ctx.ids.new_unused("permission", self.repo.exists)
                row = self.repo.insert({"id": permission_id, "owner": self.ctx.caller.owner,
                                        "checkpoint": checkpoint, "project_id": project_id, "created_at": now})
                created.append(CheckpointPermission(id=row["id"], created_at=now, project_id=project_id))
        return ListPage.of(created, has_more=False)

    def list(
        self, checkpoint: str, *, project_id: str | None, after: str | None, limit: int, order: str
    ) -> ListPage[CheckpointPermission]:
        self._check_checkpoint(checkpoint)
        check_limit(limit, 100)
        if order not in ("ascending", "descending"):
            raise InvalidRequest(f"Invalid value for 'order': '{order}'. Supported values are: 'ascending' "
                                 "and 'descending'.", param="order", code="invalid_value")
        page = self.repo.list(owner=self.ctx.caller.owner, checkpoint=checkpoint, project_id=project_id,
                              descending=order == "descending", after=after, limit=limit)
        items = [CheckpointPermission(id=r["id"], created_at=r["created_at"], project_id=r["project_id"])
                 for r in page.rows]
        return ListPage.of(items, has_more=page.has_more)

    def delete(self, checkpoint: str, permission_id: str) -> DeletedObject:
        self._check_checkpoint(checkpoint)
        self.repo.get(owner=self.ctx.caller.owner, checkpoint=checkpoint, permission_id=permission_id)
        self.repo.delete(owner=self.ctx.caller.owner, checkpoint=checkpoint, permission_id=permission_id)
        return DeletedObject(id=permission_id, object="checkpoint.permission")
