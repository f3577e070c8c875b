"""mockserver: a local, offline emulator of OpenAI's fine-tuning workflow."""

__version__ = "0.1.0"
