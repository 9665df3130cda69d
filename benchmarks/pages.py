"""What each page does on a filter change, without Streamlit: filter, aggregate, draw, serialise.

Each recipe follows its script in ``app_pages/`` call for call over frames built once (as the
app's cached loaders hold them) and returns the figures' JSON and the downloads' CSV, which is what
Streamlit sends. Timing a page's script inside a Streamlit server can later replace ``rerun``
while the rows and the table stay as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from devin_data import Store, analytics, charts, frames
from devin_data import sessions as sessions_layer
from devin_data.analytics.families import family_totals, with_family
from devin_data.analytics.filters import FilterSpec
from devin_data.analytics.pr_metrics import compare_pr_metrics
from devin_data.analytics.repositories import (
    acus_per_merged_pr,
    cost_without_outcome,
    repository_table,
)
from ui.tables import parquet_bytes, shown_sessions

# A rerun follows a filter change, so consecutive runs never use the same filters.
SPECS = (
    FilterSpec(preset="all"),
    FilterSpec(preset="90d", tz="America/New_York"),
    FilterSpec(preset="30d", sizes=("l", "xl")),
)


@dataclass(frozen=True)
class Loaded:
    """The frames the app's loaders cache once per sync."""

    sessions: pd.DataFrame
    history: pd.DataFrame
    issues: pd.DataFrame
    action_items: pd.DataFrame
    languages: pd.DataFrame
    tools: pd.DataFrame
    coverage: datetime | None
    families: pd.DataFrame
    store: Store  # the page reads which sessions' insights were already asked for

    @classmethod
    def load(cls, store: Store) -> Loaded:
        insights = frames.build_insight_frames(dict(c) for c in store.iter_chunks("analysis"))
        coverage = store.meta().get("coverage_start")
        sessions = frames.frame_from_table(store.snapshot())
        return cls(
            sessions=sessions,
            history=frames.build_status_history_frame(store.status_history()),
            issues=insights["issues"],
            action_items=insights["action_items"],
            languages=insights["languages"],
            tools=insights["tools"],
            coverage=datetime.fromtimestamp(coverage, UTC) if coverage else None,
            families=family_totals(sessions),
            store=store,
        )


class Output:
    """What a page sends to the browser: figures as JSON, downloads as bytes."""

    def __init__(self) -> None:
        self.json_bytes = 0
        self.download_bytes = 0

    def chart(self, figure: go.Figure, data: pd.DataFrame) -> None:
        if data.empty:
            return
        self.json_bytes += len(figure.to_json() or "")
        self.download(data.to_csv(index=False).encode())

    def download(self, payload: bytes) -> None:
        self.download_bytes += len(payload)


def overview(data: Loaded, spec: FilterSpec, now: datetime, out: Output) -> None:
    everything = data.sessions
    undated = replace(spec, preset="all").apply(everything, now)
    frame = spec.apply(everything, now)
    start, end = spec.window(now)
    start = everything["created_at"].min() if start is None else start
    end = end or pd.Timestamp(now)
    kpis = analytics.compare_periods(undated, start, end, data.coverage, api="v3")
    analytics.summary_sentences(undated, start, end, data.coverage, kpis, api="v3", tz=spec.tz)
    per = analytics.sessions_per_period(
        frame, "D", spec.tz, start=spec.window(now)[0], end=min(end, pd.Timestamp(now))
    )
    figure = charts.stacked_over_time(
        per, "period", "status", "sessions", charts.STATUS_COLORS, in_range="in_range", unit="day"
    )
    out.chart(figure, per)
    histogram = analytics.message_histogram(frame)
    out.chart(charts.message_histogram_chart(histogram, title=""), histogram)
    for dimension in ("session_size", "category", "origin"):
        shares = analytics.distribution(frame, dimension)
        figure = charts.bar_distribution(
            shares, x="value", y="sessions", color_map=charts.COLOR_MAPS[dimension], title="",
            x_title="", y_title="Sessions", dimension=dimension,
        )  # fmt: skip
        out.chart(figure, shares)
    _outcomes(frame, out)
    # The PR metrics beside the sessions' (the API's answer is cached): the dated sessions.
    dated = FilterSpec(preset=spec.preset, start_date=spec.start_date, tz=spec.tz)
    compare_pr_metrics({}, dated.apply(everything, now))


def _outcomes(frame: pd.DataFrame, out: Output) -> None:
    """The Repositories table with its download, ACUs per merged PR and the cost without PR."""
    table = repository_table(frame)
    out.download(table.to_csv(index=False).encode())
    acus_per_merged_pr(frame, "person")
    cost_without_outcome(frame)


