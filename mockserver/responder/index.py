"""A fine-tuned model's memory: its training examples ranked by BM25 against the request's text."""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

import orjson

from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.examples import PROMPT_ROLES, TOOL_RESULT_ROLES, TrainingExample, content_text
from mockserver.responder.fallback import AnswerStyle
from mockserver.responder.terms import is_cjk, lexical_terms, stem

K1 = 1.5
B = 0.75
MIN_COVERAGE = 0.5
CONTEXT_WEIGHT = 0.5  # query weight of system/developer/earlier user terms; the last user message's weigh 1
FORMAT_VERSION = 3  # 2: English terms stemmed
# An unseen CJK character weighs this share of the unseen idf: a Chinese paraphrase (小孩/孩子, 发热/发烧)
# necessarily brings characters no example has, and a character alone is not a word.
UNSEEN_CJK_CHAR_SHARE = 0.3
ANSWER_CACHE_SIZE = 1024
# English function words: in a small training set even these are rare enough to get a high idf, so
# they would let "What is the capital of Germany?" cover "What's the capital of France?". Coverage
# ignores them (ranking does not); a question made only of them covers nothing and falls back.
STOP_WORDS = frozenset("""
a about am an and are as at be been but by can could did do does for from had has have he her him his how i
if in is it its me my no not of on or our please s she so t than that the their them then there these they
this those to us was we were what when where which who whom why will with would you your
""".split())
# Chinese function characters and words (particles, pronouns, question words, 怎么办/怎么回事…): like
# STOP_WORDS, shared by unrelated questions ("今天天气怎么样？") and so ignored by coverage.
CJK_STOP_TERMS = frozenset("办回事做完的了吗呢吧啊呀是在有和与就都也还要会能我你您他她它们这那个么什怎样为不没很太一点"
                           "请问想给把被得地着过又再该应") | frozenset(
    "什么 怎么 怎样 为什么 如何 可以 我们 你们 这个 那个 有点 一下 没有 应该 需要 要不 不要".split())
STOP_TERMS = frozenset(map(stem, STOP_WORDS)) | CJK_STOP_TERMS


class IndexFormatError(ValueError):
    """Bytes that are not a serialised TrainingIndex of this version."""


def _key(kind: str, after_tool: bool, term_lists: Iterable[Sequence[str]]) -> str:
    """An exact-match key: the kind, the flag and a 64-bit digest of the normalised texts (keeps the index small)."""
    text = "\x1f".join(" ".join(terms) for terms in term_lists)
    return f"{kind}{int(after_tool)}:" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _exact_keys(example: TrainingExample) -> list[str]:
    if not example.user_turns:
        return []
    turns = [lexical_terms(text) for text in example.user_turns]
    return [_key("p", example.after_tool, [lexical_terms(example.prompt_text)]),
            _key("u", example.after_tool, turns), _key("l", example.after_tool, turns[-1:])]


