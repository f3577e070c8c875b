"""Training examples: what a fine-tuned model learned to say, read from its training file's lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from mockserver.responder import Answer

PROMPT_ROLES = frozenset({"system", "developer", "user"})
TOOL_RESULT_ROLES = frozenset({"tool", "function"})
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class TrainingExample:
    """One trained assistant turn and the conversation text that led to it.

    `prompt_text` joins the system, developer and user texts before the turn; `user_turns` are the
    user texts alone (for exact matches); `after_tool` says the turn answers a tool or function
    result, so a model that called a tool answers the tool's result, not the question again.
    """

    prompt_text: str
    answer: Answer
    user_turns: tuple[str, ...] = ()
    after_tool: bool = False


def content_text(content: Any) -> str:
    """The text of a message's content: a string, or the `text` parts of a content-part list."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = [part.get("text") for part in content if isinstance(part, dict)]
        return "\n".join(text for text in texts if isinstance(text, str))
    return ""


def examples_from_lines(
    lines: Iterable[bytes], *, method: str, training_format: str
) -> Iterator[TrainingExample]:
    """The examples of a training file, in file order; lines that do not parse are skipped.

    Chat (supervised): every assistant turn trained on (`weight` not 0) is an example, so the last
    trained turn of a line is one, and a tool call followed by its final answer gives two.
    DPO: the input messages and the preferred output. Prompt/completion: the completion.
    Reinforcement files hold no answers and give no examples.
    """
    if method == "reinforcement":
        return
    for raw in lines:
        line = raw.removeprefix(BOM)  # not stripped: orjson takes the whitespace, and a copy of a huge line costs
        if not line or line.isspace():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(obj, dict):
            continue
        if method == "dpo":
            yield from _preference_examples(obj)
        elif training_format == "prompt_completion":
            yield from _completion_examples(obj)
        else:
            yield from _chat_examples(obj.get("messages"))


def answer_of(message: dict[str, Any]) -> Answer | None:
    """An assistant message as an Answer; None when it says nothing (no content and no calls)."""
    raw_content = message.get("content")
    content = None if raw_content is None else content_text(raw_content)
    if content is None and isinstance(message.get("refusal"), str):
        content = message["refusal"]
    calls = message.get("tool_calls")
    tool_calls = tuple(call for call in calls if _is_call(call)) if isinstance(calls, list) else ()
    function_call = message.get("function_call")
    function_call = function_call if isinstance(function_call, dict) and "name" in function_call else None
    if content is None and not tool_calls and function_call is None:
        return None
    return Answer(content=content, tool_calls=tool_calls, function_call=function_call, source="training")


def _is_call(call: Any) -> bool:
    return isinstance(call, dict) and isinstance(call.get("function"), dict) and "name" in call["function"]


def _chat_examples(messages: Any) -> Iterator[TrainingExample]:
    if not isinstance(messages, list):
        return
    prompt: list[str] = []
    users: list[str] = []
    previous_role = None
    for message in messages:
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        if role in PROMPT_ROLES:
            text = content_text(message.get("content"))
            prompt.append(text)
            if role == "user":
                users.append(text)
        elif role == "assistant" and message.get("weight", 1) != 0:
            answer = answer_of(message)
            if answer is not None:
                yield TrainingExample("\n".join(prompt), answer, tuple(users), previous_role in TOOL_RESULT_ROLES)
        previous_role = role


def _preference_examples(obj: dict[str, Any]) -> Iterator[TrainingExample]:
    inputs, preferred = obj.get("input"), obj.get("preferred_output")
    if not isinstance(inputs, dict) or not isinstance(preferred, list) or not preferred:
        return
    if not isinstance(preferred[0], dict) or not isinstance(inputs.get("messages"), list):
        return
    messages = [m for m in inputs["messages"] if isinstance(m, dict)]
    # The preferred output is the one trained turn after the input conversation.
    yield from _chat_examples([*_without_weights(messages), {**preferred[0], "role": "assistant", "weight": 1}])


def _without_weights(messages: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    # Assistant turns inside a preference input are context, not answers.
    return [{**m, "weight": 0} if m.get("role") == "assistant" else m for m in messages]


def _completion_examples(obj: dict[str, Any]) -> Iterator[TrainingExample]:
    prompt, completion = obj.get("prompt"), obj.get("completion")
    if isinstance(prompt, str) and isinstance(completion, str):
        yield TrainingExample(prompt, Answer(content=completion, source="training"), (prompt,))


def find_example(
    lines: Iterable[bytes], position: int, *, method: str, training_format: str
) -> tuple[int, TrainingExample] | None:
    """The (1-based line number, example) of the `position`-th example (0-based, file order, as the index
    numbers them) in a training file; None when the file has fewer. Reads only up to that line."""
    seen = 0
    for number, raw in enumerate(lines, 1):
        for example in examples_from_lines((raw,), method=method, training_format=training_format):
            if seen == position:
                return number, example
            seen += 1
    return None
