"""The one presentation of each kind of value, and of its blank."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from devin_data.catalogue import BLANK, ColumnFormat, Unit, change_text, column_format, text
from devin_data.catalogue.coverage import Coverage, whole


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (1234, Unit.COUNT, "1,234"),
        (765.7149, Unit.ACUS, "765.71"),
        (2438.4, Unit.ACUS, "2,438.40"),
        (1721.849, Unit.MONEY, "$1,721.85"),
        (0.679, Unit.SHARE, "67.9%"),
        (0.6053, Unit.SHARE, "60.5%"),
        (0.56, Unit.SHARE, "56.0%"),
        (3.46, Unit.HOURS, "3.5 h"),
        (12.25, Unit.MINUTES, "12.2 min"),
        (2.0, Unit.RATIO, "2.0"),
        (-3.5, Unit.ACUS, "-3.50"),
    ],
)
def test_every_kind_of_value_reads_one_way(value: float, unit: Unit, shown: str) -> None:
    assert text(value, unit) == shown


@pytest.mark.parametrize("blank", [None, float("nan"), pd.NA, math.nan])
def test_a_value_there_is_none_of_is_one_dash(blank: object) -> None:
    for unit in Unit:
        assert text(blank, unit) == BLANK == "—"  # type: ignore[arg-type]


def test_money_carries_its_currency() -> None:
    assert text(10, Unit.MONEY, currency="€") == "€10.00"


def test_a_change_of_a_share_is_in_points() -> None:
    assert change_text(0.184 - 0.192, Unit.SHARE) == "\u22120.8 pp"
    assert change_text(0.012, Unit.SHARE) == "+1.2 pp"
    assert change_text(0.0001, Unit.SHARE) == "0.0 pp"
    assert change_text(1204, Unit.COUNT) == "+1,204"
    assert change_text(None, Unit.ACUS) == BLANK


def test_table_formats_match_the_text() -> None:
    assert column_format(Unit.COUNT) == ColumnFormat("%,d")
    assert column_format(Unit.ACUS) == ColumnFormat("%,.2f")
    assert column_format(Unit.MONEY) == ColumnFormat("$%,.2f")
    share = column_format(Unit.SHARE)
    assert share.format == "percent"
    assert share.step == pytest.approx(0.001)  # three decimals of the fraction: 67.9%
    assert column_format(Unit.HOURS) == ColumnFormat("%,.1f h")


def test_coverage_says_what_it_leaves_out() -> None:
    some = Coverage(1, 435, "messages cached")
    assert not some.full
    assert some.share == pytest.approx(1 / 435)
    assert some.preview
    assert some.note() == "messages cached of 1 of 435 sessions"
    everything = whole(40, "ACUs reported")
    assert everything.full
    assert everything.note() is None
    assert not everything.preview
    assert Coverage(0, 0, "ACUs reported").share is None
    assert Coverage(2, 3, "PR states reported", "pull requests").note() == (
        "PR states reported of 2 of 3 pull requests"
    )
