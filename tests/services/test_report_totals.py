"""The usage and costs reports read from the ledgers' per-block totals give exactly what summing the ledger rows
gives: the service's answers are compared, as served JSON, with the former row-by-row computation (the oracle
below, kept as it was) over random ledgers and random queries."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mockserver.billing.charges import UNPRICED
from mockserver.core.auth import Caller
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.core.ids import IdFactory
from mockserver.schemas.costs import dumps
from mockserver.services.context import Context
from mockserver.services.costs import api_key_id_of, project_id_of
from mockserver.services.organization import (
    COMPLETIONS_GROUPS,
    COMPLETIONS_LIMITS,
    COSTS_GROUPS,
    COSTS_LIMITS,
    OrganizationService,
    ReportQuery,
    Window,
)
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.costs import CostRecord
from mockserver.store.database import initialise_database, open_database
from mockserver.store.usage import UsageRecord

DAY = 86_400
START = 1_767_225_600  # a midnight
NOW = START + 3 * DAY + 7_777
OWNERS = ("owner1", "owner2", "owner3")
LINE_ITEMS = ("ft-gpt-4o-mini-2024-07-18, input", "ft-gpt-4o-mini-2024-07-18, output", "gpt-4o-2024-08-06, input",
              "ft-gpt-4o-mini-2024-07-18, training")
MODELS = ("ft:gpt-4o-mini-2024-07-18:org::abcd1234", "gpt-4o-mini", "gpt-4o-mini-2024-07-18")


# -- the oracle: the reports as they were computed from every ledger row -----------------------------------

def oracle_keep(row: dict[str, Any], query: ReportQuery) -> bool:
    owner = row["owner"]
    if query.project_ids and project_id_of(owner) not in query.project_ids:
        return False
    if query.api_key_ids and api_key_id_of(owner) not in query.api_key_ids:
        return False
    if query.user_ids:
        return False
    if query.batch is not None and "batch" in row and bool(row["batch"]) != query.batch:  # usage rows only
        return False
    if query.line_items and row.get("line_item") not in query.line_items:
        return False
    return not query.models or bool({row.get("model"), row.get("requested")} & set(query.models))


def oracle_dimension(row: dict[str, Any], name: str) -> Any:
    values: dict[str, Callable[[], Any]] = {
        "project_id": lambda: project_id_of(row["owner"]), "api_key_id": lambda: api_key_id_of(row["owner"]),
        "user_id": lambda: None, "api_source": lambda: "unlabeled", "batch": lambda: bool(row.get("batch")),
        "service_tier": lambda: "default", "line_item": lambda: row.get("line_item"), "model": lambda: row.get("model"),
    }
    return values[name]()


def oracle_grouped(rows: list[dict[str, Any]], group_by: tuple[str, ...]) -> list[tuple[dict[str, Any], list[Any]]]:
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(oracle_dimension(row, name) for name in group_by), []).append(row)
    ordered = sorted(groups.items(), key=lambda item: tuple(str(value) for value in item[0]))
    return [(dict(zip(group_by, key, strict=True)), members) for key, members in ordered]


def oracle_cost_results(rows_in_bucket: list[dict[str, Any]], group_by: tuple[str, ...]) -> list[dict[str, Any]]:
    results = []
    for keys, rows in oracle_grouped(rows_in_bucket, group_by):
        by_item = "line_item" in group_by
        result: dict[str, Any] = {
            "object": "organization.costs.result",
            "amount": {"value": sum((row["amount"] for row in rows), Decimal(0)), "currency": "usd"},
            "line_item": keys.get("line_item"), "project_id": keys.get("project_id"),
            "api_key_id": keys.get("api_key_id"),
            "quantity": sum((row["quantity"] for row in rows), Decimal(0)) if by_item else None,
            "quantity_unit": rows[0]["quantity_unit"] if by_item else None,
        }
        result.update({name: keys[name] for name in ("user_id", "api_source") if name in keys})
        results.append(result)
    return results


def oracle_usage_results(rows_in_bucket: list[dict[str, Any]], group_by: tuple[str, ...]) -> list[dict[str, Any]]:
    results = []
    for keys, rows in oracle_grouped(rows_in_bucket, group_by):
        prompt = sum(row["prompt_tokens"] for row in rows)
        cached = sum(row["cached_tokens"] for row in rows)
        results.append({
            "object": "organization.usage.completions.result",
            "input_tokens": prompt, "output_tokens": sum(row["completion_tokens"] for row in rows),
            "input_cached_tokens": cached, "input_uncached_tokens": prompt - cached,
            "num_model_requests": len(rows),
            **{name: keys.get(name) for name in COMPLETIONS_GROUPS},
        })
    return results


def oracle_page(window: Window, rows: list[dict[str, Any]], results: Callable[[list[Any]], Any]) -> dict[str, Any]:
    buckets = []
    for start in window.starts():
        end = start + window.width
        inside = [row for row in rows if start <= row["created_at"] < end]
        buckets.append({"object": "bucket", "start_time": start, "end_time": end, "results": results(inside)})
    return {"object": "page", "data": buckets, "has_more": window.next_page is not None,
            "next_page": window.next_page}


def oracle_costs(store: Store, service: OrganizationService, query: ReportQuery) -> dict[str, Any]:
    window = service._window(query, COSTS_LIMITS)
    rows = [row for row in store.costs.rows(start=window.start, end=window.stop)
            if row["note"] != UNPRICED and oracle_keep(row, query)]
    return oracle_page(window, rows, lambda group: oracle_cost_results(group, query.group_by))


def oracle_completions(store: Store, service: OrganizationService, query: ReportQuery) -> dict[str, Any]:
    window = service._window(query, COMPLETIONS_LIMITS)
    rows = []
    for row in store.usage_rows_for_test():  # type: ignore[attr-defined]
        if window.start <= row["created_at"] < window.stop:
            model = row["model"] if row["model"].startswith("ft:") else row["base_model"]
            rows.append({**row, "model": model, "requested": row["model"]})
    rows = [row for row in rows if oracle_keep(row, query)]
    return oracle_page(window, rows, lambda group: oracle_usage_results(group, query.group_by))


# -- random ledgers and queries ------------------------------------------------------------------------

def random_time(rng: random.Random) -> int:
    """Mostly anywhere in three days, some on block edges (a day, hour or minute start, or a second before)."""
    at = START + rng.randrange(3 * DAY)
    if rng.random() < 0.2:
        width = rng.choice((60, 3_600, DAY))
        at = at - at % width - rng.choice((0, 1))
    return at


def random_amount(rng: random.Random) -> Decimal:
    """Up to 18 decimal places, and sums within 28 significant digits (where the former sums were exact too)."""
    return Decimal(rng.randrange(1, 10**7)).scaleb(-rng.choice((2, 6, 7, 9, 12, 18)))


def cost_lines(rng: random.Random, count: int) -> Iterator[list[CostRecord]]:
    for index in range(count):
        at, owner = random_time(rng), rng.choice(OWNERS)
        lines = []
        for item in rng.sample(LINE_ITEMS, rng.randint(1, 3)):
            training = item.endswith("training")
            unit = rng.choice(("tokens", "hours")) if training else "tokens"
            note = UNPRICED if rng.random() < 0.1 else None
            lines.append(CostRecord(
                owner=owner, project_id=project_id_of(owner), kind="training" if training else "inference",
                line_item=item, model=MODELS[0], job_id=f"ftjob-{index}-{item}" if training else None,
                request_id=None if training else f"chatcmpl-{index}", quantity=random_amount(rng),
                quantity_unit=unit, unit_price=None, price_unit=None,
                amount=Decimal(0) if note else random_amount(rng), price_set=None, note=note, created_at=at))
        yield lines


def usage_calls(rng: random.Random, count: int) -> Iterator[UsageRecord]:
    for index in range(count):
        prompt = rng.randint(1, 5_000)
        yield UsageRecord(request_id=f"chatcmpl-u{index}", owner=rng.choice(OWNERS), endpoint="chat.completions",
                          model=rng.choice(MODELS), base_model=MODELS[2], prompt_tokens=prompt,
                          cached_tokens=rng.randint(0, prompt), completion_tokens=rng.randint(0, 900),
                          created_at=random_time(rng), batch=rng.random() < 0.3)


def random_filter(rng: random.Random, values: list[str]) -> tuple[str, ...]:
    return tuple(rng.sample(values, rng.randint(1, 2))) if rng.random() < 0.3 else ()


def random_query(rng: random.Random, widths: dict[str, tuple[int, int]], groups: tuple[str, ...]) -> ReportQuery:
    width = rng.choice(list(widths))
    seconds = {"1m": 60, "1h": 3_600, "1d": DAY}[width]
    start = START - DAY + rng.randrange(4 * DAY)
    count = rng.randint(1, min(widths[width][1], 240))
    end = None if rng.random() < 0.5 else start + rng.randint(1, count * seconds)
    projects = [project_id_of(owner) for owner in OWNERS] + ["proj_nobody", "not-a-project"]
    keys = [api_key_id_of(owner) for owner in OWNERS] + ["key_nobody"]
    return ReportQuery(
        start_time=start, end_time=end, bucket_width=width, limit=count,
        group_by=tuple(name for name in groups if rng.random() < 0.3), project_ids=random_filter(rng, projects),
        api_key_ids=random_filter(rng, keys),  # each report's own filters, as its route passes them:
        line_items=random_filter(rng, [*LINE_ITEMS, "nothing, input"]) if widths is COSTS_LIMITS else (),
        models=random_filter(rng, [*MODELS, "gpt-nothing"]) if widths is COMPLETIONS_LIMITS else (),
        user_ids=("user-1",) if rng.random() < 0.05 else (),
        batch=rng.choice((True, False)) if rng.random() < 0.2 else None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    settings = Settings(data_dir=tmp_path / "data")
    initialise_database(settings.database_path)
    store = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
    rng = random.Random(7)
    for lines in cost_lines(rng, 400):
        store.costs.append(lines)
    store.costs.append([next(cost_lines(random.Random(7), 1))[0]])  # a second training charge: ignored
    for call in usage_calls(rng, 400):
        store.usage.append(call)
    store.usage_rows_for_test = lambda: [  # type: ignore[attr-defined]
        dict(zip(("created_at", "owner", "model", "base_model", "prompt_tokens", "cached_tokens",
                  "completion_tokens", "batch"), row, strict=True))
        for row in store.db.execute("select created_at, owner, model, base_model, prompt_tokens, cached_tokens, "
                                    "completion_tokens, batch from usage order by created_at, seq").fetchall()]
    yield store
    store.close()


@pytest.fixture
def service(store: Store, settings: Settings) -> OrganizationService:
    ctx = Context(store=store, clock=ManualClock(NOW), ids=IdFactory(1), settings=settings,
                  caller=Caller(api_key="sk-x", owner=OWNERS[0]))
    return OrganizationService(ctx)


@pytest.mark.parametrize("seed", range(6))
def test_costs_from_the_totals_are_the_ledger_rows_sums(store: Store, service: OrganizationService, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(20):
        query = random_query(rng, COSTS_LIMITS, COSTS_GROUPS)

        assert dumps(service.costs(query)) == dumps(oracle_costs(store, service, query)), query


@pytest.mark.parametrize("seed", range(6))
def test_usage_from_the_totals_is_the_ledger_rows_sums(store: Store, service: OrganizationService, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(20):
        query = random_query(rng, COMPLETIONS_LIMITS, COMPLETIONS_GROUPS)

        assert dumps(service.completions(query)) == dumps(oracle_completions(store, service, query)), query


def test_a_line_item_shows_the_unit_of_its_earliest_line(store: Store, service: OrganizationService) -> None:
    hours, tokens = (CostRecord(
        owner="owner9", project_id="proj_owner9", kind="training", line_item="ft-x, training", model="m",
        job_id=job_id, request_id=None, quantity=Decimal(2), quantity_unit=unit, unit_price=None, price_unit=None,
        amount=Decimal(1), price_set=None, note=None, created_at=START + 100 + offset)
        for job_id, unit, offset in (("ftjob-h", "hours", 0), ("ftjob-t", "tokens", 5)))
    store.costs.append([tokens])  # written first, but five seconds later
    store.costs.append([hours])
    query = ReportQuery(start_time=START, limit=1, group_by=("line_item",), project_ids=("proj_owner9",))

    (result,) = service.costs(query)["data"][0]["results"]

    assert (result["quantity"], result["quantity_unit"]) == (Decimal(4), "hours")


def test_digits_past_the_eighteenth_place_are_summed_exactly(store: Store, service: OrganizationService) -> None:
    lines = [CostRecord(
        owner="owner9", project_id="proj_owner9", kind="inference", line_item="gpt-x, input", model="m", job_id=None,
        request_id=f"chatcmpl-{index}", quantity=Decimal(1), quantity_unit="tokens", unit_price=None,
        price_unit=None, amount=Decimal(amount), price_set=None, note=None, created_at=START + 100)
        for index, amount in enumerate(("0.000000123456789012345678901", "2.4", "0.000000000000000000000000009"))]
    for line in lines:
        store.costs.append([line])
    query = ReportQuery(start_time=START, limit=1, project_ids=("proj_owner9",))

    (result,) = service.costs(query)["data"][0]["results"]

    assert result["amount"]["value"] == Decimal("2.400000123456789012345678910")
