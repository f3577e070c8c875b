"""`python -m mockserver` runs the CLI."""

from mockserver.cli import cli

cli()
