"""`WireModel`: response models that send exactly the fields the real API sends, nulls included."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel


class WireModel(BaseModel):
    """A response model whose fields with non-null defaults count as set, so `exclude_unset` keeps them.

    A subclass with `send_nulls = True` sends every field, null or not.
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
        """The JSON the real API would send: unset null-default fields left out."""
        return self.__pydantic_serializer__.to_json(self, exclude_unset=True)

    def wire_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)
