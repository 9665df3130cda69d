"""URL validation: the text a link carries is checked before a parser sees it.

A link is typed, pasted or forged. A value too long to be meant, or holding a control character,
is dropped (:func:`readable_params`) with a notice in words that quotes it cut short
(:func:`shown`), and the rest of the link still applies. What each parameter accepts is
registered once in :mod:`devin_data.query.registry`; the filters are read back by
:mod:`devin_data.query.parse`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

MAX_PARAM = 4000  # characters: far beyond any list of filter values a person would pick
_SHOWN = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
Days = tuple[date, date]


def short(text: object) -> str:
    """A value as a notice names it, cut short so a forged link cannot flood the page."""
    value = str(text)
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"


def shown(text: object) -> str:
    """A value quoted in a notice (control characters escaped), cut short."""
    return repr(short(text))


def unreadable(text: str) -> str | None:
    """Why no parser should read ``text`` (too long, a control character), or None."""
    if len(text) > MAX_PARAM:
        return f"it is longer than {MAX_PARAM:,} characters"
    if _CONTROL.search(text):
        return "it holds a control character"
    return None


def readable_params(
    params: Mapping[str, str], names: Iterable[str]
) -> tuple[dict[str, str], list[str]]:
    """The parameters among ``names`` a parser may read, and a notice for each one dropped."""
    kept: dict[str, str] = {}
    notices: list[str] = []
    for name in names:
        if name not in params:
            continue
        why = unreadable(str(params[name]))
        if why is None:
            kept[name] = str(params[name])
        else:
            notices.append(f"Ignored {name}={shown(params[name])}: {why}.")
    return kept, notices


def parse_days(text: str) -> Days | None:
    """``2026-02-01..2026-02-14`` as two days in order; None when it is not that."""
    first, sep, last = text.partition("..")
    try:
        days = (date.fromisoformat(first.strip()), date.fromisoformat(last.strip()))
    except ValueError:
        return None
    return days if sep and days[0] <= days[1] else None


@dataclass(frozen=True)
class LinkContext:
    """What a page parameter is checked against: the viewer's today and the cached teams."""

    today: date
    teams: Collection[str] = ()


# A page parameter's parser: its canonical text (None to drop it) and a notice, if any.
Parser = Callable[[str, str, LinkContext], tuple[str | None, str | None]]
