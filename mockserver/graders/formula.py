"""A multi grader's `calculate_output`: arithmetic over the sub-graders' scores, evaluated safely (simpleeval,
never `eval`): `+ - * /`, `^` and `**` as powers, numbers, the graders' names, and
min/max/abs/floor/ceil/exp/sqrt/log."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Mapping
from typing import Any

from simpleeval import SimpleEval, safe_power

FUNCTIONS: dict[str, Any] = {
    "min": min, "max": max, "abs": abs, "floor": math.floor, "ceil": math.ceil,
    "exp": math.exp, "sqrt": math.sqrt, "log": math.log,
}
OPERATORS: dict[type, Any] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Pow: safe_power, ast.USub: operator.neg, ast.UAdd: operator.pos,
}
MAX_FORMULA_CHARS = 1000


class FormulaError(Exception):
    """The formula does not parse, uses what is not allowed, or does not give a number."""


def evaluate(formula: str, scores: Mapping[str, float]) -> float:
    if len(formula) > MAX_FORMULA_CHARS:
        raise FormulaError(f"The formula is longer than {MAX_FORMULA_CHARS} characters.")
    evaluator = SimpleEval(operators=OPERATORS, functions=FUNCTIONS, names=dict(scores))
    try:
        # `^` is a power, bound as tightly as `**` (Python's `^` would bind looser than `+`).
        value = evaluator.eval(formula.replace("^", "**"))
    except ZeroDivisionError:
        raise FormulaError("The formula divides by zero.") from None
    except Exception as error:  # a SyntaxError, simpleeval's InvalidExpression and kin, a math domain error…
        raise FormulaError(f"Invalid formula {formula!r}: {error}") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormulaError(f"The formula {formula!r} does not give a number.")
    return float(value)


def check(formula: str, names: list[str]) -> None:
    """Whether `formula` evaluates with every grader scoring 1 (a division by zero there is no fault of its shape)."""
    try:
        evaluate(formula, dict.fromkeys(names, 1.0))
    except FormulaError as error:
        if "divides by zero" not in str(error) and "math domain" not in str(error):
            raise
