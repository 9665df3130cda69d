"""summary_sentences: what happened, and what changed most only when the comparison is fair."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from frame_fakes import frame, record, utc

from devin_data.analytics import summary_sentences
from devin_data.models import Session, normalize_v1

ROWS = frame(
    [record(f"p{i}", created=utc(2026, 2, 22 + i), acus_consumed=1.0) for i in range(2)]
    + [
        record(
            f"n{i}",
            created=utc(2026, 3, 1) + timedelta(hours=i),
            acus_consumed=2.0,
            category="bug_fixing" if i < 3 else "code_review",
            origin="slack",
            pull_requests=[{"pr_url": "u", "pr_state": "merged"}] if i == 0 else [],
        )
        for i in range(4)
    ]
)


def test_summary_with_comparison() -> None:
    got = summary_sentences(ROWS, utc(2026, 3, 1), utc(2026, 3, 8), utc(2026, 1, 1))
    assert got == [
        "4 sessions were created from 1 Mar 2026 to 7 Mar 2026, using 8.00 ACUs "
        "(2.00 per session).",
        "1 of them (25.0%) produced a merged pull request.",
        "The most common category was Bug fixing (75.0% of categorised sessions).",
        "The most common origin was Slack (100.0% of sessions).",
        "Sessions rose 100% compared with the previous 7 days (2 → 4).",
        "ACUs reported by sessions rose 300% compared with the previous 7 days (2.00 → 8.00).",
    ]


def test_summary_skips_the_comparison_when_not_covered() -> None:
    got = summary_sentences(ROWS, utc(2026, 3, 1), utc(2026, 3, 8), utc(2026, 2, 25))
    assert len(got) == 4
    assert not any("compared with" in sentence for sentence in got)


def test_summary_dates_use_the_callers_timezone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start, end = datetime(2026, 3, 1, tzinfo=berlin), datetime(2026, 3, 2, tzinfo=berlin)
    got = summary_sentences(ROWS, start, end, None)
    assert got[0].startswith("4 sessions were created on 1 Mar 2026,")
    # The previous day had no sessions: no percentage change to report.
    assert len(got) == 4


def test_summary_of_an_empty_period() -> None:
    got = summary_sentences(ROWS, utc(2025, 1, 1), utc(2025, 2, 1), None)
    assert got == ["No sessions were created from 1 Jan 2025 to 31 Jan 2025."]


def test_summary_uses_a_comparison_the_caller_already_has() -> None:
    from devin_data.analytics import compare_periods

    start, end, covered = utc(2026, 3, 1), utc(2026, 3, 8), utc(2026, 1, 1)
    compared = compare_periods(ROWS, start, end, covered)
    assert summary_sentences(ROWS, start, end, covered, compared) == summary_sentences(
        ROWS, start, end, covered
    )
    assert summary_sentences(ROWS, start, end, covered, []) == summary_sentences(
        ROWS, start, end, utc(2026, 2, 25)
    )


def _v1(sid: str, created: datetime, pr: bool) -> dict:
    payload = {
        "session_id": sid,
        "status": "exit",
        "created_at": created.isoformat(),
        "pull_request": {"url": f"https://github.com/acme/web/pull/{sid}"} if pr else None,
        "messages": [{"type": "user_message", "timestamp": created, "origin": "slack"}],
    }
    return normalize_v1(Session.model_validate(payload)).to_record()


def test_a_v1_summary_says_what_the_api_does_not_report() -> None:
    rows = frame([_v1(f"v{i}", utc(2026, 3, 2, i), pr=i < 2) for i in range(4)])
    got = summary_sentences(rows, utc(2026, 3, 1), utc(2026, 3, 8), utc(2026, 1, 1), api="v1")
    assert got == [
        "4 sessions were created from 1 Mar 2026 to 7 Mar 2026; their ACUs are not reported "
        "by the v1 API; use a v3 key.",
        "2 of them (50.0%) opened a pull request; whether it was merged is not reported by the "
        "v1 API; use a v3 key.",
        "Categories are not reported by the v1 API; use a v3 key.",
        "The most common origin was Slack (100.0% of sessions).",
    ]
    assert not any(re.search(r"(?<![\d.])0\.0+(?!\d)", sentence) for sentence in got)


def test_unreported_values_are_left_out_and_said() -> None:
    rows = frame(
        [
            record("a", created=utc(2026, 3, 2), acus_consumed=3.0),
            record("b", created=utc(2026, 3, 2), acus_consumed=None, pull_requests=[{"url": "u"}]),
            record(
                "c",
                created=utc(2026, 3, 2),
                acus_consumed=1.0,
                pull_requests=[{"pr_url": "v", "pr_state": "merged"}],
            ),
        ]
    )
    got = summary_sentences(rows, utc(2026, 3, 2), utc(2026, 3, 3), None)
    assert got[:2] == [
        "3 sessions were created on 2 Mar 2026, using 4.00 ACUs (2.00 per session; ACUs of 1 of "
        "3 sessions not reported).",
        "1 of them (33.3%) produced a merged pull request (pull request state of 1 of 3 sessions "
        "not reported).",
    ]


def _sized(prefix: str, day: int, sessions: int, large: int) -> list[dict]:
    return [
        record(
            f"{prefix}{i}", created=utc(2026, 3, day, 12), session_size="l" if i < large else "m"
        )
        for i in range(sessions)
    ]


def test_a_share_changes_in_percentage_points() -> None:
    rows = frame(_sized("p", 1, 125, 24) + _sized("n", 2, 125, 23) + _sized("x", 2, 10, 0))
    got = summary_sentences(rows, utc(2026, 3, 2), utc(2026, 3, 3), None)
    assert got[-2:] == [
        "Sessions rose 8% compared with the previous day (125 → 135).",
        "Large sessions (l/xl) fell 2.2 pp compared with the previous day (19.2% → 17.0%).",
    ]
