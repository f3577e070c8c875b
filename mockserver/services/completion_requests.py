"""Checks of a legacy completion request (the real API's 400s and 404) and the prompts it asks to complete."""

from __future__ import annotations

from dataclasses import dataclass

import tiktoken

from mockserver.core.catalog import ModelSpec
from mockserver.core.errors import InvalidRequest, NotFound
from mockserver.schemas.completions import CompletionCreate
from mockserver.services.request_checks import check_logit_bias, check_max_items, check_sampling, empty_array

# param: (low, high), inclusive (the spec's CreateCompletionRequest)
RANGES: dict[str, tuple[float | None, float | None]] = {
    "n": (1, 128),
    "best_of": (0, 20),
    "logprobs": (0, 5),
    "max_tokens": (0, None),
    "temperature": (0, 2),
    "top_p": (0, 1),
    "frequency_penalty": (-2, 2),
    "presence_penalty": (-2, 2),
}
MAX_PROMPTS = 2048  # as many inputs as the embeddings endpoint takes: keeps one request's answer bounded
DEFAULT_MAX_TOKENS = 16
END_OF_TEXT = "<|endoftext|>"  # what a model completes when the prompt is null: the start of a new document


@dataclass(frozen=True)
class Prompt:
    """One prompt to complete: its text and its exact token count."""

    text: str
    tokens: int


def check_request(body: CompletionCreate) -> None:
    """The checks that need no model: value ranges and parameters that need one another."""
    check_sampling(body, RANGES)
    if body.best_of is not None and body.best_of < (body.n or 1):
        raise InvalidRequest(
            f"Invalid value for 'best_of': {body.best_of}. 'best_of' must be greater than or equal to 'n' "
            f"({body.n}).", param="best_of", code="invalid_value",
        )
    if body.stream and (body.best_of or 1) > 1:
        raise InvalidRequest("Invalid value for 'best_of': results cannot be streamed when 'best_of' is greater "
                             "than 1.", param="best_of", code="invalid_value")
    check_logit_bias(body.logit_bias)


def check_completion_model(spec: ModelSpec) -> None:
    """Chat models (and their fine-tunes) are not served here: the real API's 404, naming the model."""
    if spec.training_format != "prompt_completion":
        raise NotFound(
            "This is a chat model and not supported in the v1/completions endpoint. "
            "Did you mean to use v1/chat/completions?", param="model",
        )


def check_for_model(body: CompletionCreate, spec: ModelSpec) -> None:
    check_completion_model(spec)
    if body.suffix is not None and not spec.accepts_suffix:  # insertion: only gpt-3.5-turbo-instruct offers it
        raise InvalidRequest("Unsupported parameter: 'suffix' is not supported with this model.",
                             param="suffix", code="unsupported_parameter")


def prompts_of(body: CompletionCreate, encoding: tiktoken.Encoding) -> list[Prompt]:
    """The prompts, in order: a string, strings, a token array or token arrays (decoded with the model's
    tokenizer, their length the token count); a null prompt is `<|endoftext|>`."""
    prompt = body.prompt
    if prompt is None:
        return [Prompt(END_OF_TEXT, 1)]
    if isinstance(prompt, str):
        return [_text_prompt(prompt, encoding)]
    if not prompt:
        raise empty_array("prompt")
    if not isinstance(prompt[0], int):
        check_max_items("prompt", prompt, MAX_PROMPTS)
    texts = [item for item in prompt if isinstance(item, str)]
    if len(texts) == len(prompt):
        return [_text_prompt(text, encoding) for text in texts]
    arrays = [item for item in prompt if isinstance(item, list)]
    if len(arrays) == len(prompt):
        return [_token_prompt(f"prompt[{index}]", tokens, encoding) for index, tokens in enumerate(arrays)]
    return [_token_prompt("prompt", [item for item in prompt if isinstance(item, int)], encoding)]


def _text_prompt(text: str, encoding: tiktoken.Encoding) -> Prompt:
    # Special-token text in a prompt is the token it names, as the real API reads a legacy prompt.
    return Prompt(text, len(encoding.encode(text, allowed_special="all")))


def _token_prompt(param: str, tokens: list[int], encoding: tiktoken.Encoding) -> Prompt:
    if not tokens:
        raise empty_array(param)
    top = encoding.max_token_value
    for position, token in enumerate(tokens):
        if not 0 <= token <= top:
            raise InvalidRequest(f"Invalid token in '{param}': {token} at position {position} is not a token of "
                                 f"this model (0 to {top}).", param=param, code="invalid_value")
    try:
        text = encoding.decode_bytes(tokens).decode("utf-8", errors="replace")
    except KeyError:  # a gap in the vocabulary
        raise InvalidRequest(f"Invalid token in '{param}': not a token of this model.", param=param,
                             code="invalid_value") from None
    return Prompt(text, len(tokens))


def suffix_tokens(body: CompletionCreate, encoding: tiktoken.Encoding) -> int:
    """The suffix is read as part of every prompt (the model writes what leads into it): its tokens are prompt
    tokens. The canned answer itself does not depend on it."""
    return len(encoding.encode(body.suffix, allowed_special="all")) if body.suffix else 0


def max_tokens_of(body: CompletionCreate) -> int:
    return DEFAULT_MAX_TOKENS if body.max_tokens is None else body.max_tokens


def check_context(spec: ModelSpec, prompts: list[Prompt], max_tokens: int, *, suffix: int = 0) -> None:
    """`context_length_exceeded` when a prompt (with the suffix) and the completion asked for outgrow the
    model's window."""
    window = spec.context_window
    longest = max(prompt.tokens for prompt in prompts) + suffix
    if longest + max_tokens > window:
        raise InvalidRequest(
            f"This model's maximum context length is {window} tokens, however you requested "
            f"{longest + max_tokens} tokens ({longest} in your prompt; {max_tokens} for the completion). "
            "Please reduce your prompt; or completion length.",
            param="prompt" if longest > window else "max_tokens", code="context_length_exceeded",
        )
