"""build_sessions_frame: exact columns, dtypes, open-set categories and missing values."""

from __future__ import annotations

import pandas as pd
from frame_fakes import T0, record

from devin_data.frames.sessions import SESSION_COLUMNS, build_sessions_frame
from devin_data.models import CATEGORIES, ORIGINS, SESSION_SIZES, STATUS_DETAILS, STATUSES, Session


def _cat(values: list[str | None], known: tuple[str, ...], *extra: str, ordered: bool = False):
    return pd.Categorical(values, dtype=pd.CategoricalDtype([*known, *extra], ordered=ordered))


def _tuples(*values: tuple[str, ...]) -> pd.Series:
    series = pd.Series([None] * len(values), dtype=object)
    for position, value in enumerate(values):
        series[position] = value
    return series


def test_full_and_sparse_records_give_exact_frame() -> None:
    full = record(
        "a",
        status="running",
        status_detail="working",
        origin="slack",
        category="bug_fixing",
        subcategory="UI bug",
        session_size="xl",
        num_user_messages=3,
        num_devin_messages=14,
        acus_consumed=6.25,
        service_user_id="svc-bot",
        playbook_id="pb-1",
        tags=["frontend", "bug"],
        pull_requests=[
            {"pr_url": "https://github.com/acme/web/pull/1", "pr_state": "merged"},
            {"pr_url": "https://gitlab.com/acme/api/-/merge_requests/2", "pr_state": "open"},
            {"pr_url": None, "pr_state": None},
        ],
        parent_session_id="p",
        child_session_ids=["c1", "c2"],
        is_archived=True,
        url="https://app.devin.ai/sessions/a",
    )
    sparse = {"session_id": "devin-b", "created_at": T0.timestamp(), "status": "paused"}
    got = build_sessions_frame([full, sparse])
    created = pd.to_datetime([T0, T0], utc=True).as_unit("ns")
    updated = pd.to_datetime([T0 + pd.Timedelta(minutes=30), T0], utc=True).as_unit("ns")
    expected = pd.DataFrame(
        {
            "session_id": pd.Series(["devin-a", "devin-b"], dtype="str"),
            "title": pd.Series(["Session a", None], dtype="str"),
            "status": _cat(["running", "paused"], STATUSES, "paused"),
            "status_detail": _cat(["working", None], STATUS_DETAILS),
            "origin": _cat(["slack", None], ORIGINS),
            "category": _cat(["bug_fixing", None], CATEGORIES),
            "subcategory": pd.Series(["UI bug", None], dtype="str"),
            "session_size": _cat(["xl", None], SESSION_SIZES, ordered=True),
            "num_user_messages": pd.array([3, None], dtype="Int64"),
            "num_devin_messages": pd.array([14, None], dtype="Int64"),
            "acus_consumed": [6.25, float("nan")],
            "created_at": created,
            "updated_at": updated,
            "duration": pd.to_timedelta(["30min", "0s"]).as_unit("ns"),
            "user_id": pd.Series(["user-ann", None], dtype="str"),
            "service_user_id": pd.Series(["svc-bot", None], dtype="str"),
            "playbook_id": pd.Series(["pb-1", None], dtype="str"),
            "is_service": [True, False],
            # The creator: the service user of a service session, else the user.
            "creator_id": pd.Series(["svc-bot", None], dtype="str"),
            "creator_code": pd.Series([0, -1], dtype="int64"),
            "tags": _tuples(("frontend", "bug"), ()),
            "pr_count": pd.Series([3, 0], dtype="int64"),
            # One PR has no state: the merged one still counts, the other is counted apart.
            "prs_merged": pd.Series([1, 0], dtype="Int64"),
            "prs_open": pd.Series([1, 0], dtype="Int64"),
            "prs_closed": pd.Series([0, 0], dtype="Int64"),
            "prs_state_unknown": pd.Series([1, 0], dtype="Int64"),
            "has_merged_pr": pd.Series([True, False], dtype="boolean"),
            "pr_states": _tuples(("merged", "open", "unknown"), ()),
            "pr_repos": _tuples(("acme/web", "acme/api", ""), ()),
            "parent_session_id": pd.Series(["devin-p", None], dtype="str"),
            "child_count": pd.Series([2, 0], dtype="int64"),
            "is_archived": [True, False],
            "url": pd.Series(["https://app.devin.ai/sessions/a", None], dtype="str"),
            "has_analysis": [False, False],
        }
    )
    pd.testing.assert_frame_equal(got, expected)


