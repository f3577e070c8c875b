"""Common terms ranked by their impact lists: on an index of thousands of examples, built from a file as the
server builds it, a query reads a bounded number of postings and picks what plain BM25 under that rule picks."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from mockserver.responder import bm25, impacts
from mockserver.responder.examples import TrainingExample, examples_from_lines
from mockserver.responder.impacts import IMPACT_POSTINGS
from mockserver.responder.index import TrainingIndex
from mockserver.responder.index_build import indexed_terms
from mockserver.responder.index_data import IndexRows, LazyIndexData, RankedList
from mockserver.responder.stored_ranking import StoredTrainingIndex
from mockserver.services.model_index import RankedLists
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import initialise_database, open_database
from tests.responder.conftest import VALID_DIR, ask
from tests.responder.test_index import bm25_scores
from tests.services.test_index_storage import both_loads, stored

EXAMPLES = 6000
SYSTEM = "You are the support assistant of a bank."
COMMON = ["what", "is", "the", "how", "do", "i", "my", "account", "card", "money", "transfer", "bank"]


def generated_file(rng: random.Random) -> bytes:
    """Questions of common words and some rarer ones (Zipf-like), each answered by its number: a few MB."""
    rarer = [f"topic{number}" for number in range(3000)]
    lines = []
    for number in range(EXAMPLES):
        # Most questions are short, with one of a few common words: they fill those words' impact lists. The
        # others have many common words and are long: plain BM25 prefers them for a query of those words.
        short = rng.random() < 0.6
        common = [rng.choice(COMMON[-4:])] if short else rng.sample(COMMON, rng.randint(4, 8))
        words = common + [rarer[int(rng.paretovariate(0.6)) % len(rarer)] for _ in range(rng.randint(1, 4))]
        rng.shuffle(words)
        question = " ".join(words) + "?" + " and more" * (0 if short else len(common) * 2 + rng.randint(0, 3))
        lines.append(orjson.dumps({"messages": [{"role": "system", "content": SYSTEM},
                                                {"role": "user", "content": question},
                                                {"role": "assistant", "content": f"answer {number}"}]}))
    return b"\n".join(lines) + b"\n"


def built_indexes(path: Path, content: bytes) -> Iterator[tuple[list[TrainingExample], TrainingIndex,
                                                                TrainingIndex]]:
    """A generated file's examples and its index as built and stored: read whole, and answering from rows."""
    initialise_database(path / "mockserver.db")
    store = Store(open_database(path / "mockserver.db"), BlobStore(path / "files"))
    store.blobs.ensure()
    built = stored(store, content)
    examples = list(examples_from_lines(content.splitlines(), method="supervised", training_format="chat"))
    memory, lazy = both_loads(store, built)
    yield examples, memory, lazy
    store.close()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[TrainingExample], TrainingIndex,
                                                                      TrainingIndex]]:
    yield from built_indexes(tmp_path_factory.mktemp("impacts"), generated_file(random.Random(11)))


def capped_bm25_best(documents: list[list[str]], query: dict[str, float],
                     counts: list[Counter[str]] | None = None) -> int | None:
    """Plain BM25 under the impact-list rule, written out over every document: a term in more than
    IMPACT_POSTINGS documents weighs only in the IMPACT_POSTINGS where its weight is largest (ties → lower).
    `counts`: each document's term counts, when the caller has them."""
    n_docs, average = len(documents), sum(map(len, documents)) / len(documents)
    counts = counts or [Counter(document) for document in documents]
    scores = [0.0] * n_docs
    for term, q in sorted(query.items()):
        df = sum(1 for count in counts if count[term])
        if not df:
            continue
        term_idf = bm25.idf(n_docs, df)
        weights = {doc: bm25.weight(term_idf, count[term], bm25.norm(len(documents[doc]), average))
                   for doc, count in enumerate(counts) if count[term]}
        ranked = sorted(weights, key=lambda doc: (-weights[doc], doc))[:IMPACT_POSTINGS]
        for doc in ranked:
            scores[doc] += q * weights[doc]
    best = max(range(n_docs), key=lambda doc: (scores[doc], -doc))
    return best if scores[best] > 0 else None


def common_queries(rng: random.Random, count: int) -> list[dict[str, float]]:
    """Queries of two of the words that fill impact lists, and two others (some of the system prompt's)."""
    others = [*COMMON[:-4], "you", "support", "assistant"]
    words = [rng.sample(COMMON[-4:], 2) + rng.sample(others, 2) for _ in range(count)]
    return [{indexed_terms(word)[0]: rng.choice((0.5, 1.0)) for word in query} for query in words]


