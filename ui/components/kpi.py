"""KPI cards: the value or why there is none, the change coloured by what a rise means (the
``delta_color`` of each KPI in :mod:`devin_data.analytics.measures`), the definition as help, and
the captions under the cards."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from devin_data import catalogue
from devin_data.analytics.kpis import NO_CHANGE, Kpi
from ui.components.format import plain
from ui.components.widgets import left_out_caption


def kpi_text(kpi: Kpi) -> str:
    """A KPI's value as the catalogue writes its measure: "not available" or "—" without one."""
    if kpi.missing is not None:
        return catalogue.NOT_AVAILABLE
    found = catalogue.of_kpi(kpi.name)
    return catalogue.text(kpi.value, found.unit, digits=found.digits)


def kpi_card(place: DeltaGenerator, kpi: Kpi) -> None:
    """A KPI card: value or why there is none, change coloured by meaning, definition as help."""
    common: dict[str, Any] = {"help": plain(kpi.spec.help), "border": True}
    shown = kpi_text(kpi)
    if kpi.missing is not None:
        place.metric(
            kpi.label,
            shown,
            delta=kpi.missing,
            delta_color="off",
            delta_arrow="off",
            **common,
        )
        return
    change = kpi.change
    if change is None:
        place.metric(kpi.label, shown, **common)
        return
    still = change == NO_CHANGE
    place.metric(
        kpi.label,
        shown,
        delta=f"{change} vs previous period",
        delta_color="off" if still else kpi.spec.delta_color,
        delta_arrow="off" if still else "auto",
        **common,
    )


def kpi_captions(kpis: list[Kpi]) -> None:
    """Under the cards: why some show no change or no value (in full, a card's line may be cut
    short), and what their values leave out."""
    reasons = sorted({k.reason for k in kpis if k.reason and k.missing is None})
    if reasons:
        st.caption(
            plain(
                "No change shown where the previous period cannot be compared: "
                + "; ".join(reasons)
                + "."
            )
        )
    by_reason: dict[str, list[str]] = {}
    for kpi in kpis:
        if kpi.missing is not None:
            by_reason.setdefault(kpi.missing, []).append(kpi.label)
    for reason, labels in by_reason.items():
        st.caption(plain(f"Not available ({', '.join(labels)}): {reason}."))
    left_out_caption([kpi.note for kpi in kpis])
