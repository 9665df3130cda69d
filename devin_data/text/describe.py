"""Plain-text descriptions of the connection, the cache and the last sync, for the Data page.

Pure functions returning (label, value) rows, so what the page shows (and never shows: the full
API key) is tested without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from devin_data.clock_skew import describe_skew
from devin_data.config import Settings
from devin_data.models import SESSION_PREFIX
from devin_data.models.state import LastSync, SyncState

Row = tuple[str, str]
FAILURE_COLUMNS = ("Session", "Problem", "Reason", "When", "Where")

_UNITS = ("bytes", "KB", "MB", "GB", "TB")
_MODES = {
    "cold": "first sync",
    "incremental": "incremental",
    "resume": "resumed an interrupted sync",
}
_PROBLEMS = {
    "fetch": "could not be fetched",
    "quarantined": "malformed: set aside, not stored",
    "suspect": "suspect value: stored as sent",
}


def connection_rows(settings: Settings) -> list[Row]:
    """Which API and organization the app reads; of the key, only its last four characters."""
    if settings.demo or settings.api_key is None:
        return [
            ("Connection", settings.describe()),
            ("API version", settings.api_version),
            ("Organization", settings.effective_org_id or "–"),
            ("API key", "demo"),
        ]
    return [
        ("Connection", "Devin API"),
        ("Base URL", settings.effective_base_url),
        ("API version", settings.api_version),
        ("Organization", settings.effective_org_id or "– (none: v1 key)"),
        ("API key", settings.api_key.masked()),
    ]


def human_size(size: int) -> str:
    """A byte count the way people read it: "812 bytes", "1.4 MB"."""
    value = float(size)
    for unit in _UNITS:
        if value < 1024 or unit == _UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def relative_age(moment: float, now: float) -> str:
    """How long ago an epoch moment was, in the largest whole unit ("3 min ago")."""
    seconds = max(0.0, now - moment)
    if seconds < 60:
        return "just now"
    for size, unit in ((86_400, "day"), (3_600, "hour"), (60, "min")):
        if seconds >= size:
            count = int(seconds // size)
            plural = "s" if count > 1 and unit != "min" else ""
            return f"{count} {unit}{plural} ago"
    raise AssertionError("unreachable")


def freshness(state: SyncState, now: float) -> str:
    """ "Synced 3 min ago", in the same words as the Data page, and how many sessions opening
    them brought up to date since (their newer versions are in the figures too)."""
    if not state.finished_at:
        return "Never synced"
    status = f"Synced {relative_age(state.finished_at, now)}"
    refreshed = len(state.refreshed_since_sync())
    if refreshed:
        status += f" · {refreshed} session{'s' if refreshed > 1 else ''} refreshed since"
    return status


def local_moment(moment: float, tz: str) -> str:
    """An epoch moment as a wall-clock time in ``tz`` (UTC when the zone is unknown)."""
    zone: tzinfo
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        zone, tz = UTC, "UTC"
    return f"{datetime.fromtimestamp(moment, tz=zone):%Y-%m-%d %H:%M} {tz}"


def sync_rows(
    report: LastSync | None,
    tz: str,
    now: float,
    future_updates: Mapping[str, float] | None = None,
) -> list[Row]:
    """The last sync report as rows; empty when never synced. ``future_updates`` names the
    sessions whose updated time lies after the API's own clock, a row of their own when there
    are any."""
    if report is None:
        return []
    finished = report.finished_at
    fetched = "–"
    if report.fetched is not None:
        fetched = (
            f"{_count(report.fetched)} sessions: {_count(report.new)} new, "
            f"{_count(report.changed)} changed, {_count(report.unchanged)} unchanged"
        )
    coverage = report.coverage_start
    mode = report.mode or "–"
    clock = [("API clock", describe_skew(report.clock_skew))]
    return [
        ("Finished", f"{local_moment(finished, tz)} ({relative_age(finished, now)})"),
        ("Mode", _MODES.get(mode, mode)),
        ("Fetched", fetched),
        ("Sessions cached", _count(report.sessions_total)),
        ("Requests", f"{_count(report.requests)} ({_count(report.retries)} retried)"),
        ("Took", f"{report.seconds or 0.0:.1f} s"),
        ("Failed sessions", _count(report.failures)),
        *_problem_rows(report),
        ("Covers sessions created since", "–" if coverage is None else local_moment(coverage, tz)),
        *(clock if report.clock_checked else []),
        *(
            [("Updated after the API's clock", _future_updates(future_updates, tz))]
            if future_updates
            else []
        ),
    ]


def _problem_rows(report: LastSync) -> list[Row]:
    """The malformed items and suspect values the sync met, when it met any."""
    rows = [
        ("Set aside as malformed", report.quarantined_count),
        ("Stored with suspect values", report.suspect_count),
    ]
    return [(label, _count(count)) for label, count in rows if count]


def failure_rows(failures: Mapping[str, Mapping[str, object]], tz: str) -> list[tuple[str, ...]]:
    """The sessions that failed to load (:data:`FAILURE_COLUMNS`), named by session id, or by
    where they were on a page when they came without one."""
    rows: list[tuple[str, ...]] = []
    for key, entry in sorted(failures.items()):
        kind = str(entry.get("kind") or "fetch")
        at = _number(entry.get("at"))
        rows.append(
            (
                key if key.startswith(SESSION_PREFIX) else "no session id",
                _PROBLEMS.get(kind, kind),
                str(entry.get("reason", "")),
                "–" if at is None else local_moment(at, tz),
                str(entry.get("where") or "–"),
            )
        )
    return rows


def _future_updates(future_updates: Mapping[str, float], tz: str) -> str:
    """The sessions stamped in the API's future, with their times, the latest first."""
    ordered = sorted(future_updates.items(), key=lambda pair: (-pair[1], pair[0]))
    return ", ".join(f"{sid} ({_moment_or_raw(at, tz)})" for sid, at in ordered)


def _moment_or_raw(at: float, tz: str) -> str:
    try:
        return local_moment(at, tz)
    except (ValueError, OverflowError, OSError):
        return f"epoch {at:g}"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"
