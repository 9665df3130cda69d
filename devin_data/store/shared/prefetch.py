"""Run a generator one step ahead on a thread of its own, so fetching the next chunk from the
database overlaps with the caller's work on the current one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()
_AHEAD = 2  # chunks held in memory at most besides the caller's


def prefetched(source: Callable[[], Iterator[T]]) -> Iterator[T]:
    """The items of ``source()``, produced on a worker thread; its error is raised here, and a
    caller that stops early stops the worker at its next item."""
    items: queue.Queue[object] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in source():
                if not put(item):
                    return
        except BaseException as exc:  # handed to the caller, who raises it
            put(_Failed(exc))
            return
        put(_DONE)

    threading.Thread(target=work, name="devin-prefetch", daemon=True).start()
    try:
        while True:
            item = items.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error
