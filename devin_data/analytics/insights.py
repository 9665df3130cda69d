"""Aggregates of insights analyses for the Insights page: issues by impact, counts, size mix.

Inputs are the long frames of :mod:`devin_data.frames.insights` and the sessions frame, already
restricted to the sessions in view. Outputs are small frames, one row per bar segment.
"""

from __future__ import annotations

import pandas as pd

from devin_data.frames.columns import enum_categorical

IMPACTS = ("High", "Medium", "Low")


def analysed_share(sessions: pd.DataFrame) -> tuple[int, int]:
    """(sessions with an insights analysis, sessions) of the frame."""
    return int(sessions["has_analysis"].sum()), len(sessions)


def tidy_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """Issues with comparable labels and impacts: session_id, label (str), impact (category).

    Impacts are capitalised ("high" → "High") and ordered High, Medium, Low, then unknown ones;
    a missing label or impact reads "Unlabelled" / "Unknown".
    """
    impact = issues["impact"].str.strip().str.capitalize().fillna("Unknown")
    return pd.DataFrame(
        {
            "session_id": issues["session_id"],
            "label": issues["label"].str.strip().fillna("Unlabelled").astype("str"),
            "impact": enum_categorical(impact.to_list(), IMPACTS, ordered=True),
        }
    )


def issue_impacts(issues: pd.DataFrame) -> pd.DataFrame:
    """Issues per label and impact (as :func:`tidy_issues` words them), busiest labels first.

    Columns: label (str), impact (ordered category of the impacts present), issues (int64),
    sessions (int64, distinct sessions).
    """
    work = tidy_issues(issues)
    grouped = work.groupby(["label", "impact"], observed=True, sort=False).agg(
        issues=("session_id", "size"), sessions=("session_id", "nunique")
    )
    out = grouped.reset_index().astype({"issues": "int64", "sessions": "int64", "label": "str"})
    totals = out.groupby("label")["issues"].transform("sum")
    out = out.assign(_total=totals).sort_values(
        ["_total", "label", "impact"], ascending=[False, True, True], kind="stable"
    )
    out["impact"] = out["impact"].cat.remove_unused_categories()
    return out.drop(columns="_total").reset_index(drop=True)


def item_counts(items: pd.DataFrame, column: str, analysed: int) -> pd.DataFrame:
    """Items and distinct sessions per value of ``column``, most sessions first.

    Categorical columns keep every value that occurs; ``share`` is the share of the ``analysed``
    sessions that have the value. Columns: value (str), items (int64), sessions (int64),
    share (float64).
    """
    work = pd.DataFrame(
        {"session_id": items["session_id"], "value": items[column].astype("str")}
    ).dropna(subset=["value"])
    grouped = work.groupby("value", sort=False).agg(
        items=("session_id", "size"), sessions=("session_id", "nunique")
    )
    out = grouped.reset_index().astype({"value": "str", "items": "int64", "sessions": "int64"})
    out = out.sort_values(["sessions", "value"], ascending=[False, True], kind="stable")
    out["share"] = out["sessions"] / analysed if analysed else 0.0
    return out.reset_index(drop=True)


def category_by_size(sessions: pd.DataFrame) -> pd.DataFrame:
    """Sessions per category and size class (both in their category order, only pairs present).

    Columns: category (category), session_size (ordered category xs→xl), sessions (int64).
    """
    grouped = sessions.groupby(["category", "session_size"], observed=True).size()
    out = grouped.rename("sessions").reset_index().astype({"sessions": "int64"})
    for column in ("category", "session_size"):
        out[column] = out[column].cat.remove_unused_categories()
    return out
