"""The definition of every metric the dashboard shows, as plain (name, definition) pairs.

One place that the Data page and the README quote, so a number on screen always has an exact
meaning, including what happens to sessions whose value is missing. Each family of metrics keeps
its definitions in a module of its own; :data:`DEFINITIONS` lists them in the order the Data page
and the README show them.
"""

from __future__ import annotations

from typing import Final

from devin_data.analytics.definitions import delivery, people, sessions, spend

Definition = tuple[str, str]

DEFINITIONS: Final[tuple[Definition, ...]] = (
    *sessions.HEADLINE,
    *spend.DEFINITIONS,
    *sessions.BREAKDOWNS,
    *people.DEFINITIONS,
    *delivery.DEFINITIONS,
)


def definition_of(name: str) -> str:
    """The definition of the metric called ``name`` (KeyError when unknown)."""
    for known, text in DEFINITIONS:
        if known == name:
            return text
    raise KeyError(name)
