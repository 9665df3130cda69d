"""Color maps: one per dimension, stable fallbacks for unknown values."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from devin_data.charts.palette import (
    CATEGORY_COLORS,
    FALLBACK_COLORS,
    MISSING_COLOR,
    ORIGIN_COLORS,
    SIZE_COLORS,
    STATUS_COLORS,
    color_for,
    colors_for,
)
from devin_data.models import CATEGORIES, ORIGINS, SESSION_SIZES, STATUSES


def test_maps_cover_the_known_values_in_order() -> None:
    assert tuple(SIZE_COLORS) == SESSION_SIZES
    assert set(STATUS_COLORS) == set(STATUSES)
    assert tuple(ORIGIN_COLORS) == ORIGINS
    assert tuple(CATEGORY_COLORS) == CATEGORIES


def test_fixed_status_colors() -> None:
    assert STATUS_COLORS["exit"] == "#2ca02c"
    assert STATUS_COLORS["error"] == "#d62728"
    assert STATUS_COLORS["running"] == "#2c81bf"
    assert STATUS_COLORS["suspended"] == "#e36f00"


def test_maps_are_read_only() -> None:
    with pytest.raises(TypeError):
        STATUS_COLORS["exit"] = "#000000"  # type: ignore[index]


def test_known_unknown_and_missing_values() -> None:
    assert color_for("status", "exit") == STATUS_COLORS["exit"]
    assert color_for("status", "zombie") in FALLBACK_COLORS
    assert color_for("status", "zombie") == color_for("status", "zombie")
    assert color_for("no-such-dimension", "x") in FALLBACK_COLORS
    for missing in (None, math.nan, pd.NA):
        assert color_for("origin", missing) == MISSING_COLOR


def test_fallback_is_stable_across_processes() -> None:
    code = "from devin_data.charts.palette import color_for; print(color_for('origin', 'pager'))"
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert other == color_for("origin", "pager")


def test_colors_for_builds_a_map() -> None:
    got = colors_for("session_size", ["xs", "huge"])
    assert got == {"xs": SIZE_COLORS["xs"], "huge": color_for("session_size", "huge")}
