"""`mockserver costs`: the cost ledger of a data dir, summed by model, job or day, with a total."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from mockserver.billing.charges import HOURS, TOKENS, UNPRICED
from mockserver.commands.clock import clock_option
from mockserver.commands.pricing import load_checked_prices, pricing_options

if TYPE_CHECKING:
    from mockserver.billing.pricing import PriceTable
    from mockserver.core.config import Settings
    from mockserver.store import Stores

INFERENCE_GROUP = "(inference calls)"
MAX_TABLE_WIDTH = 10_000  # for measuring a table's natural width


@dataclass
class Group:
    key: str
    lines: int = 0
    tokens: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    unpriced: int = 0
    line_items: set[str] = field(default_factory=set)

    def add(self, row: dict[str, Any]) -> None:
        self.lines += 1
        self.amount += row["amount"]
        self.tokens += row["quantity"] if row["quantity_unit"] == TOKENS else 0
        self.hours += row["quantity"] if row["quantity_unit"] == HOURS else 0
        self.unpriced += row["note"] == UNPRICED
        self.line_items.add(row["line_item"])

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "lines": self.lines, "tokens": int(self.tokens), "hours": str(self.hours),
                "amount": str(self.amount), "unpriced_lines": self.unpriced, "line_items": sorted(self.line_items)}


@click.command("costs")
@click.option("--data-dir", envvar="MOCKSERVER_DATA_DIR", default=".mockserver", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The server's data dir.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="DATE",
              help="Only charges on or after this UTC day (YYYY-MM-DD).")
@click.option("--by", "by", type=click.Choice(["model", "job", "day"]), default="model", show_default=True,
              help="Sum per model (the fine-tuned id for its calls), per job (calls together), or per UTC day.")
@click.option("--json", "as_json", is_flag=True, help="Print the sums as JSON (amounts as exact decimal strings).")
@clock_option("The server's clock (give the same as to `serve`): jobs finished by its 'now' that no request has "
              "read yet are charged first. system: wall time; manual: the time stored in the data dir.")
@pricing_options
def costs(
    data_dir: Path, since: dt.datetime | None, by: str, as_json: bool, clock: str = "system",
    pricing: Path | None = None, price_set: str | None = None,
) -> None:
    """Show what every job and call in a data dir would have cost (the cost ledger).

    As the costs API does, jobs and batches that have finished on the server's clock (--clock) since any request
    last read them are charged first, with the server's prices (--pricing, --price-set). Their webhooks are left
    to the server, which sends them on its next read of the job.
    """
    from mockserver.core.config import Settings
    from mockserver.store import Stores
    from mockserver.store.blobs import BlobStore
    from mockserver.store.database import initialise_database

    # The server's settings (MOCKSERVER_* variables too), but never its webhook URL: only the server announces.
    settings = Settings(data_dir=data_dir, clock=clock, pricing=pricing, price_set=price_set, webhook_url=None)
    database = settings.database_path
    if not database.is_file():
        click.echo(f"Error: no mockserver data in {data_dir} (expected {database})", err=True)
        sys.exit(2)
    prices = load_checked_prices(fixtures_dir=settings.fixtures_dir, pricing=pricing, price_set=price_set)
    start = None if since is None else int(since.replace(tzinfo=dt.UTC).timestamp())
    initialise_database(database)  # an older data dir gains the ledger table, empty
    stores = Stores(database, BlobStore(settings.blobs_dir))
    charge_finished_work(settings, prices, stores, start=start or 0)
    with stores.opened() as store:
        store.settle_writes()  # the calls a running server has answered but not written yet
        rows = store.costs.rows(start=start)
    groups = summarise(rows, by)
    total = sum((group.amount for group in groups), Decimal(0))
    if as_json:
        click.echo(json.dumps({"data_dir": str(data_dir), "since": since.date().isoformat() if since else None,
                               "by": by, "groups": [g.to_dict() for g in groups], "total": str(total)}, indent=2))
        return
    print_whole(_table(groups, by, total))


def charge_finished_work(settings: Settings, prices: PriceTable, stores: Stores, *, start: int = 0) -> None:
    """What `GET /v1/organization/costs` does before it reads: materialise every job that has finished by the
    server's clock (training charge, result file, model index), and run every batch that has finished since
    `start` (its requests' charges), each once, whoever sees it first: a server stopped before it read them
    leaves them to this."""
    from mockserver.core.auth import Caller
    from mockserver.core.catalog import ModelCatalog
    from mockserver.core.ids import IdFactory
    from mockserver.responder.rules import ResponseRules
    from mockserver.server.app import default_clock
    from mockserver.services.batch_endpoints import batch_runners
    from mockserver.services.batches import BatchesService
    from mockserver.services.context import Context
    from mockserver.services.fine_tuning import FineTuningService
    from mockserver.web.deps import batch_line_error

    catalog = ModelCatalog.load(settings.fixtures_dir / "models.json")
    rules = ResponseRules.load(settings.fixtures_dir / "responses.json")
    with stores.opened() as store:
        # No caller: each use case goes over every caller's jobs and batches, each by its own row's owner.
        ctx = Context(store=store, clock=default_clock(settings), ids=IdFactory(settings.seed), settings=settings,
                      caller=Caller(api_key="", owner=""), prices=prices)
        FineTuningService(ctx, catalog=catalog).materialise_finished()
        BatchesService(ctx, runners=batch_runners(catalog, rules), invalid_body=batch_line_error).materialise_finished(
            start=start)


def summarise(rows: list[dict[str, Any]], by: str) -> list[Group]:
    """The ledger rows summed per `by` key, in key order."""
    groups: dict[str, Group] = {}
    for row in rows:
        key = _key(row, by)
        groups.setdefault(key, Group(key)).add(row)
    return [groups[key] for key in sorted(groups)]


def _key(row: dict[str, Any], by: str) -> str:
    if by == "day":
        return dt.datetime.fromtimestamp(row["created_at"], dt.UTC).date().isoformat()
    if by == "job":
        return row["job_id"] or INFERENCE_GROUP
    return str(row["model"])


def money(amount: Decimal) -> str:
    """Dollars with cents, or every significant digit when there are more than two decimals."""
    normal = amount.normalize()
    exponent = normal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < -2 else 2
    return f"${amount:,.{places}f}"


def print_whole(table: Table) -> None:
    """Print a table of unwrapped columns without cutting a cell: wider than the terminal if it must be
    (the terminal then wraps its lines), since a shortened model id or amount would be wrong."""
    console = Console()
    needed = Measurement.get(console, console.options.update_width(MAX_TABLE_WIDTH), table).maximum
    if needed > console.width:
        console = Console(width=needed)
    console.print(table)


def _table(groups: list[Group], by: str, total: Decimal) -> Table:
    table = Table(title="What would this have cost?", show_footer=True)
    table.add_column(by.capitalize(), footer="Total", no_wrap=True)
    table.add_column("Lines", justify="right", footer=str(sum(g.lines for g in groups)), no_wrap=True)
    table.add_column("Tokens", justify="right", footer=f"{int(sum(g.tokens for g in groups)):,}", no_wrap=True)
    table.add_column("Training hours", justify="right", no_wrap=True)
    table.add_column("Amount (USD)", justify="right", footer=money(total), no_wrap=True)
    table.add_column("Note", no_wrap=True)
    for group in groups:
        note = f"{group.unpriced} unpriced line(s)" if group.unpriced else ""
        table.add_row(group.key, str(group.lines), f"{int(group.tokens):,}", str(group.hours) if group.hours else "",
                      money(group.amount), note)
    if not groups:
        table.caption = "The ledger is empty: no job has finished and no model has answered yet."
    return table
