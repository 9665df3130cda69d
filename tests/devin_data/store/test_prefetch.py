"""The read-ahead of the shared table's chunks: every item in order, errors raised to the
caller, and a caller that stops early stops the worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from devin_data.store.shared.prefetch import prefetched


def test_every_item_arrives_in_order() -> None:
    assert list(prefetched(lambda: iter(range(50)))) == list(range(50))


def test_an_error_of_the_source_is_raised_to_the_caller_after_its_items() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise RuntimeError("connection lost")

    seen: list[int] = []
    with pytest.raises(RuntimeError, match="connection lost"):
        seen.extend(prefetched(failing))
    assert seen == [1]


def test_stopping_early_closes_the_source() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            n = 0
            while True:
                yield n
                n += 1
        finally:
            closed.set()

    items = prefetched(endless)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()
    assert closed.wait(5)
