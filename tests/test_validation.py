"""Training-file validation: golden files (fixtures/training) plus the rules goldens cannot hold."""

# Each golden case is fixtures/training/{valid,invalid}/<name>.jsonl with
# fixtures/training/expected/<name>.json = {"rule", "options", "report"}: `options` are the
# validate_lines arguments, `report` the exact report with its cost estimate (billing.estimate.report_with_estimate,
# what `mockserver validate --json` prints without its `file`).
# The tests never rewrite the goldens. After a deliberate change, regenerate (from the project root),
# then review the diff:
#     .venv/bin/python -m tests.test_validation --regen [NAME ...]

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from mockserver.billing.estimate import estimate_training_cost, report_with_estimate
from mockserver.billing.pricing import PriceTable
from mockserver.core import tokens
from mockserver.core.catalog import ModelCatalog
from mockserver.validation import UnsupportedMethodError, ValidationReport, auto_epochs, validate_lines
from mockserver.validation import chat as chat_module
from mockserver.validation import formats as formats_module
from mockserver.validation import runner as runner_module
from mockserver.validation.images import image_cost
from mockserver.validation.issues import in_words

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRAINING = FIXTURES / "training"
CATALOG = ModelCatalog.load(FIXTURES / "models.json")
PRICES = PriceTable.load(FIXTURES / "pricing.json")
GOOD_LINE = (
    b'{"messages":[{"role":"system","content":"s"},{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}'
)


def golden_cases() -> list[tuple[str, Path]]:
    return sorted((path.stem, path) for kind in ("valid", "invalid") for path in (TRAINING / kind).glob("*.jsonl"))


def run_case(path: Path, options: dict[str, Any]) -> ValidationReport:
    with path.open("rb") as handle:
        return validate_lines(
            handle,
            spec=CATALOG.get(options["model"]),
            method=options["method"],
            n_epochs=options["n_epochs"],
            file_role=options["file_role"],
        )


def estimated_report(report: ValidationReport) -> dict[str, Any]:
    return report_with_estimate(report, estimate_training_cost(report, PRICES))


def load_expected(name: str) -> dict[str, Any]:
    return json.loads((TRAINING / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "path"), golden_cases(), ids=[name for name, _ in golden_cases()])
def test_validate_golden_file_matches_expected_report(name: str, path: Path) -> None:
    expected = load_expected(name)
    report = run_case(path, expected["options"])
    assert estimated_report(report) == expected["report"]


@pytest.mark.parametrize(("name", "path"), golden_cases(), ids=[name for name, _ in golden_cases()])
def test_validate_golden_file_verdict_matches_folder(name: str, path: Path) -> None:
    report = run_case(path, load_expected(name)["options"])
    assert report.valid == (path.parent.name == "valid")


# Written by hand, apart from the goldens: a regenerated golden cannot silently drop these rules.
GOLDEN_ISSUE_COUNTS: dict[str, dict[str, int]] = {
    "vision_skipped_images": {"image_skipped": 3},
    "dpo_input_without_user": {"missing_prompt": 2, "unmatched_tool_call_id": 1},
    "dpo_input_functions": {"unknown_key": 1},
    "dpo_output_weight": {"unknown_message_key": 2},
    "rft_last_message_not_user": {"last_message_not_user": 3},
    "rft_last_message_assistant": {"last_message_assistant": 1},
    "rft_image": {},
}


@pytest.mark.parametrize("name", sorted(GOLDEN_ISSUE_COUNTS))
def test_validate_golden_file_has_the_hand_written_issue_counts(name: str) -> None:
    report = run_case(dict(golden_cases())[name], load_expected(name)["options"])
    assert report.issue_counts == GOLDEN_ISSUE_COUNTS[name]


@pytest.mark.parametrize(("name", "path"), golden_cases(), ids=[name for name, _ in golden_cases()])
def test_validate_token_figures_are_of_the_valid_examples_it_counts(name: str, path: Path) -> None:
    report = run_case(path, load_expected(name)["options"])

    n_token_examples = report.tokens.n_examples if report.tokens else 0
    assert n_token_examples == report.n_valid_examples <= report.n_examples


