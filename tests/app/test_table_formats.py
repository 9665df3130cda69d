"""Every table of Overview, People, Sessions and Spend draws its numbers as the catalogue writes
them: thousands separators, ACUs and money to two decimals, shares to one decimal, "—" for a blank.

The grid draws its cells on a canvas, so the formats are read from what the page sends it."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from apptest_helpers import run_page

from devin_data.catalogue import BLANK, Unit, column_format

PAGES = ("app_pages/overview.py", "app_pages/people.py", "app_pages/sessions.py")
PAGES += ("app_pages/spend.py",)
FORMATS = {column_format(unit, digits=d).format for unit in Unit for d in (None, 0, 1, 2)}
SHARE_STEP = column_format(Unit.SHARE).step


def _wrong(table: pd.DataFrame, columns: dict[str, Any]) -> list[str]:
    """Numeric columns shown without a catalogue format."""
    wrong = []
    for name in table.columns:
        values = table[name]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        config = columns.get(str(name), {}).get("type_config", {})
        shape = config.get("format")
        if config.get("type") == "line_chart":
            continue
        if shape == "percent" and config.get("step") == pytest.approx(SHARE_STEP):
            continue
        if shape not in FORMATS or shape == "percent":
            wrong.append(f"{name}: {config}")
    return wrong


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_a_table_has_the_catalogues_format(page: str) -> None:
    app = run_page(page, range="all")
    assert not app.exception, app.exception
    assert app.dataframe
    for shown in app.dataframe:
        assert shown.proto.placeholder == BLANK
        columns = json.loads(shown.proto.columns or "{}")
        assert _wrong(shown.value, columns) == [], shown.value.columns.tolist()


def test_the_check_finds_a_share_in_two_decimals() -> None:
    table = pd.DataFrame({"rate": [0.5], "count": [3]})
    loose = {"rate": {"type_config": {"type": "number", "format": "percent"}}}
    assert _wrong(table, loose) == [
        "rate: {'type': 'number', 'format': 'percent'}",
        "count: {}",
    ]
