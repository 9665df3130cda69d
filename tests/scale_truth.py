"""An organization of 10,000 sessions on a movable clock, and what its complete export must hold.

The truth is read from the emulator's own payloads (drifted ones included) with the rules the API
documentation gives, never from the client's parsing: an id gains ``devin-``, epoch values above
10^11 are milliseconds, a missing field is empty, a ``null`` list has no items, a pull request the
API calls merged is merged (the count is unknown only when no pull request has a state), child
sessions are the API's child lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from frozen_time import FROZEN_NOW

from devin_data.emulator import DemoOrg, Emulator
from devin_data.frames.export import EXPORT_COLUMNS, LIST_COLUMNS
from devin_data.frames.repositories import repository_of
from devin_data.models import SESSION_PREFIX
from devin_data.text.labels import label

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


def _sid(value: Any) -> str:
    text = str(value)
    return text if text.startswith(SESSION_PREFIX) else SESSION_PREFIX + text


_AS_SERVED = ("url", "title", "subcategory", "num_user_messages", "num_devin_messages")
_LABELLED = ("status", "status_detail", "origin", "category", "session_size")


def _prs(prs: list[Mapping[str, Any]]) -> Row:
    """A PR the API calls merged is merged, whatever the other PRs' states; the merged count is
    unknown only when no PR has a state."""
    states = _states(prs)
    unknown = bool(prs) and all(state is None for state in states)
    repos = (repository_of(pr.get("pr_url")) for pr in prs)
    return {
        "repositories": list(dict.fromkeys(repo for repo in repos if repo)),
        "pr_count": len(prs),
        "prs_merged": None if unknown else states.count("merged"),
        "prs_state_unknown": states.count(None),
    }


def truth_row(payload: Mapping[str, Any]) -> Row:
    """The export row of one served session-insights payload (family figures and the
    organization apart: see :func:`truth`)."""
    created = _seconds(payload["created_at"])
    updated = _seconds(payload.get("updated_at") or payload["created_at"])
    parent = payload.get("parent_session_id")
    row: Row = {name: payload.get(name) for name in (*_AS_SERVED, "acus_consumed", "playbook_id")}
    for name in _LABELLED:
        code = payload.get(name)
        row |= {name: None if code is None else label(code), f"{name}_code": code}
    return row | {
        "session_id": _sid(payload["session_id"]),
        "created_at": _iso(created),
        "updated_at": _iso(updated),
        "duration_minutes": float(np.round((updated - created) / 60, 1)),
        "user_id": payload.get("service_user_id") or payload.get("user_id"),
        "tags": list(payload.get("tags") or []),
        **_prs(payload.get("pull_requests") or []),
        "has_analysis": payload.get("analysis") is not None,
        "parent_session_id": _sid(parent) if parent else None,
        "child_session_ids": sorted(_sid(c) for c in payload.get("child_session_ids") or []),
        "schedule_id": None,
    }


_FAMILY = {
    "acus_consumed": "family_acus",
    "num_user_messages": "family_user_messages",
    "num_devin_messages": "family_devin_messages",
    "pr_count": "family_prs",
    "prs_merged": "family_prs_merged",
}


def _descendants(rows: Mapping[str, Row], sid: str) -> list[str]:
    """The served sessions ``sid`` started, theirs, and so on, from the API's child lists."""
    found: list[str] = []
    todo = [c for c in rows[sid]["child_session_ids"] if c in rows]
    while todo:
        child = todo.pop()
        found.append(child)
        todo += [c for c in rows[child]["child_session_ids"] if c in rows]
    return found


def _with_family(rows: dict[str, Row]) -> None:
    """Each row's children (those of the API's child list and those naming it as their parent: a
    ``null`` child list says nothing), and its figures with its descendants' (a value not reported
    counts as 0 in a family; a session without descendants shows its own value)."""
    for sid, row in rows.items():
        parent = row["parent_session_id"]
        if parent in rows and sid not in rows[parent]["child_session_ids"]:
            rows[parent]["child_session_ids"] = sorted([*rows[parent]["child_session_ids"], sid])
    for sid, row in rows.items():
        family = [sid, *_descendants(rows, sid)]
        row["family_sessions"] = len(family)
        for own, total in _FAMILY.items():
            if len(family) == 1:
                row[total] = row[own]
                continue
            summed = sum(rows[member][own] or 0 for member in family)
            row[total] = round(summed, 6) if own == "acus_consumed" else int(summed)


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
    """The export rows of the served payloads, by id (the organization apart)."""
    rows = [truth_row(p) for p in payloads]
    by_id = {row["session_id"]: row for row in rows}
    assert len(by_id) == len(rows) >= SESSIONS * 0.9
    _with_family(by_id)
    return by_id


def export_rows(frame: pd.DataFrame) -> dict[str, Row]:
    """The rows of an export (a frame or a file read back), NA as None, keyed by session id."""
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    plain = frame.astype(object).where(frame.notna(), None)
    for name in LIST_COLUMNS:  # Parquet reads lists back as arrays
        plain[name] = [list(value) for value in plain[name]]
    rows = plain.to_dict("records")
    duplicated = [sid for sid, n in Counter(r["session_id"] for r in rows).items() if n > 1]
    assert duplicated == []
    return {str(row["session_id"]): row for row in rows}


def assert_export_is_truth(
    frame: pd.DataFrame,
    expected: Mapping[str, Row],
    names: Mapping[str, str] | None = None,
    org: tuple[str | None, str | None] = (None, None),
) -> None:
    """Every session exactly once, every exported value the emulator's; ``user_name`` is the
    member's name from ``names`` (by user id), or empty when the export had no members list;
    every row names the organization ``org`` (id, name)."""
    known = names or {}
    expected = {
        sid: {**row, "user_name": known.get(row["user_id"]), "org_id": org[0], "org_name": org[1]}
        for sid, row in expected.items()
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
    assert wrong[:10] == [], f"{len(wrong)} values differ: {wrong[:10]}"
