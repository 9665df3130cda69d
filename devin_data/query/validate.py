"""Link parameters read defensively: the text a URL carries is checked before a parser sees it.

A link is typed, pasted or forged. A value too long to be meant, or holding a control character,
is dropped; one that names nothing real (a session id that is not one, a team no session has) is
dropped; a period is moved inside the days offered. Each gets a notice in words, quoting the value
cut short (:func:`shown`), and the rest of the link still applies. Besides the filters
(:mod:`devin_data.query.parse`), a page keeps parameters of its own, registered here once
with their parser in :data:`PAGE_PARAMS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from devin_data.query.filters import EARLIEST_DAY, hold_day

MAX_PARAM = 4000  # characters: far beyond any list of filter values a person would pick
_SHOWN = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SESSION_ID = re.compile(r"devin-[A-Za-z0-9_-]{1,128}")
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


def period_param(name: str, text: str, context: LinkContext) -> tuple[str | None, str | None]:
    """Two local days, moved inside [2000-01-01, today] like ``from`` and ``to``."""
    days = parse_days(text)
    if days is None:
        example = "2026-02-01..2026-02-14"
        return None, f"Ignored {name}={shown(text)}: use two days in order, like {example}."
    held = tuple(hold_day(day, context.today) or day for day in days)
    canonical = f"{held[0].isoformat()}..{held[1].isoformat()}"
    if held == days:
        return canonical, None
    return canonical, (
        f"Moved {name}={shown(text)} to {canonical}: a period runs from {EARLIEST_DAY} at the "
        "earliest to today at the latest."
    )


def team_param(name: str, text: str, context: LinkContext) -> tuple[str | None, str | None]:
    if text in context.teams:
        return text, None
    return None, f"Ignored {name}={shown(text)}: no cached session has that team."


def session_param(name: str, text: str, context: LinkContext) -> tuple[str | None, str | None]:
    """A session id, with or without its ``devin-`` prefix."""
    value = text.strip()
    value = value if value.startswith("devin-") else "devin-" + value
    if SESSION_ID.fullmatch(value):
        return value, None
    return None, f"Ignored {name}={shown(text)}: not a session id (devin-…)."


PAGE_PARAMS: dict[str, Parser] = {
    "session": session_param,
    "period_a": period_param,
    "period_b": period_param,
    "team_a": team_param,
    "team_b": team_param,
}


def check_page_params(
    params: Mapping[str, str], names: Iterable[str], context: LinkContext
) -> tuple[dict[str, str | None], list[str]]:
    """The page parameters among ``names`` that must change (None: dropped), with notices."""
    registered = [name for name in names if name in PAGE_PARAMS]
    readable, notices = readable_params(params, registered)
    changes: dict[str, str | None] = {name: None for name in registered if name in params}
    for name, text in readable.items():
        value, notice = PAGE_PARAMS[name](name, text, context)
        changes[name] = value
        notices += [notice] if notice else []
    return {k: v for k, v in changes.items() if v != params.get(k)}, notices
