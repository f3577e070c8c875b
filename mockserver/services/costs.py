"""The cost ledger's writes: a job's training charge and each inference call's lines.

Which charges exist, and how they are computed, is `mockserver/billing/charges.py`: a succeeded job pays its
`trained_tokens` (written once, when the job is materialised); a job cancelled while running or paused
pays `billing_tokens × n_epochs × completed_steps // total_steps` tokens (written with the cancel);
per-hour models pay simulated training hours; failed jobs and jobs cancelled before training pay
nothing; every chat completion or response pays its input, cached input and output tokens.
"""

from __future__ import annotations

from decimal import Decimal

from mockserver.billing.charges import Charge, inference_charges, prorated_tokens, training_charge
from mockserver.services.context import Context
from mockserver.simulator.state import JobState
from mockserver.store.costs import CostRecord
from mockserver.store.jobs import JobRecord

PRORATED_STATUSES = ("running", "paused")


def project_id_of(owner: str) -> str:
    """The project a key's objects belong to: stable, derived from the key (`proj_` + its owner hash)."""
    return f"proj_{owner}"


def api_key_id_of(owner: str) -> str:
    return f"key_{owner}"


def owner_of_project(project_id: str) -> str | None:
    """The owner whose project this is (`project_id_of` undone); None for an id no owner has."""
    return project_id.removeprefix("proj_") if project_id.startswith("proj_") else None


def owner_of_api_key(api_key_id: str) -> str | None:
    return api_key_id.removeprefix("key_") if api_key_id.startswith("key_") else None


def record_job_success(ctx: Context, job: JobRecord, *, at: int) -> None:
    """Charge a succeeded job its `trained_tokens` (or training hours). Called once per job, in its claim."""
    plan = job.plan
    _record_training(ctx, job, steps=plan.total_steps, trained_tokens=plan.trained_tokens, at=at)


def record_job_cancel(ctx: Context, job: JobRecord, *, state: JobState, at: int) -> None:
    """Charge a job cancelled while running or paused for the share of training it completed.

    Rule: `billing_tokens × n_epochs × completed_steps // total_steps` tokens (rounded down to whole
    tokens) at the normal training price; per-hour models pay the completed steps' training hours.
    Nothing when the job had not started training (validating_files, queued) or completed no step.
    """
    if state.status not in PRORATED_STATUSES or state.completed_steps == 0:
        return
    inputs = job.plan.inputs
    tokens = prorated_tokens(billing_tokens=inputs.billing_tokens, n_epochs=inputs.n_epochs,
                             completed_steps=state.completed_steps, total_steps=job.plan.total_steps)
    _record_training(ctx, job, steps=state.completed_steps, trained_tokens=tokens, at=at)


def training_estimate(ctx: Context, job: JobRecord) -> Charge | None:
    """The training line a success of this job would write (its estimate); None without a price table."""
    if ctx.prices is None:
        return None
    plan = job.plan
    return training_charge(ctx.prices, model=job.model, snapshot=plan.inputs.model,
                           trained_tokens=plan.trained_tokens, steps=plan.total_steps,
                           batch_size=plan.inputs.batch_size)


def charged_training(ctx: Context, job_ids: list[str]) -> dict[str, Decimal]:
    """What the cost ledger has charged each of these jobs for training (jobs without a charge are absent)."""
    return ctx.store.costs.training_amounts(job_ids)


def _record_training(ctx: Context, job: JobRecord, *, steps: int, trained_tokens: int, at: int) -> None:
    if ctx.prices is None:
        return
    inputs = job.plan.inputs
    charge = training_charge(ctx.prices, model=job.model, snapshot=inputs.model,
                             trained_tokens=trained_tokens, steps=steps, batch_size=inputs.batch_size)
    ctx.store.costs.append([_record(charge, owner=job.owner, kind="training", model=job.model,
                                    job_id=job.id, request_id=None, at=at)])


def inference_records(
    ctx: Context, *, request_id: str, model: str, snapshot: str, prompt: int, cached: int, completion: int,
    at: int,
) -> list[CostRecord]:
    """The input, cached input and output lines of one call to `model` (a base id or an `ft:` id); none without
    a price table."""
    if ctx.prices is None:
        return []
    fine_tuned = model.startswith("ft:")
    charges = inference_charges(ctx.prices, snapshot=snapshot, fine_tuned=fine_tuned, input_tokens=prompt,
                                cached_tokens=cached, output_tokens=completion, batch=ctx.batch)
    owner = ctx.caller.owner
    shown = model if fine_tuned else snapshot
    return [_record(charge, owner=owner, kind="inference", model=shown, job_id=None, request_id=request_id, at=at)
            for charge in charges]


def _record(charge: Charge, *, owner: str, kind: str, model: str, job_id: str | None, request_id: str | None,
            at: int) -> CostRecord:
    return CostRecord(
        owner=owner, project_id=project_id_of(owner), kind=kind, line_item=charge.line_item, model=model,
        job_id=job_id, request_id=request_id, quantity=charge.quantity, quantity_unit=charge.quantity_unit,
        unit_price=charge.unit_price, price_unit=charge.price_unit, amount=charge.amount,
        price_set=charge.price_set, note=charge.note, created_at=at,
    )
