"""A file's content read while the file is deleted: the whole file or a 404, never half of it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.errors import NotFound
from mockserver.services.files import FilesService
from mockserver.store.blobs import CHUNK_SIZE
from tests.services.conftest import upload

CONTENT = b'{"a": 1}\n' * (3 * CHUNK_SIZE // 9)  # three chunks


def test_content_opened_before_a_delete_is_read_whole(app_client: TestClient, context_for: Any) -> None:
    file_id = upload(app_client, "big.jsonl", CONTENT)
    service = FilesService(context_for())
    _, chunks = service.content(file_id)  # what the route has when it sends the headers

    service.delete(file_id)

    assert b"".join(chunks) == CONTENT


def test_content_of_a_blob_gone_since_its_row_was_read_is_not_found(
    app_client: TestClient, context_for: Any
) -> None:
    file_id = upload(app_client, "a.jsonl", b"{}\n")
    ctx = context_for()
    ctx.store.blobs.delete(file_id)  # a DELETE that has removed the blob and is about to remove the row

    with pytest.raises(NotFound):
        FilesService(ctx).content(file_id)
