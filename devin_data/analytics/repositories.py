"""Outcomes: pull requests by repository, ACUs per merged PR by any column, and spend that
shipped nothing.

A session's ACUs are shared equally among its pull requests, so the ACUs of the repositories add
up to those of the sessions that opened a PR. Repositories come from the PR URLs
(:mod:`devin_data.frames.repositories`); "" is a PR without a URL.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

from devin_data.models import TERMINAL_STATUSES

REPOSITORY = "repository"
PERSON = "person"
NO_URL = "(no URL)"
OUTCOME_COLUMNS = ("sessions", "acus", "prs_merged", "acus_per_merged_pr")
REPOSITORY_COLUMNS = (
    REPOSITORY,
    "sessions",
    "prs_opened",
    "prs_merged",
    "merge_rate",
    "acus",
    "acus_per_merged_pr",
)


def pr_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per pull request: its session's position, repository, state and ACU share."""
    counts = frame["pr_count"].to_numpy(dtype="int64")
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(frame)), counts)
    repos = np.fromiter(chain.from_iterable(frame["pr_repos"]), dtype=object, count=total)
    states = np.fromiter(chain.from_iterable(frame["pr_states"]), dtype=object, count=total)
    acus = frame["acus_consumed"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(counts > 0, acus / np.maximum(counts, 1), np.nan)[owner]
    return pd.DataFrame(
        {
            "position": owner,
            "session_id": frame["session_id"].to_numpy()[owner],
            REPOSITORY: pd.Series(repos, dtype="object").replace("", NO_URL),
            "state": states,
            "acus": share,
        }
    )


def _ratio(top: pd.Series, bottom: pd.Series) -> pd.Series:
    """top ÷ bottom, NaN where bottom is 0 (no merged PR is not an infinite cost)."""
    return (top / bottom.where(bottom > 0)).astype("float64")


def repository_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per repository: sessions, PRs opened and merged, merge rate, ACUs and ACUs per merged PR.

    Sorted by merged PRs, then PRs opened, most first; repositories with the same figures by name.
    """
    rows = pr_rows(frame)
    if rows.empty:
        return pd.DataFrame({name: [] for name in REPOSITORY_COLUMNS})
    rows["merged"] = rows["state"] == "merged"
    rows["known"] = rows["state"] != "unknown"
    grouped = rows.groupby(REPOSITORY, sort=True)
    table = pd.DataFrame(
        {
            "sessions": grouped["position"].nunique(),
            "prs_opened": grouped.size(),
            "prs_merged": grouped["merged"].sum(),
            "known": grouped["known"].sum(),
            "acus": grouped["acus"].sum(min_count=1),
        }
    )
    table["merge_rate"] = _ratio(table["prs_merged"], table["known"])
    table["acus_per_merged_pr"] = _ratio(table["acus"], table["prs_merged"])
    table = table.reset_index().sort_values(
        ["prs_merged", "prs_opened", REPOSITORY], ascending=[False, False, True], kind="stable"
    )
    return table.loc[:, list(REPOSITORY_COLUMNS)].reset_index(drop=True)


def person_column(frame: pd.DataFrame) -> pd.Series:
    """Who created each session: the service user for automations, else the user."""
    return frame["service_user_id"].where(frame["is_service"], frame["user_id"])


def acus_per_merged_pr(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sessions, ACUs, merged PRs and ACUs per merged PR grouped by any column of ``frame``
    (``team`` included, once present), by ``person`` or by ``repository``.

    Sessions without a value in ``by`` group under NA; merged PRs whose state is unknown are left
    out. Sorted by ACUs, most first.
    """
    if by == REPOSITORY:
        rows = pr_rows(frame)
        rows["merged"] = rows["state"] == "merged"
        grouped = rows.groupby(REPOSITORY, sort=True)
        table = pd.DataFrame(
            {
                "sessions": grouped["position"].nunique(),
                "acus": grouped["acus"].sum(min_count=1),
                "prs_merged": grouped["merged"].sum(),
            }
        )
    else:
        keys = person_column(frame) if by == PERSON else frame[by]
        data = pd.DataFrame(
            {
                by: keys.astype("object").to_numpy(),
                "acus": frame["acus_consumed"].to_numpy(dtype="float64", na_value=np.nan),
                "merged": frame["prs_merged"].fillna(0).to_numpy(dtype="int64"),
            }
        )
        grouped = data.groupby(by, sort=True, dropna=False)
        table = pd.DataFrame(
            {
                "sessions": grouped.size(),
                "acus": grouped["acus"].sum(min_count=1),
                "prs_merged": grouped["merged"].sum(),
            }
        )
    table["acus_per_merged_pr"] = _ratio(table["acus"], table["prs_merged"])
    table = table.reset_index().rename(columns={"index": by})
    table = table.sort_values("acus", ascending=False, kind="stable", na_position="last")
    return table.loc[:, [by, *OUTCOME_COLUMNS]].reset_index(drop=True)


def cost_without_outcome(frame: pd.DataFrame) -> pd.DataFrame:
    """ACUs of ended sessions that opened no PR, and of sessions that ended in error, with their
    share of all reported ACUs; a session in error without a PR counts in both rows."""
    acus = frame["acus_consumed"].astype("float64")
    ended = frame["status"].isin(sorted(TERMINAL_STATUSES)).to_numpy(dtype=bool)
    without_pr = ended & (frame["pr_count"].to_numpy() == 0)
    in_error = (frame["status"] == "error").to_numpy(dtype=bool)
    total = acus.sum(min_count=1)
    rows = []
    for name, mask in (("Ended without a PR", without_pr), ("Ended in error", in_error)):
        spent = acus[mask].sum(min_count=1)
        share = spent / total if total and not pd.isna(spent) else np.nan
        rows.append({"outcome": name, "sessions": int(mask.sum()), "acus": spent, "share": share})
    return pd.DataFrame(rows, columns=["outcome", "sessions", "acus", "share"])
