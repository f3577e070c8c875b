"""RecurringMemo keeps a value only once its key came back, and stays within its size."""

from __future__ import annotations

import threading
from collections.abc import Callable

from mockserver.core import tokens
from mockserver.core.recurring import RecurringMemo
from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.examples import TrainingExample
from mockserver.responder.index import TrainingIndex, terms_of


def counting(calls: list[str]) -> Callable[[str], str]:
    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()
    return compute


def test_a_key_asked_once_is_not_kept_and_one_asked_again_is() -> None:
    memo: RecurringMemo[str, str] = RecurringMemo(4)
    calls: list[str] = []
    compute = counting(calls)
    assert memo.get("a", compute, "a") == "A"
    assert "a" not in memo and len(memo) == 0
    assert memo.get("a", compute, "a") == "A"  # asked again: computed, now kept
    assert "a" in memo
    assert memo.get("a", compute, "a") == "A"
    assert calls == ["a", "a"]


def test_keys_never_asked_twice_keep_nothing() -> None:
    memo: RecurringMemo[str, str] = RecurringMemo(4, window=8)
    calls: list[str] = []
    for number in range(100):
        memo.get(f"new {number}", counting(calls), f"new {number}")
    assert len(memo) == 0 and len(calls) == 100


def test_the_window_forgets_misses_and_the_size_drops_the_first_kept() -> None:
    memo: RecurringMemo[str, str] = RecurringMemo(2, window=3)
    calls: list[str] = []
    compute = counting(calls)
    memo.get("a", compute, "a")
    for key in ("b", "c", "d"):  # the window is full with a, b, c: d starts it again
        memo.get(key, compute, key)
    memo.get("a", compute, "a")
    assert "a" not in memo  # its first miss was forgotten
    for key in ("x", "y", "z"):
        memo.get(key, compute, key)
        memo.get(key, compute, key)
    assert "x" not in memo and "y" in memo and "z" in memo and len(memo) == 2


def test_admitting_from_many_threads_stays_within_the_size() -> None:
    memo: RecurringMemo[int, int] = RecurringMemo(16, window=64)

    def ask() -> None:
        for number in range(2000):
            memo.get(number % 40, int, number % 40)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 0 < len(memo) <= 16
    assert all(memo.get(key, lambda: -1) in (key, -1) for key in range(40))


def test_the_responder_and_the_token_counts_keep_only_texts_that_recur() -> None:
    index = TrainingIndex.build([TrainingExample("What is the capital of France?", Answer(content="Paris."),
                                                 ("What is the capital of France?",))])
    encoding = tokens.get_encoding("cl100k_base")
    once, twice = "What is the capital of France, once?", "What is the capital of France, twice?"
    for text in (once, twice, twice):
        answer = index.answer(ReplyRequest(model="ft:x", messages=({"role": "user", "content": text},)))
        assert answer.content == "Paris."
        assert tokens.count_recurring_text(encoding, text) == len(encoding.encode_ordinary(text))
        assert terms_of(text) == terms_of(text)
    assert (encoding, twice) in tokens._RECURRING_COUNTS and (encoding, once) not in tokens._RECURRING_COUNTS
    assert len(index._recurring_answers) == 1
