"""The layers, enforced: each package of mockserver imports only from the layers below it.

From the bottom up:
- `core`: settings, errors, ids, clocks, token counting, the model catalog, fault/rate-limit/auth rules.
- the domain (pure, no I/O but reading fixtures): `billing`, `simulator`, `validation`, `responder`, `graders`,
  `dashboard` (view helpers: curves, charts, formatting).
- `store`: all SQL; returns domain records.
- `schemas`: the wire shapes (pydantic).
- `services`: the use cases, on the store and the domain.
- `web` (middleware, dependencies, error handlers, request parsing) and then `routers` (one per resource).
- the entry points: `server` (app factory, uvicorn), `commands`, `cli`, `asgi`, `testing`, `pytest_plugin`.
Every module is parsed (nothing imported), so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mockserver"

CORE = {"core"}
DOMAIN = {"billing", "simulator", "validation", "responder", "graders", "dashboard"}
ENTRY = {"server", "commands", "cli", "asgi", "testing", "pytest_plugin", "__main__"}

# What each layer may import from mockserver (besides itself and the package's `__version__`).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    **{name: CORE | DOMAIN for name in DOMAIN},
    "store": CORE | DOMAIN,
    "schemas": CORE,
    "services": CORE | DOMAIN | {"store", "schemas"},
    "web": CORE | {"services", "schemas", "store"},
    "routers": CORE | {"dashboard", "services", "schemas", "web"},
    **{name: CORE | DOMAIN | {"store", "schemas", "services", "web", "routers"} | ENTRY for name in ENTRY},
}

# Frameworks confined to the HTTP layers.
FRAMEWORKS = {"fastapi", "starlette", "uvicorn"}
HTTP_LAYERS = {"web", "routers", "server", "asgi", "testing", "cli", "commands"}
SQL = {"sqlite3", "sqlite_utils", "apsw"}


def layer_of(module: str) -> str:
    """`mockserver.services.chat` -> `services`; `mockserver.cli` -> `cli`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(relative.parts).removesuffix(".__init__"), path


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every absolute import in the file, `from mockserver import x` as `mockserver.x`."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "mockserver":
                yield from ((node.lineno, f"mockserver.{alias.name}") for alias in node.names)
            else:
                yield node.lineno, node.module


def violations() -> list[str]:
    found = []
    for module, path in modules():
        layer = layer_of(module)
        if not layer or layer == "__init__":
            continue
        where = f"{path.relative_to(PACKAGE.parent)}"
        for line, imported in imports_of(path):
            top = imported.split(".")[0]
            if top == "mockserver":
                target = layer_of(imported)
                if target in (layer, "__version__", ""):
                    continue
                if target not in ALLOWED.get(layer, set()):
                    found.append(f"{where}:{line}: {layer} imports {imported} ({target} is not below {layer})")
            elif top in FRAMEWORKS and layer not in HTTP_LAYERS:
                found.append(f"{where}:{line}: {layer} imports {imported} (HTTP frameworks stay in web/routers)")
            elif top in SQL and layer != "store":
                found.append(f"{where}:{line}: {layer} imports {imported} (SQL stays in store/)")
    return found


def test_every_module_imports_only_from_the_layers_below_it() -> None:
    assert violations() == []


def test_every_package_is_placed_in_a_layer() -> None:
    unplaced = {layer_of(module) for module, _ in modules()} - set(ALLOWED) - {"", "__init__"}
    assert unplaced == set(), f"add these to tests/test_architecture.py's layers: {sorted(unplaced)}"


def test_no_loose_modules_beside_the_entry_points() -> None:
    loose = {path.stem for path in PACKAGE.glob("*.py")} - ENTRY - {"__init__"}
    assert loose == set(), f"put these in the folder of their layer: {sorted(loose)}"


@pytest.mark.parametrize(("layer", "imported", "expected"), [
    ("services", "mockserver.web.deps", False),
    ("store", "mockserver.services.chat", False),
    ("core", "mockserver.store.jobs", False),
    ("routers", "mockserver.services.chat", True),
    ("simulator", "mockserver.graders.run", True),
])
def test_the_rules_themselves(layer: str, imported: str, expected: bool) -> None:
    """A guard on the table above: the checker would flag a service reaching up into the web layer."""
    assert (layer_of(imported) in ALLOWED[layer]) is expected
