"""A fine-tuned model's memory: its training examples ranked by BM25 against the request's text."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from typing import cast

import numpy as np
import numpy.typing as npt

from mockserver.core.recurring import RecurringMemo
from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.bm25 import K1, B, unseen_idf
from mockserver.responder.examples import PROMPT_ROLES, TOOL_RESULT_ROLES, TrainingExample, content_text
from mockserver.responder.fallback import AnswerStyle
from mockserver.responder.index_build import (
    FORMAT_VERSION,
    IndexBuilder,
    IndexFormatError,
    exact_digests,
    exact_keys,
    indexed_terms,
)
from mockserver.responder.index_data import IndexData, MemoryIndexData, TermStats
from mockserver.responder.terms import STOP_TERMS, is_cjk

__all__ = ["B", "FORMAT_VERSION", "K1", "IndexFormatError", "TrainingIndex"]

MIN_COVERAGE = 0.5
CONTEXT_WEIGHT = 0.5  # query weight of system/developer/earlier user terms; the last user message's weigh 1
# An unseen CJK character weighs this share of the unseen idf: a Chinese paraphrase (小孩/孩子, 发热/发烧)
# necessarily brings characters no example has, and a character alone is not a word.
UNSEEN_CJK_CHAR_SHARE = 0.3
ANSWER_CACHE_SIZE = 1024
# Requests longer than this (characters of prompt text) are not kept in the answer cache, which so stays
# within ANSWER_CACHE_SIZE times this much text.
ANSWER_CACHE_MAX_CHARS = 4096
# Once no new document can win, at most this many candidates are scored by each remaining list on its own
# (searched in it); more, and all the lists are summed.
FEW_CANDIDATES = 64
# Lists summed with at most this many postings in all are summed in Python: in a server, whose other work keeps
# the CPU caches cold, each numpy call costs more than some hundred dict updates (A/B under wrk: 1.02-1.035x
# the paraphrases a second).
SHORT_POSTINGS = 256
# Documents in all the lists but the longest, at most, for `_decided_by_few` to score them alone.
FEW_OTHERS = 8


class TrainingIndex:
    """The ranking of a fine-tuned model's examples, over its `IndexData` (in memory, or read from storage)."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        summary = data.summary
        self.groups = {False: summary.plain, True: summary.after_tool}
        self.unseen_idf = unseen_idf(summary.documents)
        self._recurring_answers: RecurringMemo[tuple[tuple[tuple[str, str], ...], bool, int | None], Answer] = (
            RecurringMemo(ANSWER_CACHE_SIZE))

    @classmethod
    def build(cls, examples: Iterable[TrainingExample]) -> TrainingIndex:
        """An index held in memory (tests, and small stored indexes once read)."""
        data = MemoryIndexData()
        IndexBuilder(data).add_all(examples)
        return cls(data)

    def __len__(self) -> int:
        return self.data.summary.documents

    @property
    def style(self) -> AnswerStyle:
        return self.data.summary.style

    @property
    def answers(self) -> list[Answer]:
        """Every example's answer in file order (all of them read: for tests and tools)."""
        return self.data.answers()

    # -- answering ---------------------------------------------------------------------------
    def answer(self, request: ReplyRequest) -> Answer:
        """The answer of the example that best matches the request, or the fallback.

        1. Group: when the request ends with a tool (or function) result, examples that answer a tool
           result are tried first, other examples after; otherwise the reverse. Within a group:
        2. Exact: the request's system/developer/user texts, normalised to their terms, equal an
           example's (then its user turns alone, then its last user turn alone) → that example's
           answer, score 1.0; the first such example in file order.
        3. BM25 (k1 = 1.5, b = 0.75, idf = ln(1 + (N − n + 0.5) / (n + 0.5))) over the request's system,
           developer and user terms (terms of the last user message weigh 1, the rest 0.5) against each
           example's prompt text; a term in more than IMPACT_POSTINGS examples weighs only in its impact
           list, the IMPACT_POSTINGS examples where it weighs most (impacts.py). The best example
           (ties → lowest index) is accepted when its *coverage* is at least MIN_COVERAGE. Coverage is
           idf-weighted over the terms that are not function words (STOP_TERMS: English and Chinese) and
           taken from the better-covered side:
           the share of the last user message's distinct terms that the example's prompt contains (a
           word no example contains weighs as much as idf can, n = 0; an unseen CJK character
           UNSEEN_CJK_CHAR_SHARE of that, an unseen CJK pair nothing), or, when above MIN_COVERAGE, the
           share of the example's own question (last user turn) that the request's user messages contain;
           system prompts count on neither side. So a paraphrase that keeps the informative words
           passes ("What is the weather in Tokyo?" for "Weather in Tokyo?"), and a question about
           something the training data never mentions does not, however many common words it shares.
           The answer's `score` is that coverage.
        4. Otherwise the fallback (`source="fallback"`): a fixed phrasing in the training answers'
           language and length (see fallback.py), chosen by the question and the seed.
        """
        parts: list[tuple[str, str]] = []
        for message in request.messages:
            role = message.get("role")
            if role in PROMPT_ROLES:
                parts.append((role, content_text(message.get("content"))))
        last_role = request.messages[-1].get("role") if request.messages else None
        after_tool = last_role in TOOL_RESULT_ROLES
        if sum(len(text) for _, text in parts) > ANSWER_CACHE_MAX_CHARS:
            return self._answer_query(tuple(parts), after_tool, request.seed)
        # Kept by the request's own texts, so a repeated request is not even tokenised again.
        texts = tuple(parts)
        return self._recurring_answers.get((texts, after_tool, request.seed), self._answer_query, texts, after_tool,
                                           request.seed)

    def _answer_query(self, parts: tuple[tuple[str, str], ...], after_tool: bool, seed: int | None) -> Answer:
        query = _Query(parts)
        reading = self.data.reading()
        if reading is None:
            return self._ranked(query, after_tool, seed)
        with reading:
            return self._ranked(query, after_tool, seed)

    def _ranked(self, query: _Query, after_tool: bool, seed: int | None) -> Answer:
        preferred = after_tool if self.groups[after_tool] else not after_tool
        for flag in (preferred, not preferred):
            if not self.groups[flag]:
                continue
            doc = self.data.exact(query.exact_keys(flag))
            if doc is not None:
                return self._matched(doc, 1.0, query, seed)
            stats = self.data.term_stats(query.terms)
            best = self._best(query.weighted_terms, flag, stats)
            if best is not None:
                coverage = self.coverage(best, flag, query.question_terms, query.user_terms, stats)
                if coverage >= MIN_COVERAGE:
                    return self._matched(best, round(coverage, 6), query, seed)
        return Answer(content=self.style.reply(query.question, seed=seed), source="fallback")

    def _matched(self, doc: int, score: float, query: _Query, seed: int | None) -> Answer:
        """Example `doc`'s answer; one that is only calls also gets the text to say when calls are not allowed."""
        answer = self.data.answer(doc)
        fallback = self.style.reply(query.question, seed=seed) if answer.content is None else None
        # The constructor, not `dataclasses.replace` (which inspects the fields on every call: the hot path).
        return Answer(content=answer.content, tool_calls=answer.tool_calls, function_call=answer.function_call,
                      fallback=fallback, source=answer.source, score=score, example=doc)

    def best(self, weighted_terms: Sequence[tuple[str, float]], after_tool: bool) -> int | None:
        """The top BM25 example among those with this `after_tool` flag; None when none shares a term."""
        reading = self.data.reading() or nullcontext()
        with reading:
            return self._best(weighted_terms, after_tool, self.data.term_stats([t for t, _ in weighted_terms]))

    def _best(self, weighted_terms: Sequence[tuple[str, float]], after_tool: bool, stats: TermStats) -> int | None:
        """`best`, given the query terms' statistics: the terms' ranked lists summed in numpy (MaxScore). Each
        list is at most IMPACT_POSTINGS long, so summing one costs some microseconds, where dicts cost a Python
        operation a posting (a Chinese question brings dozens of common terms, characters and pairs).

        Terms are taken in decreasing order of their best possible contribution (`ranking_order`). Once a
        list's best contribution beats all that the remaining terms could give, no document not in the lists
        summed so far can win: when their sums leave one document able to reach the best, it is the answer;
        a few are scored by the remaining lists; many, all lists are summed. Each score is the same additions
        in the same order either way (`np.bincount` adds in input order; x + 0.0 is x), ties going to the
        lowest document, so the result is exactly that of a full ranking.
        """
        order = ranking_order(weighted_terms, stats)
        self.data.read_lists([term for _, term, _ in order], after_tool)
        suffix = [*itertools.accumulate([-bound for bound, _, _ in reversed(order)])][::-1] + [0.0]
        docs, contributions, bests = self._lists_until_closed(order, suffix, after_tool)
        postings = sum(map(len, docs))
        if not postings:
            return None
        if postings <= SHORT_POSTINGS:
            complete = len(docs) == len(order)
            decided = _decided_by_few(docs, contributions, bests, suffix[len(docs)], complete)
            if decided is None:
                decided = _decided_in_python(docs, contributions, suffix[len(docs)], complete)
            if decided is not None:
                return decided
        scores = _summed(docs, contributions)
        leader = int(np.argmax(scores))  # the first of the highest: ties → the lowest document
        if len(docs) == len(order):
            return leader
        top = float(scores[leader])  # argmax and an item: cheaper than max
        contending = scores >= _contending_bound(top, suffix[len(docs)])
        if np.count_nonzero(contending) == 1:
            return leader
        candidates = np.flatnonzero(contending)
        rest = [(*self.data.ranked_arrays(term, after_tool)[:2], q) for _, term, q in order[len(docs):]]
        if len(candidates) > FEW_CANDIDATES:
            return int(np.argmax(_summed([*docs, *(d for d, _, _ in rest)],
                                         [*contributions, *(w if q == 1.0 else q * w for _, w, q in rest)])))
        return _best_candidate(candidates, scores[candidates], rest)

    def _lists_until_closed(self, order: list[tuple[float, str, float]], suffix: list[float], after_tool: bool
                            ) -> tuple[list[npt.NDArray[np.intc]], list[npt.NDArray[np.float64]], list[float]]:
        """The documents, contributions (q × weight) and largest contribution of the lists in `order`, up to the
        first that no document in none of them can win (its best contribution beats all the remaining terms
        could give: `suffix`)."""
        docs: list[npt.NDArray[np.intc]] = []
        contributions: list[npt.NDArray[np.float64]] = []
        bests: list[float] = []
        best_of_one = 0.0  # the largest contribution of one list: the best score is at least that
        for _, term, q in order:
            if best_of_one > suffix[len(docs)] * (1 + 1e-9):
                break
            term_docs, weights, most = self.data.ranked_arrays(term, after_tool)
            docs.append(term_docs)
            contributions.append(weights if q == 1.0 else q * weights)  # x * 1.0 is x
            bests.append(q * most)  # the largest of q × weights: rounding keeps the order
            best_of_one = max(best_of_one, bests[-1])
        return docs, contributions, bests

    def coverage(self, doc: int, after_tool: bool, question_terms: Sequence[str], user_terms: Iterable[str],
                 stats: TermStats) -> float:
        """How well example `doc` and the request overlap, idf-weighted, from the better-covered side.

        The larger of: the share of the question's distinct terms found in the example's prompt
        (weighed by `question_weight`), and, when it is more than MIN_COVERAGE, the share of the
        example's own question (its last user turn) found in the request's user messages. System
        prompts count on neither side: a model's examples often share one, and sending it must not make
        any question about the same topic a match. STOP_TERMS count on neither side either.
        """
        question_terms = [term for term in question_terms if term not in STOP_TERMS]
        asked = sum(map(self.question_weight, question_terms, itertools.repeat(stats)))  # C iterators, same order
        own, known = self.data.question(doc)
        recalled = sum(stats[term][0] for term in own.intersection(user_terms))
        recall = recalled / known if known else 0.0
        # Half of an example's question is not yet that question: "capital of Germany" vs "capital of France".
        recall_share = recall if recall > MIN_COVERAGE else 0.0
        found = self.found_weight(doc, after_tool, question_terms, stats, asked * max(recall_share, MIN_COVERAGE))
        return max(found / asked if asked else 0.0, recall_share)

    def found_weight(self, doc: int, after_tool: bool, question_terms: Sequence[str], stats: TermStats,
                     enough: float) -> float:
        """The idf sum of the question terms that the example's prompt has (a stored index may give less when
        the sum is below `enough`: the coverage does not depend on it then)."""
        return sum(stats[term][0] for term in self.data.in_prompt(doc, after_tool, question_terms) if term in stats)

    def question_weight(self, term: str, stats: TermStats) -> float:
        """A question term's idf; for one no example has, the most idf can be, less for CJK fragments.

        An unseen word names something the training data never mentions. An unseen CJK pair is
        mostly a fragment across two words, and its characters count on their own already.
        """
        known = stats.get(term)
        if known is not None:
            return known[0]
        if not term.isascii() and is_cjk(term):  # isascii first: most unseen terms are English words
            return UNSEEN_CJK_CHAR_SHARE * self.unseen_idf if len(term) == 1 else 0.0
        return self.unseen_idf


