"""`mockserver validate`: exit codes, human and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mockserver.commands.validate import validate

TRAINING = Path(__file__).resolve().parent.parent / "fixtures" / "training"
VALID = TRAINING / "valid" / "sarcastic_assistant.jsonl"
INVALID = TRAINING / "invalid" / "unrecognized_role.jsonl"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(validate, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_valid_file_exits_0() -> None:
    assert run(str(VALID))[0] == 0


def test_validate_invalid_file_exits_1() -> None:
    assert run(str(INVALID))[0] == 1


def test_validate_missing_file_exits_2_with_message_on_stderr(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "missing.jsonl"))
    assert (code, "cannot read" in err) == (2, True)


def test_validate_directory_exits_2(tmp_path: Path) -> None:
    assert run(str(tmp_path))[0] == 2


def test_validate_unknown_model_exits_2() -> None:
    code, _, err = run(str(VALID), "--model", "gpt-9")
    assert (code, err.strip()) == (2, "Error: unknown model 'gpt-9'")


def test_validate_unsupported_method_exits_2() -> None:
    assert run(str(VALID), "--model", "gpt-3.5-turbo", "--method", "dpo")[0] == 2


def test_validate_bad_epochs_exits_2() -> None:
    assert run(str(VALID), "--epochs", "0")[0] == 2


def test_validate_json_prints_the_report_only() -> None:
    code, out, _ = run(str(VALID), "--json")
    report = json.loads(out)
    assert (code, report["file"], report["valid"], report["n_examples"], report["n_epochs"]) == (
        0, str(VALID), True, 10, 10)


def test_validate_json_shape_has_report_keys() -> None:
    report = json.loads(run(str(INVALID), "--json")[1])
    assert {"issues", "issue_counts", "tokens", "billing_tokens", "trained_tokens", "estimated_cost", "price",
            "job_error"} <= report.keys()


def test_validate_json_epochs_option_is_explicit() -> None:
    report = json.loads(run(str(VALID), "--json", "--epochs", "3")[1])
    assert (report["n_epochs"], report["n_epochs_source"]) == (3, "explicit")


def test_validate_human_output_shows_cost_with_price_date() -> None:
    out = run(str(VALID))[1]
    assert "as of 2025-11-01" in out and "VALID" in out


def test_validate_human_output_shows_issue_and_job_error() -> None:
    out = run(str(INVALID))[1]
    assert "unrecognized_role" in out and "INVALID" in out


def test_validate_rft_method_defaults_from_model() -> None:
    report = json.loads(run(str(TRAINING / "valid" / "reinforcement.jsonl"), "--model", "o4-mini", "--json")[1])
    assert report["method"] == "reinforcement"


def test_validate_json_never_mixes_progress_into_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    import mockserver.commands.validate as command

    monkeypatch.setattr(command, "PROGRESS_MIN_BYTES", 0)
    code, out, _ = run(str(VALID), "--json")
    assert (code, json.loads(out)["valid"]) == (0, True)


def test_validate_large_file_without_terminal_prints_progress_lines_on_stderr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mockserver.commands.validate as command

    monkeypatch.setattr(command, "PROGRESS_MIN_BYTES", 0)
    code, out, err = run(str(VALID), "--json")
    size = VALID.stat().st_size
    assert code == 0
    assert json.loads(out)["valid"] is True
    assert "Validating" not in out
    lines = err.splitlines()
    assert lines[0] == f"Validating {VALID}: 0% (0 of {size:,} bytes)"
    assert lines[-1] == f"Validating {VALID}: 100% ({size:,} of {size:,} bytes)"
    assert all(line.startswith(f"Validating {VALID}: ") for line in lines)


def test_validate_small_file_without_terminal_prints_no_progress() -> None:
    code, out, err = run(str(VALID), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["valid"] is True


def test_validate_invalid_file_gives_no_cost_and_says_why() -> None:
    code, out, _ = run(str(INVALID), "--json")
    report = json.loads(out)

    assert (code, report["estimated_cost"], report["estimate_note"]) == (
        1, None, "A job on this file would fail validation (invalid_training_file) and cost nothing.")


def unwrapped(table_text: str) -> str:
    """The human report with the table's borders and line wrapping taken out."""
    return " ".join(table_text.replace("│", " ").split())


