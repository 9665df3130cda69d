"""Learning-curve buckets, ranks and team roll-ups on a small hand-made frame."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from frame_fakes import T0, frame, record

from devin_data.analytics.learning import (
    ALL_PEOPLE,
    NO_TEAM,
    learning_curves,
    session_ranks,
    team_rollup,
)


def _sessions() -> pd.DataFrame:
    """Ann: 22 sessions, her first 5 large with many messages, later ones small and merged.
    Bob: 3 sessions, none merged. The records come newest first, so ranks must sort."""
    records = []
    for n in range(22):
        early = n < 5
        records.append(
            record(
                f"devin-a{n:02d}",
                created=T0 + timedelta(hours=n),
                user_id="user-ann",
                session_size="l" if early else "s",
                num_user_messages=8 if early else 2,
                pull_requests=[] if early else [{"pr_url": f"u{n}", "pr_state": "merged"}],
            )
        )
    for n in range(3):
        records.append(
            record(
                f"devin-b{n}",
                created=T0 + timedelta(hours=n),
                user_id="user-bob",
                session_size=None,
                num_user_messages=4,
            )
        )
    built = frame(reversed(records))
    teams = built["user_id"].map({"user-ann": "Search"}).astype("str")
    return built.assign(team=teams)


def test_ranks_count_each_person_in_time_order() -> None:
    sessions = _sessions()
    ranks = session_ranks(sessions)
    by_id = dict(zip(sessions["session_id"], ranks, strict=True))
    assert by_id["devin-a00"] == 1
    assert by_id["devin-a21"] == 22
    assert by_id["devin-b2"] == 3


def test_buckets_pool_people_and_split_by_team() -> None:
    sessions = _sessions()
    curves = learning_curves(sessions, session_ranks(sessions))
    pooled = curves[curves["team"] == ALL_PEOPLE].astype({"bucket": "str"}).set_index("bucket")
    assert pooled["sessions"].to_dict() == {"1st–5th": 8, "6th–20th": 15, "21st+": 2}
    assert pooled["people"].to_dict() == {"1st–5th": 2, "6th–20th": 1, "21st+": 1}
    # Ann's first five have no PRs (known: none merged), Bob's three likewise.
    assert pooled.loc["1st–5th", "merged_pr_rate"] == 0.0
    assert pooled.loc["6th–20th", "merged_pr_rate"] == 1.0
    # Bob's sessions have no size: left out of the share, not counted as small.
    assert pooled.loc["1st–5th", "share_large"] == 1.0
    assert pooled.loc["1st–5th", "user_messages_per_session"] == (5 * 8 + 3 * 4) / 8
    search = curves[curves["team"] == "Search"].astype({"bucket": "str"}).set_index("bucket")
    assert search["sessions"].to_dict() == {"1st–5th": 5, "6th–20th": 15, "21st+": 2}
    nobody = curves[curves["team"] == NO_TEAM]
    assert nobody["sessions"].tolist() == [3]


def test_team_rollup_sums_each_team() -> None:
    rollup = team_rollup(_sessions()).set_index("team")
    assert rollup.loc["Search", "sessions"] == 22
    assert rollup.loc[NO_TEAM, "people"] == 1
    assert rollup.loc["Search", "acus"] == 44.0
