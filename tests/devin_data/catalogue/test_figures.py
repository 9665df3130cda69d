"""Breakdowns by a dimension: one tidy row per value, people by name, coverage beside each."""

from __future__ import annotations

import pandas as pd
import pytest
from frame_fakes import T0, frame, record

from devin_data.catalogue import DIMENSIONS, Inputs, breakdown, person_label

WEB = "https://github.com/acme/web/pull/"
API = "https://github.com/acme/api/pull/"


def _sessions() -> pd.DataFrame:
    sessions = frame(
        [
            record(
                "a",
                user_id="user-ann",
                acus_consumed=6.0,
                pull_requests=[
                    {"pr_url": WEB + "1", "pr_state": "merged"},
                    {"pr_url": API + "2", "pr_state": None},
                ],
            ),
            record("b", user_id="user-ann", acus_consumed=4.0, session_size="xl"),
            record("c", user_id="user-bob", acus_consumed=None),
        ]
    )
    sessions["user_name"] = sessions["user_id"].map({"user-ann": "Ann Lee"}).astype("str")
    return sessions


def test_people_are_shown_by_name_else_by_id() -> None:
    table = breakdown(["sessions", "acus_reported"], Inputs(_sessions()), "person")
    assert table["label"].tolist() == ["Ann Lee", "user-bob"]
    assert table["sessions"].tolist() == [2, 1]
    assert table["acus_reported"].tolist()[0] == pytest.approx(10.0)
    assert pd.isna(table["acus_reported"].tolist()[1])  # none reported: blank, not 0
    assert table["acus_reported_covered"].tolist() == [2, 0]
    assert table["acus_reported_of"].tolist() == [2, 1]
    assert person_label("user-bob", None) == "user-bob"
    assert person_label("user-ann", "Ann Lee") == "Ann Lee"


def test_a_session_counts_in_each_of_its_repositories() -> None:
    table = breakdown(["sessions", "prs_merged"], Inputs(_sessions()), "repository")
    by_key = table.set_index("key")
    assert by_key.loc["acme/web", "sessions"] == 1
    assert by_key.loc["acme/api", "sessions"] == 1
    assert by_key.loc["(no pull request)", "sessions"] == 2


def test_sizes_keep_their_order_and_labels() -> None:
    table = breakdown(["sessions"], Inputs(_sessions()), "session_size")
    assert table["key"].tolist() == ["m", "xl"]
    assert table["label"].tolist() == ["M", "XL"]


def test_days_are_the_viewers_and_billing_days_start_at_eight_utc() -> None:
    late = frame([record("a", created=T0.replace(hour=7)), record("b", created=T0)])
    days = breakdown(["sessions"], Inputs(late, tz="Pacific/Auckland"), "day")
    # 07:00 and 09:00 UTC are 20:00 and 22:00 of one day in Auckland.
    assert days["key"].astype(str).tolist() == ["2026-03-02"]
    assert days["sessions"].tolist() == [2]
    billing = breakdown(["sessions"], Inputs(late), "billing_day")
    assert billing["key"].astype(str).tolist() == ["2026-03-01", "2026-03-02"]
    assert set(DIMENSIONS) >= {"person", "team", "category", "origin", "repository", "week"}
