"""Schema drift: session payloads as a newer or sloppier API might send them.

With ``Emulator(drift=True)`` every v3 session (list item or single get) is bent in a few of the
ways the API documentation allows: enum values this client has never seen, optional fields left
out, fields it does not know, ``null`` where a list is expected, ids without the ``devin-`` prefix
and epoch timestamps in milliseconds. Which bends a session gets depends only on its id, so it is
served the same way by every request, and :func:`drift_session` lets a test predict it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

from devin_data.models import SESSION_PREFIX

Item = dict[str, Any]

# Values outside every vocabulary the client knows (lower case, as the API writes its enums).
UNKNOWN_VALUES = {
    "status": "paused_by_admin",
    "status_detail": "awaiting_review",
    "origin": "github_app",
    "category": "data_science",
    "session_size": "xxl",
}
UNKNOWN_PR_STATE = "draft"
OPTIONAL_FIELDS = (
    "title",
    "status_detail",
    "subcategory",
    "acus_consumed",
    "num_user_messages",
    "num_devin_messages",
    "session_size",
    "user_id",
    "url",
    "playbook_id",
    "is_archived",
    "structured_output",
)
LIST_FIELDS = ("tags", "pull_requests", "child_session_ids")
ANALYSIS_LISTS = ("issues", "action_items", "timeline")
CLASSIFICATION_LISTS = ("programming_languages", "tools_and_frameworks")
EXTRA_FIELDS: Item = {"risk_score": 0.25, "workspace": {"region": "eu-west", "tiers": [1, 2]}}
_SESSION_KINDS = frozenset({"v3_list", "v3_list_insights", "v3_get", "v3_get_insights"})


def _unknown_enums(item: Item) -> None:
    for name, value in UNKNOWN_VALUES.items():
        if name in item:
            item[name] = value


def _unknown_pr_states(item: Item) -> None:
    item["pull_requests"] = [
        {**pr, "pr_state": UNKNOWN_PR_STATE, "draft_since": item["created_at"]}
        for pr in item.get("pull_requests") or []
    ]


def _extra_fields(item: Item) -> None:
    item.update(EXTRA_FIELDS)
    if item.get("analysis"):
        item["analysis"] = {**item["analysis"], "sentiment": {"score": 0.5}}


def _missing_fields(item: Item) -> None:
    for name in OPTIONAL_FIELDS:
        item.pop(name, None)


def _null_lists(item: Item) -> None:
    for name in LIST_FIELDS:
        item[name] = None
    analysis = item.get("analysis")
    if analysis:
        nulled: Item = {**analysis, **dict.fromkeys(ANALYSIS_LISTS)}
        if analysis.get("classification"):
            nulled["classification"] = {
                **analysis["classification"],
                **dict.fromkeys(CLASSIFICATION_LISTS),
            }
        item["analysis"] = nulled


def _bare_ids(item: Item) -> None:
    def bare(value: str) -> str:
        return value.removeprefix(SESSION_PREFIX)

    item["session_id"] = bare(item["session_id"])
    if item.get("parent_session_id"):
        item["parent_session_id"] = bare(item["parent_session_id"])
    if item.get("child_session_ids"):
        item["child_session_ids"] = [bare(child) for child in item["child_session_ids"]]


def _milliseconds(item: Item) -> None:
    for name in ("created_at", "updated_at"):
        if isinstance(item.get(name), int | float):
            item[name] = item[name] * 1000


# In the order they are applied: a later bend may undo an earlier one (a dropped field stays
# dropped, a null list stays null), as a real drifted answer would.
BENDS: tuple[tuple[str, Callable[[Item], None]], ...] = (
    ("unknown_enums", _unknown_enums),
    ("unknown_pr_states", _unknown_pr_states),
    ("extra_fields", _extra_fields),
    ("missing_fields", _missing_fields),
    ("null_lists", _null_lists),
    ("bare_ids", _bare_ids),
    ("milliseconds", _milliseconds),
)


def bends_of(session_id: str) -> tuple[str, ...]:
    """The names of the bends a session gets: each one for about half of the sessions."""
    bits = zlib.crc32(session_id.removeprefix(SESSION_PREFIX).encode())
    return tuple(name for k, (name, _) in enumerate(BENDS) if bits >> k & 1)


def drift_session(item: Item) -> Item:
    """A drifted copy of one v3 session (or session insights) payload."""
    chosen = set(bends_of(item["session_id"]))
    out = dict(item)
    for name, bend in BENDS:
        if name in chosen:
            bend(out)
    return out


def drifted(kind: str, body: Any) -> Any:
    """The body of a ``kind`` route as a drifting API would send it; other routes unchanged."""
    if kind not in _SESSION_KINDS:
        return body
    if kind.startswith("v3_list"):
        return {**body, "items": [drift_session(item) for item in body["items"]]}
    return drift_session(body)
