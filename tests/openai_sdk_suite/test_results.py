"""How the vendored suite's test names map to the SDK methods listed in served.py."""

from __future__ import annotations

import pytest

from tests.openai_sdk_suite.results import Outcome, resource_of, sdk_method


@pytest.mark.parametrize(("test_name", "method"), [
    ("test_method_create[strict]", "create"),
    ("test_method_create_with_all_params_overload_1[loose]", "create"),
    ("test_raw_response_list_events[strict]", "list_events"),
    ("test_streaming_response_retrieve_content[loose]", "retrieve_content"),
    ("test_path_params_delete[strict]", "delete"),
])
def test_a_test_name_gives_its_sdk_method(test_name: str, method: str) -> None:
    assert sdk_method(test_name) == method


def test_a_class_name_gives_its_test_file() -> None:
    assert resource_of("tests.api_resources.fine_tuning.jobs.test_checkpoints.TestCheckpoints") == (
        "fine_tuning/jobs/test_checkpoints.py")


def test_only_listed_methods_of_a_partly_served_file_are_served() -> None:
    def outcome(method: str) -> Outcome:
        return Outcome("admin/organization/test_usage.py", method, "", passed=True, skipped=False, message="")

    assert outcome("costs").served and not outcome("decisions").served


def test_the_status_a_test_failed_on() -> None:
    failed = Outcome("test_files.py", "list", "", passed=False, skipped=False,
                     message="openai.BadRequestError: Error code: 400 - Invalid 'limit': 0.")
    shape = Outcome("test_files.py", "list", "", passed=False, skipped=False,
                    message="openai.APIResponseValidationError: Data returned by API invalid for expected schema.")

    assert (failed.status, shape.status) == (400, None)