def test_validate_counts_broken_lines_as_examples_but_not_as_valid_ones() -> None:
    report = run_case(TRAINING / "invalid" / "invalid_json.jsonl", load_expected("invalid_json")["options"])

    assert (report.n_examples, report.n_valid_examples, report.issue_counts) == (10, 8, {"invalid_json": 2})


def test_golden_folders_have_an_expected_report_each() -> None:
    expected = {path.stem for path in (TRAINING / "expected").glob("*.json")}
    assert expected == {name for name, _ in golden_cases()}


def valid_chat_cases() -> list[str]:
    names = [name for name, path in golden_cases() if path.parent.name == "valid"]
    return [n for n in names if load_expected(n)["options"]["method"] == "supervised"
            and CATALOG.get(load_expected(n)["options"]["model"]).training_format == "chat"]


@pytest.mark.parametrize("name", valid_chat_cases())
def test_validate_tokens_equal_count_messages_per_example(name: str) -> None:
    options = load_expected(name)["options"]
    spec = CATALOG.get(options["model"])
    encoding = tokens.get_encoding(spec.encoding)
    expected_total = 0
    for raw in (TRAINING / "valid" / f"{name}.jsonl").read_bytes().splitlines():
        if raw.strip():
            example = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
            expected_total += tokens.count_messages(
                encoding, example["messages"], tools=example.get("tools"), functions=example.get("functions")
            ) + example_image_tokens(example["messages"])
    assert run_case(TRAINING / "valid" / f"{name}.jsonl", options).tokens.total == expected_total  # type: ignore[union-attr]


def example_image_tokens(messages: list[dict[str, Any]]) -> int:
    """What the images cost on top of count_messages (which counts text only)."""
    parts = [part for message in messages if isinstance(message.get("content"), list) for part in message["content"]]
    return sum(image_cost(part["image_url"]["url"], part["image_url"].get("detail", "auto")).tokens
               for part in parts if part["type"] == "image_url")


def validate(lines: list[bytes], **options: Any) -> ValidationReport:
    options.setdefault("spec", CATALOG.get("gpt-4o-mini"))
    return validate_lines(iter(lines), **options)


def test_validate_stores_at_most_the_cap_but_counts_every_issue() -> None:
    report = validate([b"not json"] * 250)
    assert (len(report.issues), report.issue_counts["invalid_json"], report.issues_omitted) == (100, 250, 150)


RFT_LINE = b'{"messages":[{"role":"user","content":"2+2?"}],"answer":"4"}'


@pytest.mark.parametrize(("file_role", "cap", "kind"), [("validation_file", 1_000, "validation"),
                                                         ("training_file", 50_000, "training")])
def test_validate_reinforcement_file_over_its_example_cap_fails(file_role: str, cap: int, kind: str) -> None:
    report = validate([RFT_LINE] * (cap + 1), spec=CATALOG.get("o4-mini"), method="reinforcement",
                      file_role=file_role)
    assert report.job_error() == {
        "code": "invalid_training_file",
        "message": f"The job failed due to an invalid {kind} file. Invalid file format. "
        f"File has {cap + 1:,} examples, but a reinforcement {kind} file may have at most {cap:,}.",
        "param": file_role,
    }


def test_validate_reinforcement_training_file_of_50000_examples_passes() -> None:
    report = validate([RFT_LINE] * 50_000, spec=CATALOG.get("o4-mini"), method="reinforcement")
    assert report.valid


def test_validate_too_many_image_examples_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "MAX_IMAGE_EXAMPLES", 10)
    line = (
        b'{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x.test/a.png",'
        b'"detail":"low"}}]},{"role":"assistant","content":"a"}]}'
    )
    report = validate([line] * 11, spec=CATALOG.get("gpt-4o-2024-08-06"))
    assert report.issue_counts == {"missing_system_message": 11, "too_many_image_examples": 1}


