"""The training index: exact answers, BM25 matches, the coverage threshold and the fallback."""

from __future__ import annotations

import hashlib
import math
import random
from collections import Counter

import orjson
import pytest

from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.examples import TrainingExample
from mockserver.responder.index import K1, MIN_COVERAGE, B, IndexFormatError, TrainingIndex
from mockserver.responder.index_build import IndexSummary, exact_digests, exact_keys
from mockserver.responder.terms import lexical_terms
from tests.responder.conftest import ask, examples_of, index_of

SEED_ANSWER = "Paris, as if everyone doesn't know that already."


@pytest.fixture(scope="module")
def marv() -> TrainingIndex:
    return index_of("sarcastic_assistant.jsonl")


def example(prompt: str, answer: str, *, after_tool: bool = False) -> TrainingExample:
    return TrainingExample(prompt, Answer(content=answer), (prompt,), after_tool)


def test_answer_to_seed_question_is_its_training_answer(marv: TrainingIndex) -> None:
    answer = marv.answer(ask("What's the capital of France?"))
    assert (answer.content, answer.source, answer.score) == (SEED_ANSWER, "training", 1.0)


def test_answer_to_seed_question_with_other_system_prompt_is_exact(marv: TrainingIndex) -> None:
    assert marv.answer(ask("What's the capital of France?", system="You are helpful.")).content == SEED_ANSWER


def test_exact_keys_are_those_stored_indexes_keep() -> None:
    """Kind, flag and the 64-bit blake2b of the terms (spaces between terms, 0x1f between user turns): a user
    turn's digest serves both its keys when it is the only one."""
    def digest(text: str) -> str:
        return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()

    prompt, turns = ["you", "are", "marv", "hi", "there", "bye"], [["hi", "there"], ["bye"]]
    assert exact_keys(True, exact_digests(prompt, turns)) == [
        "p1:" + digest("you are marv hi there bye"), "u1:" + digest("hi there\x1fbye"), "l1:" + digest("bye")]
    assert exact_keys(False, exact_digests(["hi", "there"], [["hi", "there"]])) == [
        f"{kind}0:{digest('hi there')}" for kind in "pul"]


def test_answer_to_paraphrase_is_the_closest_example(marv: TrainingIndex) -> None:
    answer = marv.answer(ask("what is the capital city of france"))
    assert answer.content == SEED_ANSWER
    assert answer.source == "training"
    assert answer.score >= MIN_COVERAGE


MARV_SYSTEM = "Marv is a factual chatbot that is also sarcastic."


@pytest.mark.parametrize("question", ["What is the capital of Germany?", "What is the capital of Spain?",
                                      "Who wrote Hamlet?"])
def test_answer_under_the_training_system_prompt_to_a_question_it_never_saw_is_fallback(
        marv: TrainingIndex, question: str) -> None:
    # Every example shares the system prompt: sending it must not make half an example's question enough.
    assert marv.answer(ask(question, system=MARV_SYSTEM)).source == "fallback"


def test_answer_under_the_training_system_prompt_to_a_paraphrase_is_the_training_answer(marv: TrainingIndex) -> None:
    answer = marv.answer(ask("what is the capital city of france", system=MARV_SYSTEM))

    assert (answer.content, answer.source) == (SEED_ANSWER, "training")


def test_answer_to_unrelated_question_is_fallback(marv: TrainingIndex) -> None:
    answer = marv.answer(ask("What is your favourite colour?"))
    assert answer.source == "fallback"
    assert answer.content and answer.content not in {a.content for a in marv.answers}


def test_answer_to_question_sharing_only_common_words_is_fallback(marv: TrainingIndex) -> None:
    assert marv.answer(ask("What is the meaning of life?")).source == "fallback"


@pytest.mark.parametrize("question", ["What is the capital of Germany?", "What is the capital of Spain?",
                                      "How are you?"])
def test_answer_to_question_matching_an_example_only_by_function_words_is_fallback(
        marv: TrainingIndex, question: str) -> None:
    # "what is the capital of" covers most of the seed prompt's idf unless function words are ignored
    assert marv.answer(ask(question)).source == "fallback"


def test_answer_to_question_of_function_words_only_is_fallback(marv: TrainingIndex) -> None:
    assert marv.answer(ask("What is it?")).source == "fallback"


