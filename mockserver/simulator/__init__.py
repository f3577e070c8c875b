"""The job simulator: a job's whole timeline is a pure function of its plan, its controls and the clock."""

from mockserver.simulator.plan import JobInputs, Plan, plan_job
from mockserver.simulator.state import Control, JobState, state_at

__all__ = ["Control", "JobInputs", "JobState", "Plan", "plan_job", "state_at"]
