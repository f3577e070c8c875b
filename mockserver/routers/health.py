"""`GET /health`: answers without auth as soon as the server can serve."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver import __version__

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}
