"""Jobs that fail (bad training data) and job requests refused at once (400 with the OpenAI error body)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.jobs_support import (
    DPO_MODEL,
    SEED_FILE,
    SEED_MODEL,
    advance_to,
    chat_example,
    chat_file,
    job_in_status,
    jsonl,
    raw_job,
    seed_plan,
    upload,
)
from tests.live_server import LiveServer
from tests.support import envelope, error

INVALID_FILE = "The job failed due to an invalid training file. Invalid file format. "
ROLES = "'system', 'developer', 'user', 'assistant', 'tool', 'function'"
GBK_FILE = (SEED_FILE.parents[1] / "invalid" / "huatuo_medical_zh_gbk.jsonl").read_bytes()


def with_example(number: int, change: Callable[[dict[str, Any]], Any]) -> bytes:
    """Ten good chat examples, the `number`-th (1-based) replaced by `change(example)`."""
    rows: list[Any] = [chat_example(index) for index in range(10)]
    rows[number - 1] = change(copy.deepcopy(rows[number - 1]))
    return jsonl(rows)


def _drop_role(example: dict[str, Any]) -> dict[str, Any]:
    del example["messages"][1]["role"]
    return example


def _set_role(example: dict[str, Any]) -> dict[str, Any]:
    example["messages"][1]["role"] = "robot"
    return example


# -- jobs that fail during validating_files ---------------------------------------------------------------

FILE_FAILURES = [
    pytest.param(chat_file(1), {}, "invalid_n_examples",
                 "Training file has 1 example(s), but must have at least 10 examples", id="one-example"),
    pytest.param(chat_file(9), {}, "invalid_n_examples",
                 "Training file has 9 example(s), but must have at least 10 examples", id="nine-examples"),
    pytest.param(with_example(4, lambda _: "{bad json"), {}, "invalid_training_file",
                 INVALID_FILE + "Example 4 cannot be parsed. Error: line contains invalid json: unexpected "
                 "character, expected a string key: line 1 column 2 (char 1)", id="bad-json-line"),
    pytest.param(GBK_FILE, {}, "invalid_training_file",
                 INVALID_FILE + "Example 1 cannot be parsed. Error: line is not valid UTF-8 (byte 0xc4 at offset 45): "
                 "save the file as UTF-8 (it seems to be in another encoding, such as GBK or Windows-1252)",
                 id="gbk-file"),
    pytest.param(with_example(4, _drop_role), {}, "invalid_training_file",
                 INVALID_FILE + "Example 4, message 2 Discriminator 'role' is missing in value", id="missing-role"),
    pytest.param(with_example(7, _set_role), {}, "invalid_training_file",
                 INVALID_FILE + f"Example 7, message 2 Input tag 'robot' found using 'role' does not match any of "
                 f"the expected tags: {ROLES}", id="unknown-role"),
    pytest.param(with_example(3, lambda e: {**e, "extra": 1}), {}, "invalid_file_format",
                 "The job failed due to a file format error in the training file. Invalid file format. "
                 'Example 3 contains an extra "extra".', id="unknown-key"),
    pytest.param(with_example(2, lambda _: {"text": "no messages"}), {}, "invalid_training_file",
                 "The job failed due to an invalid training file. Unexpected file format, expected either "
                 "prompt/completion pairs or chat messages.",
                 id="unexpected-format"),
    pytest.param(SEED_FILE.read_bytes(), {"model": DPO_MODEL, "method": {"type": "dpo"}}, "invalid_training_file",
                 INVALID_FILE + "Input file {training_file} is in the fine-tune-chat format, but the specified "
                 "fine-tuning job is not using 'supervised' as the training method (provided method=dpo).",
                 id="chat-file-for-dpo"),
]


@pytest.mark.parametrize(("content", "create", "code", "message"), FILE_FAILURES)
def test_job_with_bad_training_file_fails_with_the_real_error(
    sdk: openai.OpenAI, clock: ManualClock, content: bytes, create: dict[str, Any], code: str, message: str
) -> None:
    training_file = upload(sdk, content)
    job = sdk.fine_tuning.jobs.create(training_file=training_file, **{"model": SEED_MODEL, **create})
    clock.advance(3600)

    failed = sdk.fine_tuning.jobs.retrieve(job.id)

    assert failed.status == "failed"
    assert failed.error is not None
    assert failed.error.model_dump() == {"code": code, "param": "training_file",
                                         "message": message.format(training_file=training_file)}


@pytest.mark.parametrize(("content", "code", "message"), [
    pytest.param(chat_file(3), "invalid_n_examples",
                 "Validation file has 3 example(s), but must have at least 10 examples", id="three-examples"),
    pytest.param(with_example(5, _drop_role), "invalid_training_file",
                 "The job failed due to an invalid validation file. Invalid file format. Example 5, message 2 "
                 "Discriminator 'role' is missing in value", id="missing-role"),
])
def test_job_with_bad_validation_file_fails_on_validation_file(
    sdk: openai.OpenAI, clock: ManualClock, content: bytes, code: str, message: str
) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE),
                                      validation_file=upload(sdk, content, name="valid.jsonl"))
    clock.advance(3600)

    error_ = sdk.fine_tuning.jobs.retrieve(job.id).error

    assert error_ is not None
    assert error_.model_dump() == {"code": code, "param": "validation_file", "message": message}


def test_failed_job_fails_when_validation_ends_without_training(sdk: openai.OpenAI, clock: ManualClock) -> None:
    plan = seed_plan(n_examples=5)
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, chat_file(5)))
    assert (job.status, job.error) == ("validating_files", None)

    advance_to(clock, job.created_at, plan.validate_s - 1)
    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "validating_files"
    advance_to(clock, job.created_at, plan.validate_s)
    failed = sdk.fine_tuning.jobs.retrieve(job.id)

    assert failed.status == "failed"
    assert (failed.fine_tuned_model, failed.finished_at, failed.trained_tokens, failed.result_files) == (
        None, None, None, [])
    assert sdk.fine_tuning.jobs.checkpoints.list(job.id).data == []


def test_failed_job_logs_the_error_as_its_last_event(sdk: openai.OpenAI, clock: ManualClock) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, chat_file(5)))
    clock.advance(3600)

    events = list(sdk.fine_tuning.jobs.list_events(job.id))

    assert [(e.level, e.message) for e in events] == [
        ("error", "Training file has 5 example(s), but must have at least 10 examples"),
        ("info", f"Validating training file: {job.training_file}"),
        ("info", f"Created fine-tuning job: {job.id}"),
    ]


@pytest.mark.parametrize("status", ["validating_files", "queued", "running", "paused", "succeeded", "cancelled"])
def test_job_that_has_not_failed_carries_null_error(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock, status: str
) -> None:
    # Real jobs show `"error": {}` here, which strict SDK parsing rejects (reference §2.3); null is what we send.
    job = raw_job(http, job_in_status(sdk, http, clock, status))

    assert "error" in job and job["error"] is None


# -- requests refused at creation ------------------------------------------------------------------------

@pytest.fixture
def file_ids(sdk: openai.OpenAI, live_server: LiveServer) -> dict[str, str]:
    """A good training file, one with purpose batch, and one that belongs to another API key."""
    with httpx.Client(base_url=live_server.base_url, headers={"Authorization": "Bearer sk-someone-else"}) as other:
        foreign = other.post("/v1/files", files={"file": ("t.jsonl", SEED_FILE.read_bytes())},
                             data={"purpose": "fine-tune"}).json()["id"]
    return {"training": upload(sdk, SEED_FILE), "batch": upload(sdk, SEED_FILE, purpose="batch"),
            "foreign": foreign}


DROP = object()
HYPERPARAMETERS = "Invalid value for 'hyperparameters.{name}': {value}. It must be {bounds}."
BETA = "Invalid value for 'method.dpo.hyperparameters.beta': {value}. It must be > 0 and <= 2."
SUFFIX = "Invalid 'suffix': {value}. It must be 1 to 64 characters long and use only letters, digits, '-' and '_'."
SEED = "Invalid 'seed': {value}. It must be between 0 and 2147483647."


def _dpo(beta: Any) -> dict[str, Any]:
    return {"model": DPO_MODEL, "method": {"type": "dpo", "dpo": {"hyperparameters": {"beta": beta}}}}


WANDB = {"type": "wandb", "wandb": {"project": "my-project"}}


def _hyper(**values: Any) -> dict[str, Any]:
    return {"hyperparameters": values}


CREATE_ERRORS = [
    ({"model": DROP}, "Missing required parameter: 'model'.", "model", "missing_required_parameter"),
    ({"training_file": DROP}, "Missing required parameter: 'training_file'.", "training_file",
     "missing_required_parameter"),
    ({"model": "gpt-nope"}, "Model gpt-nope is not available for fine-tuning or does not exist.", "model",
     "model_not_available"),
    ({"model": "gpt-5"}, "Model gpt-5 is not available for fine-tuning or does not exist.", "model",
     "model_not_available"),
    ({"training_file": "file-doesnotexist"}, "invalid training_file: file-doesnotexist", "training_file", None),
    ({"training_file": "{batch}"}, "invalid training_file: {batch}. Files used for fine-tuning must have purpose "
     "'fine-tune', but this one has purpose 'batch'.", "training_file", None),
    ({"training_file": "{foreign}"}, "invalid training_file: {foreign}", "training_file", None),
    ({"validation_file": "file-doesnotexist"}, "invalid validation_file: file-doesnotexist", "validation_file",
     None),
    ({"method": {"type": "dpo"}}, "Model gpt-3.5-turbo does not support the 'dpo' fine-tuning method. "
     "Supported: supervised.", "method.type", "invalid_value"),
    (_hyper(n_epochs=0), HYPERPARAMETERS.format(name="n_epochs", value=0, bounds=">= 1 and <= 50"),
     "hyperparameters.n_epochs", "invalid_value"),
    (_hyper(n_epochs=51), HYPERPARAMETERS.format(name="n_epochs", value=51, bounds=">= 1 and <= 50"),
     "hyperparameters.n_epochs", "invalid_value"),
    (_hyper(n_epochs="x"), "Invalid type for 'hyperparameters.n_epochs': expected an integer or 'auto', but got "
     '"x" instead.', "hyperparameters.n_epochs", "invalid_type"),
    (_hyper(n_epochs=True), "Invalid type for 'hyperparameters.n_epochs': expected an integer or 'auto', but got "
     "true instead.", "hyperparameters.n_epochs", "invalid_type"),
    (_hyper(batch_size=0), HYPERPARAMETERS.format(name="batch_size", value=0, bounds=">= 1 and <= 256"),
     "hyperparameters.batch_size", "invalid_value"),
    (_hyper(batch_size=257), HYPERPARAMETERS.format(name="batch_size", value=257, bounds=">= 1 and <= 256"),
     "hyperparameters.batch_size", "invalid_value"),
    (_hyper(learning_rate_multiplier=0), HYPERPARAMETERS.format(name="learning_rate_multiplier", value=0,
     bounds="> 0"), "hyperparameters.learning_rate_multiplier", "invalid_value"),
    (_hyper(learning_rate_multiplier=-1), HYPERPARAMETERS.format(name="learning_rate_multiplier", value=-1,
     bounds="> 0"), "hyperparameters.learning_rate_multiplier", "invalid_value"),
    (_dpo(0), BETA.format(value=0), "method.dpo.hyperparameters.beta", "invalid_value"),
    (_dpo(3), BETA.format(value=3), "method.dpo.hyperparameters.beta", "invalid_value"),
    ({"hyperparameters": {"n_epochs": 2},
      "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}}},
     "Specify hyperparameters either in 'hyperparameters' (deprecated) or in 'method', not both.",
     "hyperparameters", None),
    ({"suffix": "x" * 65}, SUFFIX.format(value="'" + "x" * 65 + "'"), "suffix", "invalid_value"),
    ({"suffix": "a b"}, SUFFIX.format(value="'a b'"), "suffix", "invalid_value"),
    ({"metadata": {f"k{i}": "v" for i in range(17)}}, "Invalid 'metadata': too many properties. Expected an object "
     "with at most 16 properties, but got an object with 17 properties instead.", "metadata",
     "object_above_max_properties"),
    ({"metadata": {"k" * 65: "v"}}, "Invalid 'metadata': key too long. Expected a key with maximum length 64, but got "
     "a key with length 65 instead.", "metadata", "string_above_max_length"),
    ({"metadata": {"k": "v" * 513}}, "Invalid 'metadata.k': string too long. Expected a string with maximum length "
     "512, but got a string with length 513 instead.", "metadata.k", "string_above_max_length"),
    ({"metadata": {"k": 1}}, "Invalid type for 'metadata.k': expected a string, but got an integer instead.",
     "metadata.k", "invalid_type"),
    ({"seed": -1}, SEED.format(value=-1), "seed", "invalid_value"),
    ({"seed": 2**31}, SEED.format(value=2**31), "seed", "invalid_value"),
    ({"colour": "blue"}, "Unrecognized request argument supplied: colour", "colour", "unknown_parameter"),
    ({"integrations": [WANDB] * 6}, "Invalid 'integrations': array too long. Expected an array with maximum "
     "length 5, but got an array with length 6 instead.", "integrations", "array_above_max_length"),
    ({"integrations": [{"type": "slack", "wandb": {"project": "p"}}]},
     "Invalid value: \"slack\". Supported values are: 'wandb'.", "integrations[0].type", "invalid_value"),
    ({"integrations": [{"wandb": {"project": "p"}}]}, "Missing required parameter: 'integrations[0].type'.",
     "integrations[0].type", "missing_required_parameter"),
    ({"integrations": [WANDB, {"type": "wandb"}]}, "Missing required parameter: 'integrations[1].wandb'.",
     "integrations[1].wandb", "missing_required_parameter"),
    ({"integrations": [{"type": "wandb", "wandb": {"name": "run"}}]},
     "Missing required parameter: 'integrations[0].wandb.project'.", "integrations[0].wandb.project",
     "missing_required_parameter"),
    ({"integrations": [{"type": "wandb", "wandb": {"project": 7}}]},
     "Invalid type for 'integrations[0].wandb.project': expected a string, but got an integer instead.",
     "integrations[0].wandb.project", "invalid_type"),
    ({"integrations": [{"type": "wandb", "wandb": {"project": "p", "tags": "t"}}]},
     "Invalid type for 'integrations[0].wandb.tags': expected an array of strings, but got a string instead.",
     "integrations[0].wandb.tags", "invalid_type"),
]
CASE_IDS = [
    "missing-model", "missing-training-file", "unknown-model", "not-fine-tunable-model", "unknown-training-file",
    "wrong-purpose", "other-keys-file", "unknown-validation-file", "method-not-supported", "n-epochs-0",
    "n-epochs-51", "n-epochs-string", "n-epochs-bool", "batch-size-0", "batch-size-257", "lr-0", "lr-negative",
    "beta-0", "beta-3", "hyperparameters-twice", "suffix-too-long", "suffix-bad-chars", "metadata-17-pairs",
    "metadata-long-key", "metadata-long-value", "metadata-number", "seed-negative", "seed-too-big",
    "unknown-field", "integrations-6", "integration-type-slack", "integration-no-type", "integration-no-wandb",
    "wandb-no-project", "wandb-project-number", "wandb-tags-string",
]


@pytest.mark.parametrize(("changes", "message", "param", "code"), CREATE_ERRORS, ids=CASE_IDS)
def test_create_with_bad_request_is_refused(
    http: httpx.Client, file_ids: dict[str, str], changes: dict[str, Any], message: str, param: str,
    code: str | None,
) -> None:
    # Wordings the reference marks unconfirmed (§2.2, §2.8) follow the API's usual "Invalid value for ..." style.
    body = {"model": SEED_MODEL, "training_file": file_ids["training"], **changes}
    body = {key: value.format(**file_ids) if isinstance(value, str) else value
            for key, value in body.items() if value is not DROP}

    response = http.post("/v1/fine_tuning/jobs", json=body)

    assert response.status_code == 400
    assert response.json() == envelope(message.format(**file_ids), param=param, code=code)


RFT_MODEL = "o4-mini"  # its catalog entry supports only reinforcement
STRING_CHECK = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
                "reference": "{{item.answer}}", "operation": "eq"}
GRADER = "method.reinforcement.grader"
GRADER_ERRORS = [
    pytest.param("exact", f"Invalid type for '{GRADER}': expected an object, but got a string instead.", GRADER,
                 "invalid_type", id="not-an-object"),
    pytest.param({"name": "g"}, f"Missing required parameter: '{GRADER}.type'.", f"{GRADER}.type",
                 "missing_required_parameter", id="no-type"),
    pytest.param({**STRING_CHECK, "type": "magic"}, 'Invalid value: "magic". Supported values are: '
                 "'string_check', 'text_similarity', 'python', 'score_model', 'multi'.", f"{GRADER}.type",
                 "invalid_value", id="unknown-type"),
    pytest.param({**STRING_CHECK, "type": "label_model"}, 'Invalid value: "label_model". Supported values are: '
                 "'string_check', 'text_similarity', 'python', 'score_model', 'multi'.", f"{GRADER}.type",
                 "invalid_value", id="label-model-outside-multi"),
    pytest.param({"type": "string_check", "name": "g"}, f"Missing required parameter: '{GRADER}.input'.",
                 f"{GRADER}.input", "missing_required_parameter", id="string-check-no-input"),
    pytest.param({**STRING_CHECK, "operation": "contains"}, 'Invalid value: "contains". Supported values are: '
                 "'eq', 'ne', 'like', 'ilike'.", f"{GRADER}.operation", "invalid_value", id="bad-operation"),
    pytest.param({"type": "score_model", "name": "g", "model": "gpt-4o", "input": "x"},
                 f"Invalid type for '{GRADER}.input': expected an array, but got a string instead.",
                 f"{GRADER}.input", "invalid_type", id="score-model-input-string"),
    pytest.param({"type": "multi", "name": "m", "calculate_output": "a", "graders": {"type": "multi"}},
                 'Invalid value: "multi". Supported values are: '
                 "'string_check', 'text_similarity', 'python', 'score_model', 'label_model'.",
                 f"{GRADER}.graders.type", "invalid_value", id="multi-in-multi"),
]


@pytest.mark.parametrize(("grader", "message", "param", "code"), GRADER_ERRORS)
def test_create_with_bad_rft_grader_is_refused(
    http: httpx.Client, file_ids: dict[str, str], grader: Any, message: str, param: str, code: str,
) -> None:
    # The echoed grader must parse strictly in the SDK on every later read, so an unknown one is refused here.
    body = {"model": RFT_MODEL, "training_file": file_ids["training"],
            "method": {"type": "reinforcement", "reinforcement": {"grader": grader}}}

    response = http.post("/v1/fine_tuning/jobs", json=body)

    assert response.status_code == 400
    assert response.json() == envelope(message, param=param, code=code)


def test_job_with_known_grader_and_wandb_integration_parses_strictly(sdk: openai.OpenAI) -> None:
    # `sdk` validates responses strictly: the echoed integration and grader must match the SDK's types.
    wandb = {"type": "wandb", "wandb": {"project": "my-project", "name": "run", "entity": "team", "tags": ["a"]}}
    created = sdk.fine_tuning.jobs.create(
        model=RFT_MODEL, training_file=upload(sdk, SEED_FILE), integrations=[wandb],  # type: ignore[list-item]
        method={"type": "reinforcement", "reinforcement": {"grader": STRING_CHECK}},  # type: ignore[typeddict-item]
    )

    job = sdk.fine_tuning.jobs.retrieve(created.id)

    assert [i.model_dump() for i in job.integrations or []] == [wandb]
    assert job.method is not None and job.method.reinforcement is not None
    assert job.method.reinforcement.grader.model_dump(exclude_none=True) == STRING_CHECK


def test_create_with_bad_request_through_the_sdk_raises_bad_request(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file="file-doesnotexist")

    assert caught.value.status_code == 400
    assert caught.value.body == error("invalid training_file: file-doesnotexist", param="training_file")


def test_create_with_invalid_json_body_is_refused(http: httpx.Client) -> None:
    response = http.post("/v1/fine_tuning/jobs", content=b'{"model": ', headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == envelope(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP "
        "library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you "
        "have trouble figuring out how to fix this, please contact us through our help center at "
        "help.openai.com.)")


def test_create_refused_makes_no_job(sdk: openai.OpenAI, http: httpx.Client) -> None:
    http.post("/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": upload(sdk, SEED_FILE), "seed": -1})

    assert sdk.fine_tuning.jobs.list().data == []


def test_retrieve_unknown_job_is_not_found(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.fine_tuning.jobs.retrieve("ftjob-doesnotexist")

    # The reference leaves this wording unconfirmed (§8.1); this pins ours.
    assert caught.value.status_code == 404
    assert caught.value.body == error("No such fine-tuning job: ftjob-doesnotexist", param="fine_tuning_job_id",
                                      code="fine_tune_not_found")
