"""Drill-downs in the URL: each kind a list parameter of keys, read and written here.

In URL values a backslash escapes ``,`` (between values), ``:`` (between an issue's label and
impact) and itself, so any key survives a round trip (``issue=Testing:High``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from devin_data.analytics.drilldown import BY_ATTRIBUTE, DRILLS, Drill, Key

_UNESCAPE = re.compile(r"\\(.)")


def escape(text: str, special: str = ",") -> str:
    """``text`` with backslash, and each character of ``special``, preceded by a backslash."""
    return "".join("\\" + char if char == "\\" or char in special else char for char in text)


def split_escaped(text: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not escaped; escapes stay for :func:`unescape`."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def encode_key(key: Key) -> str:
    """One URL value: the key's parts joined by ``:``, each escaped."""
    return ":".join(escape(part, ",:") for part in key)


def decode_key(drill: Drill, text: str) -> Key | None:
    """The key a URL value names, or None when it has the wrong number of parts."""
    pieces = split_escaped(text, ":") if len(drill.columns) > 1 else [text]
    parts = tuple(unescape(part).strip() for part in pieces)
    if len(parts) != len(drill.columns) or not all(parts):
        return None
    return parts


def split_list(text: str, *, keep_escapes: bool = False) -> tuple[str, ...]:
    """The distinct values of a comma-separated list (``\\,`` is a comma inside a value)."""
    seen: dict[str, None] = {}
    for part in split_escaped(text, ","):
        value = (part if keep_escapes else unescape(part)).strip()
        if value:
            seen.setdefault(value[:200], None)
    return tuple(seen)


def parse_params(
    params: Mapping[str, str],
) -> tuple[dict[str, tuple[Key, ...]], list[tuple[str, str]]]:
    """FilterSpec field → keys of every drill-down parameter, and each value that names no key
    as (parameter, value)."""
    invalid: list[tuple[str, str]] = []
    chosen: dict[str, tuple[Key, ...]] = {}
    for drill in DRILLS:
        keys: dict[Key, None] = {}
        for text in split_list(params.get(drill.param, ""), keep_escapes=True):
            key = decode_key(drill, text)
            if key is None:
                invalid.append((drill.param, text))
            else:
                keys.setdefault(key, None)
        chosen[drill.attribute] = tuple(keys)
    return chosen, invalid


def to_params(criteria: Mapping[str, Sequence[Key]]) -> dict[str, str]:
    """The URL parameters of the drill-downs in ``criteria`` (FilterSpec field → keys)."""
    return {
        BY_ATTRIBUTE[attribute].param: ",".join(encode_key(key) for key in keys)
        for attribute, keys in criteria.items()
        if keys
    }
