"""Child sessions roll up into their parents, on a hand-made frame."""

from __future__ import annotations

import pandas as pd
from frame_fakes import frame, record

from devin_data.analytics.families import family_totals, with_family

MERGED = [{"pr_url": "https://github.com/acme/web/pull/1", "pr_state": "merged"}]


def _family() -> pd.DataFrame:
    return frame(
        [
            record("root", acus_consumed=10.0, num_user_messages=3, child_session_ids=["kid"]),
            record("kid", acus_consumed=4.0, parent_session_id="root", pull_requests=MERGED),
            record("grandkid", acus_consumed=1.5, parent_session_id="kid", num_user_messages=None),
            record("orphan", acus_consumed=2.0, parent_session_id="gone"),
            record("loner", acus_consumed=7.0),
        ]
    )


def test_a_parent_counts_its_children_and_grandchildren() -> None:
    totals = family_totals(_family()).set_index("session_id")
    assert totals.loc["devin-root", "family_acus"] == 15.5
    assert totals.loc["devin-root", "family_sessions"] == 3
    assert totals.loc["devin-root", "family_user_messages"] == 3 + 2  # grandkid's is unknown
    assert totals.loc["devin-root", "family_prs_merged"] == 1
    assert totals.loc["devin-kid", "family_acus"] == 5.5
    assert totals.loc["devin-grandkid", "family_acus"] == 1.5


def test_sessions_without_cached_children_keep_their_own_figures() -> None:
    totals = family_totals(_family()).set_index("session_id")
    for sid, acus in (("devin-orphan", 2.0), ("devin-loner", 7.0)):
        assert totals.loc[sid, "family_acus"] == acus
        assert totals.loc[sid, "family_sessions"] == 1


def test_a_cycle_stops_where_it_comes_back_to_the_session() -> None:
    cyclic = frame(
        [
            record("x", acus_consumed=1.0, parent_session_id="y"),
            record("y", acus_consumed=1.0, parent_session_id="x"),
        ]
    )
    totals = family_totals(cyclic)
    assert totals["family_acus"].tolist() == [2.0, 2.0]
    assert totals["family_sessions"].tolist() == [2, 2]


def test_a_filtered_frame_keeps_children_the_filters_leave_out() -> None:
    everything = _family()
    families = family_totals(everything)
    only_root = with_family(everything[everything["session_id"] == "devin-root"], families)
    assert only_root["family_acus"].tolist() == [15.5]
    assert only_root["acus_consumed"].tolist() == [10.0]


def test_a_frame_with_other_row_labels_is_matched_by_session_id() -> None:
    everything = _family()
    families = family_totals(everything)
    kid_first = everything.iloc[[1, 0]].reset_index(drop=True)  # labels 0, 1 now hold kid, root
    matched = with_family(kid_first, families)
    assert matched["family_acus"].tolist() == [5.5, 15.5]
