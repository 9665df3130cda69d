"""Readable labels for API values: ``bug_fixing`` → ``Bug fixing``, ``xl`` → ``XL``."""

from __future__ import annotations

import math

_WORDS = {
    "ci": "CI",
    "cd": "CD",
    "devops": "DevOps",
    "api": "API",
    "cli": "CLI",
    "webapp": "Web app",
    "pr": "PR",
    "prs": "PRs",
    "acus": "ACUs",
}
_SIZES = {"xs": "XS", "s": "S", "m": "M", "l": "L", "xl": "XL"}
# Columns whose values are API identifiers (snake_case) rather than free text.
ENUM_DIMENSIONS = frozenset(
    {"status", "status_detail", "origin", "category", "session_size", "type", "action_type"}
)


def label(value: object) -> str:
    """``bug_fixing`` → ``Bug fixing``; ``ci_cd_and_devops`` → ``CI CD and DevOps``; sizes upper."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "Unknown"
    text = str(value)
    if text in _SIZES:
        return _SIZES[text]
    words = [_WORDS.get(word, word) for word in text.replace("-", "_").split("_") if word]
    if not words:
        return text
    first = words[0]
    words[0] = first if first in _WORDS.values() else first[:1].upper() + first[1:]
    return " ".join(words)
