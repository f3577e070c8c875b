"""Training-file validation: pure and streaming, every rule of the fine-tuning file formats."""

from __future__ import annotations

from mockserver.validation.epochs import auto_epochs, resolve_epochs
from mockserver.validation.formats import FileRole, Format, expected_format
from mockserver.validation.issues import Issue
from mockserver.validation.report import TokenStats, ValidationReport
from mockserver.validation.runner import UnsupportedMethodError, validate_lines

__all__ = [
    "FileRole",
    "Format",
    "Issue",
    "TokenStats",
    "UnsupportedMethodError",
    "ValidationReport",
    "auto_epochs",
    "expected_format",
    "resolve_epochs",
    "validate_lines",
]
