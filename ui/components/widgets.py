"""Chart and table helpers: every chart gets an empty state, hover numbers and a data download;
the empty state and the caption of what figures leave out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from devin_data.frames.export import csv_text
from devin_data.text.downloads import download_table
from ui.components.format import plain

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


def left_out_caption(notes: list[str | None]) -> None:
    """One caption naming what the figures above leave out because the API did not report it."""
    shown = [note for note in dict.fromkeys(notes) if note]
    if shown:
        st.caption(plain("Left out of these figures: " + "; ".join(shown) + "."))


def partial_caption(series: pd.DataFrame, unit: str, *, drawn: str = "Hatched bars") -> None:
    """Under a time series with a partial period: what the hatching (or dashes) means."""
    if "partial" in series.columns and series["partial"].any():
        st.caption(
            f"{drawn} are partial: the selected range (or the time so far) covers only part of "
            f"that {unit}, so they count less than a whole {unit} would; the hover says how much "
            "and the download marks them in its `partial` column."
        )
