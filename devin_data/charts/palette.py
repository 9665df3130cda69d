"""One color map per dimension, shared by every chart so a value keeps its color on every page.

Colors are mid-tone so they read on both the light and the dark theme. Values outside a map (enums
are open sets) get a stable fallback color derived from a checksum of the value, never from
``hash()``, which changes between processes.
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


MISSING_COLOR = "#9aa0a6"

# Sequential: small sessions light, large sessions dark.
SIZE_COLORS = _frozen(
    zip(
        ("xs", "s", "m", "l", "xl"),
        ("#9ecae1", "#6baed6", "#3d8dc8", "#2166ac", "#3b3f9c"),
        strict=True,
    )
)

STATUS_COLORS = _frozen(
    [
        ("new", "#b0b7c3"),
        ("creating", "#a3aab5"),
        ("claimed", "#8c96a8"),
        ("running", "#1f77b4"),
        ("resuming", "#17becf"),
        ("suspended", "#ff7f0e"),
        ("exit", "#2ca02c"),
        ("error", "#d62728"),
    ]
)

_TABLEAU = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
    "#d37295",
    "#b6992d",
    "#499894",
    "#8cd17d",
    "#a0cbe8",
)

ORIGIN_COLORS = _frozen(
    (origin, MISSING_COLOR if origin == "other" else color)
    for origin, color in zip(ORIGINS, _TABLEAU, strict=False)
)
CATEGORY_COLORS = _frozen(
    (category, MISSING_COLOR if category == "other" else color)
    for category, color in zip(CATEGORIES, _TABLEAU, strict=True)
)
SOURCE_COLORS = _frozen([("user", "#f28e2b"), ("devin", "#4e79a7")])

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
    "#6b9ac4",
    "#c48f65",
    "#5f9e6e",
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
