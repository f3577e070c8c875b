"""Bodies of `fine_tuning.alpha.graders`: the grader is checked by mockserver/graders/shape.py, not here, so
that every fault is reported with the real API's message and param path."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class GraderValidateRequest(BaseModel):
    grader: Any = None


class GraderRunRequest(BaseModel):
    grader: Any = None
    model_sample: Any = None
    item: Any = None
