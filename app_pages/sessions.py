"""Sessions: the filtered sessions as a sortable table; a selected row opens Session detail."""

from __future__ import annotations

import streamlit as st

from devin_data.analytics.spend import with_money
from devin_data.catalogue import BLANK
from devin_data.frames.export import csv_text, parquet_bytes
from devin_data.services.export import organization
from ui.components.format import plain
from ui.components.widgets import empty_state
from ui.data import frames
from ui.data.workspace import workspace
from ui.sections.delivery import repositories, with_children
from ui.sections.sessions_table import (
    FILL_HEIGHT,
    MAX_ROWS,
    TABLE_HEIGHT,
    TABLE_WIDTH,
    sessions_download,
    shown_columns,
    shown_sessions,
    unreported_caption,
)
from ui.shell.config import price
from ui.state.context import page_context
from ui.state.links import open_session

ctx = page_context()
settings, spec = ctx.settings, ctx.filters
frame = with_children(ctx.filtered, settings)

st.title("Sessions")
if frame.empty:
    empty_state()
    st.stop()

api = settings.api_version
table = shown_sessions(frame, spec.tz, api)
st.caption(f"{len(frame):,} sessions · times in {spec.tz} · select a row to open it")
unreported = unreported_caption(frame, api)
if unreported:
    st.caption(plain(unreported))
if len(frame) > MAX_ROWS:
    st.info(f"Showing the {MAX_ROWS:,} most recent; narrow the filters to see the rest.")

# The downloads sit above the table, so the table runs to the bottom of the screen.
# The one export schema, as `devin-data export` writes it: child sessions from the whole cache.
org = organization(workspace(settings), settings)
download = with_money(
    sessions_download(frame, api, whole=frames.sessions_frame(settings), org=org),
    price(),
    ["acus_consumed"],
)
left, right, _ = st.columns([1, 1, 6])
left.download_button(
    "CSV",
    csv_text(download).encode(),
    file_name="sessions.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
    key="sessions_csv",
)
right.download_button(
    "Parquet",
    parquet_bytes(download),
    file_name="sessions.parquet",
    mime="application/vnd.apache.parquet",
    icon=":material/download:",
    on_click="ignore",
    key="sessions_parquet",
)

if len(table) * 35 + 38 > TABLE_HEIGHT:
    # The grid's resizable frame (the element after the toolbar) takes the window's height.
    st.html(
        "<style>.st-key-sessions_table [data-testid='stDataFrame'] > div:nth-child(2) "
        f"{{height: {FILL_HEIGHT} !important}}</style>"
    )
event = st.dataframe(
    table,
    height=min(TABLE_HEIGHT, 38 + 35 * len(table)),
    width=TABLE_WIDTH,
    column_config=shown_columns(api, spec.tz),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="sessions_table",
    placeholder=BLANK,
)
rows = event.selection.rows if event is not None else []
if rows:
    open_session(str(table.iloc[rows[0]]["session_id"]))

repositories(frame, api, key="sessions_repositories", height=240)
