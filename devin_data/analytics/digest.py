"""The digest of a period for those who never open the app: sentences, KPIs, spend, who needs help.

Pure: everything comes in a :class:`DigestInput` (frames, the spend view, the settings and
``now``); the result is a title and blocks for :mod:`devin_data.text.render`. Nothing here
knows the API key, so no digest can contain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from devin_data.analytics.alerts import alerts
from devin_data.analytics.kpis import NOT_AVAILABLE, Kpi, compare_periods, filter_sessions
from devin_data.analytics.reconcile import Reconciliation
from devin_data.analytics.repositories import NO_URL, REPOSITORY, repository_table
from devin_data.analytics.session import waiting_gaps
from devin_data.analytics.spend import BudgetSource, SpendView
from devin_data.analytics.summary import summary_sentences
from devin_data.config import ApiVersion, SpendSettings
from devin_data.frames.roster import display_names
from devin_data.text.render import Block

TOP = 5


@dataclass(frozen=True)
class DigestInput:
    """What a digest is made of; ``messages`` is None when no message is cached. ``window`` is
    the UTC bounds [start, end) of the ``days`` local days in ``tz`` up to today, as the
    Overview's preset of as many days selects them; ``frame`` carries the creators' names."""

    org: str
    frame: pd.DataFrame
    messages: pd.DataFrame | None
    view: SpendView | None
    spend: SpendSettings
    now: datetime
    days: int
    coverage_start: datetime | None
    api: ApiVersion
    window: tuple[pd.Timestamp, pd.Timestamp]
    tz: str = "UTC"
    reconciled: Reconciliation | None = None

    @property
    def local_days(self) -> tuple[date, date]:
        """The first and last local day of the period."""
        start, end = self.window
        last = end - timedelta(microseconds=1)
        return start.tz_convert(self.tz).date(), last.tz_convert(self.tz).date()


def top_repositories(period: pd.DataFrame) -> list[list[Any]]:
    """Per repository of the ``period``'s pull requests: PRs opened and merged, most opened
    first (repositories as :func:`~devin_data.analytics.repositories.repository_table` reads
    them from the PR URLs; pull requests without a URL are left out)."""
    table = repository_table(period)
    table = table[table[REPOSITORY] != NO_URL].sort_values(
        ["prs_opened", REPOSITORY], ascending=[False, True], kind="stable"
    )
    rows = table.head(TOP)[[REPOSITORY, "prs_opened", "prs_merged"]]
    return [[repo, int(opened), int(merged)] for repo, opened, merged in rows.to_numpy()]


def most_waited(period: pd.DataFrame, messages: pd.DataFrame) -> list[list[Any]]:
    """People whose sessions waited longest on them (hours), with the number of waits."""
    mine = messages[messages["session_id"].isin(period["session_id"])]
    gaps = waiting_gaps(mine)
    owner = dict(zip(period["session_id"], display_names(period), strict=True))
    gaps["who"] = gaps["session_id"].map(owner)
    summed = gaps.dropna(subset=["who"]).groupby("who")["duration"].agg(["sum", "count"])
    summed = summed.sort_values("sum", ascending=False).head(TOP)
    return [[w, f"{s / pd.Timedelta(hours=1):.1f}", c] for w, (s, c) in summed.iterrows()]


def most_errors(period: pd.DataFrame) -> list[list[Any]]:
    """People with the most sessions in error, with their share of their sessions."""
    work = pd.DataFrame({"who": display_names(period), "error": period["status"] == "error"})
    work = work.dropna()
    grouped = work.groupby("who")["error"].agg(["sum", "count"])
    grouped = grouped[grouped["sum"] > 0].sort_values(["sum", "count"], ascending=[False, True])
    return [[w, int(s), f"{s / c:.1%}"] for w, (s, c) in grouped.head(TOP).iterrows()]


def _kpi_rows(inp: DigestInput, kpis: list[Kpi]) -> list[list[Any]]:
    rows: list[list[Any]] = [["KPI", "value", "change vs previous period"]]
    for kpi in kpis:
        value = kpi.formatted
        if kpi.name in ("acus", "acus_per_session") and inp.spend.money(kpi.value) is not None:
            value += f" ({inp.spend.money_text(kpi.value)})"
        change = kpi.missing or kpi.change or (kpi.reason or "–")
        rows.append([kpi.label, value, change if value != NOT_AVAILABLE else "–"])
    return rows


def _spend_blocks(inp: DigestInput) -> list[Block]:
    view = inp.view
    if view is None or view.forecast is None:
        reason = view.reason if view is not None else "no billed consumption is cached"
        return [("p", f"Billed ACUs are not available: {reason}.")]
    cast, text, budget = view.forecast, inp.spend.acus_text, view.budget
    rows = [
        ["figure", "value"],
        [f"Billed since {cast.cycle_start:%d %b}", text(cast.spent)],
        [f"Projected to {cast.last_day:%d %b}", "–" if cast.quiet else text(cast.projected)],
        [
            "Projected range",
            "–" if cast.quiet else f"{cast.projected_low:,.0f}–{cast.projected_high:,.0f} ACUs",
        ],
        [budget.source.text.capitalize(), text(budget.limit) if budget.limit else "–"],
    ]
    return [("p", view.sentence() or ""), ("table", rows)]


def _billed_blocks(inp: DigestInput) -> list[Block]:
    """ACUs reported by sessions beside ACUs billed for the period, and why they differ."""
    found = inp.reconciled
    if found is None:
        return []
    rows: list[list[Any]] = [["figure", "value", "difference", "cause"]]
    for figure, value, difference, cause in found.table().itertuples(index=False):
        step = "–" if difference is None or pd.isna(difference) else f"{difference:+,.2f}"
        rows.append([figure, inp.spend.acus_text(value, 2), step, cause])
    blocks: list[Block] = [("h2", "ACUs reported by sessions and ACUs billed"), ("table", rows)]
    if found.billed is None:
        reason = inp.view.reason if inp.view is not None else None
        blocks.append(("p", f"ACUs billed are not available: {reason or 'none are cached'}."))
    return blocks


def _people_blocks(inp: DigestInput, period: pd.DataFrame) -> list[Block]:
    blocks: list[Block] = [("h2", "People who may need help")]
    if inp.messages is None or inp.messages.empty:
        blocks.append(("p", "Time waited on: not available, no messages are cached."))
    elif waited := most_waited(period, inp.messages):
        blocks.append(("table", [["person", "hours Devin waited on them", "waits"], *waited]))
    errors = most_errors(period)
    blocks.append(
        ("table", [["person", "sessions in error", "share of their sessions"], *errors])
        if errors
        else ("p", "No session of the period is in error.")
    )
    return blocks


def digest(inp: DigestInput) -> tuple[str, list[Block]]:
    """The title and blocks of the digest of the ``days`` local days up to today: the KPIs and
    sentences the Overview computes for its preset of as many days, in the same zone."""
    start, end = inp.window
    period = filter_sessions(inp.frame, start=start, end=end)
    first, last = inp.local_days
    title = f"Devin digest for {inp.org}: {first:%d %b %Y} to {last:%d %b %Y}"
    blocks: list[Block] = [("h1", title)]
    cast = inp.view.forecast if inp.view is not None else None
    source = inp.view.budget.source if inp.view is not None else BudgetSource.NONE
    found = alerts(cast, source, inp.frame, inp.now, inp.spend, days=inp.days, window=inp.window)
    blocks += [("alert", alert.text) for alert in found]
    zone, api = inp.tz, inp.api
    kpis = compare_periods(inp.frame, start, end, inp.coverage_start, api=api, tz=zone)
    sentences = summary_sentences(inp.frame, start, end, inp.coverage_start, kpis, api=api, tz=zone)
    blocks += [("p", sentence) for sentence in sentences]
    blocks += [("h2", "Key figures"), ("table", _kpi_rows(inp, kpis))]
    blocks += _billed_blocks(inp)
    blocks += [("h2", "Spend against budget"), *_spend_blocks(inp)]
    repos = top_repositories(period)
    blocks.append(("h2", "Top repositories"))
    blocks.append(
        ("table", [["repository", "PRs opened", "merged"], *repos])
        if repos
        else ("p", "No pull request of the period names a repository.")
    )
    return title, blocks + _people_blocks(inp, period)
