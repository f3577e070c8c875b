"""`/_mock/ui/*`: the dashboard's HTML pages (our extension). Each page reads the services the API uses,
acting as the dashboard's API key (dashboard/access.py), and is served only to holders of the admin key
when one is in force (else: the login page)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from mockserver.catalog import ModelCatalog
from mockserver.dashboard import TEMPLATES_DIR
from mockserver.dashboard.access import dashboard_api_key, is_admin
from mockserver.deps import JournalServiceDep, request_context
from mockserver.errors import InvalidRequest
from mockserver.schemas.control import ClockState
from mockserver.services.context import Context
from mockserver.services.journal import MAX_LIMIT

if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates

router = APIRouter(prefix="/_mock/ui", tags=["dashboard"], include_in_schema=False)
PAGE_SIZE = 20
DEFAULT_MODEL = "gpt-4o-mini-2024-07-18"  # as `mockserver validate`'s (validation/summary.py)


# The pages, their services and Jinja load on the first page asked for: the API's start-up does not pay for them.
@functools.cache
def templates() -> Jinja2Templates:
    from fastapi.templating import Jinja2Templates

    from mockserver.dashboard.formatting import FILTERS

    loaded = Jinja2Templates(directory=TEMPLATES_DIR)
    loaded.env.filters.update(FILTERS)
    return loaded


class LoginRequired(Exception):
    """A page asked for without the admin key: the handler (dashboard/install.py) sends the browser to log in."""


@dataclass(frozen=True)
class Session:
    """An authorised page request: what the services need, and what every template shows."""

    request: Request
    ctx: Context
    catalog: ModelCatalog
    api_key: str
    clock: ClockState

    def render(self, template: str, **data: Any) -> HTMLResponse:
        return templates().TemplateResponse(self.request, template, {
            "api_key": self.api_key, "clock": self.clock, "path": self.request.url.path, **data})


async def dashboard_session(request: Request) -> Session:
    state = request.app.state
    settings = state.settings
    if not is_admin(state.admin_key, request.headers, request.cookies):
        raise LoginRequired()

    from mockserver.services.control import ControlService

    key = dashboard_api_key(settings.api_keys)
    clock = ControlService(clock=state.clock, settings=settings).clock_state()
    return Session(request=request, ctx=request_context(request, f"Bearer {key}"), catalog=state.catalog,
                   api_key=key, clock=clock)


SessionDep = Annotated[Session, Depends(dashboard_session)]


@router.get("/", response_class=HTMLResponse)
def jobs_page(session: SessionDep, after: str | None = None) -> HTMLResponse:
    from mockserver.services.dashboard import DashboardJobs

    rows, has_more = DashboardJobs(session.ctx, catalog=session.catalog).page(after=after, limit=PAGE_SIZE)
    return session.render("jobs.html", rows=rows, has_more=has_more, live=True)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, session: SessionDep) -> HTMLResponse:
    from mockserver.dashboard.charts import Series, line_chart
    from mockserver.services.dashboard import DashboardJobs

    detail = DashboardJobs(session.ctx, catalog=session.catalog).detail(job_id)
    curves = detail.curves
    loss = line_chart([Series("training loss", curves.train_loss), Series("validation loss", curves.valid_loss)],
                      title="Loss")
    accuracy = line_chart([Series("training accuracy", curves.train_accuracy),
                           Series("validation accuracy", curves.valid_accuracy)], title="Mean token accuracy")
    return session.render("job.html", detail=detail, job=detail.row.job, loss_chart=loss, accuracy_chart=accuracy,
                          live=True)


@router.get("/files", response_class=HTMLResponse)
def files_page(session: SessionDep, after: str | None = None) -> HTMLResponse:
    from mockserver.services.dashboard import DashboardFiles

    files = DashboardFiles(session.ctx, catalog=session.catalog).page(after=after, limit=PAGE_SIZE)
    return session.render("files.html", files=files)


@router.get("/files/{file_id}", response_class=HTMLResponse)
def file_page(file_id: str, session: SessionDep, model: str = DEFAULT_MODEL,
              n_epochs: str = "auto") -> HTMLResponse:
    from mockserver.services.dashboard import DashboardFiles
    from mockserver.validation.summary import summary_rows

    if not (n_epochs.isdigit() or n_epochs == "auto"):
        raise InvalidRequest(f"Invalid 'n_epochs': {n_epochs!r}. Give 'auto' or 1-50.", param="n_epochs",
                             code="invalid_value")
    epochs: int | Literal["auto"] = int(n_epochs) if n_epochs.isdigit() else "auto"
    file, checked = DashboardFiles(session.ctx, catalog=session.catalog).report(file_id, model=model,
                                                                                n_epochs=epochs)
    models = [spec.id for spec in session.catalog if spec.fine_tunable]
    summary = summary_rows(model, checked.report, checked.estimate.describe())
    return session.render("file.html", file=file, checked=checked, summary=summary, model=model, n_epochs=n_epochs,
                          models=models)


@router.get("/files/{file_id}/lines", response_class=HTMLResponse)
def file_lines_page(file_id: str, session: SessionDep, line: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    from mockserver.services.dashboard import DashboardFiles

    first = max(1, line - 5)
    shown = DashboardFiles(session.ctx, catalog=session.catalog).lines(file_id, first=first, count=50)
    return session.render("lines.html", shown=shown, target=line)


@router.get("/playground", response_class=HTMLResponse)
def playground_page(session: SessionDep, model: str | None = None) -> HTMLResponse:
    from mockserver.services.dashboard import DashboardJobs

    models = DashboardJobs(session.ctx, catalog=session.catalog).fine_tuned_models()
    return session.render("playground.html", models=models, chosen=model)


@router.get("/costs", response_class=HTMLResponse)
def costs_page(session: SessionDep, days: Annotated[int, Query(ge=1, le=31)] = 7) -> HTMLResponse:
    from mockserver.dashboard.charts import Bar, bar_chart
    from mockserver.dashboard.formatting import utc_time
    from mockserver.services.dashboard import DashboardReports

    report = DashboardReports(session.ctx, catalog=session.catalog).costs(days=days)
    bars = [Bar(utc_time(bucket["start_time"])[:10],
                [(result["line_item"], float(result["amount"]["value"])) for result in bucket["results"]])
            for bucket in report.buckets]
    return session.render("costs.html", report=report, chart=bar_chart(bars, title="Cost per day"), live=True)


@router.get("/requests", response_class=HTMLResponse)
def requests_page(session: SessionDep, journal: JournalServiceDep, method: str | None = None,
                  path: str | None = None, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> HTMLResponse:
    entries = journal.list(method=method or None, path=path or None, limit=limit)
    return session.render("requests.html", entries=entries, method=method or "", filter_path=path or "",
                          limit=limit, live=True)
