"""`POST /_mock/estimate`: what fine-tuning on an uploaded file would cost (our extension; needs the API key)."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.costs import EstimateRequest, TrainingEstimate
from mockserver.web.deps import EstimateServiceDep

router = APIRouter(prefix="/_mock", tags=["control"], route_class=JSONBodyRoute)


@router.post("/estimate", response_model=TrainingEstimate)
def create_estimate(body: EstimateRequest, service: EstimateServiceDep) -> TrainingEstimate:
    """Billing tokens, epochs, trained tokens and the training charge a job on `file_id` would get."""
    return service.estimate(body)
