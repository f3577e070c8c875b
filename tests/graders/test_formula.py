"""A multi grader's formula is evaluated safely: arithmetic over the scores, nothing else."""

from __future__ import annotations

import pytest

from mockserver.graders.formula import FormulaError, evaluate


@pytest.mark.parametrize(("formula", "value"), [
    ("0.5 * a + 0.5 * b", 0.75), ("a ^ 2 + b", 1.5), ("2 * b ^ 2", 0.5), ("max(a, b) - min(a, b)", 0.5),
    ("sqrt(b) * 2", 2 ** 0.5), ("floor(a + b) + ceil(b)", 2.0), ("-a + abs(-b)", -0.5),
])
def test_arithmetic_over_scores(formula: str, value: float) -> None:
    assert evaluate(formula, {"a": 1.0, "b": 0.5}) == pytest.approx(value)


@pytest.mark.parametrize("formula", [
    "__import__('os').system('true')", "a.__class__", "open('x')", "[x for x in range(9)]",
    "'x' * 9", "9 ** 9 ** 9", "a +", "lambda: 1", "a; b", "c",
])
def test_anything_else_is_a_formula_error(formula: str) -> None:
    with pytest.raises(FormulaError):
        evaluate(formula, {"a": 1.0, "b": 0.5})


def test_division_by_zero_is_a_formula_error() -> None:
    with pytest.raises(FormulaError, match="divides by zero"):
        evaluate("a / (b - 0.5)", {"a": 1.0, "b": 0.5})
