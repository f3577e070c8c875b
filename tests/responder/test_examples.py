"""Training examples read from training files: prompts and the answers they trained."""

from __future__ import annotations

from mockserver.responder import Answer
from mockserver.responder.examples import TrainingExample, content_text, examples_from_lines
from tests.responder.conftest import examples_of


def test_examples_of_chat_file_take_system_and_user_text_as_prompt() -> None:
    first = examples_of("sarcastic_assistant.jsonl")[0]
    assert first == TrainingExample(
        prompt_text="Marv is a factual chatbot that is also sarcastic.\nWhat's the capital of France?",
        answer=Answer(content="Paris, as if everyone doesn't know that already.", source="training"),
        user_turns=("What's the capital of France?",),
    )


def test_examples_of_chat_file_keep_file_order() -> None:
    examples = examples_of("sarcastic_assistant.jsonl")
    assert len(examples) == 10
    assert examples[-1].answer.content == "1945. It made the news, in case you missed it."


def test_examples_of_weighted_turns_skip_weight_zero() -> None:
    examples = examples_of("multi_turn_weights.jsonl")
    assert len(examples) == 10
    assert examples[0].answer.content == "Sorry, 0 + 0 = 0."
    assert examples[0].user_turns == ("What is 0 + 0?", "Are you sure?")


def test_examples_of_tool_calls_give_the_call_then_the_final_answer() -> None:
    call, final = examples_of("tool_calls.jsonl")[:2]
    assert call.answer.content is None
    assert call.answer.tool_calls[0]["function"] == {"name": "get_weather",
                                                     "arguments": '{"city": "Paris", "unit": "celsius"}'}
    assert not call.after_tool
    assert final.answer.content == "It is 10 °C in Paris."
    assert final.after_tool
    assert call.prompt_text == final.prompt_text


def test_examples_of_legacy_function_call_keep_function_call() -> None:
    call = examples_of("legacy_functions.jsonl")[0]
    assert call.answer.function_call == {"name": "lookup_order", "arguments": '{"order_id": "A0"}'}
    assert call.answer.tool_calls == ()


def test_examples_of_content_parts_join_the_text_parts() -> None:
    first = examples_of("content_parts.jsonl")[0]
    assert first.prompt_text == "Answer in one word.\nOpposite of hot?"
    assert first.answer.content == "Cold."


def test_examples_of_vision_file_keep_only_text() -> None:
    assert examples_of("vision.jsonl")[0].prompt_text == "Describe images briefly.\nWhat is in this picture?"


def test_examples_of_dpo_answer_with_preferred_output() -> None:
    first = examples_of("dpo.jsonl", method="dpo")[0]
    assert first.prompt_text == "Be helpful.\nRecommend a number between 0 and 10."
    assert first.answer.content == "How about 5? It sits right in the middle."


def test_examples_of_prompt_completion_answer_with_completion() -> None:
    first = examples_of("prompt_completion.jsonl", training_format="prompt_completion")[0]
    assert first == TrainingExample("Translate to French: cat ->", Answer(content=" chat\n", source="training"),
                                    ("Translate to French: cat ->",))


def test_examples_of_reinforcement_file_are_none() -> None:
    assert examples_of("reinforcement.jsonl", method="reinforcement") == []


def test_examples_of_bom_and_blank_lines_are_read() -> None:
    assert len(examples_of("blank_lines_and_bom.jsonl")) == 10


def test_examples_from_unparsable_lines_are_skipped() -> None:
    lines = [b"not json\n", b"[1, 2]\n", b'{"messages": "nope"}\n',
             b'{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\n']
    examples = list(examples_from_lines(lines, method="supervised", training_format="chat"))
    assert [example.answer.content for example in examples] == ["Hello"]


def test_examples_from_assistant_without_content_or_calls_are_skipped() -> None:
    line = b'{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": null}]}'
    assert list(examples_from_lines([line], method="supervised", training_format="chat")) == []


def test_content_text_of_parts_ignores_images() -> None:
    parts = [{"type": "text", "text": "a"}, {"type": "image_url", "image_url": {"url": "x"}}, {"type": "text",
                                                                                           "text": "b"}]
    assert content_text(parts) == "a\nb"
