"""Settings: every knob of the server, with help text, read from options or MOCKSERVER_* variables."""

from __future__ import annotations

import base64
import re
import sysconfig
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CHECKOUT_FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"  # a source checkout (editable install)
INSTALLED_FIXTURES_DIR = Path(sysconfig.get_path("data")) / "share" / "mockserver" / "fixtures"  # pyproject data-files


def default_fixtures_dir() -> Path:
    """The checkout's fixtures/ when running from source, else the copy a regular install ships."""
    return CHECKOUT_FIXTURES_DIR if (CHECKOUT_FIXTURES_DIR / "models.json").is_file() else INSTALLED_FIXTURES_DIR


DEFAULT_FIXTURES_DIR = default_fixtures_dir()
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
ADMIN_KEY_PATTERN = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+")
MIN_ADMIN_KEY_LENGTH = 8


def check_admin_key_format(key: str) -> str:
    """The admin key travels in a header and a cookie: printable ASCII without the characters a cookie
    value cannot hold (RFC 6265 cookie-octet), and long enough not to be guessed in a few tries."""
    if not ADMIN_KEY_PATTERN.fullmatch(key):
        raise ValueError("must be printable ASCII without spaces, quotes, commas, semicolons or backslashes")
    if len(key) < MIN_ADMIN_KEY_LENGTH:
        raise ValueError(f"must be at least {MIN_ADMIN_KEY_LENGTH} characters long")
    return key


class Settings(BaseSettings):
    """Server settings. Each field can be set by a CLI option or the MOCKSERVER_<NAME> variable."""

    model_config = SettingsConfigDict(env_prefix="MOCKSERVER_", extra="ignore")

    host: str = Field("127.0.0.1", description="Interface to listen on.")
    port: int = Field(8000, description="TCP port to listen on.")
    data_dir: Path = Field(
        Path(".mockserver"), description="Folder holding the SQLite database and uploaded file blobs."
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Accepted API keys (comma-separated in the variable). Empty: any non-empty key.",
    )
    admin_key: SecretStr | None = Field(
        None,
        description="Key of the control plane (/_mock/*): sent as `Authorization: Bearer <key>`, "
        "`X-Mock-Admin-Key: <key>` or the cookie `mockserver_admin`. Unset: the control plane is open when the "
        "server listens on loopback only and no API key is set; otherwise a key is generated once in "
        "<data_dir>/admin_key (mode 0600) and required.",
    )
    fixtures_dir: Path = Field(
        DEFAULT_FIXTURES_DIR, description="Folder with models.json and pricing.json."
    )
    seed: int | None = Field(None, description="Seed for ids and simulated values; unset: random ids.")
    max_upload_bytes: int = Field(
        MAX_UPLOAD_BYTES, description="Largest accepted file upload, in bytes (the real limit: 512 MB)."
    )
    organization_id: str = Field("org-mockserver", description="The organization every caller belongs to.")
    clock: Literal["system", "manual"] = Field(
        "system",
        description="Where 'now' comes from: the wall clock, or a manual clock kept in the data dir that "
        "only moves through POST /_mock/clock and /_mock/clock/advance (shared by all worker processes).",
    )
    start_time: int | None = Field(
        None,
        ge=0,
        description="Initial unix time of the manual clock on a new data dir (a restart keeps the stored "
        "time). Unset: the wall time when the manual clock is first used on the data dir.",
    )
    speed: float = Field(
        1.0,
        gt=0,
        description="Job timeline speed factor. 1: real timings compressed so a 10-example job finishes in "
        "about a minute; higher is faster; 'inf': every job finishes on the first read after creation.",
    )

    load: str | None = Field(
        None,
        description="Start from this snapshot: a name under <data_dir>/snapshots/, or a path to a snapshot "
        "folder. It replaces the data dir's objects at every start.",
    )
    rpm: int | None = Field(
        None,
        ge=1,
        description="Requests per minute allowed per API key (a sliding minute on the server's clock); over "
        "it: the real 429. Unset: no limit.",
    )
    tpm: int | None = Field(
        None,
        ge=1,
        description="Tokens per minute allowed per API key on chat completions and responses (prompt tokens plus "
        "max output tokens, a sliding minute on the server's clock); over it: the real 429. Unset: no limit.",
    )

    lenient_ids: bool = Field(
        False,
        description="For clients' generated test suites: an unknown id of a served resource (file, upload, job, "
        "checkpoint, model, stored chat completion or response) answers with a placeholder object in a sensible "
        "state instead of a 404. Placeholders are never stored.",
    )

    pricing: Path | None = Field(
        None,
        description="Price table (JSON, the format of fixtures/pricing.json), checked at start-up. "
        "Unset: <fixtures_dir>/pricing.json.",
    )
    price_set: str | None = Field(
        None,
        description="Price set to charge with (a `name` in the price table) wherever it prices the model; "
        "other models, and unset: the newest set that prices the model.",
    )

    webhook_url: str | None = Field(
        None,
        description="Send fine_tuning.job.succeeded/failed/cancelled events here (POST, signed like the real "
        "ones) when a job reaches that state. Unset: no webhooks.",
    )
    webhook_secret: str | None = Field(
        None,
        description="Signing secret of the webhooks (`whsec_` + base64, as the real ones; any other text is "
        "used as is). Unset: derived from the seed (or the data dir), shown by GET /_mock/webhooks.",
    )
    flush_interval_ms: int = Field(
        50,
        ge=1,
        le=3_600_000,
        description="How long the request journal, usage and cost rows of requests are held in memory before "
        "one batch writes them. A read of them writes them at once (and waits for other worker processes' "
        "batches); a process killed with -9 loses at most this interval's rows.",
    )
    worker_min_bytes: int = Field(
        4 * 1024 * 1024,
        ge=0,
        description="Training and validation files of this many bytes or more (together) are validated and "
        "indexed in a child process, and a job created on them answers at once in validating_files while that "
        "is done in the background; smaller ones are done inside the create call.",
    )

    allow_python_graders: bool = Field(
        False,
        description="Let python graders (graders/run, RFT jobs) run the caller's code, in a child process with "
        "CPU, memory, file and time limits. Off: such graders are refused, since anyone who reaches the port "
        "could run code on this machine.",
    )
    python_grader_timeout: float = Field(
        10.0, gt=0, le=600, description="Seconds a python grader may run before its run fails with a timeout."
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    @field_validator("admin_key", mode="before")
    @classmethod
    def _admin_key(cls, value: object) -> object:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if isinstance(value, str):
            if not value.strip():
                return None  # `-e MOCKSERVER_ADMIN_KEY=` means none given: one is generated when required
            check_admin_key_format(value)
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: str | None) -> str | None:
        if value is not None and value.startswith("whsec_"):
            try:
                base64.b64decode(value[len("whsec_"):], validate=True)
            except ValueError:
                raise ValueError("after 'whsec_' must come base64, as in the real secrets") from None
        return value

    @property
    def pricing_path(self) -> Path:
        return self.pricing if self.pricing is not None else self.fixtures_dir / "pricing.json"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "mockserver.db"

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def snapshots_dir(self) -> Path:
        return self.data_dir / "snapshots"