def test_validate_unsupported_method_raises() -> None:
    with pytest.raises(UnsupportedMethodError):
        validate([GOOD_LINE] * 10, spec=CATALOG.get("gpt-3.5-turbo"), method="dpo")


@pytest.mark.parametrize("n_epochs", [0, 51, "3", 2.5])
def test_validate_out_of_range_epochs_raise(n_epochs: Any) -> None:
    with pytest.raises(ValueError, match="n_epochs"):
        validate([GOOD_LINE] * 10, n_epochs=n_epochs)


@pytest.mark.parametrize(
    ("n", "epochs"), [(1, 25), (5, 20), (10, 10), (33, 3), (100, 3), (8333, 3), (8334, 2), (10_000, 2), (30_000, 1)]
)
def test_auto_epochs_follows_the_cookbook_rule(n: int, epochs: int) -> None:
    assert auto_epochs(n) == epochs


def test_validate_estimates_cost_at_the_newest_price() -> None:
    report = validate([GOOD_LINE] * 10, spec=CATALOG.get("gpt-3.5-turbo"), n_epochs=3)
    cost = estimate_training_cost(report, PRICES).cost
    assert cost == Decimal(report.trained_tokens) * Decimal("8.00") / 1_000_000


def test_job_error_inserts_file_id_into_mismatch_message() -> None:
    report = validate([GOOD_LINE] * 10, spec=CATALOG.get("gpt-4.1-mini"), method="dpo")
    assert report.job_error(file_id="file-abc")["message"] == (  # type: ignore[index]
        "The job failed due to an invalid training file. Invalid file format. Input file file-abc is in the "
        "fine-tune-chat format, but the specified fine-tuning job is not using 'supervised' as the training "
        "method (provided method=dpo)."
    )


def test_job_error_uses_validation_file_param_when_asked() -> None:
    report = validate([GOOD_LINE] * 3)
    assert report.job_error(file_role="validation_file") == {
        "code": "invalid_n_examples",
        "message": "Validation file has 3 example(s), but must have at least 10 examples",
        "param": "validation_file",
    }


def test_job_error_is_none_for_a_valid_file() -> None:
    assert validate([GOOD_LINE] * 10).job_error() is None


def test_validate_truncated_example_bills_the_limit_only() -> None:
    report = validate([GOOD_LINE] * 9 + [_chat_line("word " * 5000)], spec=CATALOG.get("gpt-3.5-turbo-0613"))
    assert report.billing_tokens == 9 * report.tokens.min + 4096  # type: ignore[union-attr]


def test_validate_counts_examples_across_many_token_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "TokenTally", _small_batch_tally)
    lines = [_chat_line(f"answer number {i}") for i in range(500)]
    encoding = tokens.get_encoding("o200k_base")
    expected = sum(tokens.count_messages(encoding, orjson.loads(line)["messages"]) for line in lines)
    assert validate(lines).tokens.total == expected  # type: ignore[union-attr]


def test_validate_line_with_issue_names_line_and_field() -> None:
    bad = b'{"messages":[{"role":"user","content":"q"},{"role":"robot","content":"a"}]}'
    report = validate([GOOD_LINE] * 3 + [bad] + [GOOD_LINE] * 6)
    assert report.issues[0].message == (
        "Line 4: message 2, role 'robot' is not one of system, developer, user, assistant, tool, function"
    )


def test_validate_numbers_a_message_as_the_job_error_does() -> None:
    # One convention, the real job errors' ("Example 4, message 2"): only `field` is a 0-based JSON path.
    no_role = b'{"messages":[{"role":"user","content":"q"},{"content":"a"}]}'
    report = validate([GOOD_LINE] * 3 + [no_role] + [GOOD_LINE] * 6)

    issue = report.issues[0]
    assert (issue.field, issue.message) == ("messages[1].role", "Line 4: message 2, role is missing")
    assert report.job_error() == {
        "code": "invalid_training_file", "param": "training_file",
        "message": "The job failed due to an invalid training file. Invalid file format. Example 4, message 2 "
                   "Discriminator 'role' is missing in value",
    }


