"""The model catalog: base models, their fine-tuning capabilities and aliases, loaded from models.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mockserver.core import tokens

Method = Literal["supervised", "dpo", "reinforcement"]
TrainingFormat = Literal["chat", "prompt_completion"]
EncodingName = Literal["cl100k_base", "o200k_base"]


class CatalogError(ValueError):
    """models.json is unreadable, malformed or inconsistent."""


class UnknownModel(KeyError):
    """No catalog entry for this model id."""

    def __init__(self, model: str) -> None:
        super().__init__(model)
        self.model = model

    def __str__(self) -> str:
        return f"The model {self.model!r} is not in the catalog"


class ModelSpec(BaseModel):
    """One base model (or alias). For an alias every capability field mirrors its target's."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    created: int = Field(description="Unix seconds, as /v1/models reports it.")
    owned_by: str
    fine_tunable: bool
    methods: tuple[Method, ...] = ()
    training_format: TrainingFormat = Field(
        "chat", description="Also the endpoint: `prompt_completion` models are served on /v1/completions only.")
    max_example_tokens: int | None = Field(None, gt=0, description="Per-example training token limit.")
    context_window: int = Field(gt=0)
    encoding: EncodingName
    vision: bool = Field(False, description="Images are accepted in training examples.")
    structured_outputs: bool = Field(
        description="`json_schema` response formats are accepted (Structured Outputs); `ft:` models inherit it.")
    accepts_suffix: bool = Field(
        False, description="`suffix` (text the completion must lead into) is accepted on /v1/completions.")
    alias_of: str | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _fine_tuning_fields_agree(self) -> ModelSpec:
        if self.fine_tunable and (not self.methods or self.max_example_tokens is None):
            raise ValueError("a fine-tunable model needs methods and max_example_tokens")
        if not self.fine_tunable and self.methods:
            raise ValueError("a model that is not fine-tunable cannot list methods")
        if self.training_format == "prompt_completion" and self.structured_outputs:
            raise ValueError("a completions-only model cannot support structured outputs")
        if self.accepts_suffix and self.training_format != "prompt_completion":
            raise ValueError("only a completions model can accept 'suffix'")
        return self


class _AliasEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    created: int
    owned_by: str
    alias_of: str
    notes: str | None = None


class _CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: str
    source: str
    models: list[ModelSpec | _AliasEntry]


class ModelCatalog:
    """Base models by id, in file order. Aliases and `ft:` ids resolve to a snapshot's spec."""

    def __init__(self, entries: list[ModelSpec]) -> None:
        self._entries: dict[str, ModelSpec] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise CatalogError(f"models.json lists {entry.id!r} twice")
            self._entries[entry.id] = entry
        _check_consistency(self._entries)

    @classmethod
    def load(cls, path: Path | str) -> ModelCatalog:
        """Read and validate a models.json; raises CatalogError naming the problem."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
            parsed = _CatalogFile.model_validate(raw)
        except (OSError, ValueError, ValidationError) as exc:
            raise CatalogError(f"Cannot load model catalog {path}: {exc}") from exc
        snapshots = {e.id: e for e in parsed.models if isinstance(e, ModelSpec)}
        return cls([_expand(entry, snapshots) for entry in parsed.models])

    def __iter__(self) -> Iterator[ModelSpec]:
        return iter(self._entries.values())

    def __contains__(self, model_id: object) -> bool:
        try:
            self.get(str(model_id))
        except UnknownModel:
            return False
        return True

    def resolve_snapshot(self, model_id: str) -> str:
        """The snapshot id behind an alias or an `ft:` id (`ft:<base>:…` → the base's snapshot)."""
        entry = self._entries.get(tokens.base_model_of(model_id))
        if entry is None:
            raise UnknownModel(model_id)
        return entry.alias_of or entry.id

    def get(self, model_id: str) -> ModelSpec:
        """The spec of the snapshot a model id resolves to."""
        return self._entries[self.resolve_snapshot(model_id)]

    def entry(self, model_id: str) -> ModelSpec:
        """The catalog entry itself (an alias stays an alias)."""
        try:
            return self._entries[model_id]
        except KeyError:
            raise UnknownModel(model_id) from None

    def base_models(self) -> list[ModelSpec]:
        """Every entry, aliases included, in file order (what /v1/models lists as base models)."""
        return list(self._entries.values())

    def fine_tunable(self) -> list[ModelSpec]:
        return [e for e in self._entries.values() if e.fine_tunable]


def _expand(entry: ModelSpec | _AliasEntry, snapshots: dict[str, ModelSpec]) -> ModelSpec:
    if isinstance(entry, ModelSpec):
        return entry
    target = snapshots.get(entry.alias_of)
    if target is None:
        raise CatalogError(f"Alias {entry.id!r} points to {entry.alias_of!r}, which is not a listed snapshot")
    return target.model_copy(update=entry.model_dump(exclude_none=True))


def _check_consistency(entries: dict[str, ModelSpec]) -> None:
    """Start-up check: aliases point at snapshots; each encoding is the one tokens.py derives."""
    for entry in entries.values():
        target = entries.get(entry.alias_of) if entry.alias_of else entry
        if target is None or target.alias_of is not None:
            raise CatalogError(f"Catalog entry {entry.id!r}: alias_of must name a listed snapshot")
        try:
            expected = tokens.encoding_name_for_model(entry.id)
        except tokens.UnknownModelError as exc:
            raise CatalogError(f"Catalog entry {entry.id!r}: {exc}") from exc
        if entry.encoding != expected:
            raise CatalogError(
                f"Catalog entry {entry.id!r} declares encoding {entry.encoding!r}, "
                f"but tokens.encoding_name_for_model gives {expected!r}"
            )
