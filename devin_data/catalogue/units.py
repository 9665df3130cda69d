"""The one presentation of each kind of value: counts, ACUs, money, shares, times and ratios.

Every table, card, chart, download and sentence turns a number into text here, so one value reads
the same everywhere: thousands separators, ACUs to two decimals, money with its currency, shares
always to one decimal, a change of a share in percentage points, and one blank ("—").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

BLANK: Final = "—"
NOT_AVAILABLE: Final = "not available"
MINUS: Final = "\u2212"  # the typographic minus of a change read by people


class Unit(StrEnum):
    """What a number is, which decides how it reads."""

    COUNT = "count"
    ACUS = "acus"
    MONEY = "money"
    SHARE = "share"  # a fraction: 0.679 reads "67.9%"
    HOURS = "hours"
    MINUTES = "minutes"
    DAYS = "days"
    RATIO = "ratio"  # a plain quotient, e.g. user messages per session


# Decimals shown of each unit; a measure may ask for others (a median of counts reads 1 decimal).
DIGITS: Final[dict[Unit, int]] = {
    Unit.COUNT: 0,
    Unit.ACUS: 2,
    Unit.MONEY: 2,
    Unit.SHARE: 1,
    Unit.HOURS: 1,
    Unit.MINUTES: 1,
    Unit.DAYS: 1,
    Unit.RATIO: 1,
}
_SUFFIX: Final[dict[Unit, str]] = {Unit.HOURS: " h", Unit.MINUTES: " min", Unit.DAYS: " d"}


def is_blank(value: object) -> bool:
    """True for None, NaN and pandas' NA: a value there is none of."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except TypeError:  # pandas.NA and other markers of nothing refuse float()
        return True


def text(
    value: float | int | None,
    unit: Unit,
    *,
    currency: str = "$",
    digits: int | None = None,
) -> str:
    """``value`` as people read it: "1,234", "765.71", "$1,721.85", "67.9%", "3.5 h"; else "—"."""
    if is_blank(value):
        return BLANK
    places = DIGITS[unit] if digits is None else digits
    number = float(value)  # type: ignore[arg-type]
    if unit is Unit.SHARE:
        return f"{number * 100:,.{places}f}%"
    shown = f"{abs(number):,.{places}f}"
    sign = "-" if number < 0 and float(shown.replace(",", "")) else ""
    if unit is Unit.MONEY:
        return f"{sign}{currency}{shown}"
    return f"{sign}{shown}{_SUFFIX.get(unit, '')}"


def change_text(delta: float | None, unit: Unit, *, digits: int | None = None) -> str:
    """A change as people read it: a share's in percentage points ("−0.8 pp"), others in the unit
    ("+1,204", "−3.50"); "—" when there is none."""
    if is_blank(delta):
        return BLANK
    places = DIGITS[unit] if digits is None else digits
    amount = float(delta) * (100 if unit is Unit.SHARE else 1)  # type: ignore[arg-type]
    shown = f"{abs(amount):,.{places}f}"
    sign = "+" if amount > 0 else MINUS if amount < 0 else ""
    if not float(shown.replace(",", "")):
        sign = ""
    return f"{sign}{shown} pp" if unit is Unit.SHARE else f"{sign}{shown}{_SUFFIX.get(unit, '')}"


def unavailable(reason: str) -> str:
    """A figure the data cannot give, with why: "not available (not reported by the v1 API…)"."""
    return f"{NOT_AVAILABLE} ({reason})"


@dataclass(frozen=True)
class ColumnFormat:
    """How a table column of a unit is drawn, independent of Streamlit: a printf-style or named
    number format and the step whose decimals the named formats keep."""

    format: str
    step: float | None = None


def column_format(unit: Unit, *, currency: str = "$", digits: int | None = None) -> ColumnFormat:
    """The table format of ``unit``, matching :func:`text` (a share: "percent" to one decimal)."""
    places = DIGITS[unit] if digits is None else digits
    if unit is Unit.SHARE:
        # The named percent format keeps (decimals of the step − 2) decimals of the percentage.
        return ColumnFormat("percent", step=10.0 ** -(places + 2))
    if unit is Unit.COUNT and places == 0:
        return ColumnFormat("%,d")
    body = f"%,.{places}f"
    if unit is Unit.MONEY:
        return ColumnFormat(currency.replace("%", "%%") + body)
    return ColumnFormat(body + _SUFFIX.get(unit, ""))