class TrainingIndex:
    """Built once per fine-tuned model (`build`), stored as bytes (`to_bytes`), loaded by any worker."""

    def __init__(
        self, *, answers: Sequence[Answer], after_tool: Sequence[bool], lengths: Sequence[int],
        postings: dict[str, list[int]], exact: dict[str, int], style: AnswerStyle, questions: Sequence[Sequence[str]],
    ) -> None:
        self.answers = tuple(answers)
        self.questions = tuple(frozenset(terms) for terms in questions)  # each example's last user turn, as terms
        self.after_tool = tuple(after_tool)
        self.lengths = tuple(lengths)
        self.postings = postings  # term → [doc, tf, doc, tf, …], docs ascending
        self.exact = exact
        self.style = style
        self._prepare()
        self._cached_answer = functools.lru_cache(maxsize=ANSWER_CACHE_SIZE)(self._answer_query)

    # -- building and storing ----------------------------------------------------------------
    @classmethod
    def build(cls, examples: Iterable[TrainingExample]) -> TrainingIndex:
        answers, after_tool, lengths, questions = [], [], [], []
        exact: dict[str, int] = {}
        postings: dict[str, list[int]] = {}
        for doc, example in enumerate(examples):
            answers.append(replace(example.answer, source="training", score=0.0))
            after_tool.append(example.after_tool)
            terms = lexical_terms(example.prompt_text)
            lengths.append(len(terms))
            questions.append(sorted(set(lexical_terms(example.user_turns[-1]) if example.user_turns else terms)))
            for term, tf in Counter(terms).items():
                postings.setdefault(term, []).extend((doc, tf))
            for key in _exact_keys(example):
                exact.setdefault(key, doc)
        style = AnswerStyle.of(answer.content or "" for answer in answers)
        return cls(answers=answers, after_tool=after_tool, lengths=lengths, postings=postings, exact=exact,
                   style=style, questions=questions)

    def to_bytes(self) -> bytes:
        return orjson.dumps({
            "v": FORMAT_VERSION,
            "answers": [[a.content, list(a.tool_calls), a.function_call] for a in self.answers],
            "after_tool": [doc for doc, flag in enumerate(self.after_tool) if flag],
            "lengths": self.lengths, "postings": self.postings, "exact": self.exact,
            "style": self.style.to_dict(), "questions": [sorted(terms) for terms in self.questions],
        })

    @classmethod
    def from_bytes(cls, data: bytes) -> TrainingIndex:
        try:
            raw = orjson.loads(data)
            if raw.get("v") != FORMAT_VERSION:
                raise IndexFormatError(f"Unsupported training index version {raw.get('v')!r}")
            answers = [Answer(content=c, tool_calls=tuple(t), function_call=f, source="training")
                       for c, t, f in raw["answers"]]
            flagged = set(raw["after_tool"])
            return cls(answers=answers, after_tool=[doc in flagged for doc in range(len(answers))],
                       lengths=raw["lengths"], postings=raw["postings"], exact=raw["exact"],
                       style=AnswerStyle(**raw["style"]), questions=raw["questions"])
        except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
            raise IndexFormatError(f"Not a training index: {exc}") from exc

    def __len__(self) -> int:
        return len(self.answers)

    def _prepare(self) -> None:
        """Derived at load time: idf, per-posting BM25 weights, each term's best weight, a forward index."""
        n_docs = len(self.answers)
        average = (sum(self.lengths) / n_docs) if n_docs else 0.0
        norms = [K1 * (1 - B + B * length / average) if average else K1 for length in self.lengths]
        self.idf: dict[str, float] = {}
        self.weights: dict[str, tuple[list[int], list[float]]] = {}
        self.max_weight: dict[str, float] = {}
        self.forward: list[dict[str, float]] = [{} for _ in range(n_docs)]
        for term, flat in self.postings.items():
            idf = math.log(1 + (n_docs - len(flat) / 2 + 0.5) / (len(flat) / 2 + 0.5))
            docs, tfs = flat[0::2], flat[1::2]
            weights = [idf * tf * (K1 + 1) / (tf + norms[doc]) for doc, tf in zip(docs, tfs, strict=True)]
            self.idf[term], self.weights[term], self.max_weight[term] = idf, (docs, weights), max(weights)
            for doc, weight in zip(docs, weights, strict=True):
                self.forward[doc][term] = weight
        self.question_idf = [sum(self.idf[term] for term in terms if term not in STOP_TERMS)
                             for terms in self.questions]
        self.unseen_idf = math.log(1 + (n_docs + 0.5) / 0.5)
        self.groups = {flag: any(f == flag for f in self.after_tool) for flag in (False, True)}

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
           example's prompt text. The best example (ties → lowest index) is accepted when its *coverage*
           is at least MIN_COVERAGE. Coverage is idf-weighted over the terms that are not function
           words (STOP_TERMS: English and Chinese) and taken from the better-covered side:
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
        # Cached on the request's own texts, so a repeated request is not even tokenised again.
        return self._cached_answer(tuple(parts), last_role in TOOL_RESULT_ROLES, request.seed)

    def _answer_query(self, parts: tuple[tuple[str, str], ...], after_tool: bool, seed: int | None) -> Answer:
        query = _Query(parts)
        preferred = after_tool if self.groups[after_tool] else not after_tool
        for flag in (preferred, not preferred):
            if not self.groups[flag]:
                continue
            for key in query.exact_keys(flag):
                if key in self.exact:
                    return self._matched(self.exact[key], 1.0, query, seed)
            best = self.best(query.weighted_terms, flag)
            if best is not None:
                coverage = self.coverage(best, query.question_terms, query.user_terms)
                if coverage >= MIN_COVERAGE:
                    return self._matched(best, round(coverage, 6), query, seed)
        return Answer(content=self.style.reply(query.question, seed=seed), source="fallback")

    def _matched(self, doc: int, score: float, query: _Query, seed: int | None) -> Answer:
        """Example `doc`'s answer; one that is only calls also gets the text to say when calls are not allowed."""
        answer = self.answers[doc]
        fallback = self.style.reply(query.question, seed=seed) if answer.content is None else None
        return replace(answer, score=score, fallback=fallback, example=doc)

    def best(self, weighted_terms: Sequence[tuple[str, float]], after_tool: bool) -> int | None:
        """The top BM25 example among those with this `after_tool` flag; None when none shares a term.

        Terms are taken in decreasing order of their best possible contribution (MaxScore): once
        the best partial score beats all that the remaining terms could give, documents not seen
        yet cannot win, and only the seen ones that still could are completed from the forward
        index. Each score is summed in the same term order either way, so the result is exactly
        that of a full ranking.
        """
        known = sorted(((t, w) for t, w in weighted_terms if t in self.weights),
                       key=lambda item: (-item[1] * self.max_weight[item[0]], item[0]))
        bounds = [w * self.max_weight[t] for t, w in known]
        scores, position = self._accumulate(known, bounds, after_tool)
        if not scores:
            return None
        return self._complete(scores, known[position:], bounds[position:])

    def _complete(self, scores: dict[int, float], rest: Sequence[tuple[str, float]],
                  bounds: Sequence[float]) -> int:
        """Add the remaining terms, dropping documents that can no longer reach the top; the winner."""
        suffix = [*itertools.accumulate(reversed(bounds))][::-1] + [0.0]
        alive = list(scores)
        for position, (term, q) in enumerate(rest):
            top = max(scores[doc] for doc in alive)
            alive = [doc for doc in alive if scores[doc] + suffix[position] * (1 + 1e-9) >= top]
            if len(alive) == 1:
                break
            for doc in alive:
                scores[doc] += q * self.forward[doc].get(term, 0.0)
        return min(alive, key=lambda doc: (-scores[doc], doc))

    def _accumulate(
        self, known: Sequence[tuple[str, float]], bounds: Sequence[float], after_tool: bool
    ) -> tuple[dict[int, float], int]:
        """Partial scores over the postings of the leading terms, and how many terms were used."""
        flags, check = self.after_tool, self.groups[not after_tool]
        suffix = [*itertools.accumulate(reversed(bounds))][::-1] + [0.0]
        scores: dict[int, float] = {}
        top = 0.0
        for position, (term, q) in enumerate(known):
            if top > suffix[position] * (1 + 1e-9):
                return scores, position
            docs, weights = self.weights[term]
            for doc, weight in zip(docs, weights, strict=True):
                if check and flags[doc] != after_tool:
                    continue
                score = scores[doc] = scores.get(doc, 0.0) + q * weight
                if score > top:
                    top = score
        return scores, len(known)

    def coverage(self, doc: int, question_terms: Sequence[str], user_terms: Iterable[str]) -> float:
        """How well example `doc` and the request overlap, idf-weighted, from the better-covered side.

        The larger of: the share of the question's distinct terms found in the example's prompt
        (weighed by `question_weight`), and, when it is more than MIN_COVERAGE, the share of the
        example's own question (its last user turn) found in the request's user messages. System
        prompts count on neither side: a model's examples often share one, and sending it must not make
        any question about the same topic a match. STOP_TERMS count on neither side either.
        """
        forward = self.forward[doc]
        question_terms = [term for term in question_terms if term not in STOP_TERMS]
        asked = sum(map(self.question_weight, question_terms))
        found = sum(self.idf[term] for term in question_terms if term in forward)
        own, known = self.questions[doc], self.question_idf[doc]
        recalled = sum(self.idf[term] for term in set(user_terms) if term in own and term not in STOP_TERMS)
        recall = recalled / known if known else 0.0
        # Half of an example's question is not yet that question: "capital of Germany" vs "capital of France".
        return max(found / asked if asked else 0.0, recall if recall > MIN_COVERAGE else 0.0)

    def question_weight(self, term: str) -> float:
        """A question term's idf; for one no example has, the most idf can be, less for CJK fragments.

        An unseen word names something the training data never mentions. An unseen CJK pair is
        mostly a fragment across two words, and its characters count on their own already.
        """
        idf = self.idf.get(term)
        if idf is not None:
            return idf
        if not term.isascii() and is_cjk(term):  # isascii first: most unseen terms are English words
            return UNSEEN_CJK_CHAR_SHARE * self.unseen_idf if len(term) == 1 else 0.0
        return self.unseen_idf


