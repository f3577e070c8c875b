"""`/v1/uploads`: large files in parts (create, add part, complete, cancel)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from mockserver.core.errors import InvalidRequest, missing_parameter
from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.files import UploadComplete, UploadCreate, UploadObject, UploadPart
from mockserver.services.files import StagedFile
from mockserver.services.uploads import MAX_PART_BYTES
from mockserver.web.deps import UploadsServiceDep
from mockserver.web.multipart import FileTooLarge, parse_form

router = APIRouter(prefix="/v1/uploads", tags=["uploads"], route_class=JSONBodyRoute)


@router.post("", response_model=UploadObject)
def create_upload(body: UploadCreate, service: UploadsServiceDep) -> UploadObject:
    return service.create(body)


@router.post("/{upload_id}/parts", response_model=UploadPart)
async def add_upload_part(upload_id: str, request: Request, service: UploadsServiceDep) -> UploadPart:
    try:
        form = await parse_form(
            request.stream(), content_type=request.headers.get("content-type"),
            new_temp_path=service.blobs.new_temp_path, max_file_bytes=MAX_PART_BYTES,
        )
    except FileTooLarge:
        raise InvalidRequest("Upload part is too large. Each part can be at most 64 MB.", param="data") from None
    try:
        data = form.files.get("data")
        if data is None:
            raise missing_parameter("data")
        return await run_in_threadpool(service.add_part, upload_id, StagedFile(data.path, data.filename, data.size))
    finally:
        form.discard()


@router.post("/{upload_id}/complete", response_model=UploadObject)
def complete_upload(upload_id: str, body: UploadComplete, service: UploadsServiceDep) -> UploadObject:
    return service.complete(upload_id, body.part_ids)


@router.post("/{upload_id}/cancel", response_model=UploadObject)
def cancel_upload(upload_id: str, service: UploadsServiceDep) -> UploadObject:
    return service.cancel(upload_id)