def test_empty_input_has_the_same_columns_and_dtypes() -> None:
    empty = build_sessions_frame([])
    full = build_sessions_frame([record("a")])
    assert tuple(empty.columns) == SESSION_COLUMNS
    assert empty.empty
    pd.testing.assert_series_equal(empty.dtypes, full.dtypes)
    assert empty["created_at"].dtype == "datetime64[ns, UTC]"
    assert empty["duration"].dtype == "timedelta64[ns]"
    assert list(empty["status"].cat.categories) == list(STATUSES)


def test_unknown_enum_values_are_appended_sorted_after_known_ones() -> None:
    got = build_sessions_frame(
        [
            record("a", status="zombie", origin="pager", session_size="xxl"),
            record("b", status="asleep", origin="email", session_size="xs"),
        ]
    )
    assert list(got["status"].cat.categories) == [*STATUSES, "asleep", "zombie"]
    assert list(got["origin"].cat.categories) == [*ORIGINS, "email", "pager"]
    sizes = got["session_size"].cat
    assert sizes.ordered
    assert list(sizes.categories) == [*SESSION_SIZES, "xxl"]
    assert got["session_size"].max() == "xxl"


def test_session_size_order_allows_comparisons() -> None:
    got = build_sessions_frame([record("a", session_size="l"), record("b", session_size="s")])
    assert (got["session_size"] >= "m").tolist() == [True, False]


def test_has_analysis_and_service_flags_come_from_the_record() -> None:
    with_analysis = record("a", analysis={"issues": []}, service_user_id="svc")
    got = build_sessions_frame([with_analysis, record("b")])
    assert got["has_analysis"].tolist() == [True, False]
    assert got["is_service"].tolist() == [True, False]


def test_pull_request_states_not_reported_are_missing_not_zero() -> None:
    v1 = Session.model_validate(
        {"session_id": "b", "created_at": T0, "pull_request": {"url": "https://x/1"}}
    ).to_record()
    got = build_sessions_frame(
        [
            record("a", pull_requests=[{"pr_url": "https://x/2", "pr_state": "closed"}]),
            v1,
            record("c"),
        ]
    )
    assert got["pr_count"].tolist() == [1, 1, 0]
    assert got["prs_merged"].tolist() == [0, pd.NA, 0]
    assert got["prs_closed"].tolist() == [1, pd.NA, 0]
    assert got["prs_state_unknown"].tolist() == [0, 1, 0]
    assert got["has_merged_pr"].tolist() == [False, pd.NA, False]
    assert got["acus_consumed"].isna().tolist() == [False, True, False]


def test_blank_strings_are_missing() -> None:
    got = build_sessions_frame(
        [
            {
                "session_id": "devin-a",
                "created_at": 0.0,
                "title": "",
                "category": "",
                "status": "exit",
            }
        ]
    )
    assert got["title"].isna().all()
    assert got["category"].isna().all()
    assert list(got["category"].cat.categories) == list(CATEGORIES)


def test_fractional_epoch_seconds_keep_sub_second_precision() -> None:
    got = build_sessions_frame([{"session_id": "devin-a", "created_at": 1767254400.25}])
    assert got["created_at"].iloc[0] == pd.Timestamp("2026-01-01T08:00:00.25", tz="UTC")
    assert got["updated_at"].iloc[0] == got["created_at"].iloc[0]


def test_a_merged_pr_counts_beside_a_pr_without_a_state() -> None:
    got = build_sessions_frame(
        [
            record(
                "a",
                pull_requests=[
                    {"pr_url": "https://github.com/acme/web/pull/1", "pr_state": "merged"},
                    {"pr_url": "https://github.com/acme/web/pull/2", "pr_state": None},
                ],
            ),
            record("b", pull_requests=[{"pr_url": "https://github.com/acme/web/pull/3"}]),
        ]
    )
    assert got["prs_merged"].tolist() == [1, pd.NA]
    assert got["prs_state_unknown"].tolist() == [1, 1]
    assert got["has_merged_pr"].tolist() == [True, pd.NA]
    # The total the API reports survives a sum that skips the unknown.
    assert int(got["prs_merged"].sum()) == 1
