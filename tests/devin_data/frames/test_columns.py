"""Typed columns shared by the frame builders."""

from __future__ import annotations

import pandas as pd
import pytest

from devin_data.frames.columns import enum_categorical
from devin_data.models import STATUSES


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], []), ([None, "exit"], [None, "exit"]), (["  "], [None])],
)
def test_enum_categorical_missing_values(values: list[str | None], expected: list[str | None]):
    got = enum_categorical(values, STATUSES)
    assert [None if pd.isna(v) else v for v in got] == expected
    assert list(got.categories) == list(STATUSES)
