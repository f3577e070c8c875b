"""Named schema migrations: the only way the SQLite schema changes."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("mockserver")


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
    # Append-only: what every job and inference call would have cost (mockserver/charges.py). Money and
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
    # A failed delivery is retried on a schedule (mockserver/webhooks.py): `attempts` made so far, and when the
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
    # Simulated prompt caching (mockserver/prompt_cache.py): per caller and model, the hash of each cached
    # prompt prefix, its length in tokens, and when a request last used it (server's clock).
    db.table("usage_prompt_cache").create(
        {"owner": str, "model": str, "prefix": str, "tokens": int, "seen_at": int},
        pk=("owner", "model", "prefix"),
        not_null={"owner", "model", "prefix", "tokens", "seen_at"},
    )
    db.table("usage_prompt_cache").create_index(["seen_at"])


@migrations(name="0015_model_index_rows")
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
