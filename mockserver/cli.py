"""The `mockserver` command: serve the API, validate training files."""

from __future__ import annotations

from pathlib import Path

import click

from mockserver import __version__


@click.group()
@click.version_option(__version__, prog_name="mockserver")
def cli() -> None:
    """A local, offline emulator of OpenAI's fine-tuning workflow."""


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
@click.option("--seed", envvar="MOCKSERVER_SEED", type=int, default=None,
              help="Seed for ids and simulated values (reproducible runs).")
@click.option("--workers", envvar="MOCKSERVER_WORKERS", default=1, show_default=True, type=int,
              help="Number of uvicorn worker processes.")
def serve(host: str, port: int, data_dir: Path, api_keys: tuple[str, ...], seed: int | None, workers: int) -> None:
    """Start the server."""
    import os

    import uvicorn

    # Worker processes rebuild the app from the environment, so options travel as variables.
    os.environ["MOCKSERVER_DATA_DIR"] = str(data_dir.resolve())
    os.environ["MOCKSERVER_API_KEYS"] = ",".join(api_keys)
    if seed is not None:
        os.environ["MOCKSERVER_SEED"] = str(seed)
    uvicorn.run("mockserver.asgi:create_app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="info")
