"""Ids: the real API's shapes, reproducible from a seed, random without one."""

from __future__ import annotations

import multiprocessing
import re
import string
from collections import Counter
from typing import Any

import pytest

from mockserver.core.ids import BASE62, ID_SHAPES, IdFactory, random_text

SHAPES = [
    ("file", r"file-[A-Za-z0-9]{22}"),
    ("upload", r"upload_[A-Za-z0-9]{24}"),
    ("part", r"part_[A-Za-z0-9]{24}"),
    ("job", r"ftjob-[A-Za-z0-9]{24}"),
    ("event", r"ftevent-[A-Za-z0-9]{24}"),
    ("checkpoint", r"ftckpt_[A-Za-z0-9]{24}"),
    ("permission", r"cp_[A-Za-z0-9]{24}"),
    ("chat", r"chatcmpl-[A-Za-z0-9]{29}"),
    ("call", r"call_[A-Za-z0-9]{24}"),
    ("model_suffix", r"[A-Za-z0-9]{8}"),
]


@pytest.mark.parametrize(("kind", "pattern"), SHAPES)
@pytest.mark.parametrize("seed", [None, 7])
def test_new_id_has_real_shape(kind: str, pattern: str, seed: int | None) -> None:
    ids = IdFactory(seed)

    assert all(re.fullmatch(pattern, ids.new(kind)) for _ in range(20))


def test_every_id_kind_has_a_shape_test() -> None:
    assert {kind for kind, _ in SHAPES} <= set(ID_SHAPES)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(KeyError):
        IdFactory(1).new("spaceship")


def test_seeded_factories_reproduce_the_same_sequence() -> None:
    first, second = IdFactory(42), IdFactory(42)

    assert [first.new(kind) for kind, _ in SHAPES] == [second.new(kind) for kind, _ in SHAPES]


def test_different_seeds_give_different_ids() -> None:
    assert IdFactory(1).new("file") != IdFactory(2).new("file")


def test_unseeded_factories_differ() -> None:
    assert IdFactory().new("file") != IdFactory().new("file")


def test_ids_from_one_factory_do_not_repeat() -> None:
    ids = IdFactory(3)

    assert len({ids.new("file") for _ in range(1000)}) == 1000


def test_request_id_is_req_and_32_hex() -> None:
    assert re.fullmatch(r"req_[0-9a-f]{32}", IdFactory.request_id())


def test_request_ids_stay_random_when_seeded() -> None:
    # Health checks and retries must not shift the seeded sequence, so request ids never use it.
    seeded = IdFactory(5)
    seeded.request_id()

    assert seeded.new("file") == IdFactory(5).new("file")
    assert IdFactory.request_id() != IdFactory.request_id()


def test_new_unused_skips_taken_ids() -> None:
    taken = {IdFactory(9).new("file")}

    fresh = IdFactory(9).new_unused("file", taken.__contains__)

    assert fresh not in taken
    assert re.fullmatch(r"file-[A-Za-z0-9]{22}", fresh)


def test_new_unused_returns_first_id_when_free() -> None:
    assert IdFactory(9).new_unused("file", lambda _: False) == IdFactory(9).new("file")


@pytest.mark.parametrize("seed", [None, 11])
def test_integer_stays_in_range(seed: int | None) -> None:
    ids = IdFactory(seed)

    assert all(0 <= ids.integer(10) <= 10 for _ in range(200))


def test_seeded_integers_reproduce() -> None:
    first, second = IdFactory(4), IdFactory(4)

    assert [first.integer(1000) for _ in range(5)] == [second.integer(1000) for _ in range(5)]


def test_unseeded_ids_draw_every_character_of_the_alphabet() -> None:
    ids = IdFactory()

    drawn = "".join(ids.new("chat").removeprefix("chatcmpl-") for _ in range(200))

    assert set(drawn) == set(BASE62)


def test_random_text_draws_characters_equally_often() -> None:
    # 256 bytes are not a multiple of 100 characters: folding the last 56 bytes in would make the first 56
    # characters half as likely again as the others.
    counts = Counter(random_text(string.printable, 100_000))

    assert set(counts) == set(string.printable)
    assert all(abs(count - 1_000) < 150 for count in counts.values())


def _ids_in_child(queue: Any) -> None:
    queue.put((IdFactory().new("chat"), IdFactory.request_id()))


def test_a_forked_process_draws_other_unseeded_ids_than_its_parent() -> None:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_ids_in_child, args=(queue,))
    child.start()
    in_child = queue.get(timeout=30)
    child.join(timeout=30)

    assert in_child != (IdFactory().new("chat"), IdFactory.request_id())
