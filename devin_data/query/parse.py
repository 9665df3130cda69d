"""Filters read from URL query parameters: what is valid is kept, the rest becomes a notice.

A copied link reproduces a view; a parameter that cannot be used (an unknown preset, a zone that
does not exist, a date outside the data, a value no session has) is dropped or moved, and the
notice says so in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from devin_data.analytics.drilldown import value_text
from devin_data.query.drills import parse_params, split_list
from devin_data.query.filters import (
    DEFAULT_PRESET,
    LIST_PARAMS,
    PRESETS,
    FilterSpec,
    hold_day,
    valid_zone,
)
from devin_data.query.registry import FILTER_PARAMS, RETIRED_PARAMS, ignored, retired
from devin_data.query.validate import readable_params, short

MAX_SEARCH = 200  # characters of q=, as the sidebar's search box takes
_NAMED = 5  # unknown values named in a notice; the rest are counted


def clamp_dates(spec: FilterSpec, today: date) -> tuple[FilterSpec, list[str]]:
    """Move custom dates before :data:`EARLIEST_DAY` or after ``today`` inside, with a notice."""
    notices: list[str] = []
    moved: dict[str, Any] = {}
    for name, attribute in (("from", "start_date"), ("to", "end_date")):
        day: date | None = getattr(spec, attribute)
        held = hold_day(day, today)
        if day is not None and held != day:
            where = (
                f"today in {spec.tz} (later days have not begun there)"
                if held == today
                else "the earliest day offered"
            )
            notices.append(f"Moved {name}={day.isoformat()} to {held}, {where}.")
        moved[attribute] = held
    return replace(spec, **moved), notices


def parse_query(
    params: Mapping[str, str], *, default_tz: str = "UTC", now: datetime | None = None
) -> tuple[FilterSpec, list[str]]:
    """Read filters from query parameters; each invalid one is dropped with a notice.

    With ``now``, custom dates after the viewer's today (in the link's zone) are moved to today.
    A value too long to be meant or holding a control character is dropped before parsing.
    """
    params, notices = readable_params(params, FILTER_PARAMS)
    spec = FilterSpec(tz=default_tz if valid_zone(default_tz) else "UTC")
    preset = params.get("range", DEFAULT_PRESET).strip().lower()
    if preset not in PRESETS:
        notices.append(ignored("range", preset))
        preset = DEFAULT_PRESET
    spec = replace(spec, preset=preset)
    if preset == "custom":
        spec, date_notices = _parse_dates(spec, params)
        notices += date_notices
    lists: dict[str, Any] = {
        attr: split_list(params.get(name, "")) for name, attr in LIST_PARAMS.items()
    }
    search = params.get("q", "").strip()
    if len(search) > MAX_SEARCH:
        notices.append(f"Shortened q= to its first {MAX_SEARCH} characters.")
    spec = replace(spec, **lists, search=search[:MAX_SEARCH])
    drills, invalid = parse_params(params)
    spec = replace(spec, **dict[str, Any](drills))
    notices += [ignored(name, text) for name, text in invalid]
    zone = params.get("tz", "").strip()
    if zone:
        if valid_zone(zone):
            spec = replace(spec, tz=zone, tz_chosen=True)
        else:
            notices.append(ignored("tz", zone))
    if now is not None and spec.preset == "custom":
        spec, clamp_notices = clamp_dates(spec, spec.today(now))
        notices += clamp_notices
    notices += [retired(name) for name in RETIRED_PARAMS if name in params]
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
                notices.append(ignored(name, text))
    first, last = parsed["from"], parsed["to"]
    if first and last and first > last:
        notices.append("Ignored from/to: the start date is after the end date.")
        first = last = None
    if first is None and last is None:
        notices = (
            notices
            or [  # a bad date's own notice already says why
                f"Showed the last {DEFAULT_PRESET[:-1]} days: range=custom needs a from= date "
                "(and, if the range should end before today, a to= date)."
            ]
        )
        return replace(spec, preset=DEFAULT_PRESET), notices
    return replace(spec, start_date=first, end_date=last), notices


def drop_unknown(spec: FilterSpec, known: Mapping[str, set[Any]]) -> tuple[FilterSpec, list[str]]:
    """Drop list values and drill-down keys that no cached session has, with a notice."""
    notices: list[str] = []
    changes: dict[str, Any] = {}
    for attribute, allowed in known.items():
        values: tuple[Any, ...] = getattr(spec, attribute)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            named = ", ".join(short(value_text(attribute, v)) for v in unknown[:_NAMED])
            more = f" and {len(unknown) - _NAMED:,} more" if len(unknown) > _NAMED else ""
            notices.append(f"Ignored unknown {attribute}: {named}{more}.")
            changes[attribute] = tuple(v for v in values if v in allowed)
    return replace(spec, **changes), notices