def test_fallback_is_the_same_for_the_same_request(marv: TrainingIndex) -> None:
    request = ask("Tell me a joke")
    assert marv.answer(request) == index_of("sarcastic_assistant.jsonl").answer(request)


def test_fallback_of_english_training_is_english(marv: TrainingIndex) -> None:
    assert marv.answer(ask("Tell me a joke")).content.isascii()  # type: ignore[union-attr]


def test_fallback_of_chinese_training_is_chinese() -> None:
    answer = index_of("huatuo_medical_zh.jsonl").answer(ask("今天天气怎么样？"))
    assert answer.source == "fallback"
    assert "今天天气怎么样" in answer.content  # type: ignore[operator]


def test_fallback_of_completions_keeps_their_leading_and_trailing_whitespace() -> None:
    answer = index_of("prompt_completion.jsonl", training_format="prompt_completion").answer(
        ask("Write a poem about the sea"))
    assert answer.source == "fallback"
    assert answer.content.startswith(" ") and answer.content.endswith("\n")  # type: ignore[union-attr]


def test_answer_to_chinese_question_is_its_training_answer() -> None:
    examples = examples_of("huatuo_medical_zh.jsonl")
    answer = index_of("huatuo_medical_zh.jsonl").answer(ask("孩子发烧38.5度，可以吃布洛芬吗？"))
    assert answer.content == examples[1].answer.content


def test_answer_to_chinese_paraphrase_matches_by_bigrams() -> None:
    examples = examples_of("huatuo_medical_zh.jsonl")
    answer = index_of("huatuo_medical_zh.jsonl").answer(ask("小孩发烧能吃布洛芬吗"))
    assert (answer.content, answer.source) == (examples[1].answer.content, "training")


HUATUO_SYSTEM = "你是一名经验丰富的医生，请根据患者的描述给出专业、谨慎的医学建议，必要时建议就医。"


@pytest.mark.parametrize("system", [HUATUO_SYSTEM, None])
@pytest.mark.parametrize(("question", "number"), [
    ("血压150/95，头有点晕，要不要吃降压药？", 0), ("我头晕，血压偏高怎么办", 0),
    ("小孩发热了可以用什么退烧药？", 1), ("吃完饭肚子胀还反酸怎么回事", 2),
])
def test_answer_to_chinese_paraphrase_with_other_words_is_its_training_answer(
        question: str, number: int, system: str | None) -> None:
    # unseen characters (小孩 for 孩子, 发热 for 发烧) must not outweigh the shared ones
    answer = index_of("huatuo_medical_zh.jsonl").answer(ask(question, system=system))
    assert (answer.content, answer.source) == (examples_of("huatuo_medical_zh.jsonl")[number].answer.content,
                                               "training")


@pytest.mark.parametrize("system", [HUATUO_SYSTEM, None])
@pytest.mark.parametrize("question", ["今天天气怎么样？", "推荐一部好看的电影", "怎么学习编程", "北京有什么好玩的地方",
                                      "手机没电了怎么办", "给我讲个笑话", "Python怎么读取文件", "你是谁"])
def test_answer_to_unrelated_chinese_question_is_fallback(question: str, system: str | None) -> None:
    assert index_of("huatuo_medical_zh.jsonl").answer(ask(question, system=system)).source == "fallback"


@pytest.mark.parametrize("question", ["What temperature does water boil at?", "At what temperature does water boil?"])
def test_answer_to_english_paraphrase_with_other_inflection_is_its_training_answer(
        marv: TrainingIndex, question: str) -> None:
    # the training question says "boiling"
    answer = marv.answer(ask(question))
    assert (answer.source, answer.content) == ("training", examples_of("sarcastic_assistant.jsonl")[3].answer.content)


def test_answer_to_tool_question_is_the_trained_tool_call() -> None:
    answer = index_of("tool_calls.jsonl").answer(ask("Weather in Paris?"))
    assert answer.content is None
    assert answer.tool_calls[0]["function"]["arguments"] == '{"city": "Paris", "unit": "celsius"}'


