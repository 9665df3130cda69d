"""The API's vocabulary and the plain values every model is built from: ids, times and text.

Every vocabulary is an open set: unknown values are kept as they come. Session ids carry the
``devin-`` prefix; times are aware UTC datetimes, read from epoch seconds (or milliseconds) or
ISO-8601 text. Text is kept to a bounded length (see :func:`capped`), so one absurd value cannot
fill the memory of a sync or of a page.
"""

from __future__ import annotations

from datetime import UTC, datetime

SESSION_PREFIX = "devin-"
# Epoch values from here on are milliseconds: the first second past 9999-12-31, so any date a
# datetime can hold (a "9999-12-31" sentinel too) is read in seconds, never as one in the 1970s.
_MS_THRESHOLD = 253_402_300_800
ID_LIMIT = 200  # a longer session id is not an id: the record is set aside, not stored
TEXT_LIMIT = 2_000  # titles, urls, user ids and the other short text of a session
PROSE_LIMIT = 20_000  # the paragraphs of an analysis (prompts, issues, timeline events)
LIST_LIMIT = 100  # tags, and the languages and tools of a classification
TRUNCATED = " … [truncated]"

TERMINAL_STATUSES = frozenset({"exit", "error", "suspended"})

# Known values, in display order. Every one is an open set: unknown values are kept as they come.
STATUSES = ("new", "creating", "claimed", "running", "resuming", "suspended", "exit", "error")
STATUS_DETAILS = (
    "working",
    "waiting_for_user",
    "waiting_for_approval",
    "finished",
    "inactivity",
    "user_request",
    "usage_limit_exceeded",
    "out_of_credits",
    "out_of_quota",
    "no_quota_allocation",
    "payment_declined",
    "org_usage_limit_exceeded",
    "total_session_limit_exceeded",
    "error",
)
ORIGINS = (
    "webapp",
    "slack",
    "teams",
    "api",
    "linear",
    "jira",
    "scheduled",
    "automation",
    "cli",
    "desktop",
    "code_scan",
    "other",
)
CATEGORIES = (
    "bug_fixing",
    "ci_cd_and_devops",
    "code_quality_and_security",
    "code_review",
    "code_review_and_analysis",
    "data_and_automation",
    "documentation_and_content",
    "feature_development",
    "migrations_and_upgrades",
    "other",
    "production_investigation",
    "refactoring_and_optimization",
    "research_and_exploration",
    "security",
    "unit_test_generation",
)
SESSION_SIZES = ("xs", "s", "m", "l", "xl")
ACTION_ITEM_TYPES = ("knowledge", "machine_setup", "other", "prompt_improvement", "repo_config")
PR_STATES = ("open", "merged", "closed")

# v1 ``status_enum`` mapped onto the v3 (status, status_detail) vocabulary.
V1_STATUS_MAP: dict[str, tuple[str, str | None]] = {
    "working": ("running", "working"),
    "running": ("running", "working"),
    "blocked": ("running", "waiting_for_user"),
    "finished": ("exit", "finished"),
    "expired": ("suspended", "inactivity"),
    "stopped": ("exit", None),
    "suspend_requested": ("suspended", "user_request"),
    "suspend_requested_frontend": ("suspended", "user_request"),
    "resume_requested": ("resuming", None),
    "resume_requested_frontend": ("resuming", None),
    "resumed": ("running", "working"),
}
V1_ORIGIN_MAP = {"web": "webapp", "app": "webapp"}


def normalize_session_id(value: object) -> str:
    """``abc`` and ``devin-abc`` are the same session; the canonical form has the prefix."""
    text = str(value).strip()
    if not text:
        raise ValueError("empty session id")
    if len(text) > ID_LIMIT:
        raise ValueError(f"a session id of {len(text):,} characters")
    return text if text.startswith(SESSION_PREFIX) else SESSION_PREFIX + text


def capped(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with a visible marker; shorter text as it is."""
    return text if len(text) <= limit else text[:limit] + TRUNCATED


def capped_list(items: list[str]) -> list[str]:
    """At most :data:`LIST_LIMIT` strings, each :func:`capped`."""
    return [capped(item) for item in items[:LIST_LIMIT]]


def to_utc(value: object) -> datetime:
    """Epoch seconds (int/float/str of digits, ms recognised) or ISO-8601 -> aware UTC datetime."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, bool):
        raise ValueError("a boolean is not a timestamp")
    if isinstance(value, int | float):
        seconds = float(value)
        if abs(seconds) >= _MS_THRESHOLD:
            seconds /= 1000.0
        return datetime.fromtimestamp(seconds, tz=UTC)
    if isinstance(value, str):
        text = value.strip()
        try:
            return to_utc(float(text))
        except ValueError:
            pass
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        parsed = datetime.fromisoformat(text)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    raise ValueError(f"not a timestamp: {value!r}")


def epoch(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()