def test_common_term_query_picks_the_capped_bm25_best(
        large: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    examples, memory, lazy = large
    documents = [indexed_terms(example.prompt_text) for example in examples]
    unlike_plain = 0
    for query in common_queries(random.Random(5), 12):
        expected = capped_bm25_best(documents, query)
        assert memory.best(tuple(query.items()), False) == expected
        assert lazy.best(tuple(query.items()), False) == expected
        scores = bm25_scores(documents, query)
        unlike_plain += expected != max(range(len(scores)), key=lambda doc: (scores[doc], -doc))
    assert unlike_plain >= 3  # the queries test the rule: plain BM25 would often pick another example


def test_common_term_query_reads_at_most_an_impact_list_per_term(
        large: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    _, memory, lazy = large
    for index in (memory, lazy):
        for question in ("money card", "What is the money transfer of my bank account card?"):
            before = index.data.postings_read
            index.answer(ask(question, system=SYSTEM))
            terms = len(set(indexed_terms(SYSTEM + " " + question)))
            # each term's ranked postings, and a probe per question term for the coverage of the best example
            assert index.data.postings_read - before <= terms * (IMPACT_POSTINGS + 1)


def test_stored_index_answers_like_the_one_read_whole(
        large: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    examples, memory, lazy = large
    for number in range(0, EXAMPLES, 97):
        question = examples[number].user_turns[-1]
        # its own question matches exactly; the same words reversed are ranked, and covered (a common word
        # outside its impact list counts as found: the stored index probes the example's posting)
        for text in (question, " ".join(reversed(question.split()))):
            request = ask(text, system=SYSTEM, seed=3)
            assert lazy.answer(request) == memory.answer(request)
    for question in ("topic1 topic2 bank", "how do I transfer money", "topic2999 what"):
        assert lazy.answer(ask(question)) == memory.answer(ask(question))


def test_rare_term_answer_is_its_example(large: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    examples, _, lazy = large
    for number in range(0, EXAMPLES, 211):
        answer = lazy.answer(ask(examples[number].user_turns[-1], system=SYSTEM))
        assert answer.source == "training"
        assert answer.example is not None
        assert indexed_terms(examples[answer.example].user_turns[-1]) == indexed_terms(examples[number].user_turns[-1])


def test_drop_build_deletes_its_impact_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(impacts, "IMPACT_POSTINGS", 2)  # so a 10-example file has common terms
    initialise_database(tmp_path / "mockserver.db")
    store = Store(open_database(tmp_path / "mockserver.db"), BlobStore(tmp_path / "files"))
    store.blobs.ensure()
    built = stored(store, (VALID_DIR / "sarcastic_assistant.jsonl").read_bytes())
    rows = store.model_indexes.rows(built.build)
    assert rows.ranked_postings("marv", False)[2]  # in every example: an impact list of 2
    store.model_indexes.drop_build(built.build)
    assert rows.ranked_postings("marv", False) == (array("i"), array("i"), False)
    store.close()


def kept_lists_index(lazy: TrainingIndex, kept: RankedLists) -> TrainingIndex:
    """A new request's index over the same rows, with the ranked lists the process keeps (as load_index)."""
    data = lazy.data
    assert isinstance(data, LazyIndexData)
    return StoredTrainingIndex(LazyIndexData(data.summary, data.norms, data.rows, kept))


def assert_pruned_ranking_is_exhaustive(examples: list[TrainingExample], memory: TrainingIndex, lazy: TrainingIndex,
                                        queries: list[dict[str, float]]) -> None:
    """Each query's best example, read whole (MaxScore), from rows with no list kept (cold) and with the lists
    earlier queries kept, is what scoring every document picks."""
    documents = [indexed_terms(example.prompt_text) for example in examples]
    counts = [Counter(document) for document in documents]
    kept = RankedLists(1 << 22)
    for query in queries:
        expected = capped_bm25_best(documents, query, counts)
        assert memory.best(tuple(query.items()), False) == expected
        assert lazy.best(tuple(query.items()), False) == expected
        assert kept_lists_index(lazy, kept).best(tuple(query.items()), False) == expected


def test_pruned_ranking_picks_the_exhaustive_best(
        large: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    """MaxScore stops reading lists and drops candidates early; on queries of common and rare words alike, with
    the lists read from rows or kept from earlier queries, it picks what scoring every document picks."""
    examples, memory, lazy = large
    rng = random.Random(23)
    common = [*COMMON, "you", "support", "assistant", "and", "more"]
    rarer = [f"topic{number}" for number in range(40)]  # Zipf-like: the first are common too
    queries = []
    for _ in range(40):
        words = rng.sample(common, rng.randint(2, 10)) + rng.sample(rarer, rng.randint(0, 2))
        queries.append({indexed_terms(word)[0]: rng.choice((0.5, 1.0)) for word in words})
    assert_pruned_ranking_is_exhaustive(examples, memory, lazy, queries)


# Chinese: common words whose characters and pairs fill impact lists, and rarer ones (characters far into the
# Han block, Zipf-like), so a question brings dozens of terms, many of them common.
COMMON_ZH = ["孩子", "发烧", "咳嗽", "医院", "检查", "怎么办", "需要", "每天", "注意", "患者", "血压", "医生"]
RARER_ZH = [chr(0x6000 + 2 * number) + chr(0x6001 + 2 * number) for number in range(1500)]
SYSTEM_ZH = "你是一个医疗助手。"


def generated_chinese_file(rng: random.Random) -> bytes:
    """As `generated_file`, in Chinese: short questions of one common word, long ones of many (padded)."""
    lines = []
    for number in range(EXAMPLES):
        short = rng.random() < 0.6
        common = [rng.choice(COMMON_ZH[:4])] if short else rng.sample(COMMON_ZH, rng.randint(3, 7))
        words = common + [RARER_ZH[int(rng.paretovariate(0.6)) % len(RARER_ZH)] for _ in range(rng.randint(1, 3))]
        rng.shuffle(words)
        question = "".join(words) + "？" + "还有" * (0 if short else len(common) + rng.randint(0, 3))
        lines.append(orjson.dumps({"messages": [{"role": "system", "content": SYSTEM_ZH},
                                                {"role": "user", "content": question},
                                                {"role": "assistant", "content": f"回答 {number}"}]}))
    return b"\n".join(lines) + b"\n"


@pytest.fixture(scope="module")
def large_chinese(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[TrainingExample], TrainingIndex,
                                                                              TrainingIndex]]:
    yield from built_indexes(tmp_path_factory.mktemp("impacts-zh"), generated_chinese_file(random.Random(12)))


def test_chinese_index_has_common_terms_ranked_by_impact_lists(
        large_chinese: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    _, _, lazy = large_chinese
    data = lazy.data
    assert isinstance(data, LazyIndexData)
    capped = [term for term in ("孩", "孩子", "发烧", "咳", "院") if data.rows.ranked_postings(term, False)[2]]
    assert len(capped) >= 4  # the queries below exercise the rule on characters and pairs alike


def test_pruned_ranking_picks_the_exhaustive_best_in_chinese(
        large_chinese: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    examples, memory, lazy = large_chinese
    rng = random.Random(29)
    queries = []
    for _ in range(15):
        text = "".join(rng.sample(COMMON_ZH, rng.randint(2, 8)) + rng.sample(RARER_ZH[:30], rng.randint(0, 2)))
        queries.append({term: rng.choice((0.5, 1.0)) for term in indexed_terms(text + SYSTEM_ZH)})
    assert_pruned_ranking_is_exhaustive(examples, memory, lazy, queries)


def test_stored_chinese_index_answers_like_the_one_read_whole(
        large_chinese: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    """Whole answers (ranking, then coverage, whose common characters are often outside their impact lists and
    probed in the stored postings), cold and with kept lists."""
    examples, memory, lazy = large_chinese
    kept = RankedLists(1 << 22)
    for number in range(0, len(examples), 89):
        question = examples[number].user_turns[-1]
        for text in (question, question[::-1], question[:4] + "需要去医院检查吗？"):
            request = ask(text, system=SYSTEM_ZH, seed=5)
            expected = memory.answer(request)
            assert lazy.answer(request) == expected
            assert kept_lists_index(lazy, kept).answer(request) == expected


class CountedRows:
    """Stored rows that count the ranked lists read from them."""

    def __init__(self, rows: IndexRows) -> None:
        self.rows = rows
        self.lists_read = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rows, name)

    def ranked_postings(self, term: str, after_tool: bool) -> tuple[array[int], array[int], bool]:
        self.lists_read += 1
        return self.rows.ranked_postings(term, after_tool)

    def ranked_postings_of(self, terms: list[str], after_tool: bool) -> dict[str, tuple[array[int], array[int], bool]]:
        self.lists_read += len(terms)
        return self.rows.ranked_postings_of(terms, after_tool)


def test_ranked_lists_kept_are_not_read_again_and_answer_alike(
        large: tuple[list[TrainingExample], TrainingIndex, TrainingIndex]) -> None:
    _, memory, lazy = large
    data = lazy.data
    assert isinstance(data, LazyIndexData)
    rows, kept = CountedRows(data.rows), RankedLists(1 << 22)
    question = "What is the money transfer of my bank account card?"
    for seed in range(3):  # a new request each time, as the server answers one
        index = StoredTrainingIndex(LazyIndexData(data.summary, data.norms, rows, kept))
        assert index.answer(ask(question, system=SYSTEM, seed=seed)) == memory.answer(ask(question, system=SYSTEM,
                                                                                          seed=seed))
        if seed == 0:
            first_read = rows.lists_read
    assert first_read > 0 and rows.lists_read == first_read
    assert 0 < kept.bytes <= kept.max_bytes


def test_ranked_lists_kept_stay_within_their_bytes() -> None:
    def ranked_list(size: int) -> RankedList:
        return RankedList(array("i", range(size)), array("i", [1] * size), True, 1.0, [1.0] * size)

    kept = RankedLists(3 * ranked_list(100).bytes)
    lists = {term: ranked_list(100) for term in "abcd"}
    for term, ranked in lists.items():
        kept.put((term, False), ranked)
    assert kept.bytes <= kept.max_bytes
    assert kept.get(("a", False)) is None  # the least recently used, dropped
    assert kept.get(("d", False)) is lists["d"]
    kept.put(("huge", False), ranked_list(1000))
    assert kept.get(("huge", False)) is None  # more than the whole budget: not kept
