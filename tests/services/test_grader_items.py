"""An RFT job's first training items for its reward curve: read with a bounded line length."""

from __future__ import annotations

import io
import json

from mockserver.services.graders import MAX_ITEM_LINE, first_items


class BoundedReader(io.BytesIO):
    """A file whose every read must be bounded; it records the largest piece it handed out."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest = 0

    def readline(self, size: int | None = -1) -> bytes:
        assert size is not None and size >= 0, "a line read without a bound"
        return self._seen(super().readline(size))

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and size >= 0, "a read without a bound"
        return self._seen(super().read(size))

    def __next__(self) -> bytes:
        raise AssertionError("iterated whole lines")

    def _seen(self, piece: bytes) -> bytes:
        self.largest = max(self.largest, len(piece))
        return piece


def lines(*items: object) -> bytes:
    return b"".join(json.dumps(item).encode() + b"\n" for item in items)


def test_a_huge_first_line_is_skipped_without_being_read_whole() -> None:
    huge = json.dumps({"input": "word " * (MAX_ITEM_LINE // 2)}).encode() + b"\n"  # ~2.5 MiB
    reader = BoundedReader(huge + lines({"answer": "a"}, {"answer": "b"}))

    assert first_items(reader) == [{"answer": "a"}, {"answer": "b"}]
    assert reader.largest <= MAX_ITEM_LINE + 1 < len(huge)


def test_first_items_skip_blank_broken_and_non_object_lines_and_stop_at_the_limit() -> None:
    data = b"\n" + b"{broken\n" + b"[1, 2]\n" + lines(*({"n": n} for n in range(5)))

    assert first_items(BoundedReader(data), limit=3) == [{"n": 0}, {"n": 1}, {"n": 2}]


def test_a_line_just_at_the_bound_is_kept_and_one_just_over_it_is_skipped_alone() -> None:
    def item_of_length(length: int) -> bytes:  # the line's length, its newline included
        padding = length - len(b'{"p": ""}\n')
        return b'{"p": "' + b"x" * padding + b'"}\n'

    at_bound, over = item_of_length(MAX_ITEM_LINE), item_of_length(MAX_ITEM_LINE + 1)
    found = first_items(BoundedReader(at_bound + over + lines({"n": 1})))

    assert [len(item["p"]) for item in found[:1]] == [len(at_bound) - len(b'{"p": ""}\n')]
    assert found[1:] == [{"n": 1}]
