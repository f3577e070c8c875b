"""The streaming validator: checks a training file line by line and builds its report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import orjson

from mockserver.core import tokens
from mockserver.core.catalog import Method, ModelSpec
from mockserver.validation.chat import check_chat_example
from mockserver.validation.counting import Counted, TokenTally
from mockserver.validation.epochs import Epochs, check_epochs, resolve_epochs
from mockserver.validation.formats import (
    FORMAT_NAMES,
    MARKERS,
    MAX_IMAGE_EXAMPLES,
    MAX_RFT_EXAMPLES,
    MIN_EXAMPLES,
    NATURAL_METHOD,
    Checked,
    FileRole,
    Format,
    Rules,
    detect_format,
    marker_keys,
)
from mockserver.validation.issues import IssueSink, json_type
from mockserver.validation.legacy import check_completion_example
from mockserver.validation.preference import check_preference_example
from mockserver.validation.reinforcement import check_reinforcement_example
from mockserver.validation.report import TokenStatsBuilder, ValidationReport
from mockserver.validation.sniff import BOM, SAVE_AS_UTF8, not_utf8

Checker = Callable[[dict[str, Any], IssueSink, Rules], Checked | None]
CHECKERS: dict[Format, Checker] = {
    "chat": check_chat_example,
    "prompt_completion": check_completion_example,
    "preference": check_preference_example,
    "reinforcement": check_reinforcement_example,
}
# Two encoding threads besides the parsing thread: tiktoken releases the GIL while encoding.
ENCODE_THREADS = 2


class UnsupportedMethodError(ValueError):
    """The model cannot be fine-tuned with this method (a job-creation error, not a file problem)."""


def validate_lines(
    lines: Iterable[bytes],
    *,
    spec: ModelSpec,
    method: Method = "supervised",
    n_epochs: Epochs = "auto",
    file_role: FileRole = "training_file",
) -> ValidationReport:
    """Validate a JSONL training file given as an iterable of raw lines (e.g. a binary file object).

    Memory stays bounded whatever the file size: one line at a time, a few token batches in
    flight, and a capped list of issues. `spec` is the base model's catalog entry. What a job on the file
    would cost is `billing.estimate.estimate_training_cost(report, prices)`.
    """
    if method not in spec.methods:
        raise UnsupportedMethodError(f"{spec.id} cannot be fine-tuned with method {method!r}")
    check_epochs(n_epochs)
    encoding = tokens.get_encoding(spec.encoding)
    rules = Rules.for_job(
        spec, method=method, file_role=file_role, special_tokens=tuple(sorted(encoding.special_tokens_set))
    )
    run = _Run(rules)
    with ThreadPoolExecutor(ENCODE_THREADS, thread_name_prefix="validate-tokens") as pool:
        tally = TokenTally(encoding, executor=pool)
        for number, raw in enumerate(lines, 1):
            run.counted(run.feed(number, raw, tally))
        run.counted(tally.finish())
    return run.report(n_epochs=n_epochs)


class _Run:
    """State of one validation pass."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.sink = IssueSink()
        self.stats = TokenStatsBuilder(rules.max_example_tokens)
        self.n_lines = 0
        self.n_examples = 0
        self.n_valid_examples = 0  # examples without an error: the ones the token figures are of
        self.n_image_examples = 0

    def feed(self, number: int, raw: bytes, tally: TokenTally) -> list[Counted]:
        """Check one raw line; returns token counts that became ready meanwhile."""
        self.n_lines = number
        self.sink.start(line=number, example=None)
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM):]
            self.sink.warning("utf8_bom", None, "starts with a UTF-8 byte order mark; it was ignored")
        if not raw or raw.isspace():
            self.sink.warning("blank_line", None, "is blank; blank lines are skipped")
            return []
        self.n_examples += 1
        self.sink.start(line=number, example=self.n_examples)
        obj = self._parse(raw)
        checked = self._check(obj) if obj is not None else None
        if checked is None or not self._free_of_special_tokens(checked):
            return []
        self.n_valid_examples += 1
        self.n_image_examples += checked.n_images > 0
        return tally.add((number, self.n_examples), checked.plan)

    def _parse(self, raw: bytes) -> dict[str, Any] | None:
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as bad:
                error = f"line {not_utf8(raw, bad)}"
                # The hint goes where the failure is reported (the job error), not on every line of the file.
                self.sink.error("invalid_utf8", None, error, error=f"{error}: {SAVE_AS_UTF8}")
            else:
                error = f"line contains invalid json: {_json_error(raw, exc)}"
                self.sink.error("invalid_json", None, error, error=error)
            return None
        if type(obj) is not dict:
            error = f"line is a JSON {json_type(obj)}, not an object"
            self.sink.error("not_an_object", None, error, error=error)
            return None
        return obj

    def _check(self, obj: dict[str, Any]) -> Checked | None:
        expected = self.rules.format
        if any(key in obj for key in marker_keys(expected)):
            return CHECKERS[expected](obj, self.sink, self.rules)
        found = detect_format(obj)
        if found is not None:
            self._mismatch(found)
        elif expected in ("preference", "reinforcement"):
            return CHECKERS[expected](obj, self.sink, self.rules)  # reports the missing keys
        else:
            wanted = "prompt/completion pairs" if expected == "prompt_completion" else "chat messages"
            keys = ", ".join(map(repr, obj)) or "no keys"
            self.sink.error("unexpected_format", None, f"has {keys}; expected {wanted}")
        return None

    def _mismatch(self, found: Format) -> None:
        rules = self.rules
        needs_method = NATURAL_METHOD[found]
        method_mismatch = needs_method != rules.method
        why = f"method '{rules.method}'" if method_mismatch else f"model {rules.model}"
        self.sink.error(
            "format_mismatch", None,
            f"is in the {FORMAT_NAMES[found]} format ({', '.join(MARKERS[found])}), but {why} "
            f"needs the {FORMAT_NAMES[rules.format]} format ({', '.join(marker_keys(rules.format))})",
            found=found, expected=rules.format, method=rules.method, needs_method=needs_method,
            method_mismatch=method_mismatch, model=rules.model,
        )

    def _free_of_special_tokens(self, checked: Checked) -> bool:
        """Text that spells a special token (e.g. `<|endoftext|>`) fails the real job."""
        for text in (*checked.plan.texts, *checked.plan.assistant_texts):
            if "<|" in text:
                for token in self.rules.special_tokens:
                    if token in text:
                        self.sink.error(
                            "special_token", None,
                            f"contains the special token {token}, which training data may not contain",
                            token=token,
                        )
                        return False
        return True

    def counted(self, results: list[Counted]) -> None:
        for key, total, assistant in results:
            if self.stats.add(total, assistant):
                line, example = cast(tuple[int, int], key)
                self.sink.start(line=line, example=example)
                limit = self.rules.max_example_tokens
                self.sink.warning(
                    "example_truncated", None,
                    f"example has {total:,} tokens, over the {limit:,}-token limit of {self.rules.model}; "
                    f"it will be truncated to {limit:,} tokens for training and billing",
                )

    def _file_level_issues(self) -> None:
        sink, rules = self.sink, self.rules
        sink.start(line=None, example=None)
        if self.n_examples < MIN_EXAMPLES:
            sink.error(
                "too_few_examples", None,
                f"File has {self.n_examples} example(s), but must have at least {MIN_EXAMPLES}",
            )
        cap = MAX_RFT_EXAMPLES[rules.file_role]
        if rules.format == "reinforcement" and self.n_examples > cap:
            role = rules.file_role.replace("_", " ")
            sink.error(
                "too_many_examples", None,
                f"File has {self.n_examples:,} examples, but a reinforcement {role} may have at most {cap:,}",
            )
        if self.n_image_examples > MAX_IMAGE_EXAMPLES:
            sink.error(
                "too_many_image_examples", None,
                f"File has {self.n_image_examples:,} examples with images, but at most {MAX_IMAGE_EXAMPLES:,} "
                "are allowed",
            )

    def report(self, *, n_epochs: Epochs) -> ValidationReport:
        self._file_level_issues()
        rules, sink = self.rules, self.sink
        epochs = resolve_epochs(self.n_examples, n_epochs)
        billing = self.stats.billing_total
        return ValidationReport(
            model=rules.model,
            method=rules.method,
            format=rules.format,
            encoding=rules.encoding,
            file_role=rules.file_role,
            max_example_tokens=rules.max_example_tokens,
            n_lines=self.n_lines,
            n_examples=self.n_examples,
            n_valid_examples=self.n_valid_examples,
            n_errors=sink.totals["error"],
            n_warnings=sink.totals["warning"],
            issue_counts=dict(sink.counts),
            issues=tuple(sorted(sink.stored, key=lambda i: (i.line is None, i.line or 0))),
            tokens=self.stats.build(),
            billing_tokens=billing,
            n_epochs=epochs,
            n_epochs_source="auto" if n_epochs == "auto" else "explicit",
            trained_tokens=billing * epochs,
            first_by_code=dict(sink.first_by_code),
        )


def _json_error(raw: bytes, exc: orjson.JSONDecodeError) -> str:
    """orjson's message, located within the line without its line break."""
    try:
        orjson.loads(raw.rstrip(b"\r\n"))
    except orjson.JSONDecodeError as stripped:
        return str(stripped)
    return str(exc)
