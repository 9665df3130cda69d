"""Formatting for people: labels, numbers, times in the viewer's zone, and safe plain text."""

from __future__ import annotations

import re

import pandas as pd

from devin_data.charts import duration_text as duration
from devin_data.charts import label

__all__ = ["duration", "label", "local_time", "number", "percent", "plain"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


def plain(text: object) -> str:
    """Text safe for st.markdown: markdown characters and HTML are escaped, nothing renders."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number(value: float | int | None, digits: int = 0) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.{digits}f}"


def percent(value: float | None, digits: int = 0) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value * 100:.{digits}f}%"


def local_time(value: pd.Timestamp | None, tz: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None or pd.isna(value):
        return "–"
    return pd.Timestamp(value).tz_convert(tz).strftime(fmt)
