"""The job simulator: a job's whole timeline is a pure function of its plan, its controls and the clock."""

from mockserver.simulator.plan import JobInputs, Plan, plan_job
from mockserver.simulator.state import Control, JobState, ObservedJob, observe

__all__ = ["Control", "JobInputs", "JobState", "ObservedJob", "Plan", "observe", "plan_job"]
