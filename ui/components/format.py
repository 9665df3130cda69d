"""Formatting for people: labels, numbers, times in the viewer's zone, and safe plain text.

Numbers read as the catalogue writes them (:mod:`devin_data.catalogue.units`): a table column of a
unit gets the matching ``st.column_config`` format here, so tables, cards and sentences agree.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from devin_data import catalogue
from devin_data.catalogue import BLANK, Unit
from devin_data.charts import duration_text as duration
from devin_data.charts import label

__all__ = [
    "duration",
    "label",
    "local_time",
    "measure_column",
    "number",
    "number_column",
    "percent",
    "person_column",
    "plain",
    "share_bar",
]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")
# Said in the help of every column that can be blank, so a "—" is never a riddle.
BLANK_HELP = f"{BLANK} where there is nothing to show"


def plain(text: object) -> str:
    """Text safe for st.markdown: markdown characters and HTML are escaped, nothing renders."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number(value: float | int | None, digits: int = 0) -> str:
    """A plain number with thousands separators, "—" when there is none."""
    return catalogue.text(value, Unit.RATIO, digits=digits)


def percent(value: float | None) -> str:
    """A share, always to one decimal: "67.9%"; "—" when there is none."""
    return catalogue.text(value, Unit.SHARE)


def local_time(value: pd.Timestamp | None, tz: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None or pd.isna(value):
        return BLANK
    return pd.Timestamp(value).tz_convert(tz).strftime(fmt)


def _help(text: str | None, blank: str | None) -> str | None:
    """A column's help: its definition, then why a cell may read "—"."""
    why = f"{BLANK}: {blank}." if blank else None
    return " ".join(part for part in (text, why) if part) or None


def number_column(
    title: str,
    unit: Unit,
    *,
    help: str | None = None,
    blank: str | None = None,
    digits: int | None = None,
    width: Any = None,
) -> Any:
    """A table column of ``unit`` drawn as the catalogue writes it (a share as a percentage to one
    decimal); ``blank`` says why a cell may be empty."""
    shape = catalogue.column_format(unit, digits=digits)
    return st.column_config.NumberColumn(
        title, format=shape.format, step=shape.step, help=_help(help, blank), width=width
    )


def measure_column(key: str, *, title: str | None = None, blank: str | None = None) -> Any:
    """The column of a catalogue measure: its label, unit and definition as help."""
    found = catalogue.measure(key)
    return number_column(
        title or found.label, found.unit, help=found.definition, blank=blank, digits=found.digits
    )


def share_bar(title: str, *, help: str | None = None, blank: str | None = None) -> Any:
    """A share as a bar with its percentage to one decimal."""
    shape = catalogue.column_format(Unit.SHARE)
    return st.column_config.ProgressColumn(
        title,
        format=shape.format,
        step=shape.step,
        min_value=0.0,
        max_value=1.0,
        help=_help(help, blank),
    )


def person_column(title: str = "Person", *, help: str | None = None) -> Any:
    """People by name, else by id; the id is in its own column beside it."""
    text = "Shown by name where the members list gives one, else by user id (in the Id column)."
    return st.column_config.TextColumn(title, help=" ".join(p for p in (help, text) if p))
