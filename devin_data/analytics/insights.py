"""Aggregates of insights analyses for the Insights page: issues by impact, counts, size mix.

Inputs are the long frames of :mod:`devin_data.frames.insights` and the sessions frame, already
restricted to the sessions in view. Outputs are small frames, one row per bar segment.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd

from devin_data.frames.columns import enum_categorical

IMPACTS = ("High", "Medium", "Low")


def analysed_share(sessions: pd.DataFrame) -> tuple[int, int]:
    """(sessions with an insights analysis, sessions) of the frame."""
    return int(sessions["has_analysis"].sum()), len(sessions)


def _recoded(
    values: pd.Series, clean: Callable[[pd.Series], pd.Series], missing: str
) -> tuple[npt.NDArray[np.intp], list[str]]:
    """Row codes and ``clean`` applied once to each distinct value, then ``missing`` last.

    NA rows are coded -1, so they index ``missing`` like every other row indexes its value.
    """
    codes, distinct = pd.factorize(values)
    return codes, [*clean(pd.Series(distinct, dtype="str")).fillna(missing).to_list(), missing]


def tidy_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """Issues with comparable labels and impacts: session_id, label (str), impact (category).

    Impacts are capitalised ("high" → "High") and ordered High, Medium, Low, then unknown ones;
    a missing label or impact reads "Unlabelled" / "Unknown". Each distinct wording is cleaned
    once, not once per issue.
    """
    label_codes, labels = _recoded(issues["label"], lambda v: v.str.strip(), "Unlabelled")
    impact_codes, impacts = _recoded(
        issues["impact"], lambda v: v.str.strip().str.capitalize(), "Unknown"
    )
    used = impacts if (impact_codes < 0).any() else impacts[:-1]
    impact = enum_categorical(used, IMPACTS, ordered=True)
    return pd.DataFrame(
        {
            "session_id": issues["session_id"],
            "label": pd.Series(pd.array(labels, dtype="str").take(label_codes), index=issues.index),
            "impact": pd.Categorical.from_codes(
                np.asarray(impact.codes)[impact_codes], dtype=impact.dtype
            ),
        }
    )


def _tally(
    groups: npt.NDArray[np.int64], size: int, sessions: pd.Series
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Rows and distinct sessions (NA not counted) per group 0 … size-1; group -1 is left out.

    Distinct (group, session) pairs come from sorting integer codes, not hashing string pairs.
    """
    session_codes = pd.factorize(sessions)[0][groups >= 0] + 1
    groups = groups[groups >= 0]
    width = int(session_codes.max(initial=0)) + 1
    pairs = np.sort(groups * width + session_codes)
    pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if len(pairs) else pairs
    pairs = pairs[pairs % width != 0]
    rows = np.bincount(groups, minlength=size).astype("int64")
    return rows, np.bincount(pairs // width, minlength=size).astype("int64")


def issue_impacts(issues: pd.DataFrame) -> pd.DataFrame:
    """Issues per label and impact (as :func:`tidy_issues` words them), busiest labels first.

    Columns: label (str), impact (ordered category of the impacts present), issues (int64),
    sessions (int64, distinct sessions).
    """
    work = tidy_issues(issues)
    label_codes, labels = pd.factorize(work["label"])
    impacts = work["impact"].cat.categories
    codes = np.asarray(work["impact"].cat.codes, dtype="int64")
    pair = np.where(codes >= 0, label_codes * len(impacts) + codes, -1)
    rows, sessions = _tally(pair, len(labels) * len(impacts), work["session_id"])
    (found,) = np.nonzero(rows)
    out = pd.DataFrame(
        {
            "label": pd.Series(
                np.asarray(labels, dtype=object)[found // len(impacts)], dtype="str"
            ),
            "impact": pd.Categorical.from_codes(found % len(impacts), impacts, ordered=True),
            "issues": rows[found],
            "sessions": sessions[found],
        }
    )
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
    values = items[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, names = values.cat.codes.to_numpy(dtype="int64"), values.cat.categories
    else:
        codes, names = pd.factorize(values)
    rows, sessions = _tally(np.asarray(codes, dtype="int64"), len(names), items["session_id"])
    (found,) = np.nonzero(rows)
    out = pd.DataFrame(
        {
            "value": pd.Series(np.asarray(names, dtype=object)[found], dtype="str"),
            "items": rows[found],
            "sessions": sessions[found],
        }
    )
    out = out.sort_values(["sessions", "value"], ascending=[False, True], kind="stable")
    out["share"] = out["sessions"] / analysed if analysed else 0.0
    return out.reset_index(drop=True)


def category_by_size(sessions: pd.DataFrame) -> pd.DataFrame:
    """Sessions per category and size class (both in their category order, only pairs present).

    Columns: category (category), session_size (ordered category xs→xl), sessions (int64),
    share (float64: of the category's sessions).
    """
    grouped = sessions.groupby(["category", "session_size"], observed=True).size()
    out = grouped.rename("sessions").reset_index().astype({"sessions": "int64"})
    for column in ("category", "session_size"):
        out[column] = out[column].cat.remove_unused_categories()
    per_category = out.groupby("category", observed=True)["sessions"].transform("sum")
    out["share"] = out["sessions"] / per_category
    return out
