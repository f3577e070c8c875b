"""`/v1/models`: list, retrieve and delete models (ids may contain colons)."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.schemas.common import DeletedObject
from mockserver.schemas.models import Model, ModelList
from mockserver.web.deps import ModelsServiceDep

router = APIRouter(prefix="/v1/models", tags=["models"])


@router.get("", response_model=ModelList)
def list_models(service: ModelsServiceDep) -> ModelList:
    return service.list()


@router.get("/{model:path}", response_model=Model)
def retrieve_model(model: str, service: ModelsServiceDep) -> Model:
    return service.retrieve(model)


@router.delete("/{model:path}", response_model=DeletedObject)
def delete_model(model: str, service: ModelsServiceDep) -> DeletedObject:
    return service.delete(model)
