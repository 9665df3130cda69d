"""Pull requests without a state, as the API sometimes sends them (``"pr_state": null``).

With ``Emulator(unstated_prs=True)`` the last pull request of about half of the v3 sessions that
opened two or more is served without a state; which ones depends only on the session's id, so
every request serves them alike and :func:`unstated_session` lets a test predict it. The other
pull requests keep their state, so a session can have one merged PR beside one without a state.
"""

from __future__ import annotations

import zlib
from typing import Any

from devin_data.models import SESSION_PREFIX

Item = dict[str, Any]
_SESSION_KINDS = frozenset({"v3_list", "v3_list_insights", "v3_get", "v3_get_insights"})


def loses_a_state(session_id: str) -> bool:
    """Whether this session's last pull request is served without a state (when it has two)."""
    return zlib.crc32(session_id.removeprefix(SESSION_PREFIX).encode()) % 2 == 0


def unstated_session(item: Item) -> Item:
    """A copy of one v3 session payload with its last pull request's state left out."""
    prs = item.get("pull_requests") or []
    if len(prs) < 2 or not loses_a_state(str(item["session_id"])):
        return item
    return {**item, "pull_requests": [*prs[:-1], {**prs[-1], "pr_state": None}]}


def unstated(kind: str, body: Any) -> Any:
    """The body of a ``kind`` route with those states left out; other routes unchanged."""
    if kind not in _SESSION_KINDS:
        return body
    if kind.startswith("v3_list"):
        return {**body, "items": [unstated_session(item) for item in body["items"]]}
    return unstated_session(body)
