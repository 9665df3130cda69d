"""The dashboard's filters as plain data, written back to URL query parameters.

Everything here is pure, so a copied link reproduces a view; :mod:`devin_data.query.parse`
reads one back. Dates are local dates in the viewer's time zone; the window they describe is
converted to UTC bounds (start inclusive, end exclusive) for filtering. Drill-downs from the
Insights page (:mod:`devin_data.query.drills`) are filters like the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from devin_data.analytics.drilldown import DRILLS, Key, resolve
from devin_data.analytics.kpis import filter_sessions
from devin_data.frames.members import member_mask
from devin_data.query.drills import escape, to_params

PRESETS = ("7d", "30d", "90d", "all", "custom")
DEFAULT_PRESET = "30d"
# Before any Devin session, and far inside the dates pandas can represent.
EARLIEST_DAY = date(2000, 1, 1)
LIST_PARAMS = {
    "origin": "origins",
    "category": "categories",
    "size": "sizes",
    "status": "statuses",
    "user": "users",
    "tag": "tags",
    "team": "teams",
    "repository": "repositories",
}
Matches = tuple[dict[str, tuple[Key, ...]], frozenset[str]]


@dataclass(frozen=True)
class FilterSpec:
    """What the sidebar and the drill-downs select; empty tuples mean no restriction.

    ``tz_chosen`` tells whether the zone was picked (in the link or the sidebar) rather than
    taken from the browser; only a chosen zone is written to the URL.
    """

    preset: str = DEFAULT_PRESET
    start_date: date | None = None
    end_date: date | None = None
    origins: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    repositories: tuple[str, ...] = ()
    issues: tuple[Key, ...] = ()
    actions: tuple[Key, ...] = ()
    languages: tuple[Key, ...] = ()
    tools: tuple[Key, ...] = ()
    search: str = ""
    tz: str = "UTC"
    tz_chosen: bool = False
    # The sessions the drill-downs keep, with the criteria they were resolved for.
    matches: Matches | None = field(default=None, compare=False, repr=False)

    def today(self, now: datetime) -> date:
        return now.astimezone(ZoneInfo(self.tz)).date()

    def window(self, now: datetime) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """UTC bounds [start, end) of the selected local days; (None, None) for all time.

        Custom dates are held between :data:`EARLIEST_DAY` and today, whatever a link says.
        """
        zone, today = ZoneInfo(self.tz), self.today(now)
        if self.preset == "all":
            return None, None
        if self.preset == "custom":
            first, last = (hold_day(d, today) for d in (self.start_date, self.end_date))
        else:
            first, last = today - timedelta(days=int(self.preset[:-1]) - 1), today
        start = _local_midnight(first, zone) if first else None
        end = _local_midnight(last + timedelta(days=1), zone) if last else None
        return start, end

    def drills(self) -> dict[str, tuple[Key, ...]]:
        """The drill-downs in force: FilterSpec field → clicked keys."""
        return {
            d.attribute: getattr(self, d.attribute) for d in DRILLS if getattr(self, d.attribute)
        }

    def resolve(self, frames: Mapping[str, pd.DataFrame]) -> FilterSpec:
        """This spec with the sessions its drill-downs keep, found in the insights ``frames``."""
        criteria = self.drills()
        if not criteria:
            return replace(self, matches=None)
        return replace(self, matches=(criteria, resolve(criteria, frames)))

    def apply(self, frame: pd.DataFrame, now: datetime) -> pd.DataFrame:
        start, end = self.window(now)
        chosen = filter_sessions(
            frame,
            start=start,
            end=end,
            origins=self.origins,
            categories=self.categories,
            sizes=self.sizes,
            statuses=self.statuses,
            users=self.users,
            tags=self.tags,
            repositories=self.repositories,
            search=self.search,
        )
        if self.teams and "team" in chosen:
            chosen = chosen[member_mask(chosen["team"], self.teams)]
        if criteria := self.drills():
            if self.matches is None or self.matches[0] != criteria:
                raise ValueError("resolve() the drill-downs before applying the filters")
            chosen = chosen[member_mask(chosen["session_id"], self.matches[1])]
        return chosen

    def query_params(self) -> dict[str, str]:
        """The canonical URL form: only what differs from the defaults."""
        params: dict[str, str] = {}
        if self.preset != DEFAULT_PRESET:
            params["range"] = self.preset
        if self.preset == "custom":
            if self.start_date:
                params["from"] = self.start_date.isoformat()
            if self.end_date:
                params["to"] = self.end_date.isoformat()
        for name, attribute in LIST_PARAMS.items():
            values: tuple[str, ...] = getattr(self, attribute)
            if values:
                params[name] = ",".join(escape(value) for value in values)
        params |= to_params(self.drills())
        if self.search:
            params["q"] = self.search
        if self.tz_chosen:
            params["tz"] = self.tz
        return params


def hold_day(day: date | None, today: date) -> date | None:
    """``day`` moved inside [:data:`EARLIEST_DAY`, ``today``] (None stays None)."""
    return None if day is None else min(max(day, EARLIEST_DAY), max(today, EARLIEST_DAY))


def _local_midnight(day: date, zone: ZoneInfo) -> pd.Timestamp:
    return pd.Timestamp(datetime(day.year, day.month, day.day), tz=zone).tz_convert("UTC")


def valid_zone(name: str) -> bool:
    """Whether ``name`` is a time zone; never raises (a zone name is short, printable ASCII)."""
    if len(name) > 64 or not name.isascii() or not name.isprintable():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name the disk refuses
        return False
    return True


def filter_options(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The values each list filter can take: those present in ``frame``, in display order."""

    def present(column: str) -> list[str]:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            used = set(values.dropna().unique())
            return [str(v) for v in values.cat.categories if v in used]
        return sorted({str(v) for v in values.dropna().unique()})

    users = {str(u) for u in (*frame["user_id"].dropna(), *frame["service_user_id"].dropna())}
    return {
        "origins": present("origin"),
        "categories": present("category"),
        "sizes": present("session_size"),
        "statuses": present("status"),
        "users": sorted(users),
        "tags": sorted({str(tag) for row in frame["tags"] for tag in row}),
        "teams": sorted({str(t) for t in frame["team"].dropna().unique()})
        if "team" in frame
        else [],
        "repositories": _repositories(frame),
    }


def _repositories(frame: pd.DataFrame) -> list[str]:
    """Every repository a cached PR belongs to, once per distinct list of a session's PRs."""
    if "pr_repos" not in frame:
        return []
    distinct = set(frame["pr_repos"].drop_duplicates()) if len(frame) else set()
    return sorted({repo for row in distinct for repo in row if repo})
