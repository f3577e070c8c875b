"""The `mockserver` command: serve the API, validate training files."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from mockserver import __version__
from mockserver.commands.clock import clock_option
from mockserver.commands.pricing import load_checked_prices, pricing_options


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that command runs (click's documented pattern), so
    `mockserver serve` does not pay for what `validate` and `costs` import (rich, the validator)."""

    lazy_commands = {"validate": "mockserver.commands.validate:validate", "costs": "mockserver.commands.costs:costs"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy_commands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = self.lazy_commands[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="mockserver")
def cli() -> None:
    """A local, offline emulator of OpenAI's fine-tuning workflow."""


def _check_speed(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not value > 0:  # also rejects nan
        raise click.BadParameter("must be a number > 0, or 'inf'")
    return value


def _check_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http:// or https:// URL")
    return value


def _check_admin_key(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from mockserver.core.config import check_admin_key_format

    if value is None or not value.strip():
        return None  # an empty variable means none given
    try:
        return check_admin_key_format(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _announce_control_plane_access() -> None:
    """Resolve the admin key before the workers start (so a generated one is created once, here) and say on the
    terminal how to reach the control plane: never the key itself, which could end up in a shared log."""
    from mockserver.core.config import Settings
    from mockserver.services.admin_key import access_banner, admin_key_in_force
    from mockserver.store.admin_key import AdminKeyFileError

    try:
        key = admin_key_in_force(Settings())
    except AdminKeyFileError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(access_banner(key), err=True)


def _prepare_data_dir() -> None:
    """Migrate the data dir and start the manual clock once, before the workers start and race to do it."""
    from mockserver.core.config import Settings
    from mockserver.server.app import default_clock
    from mockserver.store.database import initialise_database

    settings = Settings()
    initialise_database(settings.database_path)
    clock = default_clock(settings)
    if settings.load is not None:
        from mockserver.server.harness import load_snapshot

        load_snapshot(settings, clock)


def _check_pricing(pricing: Path | None, price_set: str | None) -> None:
    """The price table the workers will load, checked first: a bad file or set name exits 2, naming it."""
    import os

    from mockserver.core.config import DEFAULT_FIXTURES_DIR

    fixtures_dir = Path(os.environ.get("MOCKSERVER_FIXTURES_DIR", DEFAULT_FIXTURES_DIR))
    load_checked_prices(fixtures_dir=fixtures_dir, pricing=pricing, price_set=price_set)


def _snapshot_to_load(data_dir: Path, load: str) -> str:
    """`--load`'s snapshot, checked before the server starts: its name, or its folder as an absolute path."""
    from mockserver.core.errors import NotFound
    from mockserver.services.data_dir import resolve_snapshot

    snapshots_dir = data_dir.resolve() / "snapshots"
    try:
        folder = resolve_snapshot(snapshots_dir, load)
    except NotFound as exc:
        raise click.BadParameter(exc.message, param_hint="--load") from exc
    return load if folder == snapshots_dir / load else str(folder.resolve())


@cli.command()
@click.option("--host", envvar="MOCKSERVER_HOST", default="127.0.0.1", show_default=True,
              help="Interface to listen on.")
@click.option("--port", envvar="MOCKSERVER_PORT", default=8000, show_default=True, type=int,
              help="TCP port to listen on.")
@click.option("--data-dir", envvar="MOCKSERVER_DATA_DIR", default=".mockserver", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the SQLite database and file blobs; objects survive restarts.")
@click.option("--api-key", "api_keys", envvar="MOCKSERVER_API_KEYS", multiple=True,
              help="Accept only this key (repeatable). Default: any non-empty key.")
@click.option("--admin-key", envvar="MOCKSERVER_ADMIN_KEY", default=None, metavar="KEY", callback=_check_admin_key,
              help="Key of the control plane /_mock/* (prefer the variable: options show in `ps`). Default: open "
              "on loopback without --api-key, else a key generated once in <data-dir>/admin_key.")
@click.option("--seed", envvar="MOCKSERVER_SEED", type=int, default=None,
              help="Seed for ids and simulated values (reproducible runs).")
@click.option("--workers", envvar="MOCKSERVER_WORKERS", default=1, show_default=True, type=int,
              help="Number of uvicorn worker processes.")
@clock_option("system: wall time. manual: time kept in the data dir (shared by all workers) that moves "
               "only through POST /_mock/clock/advance and POST /_mock/clock.")
@click.option("--start-time", envvar="MOCKSERVER_START_TIME", type=click.IntRange(min=0), default=None,
              metavar="UNIX",
              help="Manual clock's initial unix time on a new data dir (a restart keeps the stored time). "
              "Default: the wall time at first use.")
@click.option("--speed", envvar="MOCKSERVER_SPEED", type=float, default=1.0, show_default=True,
              metavar="FACTOR", callback=_check_speed,
              help="Job timeline speed: 1 = a 10-example job takes about a minute; higher is faster; "
              "'inf' = jobs finish on the first read after creation.")
@click.option("--load", envvar="MOCKSERVER_LOAD", default=None, metavar="SNAPSHOT",
              help="Start from a snapshot: a name saved with POST /_mock/snapshot in this data dir, or a path "
              "to a snapshot folder. Replaces the data dir's objects.")
@click.option("--rpm", envvar="MOCKSERVER_RPM", type=click.IntRange(min=1), default=None, metavar="N",
              help="Allow N requests per minute per API key (on the server's clock), then answer the real 429.")
@click.option("--tpm", envvar="MOCKSERVER_TPM", type=click.IntRange(min=1), default=None, metavar="N",
              help="Allow N tokens per minute per API key on chat completions and responses, then the real 429.")
@click.option("--webhook-url", envvar="MOCKSERVER_WEBHOOK_URL", default=None, metavar="URL", callback=_check_url,
              help="POST fine_tuning.job.succeeded/failed/cancelled events here, signed like the real ones.")
@click.option("--webhook-secret", envvar="MOCKSERVER_WEBHOOK_SECRET", default=None, metavar="SECRET",
              help="Signing secret (whsec_…). Default: derived from --seed (or the data dir); see GET /_mock/webhooks.")
@click.option("--allow-python-graders", envvar="MOCKSERVER_ALLOW_PYTHON_GRADERS", is_flag=True, default=False,
              help="Run python graders' code (in a limited child process). Off: refused, as the port may be "
              "reachable by others.")
@click.option("--python-grader-timeout", envvar="MOCKSERVER_PYTHON_GRADER_TIMEOUT", type=click.FloatRange(0, 600,
              min_open=True), default=10.0, show_default=True, metavar="SECONDS",
              help="Wall-clock limit of one python grader run.")
@click.option("--lenient-ids", envvar="MOCKSERVER_LENIENT_IDS", is_flag=True, default=False,
              help="Answer an unknown id of a served resource with a placeholder object instead of a 404 "
              "(for generated SDK test suites that use ids like 'file-abc123'). Nothing is stored.")
@pricing_options
def serve(
    host: str, port: int, data_dir: Path, api_keys: tuple[str, ...], admin_key: str | None, seed: int | None,
    workers: int,
    clock: str, start_time: int | None, speed: float, load: str | None, rpm: int | None, tpm: int | None,
    webhook_url: str | None = None, webhook_secret: str | None = None,
    allow_python_graders: bool = False, python_grader_timeout: float = 10.0,
    pricing: Path | None = None, price_set: str | None = None, lenient_ids: bool = False,
) -> None:
    """Start the server."""
    import os

    from mockserver.server import serving
    snapshot = _snapshot_to_load(data_dir, load) if load is not None else None  # fail before touching anything
    _check_pricing(pricing, price_set)
    # Worker processes rebuild the app from the environment, so options travel as variables.
    os.environ["MOCKSERVER_DATA_DIR"] = str(data_dir.resolve())
    os.environ["MOCKSERVER_API_KEYS"] = ",".join(api_keys)
    os.environ["MOCKSERVER_HOST"] = host  # whether the control plane needs the admin key depends on it
    if admin_key is not None:
        os.environ["MOCKSERVER_ADMIN_KEY"] = admin_key
    else:
        os.environ.pop("MOCKSERVER_ADMIN_KEY", None)  # blank: none given
    if seed is not None:
        os.environ["MOCKSERVER_SEED"] = str(seed)
    os.environ["MOCKSERVER_CLOCK"] = clock
    os.environ["MOCKSERVER_SPEED"] = str(speed)  # 'inf' round-trips
    if start_time is not None:
        os.environ["MOCKSERVER_START_TIME"] = str(start_time)
    for name, limit in (("MOCKSERVER_RPM", rpm), ("MOCKSERVER_TPM", tpm)):
        if limit is not None:
            os.environ[name] = str(limit)
    for name, value in (("MOCKSERVER_WEBHOOK_URL", webhook_url), ("MOCKSERVER_WEBHOOK_SECRET", webhook_secret)):
        if value is not None:
            os.environ[name] = value
    os.environ["MOCKSERVER_ALLOW_PYTHON_GRADERS"] = "true" if allow_python_graders else "false"
    os.environ["MOCKSERVER_PYTHON_GRADER_TIMEOUT"] = str(python_grader_timeout)
    os.environ["MOCKSERVER_LENIENT_IDS"] = "true" if lenient_ids else "false"
    if snapshot is not None:
        os.environ["MOCKSERVER_LOAD"] = snapshot
    if pricing is not None:
        os.environ["MOCKSERVER_PRICING"] = str(pricing.resolve())
    if price_set is not None:
        os.environ["MOCKSERVER_PRICE_SET"] = price_set
    _announce_control_plane_access()
    if workers > 1:
        _prepare_data_dir()
        # Loaded once by _prepare_data_dir: a worker loading it again would undo what the others wrote.
        os.environ.pop("MOCKSERVER_LOAD", None)
    _print_banner(host=host, port=port, data_dir=data_dir.resolve(), clock=clock, speed=speed, api_keys=api_keys)
    serving.run(host=host, port=port, workers=workers)


def _print_banner(*, host: str, port: int, data_dir: Path, clock: str, speed: float,
                  api_keys: tuple[str, ...]) -> None:
    """Once, here in the parent process: worker processes only build the app."""
    from mockserver.server.banner import banner

    click.echo(banner(host=host, port=port, data_dir=data_dir, clock=clock, speed=speed,
                      keys_configured=bool(api_keys)))
