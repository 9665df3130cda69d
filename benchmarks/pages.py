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
from devin_data.analytics.adoption import active_users, adoption
from devin_data.analytics.compare import Side, compare
from devin_data.analytics.families import family_totals, with_family
from devin_data.analytics.kpis import filter_sessions
from devin_data.analytics.learning import learning_curves, session_ranks, team_rollup
from devin_data.analytics.person_table import person_table, replies
from devin_data.analytics.pr_metrics import compare_pr_metrics
from devin_data.analytics.repositories import (
    acus_per_merged_pr,
    cost_without_outcome,
    repository_table,
)
from devin_data.frames.export import parquet_bytes
from devin_data.frames.roster import build_roster, with_people
from devin_data.query.filters import FilterSpec
from devin_data.services import insights as insights_layer
from ui.sections.sessions_table import shown_sessions

# A rerun follows a filter change, so consecutive runs never use the same filters.
SPECS = (
    FilterSpec(preset="all"),
    FilterSpec(preset="90d", tz="America/New_York"),
    FilterSpec(preset="30d", sizes=("l", "xl")),
)


@dataclass(frozen=True)
class People:
    """What the People page's loaders cache: the named frame, replies to Devin, session ranks."""

    sessions: pd.DataFrame
    answers: pd.DataFrame
    cached: pd.Series
    ranks: pd.Series

    @classmethod
    def load(cls, store: Store, sessions: pd.DataFrame) -> People:
        named = with_people(sessions, build_roster(store.people()))
        messages = frames.build_messages_frame(store.all_messages())
        cached = messages["session_id"].drop_duplicates()
        return cls(named, replies(messages), cached, session_ranks(named))


@dataclass(frozen=True)
class Loaded:
    """The frames the app's loaders cache once per sync."""

    sessions: pd.DataFrame
    messages: pd.DataFrame
    issues: pd.DataFrame
    action_items: pd.DataFrame
    languages: pd.DataFrame
    tools: pd.DataFrame
    coverage: datetime | None
    families: pd.DataFrame
    store: Store  # the page reads which sessions' insights were already asked for
    people: People | None = None  # only the People recipe reads it

    @classmethod
    def load(cls, store: Store) -> Loaded:
        insights = frames.build_insight_frames(dict(c) for c in store.iter_chunks("analysis"))
        coverage = store.sync_state().coverage_start
        sessions = frames.frame_from_table(store.snapshot())
        return cls(
            sessions=sessions,
            messages=frames.build_messages_frame(store.all_messages()),
            issues=insights["issues"],
            action_items=insights["action_items"],
            languages=insights["languages"],
            tools=insights["tools"],
            coverage=datetime.fromtimestamp(coverage, UTC) if coverage else None,
            families=family_totals(sessions),
            store=store,
            people=People.load(store, sessions),
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
        per, "period", "status", "sessions", charts.STATUS_COLORS, unit="D"
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
    outcomes = analytics.outcomes_over_time(frame, spec.tz, "D")
    share = analytics.merged_share_over_time(frame, spec.tz, "D")
    out.chart(charts.outcomes_chart(outcomes, share, "D"), outcomes)
    messages = analytics.of_sessions(data.messages, frame)
    analytics.median_answer_time(messages)
    days = analytics.working_waiting_per_period(messages, spec.tz, "D")
    out.chart(charts.working_waiting_chart(days, "D"), days)
    people = analytics.waiting_per_person(messages, frame)
    out.chart(charts.waiting_per_person_chart(people), people)
    active = analytics.active_by_status(frame, spec.tz, freq)
    out.chart(charts.status_area(active, freq, y_title=""), active)
    open_now = frame[~analytics.ended(frame).to_numpy()]
    recent = analytics.recent_sessions(open_now, 40, spec.tz)
    out.chart(charts.status_timeline(recent), recent)
    running = analytics.concurrency(frame, spec.tz, freq)
    out.chart(charts.concurrency_chart(running, freq), running)
    cells = analytics.weekday_hour(frame, spec.tz)
    out.chart(charts.weekday_hour_heatmap(cells), cells)


def insights(data: Loaded, spec: FilterSpec, now: datetime, out: Output) -> None:
    frame = spec.apply(data.sessions, now)
    analysed, _ = analytics.analysed_share(frame)
    weeks = analytics.insight_coverage(frame, spec.tz)
    out.chart(charts.coverage_chart(weeks), weeks)
    insights_layer.pending(data.store, analytics.missing_insights(frame))  # the button's count

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
    assert data.people is not None, "load() reads the people"
    people = data.people
    named = people.sessions
    frame, undated = spec.apply(named, now), replace(spec, preset="all").apply(named, now)
    start, end = spec.window(now)
    adoption(undated, start, min(end or pd.Timestamp(now), pd.Timestamp(now)))
    served = data.store.people().get("wau")
    active = active_users(undated, "wau", spec.tz, served).frame
    out.chart(charts.active_users_chart(active, "week"), active)
    table = person_table(frame, people.answers, people.cached, start=start, tz=spec.tz)
    table.insert(0, "person", table["user_name"].fillna(table["user_id"]))
    figure = charts.horizontal_bar(table, "person", "sessions", title="", x_title="", top_n=15)
    out.chart(figure, table.sort_values("sessions", ascending=False, kind="stable").head(15))
    for service in (False, True):
        rows = table[table["is_service"] == service].drop(columns="weekly_sessions")
        out.download(rows.to_csv(index=False).encode())
    out.download(team_rollup(frame).to_csv(index=False).encode())
    curves = learning_curves(undated, people.ranks)
    out.chart(charts.learning_chart(curves, "merged_pr_rate", "Merged-PR rate"), curves)
    if start is not None and end is not None:
        earlier = filter_sessions(undated, start=start - (end - start), end=start)
        compare(Side("A", earlier), Side("B", frame))


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
