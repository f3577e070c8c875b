"""The model catalog: loading, alias and ft: resolution, and the start-up consistency check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mockserver.core.catalog import CatalogError, ModelCatalog, UnknownModel

MODELS_JSON = Path(__file__).resolve().parent.parent / "fixtures" / "models.json"
CATALOG = ModelCatalog.load(MODELS_JSON)
FINE_TUNABLE_SNAPSHOTS = [
    "gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14", "gpt-4o-2024-08-06",
    "gpt-4o-mini-2024-07-18", "gpt-4-0613", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-1106", "gpt-3.5-turbo-0613",
    "babbage-002", "davinci-002", "o4-mini-2025-04-16",
]


def write_catalog(tmp_path: Path, models: list[dict[str, Any]]) -> Path:
    path = tmp_path / "models.json"
    path.write_text(json.dumps({"as_of": "2025-11-01", "source": "test", "models": models}))
    return path


def snapshot(model_id: str, **overrides: Any) -> dict[str, Any]:
    entry = {"id": model_id, "created": 1, "owned_by": "system", "fine_tunable": True, "methods": ["supervised"],
             "training_format": "chat", "max_example_tokens": 100, "context_window": 100,
             "encoding": "o200k_base", "vision": False, "structured_outputs": True}
    return {**entry, **overrides}


@pytest.mark.parametrize("model_id", FINE_TUNABLE_SNAPSHOTS)
def test_catalog_lists_every_fine_tunable_snapshot(model_id: str) -> None:
    assert CATALOG.get(model_id).fine_tunable


@pytest.mark.parametrize(("alias", "snapshot_id"), [
    ("gpt-3.5-turbo", "gpt-3.5-turbo-0125"),
    ("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
    ("gpt-4o", "gpt-4o-2024-08-06"),
    ("gpt-4.1", "gpt-4.1-2025-04-14"),
    ("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"),
    ("gpt-4.1-nano", "gpt-4.1-nano-2025-04-14"),
    ("o4-mini", "o4-mini-2025-04-16"),
])
def test_get_alias_resolves_to_snapshot_spec(alias: str, snapshot_id: str) -> None:
    assert CATALOG.get(alias).id == snapshot_id


def test_get_ft_model_resolves_to_base_snapshot_spec() -> None:
    assert CATALOG.get("ft:gpt-4o-mini-2024-07-18:org:sfx:abc12345").id == "gpt-4o-mini-2024-07-18"


def test_get_ft_model_with_alias_base_resolves_to_snapshot() -> None:
    assert CATALOG.resolve_snapshot("ft:gpt-3.5-turbo:acemeco:suffix:abc123") == "gpt-3.5-turbo-0125"


def test_get_unknown_model_raises() -> None:
    with pytest.raises(UnknownModel):
        CATALOG.get("gpt-9")


def test_entry_keeps_alias_as_alias() -> None:
    entry = CATALOG.entry("gpt-4o-mini")
    assert (entry.id, entry.alias_of, entry.max_example_tokens) == ("gpt-4o-mini", "gpt-4o-mini-2024-07-18", 65536)


def test_base_models_include_non_fine_tunable_chat_models() -> None:
    ids = {m.id for m in CATALOG.base_models() if not m.fine_tunable}
    assert {"gpt-4o-2024-11-20", "gpt-5-mini-2025-08-07"} <= ids


def test_o4_mini_supports_only_reinforcement() -> None:
    assert CATALOG.get("o4-mini").methods == ("reinforcement",)


def test_legacy_models_use_prompt_completion_format() -> None:
    assert {CATALOG.get(m).training_format for m in ("babbage-002", "davinci-002")} == {"prompt_completion"}


@pytest.mark.parametrize("model_id", ["gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct-0914"])
def test_instruct_model_is_completions_only_with_suffix_and_not_fine_tunable(model_id: str) -> None:
    spec = CATALOG.get(model_id)
    assert (spec.id, spec.fine_tunable, spec.training_format, spec.accepts_suffix, spec.context_window,
            spec.encoding) == ("gpt-3.5-turbo-instruct-0914", False, "prompt_completion", True, 4096, "cl100k_base")


def test_only_the_instruct_models_accept_suffix() -> None:
    assert {m.id for m in CATALOG.base_models() if m.accepts_suffix} == {
        "gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct-0914"}


def test_load_chat_model_accepting_suffix_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="only a completions model can accept 'suffix'"):
        ModelCatalog.load(write_catalog(tmp_path, [snapshot("gpt-4o-2024-08-06", accepts_suffix=True)]))


def test_load_wrong_encoding_names_the_entry(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, [snapshot("gpt-4.1-2025-04-14", encoding="cl100k_base")])
    with pytest.raises(CatalogError, match="'gpt-4.1-2025-04-14' declares encoding 'cl100k_base'"):
        ModelCatalog.load(path)


def test_load_model_without_tokenizer_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="llama-3"):
        ModelCatalog.load(write_catalog(tmp_path, [snapshot("llama-3")]))


def test_load_alias_to_missing_snapshot_raises(tmp_path: Path) -> None:
    alias = {"id": "gpt-4o", "created": 1, "owned_by": "system", "alias_of": "gpt-4o-2099-01-01"}
    with pytest.raises(CatalogError, match="gpt-4o-2099-01-01"):
        ModelCatalog.load(write_catalog(tmp_path, [alias]))


def test_load_fine_tunable_without_methods_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="needs methods"):
        ModelCatalog.load(write_catalog(tmp_path, [snapshot("gpt-4o-2024-08-06", methods=[])]))


def test_load_duplicate_id_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="twice"):
        ModelCatalog.load(write_catalog(tmp_path, [snapshot("gpt-4o-2024-08-06")] * 2))


def test_load_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="Cannot load"):
        ModelCatalog.load(tmp_path / "nope.json")


@pytest.mark.parametrize(("model_id", "supported"), [
    ("gpt-4o-2024-08-06", True), ("gpt-4o-2024-11-20", True), ("gpt-4o-mini", True), ("gpt-4.1-nano", True),
    ("o4-mini", True), ("o3-mini", True), ("gpt-5", True),
    ("gpt-3.5-turbo", False), ("gpt-4", False), ("gpt-4-turbo", False), ("gpt-4o-2024-05-13", False),
    ("davinci-002", False), ("ft:gpt-3.5-turbo-0125:org:sfx:abc123", False), ("ft:gpt-4o-mini:org::abc123", True),
])
def test_structured_outputs_follows_the_snapshot(model_id: str, supported: bool) -> None:
    assert CATALOG.get(model_id).structured_outputs is supported


def test_load_snapshot_without_structured_outputs_names_the_field(tmp_path: Path) -> None:
    entry = snapshot("gpt-4o-2024-08-06")
    del entry["structured_outputs"]
    with pytest.raises(CatalogError, match="structured_outputs"):
        ModelCatalog.load(write_catalog(tmp_path, [entry]))


def test_load_completions_model_with_structured_outputs_raises(tmp_path: Path) -> None:
    entry = snapshot("davinci-002", training_format="prompt_completion", encoding="cl100k_base")
    with pytest.raises(CatalogError, match="completions-only model cannot support structured outputs"):
        ModelCatalog.load(write_catalog(tmp_path, [entry]))
