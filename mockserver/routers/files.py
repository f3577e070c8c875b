"""`/v1/files`: upload, list, retrieve, content, delete."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from mockserver.core.errors import missing_parameter
from mockserver.schemas.common import DeletedObject, ListPage
from mockserver.schemas.files import FileObject
from mockserver.services.files import StagedFile, check_purpose, file_too_large, parse_expires_after
from mockserver.web.deps import FilesServiceDep, SettingsDep
from mockserver.web.multipart import FileTooLarge, parse_form

router = APIRouter(prefix="/v1/files", tags=["files"])


@router.post("", response_model=FileObject)
async def create_file(request: Request, service: FilesServiceDep, settings: SettingsDep) -> FileObject:
    try:
        form = await parse_form(
            request.stream(), content_type=request.headers.get("content-type"),
            new_temp_path=service.blobs.new_temp_path, max_file_bytes=settings.max_upload_bytes,
        )
    except FileTooLarge:
        raise file_too_large(settings.max_upload_bytes) from None
    try:
        upload = form.files.get("file")
        if upload is None:
            raise missing_parameter("file")
        purpose = check_purpose(form.fields.get("purpose"))
        expires_after = parse_expires_after(
            form.fields.get("expires_after[anchor]"), form.fields.get("expires_after[seconds]")
        )
        staged = StagedFile(upload.path, upload.filename, upload.size)
        return await run_in_threadpool(service.create, staged=staged, purpose=purpose, expires_after=expires_after)
    finally:
        form.discard()


@router.get("", response_model=ListPage[FileObject])
async def list_files(
    service: FilesServiceDep,
    purpose: str | None = None,
    limit: Annotated[int, Query()] = 10_000,
    order: str = "desc",
    after: str | None = None,
) -> ListPage[FileObject]:
    return service.list(purpose=purpose, order=order, after=after, limit=limit)


@router.get("/{file_id}", response_model=FileObject)
async def retrieve_file(file_id: str, service: FilesServiceDep) -> FileObject:
    return service.retrieve(file_id)


@router.get("/{file_id}/content")
def retrieve_file_content(file_id: str, service: FilesServiceDep) -> StreamingResponse:
    file, chunks = service.content(file_id)
    headers = {
        "content-length": str(file.bytes),
        "content-disposition": content_disposition(file.filename),
    }
    return StreamingResponse(chunks, media_type="application/octet-stream", headers=headers)


def content_disposition(filename: str) -> str:
    """`attachment; filename="…"`, or RFC 5987 `filename*=` when the name is not plain ASCII."""
    quoted = quote(filename)
    if quoted != filename:
        return f"attachment; filename*=utf-8''{quoted}"
    return f'attachment; filename="{filename}"'


@router.delete("/{file_id}", response_model=DeletedObject)
async def delete_file(file_id: str, service: FilesServiceDep) -> DeletedObject:
    return service.delete(file_id)