class _Query:
    """The request's prompt texts as terms: weighted for ranking, the question's, and exact-match keys."""

    def __init__(self, parts: Sequence[tuple[str, str]]) -> None:
        term_lists = [lexical_terms(text) for _, text in parts]
        self.prompt = [term for terms in term_lists for term in terms]
        self.users = [terms for (role, _), terms in zip(parts, term_lists, strict=True) if role == "user"]
        users_text = [text for role, text in parts if role == "user"]
        self.question = users_text[-1] if users_text else (parts[-1][1] if parts else "")
        question_terms = self.users[-1] if self.users else (term_lists[-1] if term_lists else [])
        weights: dict[str, float] = {}
        for terms in term_lists:
            weights.update(dict.fromkeys(terms, CONTEXT_WEIGHT))
        weights.update(dict.fromkeys(question_terms, 1.0))
        self.weighted_terms = tuple(weights.items())
        self.question_terms = tuple(dict.fromkeys(question_terms))

    @property
    def user_terms(self) -> tuple[str, ...]:
        """The distinct terms of all user messages; only coverage needs them, not an exact match."""
        return tuple(dict.fromkeys(term for terms in self.users for term in terms))

    def exact_keys(self, after_tool: bool) -> list[str]:
        if not self.users:
            return []
        return [_key("p", after_tool, [self.prompt]), _key("u", after_tool, self.users),
                _key("l", after_tool, self.users[-1:])]
