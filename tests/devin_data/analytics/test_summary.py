"""summary_sentences: what happened, and what changed most only when the comparison is fair."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from frame_fakes import frame, record, utc

from devin_data.analytics import summary_sentences

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
        "4 sessions were created from 1 Mar 2026 to 7 Mar 2026, using 8.0 ACUs (2.00 per session).",
        "1 of them (25%) produced a merged pull request.",
        "The most common category was bug fixing (75% of categorised sessions).",
        "The most common origin was slack (100% of sessions).",
        "Sessions rose 100% compared with the previous 7 days (2 → 4).",
        "ACUs consumed rose 300% compared with the previous 7 days (2.0 → 8.0).",
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
