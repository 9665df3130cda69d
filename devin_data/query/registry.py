"""Every URL parameter the app reads, registered once: its kind, its default, what a value that
cannot be used is told, how a page parameter is checked, and which pages keep it in their links.

Derived from :data:`PARAMS`: the parameters the sidebar's filters read (:data:`FILTER_PARAMS`),
the page parameters that survive navigation to a page (:func:`kept_on`), and the check of a
page's own parameters when a link opens it (:func:`check_page_params`). A value is first read
defensively (:mod:`devin_data.query.validate`); the filters are parsed by
:mod:`devin_data.query.parse` with the notices registered here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from devin_data.analytics.drilldown import DRILLS
from devin_data.query.filters import DEFAULT_PRESET, EARLIEST_DAY, LIST_PARAMS, PRESETS, hold_day
from devin_data.query.validate import LinkContext, Parser, parse_days, readable_params, shown

Kind = Literal["filter", "drill", "retired", "page"]
OVERVIEW, PEOPLE, SESSION_PAGE = "", "people", "session"  # the url paths of the pages
SESSION_ID = re.compile(r"devin-[A-Za-z0-9_-]{1,128}")
PERIOD_EXAMPLE = "2026-02-01..2026-02-14"


@dataclass(frozen=True)
class Param:
    """One URL parameter: ``notice`` says why a value is ignored ("Ignored name=value: …");
    a page parameter has its ``parse`` check and the ``pages`` whose links keep it."""

    name: str
    kind: Kind
    notice: str
    default: str | None = None
    parse: Parser | None = None
    pages: tuple[str, ...] = ()


def ignored(name: str, text: object) -> str:
    """The notice of a value of ``name`` that cannot be used, quoting it cut short."""
    return f"Ignored {name}={shown(text)}: {BY_NAME[name].notice}."


def retired(name: str) -> str:
    """The notice of a parameter older links carry and that no longer applies."""
    return f"Ignored {name}=: {BY_NAME[name].notice}."


def period_param(name: str, text: str, context: LinkContext) -> tuple[str | None, str | None]:
    """Two local days, moved inside [2000-01-01, today] like ``from`` and ``to``."""
    days = parse_days(text)
    if days is None:
        return None, ignored(name, text)
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
    return None, ignored(name, text)


def session_param(name: str, text: str, context: LinkContext) -> tuple[str | None, str | None]:
    """A session id, with or without its ``devin-`` prefix."""
    value = text.strip()
    value = value if value.startswith("devin-") else "devin-" + value
    if SESSION_ID.fullmatch(value):
        return value, None
    return None, ignored(name, text)


_DATE = "use a date like 2026-01-31"
_PERIOD = f"use two days in order, like {PERIOD_EXAMPLE}"
_TEAM = "no cached session has that team"
_COMPARED = (OVERVIEW, PEOPLE)
PARAMS: tuple[Param, ...] = (
    Param("range", "filter", f"use one of {', '.join(PRESETS)}", default=DEFAULT_PRESET),
    Param("from", "filter", _DATE),
    Param("to", "filter", _DATE),
    Param("q", "filter", "a search is cut to its first 200 characters"),
    Param("tz", "filter", "not a known time zone"),
    *(Param(name, "filter", "no cached session has that value") for name in LIST_PARAMS),
    *(Param(drill.param, "drill", "use a label:impact pair") for drill in DRILLS),
    Param(
        "ids",
        "retired",
        "a list of session ids is no longer kept in links; a drill-down keeps what was clicked "
        "(an issue, an action item type, a language or a tool)",
    ),
    # Written by the organization picker on every page, never kept from an older URL.
    Param("org", "page", "not an organization id (org-…)"),
    Param("session", "page", "not a session id (devin-…)", None, session_param, (SESSION_PAGE,)),
    Param("period_a", "page", _PERIOD, None, period_param, _COMPARED),
    Param("period_b", "page", _PERIOD, None, period_param, _COMPARED),
    Param("team_a", "page", _TEAM, None, team_param, _COMPARED),
    Param("team_b", "page", _TEAM, None, team_param, _COMPARED),
)
BY_NAME = {param.name: param for param in PARAMS}
FILTER_PARAMS = tuple(p.name for p in PARAMS if p.kind in ("filter", "drill", "retired"))
RETIRED_PARAMS = tuple(p.name for p in PARAMS if p.kind == "retired")
PAGE_PARAMS = {p.name: p.parse for p in PARAMS if p.parse is not None}
COMPARE_PARAMS = ("period_a", "period_b", "team_a", "team_b")
ORG_PARAM, SESSION_PARAM = "org", "session"


def kept_on(page: str) -> tuple[str, ...]:
    """The page parameters that stay in the URL beside the filters on the page at ``page``."""
    return tuple(p.name for p in PARAMS if page in p.pages)


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
