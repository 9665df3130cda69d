"""Overview: how many sessions, how many ACUs, and how they split by size, category and origin."""

from __future__ import annotations

import streamlit as st

from devin_data import charts, metrics
from ui.connection import current_settings
from ui.loaders import sessions_frame

settings = current_settings()
frame = sessions_frame(settings)

st.title("Overview")
if settings.demo:
    st.caption("Demo organization · synthetic sessions served by the built-in emulator")

if frame.empty:
    st.info("No sessions are cached yet. Use **Sync now** in the sidebar.")
    st.stop()

values = metrics.kpis(frame)
cards = st.columns(4)
cards[0].metric("Sessions", f"{values['sessions']:,}")
cards[1].metric("ACUs", f"{values['acus']:,.1f}")
cards[2].metric("ACUs per session", f"{values['acus_per_session']:.2f}")
cards[3].metric("Sessions with a merged PR", f"{values['sessions_with_merged_pr']:,}")

for column, (dimension, title) in zip(
    st.columns(3),
    [
        ("session_size", "Sessions by size class"),
        ("category", "Sessions by category"),
        ("origin", "Sessions by origin"),
    ],
    strict=True,
):
    data = metrics.distribution(frame, dimension)
    figure = charts.bar_distribution(
        data,
        x="value",
        y="sessions",
        color_map=charts.COLOR_MAPS[dimension],
        title=title,
        x_title=dimension.replace("_", " "),
        dimension=dimension,
        y_title="sessions",
    )
    column.plotly_chart(figure, width="stretch")
