"""The digest of a period for those who never open the app: sentences, KPIs, spend, who needs help.

Pure: everything comes in a :class:`DigestInput` (frames, cached records, the spend view, the
settings and ``now``); the result is a title and blocks for :mod:`.digest_render`. Nothing here
knows the API key, so no digest can contain it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from devin_data.analytics.alerts import alerts
from devin_data.analytics.kpis import NOT_AVAILABLE, compare_periods, filter_sessions
from devin_data.analytics.session import waiting_gaps
from devin_data.analytics.spend import SpendView
from devin_data.analytics.summary import summary_sentences
from devin_data.config import ApiVersion, SpendSettings
from devin_data.text.render import Block

TOP = 5
_REPO = re.compile(r"https?://[^/]+/(.+?)/(?:-/)?(?:pull|pulls|merge_requests)/\d+")


@dataclass(frozen=True)
class DigestInput:
    """What a digest is made of; ``messages`` is None when no message is cached."""

    org: str
    frame: pd.DataFrame
    records: Sequence[Mapping[str, Any]]
    messages: pd.DataFrame | None
    view: SpendView | None
    spend: SpendSettings
    now: datetime
    days: int
    coverage_start: datetime | None
    api: ApiVersion


def repository_of(url: object) -> str | None:
    """``owner/name`` of a pull-request URL (GitHub, GitLab), None when it is not one."""
    found = _REPO.match(str(url or ""))
    return found.group(1) if found else None


def top_repositories(records: Sequence[Mapping[str, Any]], ids: set[str]) -> list[list[Any]]:
    """Per repository of the sessions ``ids``: pull requests opened and merged, most first."""
    opened: Counter[str] = Counter()
    merged: Counter[str] = Counter()
    for record in records:
        if record.get("session_id") not in ids:
            continue
        for pr in record.get("pull_requests") or []:
            repo = repository_of(pr.get("pr_url"))
            if repo:
                opened[repo] += 1
                merged[repo] += pr.get("pr_state") == "merged"
    return [[repo, count, merged[repo]] for repo, count in opened.most_common(TOP)]


def _who(period: pd.DataFrame) -> pd.Series:
    return period["service_user_id"].where(period["is_service"], period["user_id"])


def most_waited(period: pd.DataFrame, messages: pd.DataFrame) -> list[list[Any]]:
    """People whose sessions waited longest on them (hours), with the number of waits."""
    mine = messages[messages["session_id"].isin(period["session_id"])]
    gaps = waiting_gaps(mine)
    owner = dict(zip(period["session_id"], _who(period), strict=True))
    gaps["who"] = gaps["session_id"].map(owner)
    summed = gaps.dropna(subset=["who"]).groupby("who")["duration"].agg(["sum", "count"])
    summed = summed.sort_values("sum", ascending=False).head(TOP)
    return [[w, f"{s / pd.Timedelta(hours=1):.1f}", c] for w, (s, c) in summed.iterrows()]


def most_errors(period: pd.DataFrame) -> list[list[Any]]:
    """People with the most sessions in error, with their share of their sessions."""
    work = pd.DataFrame({"who": _who(period), "error": period["status"] == "error"}).dropna()
    grouped = work.groupby("who")["error"].agg(["sum", "count"])
    grouped = grouped[grouped["sum"] > 0].sort_values(["sum", "count"], ascending=[False, True])
    return [[w, int(s), f"{s / c:.1%}"] for w, (s, c) in grouped.head(TOP).iterrows()]


def _kpi_rows(inp: DigestInput, start: datetime) -> list[list[Any]]:
    kpis = compare_periods(inp.frame, start, inp.now, inp.coverage_start, api=inp.api)
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
    cast, text = view.forecast, inp.spend.acus_text
    rows = [
        ["figure", "value"],
        [f"Billed since {cast.cycle_start:%d %b}", text(cast.spent)],
        [f"Projected to {cast.last_day:%d %b}", text(cast.projected)],
        ["Projected range", f"{cast.projected_low:,.0f}–{cast.projected_high:,.0f} ACUs"],
        [view.budget.source.capitalize(), text(view.budget.limit) if view.budget.limit else "–"],
    ]
    return [("p", view.sentence() or ""), ("table", rows)]


def digest(inp: DigestInput) -> tuple[str, list[Block]]:
    """The title and blocks of the digest of the ``days`` days up to ``now``."""
    start = inp.now - timedelta(days=inp.days)
    period = filter_sessions(inp.frame, start=start, end=inp.now)
    title = f"Devin digest for {inp.org}: {start:%d %b %Y} to {inp.now:%d %b %Y}"
    blocks: list[Block] = [("h1", title)]
    cast = inp.view.forecast if inp.view is not None else None
    source = inp.view.budget.source if inp.view is not None else ""
    found = alerts(cast, source, inp.frame, inp.now, inp.spend, days=inp.days)
    blocks += [("alert", alert.text) for alert in found]
    sentences = summary_sentences(inp.frame, start, inp.now, inp.coverage_start, api=inp.api)
    blocks += [("p", sentence) for sentence in sentences]
    blocks += [("h2", "Key figures"), ("table", _kpi_rows(inp, start))]
    blocks += [("h2", "Spend against budget"), *_spend_blocks(inp)]
    repos = top_repositories(inp.records, set(period["session_id"]))
    blocks.append(("h2", "Top repositories"))
    blocks.append(
        ("table", [["repository", "PRs opened", "merged"], *repos])
        if repos
        else ("p", "No pull request of the period names a repository.")
    )
    blocks.append(("h2", "People who may need help"))
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
    return title, blocks
