"""Outcomes: pull requests by repository, ACUs per merged PR by any column, and spend that
shipped nothing.

A session's ACUs are shared equally among its pull requests, so the ACUs of the repositories add
up to those of the sessions that opened a PR. Repositories come from the PR URLs
(:mod:`devin_data.frames.repositories`); "" is a PR without a URL.
"""

from __future__ import annotations

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


def _ratio(top: pd.Series, bottom: pd.Series) -> pd.Series:
    """top ÷ bottom, NaN where bottom is 0 (no merged PR is not an infinite cost)."""
    return (top / bottom.where(bottom > 0)).astype("float64")


def _by_repository(frame: pd.DataFrame) -> pd.DataFrame:
    """Per repository: sessions, PRs, merged and known-state PRs, ACUs (NaN when none reported).

    Sessions share a handful of (repositories, states) combinations, so the sums run once per
    combination with numpy and the Python work is per combination, never per session.
    """
    repo_codes, repo_lists = pd.factorize(frame["pr_repos"])
    state_codes, state_lists = pd.factorize(frame["pr_states"])
    pair = repo_codes.astype("int64") * max(len(state_lists), 1) + state_codes
    pairs, inverse = np.unique(pair, return_inverse=True)
    acus = frame["acus_consumed"].to_numpy(dtype="float64", na_value=np.nan)
    sessions = np.bincount(inverse, minlength=len(pairs))
    spent = np.bincount(inverse, np.nan_to_num(acus), minlength=len(pairs))
    reported = np.bincount(inverse, ~np.isnan(acus), minlength=len(pairs))
    totals: dict[str, list[float]] = {}
    for index, code in enumerate(pairs):
        repos = repo_lists[code // max(len(state_lists), 1)]
        states = state_lists[code % max(len(state_lists), 1)]
        for repo in dict.fromkeys(repos):
            row = totals.setdefault(repo or NO_URL, [0, 0, 0, 0, 0.0, 0])
            row[0] += sessions[index]
        for repo, state in zip(repos, states, strict=False):
            row = totals[repo or NO_URL]
            row[1] += sessions[index]
            row[2] += sessions[index] * (state == "merged")
            row[3] += sessions[index] * (state != "unknown")
            row[4] += spent[index] / len(repos)
            row[5] += reported[index]
    columns = ["sessions", "prs_opened", "prs_merged", "known", "acus", "reported"]
    table = pd.DataFrame.from_dict(totals, orient="index", columns=columns)
    table["acus"] = table["acus"].where(table["reported"] > 0)
    return table.rename_axis(REPOSITORY).astype({c: "int64" for c in columns if c != "acus"})


def repository_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per repository: sessions, PRs opened and merged, merge rate, ACUs and ACUs per merged PR.

    Sorted by merged PRs, then PRs opened, most first; repositories with the same figures by name.
    """
    table = _by_repository(frame)
    if table.empty:
        return pd.DataFrame({name: [] for name in REPOSITORY_COLUMNS})
    table["merge_rate"] = _ratio(table["prs_merged"], table["known"])
    table["acus_per_merged_pr"] = _ratio(table["acus"], table["prs_merged"])
    table = table.reset_index().sort_values(
        ["prs_merged", "prs_opened", REPOSITORY], ascending=[False, False, True], kind="stable"
    )
    return table.loc[:, list(REPOSITORY_COLUMNS)].reset_index(drop=True)


def acus_per_merged_pr(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sessions, ACUs, merged PRs and ACUs per merged PR grouped by any column of ``frame``
    (``team`` included, once present), by ``person`` (the creator id; pages show it by name) or by
    ``repository``.

    Sessions without a value in ``by`` group under NA; merged PRs whose state is unknown are left
    out. Sorted by ACUs, most first.
    """
    if by == REPOSITORY:
        table = _by_repository(frame).loc[:, ["sessions", "acus", "prs_merged"]]
    else:
        keys = frame["creator_id"] if by == PERSON else frame[by]
        codes, uniques = pd.factorize(keys.astype("object"), use_na_sentinel=False)
        acus = frame["acus_consumed"].to_numpy(dtype="float64", na_value=np.nan)
        merged = frame["prs_merged"].fillna(0).to_numpy(dtype="int64")
        size = len(uniques)
        spent = np.bincount(codes, np.nan_to_num(acus), minlength=size)
        reported = np.bincount(codes, ~np.isnan(acus), minlength=size)
        table = pd.DataFrame(
            {
                "sessions": np.bincount(codes, minlength=size),
                "acus": np.where(reported > 0, spent, np.nan),
                "prs_merged": np.bincount(codes, merged, minlength=size).astype("int64"),
            },
            index=pd.Index(uniques, name=by, dtype="object"),
        )
    table["acus_per_merged_pr"] = _ratio(table["acus"], table["prs_merged"])
    table = table.rename_axis(by).reset_index()
    table = table.sort_values(
        ["acus", by], ascending=[False, True], kind="stable", na_position="last"
    )
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
