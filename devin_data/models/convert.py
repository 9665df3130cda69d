"""The converters of the fast reader (:mod:`devin_data.models.fast`): one JSON value each, read
into its stored form exactly as the pydantic model reads it, or :class:`Irregular` when only the
model can tell (a number where text belongs, a field the reader does not know)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from devin_data.models.values import (
    _MS_THRESHOLD,
    LIST_LIMIT,
    PROSE_LIMIT,
    TEXT_LIMIT,
    capped,
    capped_list,
    normalize_session_id,
    to_utc,
)

Record = dict[str, Any]
Convert = Callable[[Any], Any]


class Irregular(Exception):
    """The item needs the pydantic model: a type or a shape the fast path does not read."""


def prose(value: Any) -> str | None:
    if value is None:
        return None
    return required_prose(value)


def required_prose(value: Any) -> str:
    if type(value) is str:
        return capped(value, PROSE_LIMIT)
    raise Irregular


def enum(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        text = value.strip().lower()
        return capped(text) if text else None
    raise Irregular


def number(value: Any) -> float | None:
    kind = type(value)
    if kind is float or kind is int:
        return float(value)
    if value is None:
        return None
    raise Irregular


def count(value: Any) -> int | None:
    if value is None or type(value) is int:
        return value
    raise Irregular


def flag(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise Irregular


def strs(value: Any) -> list[str]:
    if value is None:
        return []
    if type(value) is list and all(type(item) is str for item in value):
        return list(value)
    raise Irregular


def words(value: Any) -> list[str]:
    """Tags and classification lists: a bounded number of bounded strings."""
    if type(value) is list and len(value) <= LIST_LIMIT:
        for item in value:
            if type(item) is not str or len(item) > TEXT_LIMIT:
                break
        else:
            return list(value)
    return capped_list(strs(value))


def anys(value: Any) -> list[Any]:
    if value is None:
        return []
    if type(value) is list:
        return list(value)
    raise Irregular


def ids(value: Any) -> list[str]:
    return [normalize_session_id(item) for item in strs(value)]


def parent(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return normalize_session_id(required_prose(value))


def epoch_of(value: Any) -> float:
    """Epoch seconds as ``to_utc(value).timestamp()`` gives them, for the common case cheaply."""
    if type(value) is int and -_MS_THRESHOLD < value < _MS_THRESHOLD:
        return float(value)
    if type(value) in (int, float, str):
        try:
            return to_utc(value).timestamp()
        except (ValueError, OverflowError, OSError):
            raise Irregular from None
    raise Irregular


def status(value: Any) -> str:
    return enum(value) or "unknown"


def capped_any(value: Any) -> Any:
    """Text capped as any short field; any other JSON value as it came."""
    return capped(value) if type(value) is str else value


def obj(spec: Mapping[str, tuple[Convert, Any]]) -> Convert:
    """A converter for a nested object with exactly the fields of ``spec`` (each optional)."""

    def convert(value: Any) -> Record:
        if type(value) is not dict or not value.keys() <= spec.keys():
            raise Irregular
        out: Record = {}
        for name, (read, default) in spec.items():
            out[name] = read(value[name]) if name in value else default()
        return out

    return convert


def flat(
    text: tuple[str, ...] = (), required: tuple[str, ...] = (), enums: tuple[str, ...] = ()
) -> Convert:
    """A converter for a nested object of text fields: an object that already has every field
    in its final form (the usual case) is kept as it is; any other goes through :func:`obj`."""
    slow = obj(
        dict.fromkeys(text, (prose, none))
        | dict.fromkeys(required, (required_prose, empty))
        | dict.fromkeys(enums, (enum, none))
    )
    names = frozenset((*text, *required, *enums))

    def convert(value: Any) -> Any:
        # Anything not already final (a wrong type, long text, an enum to normalise) is redone
        # by ``slow``, which raises Irregular where only the model can tell.
        if type(value) is not dict or value.keys() != names:
            return slow(value)
        for name in text:
            item = value[name]
            if item is not None and (type(item) is not str or len(item) > PROSE_LIMIT):
                return slow(value)
        for name in required:
            item = value[name]
            if type(item) is not str or len(item) > PROSE_LIMIT:
                return slow(value)
        for name in enums:
            item = value[name]
            if item is not None and (type(item) is not str or not item or item != enum(item)):
                return slow(value)
        return value

    return convert


def optional(read: Convert) -> Convert:
    return lambda value: None if value is None else read(value)


def list_of(read: Convert) -> Convert:
    return lambda value: [read(item) for item in anys(value)]


def none() -> None:
    return None


def empty() -> str:
    return ""
