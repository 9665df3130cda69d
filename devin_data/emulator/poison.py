"""Malformed records: sessions served in a shape no client model reads.

``Emulator(poison={session_id: change})`` serves each named session, in every list (v3 sessions
and insights, v1) and in its own get, as ``change`` says: a dict is laid over the session's
payload (a field mapped to :data:`DROP` is removed), any other JSON value takes the payload's
place whole (a list where an object belongs). The other sessions are served as usual, so a test
sees whether one bad record costs the client itself and nothing else. ``poison`` may be replaced
between requests: a record the API later sends well-formed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devin_data.models import SESSION_PREFIX

Poison = Mapping[str, Any]
DROP: Any = type("Drop", (), {"__repr__": lambda self: "DROP"})()
_LISTS = {"v3_list": "items", "v3_list_insights": "items", "v1_list": "sessions"}
_SINGLES = frozenset({"v3_get", "v3_get_insights", "v1_get"})


def _id(value: object) -> str:
    text = str(value)
    return text if text.startswith(SESSION_PREFIX) else SESSION_PREFIX + text


def poisoned_item(item: Any, poison: Poison) -> Any:
    """``item`` as the poison (keyed by prefixed id) says; unchanged for another session."""
    if not isinstance(item, dict) or "session_id" not in item:
        return item
    change = poison.get(_id(item["session_id"]), item)
    if change is item:
        return item
    if not isinstance(change, Mapping):
        return change
    laid = {**item, **change}
    return {name: value for name, value in laid.items() if value is not DROP}


def poisoned(kind: str, body: Any, poison: Poison) -> Any:
    """The body of a ``kind`` route with the poisoned sessions in it; other routes unchanged."""
    if not poison:
        return body
    poison = {_id(key): change for key, change in poison.items()}
    if kind in _LISTS and isinstance(body, dict):
        field = _LISTS[kind]
        return {**body, field: [poisoned_item(item, poison) for item in body[field]]}
    if kind in _SINGLES:
        return poisoned_item(body, poison)
    return body
