"""Every mark color reads on both of the app's backgrounds (WCAG contrast ratio 3 or more)."""

from __future__ import annotations

import pytest
from coloraide import Color

from devin_data.charts.insights import IMPACT_COLORS
from devin_data.charts.outcomes import SHARE_COLOR, SPARE_COLORS
from devin_data.charts.palette import (
    COLOR_MAPS,
    DARK_BACKGROUND,
    FALLBACK_COLORS,
    HEATMAP_SCALE,
    LIGHT_BACKGROUND,
    MISSING_COLOR,
    SIZE_COLORS,
)
from devin_data.charts.session import WAIT_COLOR
from devin_data.charts.style import DEFAULT_COLOR

MARKS = {
    **{
        f"{dimension}:{value}": color
        for dimension, m in COLOR_MAPS.items()
        for value, color in m.items()
    },
    **{f"fallback:{i}": color for i, color in enumerate(FALLBACK_COLORS)},
    **{f"impact:{value}": color for value, color in IMPACT_COLORS.items()},
    "missing": MISSING_COLOR,
    "default": DEFAULT_COLOR,
    "wait": WAIT_COLOR,
    "share with a merged PR": SHARE_COLOR,
    **{f"outcome:{i}": color for i, color in enumerate(SPARE_COLORS)},
    "heatmap:busiest": HEATMAP_SCALE[-1][1],
}


def _contrast(color: str, background: str) -> float:
    return float(Color(color).contrast(Color(background), method="wcag21"))


@pytest.mark.parametrize("name", sorted(MARKS))
@pytest.mark.parametrize("background", [LIGHT_BACKGROUND, DARK_BACKGROUND])
def test_mark_color_reads_on_both_backgrounds(name: str, background: str) -> None:
    assert _contrast(MARKS[name], background) >= 3, (name, MARKS[name], background)


def test_the_backgrounds_are_streamlits_light_and_dark() -> None:
    assert Color(LIGHT_BACKGROUND).luminance() > 0.9
    assert Color(DARK_BACKGROUND).luminance() < 0.02


def test_size_colors_step_from_light_to_dark_on_a_light_background() -> None:
    ratios = [_contrast(color, LIGHT_BACKGROUND) for color in SIZE_COLORS.values()]
    assert ratios == sorted(ratios)
    assert len(set(SIZE_COLORS.values())) == len(SIZE_COLORS)


def test_colors_of_one_dimension_are_told_apart() -> None:
    for dimension, colors in COLOR_MAPS.items():
        shown = [c for v, c in colors.items() if v != "other"]
        for i, first in enumerate(shown):
            for second in shown[i + 1 :]:
                assert Color(first).delta_e(second, method="2000") > 5, (dimension, first, second)


def test_heatmap_scale_starts_translucent_rather_than_white() -> None:
    start = Color(HEATMAP_SCALE[0][1])
    assert start.alpha() < 0.5
    assert start.luminance() < 0.5  # grey, not white, under the transparency
    assert [stop for stop, _ in HEATMAP_SCALE] == sorted(stop for stop, _ in HEATMAP_SCALE)
    assert (HEATMAP_SCALE[0][0], HEATMAP_SCALE[-1][0]) == (0.0, 1.0)
