"""Named schema migrations: the only way the SQLite schema changes."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("mockserver")


def _has_rows(db: Database, table: str) -> bool:
    return db.execute(f"select 1 from {table} limit 1").fetchone() is not None


@migrations(name="0001_files")
def create_files(db: Database) -> None:
    db.table("files").create(
        {
            "seq": int,
            "id": str,
            "owner": str,
            "bytes": int,
            "created_at": int,
            "expires_at": int,
            "filename": str,
            "purpose": str,
            "status": str,
            "status_details": str,
        },
        pk="seq",
        not_null={"id", "owner", "bytes", "created_at", "filename", "purpose", "status"},
    )
    db.table("files").create_index(["id"], unique=True)
    db.table("files").create_index(["owner", "created_at"])


@migrations(name="0002_uploads")
def create_uploads(db: Database) -> None:
    db.table("uploads").create(
        {
            "id": str,
            "owner": str,
            "bytes": int,
            "created_at": int,
            "expires_at": int,
            "filename": str,
            "purpose": str,
            "mime_type": str,
            "status": str,
            "file_id": str,
            "file_expires_after": str,
        },
        pk="id",
        not_null={"owner", "bytes", "created_at", "expires_at", "filename", "purpose", "status"},
    )
    db.table("upload_parts").create(
        {"id": str, "upload_id": str, "created_at": int, "bytes": int},
        pk="id",
        not_null={"upload_id", "created_at", "bytes"},
        foreign_keys=[("upload_id", "uploads", "id")],
    )
    db.table("upload_parts").create_index(["upload_id"])


@migrations(name="0003_clock")
def create_clock(db: Database) -> None:
    # One row (id = 1): the manual clock's time, shared by every worker process on this data dir.
    db.execute("create table clock (id integer primary key check (id = 1), now integer not null)")


@migrations(name="0004_jobs")
def create_jobs(db: Database) -> None:
    db.table("jobs").create(
        {
            "seq": int,
            "id": str,
            "owner": str,
            "created_at": int,
            "model": str,
            "training_file": str,
            "validation_file": str,
            "suffix": str,
            "seed": int,
            "metadata": str,
            "integrations": str,
            "method": str,
            "plan": str,
            "controls": str,
            "materialised_at": int,
        },
        pk="seq",
        not_null={"id", "owner", "created_at", "model", "training_file", "seed", "method", "plan", "controls"},
    )
    db.table("jobs").create_index(["id"], unique=True)
    db.table("jobs").create_index(["owner", "created_at"])
    db.table("deleted_models").create(
        {"model": str, "owner": str, "deleted_at": int}, pk=("owner", "model"), not_null={"deleted_at"}
    )
    db.table("checkpoint_permissions").create(
        {"seq": int, "id": str, "owner": str, "checkpoint": str, "project_id": str, "created_at": int},
        pk="seq",
        not_null={"id", "owner", "checkpoint", "project_id", "created_at"},
    )
    db.table("checkpoint_permissions").create_index(["id"], unique=True)
    db.table("checkpoint_permissions").create_index(["owner", "checkpoint"])


@migrations(name="0006_usage_ledger")
def create_usage_ledger(db: Database) -> None:
    # Append-only: one row per chat completion or response, priced later by the costs views.
    db.table("usage").create(
        {
            "seq": int,
            "request_id": str,
            "owner": str,
            "endpoint": str,
            "model": str,
            "base_model": str,
            "prompt_tokens": int,
            "cached_tokens": int,
            "completion_tokens": int,
            "created_at": int,
        },
        pk="seq",
        not_null={"request_id", "owner", "endpoint", "model", "base_model", "prompt_tokens", "cached_tokens",
                  "completion_tokens", "created_at"},
    )
    db.table("usage").create_index(["owner", "created_at"])


@migrations(name="0007_faults_and_journal")
def create_faults_and_journal(db: Database) -> None:
    # Control-plane state (`/_mock/faults`, `/_mock/requests`), shared by every worker process.
    db.table("faults").create(
        {
            "seq": int,
            "id": str,
            "method": str,
            "path": str,
            "status": int,
            "times": int,
            "remaining": int,
            "hits": int,
            "probability": float,
            "headers": str,
            "delay_ms": int,
            "drop_connection": int,
            "error": str,
            "created_at": int,
        },
        pk="seq",
        not_null={"id", "path", "hits", "probability", "headers", "delay_ms", "drop_connection", "created_at"},
        defaults={"hits": 0},
    )
    db.table("faults").create_index(["id"], unique=True)
    db.table("request_journal").create(
        {
            "seq": int,
            "id": str,
            "method": str,
            "path": str,
            "query": str,
            "status": int,
            "body": str,
            "fault_id": str,
            "retry_count": int,
            "duration_ms": float,
            "created_at": int,
        },
        pk="seq",
        not_null={"id", "method", "path", "query", "duration_ms", "created_at"},
    )


@migrations(name="0005_model_indexes")
def create_model_indexes(db: Database) -> None:
    # What each succeeded job's fine-tuned model learned (a serialised responder TrainingIndex), built once
    # when the job is materialised; and every model id (final model and checkpoints) that answers with it.
    db.table("model_indexes").create(
        {"job_id": str, "owner": str, "digest": str, "examples": int, "created_at": int, "data": bytes},
        pk="job_id",
        not_null={"owner", "digest", "examples", "created_at", "data"},
    )
    db.table("model_index_models").create(
        {"owner": str, "model": str, "job_id": str},
        pk=("owner", "model"),
        not_null={"job_id"},
    )
    db.table("model_index_models").create_index(["job_id"])


@migrations(name="0008_rate_limit_window")
def create_rate_limit_window(db: Database) -> None:
    # One row per counted request (`--rpm`): the sliding window, shared by every worker process.
    db.table("rate_limit_window").create({"key": str, "at": int}, not_null={"key", "at"})
    db.table("rate_limit_window").create_index(["key", "at"])


@migrations(name="0009_cost_ledger")
def create_cost_ledger(db: Database) -> None:
    # Append-only: what every job and inference call would have cost (mockserver/billing/charges.py). Money and
    # quantities are exact decimal TEXT, never REAL. Named `usage_*` so the `usage` reset scope empties it.
    db.table("usage_costs").create(
        {
            "seq": int,
            "owner": str,
            "project_id": str,
            "kind": str,
            "line_item": str,
            "model": str,
            "job_id": str,
            "request_id": str,
            "quantity": str,
            "quantity_unit": str,
            "unit_price": str,
            "price_unit": str,
            "amount": str,
            "price_set": str,
            "note": str,
            "created_at": int,
        },
        pk="seq",
        not_null={"owner", "project_id", "kind", "line_item", "model", "quantity", "quantity_unit", "amount",
                  "created_at"},
    )
    db.table("usage_costs").create_index(["created_at"])
    # A job is charged for training once, whichever worker process records it.
    db.execute("create unique index usage_costs_training_job on usage_costs (job_id) where kind = 'training'")


@migrations(name="0010_job_webhook_deliveries")
def create_job_webhook_deliveries(db: Database) -> None:
    # One row per fine-tuning job event (`--webhook-url`): the unique id makes the event once-only whichever
    # worker sees the terminal state first; `attempted_at` null means not yet sent (an outbox entry).
    db.table("job_webhook_deliveries").create(
        {
            "seq": int,
            "id": str,
            "webhook_id": str,
            "job_id": str,
            "owner": str,
            "type": str,
            "url": str,
            "body": str,
            "created_at": int,
            "attempted_at": int,
            "status": int,
            "error": str,
        },
        pk="seq",
        not_null={"id", "webhook_id", "job_id", "owner", "type", "url", "body", "created_at"},
    )
    db.table("job_webhook_deliveries").create_index(["id"], unique=True)
    db.table("job_webhook_deliveries").create_index(["attempted_at"])


@migrations(name="0011_token_rate_window")
def create_token_rate_window(db: Database) -> None:
    # One row per admitted inference request (`--tpm`): its estimated tokens, in a sliding window shared by
    # every worker process.
    db.table("token_rate_window").create({"key": str, "at": int, "tokens": int}, not_null={"key", "at", "tokens"})
    db.table("token_rate_window").create_index(["key", "at"])


@migrations(name="0012_webhook_retries")
def add_webhook_retries(db: Database) -> None:
    # A failed delivery is retried on a schedule (core/webhook_signing.py): `attempts` made so far, and when the
    # next one is due on the server's clock (null: none will be made).
    db.table("job_webhook_deliveries").add_column("attempts", int, not_null_default=0)
    db.table("job_webhook_deliveries").add_column("next_attempt_at", int)
    db.table("job_webhook_deliveries").create_index(["next_attempt_at"])


@migrations(name="0013_journal_kind")
def add_journal_kind(db: Database) -> None:
    # The journal also records webhook deliveries (`--webhook-url`): `request` for a `/v1/*` request received,
    # `webhook` for a delivery attempt sent (its path is the receiver's URL).
    db.table("request_journal").add_column("kind", str, not_null_default="request")


@migrations(name="0014_usage_prompt_cache")
def create_usage_prompt_cache(db: Database) -> None:
    # Simulated prompt caching (mockserver/core/prompt_cache.py): per caller and model, the hash of each cached
    # prompt prefix, its length in tokens, and when a request last used it (server's clock).
    db.table("usage_prompt_cache").create(
        {"owner": str, "model": str, "prefix": str, "tokens": int, "seen_at": int},
        pk=("owner", "model", "prefix"),
        not_null={"owner", "model", "prefix", "tokens", "seen_at"},
    )
    db.table("usage_prompt_cache").create_index(["seen_at"])


@migrations(name="0015_webhook_leases")
def add_webhook_leases(db: Database) -> None:
    # Delivery runs off the request path (services/webhook_delivery.py): a worker leases an attempt before
    # sending it. `lease_token` names the attempt (only its holder records the outcome), `lease_until` is when
    # the lease lapses on the wall clock (a worker killed mid-send leaves it; another then retries the event).
    table = db.table("job_webhook_deliveries")
    table.add_column("lease_token", str)
    table.add_column("lease_until", int)
    table.create_index(["lease_until"])
    # The outbox proper: events never attempted, found without reading the delivered ones.
    db.execute("create index job_webhook_deliveries_unsent on job_webhook_deliveries (seq) where attempts = 0")
    # `POST /_mock/webhooks/flush` returns the attempts made since the last flush: the attempts it has reported.
    table.add_column("reported_attempts", int, not_null_default=0)
    db.execute("create index job_webhook_deliveries_unreported on job_webhook_deliveries (seq) "
               "where attempts > reported_attempts")


@migrations(name="0016_job_settlement")
def add_job_settlement(db: Database) -> None:
    # What lets a request find the jobs it must act on without reading every job (mockserver/store/jobs.py):
    # `terminal_at`, the first second the job is terminal under its plan and controls (null: not foreseeable,
    # as while paused or scripted to stay), rewritten whenever they change; `materialised_at`, now set for
    # every terminal job once its side effects are recorded (settled), not only successes; `announced_at`,
    # set by a trigger when the job's webhook event is claimed. "Due" jobs are a range of a partial index.
    db.table("jobs").add_column("terminal_at", int)
    db.table("jobs").add_column("announced_at", int)
    db.execute("create index jobs_due on jobs (terminal_at) where materialised_at is null")
    db.execute("create index jobs_due_by_owner on jobs (owner, terminal_at) where materialised_at is null")
    db.execute("create index jobs_unannounced on jobs (terminal_at) where announced_at is null")
    db.execute(
        "create trigger job_webhook_claimed after insert on job_webhook_deliveries begin "
        "update jobs set announced_at = new.created_at where id = new.job_id and announced_at is null; end"
    )
    # The fine-tuned models and checkpoints of succeeded jobs, written when the job is settled, removed when
    # deleted: `GET /v1/models` and every `ft:` lookup read these rows, in the order of the jobs (`job_seq`).
    db.table("job_models").create(
        {"owner": str, "model": str, "job_id": str, "job_seq": int, "step": int, "created": int},
        pk=("owner", "model"),
        not_null={"job_id", "job_seq", "step", "created"},
    )
    db.table("job_models").create_index(["owner", "job_seq", "step"])
    db.table("job_models").create_index(["job_id"])
    if _has_rows(db, "jobs"):  # a new data dir starts without loading the simulator
        from mockserver.store.backfills import backfill_job_settlement

        backfill_job_settlement(db)


@migrations(name="0017_report_rollups")
def create_report_rollups(db: Database) -> None:
    # The ledgers' totals per day, hour and minute (store/rollups.py), added to as each row is written, so the
    # Admin usage and costs reports read a few rows per bucket. Named `usage_*` to go with the `usage` scope.
    # Quantities and amounts as exact integer parts (store/exact.py), so SQLite sums them without floats. Without
    # rowid: rows are stored in key order, so a report's range of blocks is read as contiguous pages.
    db.execute(
        "create table usage_costs_rollup (width integer, start integer, owner text, line_item text, "
        "quantity_unit text, note text, quantity_units integer not null, quantity_nanos integer not null, "
        "quantity_attos integer not null, quantity_rest text, amount_units integer not null, "
        "amount_nanos integer not null, amount_attos integer not null, amount_rest text, "
        "lines integer not null, first_at integer not null, first_seq integer not null, "
        "primary key (width, start, owner, line_item, quantity_unit, note)) without rowid"
    )
    db.execute(
        "create table usage_rollup (width integer, start integer, owner text, model text, base_model text, "
        "prompt_tokens integer not null, cached_tokens integer not null, completion_tokens integer not null, "
        "requests integer not null, primary key (width, start, owner, model, base_model)) without rowid"
    )
    # The reports read the ledgers themselves only at a range's edges (under a minute), by time.
    db.table("usage").create_index(["created_at"])
    if _has_rows(db, "usage") or _has_rows(db, "usage_costs"):
        from mockserver.store.backfills import rebuild_rollups

        rebuild_rollups(db)


@migrations(name="0018_stored_chat_completions")
def create_stored_chat_completions(db: Database) -> None:
    # `store: true` completions: the completion's JSON as sent, its metadata (also one row per pair in
    # `chat_completion_metadata`, so a metadata filter walks an index), and the request's messages.
    db.table("chat_completions").create(
        {"seq": int, "id": str, "owner": str, "model": str, "created_at": int, "metadata": str, "body": str},
        pk="seq",
        not_null={"id", "owner", "model", "created_at", "metadata", "body"},
    )
    db.table("chat_completions").create_index(["id"], unique=True)
    db.table("chat_completions").create_index(["owner", "created_at", "seq"])
    db.table("chat_completions").create_index(["owner", "model", "created_at", "seq"])
    db.table("chat_completion_metadata").create(
        {"completion_seq": int, "owner": str, "key": str, "value": str, "created_at": int},
        pk=("completion_seq", "key"),
        not_null={"owner", "value", "created_at"},
    )
    db.table("chat_completion_metadata").create_index(["owner", "key", "value", "created_at", "completion_seq"])
    db.table("chat_completion_messages").create(
        {"completion_seq": int, "position": int, "body": str},
        pk=("completion_seq", "position"),
        not_null={"body"},
    )


@migrations(name="0019_stored_responses")
def create_stored_responses(db: Database) -> None:
    # Responses kept by `store` (true unless asked otherwise): the response's JSON as sent, the conversation
    # a `previous_response_id` continues (chat messages: earlier context, this input, this output), and
    # the input items with their ids, one row each so `input_items` pages by index.
    db.table("stored_responses").create(
        {"seq": int, "id": str, "owner": str, "created_at": int, "body": str, "context": str},
        pk="seq",
        not_null={"id", "owner", "created_at", "body", "context"},
    )
    db.table("stored_responses").create_index(["id"], unique=True)
    db.table("response_input_items").create(
        {"response_seq": int, "position": int, "item_id": str, "body": str},
        pk=("response_seq", "position"),
        not_null={"item_id", "body"},
    )
    db.table("response_input_items").create_index(["response_seq", "item_id"], unique=True)


@migrations(name="0020_journal_recorded_order")
def add_journal_recorded_order(db: Database) -> None:
    # When each row was recorded (wall clock, ns): the journal's newest-first order. Rows are written in batches,
    # a batch per worker process (store/write_behind.py), so `seq` alone no longer follows the requests' order.
    db.table("request_journal").add_column("recorded_at_ns", int)
    db.table("request_journal").create_index(["recorded_at_ns"])


@migrations(name="0021_model_index_rows")
def create_model_index_rows(db: Database) -> None:
    # A training index as rows (mockserver/responder/index_build.py, mockserver/store/index_rows.py), written
    # while it is built, so neither building nor answering needs the whole index in memory.
    # `model_index_builds` hands out the build ids; a build's rows are read only once `model_indexes.build`
    # names it (`data` then holds the index's summary, format 4; rows of format 3 hold the whole index as one
    # blob and are rebuilt).
    db.table("model_indexes").add_column("build", int)
    db.execute("create index model_indexes_build on model_indexes (build)")
    db.execute("create table model_index_builds (id integer primary key autoincrement, job_id text not null, "
               "owner text not null, created_at integer not null)")
    db.execute("create index model_index_builds_job on model_index_builds (job_id)")
    # One row per example: its flag, its length in terms, its question's terms and its answer (both JSON).
    db.execute("create table model_index_docs (build integer not null, doc integer not null, "
               "after_tool integer not null, length integer not null, question text not null, "
               "answer blob not null, primary key (build, doc))")
    # Each chunk's document lengths (little-endian int32), the first document's number beside them.
    db.execute("create table model_index_chunks (build integer not null, chunk integer not null, "
               "first_doc integer not null, lengths blob not null, primary key (build, chunk)) without rowid")
    # A term's postings among the examples with one flag: documents (ascending) and term frequencies, each a
    # little-endian int32 array.
    db.execute("create table model_index_postings (build integer not null, term text not null, "
               "after_tool integer not null, docs blob not null, tfs blob not null, "
               "primary key (build, term, after_tool))")
    db.execute("create table model_index_terms (build integer not null, term text not null, idf real not null, "
               "max_weight real not null, primary key (build, term)) without rowid")
    db.execute("create table model_index_exact (build integer not null, key text not null, doc integer not null, "
               "primary key (build, key)) without rowid")


@migrations(name="0022_batches")
def create_batches(db: Database) -> None:
    # Batches (mockserver/services/batches.py): the request, what validating the input file found (`total`,
    # `model`, `errors`), the cancel's time, and once the batch's outputs are written (`materialised_at`), the
    # output and error files and the request counts. The status is derived from these and the clock (`timeline`:
    # mockserver/simulator/batches.py); `terminal_at` finds the batches owed outputs. The one reader running a
    # finished batch holds `run_claim` until `run_claimed_until` (wall-clock seconds: a lease, renewed as it goes).
    db.table("batches").create(
        {"seq": int, "id": str, "owner": str, "created_at": int, "endpoint": str, "input_file_id": str,
         "completion_window": str, "metadata": str, "output_expires_after": int, "model": str, "total": int,
         "errors": str, "timeline": str, "cancelling_at": int, "terminal_at": int, "materialised_at": int,
         "output_file_id": str, "error_file_id": str, "completed": int, "failed": int, "usage": str,
         "run_claim": str, "run_claimed_until": int},
        pk="seq",
        not_null={"id", "owner", "created_at", "endpoint", "input_file_id", "completion_window", "total"},
    )
    db.table("batches").create_index(["id"], unique=True)
    db.table("batches").create_index(["owner", "created_at"])
    db.execute("create index batches_due on batches (terminal_at) where materialised_at is null")
    # A batch's requests are calls like any other, told apart in `usage/completions` (its `batch` group and
    # filter): a `batch` flag on the usage ledger and in its totals' key.
    db.execute("alter table usage add column batch integer not null default 0")
    db.execute(
        "create table usage_rollup_new (width integer, start integer, owner text, model text, base_model text, "
        "batch integer not null default 0, prompt_tokens integer not null, cached_tokens integer not null, "
        "completion_tokens integer not null, requests integer not null, "
        "primary key (width, start, owner, model, base_model, batch)) without rowid"
    )
    db.execute("insert into usage_rollup_new (width, start, owner, model, base_model, prompt_tokens, cached_tokens, "
               "completion_tokens, requests) select width, start, owner, model, base_model, prompt_tokens, "
               "cached_tokens, completion_tokens, requests from usage_rollup")
    db.execute("drop table usage_rollup")
    db.execute("alter table usage_rollup_new rename to usage_rollup")


@migrations(name="0025_job_preparation")
def add_job_preparation(db: Database) -> None:
    # A job on a big file answers its create at once and has its files validated and indexed afterwards
    # (services/job_preparation.py). `prep_state`: null for a job prepared inside its create (every job before
    # this, and small files), else 'pending', 'done', 'failed' or 'cancelled'; `prep_finished_at` on the server
    # clock. A worker leases a pending job before preparing it (`prep_lease_token`, `prep_lease_until` on the wall
    # clock, renewed while it works); `prep_attempts` bounds the retries after crashes.
    table = db.table("jobs")
    table.add_column("prep_state", str)
    table.add_column("prep_finished_at", int)
    table.add_column("prep_lease_token", str)
    table.add_column("prep_lease_until", int)
    table.add_column("prep_attempts", int, not_null_default=0)
    db.execute("create index jobs_preparing on jobs (seq) where prep_state = 'pending'")
    # A succeeded job whose index is missing (a data dir restored without it, an index of an older format) and
    # whose training file is big: the preparer builds it (under the same lease), asked by the first chat.
    table.add_column("index_wanted_at", int)
    db.execute("create index jobs_index_wanted on jobs (seq) where index_wanted_at is not null")


@migrations(name="0026_model_index_impacts")
def create_model_index_impacts(db: Database) -> None:
    # A common term's impact list (mockserver/responder/impacts.py): the documents where it weighs most, in
    # document order, and its frequency in each (little-endian int32 arrays). Only terms with more postings
    # than the list holds have one; a query ranks with it instead of the term's whole postings.
    db.execute("create table model_index_impacts (build integer not null, term text not null, "
               "after_tool integer not null, docs blob not null, tfs blob not null, "
               "primary key (build, term, after_tool)) without rowid")
# The tables whose rows every request reads (store/read_cache.py): the injected faults, the manual clock and
# which index answers for which model.
COUNTED_TABLES = ("faults", "clock", "model_indexes", "model_index_models", "deleted_models")


@migrations(name="0027_change_counter")
def create_change_counter(db: Database) -> None:
    # One row: a new random value at every write to COUNTED_TABLES, by any connection or process. Random, not
    # incremented: a snapshot restored or a write rolled back never brings back a value a process has seen for
    # other rows.
    db.execute("create table change_counter (id integer primary key check (id = 1), value integer not null)")
    db.execute("insert into change_counter (id, value) values (1, random())")
    for table in COUNTED_TABLES:
        for event in ("insert", "update", "delete"):
            db.execute(f"create trigger {table}_{event}_counted after {event} on {table} "
                       "begin update change_counter set value = random() where id = 1; end")


@migrations(name="0039_journal_raw_body")
def add_journal_raw_body(db: Database) -> None:
    # A small JSON body kept as sent (store/journal.py), summarised when the journal is read; rows written
    # before keep their summary in `body`.
    db.table("request_journal").add_column("raw_body", bytes)
    db.table("request_journal").add_column("raw_content_type", str)
