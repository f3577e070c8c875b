"""The fallback of a fine-tuned model: a stable reply in its training answers' language and length."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from mockserver.responder.terms import CJK_RANGES, cjk_count, cjk_share

# Answers shorter than this many characters (median) get a short fallback; longer ones a long one.
SHORT_MAX_CHARS = 60
GIST_WORDS = 8
GIST_CJK_CHARS = 16
_TRAILING = "?？。.!！,，、:：;； "
# A Latin word or a number, with its inner separators: "150/95", "38.5", "TI-RADS".
_LATIN_TOKEN = re.compile(f"[^\\W_{CJK_RANGES}]+(?:[./,:-][^\\W_{CJK_RANGES}]+)*")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

# Phrasings by language and size; `{gist}` is the start of the last user message.
PHRASINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "short": ("I'm not sure about that.", "I don't know that one.", "No idea, sorry."),
        "long": (
            'I don\'t have a reliable answer to "{gist}". Could you add a little more detail?',
            'That is outside what I know well, so I would rather not guess about "{gist}".',
            'I can\'t answer "{gist}" with confidence. Try rephrasing it or asking something related.',
        ),
    },
    "zh": {
        "short": ("这个我不太确定。", "这个问题我回答不了。", "抱歉，我不清楚。"),
        "long": (
            "关于“{gist}”，我目前没有足够的信息给出准确的回答。建议您补充更多细节，或咨询相关专业人士。",
            "“{gist}”这个问题超出了我能可靠回答的范围，请提供更多信息后再试。",
            "抱歉，我无法确定“{gist}”的答案。如有需要，请向专业人士进一步咨询。",
        ),
    },
    "ja": {
        "short": ("よくわかりません。", "それはお答えできません。", "すみません、わかりません。"),
        "long": (
            "「{gist}」について、正確にお答えできるだけの情報がありません。もう少し詳しく教えてください。",
            "「{gist}」は私が確実にお答えできる範囲を超えています。",
            "申し訳ありませんが、「{gist}」にはお答えできません。",
        ),
    },
    "ko": {
        "short": ("잘 모르겠습니다.", "그건 답하기 어렵습니다.", "죄송하지만 모르겠습니다."),
        "long": (
            "'{gist}'에 대해서는 정확히 답할 만큼의 정보가 없습니다. 조금 더 자세히 알려 주세요.",
            "'{gist}'은(는) 제가 확실히 답할 수 있는 범위를 벗어납니다.",
            "죄송하지만 '{gist}'에 대한 답을 확신할 수 없습니다.",
        ),
    },
}


@dataclass(frozen=True)
class AnswerStyle:
    """What the training answers look like: language, median length, shared leading/trailing whitespace."""

    language: str = "en"
    median_chars: int = 0
    lead: str = ""
    trail: str = ""

    @classmethod
    def of(cls, contents: Iterable[str]) -> AnswerStyle:
        tally = StyleTally()
        for text in contents:
            tally.add(text)
        return tally.style()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def reply(self, question: str, *, seed: int | None) -> str:
        """The fallback for `question` (the last user message): the same question and seed, the same text."""
        size = "short" if self.median_chars < SHORT_MAX_CHARS else "long"
        phrasings = PHRASINGS.get(self.language, PHRASINGS["en"])[size]
        digest = hashlib.sha256(f"{seed}:{question}".encode()).digest()
        template = phrasings[digest[0] % len(phrasings)]
        return self.lead + template.format(gist=gist(question)) + self.trail


def language_of(text: str) -> str:
    """`zh`, `ja` or `ko` when most letters are CJK (kana → Japanese, mostly Hangul → Korean), else `en`."""
    return LetterCounts.of(text).language()


@dataclass(frozen=True)
class LetterCounts:
    """What `language_of` looks at in a text; counts of texts joined by one space add up."""

    chars: int = 0
    letters: int = 0  # letters and digits
    cjk: int = 0
    kana: int = 0
    hangul: int = 0

    @classmethod
    def of(cls, text: str) -> LetterCounts:
        letters = sum(map(str.isalnum, text))
        if text.isascii():  # no CJK, kana or Hangul possible
            return cls(len(text), letters)
        return cls(len(text), letters, cjk_count(text), len(_KANA.findall(text)), len(_HANGUL.findall(text)))

    def joined(self, other: LetterCounts) -> LetterCounts:
        """The counts of this text, a space and the other text."""
        return LetterCounts(self.chars + 1 + other.chars, self.letters + other.letters, self.cjk + other.cjk,
                            self.kana + other.kana, self.hangul + other.hangul)

    def language(self) -> str:
        if not self.letters or self.cjk / self.letters < 0.5:
            return "en"
        if self.kana * 10 > self.chars:
            return "ja"
        return "ko" if self.hangul * 2 > self.chars else "zh"


class StyleTally:
    """`AnswerStyle.of`, one answer at a time: it keeps counts, never the texts, so any number of answers fits."""

    def __init__(self) -> None:
        self.letters: LetterCounts | None = None
        self.lengths: Counter[int] = Counter()  # stripped length → answers; few distinct values
        self.leads: Counter[str] = Counter()
        self.trails: Counter[str] = Counter()

    def add(self, text: str) -> None:
        if not text.strip():
            return
        counts = LetterCounts.of(text)
        self.letters = counts if self.letters is None else self.letters.joined(counts)
        self.lengths[len(text.strip())] += 1
        self.leads[re.match(r"\s*", text).group()] += 1  # type: ignore[union-attr]
        self.trails[re.search(r"\s*$", text).group()] += 1  # type: ignore[union-attr]

    def style(self) -> AnswerStyle:
        if self.letters is None:
            return AnswerStyle()
        return AnswerStyle(language=self.letters.language(), median_chars=round(_median(self.lengths)),
                           lead=_majority(self.leads), trail=_majority(self.trails))


def gist(question: str) -> str:
    """The start of a question, short enough to quote back: a few words, or a few CJK characters.

    Cut only between words, and never inside a number or a Latin word even in CJK text ("是150",
    not "是15"); "…" marks a cut. The question's own script decides, not the model's language.
    """
    text = " ".join(question.split())
    if cjk_share(text) >= 0.5:
        cut = _cjk_cut(text, GIST_CJK_CHARS)
    else:
        words = text.split(" ")
        cut = len(" ".join(words[:GIST_WORDS]))
    short = text[:cut].rstrip(_TRAILING) + ("…" if cut < len(text) else "")
    return short or "…"


def _cjk_cut(text: str, limit: int) -> int:
    """Where to cut a CJK text near `limit`: before a Latin word or number that `limit` falls inside."""
    for match in _LATIN_TOKEN.finditer(text):
        if match.start() < limit < match.end():
            return match.start()
    return min(limit, len(text))


def _median(counts: Counter[int]) -> float:
    """`statistics.median` of the values counted."""
    total = sum(counts.values())
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while middle and middle[0] < seen:
            middle.pop(0)
            found.append(value)
    return found[0] if found[0] == found[1] else (found[0] + found[1]) / 2


def _majority(counts: Counter[str]) -> str:
    total = sum(counts.values())
    value, count = counts.most_common(1)[0]
    return value if count * 2 >= total else ""
