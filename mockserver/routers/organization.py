"""`/v1/organization/*`: OpenAI's Admin usage and costs API over the usage and cost ledgers."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request, Response

from mockserver.schemas.costs import dumps
from mockserver.services.usage_kinds import UNTRACKED_USAGE_GROUPS
from mockserver.web.deps import OrganizationServiceDep

router = APIRouter(prefix="/v1/organization", tags=["organization"])


def _array(request: Request, name: str) -> tuple[str, ...]:
    """An array query parameter as the SDK sends it (`name[]=a&name[]=b`) or as repeated `name=a&name=b`."""
    params = request.query_params
    return tuple(params.getlist(f"{name}[]") + params.getlist(name))


def _page(payload: dict[str, object]) -> Response:
    # Money goes out as JSON numbers written from the Decimal's text, never through a float.
    return Response(dumps(payload), media_type="application/json")


@router.get("/costs")
def costs(
    request: Request, service: OrganizationServiceDep, start_time: int, end_time: int | None = None,
    bucket_width: str = "1d", limit: int | None = None, page: str | None = None,
) -> Response:
    """Daily costs (`client.admin.organization.usage.costs`): `group_by` line_item/project_id/api_key_id."""
    from mockserver.services.organization import ReportQuery  # with the service, not at start-up

    return _page(service.costs(ReportQuery(
        start_time=start_time, end_time=end_time, bucket_width=bucket_width, limit=limit, page=page,
        group_by=_array(request, "group_by"), project_ids=_array(request, "project_ids"),
        api_key_ids=_array(request, "api_key_ids"), line_items=_array(request, "line_items"),
    )))


@router.get("/usage/completions")
def usage_completions(
    request: Request, service: OrganizationServiceDep, start_time: int, end_time: int | None = None,
    bucket_width: str = "1d", limit: int | None = None, page: str | None = None, batch: bool | None = None,
) -> Response:
    """Tokens and calls per bucket (`client.admin.organization.usage.completions`)."""
    from mockserver.services.organization import ReportQuery

    return _page(service.completions(ReportQuery(
        start_time=start_time, end_time=end_time, bucket_width=bucket_width, limit=limit, page=page, batch=batch,
        group_by=_array(request, "group_by"), project_ids=_array(request, "project_ids"),
        api_key_ids=_array(request, "api_key_ids"), user_ids=_array(request, "user_ids"),
        models=_array(request, "models"),
    )))


def untracked_usage_route(kind: str) -> Callable[..., Response]:
    def usage(
        request: Request, service: OrganizationServiceDep, start_time: int, end_time: int | None = None,
        bucket_width: str = "1d", limit: int | None = None, page: str | None = None,
    ) -> Response:
        from mockserver.services.organization import ReportQuery

        return _page(service.untracked_usage(kind, ReportQuery(
            start_time=start_time, end_time=end_time, bucket_width=bucket_width, limit=limit, page=page,
            group_by=_array(request, "group_by"),
        )))

    usage.__doc__ = f"Empty buckets (`client.admin.organization.usage.{kind}`): no endpoint here makes such usage."
    return usage


for _kind in UNTRACKED_USAGE_GROUPS:
    router.add_api_route(f"/usage/{_kind}", untracked_usage_route(_kind), methods=["GET"], name=f"usage_{_kind}")
