"""One color map per dimension, shared by every chart so a value keeps its color on every page.

Every color is a mid-tone with a WCAG contrast ratio of at least 3 against both Streamlit's light
(``#ffffff``) and dark (``#171614``) backgrounds, so a mark reads in either theme. Values outside a
map (enums are open sets) get a stable fallback color derived from a checksum of the value, never
from ``hash()``, which changes between processes.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import pandas as pd

from devin_data.models import CATEGORIES, ORIGINS


def _frozen(pairs: Iterable[tuple[str, str]]) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


MISSING_COLOR = "#8b9096"
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#171614"

# Sequential: small sessions light and cyan, large sessions dark and indigo.
SIZE_COLORS = _frozen(
    zip(
        ("xs", "s", "m", "l", "xl"),
        ("#00a0bb", "#0091c3", "#357fc5", "#4c6ebe", "#5c5eb2"),
        strict=True,
    )
)

STATUS_COLORS = _frozen(
    [
        ("new", "#89909c"),
        ("creating", "#737c8e"),
        ("claimed", "#5f6a82"),
        ("running", "#2c81bf"),
        ("resuming", "#009fae"),
        ("suspended", "#e36f00"),
        ("exit", "#2ca02c"),
        ("error", "#d62728"),
    ]
)

# Tableau 10/20 hues, darkened or replaced where they fell below contrast 3 on white.
_TABLEAU = (
    "#4e79a7",
    "#d77700",
    "#e15759",
    "#bd5833",
    "#58a04e",
    "#ac8d00",
    "#b07aa1",
    "#00906d",
    "#9c755f",
    "#7f7fd5",
    "#d27194",
    "#949500",
    "#499894",
    "#9467bd",
    "#6b95b0",
)

ORIGIN_COLORS = _frozen(
    (origin, MISSING_COLOR if origin == "other" else color)
    for origin, color in zip(ORIGINS, _TABLEAU, strict=False)
)
CATEGORY_COLORS = _frozen(
    (category, MISSING_COLOR if category == "other" else color)
    for category, color in zip(CATEGORIES, _TABLEAU, strict=True)
)
SOURCE_COLORS = _frozen([("user", "#d77700"), ("devin", "#4e79a7")])

# A heatmap's empty cells are a faint translucent grey and its busiest a full mid-tone blue, so the
# grid takes the colour of whichever background it sits on instead of being a white block.
HEATMAP_SCALE: tuple[tuple[float, str], ...] = (
    (0.0, "rgba(139,144,150,0.15)"),
    (1.0, STATUS_COLORS["running"]),
)

COLOR_MAPS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "session_size": SIZE_COLORS,
        "status": STATUS_COLORS,
        "origin": ORIGIN_COLORS,
        "category": CATEGORY_COLORS,
        "source": SOURCE_COLORS,
    }
)

FALLBACK_COLORS = (
    "#8e6c8a",
    "#6594be",
    "#b9855b",
    "#5e9d6d",
    "#b55d60",
    "#857aab",
    "#8d8d5a",
    "#c9739a",
)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def color_for(dimension: str, value: object) -> str:
    """The color of ``value`` in ``dimension``: from its map, else a stable fallback."""
    if _is_missing(value):
        return MISSING_COLOR
    text = str(value)
    known = COLOR_MAPS.get(dimension, {})
    if text in known:
        return known[text]
    checksum = zlib.crc32(f"{dimension}\x00{text}".encode())
    return FALLBACK_COLORS[checksum % len(FALLBACK_COLORS)]


def colors_for(dimension: str, values: Iterable[object]) -> dict[str, str]:
    """A color map covering ``values`` (known colors first, fallbacks for the rest)."""
    return {str(value): color_for(dimension, value) for value in values}
