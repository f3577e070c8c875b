"""Ledger totals per block: how a time range is split into blocks, exact decimal parts, and totals written one
row at a time (as requests write them) equal to totals made from the whole ledger (as the migration makes them)."""

from __future__ import annotations

import random
from decimal import Decimal, localcontext

import pytest
from sqlite_utils import Database

from mockserver.store import exact
from mockserver.store.backfills import rebuild_rollups
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.rollups import LEDGER, WIDTHS, spans
from mockserver.store.usage import UsageRecord, UsageRepo

START = 1_767_225_600  # a midnight


@pytest.mark.parametrize("seed", range(20))
def test_spans_cover_the_range_with_aligned_blocks_and_under_a_minute_of_rows_each_side(seed: int) -> None:
    rng = random.Random(seed)
    bucket = rng.choice((60, 3_600, 86_400))
    for _ in range(50):
        start = START + rng.randrange(-86_400, 3 * 86_400)
        stop = start + rng.randrange(0, 4 * 86_400)

        covered = spans(start, stop, bucket)

        assert [(span.start, span.stop) for span in covered] == list(zip(
            [start, *(span.stop for span in covered[:-1])], [span.stop for span in covered], strict=True))
        assert covered[-1].stop == stop if covered else start == stop
        for span in covered:
            assert span.width == LEDGER or (bucket % span.width == 0 and span.start % span.width == 0
                                            and span.stop % span.width == 0)
        ledger = [span for span in covered if span.width == LEDGER]
        assert len(ledger) <= 2 and all(span.stop - span.start < 60 for span in ledger)


def test_a_block_never_straddles_a_bucket() -> None:
    for bucket in (60, 3_600, 86_400):
        for span in spans(START + 59, START + 5 * 86_400 + 61, bucket):
            if span.width == LEDGER:
                continue
            for block in range(span.start, span.stop, span.width):
                assert block // bucket == (block + span.width - 1) // bucket


@pytest.mark.parametrize("text", ["0", "2.400000", "1.23456789012345678901E-7", "123456789.123456789123456789",
                                  "-3.5", "1E+20", "0.000000000000000000000000009", "7", "-1E-22",
                                  "123456789012345678901234567890.123456789012345678901"])
def test_exact_parts_join_back_to_the_same_value(text: str) -> None:
    value = Decimal(text)
    units, nanos, attos, rest = exact.split(value)

    assert 0 <= nanos < 10**9 and 0 <= attos < 10**9
    assert exact.join(units, nanos, attos, rest) == value


def test_exact_parts_sum_to_the_exact_sum() -> None:
    values = [Decimal("0.1"), Decimal("0.2"), Decimal("1.23456789012345678901E-7"), Decimal("99.999999999999999999")]
    parts = [exact.split(value) for value in values]

    total = exact.join(sum(p[0] for p in parts), sum(p[1] for p in parts), sum(p[2] for p in parts),
                       " ".join(p[3] for p in parts if p[3]))

    with localcontext() as context:
        context.prec = 60
        assert total == sum(values, Decimal(0))


def table(db: Database, name: str) -> list[tuple[object, ...]]:
    """The rows, the cost totals' exact parts joined into values (the parts of a value are not unique)."""
    rows = sorted(db.execute(f"select * from {name}").fetchall())
    if name != "usage_costs_rollup":
        return rows
    return [(*row[:6], exact.join(*row[6:10]), exact.join(*row[10:14]), *row[14:]) for row in rows]


def random_calls(seed: int, count: int, *, seconds: int) -> list[tuple[CostRecord, UsageRecord]]:
    """Calls spread over `seconds` (not in time order); training lines repeat a job (a second one is ignored)."""
    rng = random.Random(seed)
    calls = []
    for index in range(count):
        at = START + rng.randrange(seconds)
        owner, item = rng.choice(("a", "b")), rng.choice(("x, input", "x, output", "x, training"))
        cost = CostRecord(
            owner=owner, project_id=f"proj_{owner}", kind="training" if item.endswith("training") else "inference",
            line_item=item, model="m", job_id=f"job-{index % 40}" if item.endswith("training") else None,
            request_id=f"r{index}", quantity=Decimal(rng.randrange(10**6)),
            quantity_unit=rng.choice(("tokens", "hours")),
            unit_price=None, price_unit=None, amount=Decimal(rng.randrange(10**9)).scaleb(-rng.randrange(25)),
            price_set=None, note=rng.choice((None, "unpriced")), created_at=at)
        usage = UsageRecord(f"r{index}", owner, "chat.completions", rng.choice(("ft:m:o::1", "m")), "m",
                            rng.randrange(500), rng.randrange(100), rng.randrange(300), at)
        calls.append((cost, usage))
    return calls


