"""Which training example a fine-tuned model answers with: the dashboard's playground shows it beside the reply."""

from __future__ import annotations

from mockserver.core.catalog import ModelCatalog
from mockserver.responder import Answer
from mockserver.responder.examples import find_example
from mockserver.responder.rules import ResponseRules
from mockserver.schemas.chat import ChatCompletionCreate
from mockserver.schemas.explain import ExplainRequest, Explanation
from mockserver.services.chat_requests import check_request, reply_request
from mockserver.services.context import Context
from mockserver.services.fine_tuning import FineTuningService
from mockserver.services.inference import resolve_inference_model
from mockserver.services.model_index import sniff_format, training_format_of


class ExplainService:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog, rules: ResponseRules) -> None:
        self.ctx = ctx
        self.catalog = catalog
        self.rules = rules

    def explain(self, body: ExplainRequest) -> Explanation:
        """The responder's choice for these messages, as /v1/chat/completions would make it (same checks),
        without answering: nothing is recorded or charged."""
        chat = ChatCompletionCreate.model_validate({"model": body.model, "messages": body.messages})
        check_request(chat)
        model = resolve_inference_model(self.ctx, self.catalog, chat.model)
        request = reply_request(chat)
        if model.index is None:
            return self._shown(body.model, self.rules.answer(request))
        answer = model.index.answer(request)
        if answer.source != "training" or answer.example is None:
            return self._shown(body.model, answer)
        return self._located(body.model, answer, answer.example)

    @staticmethod
    def _shown(model: str, answer: Answer) -> Explanation:
        return Explanation(model=model, source=answer.source, score=answer.score,
                           answer=answer.content)

    def _located(self, model: str, answer: Answer, position: int) -> Explanation:
        """The example's job, training file and line (when the file is still there)."""
        shown = self._shown(model, answer).model_copy(update={"example": position + 1})
        ref = self.ctx.store.model_indexes.find(owner=self.ctx.caller.owner, model=model)
        if ref is None:
            return shown
        jobs = FineTuningService(self.ctx, catalog=self.catalog)
        job = jobs.retrieve(ref.job_id)
        shown = shown.model_copy(update={"job_id": job.id, "training_file": job.training_file})
        method = str(job.method.get("type", "supervised"))
        try:
            with self.ctx.store.blobs.open(job.training_file) as handle:
                training_format = training_format_of(self.catalog, job.model) or sniff_format(handle)
                handle.seek(0)
                found = find_example(handle, position, method=method, training_format=training_format)
        except FileNotFoundError:
            return shown
        if found is None:
            return shown
        line, example = found
        question = example.user_turns[-1] if example.user_turns else example.prompt_text
        return shown.model_copy(update={"line": line, "question": question})
