"""What sessions deliver: pull requests by repository, ACUs per merged PR, spend without an outcome,
and a session's figures with its child sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from devin_data.analytics.definitions import definition_of
from devin_data.analytics.families import with_family
from devin_data.analytics.pr_metrics import API_NAME, SESSIONS_NAME, compare_pr_metrics
from devin_data.analytics.repositories import (
    PERSON,
    REPOSITORY,
    acus_per_merged_pr,
    cost_without_outcome,
    repository_table,
)
from devin_data.analytics.spend import with_money
from devin_data.catalogue import BLANK, Unit, person_labels
from devin_data.config import ApiVersion, Settings
from devin_data.errors import DevinError, PermissionDeniedError
from devin_data.frames.availability import api_reason
from devin_data.query.filters import FilterSpec
from devin_data.services.organizations import METRICS_PERMISSION
from ui.components.format import label, measure_column, number, number_column, person_column
from ui.components.widgets import download_frame
from ui.data import frames
from ui.data.remote import api_pr_metrics
from ui.shell.config import price

GROUPINGS = {"Person": PERSON, "Category": "category", "Origin": "origin", "Repository": REPOSITORY}
_NO_ACUS = "no session of the row reports ACUs"
_NUMBERS: dict[str, Any] = {
    "sessions": number_column("Sessions", Unit.COUNT),
    "prs_opened": number_column("PRs opened", Unit.COUNT),
    "prs_merged": number_column("Merged PRs", Unit.COUNT),
    "merge_rate": measure_column("merge_rate", blank="no pull request of the row has a state"),
    "acus": number_column("ACUs", Unit.ACUS, blank=_NO_ACUS),
    "acus_per_merged_pr": measure_column(
        "acus_per_merged_pr", blank="no merged pull request, or no ACUs reported"
    ),
    "share": number_column("Share of ACUs", Unit.SHARE, blank=_NO_ACUS),
}


TEAM = "Team"
NO_TEAM = "No team"  # as the Team definition says
_MONEY: dict[str, Any] = {
    "acus_usd": number_column("ACUs in $", Unit.MONEY, blank=_NO_ACUS),
    "acus_per_merged_pr_usd": number_column(
        "$ per merged PR", Unit.MONEY, blank="no merged pull request, or no ACUs reported"
    ),
}
NO_USER = "(no user)"


def _help(*names: str) -> str:
    return " ".join(f"**{name}**: {definition_of(name)}" for name in names)


def _unavailable(api: ApiVersion) -> bool:
    reason = api_reason("pr_states", api)
    if reason:
        st.info(f"Pull-request outcomes are not available: {reason}.", icon=":material/block:")
    return reason is not None


def repositories(frame: pd.DataFrame, api: ApiVersion, *, key: str, height: int = 300) -> None:
    """The Repositories table of the filtered sessions, with its definitions and download."""
    st.subheader("Repositories", help=_help("Repository", "Merge rate", "ACUs per merged PR"))
    if _unavailable(api):
        return
    table = repository_table(frame)
    if table.empty:
        st.info("No pull request in these sessions.", icon=":material/filter_alt_off:")
        return
    config = {REPOSITORY: st.column_config.TextColumn("Repository")} | _NUMBERS
    fit = min(height, 38 + 35 * len(table))
    st.dataframe(
        table, column_config=config, hide_index=True, height=fit, key=key, placeholder=BLANK
    )
    download_frame(table, key=f"{key}_csv", filename="repositories.csv")


def per_merged_pr(frame: pd.DataFrame, api: ApiVersion, *, key: str) -> None:
    """ACUs per merged PR grouped as the viewer picks, and the spend that shipped nothing."""
    st.subheader("ACUs per merged PR", help=_help("ACUs per merged PR", "Cost without an outcome"))
    if _unavailable(api):
        return
    groupings = dict(GROUPINGS)
    if "team" in frame:  # teams known from IdP groups or the manager's mapping
        groupings = {"Person": PERSON, TEAM: "team"} | groupings
        frame = frame.assign(team=frame["team"].astype("object").fillna(NO_TEAM))
    picked = st.segmented_control("By", list(groupings), default="Person", key=f"{key}_by")
    by = groupings[picked or "Person"]
    table = acus_per_merged_pr(frame, by)
    config = {by: st.column_config.TextColumn(picked or "Person")}
    if by == PERSON:
        table = _named(table, frame)
        config = {PERSON: person_column(), "user_id": st.column_config.TextColumn("Id")}
    elif by not in (REPOSITORY, "team"):
        table[by] = [label(value) for value in table[by]]
    table = with_money(table, price(), ["acus", "acus_per_merged_pr"])
    config |= _NUMBERS | _MONEY
    left, right = st.columns([3, 2])
    with left:
        st.dataframe(
            table,
            column_config=config,
            hide_index=True,
            height=260,
            key=f"{key}_table",
            placeholder=BLANK,
        )
    with right:
        cost = cost_without_outcome(frame)
        outcome = {"outcome": st.column_config.TextColumn("Outcome")}
        st.dataframe(
            cost,
            column_config=outcome | _NUMBERS,
            hide_index=True,
            key=f"{key}_cost",
            placeholder=BLANK,
        )


def _named(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """A table by creator id shown by name (else id), the id in a last column of its own."""
    names = dict(zip(frame["creator_id"], person_labels(frame), strict=True))
    ids = table[PERSON]
    shown = pd.Series([NO_USER if pd.isna(i) else names.get(i, i) for i in ids], index=ids.index)
    return table.assign(person=shown, user_id=ids)


def with_children(frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The filtered ``frame`` with each session's figures including its child sessions."""
    return with_family(frame, frames.families_frame(settings))


