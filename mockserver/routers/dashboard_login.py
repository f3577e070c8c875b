"""`/_mock/ui/login`: the form that turns the admin key into the `mockserver_admin` cookie (open without the key)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mockserver.core.admin_auth import ADMIN_COOKIE, matches
from mockserver.routers.dashboard import templates

router = APIRouter(prefix="/_mock/ui", tags=["dashboard"], include_in_schema=False)
HOME = "/_mock/ui/"


def _form(request: Request, *, error: str | None = None, status: int = 200) -> HTMLResponse:
    return templates().TemplateResponse(request, "login.html", {"error": error, "path": request.url.path},
                                      status_code=status)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    if not request.app.state.admin_key:
        return RedirectResponse(HOME, status_code=303)  # nothing to log in to
    return _form(request)


@router.post("/login", response_class=HTMLResponse)
async def log_in(request: Request, key: Annotated[str, Form()] = "") -> Response:
    admin_key: str | None = request.app.state.admin_key  # the key in force, given or generated
    if not admin_key:
        return RedirectResponse(HOME, status_code=303)
    if not matches(key, admin_key):
        return _form(request, error="That is not the admin key (--admin-key / MOCKSERVER_ADMIN_KEY).", status=401)
    response = RedirectResponse(HOME, status_code=303)
    response.set_cookie(ADMIN_COOKIE, key, httponly=True, samesite="strict", path="/_mock")
    return response