def test_validate_human_output_of_invalid_file_shows_no_amount() -> None:
    out = unwrapped(run(str(INVALID))[1])

    assert ("Estimated cost none. A job on this file would fail validation" in out, "$" in out) == (True, False)


def test_validate_rft_file_shows_the_hourly_estimate() -> None:
    out = unwrapped(run(str(TRAINING / "valid" / "reinforcement.jsonl"), "--model", "o4-mini", "--epochs", "2")[1])

    # 10 examples at batch 1, 2 epochs: 20 steps × 10 s = 200 s → 0.06 h (rounded up) × $100/h
    assert "$6.00 for 0.06 simulated training hours at $100.00/hour" in out


TOOL_CALLS = TRAINING / "invalid" / "invalid_tool_calls.jsonl"


def message_cells(table_text: str) -> list[str]:
    """The Message column of the issues table, each issue's folded or wrapped pieces joined without spaces."""
    cells: list[str] = []
    for row in table_text.splitlines():
        columns = row.split("│")
        if len(columns) != 6:
            continue
        line, piece = columns[1].strip(), columns[4].strip()
        if line:
            cells.append(piece)
        elif cells:
            cells[-1] += piece
    return cells


def narrow_run(*args: str) -> str:
    result = CliRunner().invoke(validate, list(args), env={"COLUMNS": "50"})
    return result.stdout


def test_validate_narrow_output_without_terminal_folds_a_long_field_whole() -> None:
    cells = message_cells(narrow_run(str(TOOL_CALLS), "--model", "gpt-4o-mini"))

    # Pieces are joined without the spaces the table wrapped at, so compare without spaces.
    assert any(cell.replace(" ", "").startswith("message3,toolcall1,function.name") for cell in cells)
    assert all("…" not in cell for cell in cells)


def test_validate_issue_table_leaves_the_line_prefix_to_the_line_column() -> None:
    cells = message_cells(narrow_run(str(TOOL_CALLS), "--model", "gpt-4o-mini"))

    first = cells[0].replace(" ", "")
    assert (first.startswith("message3,toolcall1,id"), any("Line" in cell for cell in cells)) == (True, False)


def test_validate_json_messages_keep_their_line_prefix() -> None:
    report = json.loads(run(str(TOOL_CALLS), "--model", "gpt-4o-mini", "--json")[1])

    assert report["issues"][0]["message"] == "Line 2: message 3, tool call 1, id is missing"


def test_validate_cost_row_names_the_price_set_date_and_a_short_source() -> None:
    out = unwrapped(run(str(VALID))[1])

    assert "(pricing-page-2025-11, as of 2025-11-01; OpenAI pricing page)" in out
    assert "LiteLLM" not in out


def test_validate_non_utf8_file_report_tells_to_save_it_as_utf8() -> None:
    code, out, _ = run(str(TRAINING / "invalid" / "huatuo_medical_zh_gbk.jsonl"), "--model", "gpt-3.5-turbo")

    assert code == 1
    assert "save the file as UTF-8 (it seems to be in another encoding, such as GBK" in unwrapped(out)


def test_validate_report_says_how_many_examples_its_token_figures_are_of() -> None:
    out = unwrapped(run(str(TRAINING / "invalid" / "invalid_json.jsonl"))[1])

    assert "Lines / examples 10 / 10 (8 valid, 2 with errors)" in out
    assert "Tokens per valid example (8) min 30" in out


def test_validate_report_of_an_all_valid_file_keeps_the_plain_counts() -> None:
    out = unwrapped(run(str(VALID))[1])

    assert ("Lines / examples 10 / 10 Errors" in out, "Tokens per example min" in out) == (True, True)
