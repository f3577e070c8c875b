"""OpenAI's Admin usage and costs API over the ledgers: time buckets, grouping, filters, page cursors.

The organization is the whole data dir: every API key is a project of it (`proj_<owner>`), with one
API key (`key_<owner>`), and any key may read the organization's reports (no separate admin keys).
Buckets are aligned to the bucket width in UTC (daily buckets start at midnight), `start_time` is
inclusive, `end_time` exclusive (default: now, so the last bucket holds the current time), and
`page` is the start of the next bucket, as `next_page` gave it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mockserver.billing.charges import UNPRICED
from mockserver.core.errors import InvalidRequest
from mockserver.services.context import Context
from mockserver.services.costs import api_key_id_of, owner_of_api_key, owner_of_project, project_id_of
from mockserver.services.fine_tuning import FineTuningService
from mockserver.services.usage_kinds import UNTRACKED_USAGE_GROUPS
from mockserver.store.reports import Buckets

if TYPE_CHECKING:
    from mockserver.services.batches import BatchesService

WIDTHS = {"1m": 60, "1h": 3600, "1d": 86_400}
COMPLETIONS_LIMITS = {"1m": (60, 1440), "1h": (24, 168), "1d": (7, 31)}  # (default, max)
COSTS_LIMITS = {"1d": (7, 180)}
COSTS_GROUPS = ("project_id", "user_id", "line_item", "api_key_id", "api_source")
MAX_TIME = 253_402_300_799  # 9999-12-31T23:59:59Z
COMPLETIONS_GROUPS = ("project_id", "user_id", "api_key_id", "model", "batch", "service_tier", "api_source")


@dataclass(frozen=True)
class ReportQuery:
    """The query parameters both reports share, plus the filters (empty tuple: no filter)."""

    start_time: int
    end_time: int | None = None
    bucket_width: str = "1d"
    limit: int | None = None
    page: str | None = None
    group_by: tuple[str, ...] = ()
    project_ids: tuple[str, ...] = ()
    api_key_ids: tuple[str, ...] = ()
    user_ids: tuple[str, ...] = ()
    line_items: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    batch: bool | None = None


@dataclass(frozen=True)
class Window:
    """The buckets of one page: starts `first`, `first + width`, …; rows come from [start, stop)."""

    first: int
    width: int
    count: int
    start: int
    stop: int
    next_page: str | None

    def starts(self) -> list[int]:
        return [self.first + index * self.width for index in range(self.count)]

    @property
    def buckets(self) -> Buckets:
        return Buckets(first=self.first, width=self.width, start=self.start, stop=self.stop)


class OrganizationService:
    def __init__(self, ctx: Context, *, jobs: FineTuningService | None = None,
                 batches: BatchesService | None = None) -> None:
        self.ctx = ctx
        self.jobs = jobs  # finished jobs nobody has read yet owe their training charge before a costs read
        self.batches = batches  # and finished batches their requests' charges and usage

    def costs(self, query: ReportQuery) -> dict[str, Any]:
        """`GET /v1/organization/costs`: priced ledger lines summed per day (and per group)."""
        _check_groups(query.group_by, COSTS_GROUPS)
        window = self._window(query, COSTS_LIMITS)
        if self.jobs is not None:
            self.jobs.materialise_finished()
        if self.batches is not None:
            self.batches.materialise_finished(start=window.start, stop=window.stop)
        self.ctx.store.settle_writes()
        totals = [] if _excludes_all(query) else self.ctx.store.reports.cost_totals(
            window.buckets, excluded_note=UNPRICED, by_owner=_by_owner(query),
            by_line_item="line_item" in query.group_by, owners=_owners(query), line_items=set(query.line_items) or None)
        rows = [vars(total) for total in totals]
        return _page(window, rows, lambda group: _cost_results(group, query.group_by))

    def completions(self, query: ReportQuery) -> dict[str, Any]:
        """`GET /v1/organization/usage/completions`: the usage ledger's tokens and calls per bucket."""
        _check_groups(query.group_by, COMPLETIONS_GROUPS)
        window = self._window(query, COMPLETIONS_LIMITS)
        if self.batches is not None:
            self.batches.materialise_finished(start=window.start, stop=window.stop)
        self.ctx.store.settle_writes()
        totals = [] if _excludes_all(query) else self.ctx.store.reports.usage_totals(
            window.buckets, by_owner=_by_owner(query), by_model="model" in query.group_by, owners=_owners(query),
            models=set(query.models) or None, by_batch="batch" in query.group_by, batch=query.batch)
        rows = [vars(total) for total in totals]
        return _page(window, rows, lambda group: _usage_results(group, query.group_by))

    def untracked_usage(self, kind: str, query: ReportQuery) -> dict[str, Any]:
        """`GET /v1/organization/usage/{kind}` of a usage no endpoint here makes: the buckets, all empty, checked
        and paged as the completions report's."""
        _check_groups(query.group_by, UNTRACKED_USAGE_GROUPS[kind])
        return _page(self._window(query, COMPLETIONS_LIMITS), [], lambda group: [])

    def _window(self, query: ReportQuery, limits: dict[str, tuple[int, int]]) -> Window:
        if query.bucket_width not in limits:
            allowed = ", ".join(f"'{width}'" for width in limits)
            raise InvalidRequest(f"Invalid value for 'bucket_width': '{query.bucket_width}'. Supported values "
                                 f"are: {allowed}.", param="bucket_width", code="invalid_value")
        default, maximum = limits[query.bucket_width]
        limit = default if query.limit is None else query.limit
        if not 1 <= limit <= maximum:
            raise InvalidRequest(f"Invalid value for 'limit': {limit}. It must be between 1 and {maximum} for "
                                 f"bucket_width '{query.bucket_width}'.", param="limit", code="invalid_value")
        _check_time("start_time", query.start_time)
        if query.end_time is not None:
            _check_time("end_time", query.end_time)
        if query.end_time is not None and query.end_time <= query.start_time:
            raise InvalidRequest("Invalid value for 'end_time': it must be later than 'start_time'.",
                                 param="end_time", code="invalid_value")
        width = WIDTHS[query.bucket_width]
        stop = query.end_time if query.end_time is not None else self.ctx.clock.now() + 1
        aligned = query.start_time - query.start_time % width
        first = aligned if query.page is None else _decode_page(query.page, aligned, width)
        total = max(0, -(-(stop - first) // width))
        count = min(limit, total)
        end = first + count * width
        has_more = count < total
        return Window(first=first, width=width, count=count, start=max(first, query.start_time),
                      stop=min(end, stop), next_page=_encode_page(end) if has_more else None)


def _check_time(name: str, value: int) -> None:
    """A Unix time SQLite (64-bit integers) and the bucket arithmetic can hold: up to the end of year 9999."""
    if not 0 <= value <= MAX_TIME:
        raise InvalidRequest(f"Invalid value for '{name}': {value}. It must be a Unix time in seconds between 0 "
                             f"and {MAX_TIME}.", param=name, code="invalid_value")


def _check_groups(group_by: Iterable[str], allowed: tuple[str, ...]) -> None:
    for name in group_by:
        if name not in allowed:
            raise InvalidRequest(f"Invalid value for 'group_by': '{name}'. Supported values are: "
                                 f"{', '.join(allowed)}.", param="group_by", code="invalid_value")


def _encode_page(start: int) -> str:
    return "page_" + base64.urlsafe_b64encode(str(start).encode()).decode()


def _decode_page(page: str, aligned: int, width: int) -> int:
    try:
        start = int(base64.urlsafe_b64decode(page.removeprefix("page_").encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        start = None
    if (start is None or not page.startswith("page_") or start < aligned or start > MAX_TIME
            or (start - aligned) % width):
        raise InvalidRequest(f"Invalid value for 'page': '{page}'. Pass the `next_page` of the previous response "
                             "with the same query.", param="page", code="invalid_value")
    return start


def _excludes_all(query: ReportQuery) -> bool:
    return bool(query.user_ids)  # calls have no user


def _by_owner(query: ReportQuery) -> bool:
    return "project_id" in query.group_by or "api_key_id" in query.group_by


def _owners(query: ReportQuery) -> set[str] | None:
    """The callers the project and API key filters allow (None: any)."""
    owners = None
    if query.project_ids:
        owners = {owner for owner in map(owner_of_project, query.project_ids) if owner is not None}
    if query.api_key_ids:
        keys = {owner for owner in map(owner_of_api_key, query.api_key_ids) if owner is not None}
        owners = keys if owners is None else owners & keys
    return owners


def _dimension(row: dict[str, Any], name: str) -> Any:
    values: dict[str, Callable[[], Any]] = {
        "project_id": lambda: project_id_of(row["owner"]), "api_key_id": lambda: api_key_id_of(row["owner"]),
        "user_id": lambda: None, "api_source": lambda: "unlabeled", "batch": lambda: bool(row.get("batch")),
        "service_tier": lambda: "default", "line_item": lambda: row.get("line_item"), "model": lambda: row.get("model"),
    }
    return values[name]()


Results = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]


def _page(window: Window, rows: list[dict[str, Any]], results: Results) -> dict[str, Any]:
    """The page's buckets; `rows` are ledger totals of one bucket each (store/reports.py)."""
    inside: list[list[dict[str, Any]]] = [[] for _ in range(window.count)]
    for row in rows:
        inside[row["bucket"]].append(row)
    buckets = [{"object": "bucket", "start_time": start, "end_time": start + window.width,
                "results": results(bucket)} for start, bucket in zip(window.starts(), inside, strict=True)]
    return {"object": "page", "data": buckets, "has_more": window.next_page is not None,
            "next_page": window.next_page}


def _grouped(rows: list[dict[str, Any]], group_by: tuple[str, ...]) -> list[tuple[dict[str, Any], list[Any]]]:
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(_dimension(row, name) for name in group_by), []).append(row)
    ordered = sorted(groups.items(), key=lambda item: tuple(str(value) for value in item[0]))
    return [(dict(zip(group_by, key, strict=True)), members) for key, members in ordered]


def _cost_results(rows_in_bucket: list[dict[str, Any]], group_by: tuple[str, ...]) -> list[dict[str, Any]]:
    results = []
    for keys, rows in _grouped(rows_in_bucket, group_by):
        by_item = "line_item" in group_by
        result: dict[str, Any] = {
            "object": "organization.costs.result",
            "amount": {"value": sum((row["amount"] for row in rows), Decimal(0)), "currency": "usd"},
            "line_item": keys.get("line_item"), "project_id": keys.get("project_id"),
            "api_key_id": keys.get("api_key_id"),
            "quantity": sum((row["quantity"] for row in rows), Decimal(0)) if by_item else None,
            # The unit of the group's earliest line (a line item's unit changes only with the price set).
            "quantity_unit": min(rows, key=lambda row: row["first"])["quantity_unit"] if by_item else None,
        }
        result.update({name: keys[name] for name in ("user_id", "api_source") if name in keys})
        results.append(result)
    return results


def _usage_results(rows_in_bucket: list[dict[str, Any]], group_by: tuple[str, ...]) -> list[dict[str, Any]]:
    results = []
    for keys, rows in _grouped(rows_in_bucket, group_by):
        prompt = sum(row["prompt_tokens"] for row in rows)
        cached = sum(row["cached_tokens"] for row in rows)
        results.append({
            "object": "organization.usage.completions.result",
            "input_tokens": prompt, "output_tokens": sum(row["completion_tokens"] for row in rows),
            "input_cached_tokens": cached, "input_uncached_tokens": prompt - cached,
            "num_model_requests": sum(row["requests"] for row in rows),
            **{name: keys.get(name) for name in COMPLETIONS_GROUPS},
        })
    return results
