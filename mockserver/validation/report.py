"""The validation report: issues, counts, token statistics, epochs and billed tokens (its cost estimate is
`billing/estimate.py`'s)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockserver.validation import job_errors
from mockserver.validation.issues import Issue


class TokenStatsBuilder:
    """Running per-example token statistics over the valid examples."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.n = 0
        self.min: int | None = None
        self.max: int | None = None
        self.total = 0
        self.assistant_total = 0
        self.billing_total = 0
        self.n_truncated = 0

    def add(self, tokens: int, assistant_tokens: int) -> bool:
        """Record one example; True when it is over the limit (and will be truncated)."""
        self.n += 1
        self.min = tokens if self.min is None else min(self.min, tokens)
        self.max = tokens if self.max is None else max(self.max, tokens)
        self.total += tokens
        self.assistant_total += assistant_tokens
        self.billing_total += min(tokens, self.limit)
        over = tokens > self.limit
        self.n_truncated += over
        return over

    def build(self) -> TokenStats | None:
        if self.n == 0 or self.min is None or self.max is None:
            return None
        return TokenStats(
            n_examples=self.n,
            min=self.min,
            max=self.max,
            mean=round(self.total / self.n, 2),
            total=self.total,
            assistant_total=self.assistant_total,
            n_truncated=self.n_truncated,
        )


@dataclass(frozen=True)
class TokenStats:
    """Tokens per valid example (cookbook message rule), before truncation; `n_examples` of them."""

    n_examples: int
    min: int
    max: int
    mean: float
    total: int
    assistant_total: int
    n_truncated: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ValidationReport:
    """Everything the validator found in one file. `valid` means no error-level issue.

    `n_examples` counts every non-blank line, as the real job errors do ("Example 2 cannot be parsed");
    `n_valid_examples` those without an error, which `tokens` and the billing figures are of.
    """

    model: str
    method: str
    format: str
    encoding: str
    file_role: str
    max_example_tokens: int
    n_lines: int
    n_examples: int
    n_valid_examples: int
    n_errors: int
    n_warnings: int
    issue_counts: dict[str, int]
    issues: tuple[Issue, ...]
    tokens: TokenStats | None
    billing_tokens: int
    n_epochs: int
    n_epochs_source: str
    trained_tokens: int
    first_by_code: dict[str, Issue] = field(default_factory=dict, repr=False, compare=False)

    @property
    def valid(self) -> bool:
        return self.n_errors == 0

    @property
    def issues_omitted(self) -> int:
        """Issues counted but not stored (beyond the per-severity cap)."""
        return self.n_errors + self.n_warnings - len(self.issues)

    def first_issue(self, code: str) -> Issue | None:
        return self.first_by_code.get(code)

    def first_error(self) -> Issue | None:
        """The first error in line order (file-level errors come last)."""
        errors = [i for i in self.first_by_code.values() if i.severity == "error"]
        return min(errors, key=_line_order, default=None)

    def job_error(self, *, file_role: str | None = None, file_id: str | None = None) -> dict[str, Any] | None:
        """The job `error` {code, message, param} this file would cause, or None if a job would pass."""
        return job_errors.job_error(self, file_role=file_role, file_id=file_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "model": self.model,
            "method": self.method,
            "format": self.format,
            "encoding": self.encoding,
            "file_role": self.file_role,
            "valid": self.valid,
            "n_lines": self.n_lines,
            "n_examples": self.n_examples,
            "n_valid_examples": self.n_valid_examples,
            "n_errors": self.n_errors,
            "n_warnings": self.n_warnings,
            "issue_counts": dict(sorted(self.issue_counts.items())),
            "issues": [issue.to_dict() for issue in self.issues],
            "issues_omitted": self.issues_omitted,
            "tokens": self.tokens.to_dict() if self.tokens else None,
            "max_example_tokens": self.max_example_tokens,
            "billing_tokens": self.billing_tokens,
            "n_epochs": self.n_epochs,
            "n_epochs_source": self.n_epochs_source,
            "trained_tokens": self.trained_tokens,
            "job_error": self.job_error(),
        }


def _line_order(issue: Issue) -> tuple[bool, int]:
    return (issue.line is None, issue.line or 0)
