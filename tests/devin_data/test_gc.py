"""The collector pause used around bulk parsing and frame building."""

from __future__ import annotations

import gc

import pytest

from devin_data._gc import gc_paused
from devin_data.frames.sessions import build_sessions_frame


def test_pause_restores_the_collector_even_after_an_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_pause_keeps_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_building_a_frame_leaves_the_collector_on() -> None:
    build_sessions_frame([])
    assert gc.isenabled()