def sessions(data: Loaded, spec: FilterSpec, now: datetime, out: Output) -> None:
    frame = with_family(spec.apply(data.sessions, now), data.families)
    table = shown_sessions(frame, spec.tz, "v3")
    out.download(table.to_csv(index=False).encode())
    out.download(parquet_bytes(table))
    out.download(repository_table(frame).to_csv(index=False).encode())


def timelines(data: Loaded, spec: FilterSpec, now: datetime, out: Output) -> None:
    frame = spec.apply(data.sessions, now)
    freq = analytics.pick_freq(frame["created_at"].min(), frame["updated_at"].max())
    recent = analytics.recent_sessions(frame, 150, spec.tz)
    out.chart(charts.status_timeline(recent), recent)
    history = analytics.of_sessions(data.history, frame)
    analytics.history_coverage(history)
    by_day = analytics.status_over_time(history, frame, spec.tz)
    out.chart(charts.status_area(by_day, "D", y_title=""), by_day)
    running = analytics.concurrency(frame, spec.tz, freq)
    out.chart(charts.concurrency_chart(running, freq), running)
    cells = analytics.weekday_hour(frame, spec.tz)
    out.chart(charts.weekday_hour_heatmap(cells), cells)


def insights(data: Loaded, spec: FilterSpec, now: datetime, out: Output) -> None:
    frame = spec.apply(data.sessions, now)
    analysed, _ = analytics.analysed_share(frame)
    weeks = analytics.insight_coverage(frame, spec.tz)
    out.chart(charts.coverage_chart(weeks), weeks)
    sessions_layer.pending(data.store, analytics.missing_insights(frame))  # the button's count

    def in_view(items: pd.DataFrame) -> pd.DataFrame:
        return analytics.of_sessions(items, frame)

    impacts = analytics.issue_impacts(in_view(data.issues))
    out.chart(charts.stacked_bars(impacts, "label", "impact", "issues"), impacts)
    for items, column in (
        (data.action_items, "type"),
        (data.languages, "language"),
        (data.tools, "tool"),
    ):
        counts = analytics.item_counts(in_view(items), column, analysed)
        out.chart(charts.bars(counts, "value", "sessions", horizontal=True, top_n=15), counts)
    mix = analytics.category_by_size(frame)
    out.chart(charts.stacked_bars(mix, "category", "session_size", "sessions"), mix)
    for dimension in ("category", "origin"):
        acus = analytics.distribution(frame, dimension).drop(columns="share")
        out.chart(charts.bars(acus, "value", "acus", dimension=dimension), acus)


def people(data: Loaded, spec: FilterSpec, now: datetime, out: Output) -> None:
    table = analytics.people(spec.apply(data.sessions, now))
    table["last_active"] = table["last_active"].dt.tz_convert(spec.tz)
    figure = charts.horizontal_bar(table, "user_id", "sessions", title="", x_title="", top_n=15)
    out.chart(figure, table.sort_values("sessions", ascending=False, kind="stable").head(15))
    for service in (False, True):
        out.download(table[table["is_service"] == service].to_csv(index=False).encode())


Page = Callable[[Loaded, FilterSpec, datetime, Output], None]
PAGES: dict[str, Page] = {
    "Overview": overview,
    "Sessions": sessions,
    "Timelines": timelines,
    "Insights": insights,
    "People": people,
}


def rerun(page: Page, data: Loaded, spec: FilterSpec, now: datetime) -> tuple[float, Output]:
    """One rerun of ``page`` for ``spec``: its seconds and what it sent."""
    out = Output()
    started = time.perf_counter()
    page(data, spec, now, out)
    return time.perf_counter() - started, out


def measure(store: Store, runs: int) -> dict[str, Any]:
    """Frames once, then every page ``runs`` times through the filter changes of SPECS."""
    now = datetime.now(UTC)
    started = time.perf_counter()
    data = Loaded.load(store)
    result: dict[str, Any] = {"frames_seconds": time.perf_counter() - started, "pages": {}}
    for name, page in PAGES.items():
        rerun(page, data, SPECS[-1], now)  # the first open is not a filter change
        times, json_sizes = [], []
        for index in range(runs):
            seconds, out = rerun(page, data, SPECS[index % len(SPECS)], now)
            times.append(seconds)
            json_sizes.append(out.json_bytes)
        result["pages"][name] = {"seconds": times, "json_bytes": json_sizes}
    result["sessions"] = len(data.sessions)
    return result
