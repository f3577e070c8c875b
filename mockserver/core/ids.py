"""Id factory: OpenAI-shaped ids (`file-…`, `ftjob-…`, `req_…`), random or reproducible from a seed."""

from __future__ import annotations

import functools
import os
import random
import secrets
import string
import threading
from collections.abc import Callable

BASE62 = string.ascii_letters + string.digits

# Prefix and random-part length of each kind of object, as the real API shapes them.
ID_SHAPES: dict[str, tuple[str, int]] = {
    "file": ("file-", 22),
    "upload": ("upload_", 24),
    "part": ("part_", 24),
    "job": ("ftjob-", 24),
    "event": ("ftevent-", 24),
    "checkpoint": ("ftckpt_", 24),
    "permission": ("cp_", 24),
    "chat": ("chatcmpl-", 29),
    "completion": ("cmpl-", 29),
    "call": ("call_", 24),
    "response": ("resp_", 48),
    "message": ("msg_", 48),
    "function_call": ("fc_", 48),
    "function_call_output": ("fco_", 48),
    "model_suffix": ("", 8),
    "salt": ("", 32),
    "project": ("proj_", 24),
    "batch": ("batch_", 32),
    "batch_request": ("batch_req_", 32),
    "request_id": ("req_", 32),
}


@functools.cache
def _byte_tables(alphabet: str) -> tuple[bytes, bytes]:
    """For `bytes.translate`: byte b → alphabet[b % n] for the bytes below the largest multiple of n; those
    above are deleted (so every character is equally likely)."""
    kept = 256 - 256 % len(alphabet)
    table = bytes(ord(alphabet[byte % len(alphabet)]) if byte < kept else 0 for byte in range(256))
    return table, bytes(range(kept, 256))


# Unseeded ids come from one generator per process, seeded by the OS (again in a forked child): ids must be
# unique, not secret, and a system call for each one cost more than the rest of a small request's id work.
_UNSEEDED = random.Random()
os.register_at_fork(after_in_child=_UNSEEDED.seed)


def random_text(alphabet: str, length: int) -> str:
    """`length` characters drawn uniformly from an ASCII `alphabet` of at most 256, from the unseeded generator.

    Rejection sampling over random bytes, done by `bytes.translate` in a few C calls: a character at a time in
    Python costs more than the rest of a small request's id work.
    """
    table, rejected = _byte_tables(alphabet)
    text = ""
    while len(text) < length:
        text += _UNSEEDED.randbytes(length + 8).translate(table, rejected).decode("ascii")
    return text[:length]


class IdFactory:
    """Makes ids. With a seed the sequence is reproducible; without, it is random (seeded by the OS)."""

    def __init__(self, seed: int | None = None) -> None:
        self._seed = seed
        self._rng: random.Random | None = random.Random(seed) if seed is not None else None
        self._lock = threading.Lock()

    def reseed(self) -> None:
        """Start the seeded sequence over (a full reset makes the server answer like a fresh one)."""
        if self._seed is not None:
            with self._lock:
                self._rng = random.Random(self._seed)

    def _choices(self, alphabet: str, length: int) -> str:
        if self._rng is None:
            return random_text(alphabet, length)
        with self._lock:
            return "".join(self._rng.choice(alphabet) for _ in range(length))

    def new(self, kind: str) -> str:
        """A fresh id of the given kind (a key of ID_SHAPES)."""
        prefix, length = ID_SHAPES[kind]
        return prefix + self._choices(BASE62, length)

    def integer(self, upper: int) -> int:
        """A number in [0, upper], e.g. a job's seed when the caller gives none."""
        if self._rng is None:
            return secrets.randbelow(upper + 1)
        with self._lock:
            return self._rng.randint(0, upper)

    def new_unused(self, kind: str, is_taken: Callable[[str], bool]) -> str:
        """A fresh id that no stored object has. A seeded sequence starts over when the server
        restarts, but the data dir keeps the objects made with it."""
        while True:
            candidate = self.new(kind)
            if not is_taken(candidate):
                return candidate

    @staticmethod
    def request_id() -> str:
        """Request ids stay random even when seeded: health checks and retries must not shift the seed."""
        return f"req_{_UNSEEDED.getrandbits(128):032x}"