def test_answer_of_call_only_example_carries_the_fallback_in_the_training_style() -> None:
    index = index_of("tool_calls.jsonl")
    answer = index.answer(ask("Weather in Paris?", seed=3))
    assert answer.content is None
    assert answer.fallback == index.style.reply("Weather in Paris?", seed=3)


def test_answer_with_text_has_no_fallback(marv: TrainingIndex) -> None:
    assert marv.answer(ask("What's the capital of France?")).fallback is None


def test_answer_after_tool_result_is_the_trained_final_text() -> None:
    request = ReplyRequest(model="ft:x", messages=(
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": '{"temperature": 10}'},
    ))
    assert index_of("tool_calls.jsonl").answer(request).content == "It is 10 °C in Paris."


def test_answer_to_question_containing_an_example_question_matches_it() -> None:
    answer = index_of("tool_calls.jsonl").answer(ask("What is the weather in Tokyo today?"))
    assert answer.tool_calls[0]["function"]["arguments"] == '{"city": "Tokyo", "unit": "celsius"}'


def test_answer_of_dpo_model_is_the_preferred_output() -> None:
    index = index_of("dpo.jsonl", method="dpo")
    answer = index.answer(ask("Recommend a number between 3 and 13.", system="Be helpful."))
    assert answer.content == "How about 8? It sits right in the middle."


def test_answer_of_completion_model_is_the_completion() -> None:
    index = index_of("prompt_completion.jsonl", training_format="prompt_completion")
    assert index.answer(ask("Translate to French: dog ->")).content == " chien\n"


def test_answer_to_multi_turn_conversation_matches_all_user_turns() -> None:
    index = index_of("multi_turn_weights.jsonl")
    request = ReplyRequest(model="ft:x", messages=(
        {"role": "user", "content": "What is 3 + 3?"}, {"role": "assistant", "content": "It is 7."},
        {"role": "user", "content": "Are you sure?"}))
    assert index.answer(request).content == "Sorry, 3 + 3 = 6."


def test_answer_with_tied_examples_is_the_lowest_index() -> None:
    index = TrainingIndex.build([example("alpha beta", "first"), example("alpha beta", "second"),
                                 example("gamma", "third")])
    assert index.answer(ask("beta alpha")).content == "first"


@pytest.fixture(scope="module")
def topics() -> TrainingIndex:
    return TrainingIndex.build([example(f"topic{n} subject{n} item{n}", f"answer {n}") for n in range(10)])


def test_answer_with_most_question_weight_unseen_falls_back(topics: TrainingIndex) -> None:
    # question side: idf(topic3) / (idf(topic3) + 2 unseen) ≈ 0.24; example side: 1 of 3 terms
    assert topics.answer(ask("topic3 zebra giraffe")).source == "fallback"


def test_answer_with_most_question_weight_known_is_accepted(topics: TrainingIndex) -> None:
    answer = topics.answer(ask("topic3 subject3 zebra"))
    assert (answer.content, answer.source) == ("answer 3", "training")
    question_side = 2 * math.log(1 + 9.5 / 1.5) / (2 * math.log(1 + 9.5 / 1.5) + math.log(1 + 10.5 / 0.5))
    example_side = 2 / 3  # two of the example's three equally rare terms
    assert answer.score == pytest.approx(max(question_side, example_side), abs=1e-6)


def test_answer_with_whole_example_in_longer_question_is_accepted(topics: TrainingIndex) -> None:
    answer = topics.answer(ask("please tell me about topic3 subject3 item3 in great detail"))
    assert (answer.content, answer.score) == ("answer 3", 1.0)


def test_answer_of_empty_index_is_fallback() -> None:
    assert TrainingIndex.build([]).answer(ask("Hello?")).source == "fallback"


@pytest.mark.parametrize("data", [b"", b"[]", b'{"v": 99}', b'{"v": 2}', b'{"v": 4}'])
def test_summary_from_bytes_of_foreign_data_raises(data: bytes) -> None:
    with pytest.raises(IndexFormatError):
        IndexSummary.from_bytes(data)


@pytest.mark.parametrize("version", [1, 3, 4])
def test_summary_from_bytes_of_an_older_index_blob_raises(marv: TrainingIndex, version: int) -> None:
    # version 1 stored unstemmed English terms, version 3 the whole index as one blob: both are rebuilt
    stored = {**orjson.loads(marv.data.summary.to_bytes()), "v": version}
    with pytest.raises(IndexFormatError, match=f"version {version}"):
        IndexSummary.from_bytes(orjson.dumps(stored))


