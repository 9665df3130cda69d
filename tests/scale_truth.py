"""An organization of 10,000 sessions on a movable clock, and what its complete export must hold.

The truth is read from the emulator's own payloads (drifted ones included) with the rules the API
documentation gives, never from the client's parsing: an id gains ``devin-``, epoch values above
10^11 are milliseconds, a missing field is empty, a ``null`` list has no items, a pull request
without a state makes the merged count unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from frozen_time import FROZEN_NOW

from devin_data.emulator import DemoOrg, Emulator
from devin_data.frames.export import EXPORT_COLUMNS
from devin_data.models import SESSION_PREFIX

SESSIONS = 10_000
ANCHOR = FROZEN_NOW
DAYS = 60  # inside the default 90-day span, so a cold sync covers every session
Row = dict[str, Any]
_MS = 100_000_000_000


def scale_org(seed: int = 11) -> DemoOrg:
    return DemoOrg.generate(SESSIONS, seed, ANCHOR, days=DAYS)


@dataclass
class Clock:
    """The emulator's time; tests move it forward between syncs."""

    now: float

    def __call__(self) -> float:
        return self.now

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.now, tz=UTC)


def _seconds(value: float) -> float:
    return value / 1000 if value >= _MS else value


def _iso(value: float) -> str:
    return datetime.fromtimestamp(_seconds(value), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _states(pull_requests: list[Mapping[str, Any]]) -> list[Any]:
    return [pr.get("pr_state") for pr in pull_requests]


def truth_row(payload: Mapping[str, Any]) -> Row:
    """The export row of one served session-insights payload."""
    sid = str(payload["session_id"])
    prs = payload.get("pull_requests") or []
    row = {
        name: payload.get(name)
        for name in EXPORT_COLUMNS
        if name
        not in (
            "created_at",
            "updated_at",
            "pr_count",
            "prs_merged",
            "prs_state_unknown",
            "has_analysis",
        )
    }
    return row | {
        "session_id": sid if sid.startswith(SESSION_PREFIX) else SESSION_PREFIX + sid,
        "created_at": _iso(payload["created_at"]),
        "updated_at": _iso(payload.get("updated_at") or payload["created_at"]),
        "pr_count": len(prs),
        # A PR the API calls merged is merged, whatever the other PRs' states.
        "prs_merged": _states(prs).count("merged"),
        "prs_state_unknown": _states(prs).count(None),
        "has_analysis": payload.get("analysis") is not None,
    }


def served_payloads(
    emulator: Emulator, now: float, shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The insights payload of every session that exists at ``now``, as ``shape`` serves it."""
    payloads = [
        emulator.session_payload(ref, insights=True, now=now)
        for ref in emulator.org.visible_sessions(now)
    ]
    return [shape(p) for p in payloads] if shape else payloads


def truth(payloads: Iterable[Mapping[str, Any]]) -> dict[str, Row]:
    rows = [truth_row(p) for p in payloads]
    by_id = {row["session_id"]: row for row in rows}
    assert len(by_id) == len(rows) >= SESSIONS * 0.9
    return by_id


def export_rows(frame: pd.DataFrame) -> dict[str, Row]:
    """The rows of an export (a frame or a file read back), NA as None, keyed by session id."""
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    plain = frame.astype(object).where(frame.notna(), None)
    rows = plain.to_dict("records")
    duplicated = [sid for sid, n in Counter(r["session_id"] for r in rows).items() if n > 1]
    assert duplicated == []
    return {str(row["session_id"]): row for row in rows}


def assert_export_is_truth(
    frame: pd.DataFrame, expected: Mapping[str, Row], names: Mapping[str, str] | None = None
) -> None:
    """Every session exactly once, every exported value the emulator's; ``user_name`` is the
    member's name from ``names`` (by user id), or empty when the export had no members list."""
    known = names or {}
    expected = {
        sid: {**row, "user_name": known.get(row["user_id"])} for sid, row in expected.items()
    }
    got = export_rows(frame)
    assert sorted(set(got) - set(expected))[:5] == []
    assert sorted(set(expected) - set(got))[:5] == []
    wrong = [
        (sid, name, row[name], expected[sid][name])
        for sid, row in got.items()
        for name in EXPORT_COLUMNS
        if row[name] != expected[sid][name]
    ]
    assert wrong[:10] == [], f"{len(wrong)} values differ"