def ranking_order(weighted_terms: Iterable[tuple[str, float]], stats: TermStats) -> list[tuple[float, str, float]]:
    """The query terms the index has, by decreasing best possible contribution (ties → term order): the order
    each score is summed in, so every way of ranking adds the same numbers in the same order. Each as (minus
    its best possible contribution, term, query weight)."""
    return sorted([(-q * found[1], term, q) for term, q in weighted_terms if (found := stats.get(term)) is not None])


def _summed(docs: list[npt.NDArray[np.intc]], contributions: list[npt.NDArray[np.float64]]) -> npt.NDArray[np.float64]:
    """Each document's sum of the lists' contributions, in list order, dense up to the highest document ranked
    (8 bytes an example, zeroed in C: a 1M-example index, 8 MB, ~1 ms)."""
    if len(docs) == 1:
        summed = np.bincount(docs[0], contributions[0])
    else:
        summed = np.bincount(np.concatenate(docs), np.concatenate(contributions))
    return cast("npt.NDArray[np.float64]", summed)  # weights given: doubles


def _contending_bound(top: float, remaining: float) -> float:
    """The least score from which a document may still reach the leader's `top` when the lists not summed could
    add `remaining`; the margins cover sums made in another order."""
    return top - remaining * (1 + 1e-9) - abs(top) * 1e-9


