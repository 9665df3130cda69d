"""Readable labels for API values: ``bug_fixing`` → ``Bug fixing``, ``xl`` → ``XL``.

One function for every place a value is read: sentences, axes, legends, tables, filters and the
readable columns of downloads, so a value reads the same everywhere.
"""

from __future__ import annotations

import math

import pandas as pd

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
    "etl": "ETL",
    "sql": "SQL",
    "ui": "UI",
}
# Word pairs that read as one term: "ci_cd" is CI/CD, not "CI CD".
_PAIRS: dict[tuple[str, ...], str] = {("ci", "cd"): "CI/CD"}
_SIZES = {"xs": "XS", "s": "S", "m": "M", "l": "L", "xl": "XL"}
UNKNOWN = "Unknown"
# Columns whose values are API identifiers (snake_case) rather than free text.
ENUM_DIMENSIONS = frozenset(
    {"status", "status_detail", "origin", "category", "session_size", "type", "action_type"}
)


def _terms(words: list[str]) -> list[str]:
    """Words with known pairs joined into one term and known words spelled as they are written."""
    out: list[str] = []
    position = 0
    while position < len(words):
        pair = tuple(word.lower() for word in words[position : position + 2])
        if pair in _PAIRS:
            out.append(_PAIRS[pair])
            position += 2
            continue
        word = words[position]
        out.append(_WORDS.get(word.lower(), word))
        position += 1
    return out


def label(value: object) -> str:
    """``bug_fixing`` → ``Bug fixing``; ``ci_cd_and_devops`` → ``CI/CD and DevOps``; sizes upper.

    Missing values read ``Unknown``; text that is not an identifier keeps its own spelling.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN
    text = str(value)
    if text in _SIZES:
        return _SIZES[text]
    words = _terms([word for word in text.replace("-", "_").split("_") if word])
    if not words:
        return text
    first = words[0]
    known = first in _WORDS.values() or first in _PAIRS.values()
    words[0] = first if known else first[:1].upper() + first[1:]
    return " ".join(words)
