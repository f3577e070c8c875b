"""`/`, `/docs` and `/openapi.json` for a browser: the dashboard and the API docs. JSON clients (the SDKs,
`curl`) get the real API's 404 for these paths, as before. `/_mock/docs`: Swagger UI from local assets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse

from mockserver.core.errors import invalid_url
from mockserver.dashboard.negotiation import prefers_html

router = APIRouter(include_in_schema=False)
SWAGGER_ASSETS = "/_mock/ui/static/swagger"
FOR_BROWSERS = {"/": "/_mock/ui/", "/docs": "/_mock/docs", "/openapi.json": "/_mock/openapi.json"}


def _for_browsers(request: Request) -> RedirectResponse:
    if not prefers_html(request.headers.get("accept")):
        raise invalid_url(request.method, request.url.path)
    return RedirectResponse(FOR_BROWSERS[request.url.path], status_code=307)


@router.get("/")
async def root(request: Request) -> RedirectResponse:
    return _for_browsers(request)


@router.get("/docs")
async def docs(request: Request) -> RedirectResponse:
    return _for_browsers(request)


@router.get("/openapi.json")
async def openapi(request: Request) -> RedirectResponse:
    return _for_browsers(request)


@router.get("/_mock/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI with its script, style and icon served by this server (fastapi-offline's copies)."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title} - Swagger UI",
        swagger_js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER_ASSETS}/favicon.png", swagger_ui_parameters=request.app.swagger_ui_parameters,
    )