def family_line(settings: Settings, session_id: str) -> None:
    """A parent's figures both ways: its own and with its child sessions."""
    families = frames.families_frame(settings)
    found = families[families["session_id"] == session_id]
    if found.empty or int(found["family_sessions"].iloc[0]) <= 1:
        return
    row = found.iloc[0]
    own = frames.sessions_frame(settings)
    mine = own[own["session_id"] == session_id].iloc[0]
    kids = int(row["family_sessions"]) - 1
    pairs = [
        ("ACUs", number(mine["acus_consumed"], 2), number(row["family_acus"], 2)),
        ("User messages", number(mine["num_user_messages"]), number(row["family_user_messages"])),
        (
            "Devin messages",
            number(mine["num_devin_messages"]),
            number(row["family_devin_messages"]),
        ),
        ("Merged PRs", number(mine["prs_merged"]), number(row["family_prs_merged"])),
    ]
    st.markdown(
        f"**With its {kids} child session{'s' if kids > 1 else ''}** · "
        + " · ".join(f"{name} {total} (own {alone})" for name, alone, total in pairs),
        help=_help("With children"),
    )


PR_CHECK_KEY = "overview_pr_metrics_check"


def pr_metrics_section(settings: Settings, spec: FilterSpec, now: datetime) -> None:
    """The API's PR metrics for the period beside the cached sessions' counts (dates only: the
    API cannot apply the other filters), or why they are not available."""
    st.subheader("Pull requests: API metrics and sessions", help=_help("PR metrics from the API"))
    # A check asked for, not a headline: nothing reaches the API until it is switched on.
    if not st.toggle("Check the sessions' pull requests against the API", key=PR_CHECK_KEY):
        return
    if settings.api_version != "v3":
        st.info(f"PR metrics are not available: {api_reason('pr_states', 'v1')}.")
        return
    start, end = spec.window(now)
    begin = start.timestamp() if start is not None else 0.0
    # The window's own end (or the next full hour), so reruns ask the API once per window.
    finish = end.timestamp() if end is not None else (now.timestamp() // 3600 + 1) * 3600
    try:
        api = api_pr_metrics(settings, begin, finish)
    except PermissionDeniedError:
        st.info(
            f"PR metrics from the API are not available: the key lacks the {METRICS_PERMISSION} "
            "permission.",
            icon=":material/lock:",
        )
        return
    except DevinError as err:
        st.info(f"PR metrics from the API are not available: {err}", icon=":material/cloud_off:")
        return
    dated = replace(FilterSpec(), preset=spec.preset, start_date=spec.start_date)
    dated = replace(dated, end_date=spec.end_date, tz=spec.tz)
    table = compare_pr_metrics(api, dated.apply(frames.sessions_frame(settings), now))
    config = {
        "measure": st.column_config.TextColumn("Pull requests"),
        "api": number_column(API_NAME, Unit.COUNT),
        "sessions": number_column(SESSIONS_NAME, Unit.COUNT),
        "difference": st.column_config.NumberColumn("Difference", format="%+d"),
        "where": st.column_config.TextColumn("Where they differ"),
        "cause": st.column_config.TextColumn("Cause", width="large"),
    }
    st.dataframe(
        table, column_config=config, hide_index=True, key="overview_pr_metrics", placeholder=BLANK
    )
    st.caption(
        f"{API_NAME}: what the API counts for the sessions created in the selected days. "
        f"{SESSIONS_NAME}: the same counts from the cache, with the date filter only (the API "
        "cannot apply the others)."
    )
