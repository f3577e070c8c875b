"""Shapes shared by every resource: list pages, deletion receipts, the error envelope."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class ListPage(BaseModel, Generic[T]):
    """`{"object": "list", "data": [...], "has_more": ..., "first_id": ..., "last_id": ...}`."""

    object: str = "list"
    data: list[T]
    has_more: bool
    first_id: str | None = None
    last_id: str | None = None

    @classmethod
    def of(cls, items: list[T], *, has_more: bool, id_of: str = "id") -> ListPage[T]:
        first = getattr(items[0], id_of) if items else None
        last = getattr(items[-1], id_of) if items else None
        return cls(data=items, has_more=has_more, first_id=first, last_id=last)


class CursorList(BaseModel, Generic[T]):
    """A cursor page without first/last ids (fine-tuning jobs and events lists)."""

    object: str = "list"
    data: list[T]
    has_more: bool


class DeletedObject(BaseModel):
    id: str
    object: str
    deleted: bool = True
