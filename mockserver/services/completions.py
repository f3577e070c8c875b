"""Legacy completions (`/v1/completions`): babbage-002, davinci-002, their fine-tunes and gpt-3.5-turbo-instruct
complete prompts.

A fine-tuned model answers with the completion of its training example whose prompt best matches (the
chat responder's index, the prompt as the one user turn); a base model answers from the response rules.
Shaping (n, max_tokens, stop, logprobs), usage and cost ledgers, `--tpm` are those of chat completions.
`CompletionsService.create` takes a parsed body and returns the response object: the router and the
Batch API call it alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import tiktoken

from mockserver.core.catalog import ModelCatalog
from mockserver.core.rate_limits import requested_tokens, token_limit_headers
from mockserver.responder import Choice, ReplyRequest
from mockserver.responder.legacy_logprobs import legacy_logprobs, prompt_entries
from mockserver.responder.rules import ResponseRules
from mockserver.schemas.completions import CompletionCreate
from mockserver.services.completion_requests import (
    Prompt,
    check_context,
    check_for_model,
    check_request,
    max_tokens_of,
    prompts_of,
    suffix_tokens,
)
from mockserver.services.context import Context
from mockserver.services.inference import InferenceModel, record_usage, reply, resolve_inference_model
from mockserver.services.rate_limits import take_tokens

ENDPOINT = "completions"


@dataclass(frozen=True)
class TextChoice:
    """One choice: the echoed prompt (empty without `echo`) and its tokens (as many as its logprobs entries),
    then the generated text."""

    index: int
    echoed: str
    echoed_tokens: int
    text: str
    finish_reason: str
    logprobs: dict[str, Any] | None

    def wire(self) -> dict[str, Any]:
        return {"text": self.echoed + self.text, "index": self.index, "logprobs": self.logprobs,
                "finish_reason": self.finish_reason}


@dataclass(frozen=True)
class CompletionResult:
    completion: dict[str, Any]  # a `Completion` as sent
    choices: list[TextChoice]
    encoding: tiktoken.Encoding
    headers: dict[str, str] = field(default_factory=dict)  # `--tpm`'s x-ratelimit-*-tokens


class CompletionsService:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog, rules: ResponseRules) -> None:
        self.ctx = ctx
        self.catalog = catalog
        self.rules = rules

    def create(self, body: CompletionCreate) -> CompletionResult:
        """Complete every prompt `n` times; streaming sends the same completion in chunks."""
        check_request(body)
        model = resolve_inference_model(self.ctx, self.catalog, body.model)
        check_for_model(body, model.spec)
        prompts = prompts_of(body, model.encoding)
        suffix = suffix_tokens(body, model.encoding)
        max_tokens = max_tokens_of(body)
        check_context(model.spec, prompts, max_tokens, suffix=suffix)
        n = body.n or 1
        generated = max(n, body.best_of or 1)  # best_of candidates are generated (and billed), n returned
        prompt_total = sum(prompt.tokens + suffix for prompt in prompts)
        tokens_taken = take_tokens(self.ctx, model=model.requested, requested=requested_tokens(
            prompt=prompt_total, max_output=max_tokens, n=generated * len(prompts)))
        choices: list[TextChoice] = []
        completion_tokens = 0
        for position, prompt in enumerate(prompts):
            shaped = reply(model, self.rules, self._reply_request(body, prompt, max_tokens))
            completion_tokens += shaped[0].completion_tokens * generated
            choices += [self._text_choice(body, model, prompt, choice, position * n) for choice in shaped]
        now = self.ctx.clock.now()
        completion_id = self.ctx.ids.new("completion")
        record_usage(self.ctx, model, endpoint=ENDPOINT, request_id=completion_id, prompt=prompt_total,
                     completion=completion_tokens, created_at=now)
        completion = {
            "id": completion_id, "object": "text_completion", "created": now, "model": model.shown,
            "choices": [choice.wire() for choice in choices], "system_fingerprint": model.fingerprint,
            "usage": {"prompt_tokens": prompt_total, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_total + completion_tokens},
        }
        headers = token_limit_headers(tokens_taken) if tokens_taken is not None else {}
        return CompletionResult(completion=completion, choices=choices, encoding=model.encoding, headers=headers)

    @staticmethod
    def _reply_request(body: CompletionCreate, prompt: Prompt, max_tokens: int) -> ReplyRequest:
        stop = (body.stop,) if isinstance(body.stop, str) else tuple(body.stop or ())
        # The responder ranks a prompt as a conversation's one user turn, as prompt/completion files are indexed.
        return ReplyRequest(
            model=body.model, messages=({"role": "user", "content": prompt.text},), seed=body.seed, n=body.n or 1,
            max_tokens=max_tokens, stop=stop, logprobs=body.logprobs is not None,
            top_logprobs=(body.logprobs or 0) + 1,  # the sampled token and `logprobs` alternatives
        )

    def _text_choice(
        self, body: CompletionCreate, model: InferenceModel, prompt: Prompt, choice: Choice, first_index: int,
    ) -> TextChoice:
        echoed, echoed_tokens = (prompt.text, prompt.tokens) if body.echo else ("", 0)
        logprobs = None
        if choice.logprobs is not None:
            entries = choice.logprobs.get("content") or []
            if body.echo:
                echoed_entries = prompt_entries(model.encoding.encode(prompt.text, allowed_special="all"),
                                                model.encoding, top=(body.logprobs or 0) + 1,
                                                seed=(body.seed or 0) + choice.index)
                entries, echoed_tokens = [*echoed_entries, *entries], len(echoed_entries)
            logprobs = legacy_logprobs(entries, offset=0 if body.echo else len(prompt.text))
        return TextChoice(index=first_index + choice.index, echoed=echoed, echoed_tokens=echoed_tokens,
                          text=choice.content or "", finish_reason=choice.finish_reason, logprobs=logprobs)