def _decided_by_few(docs: list[npt.NDArray[np.intc]], contributions: list[npt.NDArray[np.float64]], bests: list[float],
                    remaining: float, complete: bool) -> int | None:
    """`_decided_in_python`'s answer when every list but the longest holds few documents (FEW_OTHERS in all), as a
    reworded question's rare words do: only those documents are scored (each by the same additions in the same
    order as `_summed`, its absences adding nothing), and any other scores at most the longest list's best
    contribution. None when that ceiling reaches the leader, or another document could still: the sums decide."""
    lengths = [*map(len, docs)]
    longest = lengths.index(max(lengths))
    if sum(lengths) - lengths[longest] > FEW_OTHERS:
        return None
    # Each list as document → contribution, but the longest (None), searched by bisection instead.
    by_doc: list[dict[int, float] | None] = [
        None if position == longest else dict(zip(term_docs.tolist(), weights.tolist(), strict=True))
        for position, (term_docs, weights) in enumerate(zip(docs, contributions, strict=True))]
    long_docs, long_weights = docs[longest].tolist(), contributions[longest]
    top = second = -math.inf
    leader: int | None = None
    for doc in sorted({doc for weights in by_doc if weights is not None for doc in weights}):
        score = 0.0
        for weights in by_doc:
            if weights is None:
                at = bisect.bisect_left(long_docs, doc)
                if at < len(long_docs) and long_docs[at] == doc:
                    score += long_weights.item(at)
            elif (weight := weights.get(doc)) is not None:
                score += weight
        if score > top:  # ascending documents: a tie stays with the lowest
            top, second, leader = score, top, doc
        elif score > second:
            second = score
    ceiling = bests[longest]  # any document not scored here: the longest list's contribution at most
    if leader is None or top <= ceiling:
        return None
    if complete:
        return leader
    bound = _contending_bound(top, remaining)
    if bound <= 0.0 or second >= bound or ceiling >= bound:
        return None
    return leader


