"""The dashboard's filters as plain data: parsed from URL query parameters and written back.

Everything here is pure, so a copied link reproduces a view and invalid parameters become
notices instead of errors. Dates are local dates in the viewer's time zone; the window they
describe is converted to UTC bounds (start inclusive, end exclusive) for filtering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from devin_data.analytics.kpis import filter_sessions

PRESETS = ("7d", "30d", "90d", "all", "custom")
DEFAULT_PRESET = "30d"
LIST_PARAMS = {
    "origin": "origins",
    "category": "categories",
    "size": "sizes",
    "status": "statuses",
    "user": "users",
    "tag": "tags",
    "ids": "ids",
}
FILTER_PARAMS = ("range", "from", "to", "q", "tz", *LIST_PARAMS)
_MAX_IDS = 500


@dataclass(frozen=True)
class FilterSpec:
    """What the sidebar selects; empty tuples mean no restriction."""

    preset: str = DEFAULT_PRESET
    start_date: date | None = None
    end_date: date | None = None
    origins: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    search: str = ""
    tz: str = "UTC"

    def window(self, now: datetime) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """UTC bounds [start, end) of the selected local days; (None, None) for all time."""
        zone = ZoneInfo(self.tz)
        today = now.astimezone(zone).date()
        if self.preset == "all":
            return None, None
        if self.preset == "custom":
            first, last = self.start_date, self.end_date
        else:
            first, last = today - timedelta(days=int(self.preset[:-1]) - 1), today
        start = _local_midnight(first, zone) if first else None
        end = _local_midnight(last + timedelta(days=1), zone) if last else None
        return start, end

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
            search=self.search,
        )
        if self.ids:
            chosen = chosen[chosen["session_id"].isin(list(self.ids))]
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
                params[name] = ",".join(values)
        if self.search:
            params["q"] = self.search
        if self.tz != "UTC":
            params["tz"] = self.tz
        return params


def _local_midnight(day: date, zone: ZoneInfo) -> pd.Timestamp:
    return pd.Timestamp(datetime(day.year, day.month, day.day), tz=zone).tz_convert("UTC")


def valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def parse_query(
    params: Mapping[str, str], *, default_tz: str = "UTC"
) -> tuple[FilterSpec, list[str]]:
    """Read filters from query parameters; each invalid one is dropped with a notice."""
    notices: list[str] = []
    spec = FilterSpec(tz=default_tz if valid_zone(default_tz) else "UTC")
    preset = params.get("range", DEFAULT_PRESET).strip().lower()
    if preset not in PRESETS:
        notices.append(f"Ignored range={preset!r}: use one of {', '.join(PRESETS)}.")
        preset = DEFAULT_PRESET
    spec = replace(spec, preset=preset)
    if preset == "custom":
        spec, date_notices = _parse_dates(spec, params)
        notices += date_notices
    lists: dict[str, Any] = {
        attr: _split(params.get(name, "")) for name, attr in LIST_PARAMS.items()
    }
    if len(lists["ids"]) > _MAX_IDS:
        notices.append(f"Kept the first {_MAX_IDS} session ids of the link.")
        lists["ids"] = lists["ids"][:_MAX_IDS]
    spec = replace(spec, **lists, search=params.get("q", "").strip()[:200])
    zone = params.get("tz", "").strip()
    if zone:
        if valid_zone(zone):
            spec = replace(spec, tz=zone)
        else:
            notices.append(f"Ignored tz={zone!r}: not a known time zone.")
    return spec, notices


def _parse_dates(spec: FilterSpec, params: Mapping[str, str]) -> tuple[FilterSpec, list[str]]:
    notices: list[str] = []
    parsed: dict[str, date | None] = {}
    for name in ("from", "to"):
        text = params.get(name, "").strip()
        parsed[name] = None
        if text:
            try:
                parsed[name] = date.fromisoformat(text)
            except ValueError:
                notices.append(f"Ignored {name}={text!r}: use a date like 2026-01-31.")
    first, last = parsed["from"], parsed["to"]
    if first and last and first > last:
        notices.append("Ignored from/to: the start date is after the end date.")
        first = last = None
    if first is None and last is None:
        return replace(spec, preset=DEFAULT_PRESET), notices
    return replace(spec, start_date=first, end_date=last), notices


def _split(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in text.split(","):
        value = part.strip()
        if value:
            seen.setdefault(value[:200], None)
    return tuple(seen)


def drop_unknown(spec: FilterSpec, known: Mapping[str, set[str]]) -> tuple[FilterSpec, list[str]]:
    """Drop list values that no cached session has, with a notice naming them."""
    notices: list[str] = []
    changes: dict[str, Any] = {}
    for attribute, allowed in known.items():
        values: tuple[str, ...] = getattr(spec, attribute)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            notices.append(f"Ignored unknown {attribute}: {', '.join(unknown)}.")
            changes[attribute] = tuple(v for v in values if v in allowed)
    return replace(spec, **changes), notices


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
    }
