"""Sessions of a v3 list page read straight into the cached record shape, without pydantic.

A cold sync reads every session of the organization once, so the read must cost a few
microseconds. :func:`session_item` gives exactly what ``Session.model_validate(item)`` followed
by ``to_record()`` and ``analysis_record()`` would give, for every item whose fields have the
documented JSON types; any other item (a number where text belongs, a nested object with a field
of its own, a v1 shape) goes through the pydantic model, which either reads it the lenient way
or rejects it with the same message as before. Text is capped as the model caps it (see
:mod:`devin_data.models.schema`); the converters live in :mod:`devin_data.models.convert`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from devin_data.models.convert import (
    Convert,
    Irregular,
    Record,
    anys,
    capped_any,
    count,
    empty,
    enum,
    epoch_of,
    flag,
    flat,
    ids,
    list_of,
    none,
    number,
    obj,
    optional,
    parent,
    required_prose,
    status,
    words,
)
from devin_data.models.schema import Session
from devin_data.models.values import TEXT_LIMIT, capped, normalize_session_id

__all__ = ["Irregular", "Item", "read_item", "session_item"]


@dataclass(frozen=True)
class Item:
    """One session as the store keeps it: the record, the analysis and (v1) the messages."""

    record: Record
    analysis: Record | None = None
    messages: list[Record] | None = field(default=None, compare=False)

    @property
    def session_id(self) -> str:
        session_id: str = self.record["session_id"]
        return session_id

    @property
    def updated_at(self) -> float:
        updated: float = self.record["updated_at"]
        return updated

    @classmethod
    def of(cls, session: Session) -> Item:
        """The stored form of a parsed model (v1 details, single-session reads)."""
        messages = [m.to_record() for m in session.messages] if session.messages else None
        return cls(session.to_record(), session.analysis_record(), messages)


_PR = flat(text=("pr_url",), enums=("pr_state",))
_FEEDBACK = flat(text=("issue_id",), required=("summary", "excerpt", "details"))
_ANALYSIS_FIELDS: dict[str, tuple[Convert, Any]] = {
    "classification": (
        optional(
            obj(
                {
                    "category": (enum, none),
                    "confidence": (number, none),
                    "programming_languages": (words, list),
                    "tools_and_frameworks": (words, list),
                }
            )
        ),
        none,
    ),
    "issues": (
        list_of(flat(text=("id", "impact", "label"), required=("issue",))),
        list,
    ),
    "action_items": (
        list_of(flat(text=("issue_id",), required=("action_item",), enums=("type",))),
        list,
    ),
    "timeline": (
        list_of(flat(text=("color", "issue_id"), required=("title", "description"))),
        list,
    ),
    "suggested_prompt": (
        optional(
            obj(
                {
                    "original_prompt": (required_prose, empty),
                    "suggested_prompt": (required_prose, empty),
                    "feedback_items": (
                        list_of(_FEEDBACK),
                        list,
                    ),
                }
            )
        ),
        none,
    ),
    "note_usage": (
        optional(obj({"good_usages": (anys, list), "bad_usages": (anys, list)})),
        none,
    ),
}
# The plain fields of a session, checked inline (a call per field would double the cost).
_TEXT_FIELDS = (
    "url",
    "org_id",
    "title",
    "subcategory",
    "user_id",
    "service_user_id",
    "playbook_id",
    "requesting_user_email",
)
_ENUM_FIELDS = ("status_detail", "origin", "category", "session_size", "status_enum")
# The other fields of a session, each read by its converter.
_OTHER_FIELDS: dict[str, tuple[Convert, Any]] = {
    "status": (status, lambda: "unknown"),
    "tags": (words, list),
    "acus_consumed": (number, none),
    "pull_requests": (list_of(_PR), list),
    "parent_session_id": (parent, none),
    "child_session_ids": (ids, list),
    "is_archived": (flag, lambda: False),
    "structured_output": (capped_any, none),
    "num_devin_messages": (count, none),
    "num_user_messages": (count, none),
}
_SPECIAL = frozenset({"session_id", "created_at", "updated_at", "analysis", "messages"})
_FALLBACK_KEYS = frozenset({"pull_request"})  # the v1 single-PR shape
# Every field the reader knows; any other is an extra, kept as it came.
_KNOWN = frozenset({*_TEXT_FIELDS, *_ENUM_FIELDS, *_OTHER_FIELDS, *_SPECIAL})


def _analysis(value: Any) -> Record:
    if type(value) is not dict:
        raise Irregular
    out: Record = {}
    for name, (read, default) in _ANALYSIS_FIELDS.items():
        out[name] = read(value[name]) if name in value else default()
    for name, extra in value.items():
        if name not in _ANALYSIS_FIELDS:
            out[name] = extra
    return out


def _fast(raw: Mapping[str, Any]) -> Item:
    if type(raw) is not dict or _FALLBACK_KEYS & raw.keys() or raw.get("messages"):
        raise Irregular
    record: Record = {"session_id": normalize_session_id(required_prose(raw["session_id"]))}
    get = raw.get
    for name in _TEXT_FIELDS:
        value = get(name)
        if value is not None:
            if type(value) is not str:
                raise Irregular
            if len(value) > TEXT_LIMIT:
                value = capped(value)
        record[name] = value
    for name in _ENUM_FIELDS:
        value = get(name)
        if value is not None:
            if type(value) is not str:
                raise Irregular
            value = value.strip().lower() or None
            if value is not None and len(value) > TEXT_LIMIT:
                value = capped(value)
        record[name] = value
    for name, (read, default) in _OTHER_FIELDS.items():
        record[name] = read(raw[name]) if name in raw else default()
    for name, extra in raw.items():
        if name not in _KNOWN:
            record[name] = capped_any(extra)
    created = epoch_of(raw["created_at"])
    updated = get("updated_at")
    record["created_at"] = created
    record["updated_at"] = created if updated is None else epoch_of(updated)
    analysis = get("analysis")
    parsed = None if analysis is None else _analysis(analysis)
    record["has_analysis"] = parsed is not None
    return Item(record, parsed)


def read_item(raw: Any) -> Item | None:
    """One list item as the store keeps it; None when it needs the pydantic model."""
    try:
        return _fast(raw)
    except (Irregular, KeyError, ValueError):
        return None


def session_item(raw: Any) -> Item:
    """One list item as the store keeps it (pydantic for anything unusual; see the module)."""
    return read_item(raw) or Item.of(Session.model_validate(raw))