def _decided_in_python(docs: list[npt.NDArray[np.intc]], contributions: list[npt.NDArray[np.float64]],
                       remaining: float, complete: bool) -> int | None:
    """`_best`'s answer from a few short lists (not all empty), summed in Python: the same additions in the same
    order as `_summed` (0.0 + x is x), the leader the lowest of the highest, as argmax gives. When documents other
    than the leader could still win (`remaining`: all the lists not summed could add), or any document ranked in no
    list could (the bound is not above 0), None: the arrays decide."""
    lists = [*zip(docs, contributions, strict=True)]
    if len(lists) > 1 and len(lists[1][0]) > len(lists[0][0]):
        lists[0], lists[1] = lists[1], lists[0]  # a + b is b + a: the sums start from the longer of the first two
    first_docs, first_weights = lists[0]
    scores: dict[int, float] = dict(zip(first_docs.tolist(), first_weights.tolist(), strict=True))  # a doc once
    score_of = scores.get
    for term_docs, weights in lists[1:]:
        for doc, weight in zip(term_docs.tolist(), weights.tolist(), strict=True):
            scores[doc] = score_of(doc, 0.0) + weight
    # Scanned by C calls (max, count, index) rather than a Python loop over the documents: one leader is the rule.
    values = [*scores.values()]
    top = max(values)
    if values.count(top) > 1:
        return min([doc for doc, score in scores.items() if score == top]) if complete else None  # several can win
    at = values.index(top)
    leader: int = [*scores][at]
    if complete:
        return leader
    bound = _contending_bound(top, remaining)
    if bound <= 0.0:
        return None
    values[at] = -math.inf
    if len(values) > 1 and max(values) >= bound:  # another document could still reach the leader
        return None
    return leader