@pytest.mark.parametrize(("path", "words"), [
    ("messages", "messages"),
    ("messages[0].content[1].image_url.url", "message 1, content part 2, image_url.url"),
    ("messages[2].tool_calls[0].function.arguments", "message 3, tool call 1, function.arguments"),
    ("tools[0].function.name", "tool 1, function.name"),
    ("functions[1]", "function 2"),
    ("input.messages[0].role", "input message 1, role"),
    ("preferred_output[0].weight", "preferred_output message 1, weight"),
    ("odd[3]", "odd item 4"),
])
def test_in_words_counts_list_items_from_one(path: str, words: str) -> None:
    assert in_words(path) == words


def test_validate_non_utf8_file_job_error_tells_to_save_it_as_utf8() -> None:
    gbk_line = '{"messages":[{"role":"user","content":"你好"},{"role":"assistant","content":"好"}]}'.encode("gbk")
    report = validate([GOOD_LINE] * 9 + [gbk_line])

    assert report.issues[0].message == "Line 10: line is not valid UTF-8 (byte 0xc4 at offset 39)"
    assert report.job_error() == {
        "code": "invalid_training_file", "param": "training_file",
        "message": "The job failed due to an invalid training file. Invalid file format. Example 10 cannot be "
                   "parsed. Error: line is not valid UTF-8 (byte 0xc4 at offset 39): save the file as UTF-8 (it "
                   "seems to be in another encoding, such as GBK or Windows-1252)",
    }


def test_min_examples_is_ten() -> None:
    assert formats_module.MIN_EXAMPLES == 10


PLAIN = [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]


@pytest.mark.parametrize("example", [
    {"messages": PLAIN},
    {"messages": [{"role": "developer", "content": "d"}, *PLAIN[1:], {"role": "user", "content": "<|endoftext|>"}]},
    {"messages": PLAIN[1:]},  # no system message: a warning
    {"messages": PLAIN[:1] + PLAIN[2:]},  # no user message: a warning
    {"messages": PLAIN[:2]},  # nothing to learn: an error
    {"messages": []},
    {"messages": [*PLAIN, {"role": "robot", "content": "r"}]},
    {"messages": [*PLAIN, {"role": ["assistant"], "content": "r"}]},
    {"messages": [*PLAIN, {"role": "assistant", "content": None}]},
    {"messages": [*PLAIN, {"role": "assistant", "content": "r", "weight": 0}]},
    {"messages": [*PLAIN, {"role": "user", "content": "r", "name": "bob"}]},
    {"messages": [*PLAIN, "not a message"]},
    {"messages": PLAIN, "tools": []},
    {"messages": PLAIN, "extra": 1},
    {"messages": {"role": "user"}},
])
def test_validate_plain_chat_fast_path_reports_what_the_full_checks_report(
    example: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [orjson.dumps(example)] * 10
    fast = validate(lines).to_dict()
    monkeypatch.setattr(chat_module, "plain_chat_plan", lambda obj: None)
    assert fast == validate(lines).to_dict()


def _chat_line(answer: str) -> bytes:
    messages = [
        {"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": answer}
    ]
    return orjson.dumps({"messages": messages})


def _small_batch_tally(encoding: Any, **kwargs: Any) -> Any:
    from mockserver.validation.counting import TokenTally

    return TokenTally(encoding, executor=kwargs.get("executor"), batch_chars=500, max_in_flight=1)


def regenerate(names: list[str]) -> None:
    """Rewrite expected/<name>.json reports from the current validator (keeps rule and options)."""
    for name, path in golden_cases():
        if names and name not in names:
            continue
        target = TRAINING / "expected" / f"{name}.json"
        expected = json.loads(target.read_text(encoding="utf-8"))
        expected["report"] = estimated_report(run_case(path, expected["options"]))
        target.write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"regenerated {target.relative_to(FIXTURES.parent)}")  # noqa: T201


if __name__ == "__main__":
    if sys.argv[1:2] != ["--regen"]:
        sys.exit("usage: python -m tests.test_validation --regen [NAME ...]")
    regenerate(sys.argv[2:])
