"""Checkpoint permissions through the strict SDK: share a fine-tuned checkpoint with projects."""

from __future__ import annotations

import re

import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.jobs_support import assert_api_error, succeeded_seed_job

UNKNOWN_CHECKPOINT = "ft:gpt-3.5-turbo-0125:mockserver:marv:AAAAAAAA:ckpt-step-80"


@pytest.fixture
def checkpoint(sdk: openai.OpenAI, clock: ManualClock) -> str:
    """The seed job's checkpoint at step 90 (an intermediate one, its id full of colons)."""
    job = succeeded_seed_job(sdk, clock, suffix="marv")
    return next(c.fine_tuned_model_checkpoint for c in sdk.fine_tuning.jobs.checkpoints.list(job.id)
                if c.step_number == 90)


def _project_ids(page: object) -> list[str]:
    return [permission.project_id for permission in page]  # type: ignore[attr-defined]


def test_create_permissions_returns_a_list_of_them(
    sdk: openai.OpenAI, clock: ManualClock, checkpoint: str
) -> None:
    page = sdk.fine_tuning.checkpoints.permissions.create(checkpoint, project_ids=["proj_a", "proj_b"])

    assert _project_ids(page.data) == ["proj_a", "proj_b"]
    for permission in page.data:
        assert re.fullmatch(r"cp_[A-Za-z0-9]{24}", permission.id)
        assert (permission.object, permission.created_at) == ("checkpoint.permission", clock.now())


def test_create_permissions_on_the_final_model_checkpoint(sdk: openai.OpenAI, clock: ManualClock) -> None:
    job = succeeded_seed_job(sdk, clock)

    page = sdk.fine_tuning.checkpoints.permissions.create(job.fine_tuned_model or "", project_ids=["proj_a"])

    assert _project_ids(page.data) == ["proj_a"]


@pytest.mark.parametrize(("order", "expected"), [
    ({}, ["proj_c", "proj_b", "proj_a"]),
    ({"order": "descending"}, ["proj_c", "proj_b", "proj_a"]),
    ({"order": "ascending"}, ["proj_a", "proj_b", "proj_c"]),
], ids=["default-newest-first", "descending", "ascending"])
def test_list_permissions_orders_by_creation(
    sdk: openai.OpenAI, clock: ManualClock, checkpoint: str, order: dict[str, str], expected: list[str]
) -> None:
    for project in ("proj_a", "proj_b", "proj_c"):
        sdk.fine_tuning.checkpoints.permissions.create(checkpoint, project_ids=[project])
        clock.advance(1)

    assert _project_ids(sdk.fine_tuning.checkpoints.permissions.list(checkpoint, **order)) == expected  # type: ignore[arg-type]


def test_list_permissions_filters_by_project_id(sdk: openai.OpenAI, checkpoint: str) -> None:
    sdk.fine_tuning.checkpoints.permissions.create(checkpoint, project_ids=["proj_a", "proj_b", "proj_a"])

    page = sdk.fine_tuning.checkpoints.permissions.list(checkpoint, project_id="proj_a")

    assert _project_ids(page.data) == ["proj_a", "proj_a"]


def test_list_permissions_pages_through_the_last_id_cursor(sdk: openai.OpenAI, checkpoint: str) -> None:
    created = sdk.fine_tuning.checkpoints.permissions.create(
        checkpoint, project_ids=[f"proj_{n}" for n in range(5)]).data

    first = sdk.fine_tuning.checkpoints.permissions.list(checkpoint, limit=2, order="ascending")
    pages = list(first.iter_pages())

    # The SDK's ConversationCursorPage sends `after=<last_id>`, not the last item's id it reads itself.
    assert (first.has_more, first.last_id) == (True, created[1].id)
    assert [len(page.data) for page in pages] == [2, 2, 1]
    assert [p.id for page in pages for p in page.data] == [p.id for p in created]


def test_delete_permission_removes_it(sdk: openai.OpenAI, checkpoint: str) -> None:
    kept, dropped = sdk.fine_tuning.checkpoints.permissions.create(checkpoint, project_ids=["proj_a", "proj_b"]).data

    deleted = sdk.fine_tuning.checkpoints.permissions.delete(dropped.id, fine_tuned_model_checkpoint=checkpoint)

    assert deleted.model_dump() == {"id": dropped.id, "object": "checkpoint.permission", "deleted": True}
    assert [p.id for p in sdk.fine_tuning.checkpoints.permissions.list(checkpoint)] == [kept.id]


def test_delete_unknown_permission_is_not_found(sdk: openai.OpenAI, checkpoint: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.fine_tuning.checkpoints.permissions.delete("cp_doesnotexist", fine_tuned_model_checkpoint=checkpoint)

    assert_api_error(caught, 404, "No such checkpoint permission: cp_doesnotexist", param="permission_id")


def test_create_permissions_on_unknown_checkpoint_is_not_found(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.fine_tuning.checkpoints.permissions.create(UNKNOWN_CHECKPOINT, project_ids=["proj_a"])

    assert_api_error(caught, 404, f"Checkpoint {UNKNOWN_CHECKPOINT} does not exist or you do not have access to it.",
                     param="fine_tuned_model_checkpoint", code="model_not_found")


def test_list_permissions_on_unknown_checkpoint_is_not_found(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.fine_tuning.checkpoints.permissions.list(UNKNOWN_CHECKPOINT)

    assert_api_error(caught, 404, f"Checkpoint {UNKNOWN_CHECKPOINT} does not exist or you do not have access to it.",
                     param="fine_tuned_model_checkpoint", code="model_not_found")


@pytest.mark.parametrize(("project_ids", "message"), [
    (["bad"], "Invalid project id: 'bad'. Project ids start with 'proj_'."),
    (["proj_a", "org-b"], "Invalid project id: 'org-b'. Project ids start with 'proj_'."),
    ([], "'project_ids' must contain at least one project id."),
])
def test_create_permissions_with_bad_project_ids_is_refused(
    sdk: openai.OpenAI, checkpoint: str, project_ids: list[str], message: str
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.checkpoints.permissions.create(checkpoint, project_ids=project_ids)

    assert_api_error(caught, 400, message, param="project_ids", code="invalid_value")
    assert list(sdk.fine_tuning.checkpoints.permissions.list(checkpoint)) == []
