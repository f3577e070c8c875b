"""CLI subcommands that live outside cli.py, one module per command."""
