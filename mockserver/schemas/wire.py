"""`WireModel`: response models that send exactly the fields the real API sends, nulls included."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel


class WireModel(BaseModel):
    """A response model whose fields with non-null defaults count as set, so `exclude_unset` keeps them.

    A subclass with `send_nulls = True` sends every field, null or not.

    Kept after issue 15's review: pydantic has no setting for "unset null defaults left out, explicit nulls
    sent" (`exclude_none` drops the nulls the API sends, such as `refusal: null`; `exclude_defaults` drops
    `role: "assistant"` and zero counts; `Field(exclude_if=...)` sees the value, not whether it was set). A wrap
    `model_serializer` could pop the keys instead, but it runs Python for every nested model: serialising a chat
    completion took 2-4 times as long that way (measured for issue 15; the same bytes), where `exclude_unset`
    stays inside pydantic-core. `__pydantic_fields_set__` (the set behind `model_fields_set`) and
    `__pydantic_serializer__` are attributes BaseModel documents, not private ones.
    """

    send_nulls: ClassVar[bool] = False
    _always_sent: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._always_sent = frozenset(
            name for name, field in cls.model_fields.items()
            if cls.send_nulls or field.default_factory is not None or field.default is not None
        )

    def model_post_init(self, context: Any, /) -> None:
        self.__pydantic_fields_set__.update(self._always_sent)

    def wire_json(self) -> bytes:
        """The JSON the real API would send: unset null-default fields left out (bytes: `model_dump_json`'s
        str would be encoded again for the response)."""
        return self.__pydantic_serializer__.to_json(self, exclude_unset=True)

    def wire_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)
