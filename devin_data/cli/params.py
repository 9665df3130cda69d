"""The values ``devin-data`` options take, checked by click and refused in plain words."""

from __future__ import annotations

import math
import re
from datetime import timedelta
from typing import Any

import click

_OFFSET = re.compile(r"([+-]?)(\d{1,6}(?:\.\d+)?)([smhdw])", re.IGNORECASE)
_PERIOD = re.compile(r"(\d{1,4})([dw])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class Bounded(click.ParamType[float]):
    """A number between two bounds, refused in the words a person expects."""

    name = "number"

    def __init__(self, kind: type[float], low: float, high: float, wanted: str) -> None:
        self.kind, self.low, self.high, self.wanted = kind, low, high, wanted

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            number = self.kind(value)
        except (TypeError, ValueError):
            self.fail(f"not a number: {value!r}", param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"expected {self.wanted}, got {value!r}", param, ctx)
        return number


def parse_offset(text: str) -> timedelta:
    """``-9d``, ``+3h``, ``90m``, ``-30s`` or ``2w`` as a signed duration."""
    match = _OFFSET.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected an offset such as -9d, +3h, 90m or -30s, got {text!r}")
    sign, amount, unit = match.groups()
    delta = timedelta(**{_UNITS[unit.lower()]: float(amount)})
    return -delta if sign == "-" else delta


def period_days(text: str) -> int:
    """``7d`` or ``2w`` as a number of days (at least one)."""
    found = _PERIOD.fullmatch(text.strip().lower())
    if found is None or int(found.group(1)) == 0:
        raise ValueError(f"expected a period such as 7d or 2w, got {text!r}")
    return int(found.group(1)) * (7 if found.group(2) == "w" else 1)


class Period(click.ParamType[str]):
    """The last N days or weeks (``7d``, ``2w``), checked as the command line is read."""

    name = "period"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            period_days(str(value))
        except ValueError as err:
            self.fail(str(err), param, ctx)
        return str(value).strip()


class Offset(click.ParamType[timedelta]):
    """A signed duration such as ``-9d`` (see :func:`parse_offset`)."""

    name = "offset"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> timedelta:
        if isinstance(value, timedelta):
            return value
        try:
            return parse_offset(str(value))
        except ValueError as err:
            self.fail(str(err), param, ctx)


POSITIVE = Bounded(int, 1, math.inf, "a positive integer")
PORT = Bounded(int, 0, 65535, "a port between 0 and 65535")
NON_NEGATIVE = Bounded(float, 0, math.inf, "a number >= 0")
SECONDS = Bounded(float, 0.001, math.inf, "a number of seconds > 0")
SHARE = Bounded(float, 0, 1, "a share between 0 and 1")
OFFSET = Offset()
PERIOD = Period()
# With an enterprise key: the organizations a command reads, each in its own cache scope.
ORG_OPTION = click.option(
    "--org",
    help="enterprise keys: 'all' or organization ids separated by commas, each in its own cache",
)
