"""Pausing Python's cyclic garbage collector around bulk work on acyclic data."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many small acyclic objects (parsed JSON, rows).

    With ~100k records alive, each automatic collection rescans the whole heap; parsing or
    reshaping them would otherwise spend most of its time in the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
