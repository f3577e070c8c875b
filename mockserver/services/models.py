"""Models: the catalog's base models plus the fine-tuned models and checkpoints this caller's jobs made."""

from __future__ import annotations

from mockserver.core.catalog import ModelCatalog
from mockserver.core.errors import NotFound, PermissionDenied
from mockserver.schemas.common import DeletedObject
from mockserver.schemas.models import Model, ModelList
from mockserver.services.fine_tuning import FineTuningService
from mockserver.store.job_models import JobModel


def model_not_found(model: str) -> NotFound:
    return NotFound(
        f"The model `{model}` does not exist or you do not have access to it.", param="model", code="model_not_found"
    )


class ModelsService:
    def __init__(self, jobs: FineTuningService, catalog: ModelCatalog) -> None:
        self.jobs = jobs
        self.catalog = catalog
        self.owner_slug = jobs.ctx.settings.organization_id.removeprefix("org-").lower()

    def _fine_tuned(self, produced: JobModel) -> Model:
        return Model(id=produced.model, created=produced.created, owned_by=self.owner_slug)

    def list(self) -> ModelList:
        base = [Model(id=spec.id, created=spec.created, owned_by=spec.owned_by) for spec in self.catalog]
        return ModelList(data=base + [self._fine_tuned(produced) for produced in self.jobs.produced_models()])

    def retrieve(self, model: str) -> Model:
        if not model.startswith("ft:"):
            try:
                spec = self.catalog.entry(model)
            except KeyError:
                raise model_not_found(model) from None
            return Model(id=spec.id, created=spec.created, owned_by=spec.owned_by)
        found = self.jobs.produced_model(model)
        if found is None:
            raise model_not_found(model)
        return self._fine_tuned(found)

    def delete(self, model: str) -> DeletedObject:
        if not model.startswith("ft:"):
            self.retrieve(model)
            raise PermissionDenied(
                f"You cannot delete the model {model}: only fine-tuned models owned by your organization "
                "can be deleted.", param="model", code="model_not_deletable",
            )
        self.retrieve(model)
        ctx = self.jobs.ctx
        with ctx.store.atomic():
            ctx.store.jobs.mark_model_deleted(owner=ctx.caller.owner, model=model, at=ctx.clock.now())
            ctx.store.job_models.remove(owner=ctx.caller.owner, model=model)
        return DeletedObject(id=model, object="model")