def test_totals_written_line_by_line_are_the_totals_made_from_the_ledger(db: Database) -> None:
    for cost, usage in random_calls(3, 300, seconds=2 * 86_400):
        CostsRepo(db).append([cost])
        UsageRepo(db).append(usage)
    written = (table(db, "usage_costs_rollup"), table(db, "usage_rollup"))

    rebuild_rollups(db)

    assert (table(db, "usage_costs_rollup"), table(db, "usage_rollup")) == written
    assert written[0] and written[1]


@pytest.mark.parametrize("seconds", [1, 600, 2 * 86_400])  # one block of each width; several minutes; days
def test_totals_written_in_one_batch_are_the_totals_made_from_the_ledger(db: Database, seconds: int) -> None:
    """A write-behind batch adds its lines up per block before writing them (store/costs.py `rollup_values`)."""
    calls = random_calls(5, 300, seconds=seconds)
    CostsRepo(db).append([cost for cost, _ in calls])
    UsageRepo(db).append_many([usage for _, usage in calls])
    written = (table(db, "usage_costs_rollup"), table(db, "usage_rollup"))

    rebuild_rollups(db)

    assert (table(db, "usage_costs_rollup"), table(db, "usage_rollup")) == written
    assert written[0] and written[1]


@pytest.mark.parametrize("seconds", [1, 600])
def test_totals_of_inference_batches_are_the_totals_made_from_the_ledger(db: Database, seconds: int) -> None:
    """Batches of inference lines alone, as requests leave them, have only each line's seq read back; their
    totals, earliest line included, are those of the ledger."""
    inference = [cost for cost, _ in random_calls(7, 400, seconds=seconds) if cost.kind == "inference"]
    for first in range(0, len(inference), 90):  # several batches, several statements each
        CostsRepo(db).append(inference[first:first + 90])
    written = table(db, "usage_costs_rollup")

    rebuild_rollups(db)

    assert table(db, "usage_costs_rollup") == written
    assert len(written) > len(WIDTHS)


def test_inference_lines_are_written_without_a_step_per_line(db: Database) -> None:
    """Each step of a statement lets the GIL go and takes it back (the writer thread then takes it from the event
    loop): a batch's lines go in one insert a chunk, their seqs known without being returned one by one."""
    inference = [cost for cost, _ in random_calls(5, 300, seconds=60) if cost.kind == "inference"][:120]
    CostsRepo(db).append(inference[:3])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    CostsRepo(db).append(inference[3:])
    db.conn.set_trace_callback(None)
    assert not any("returning" in statement for statement in statements)
    written = table(db, "usage_costs_rollup")
    rebuild_rollups(db)
    assert table(db, "usage_costs_rollup") == written


def test_totals_when_a_line_is_ignored_are_those_of_the_lines_inserted(db: Database) -> None:
    """Should SQLite not insert every line (here a unique index of the test's own ignores a repeated one), the
    totals are made from the lines it inserted, read back."""
    inference = [cost for cost, _ in random_calls(13, 200, seconds=600) if cost.kind == "inference"]
    CostsRepo(db).append(inference[:5])
    db.execute("create unique index test_one_line_a_request on usage_costs (request_id, line_item)")
    CostsRepo(db).append([*inference[5:40], inference[7], *inference[40:80]])  # two statements: 64 lines, 12
    assert db.execute("select count(*) from usage_costs").fetchone()[0] == 80
    written = table(db, "usage_costs_rollup")

    rebuild_rollups(db)

    assert table(db, "usage_costs_rollup") == written


def test_totals_of_lines_given_seqs_out_of_order_are_the_totals_made_from_the_ledger(db: Database) -> None:
    """Past the largest seq SQLite can give, it picks free ones at random: the totals are then made from the seqs
    the lines got, not from their places in the batch."""
    inference = [cost for cost, _ in random_calls(9, 200, seconds=600) if cost.kind == "inference"]
    CostsRepo(db).append(inference[:1])
    db.execute("update usage_costs set seq = 9223372036854775807")
    db.execute("delete from usage_costs_rollup")
    rebuild_rollups(db)

    CostsRepo(db).append(inference[1:])
    written = table(db, "usage_costs_rollup")
    rebuild_rollups(db)

    assert table(db, "usage_costs_rollup") == written
    seqs = [row[0] for row in db.execute("select seq from usage_costs order by rowid")]
    assert seqs != list(range(seqs[0], seqs[0] + len(seqs)))