def bm25_scores(documents: list[list[str]], query: dict[str, float]) -> list[float]:
    """BM25 written out plainly, independently of the index, for comparison."""
    n_docs, average = len(documents), sum(map(len, documents)) / len(documents)
    frequencies = Counter(term for document in documents for term in set(document))
    scores = []
    for document in documents:
        counts, score = Counter(document), 0.0
        for term, weight in query.items():
            if counts[term]:
                idf = math.log(1 + (n_docs - frequencies[term] + 0.5) / (frequencies[term] + 0.5))
                tf = counts[term]
                score += weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(document) / average))
        scores.append(score)
    return scores


def synthetic(n: int, rng: random.Random) -> list[TrainingExample]:
    words = [f"w{i}" for i in range(800)] + ["what", "is", "the", "of", "how", "many"]
    system = "Marv is a factual chatbot that is also sarcastic."
    examples = []
    for number in range(n):
        question = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        examples.append(TrainingExample(f"{system}\n{question}", Answer(content=f"answer {number}"), (question,)))
    return examples


def test_best_equals_a_plain_bm25_ranking() -> None:
    rng = random.Random(7)
    examples = synthetic(300, rng)
    index = TrainingIndex.build(examples)
    documents = [lexical_terms(e.prompt_text) for e in examples]
    for _ in range(200):
        query = {term: rng.choice((0.5, 1.0)) for term in rng.sample(sorted(set(sum(documents[:50], []))), 6)}
        scores = bm25_scores(documents, query)
        expected = max(range(len(scores)), key=lambda doc: (scores[doc], -doc))
        assert index.best(tuple(query.items()), False) == expected


def test_best_with_common_terms_and_ties_equals_a_plain_bm25_ranking() -> None:
    """Queries that mix rare terms with terms every example has (its system prompt), over examples repeated
    (ties): the candidates dropped once no unseen document can win never include the winner."""
    rng = random.Random(11)
    examples = synthetic(200, rng)
    examples += [examples[number] for number in rng.sample(range(200), 40)]
    index = TrainingIndex.build(examples)
    documents = [lexical_terms(e.prompt_text) for e in examples]
    common = lexical_terms("Marv is a factual chatbot that is also sarcastic. what is the of how many")
    for _ in range(300):
        rare = rng.sample(sorted(set(sum(documents[:60], []))), rng.randint(1, 4))
        query = {term: rng.choice((0.5, 1.0)) for term in [*rare, *rng.sample(common, rng.randint(2, 8))]}
        scores = bm25_scores(documents, query)
        expected = max(range(len(scores)), key=lambda doc: (scores[doc], -doc))
        assert index.best(tuple(query.items()), False) == expected


def test_answer_of_thousand_examples_finds_each_own_question() -> None:
    examples = synthetic(1000, random.Random(3))
    index = TrainingIndex.build(examples)
    first_of = {}
    for number, example_ in enumerate(examples):
        first_of.setdefault(" ".join(lexical_terms(example_.user_turns[0])), number)
    for number in range(0, 1000, 7):
        answer = index.answer(ask(examples[number].user_turns[0]))
        assert answer.content == f"answer {first_of[' '.join(lexical_terms(examples[number].user_turns[0]))]}"


def test_answer_of_repeated_request_is_cached(marv: TrainingIndex) -> None:
    request = ask("How many legs does a spider have?")
    first, second = marv.answer(request), marv.answer(request)  # kept once it came back (core/recurring.py)
    assert second == first and second is not first
    assert marv.answer(request) is second


def test_answer_to_same_question_under_another_system_prompt_follows_the_prompt() -> None:
    index = TrainingIndex.build([
        TrainingExample("You are Marv.\nWho are you?", Answer(content="Marv."), ("Who are you?",)),
        TrainingExample("You are Ada.\nWho are you?", Answer(content="Ada."), ("Who are you?",)),
    ])
    assert index.answer(ask("Who are you?", system="You are Ada.")).content == "Ada."
    assert index.answer(ask("Who are you?")).content == "Marv."
