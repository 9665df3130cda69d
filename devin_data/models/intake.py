"""A page of list items read into stored items, with the malformed ones set aside, not fatal.

Every item is read by the fast reader; only an item it cannot read goes through the pydantic
model, and only an item the model rejects too (a number for a status, text for ACUs, no session
id, a list where an object belongs) becomes a :class:`Rejected`: named by its session id when it
has one and by its place on the page otherwise, with the reason and the start of its JSON. The
rest of the page is read as usual. Values that read well but cannot be true (negative ACUs) are
kept as sent and described by :func:`suspect_values`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
from pydantic import Field, ValidationError

from devin_data.models.fast import Item, read_item
from devin_data.models.schema import Page, Session
from devin_data.models.values import TRUNCATED, normalize_session_id

T = TypeVar("T")
RAW_LIMIT = 64 * 1024  # bytes of a rejected item's JSON kept to look at
_ERRORS_SHOWN = 3
# Counts that cannot be below zero: a value below is stored as sent and reported as suspect.
_NON_NEGATIVE = ("acus_consumed", "num_user_messages", "num_devin_messages")


@dataclass(frozen=True)
class Rejected:
    """A list item no model could read: who it is (if it says), where it was, why, and its JSON
    (the first :data:`RAW_LIMIT` bytes)."""

    session_id: str | None
    where: str
    reason: str
    raw: str

    @property
    def key(self) -> str:
        """Its session id; for an item without one, a name drawn from its JSON, so the same
        item met again is one entry, not two."""
        if self.session_id:
            return self.session_id
        return "no-id-" + hashlib.sha256(self.raw.encode()).hexdigest()[:12]

    @property
    def name(self) -> str:
        """How a person finds it: the session id, else its place on the page."""
        return self.session_id or self.where


class Listed(Page[T], Generic[T]):
    """One page of a session list: what was read, what was set aside, and how many it held."""

    rejects: list[Rejected] = Field(default_factory=list)
    listed: int = 0


def stored_item(entry: Any) -> Item:
    """A v3 list item in the stored shape: the fast reader, else the model (which may raise)."""
    return read_item(entry) or Item.of(Session.model_validate(entry))


def read_entries(
    entries: Sequence[Any],
    read: Callable[[Any], T],
    where: Callable[[int], str],
    clean: Callable[[str], str] = str,
) -> tuple[list[T], list[Rejected]]:
    """Each entry read by ``read``, and the ones it rejects set aside; ``where(i)`` names the
    place of entry ``i`` and ``clean`` scrubs what is kept of a rejected one."""
    items: list[T] = []
    rejects: list[Rejected] = []
    for index, entry in enumerate(entries):
        try:
            items.append(read(entry))
        except (ValidationError, ValueError, TypeError, OverflowError, OSError) as exc:
            rejects.append(_rejected(entry, where(index), exc, clean))
    return items, rejects


def _rejected(entry: Any, where: str, exc: Exception, clean: Callable[[str], str]) -> Rejected:
    return Rejected(_session_id(entry), where, clean(_reason(exc)), clean(raw_json(entry)))


def raw_json(entry: Any) -> str:
    """The item as JSON text, cut at :data:`RAW_LIMIT` bytes with a marker."""
    try:
        data = orjson.dumps(entry)
    except TypeError:  # a value JSON cannot hold (an item built in memory, never a body's)
        data = repr(entry).encode()
    if len(data) <= RAW_LIMIT:
        return data.decode()
    return data[:RAW_LIMIT].decode(errors="ignore") + TRUNCATED


def _session_id(entry: Any) -> str | None:
    value = entry.get("session_id") if isinstance(entry, Mapping) else None
    if not isinstance(value, str):
        return None
    try:
        return normalize_session_id(value)
    except ValueError:
        return None


def _reason(exc: Exception) -> str:
    """The model's first complaints as ``field: message``; any other error by its text."""
    if not isinstance(exc, ValidationError):
        return f"{type(exc).__name__}: {exc}"[:300]
    parts = []
    for error in exc.errors()[:_ERRORS_SHOWN]:
        where = ".".join(str(part) for part in error["loc"]) or "item"
        parts.append(f"{where}: {error['msg']}")
    more = exc.error_count() - _ERRORS_SHOWN
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def suspect_values(record: Mapping[str, Any]) -> str | None:
    """What in a stored record cannot be true (a negative count or ACUs), or None."""
    found = []
    for name in _NON_NEGATIVE:
        value = record.get(name)
        if value is not None and value < 0:
            found.append(f"{name} is {value:g}")
    return "; ".join(found) + " (below zero; stored as sent)" if found else None
