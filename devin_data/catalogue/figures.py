"""Figures: a measure's value over some inputs, with its coverage and its text, and the tidy
breakdown of several measures by a dimension that tables, downloads and the report share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from devin_data.catalogue.coverage import Coverage
from devin_data.catalogue.dimensions import DIMENSIONS
from devin_data.catalogue.inputs import Inputs
from devin_data.catalogue.measures import Measure, measure
from devin_data.catalogue.units import BLANK, NOT_AVAILABLE, text, unavailable


@dataclass(frozen=True)
class Figure:
    """A measure's ``value`` (None when undefined), why it is not available (``missing``), what it
    covers, and what it leaves out in words (``note``)."""

    measure: Measure
    value: float | None
    missing: str | None
    coverage: Coverage

    @property
    def note(self) -> str | None:
        return None if self.missing else self.coverage.note()

    @property
    def short(self) -> str:
        """The text without the reason, for a card whose caption or help gives it."""
        return NOT_AVAILABLE if self.missing is not None else self.text

    @property
    def text(self) -> str:
        """The value as every page shows it: "1,234", "67.9%"; "—" or "not available (why)"."""
        if self.missing is not None:
            return unavailable(self.missing)
        if self.value is None:
            return BLANK
        return text(self.value, self.measure.unit, digits=self.measure.digits)


def figure(key: str, inputs: Inputs) -> Figure:
    """The measure called ``key`` over ``inputs``."""
    found = measure(key)
    reckoning = found.compute(inputs)
    return Figure(found, reckoning.value, reckoning.missing, reckoning.coverage)


def figures(keys: Sequence[str], inputs: Inputs) -> dict[str, Figure]:
    """Several measures over the same inputs, by key."""
    return {key: figure(key, inputs) for key in keys}


def breakdown(keys: Sequence[str], inputs: Inputs, dimension: str) -> pd.DataFrame:
    """One row per value of ``dimension``: the value (``key``), its label, one column per measure
    (NaN where the group has none) and, per measure, ``<measure>_covered`` of ``<measure>_of``.

    Rows follow the dimension's own order when it has one, else the first measure, largest first.
    """
    chosen = DIMENSIONS[dimension]
    frame = inputs.sessions
    values = chosen.keys(frame, inputs.tz)
    rows = []
    for value, positions in values.groupby(values, sort=True, observed=True).groups.items():
        group = frame.loc[pd.Index(positions).unique()]
        row: dict[str, object] = {"key": value, "label": chosen.label_of(value)}
        for key in keys:
            found = figure(key, inputs.of(group))
            row[key] = float("nan") if found.value is None else found.value
            row[f"{key}_covered"] = found.coverage.have
            row[f"{key}_of"] = found.coverage.of
        rows.append(row)
    columns = ["key", "label", *[f"{k}{s}" for k in keys for s in ("", "_covered", "_of")]]
    table = pd.DataFrame(rows, columns=columns)
    if not chosen.ordered and keys and len(table):
        table = table.sort_values([keys[0], "label"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)
