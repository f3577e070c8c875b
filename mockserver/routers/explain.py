"""`POST /_mock/explain`: which training example a fine-tuned model answers with (our extension; needs the API key)."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.schemas.explain import ExplainRequest, Explanation
from mockserver.web.deps import ExplainServiceDep

router = APIRouter(prefix="/_mock", tags=["control"])


@router.post("/explain", response_model=Explanation)
def explain_reply(body: ExplainRequest, service: ExplainServiceDep) -> Explanation:
    """The example (number, training file line, question) or fallback behind the model's reply to `messages`."""
    return service.explain(body)
