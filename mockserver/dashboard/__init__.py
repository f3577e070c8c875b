"""The dashboard's pure parts: templates, static assets, SVG charts, formatting and the admin-key check.

Its pages are served by `mockserver/routers/dashboard.py` from the same services the API uses.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
