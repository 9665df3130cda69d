"""Chart and table helpers: every chart gets an empty state, hover numbers and a data download."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from devin_data.analytics.kpis import NO_CHANGE, Kpi
from devin_data.frames.export import csv_text
from devin_data.text.downloads import download_table
from ui.format import plain

DEFAULT_EMPTY = "No sessions match these filters."


def empty_state(message: str = DEFAULT_EMPTY) -> None:
    st.info(message, icon=":material/filter_alt_off:")


def download_frame(
    frame: pd.DataFrame,
    *,
    key: str,
    filename: str,
    label: str = "CSV",
    codes: Mapping[str, str] | None = None,
    digits: Mapping[str, int] | None = None,
) -> None:
    """A CSV download of ``frame`` as the page reads it (labels beside codes, numbers as shown,
    see ``download_table``; text that starts like a formula made inert); it does not rerun."""
    readable = download_table(frame, codes=codes, digits=digits)
    st.download_button(
        label,
        csv_text(readable).encode(),
        file_name=filename,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        type="tertiary",
        on_click="ignore",
    )


def chart(
    figure: go.Figure,
    data: pd.DataFrame,
    *,
    key: str,
    filename: str,
    empty: str = DEFAULT_EMPTY,
    select: bool = False,
    codes: Mapping[str, str] | None = None,
) -> Any:
    """Render ``figure`` with a download of ``data``; with ``select`` return the selection event.

    ``codes`` names the dimension of a column of API codes not named after it (``{"value":
    "origin"}``), so the download carries its readable label as well.
    """
    if data.empty:
        empty_state(empty)
        return None
    event: Any = None
    if select:
        event = st.plotly_chart(
            figure, key=key, width="stretch", on_select="rerun", selection_mode="points"
        )
    else:
        st.plotly_chart(figure, key=key, width="stretch")
    download_frame(
        data, key=f"{key}-download", filename=filename, label="Download data", codes=codes
    )
    return event


def kpi_card(place: DeltaGenerator, kpi: Kpi) -> None:
    """A KPI card: value or why there is none, change coloured by meaning, definition as help."""
    common: dict[str, Any] = {"help": plain(kpi.spec.help), "border": True}
    if kpi.missing is not None:
        place.metric(
            kpi.label,
            kpi.formatted,
            delta=kpi.missing,
            delta_color="off",
            delta_arrow="off",
            **common,
        )
        return
    change = kpi.change
    if change is None:
        place.metric(kpi.label, kpi.formatted, **common)
        return
    still = change == NO_CHANGE
    place.metric(
        kpi.label,
        kpi.formatted,
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


def left_out_caption(notes: list[str | None]) -> None:
    """One caption naming what the figures above leave out because the API did not report it."""
    shown = [note for note in dict.fromkeys(notes) if note]
    if shown:
        st.caption(plain("Left out of these figures: " + "; ".join(shown) + "."))