def _best_candidate(candidates: npt.NDArray[np.intp], scores: npt.NDArray[np.float64],
                    rest: list[tuple[npt.NDArray[np.intc], npt.NDArray[np.float64], float]]) -> int:
    """The best of a few candidate documents (ascending) given their scores so far, each scored by every
    remaining list (documents, weights, query weight), in order."""
    for term_docs, weights, q in rest:
        if not len(term_docs):
            continue
        at = np.minimum(np.searchsorted(term_docs, candidates), len(term_docs) - 1)
        scores = scores + np.where(term_docs[at] == candidates, q * weights[at], 0.0)  # x + 0.0 is x
    return int(candidates[int(np.argmax(scores))])  # ties → the lowest document


# Texts of requests recur (system prompts above all): the terms of up to TERMS_CACHE_SIZE short texts that came
# back (at most TERMS_CACHE_MAX_CHARS characters) are kept per process.
TERMS_CACHE_SIZE = 1024
TERMS_CACHE_MAX_CHARS = 1024
_RECURRING_TERMS: RecurringMemo[str, list[str]] = RecurringMemo(TERMS_CACHE_SIZE)


def terms_of(text: str) -> list[str]:
    """`indexed_terms(text)`, remembered for short texts that recur (the list is shared: not to be changed)."""
    if len(text) > TERMS_CACHE_MAX_CHARS:
        return indexed_terms(text)
    return _RECURRING_TERMS.get(text, indexed_terms, text)


class _Query:
    """The request's prompt texts as terms: weighted for ranking, the question's, and exact-match keys."""

    def __init__(self, parts: Sequence[tuple[str, str]]) -> None:
        term_lists = [terms_of(text) for _, text in parts]
        self.prompt = [*itertools.chain.from_iterable(term_lists)]
        self.users = [terms for (role, _), terms in zip(parts, term_lists, strict=True) if role == "user"]
        users_text = [text for role, text in parts if role == "user"]
        self.question = users_text[-1] if users_text else (parts[-1][1] if parts else "")
        question_terms = self.users[-1] if self.users else (term_lists[-1] if term_lists else [])
        asked = dict.fromkeys(question_terms, 1.0)
        weights = dict.fromkeys(self.prompt, CONTEXT_WEIGHT)
        weights.update(asked)
        self.weighted_terms = tuple(weights.items())
        self.terms = tuple(weights)
        self.question_terms = tuple(asked)

    @property
    def user_terms(self) -> tuple[str, ...]:
        """The distinct terms of all user messages; only coverage needs them, not an exact match."""
        if len(self.users) == 1:
            return self.question_terms  # the one user message's distinct terms
        return tuple(dict.fromkeys(itertools.chain.from_iterable(self.users)))

    def exact_keys(self, after_tool: bool) -> list[str]:
        return exact_keys(after_tool, self._exact_digests) if self.users else []

    @functools.cached_property
    def _exact_digests(self) -> tuple[str, str, str]:
        """Digested once for both groups of examples."""
        return exact_digests(self.prompt, self.users)
