"""Downloads: labels beside codes, numbers rounded as shown, durations in minutes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.text.downloads import download_table, readable
from devin_data.text.labels import label


def test_a_code_column_becomes_its_label_followed_by_the_code() -> None:
    frame = pd.DataFrame(
        {
            "category": pd.Categorical(["ci_cd_and_devops", None, "bug_fixing"]),
            "sessions": np.array([3, 1, 2], dtype="int64"),
        }
    )
    out = download_table(frame)

    assert list(out.columns) == ["category", "category_code", "sessions"]
    assert out["category"].to_list() == ["CI/CD and DevOps", None, "Bug fixing"]
    assert out["category_code"].to_list() == ["ci_cd_and_devops", None, "bug_fixing"]
    assert out["sessions"].to_list() == [3, 1, 2]


def test_a_value_column_is_named_after_the_dimension_it_holds() -> None:
    frame = pd.DataFrame({"value": ["webapp", "slack"], "sessions": [2, 1]})
    out = download_table(frame, codes={"value": "origin"})

    assert list(out.columns) == ["origin", "origin_code", "sessions"]
    assert out["origin"].to_list() == [label("webapp"), label("slack")] == ["Web app", "Slack"]


def test_floats_are_rounded_as_shown_and_shares_to_a_tenth_of_a_percent() -> None:
    frame = pd.DataFrame(
        {"acus": [126.11999999999999, np.nan], "share": [0.123456, 0.5], "hours": [1.26, 2.0]}
    )
    out = download_table(frame, digits={"hours": 1})

    assert out["acus"].to_list()[0] == 126.12
    assert np.isnan(out["acus"].to_list()[1])
    assert out["share"].to_list() == [0.123, 0.5]
    assert out["hours"].to_list() == [1.3, 2.0]
    assert "126.11999" not in out.to_csv(index=False)


def test_durations_are_minutes_never_pandas_day_text() -> None:
    frame = pd.DataFrame(
        {"duration": pd.to_timedelta(["0 days 01:07:58", None, "2 days 00:00:30"])}
    )
    out = download_table(frame)
    text = out.to_csv(index=False)

    assert list(out.columns) == ["duration_minutes"]
    assert out["duration_minutes"].to_list()[0] == 68.0
    assert out["duration_minutes"].to_list()[2] == 2880.5
    assert np.isnan(out["duration_minutes"].to_list()[1])
    assert "days" not in text


def test_free_text_and_counts_are_left_as_they_are() -> None:
    frame = pd.DataFrame({"label": ["needs_review"], "language": ["Python"], "issues": [4]})
    out = download_table(frame)

    assert out.to_dict("records") == [{"label": "needs_review", "language": "Python", "issues": 4}]


def test_readable_keeps_missing_values_missing() -> None:
    values = pd.Series(pd.Categorical(["usage_limit_exceeded", None]))

    assert readable(values).to_list() == ["Usage limit exceeded", None]
