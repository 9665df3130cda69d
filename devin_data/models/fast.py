"""Sessions of a v3 list page read straight into the cached record shape, without pydantic.

A cold sync reads every session of the organization once, so the read must cost a few
microseconds. :func:`session_item` gives exactly what ``Session.model_validate(item)`` followed
by ``to_record()`` and ``analysis_record()`` would give, for every item whose fields have the
documented JSON types; any other item (a number where text belongs, a nested object with a field
of its own, a v1 shape) goes through the pydantic model, which either reads it the lenient way
or rejects it with the same message as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from devin_data.models.schema import Session
from devin_data.models.values import _MS_THRESHOLD, normalize_session_id, to_utc

Record = dict[str, Any]
Convert = Callable[[Any], Any]


class Irregular(Exception):
    """The item needs the pydantic model: a type or a shape the fast path does not read."""


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


def _text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise Irregular


def _required_text(value: Any) -> str:
    if type(value) is str:
        return value
    raise Irregular


def _enum(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        text = value.strip().lower()
        return text or None
    raise Irregular


def _float(value: Any) -> float | None:
    kind = type(value)
    if kind is float or kind is int:
        return float(value)
    if value is None:
        return None
    raise Irregular


def _int(value: Any) -> int | None:
    if value is None or type(value) is int:
        return value
    raise Irregular


def _bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise Irregular


def _strs(value: Any) -> list[str]:
    if value is None:
        return []
    if type(value) is list and all(type(item) is str for item in value):
        return list(value)
    raise Irregular


def _anys(value: Any) -> list[Any]:
    if value is None:
        return []
    if type(value) is list:
        return list(value)
    raise Irregular


def _ids(value: Any) -> list[str]:
    return [normalize_session_id(item) for item in _strs(value)]


def _parent(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return normalize_session_id(_required_text(value))


def _epoch(value: Any) -> float:
    """Epoch seconds as ``to_utc(value).timestamp()`` gives them, for the common case cheaply."""
    if type(value) is int and -_MS_THRESHOLD < value < _MS_THRESHOLD:
        return float(value)
    if type(value) in (int, float, str):
        try:
            return to_utc(value).timestamp()
        except (ValueError, OverflowError, OSError):
            raise Irregular from None
    raise Irregular


def _status(value: Any) -> str:
    return _enum(value) or "unknown"


def _obj(spec: Mapping[str, tuple[Convert, Any]]) -> Convert:
    """A converter for a nested object with exactly the fields of ``spec`` (each optional)."""

    def convert(value: Any) -> Record:
        if type(value) is not dict or not value.keys() <= spec.keys():
            raise Irregular
        out: Record = {}
        for name, (read, default) in spec.items():
            out[name] = read(value[name]) if name in value else default()
        return out

    return convert


def _flat(
    text: tuple[str, ...] = (), required: tuple[str, ...] = (), enums: tuple[str, ...] = ()
) -> Convert:
    """A converter for a nested object of text fields: an object that already has every field
    in its final form (the usual case) is kept as it is; any other goes through :func:`_obj`."""
    slow = _obj(
        dict.fromkeys(text, (_text, _none))
        | dict.fromkeys(required, (_required_text, _empty))
        | dict.fromkeys(enums, (_enum, _none))
    )
    names = frozenset((*text, *required, *enums))

    def convert(value: Any) -> Record:
        if type(value) is not dict or value.keys() != names:
            converted: Record = slow(value)
            return converted
        for name in text:
            item = value[name]
            if item is not None and type(item) is not str:
                raise Irregular
        for name in required:
            if type(value[name]) is not str:
                raise Irregular
        for name in enums:
            item = value[name]
            if item is not None and (type(item) is not str or not item or item != _enum(item)):
                redone: Record = slow(value)
                return redone
        return value

    return convert


def _optional(read: Convert) -> Convert:
    return lambda value: None if value is None else read(value)


def _list_of(read: Convert) -> Convert:
    return lambda value: [read(item) for item in _anys(value)]


def _none() -> None:
    return None


def _empty() -> str:
    return ""


_PR = _flat(text=("pr_url",), enums=("pr_state",))
_FEEDBACK = _flat(text=("issue_id",), required=("summary", "excerpt", "details"))
_ANALYSIS_FIELDS: dict[str, tuple[Convert, Any]] = {
    "classification": (
        _optional(
            _obj(
                {
                    "category": (_enum, _none),
                    "confidence": (_float, _none),
                    "programming_languages": (_strs, list),
                    "tools_and_frameworks": (_strs, list),
                }
            )
        ),
        _none,
    ),
    "issues": (
        _list_of(_flat(text=("id", "impact", "label"), required=("issue",))),
        list,
    ),
    "action_items": (
        _list_of(_flat(text=("issue_id",), required=("action_item",), enums=("type",))),
        list,
    ),
    "timeline": (
        _list_of(_flat(text=("color", "issue_id"), required=("title", "description"))),
        list,
    ),
    "suggested_prompt": (
        _optional(
            _obj(
                {
                    "original_prompt": (_required_text, _empty),
                    "suggested_prompt": (_required_text, _empty),
                    "feedback_items": (
                        _list_of(_FEEDBACK),
                        list,
                    ),
                }
            )
        ),
        _none,
    ),
    "note_usage": (
        _optional(_obj({"good_usages": (_anys, list), "bad_usages": (_anys, list)})),
        _none,
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
    "status": (_status, lambda: "unknown"),
    "tags": (_strs, list),
    "acus_consumed": (_float, _none),
    "pull_requests": (_list_of(_PR), list),
    "parent_session_id": (_parent, _none),
    "child_session_ids": (_ids, list),
    "is_archived": (_bool, lambda: False),
    "structured_output": (lambda value: value, _none),
    "num_devin_messages": (_int, _none),
    "num_user_messages": (_int, _none),
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
    record: Record = {"session_id": normalize_session_id(_required_text(raw["session_id"]))}
    get = raw.get
    for name in _TEXT_FIELDS:
        value = get(name)
        if value is not None and type(value) is not str:
            raise Irregular
        record[name] = value
    for name in _ENUM_FIELDS:
        value = get(name)
        if value is not None:
            if type(value) is not str:
                raise Irregular
            value = value.strip().lower() or None
        record[name] = value
    for name, (read, default) in _OTHER_FIELDS.items():
        record[name] = read(raw[name]) if name in raw else default()
    for name, extra in raw.items():
        if name not in _KNOWN:
            record[name] = extra
    created = _epoch(raw["created_at"])
    updated = get("updated_at")
    record["created_at"] = created
    record["updated_at"] = created if updated is None else _epoch(updated)
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
