"""Wiring the dashboard into the app: its pages, login, static assets, the browser landing routes."""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from mockserver.dashboard import STATIC_DIR
from mockserver.routers import dashboard, dashboard_login, explain, landing

SWAGGER_ASSETS_DIR = files("fastapi_offline") / "static"


def install_dashboard(app: FastAPI) -> None:
    for module in (landing, dashboard_login, dashboard, explain):
        app.include_router(module.router)
    # The more specific mount first: Starlette matches mounts in order.
    app.mount("/_mock/ui/static/swagger", StaticFiles(directory=str(SWAGGER_ASSETS_DIR)), name="swagger-assets")
    app.mount("/_mock/ui/static", StaticFiles(directory=STATIC_DIR), name="dashboard-assets")

    @app.exception_handler(dashboard.LoginRequired)
    async def _login(request: Request, exc: dashboard.LoginRequired) -> RedirectResponse:
        return RedirectResponse("/_mock/ui/login", status_code=303)
