"""The ranking's pruning (MaxScore over numpy arrays) picks exactly what summing every ranked list in full picks."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from mockserver.responder import Answer
from mockserver.responder import index as index_module
from mockserver.responder.examples import TrainingExample
from mockserver.responder.impacts import IMPACT_POSTINGS
from mockserver.responder.index import TrainingIndex, ranking_order
from mockserver.responder.index_build import indexed_terms

SYSTEM = "You are the quiz assistant of a trivia night."
ENGLISH = [f"topic{number}" for number in range(300)] + ["what", "is", "the", "how", "link", "between", "river"]
COPIES = 100
CHINESE = [chr(0x6000 + 2 * number) + chr(0x6001 + 2 * number) for number in range(150)] + ["孩子", "发烧", "医院"]


def question(rng: random.Random) -> str:
    """Zipf-like words, English or Chinese: the first words are common, the rest rare."""
    words, sep = (ENGLISH, " ") if rng.random() < 0.7 else (CHINESE, "")
    return sep.join(words[int(rng.paretovariate(0.8)) % len(words)] for _ in range(rng.randint(1, 6)))


@pytest.fixture(scope="module")
def ranked() -> tuple[TrainingIndex, list[str]]:
    """An index where the system prompt's terms are in more than IMPACT_POSTINGS examples (impact lists), some
    examples repeated (ties), some answering a tool result (the other flag); and the questions asked."""
    rng = random.Random(17)
    questions = [question(rng) for _ in range(IMPACT_POSTINGS + 300)]
    questions += [questions[number] for number in rng.sample(range(len(questions)), COPIES)]
    examples = [TrainingExample(f"{SYSTEM}\n{text}", Answer(content=f"answer {number}"), (text,),
                                after_tool=number % 9 == 0) for number, text in enumerate(questions)]
    return TrainingIndex.build(examples), questions


def fully_ranked(index: TrainingIndex, weighted_terms: tuple[tuple[str, float], ...], after_tool: bool) -> int | None:
    """Every document's score from every ranked list, each summed in `ranking_order`; ties → the lowest."""
    stats = index.data.term_stats(term for term, _ in weighted_terms)
    scores: dict[int, float] = {}
    for _, term, q in ranking_order(weighted_terms, stats):
        docs, weights, _ = index.data.ranked_arrays(term, after_tool)
        for doc, weight in zip(docs.tolist(), weights.tolist(), strict=True):
            scores[doc] = scores.get(doc, 0.0) + q * weight
    return min(scores, key=lambda doc: (-scores[doc], doc)) if scores else None


@pytest.mark.parametrize(("short_postings", "few_others"), [
    (0, index_module.FEW_OTHERS), (index_module.SHORT_POSTINGS, 0),
    (index_module.SHORT_POSTINGS, index_module.FEW_OTHERS), (10_000, 10_000)],
    ids=["numpy only", "python sums only", "as served", "python when it can decide"])
def test_best_equals_the_full_ranking_on_random_queries(ranked: tuple[TrainingIndex, list[str]], short_postings: int,
                                                        few_others: int, monkeypatch: pytest.MonkeyPatch) -> None:
    index, questions = ranked
    monkeypatch.setattr(index_module, "SHORT_POSTINGS", short_postings)
    monkeypatch.setattr(index_module, "FEW_OTHERS", few_others)
    decisions: dict[str, list[object]] = {"_decided_by_few": [], "_decided_in_python": []}
    for name, calls in decisions.items():
        monkeypatch.setattr(index_module, name, counted(getattr(index_module, name), calls))
    rng = random.Random(3)
    for _ in range(400):
        texts = [rng.choice(questions), question(rng), SYSTEM][:rng.randint(1, 3)]
        terms = dict.fromkeys(term for text in texts for term in indexed_terms(text))
        weighted = tuple((term, rng.choice((0.5, 1.0, 0.3))) for term in terms)
        for after_tool in (False, True):
            assert index.best(weighted, after_tool) == fully_ranked(index, weighted, after_tool)
    by_few, in_python = (decisions[name] for name in ("_decided_by_few", "_decided_in_python"))
    if not short_postings:
        assert not by_few and not in_python
        return
    assert len(in_python) > len([result for result in in_python if result is not None]) > 20  # both ways taken
    if few_others:  # the few documents decided often, and not always
        assert len(by_few) > len([result for result in by_few if result is not None]) > 10


def counted(decide: Callable[..., int | None], calls: list[object]) -> Callable[..., int | None]:
    def decided_and_counted(*args: Any) -> int | None:
        calls.append(result := decide(*args))
        return result
    return decided_and_counted


def test_best_of_tied_examples_is_the_lowest(ranked: tuple[TrainingIndex, list[str]]) -> None:
    index, questions = ranked
    first_won = 0
    for number in range(len(questions) - COPIES, len(questions)):
        text = questions[number]
        first = next(other for other, asked in enumerate(questions) if asked == text and other % 9)  # no tool result
        if number % 9 == 0 or first == number:
            continue
        weighted = tuple((term, 1.0) for term in dict.fromkeys(indexed_terms(text)))
        best = index.best(weighted, False)
        assert best == fully_ranked(index, weighted, False)
        assert best != number  # the copy never wins: its tie with an earlier example goes to that one
        first_won += best == first
    assert first_won >= 30


def lists(*pairs: tuple[list[int], list[float]]) -> tuple[list[Any], list[Any], list[float]]:
    """Ranked lists (documents ascending, contributions) as `_best` hands them on, with each one's largest."""
    return ([np.array(docs, dtype=np.intc) for docs, _ in pairs], [np.array(weights) for _, weights in pairs],
            [max(weights) for _, weights in pairs])


def test_few_documents_decide_only_when_no_other_can_reach_them() -> None:
    decide = index_module._decided_by_few
    # Document 2 gains the rare term's weight on top of its own: nothing else comes near.
    assert decide(*lists(([2], [2.0]), ([1, 2, 3], [0.5, 0.6, 0.7])), 0.0, True) == 2
    # Document 2 alone in the long list outweighs the rare term's document: not decided here.
    assert decide(*lists(([3], [1.0]), ([1, 2, 3], [0.5, 5.0, 0.7])), 0.0, True) is None
    # Lists still to come could lift another document to the leader: not decided.
    assert decide(*lists(([2], [2.0]), ([1, 2, 3], [0.5, 0.6, 0.7])), 2.5, False) is None
    assert decide(*lists(([2], [2.0]), ([1, 2, 3], [0.5, 0.6, 0.7])), 0.5, False) == 2
    # Tied rare documents: the lowest, when every list is in.
    assert decide(*lists(([4, 7], [2.0, 2.0]), ([1, 4, 7], [0.5, 0.6, 0.6])), 0.0, True) == 4
    # Too many documents besides the longest list's: the sums decide.
    many = [*range(index_module.FEW_OTHERS + 1)]
    assert decide(*lists((many, [1.0] * len(many)), ([doc + 100 for doc in many], [0.5] * len(many)), ([300], [9.0])),
                  0.0, True) is None
