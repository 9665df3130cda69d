"""Who each user id is: names and emails from the members list, teams from IdP groups or a mapping.

The roster is built from the store's ``people`` value (see ``devin_data.sync.people``) and the
team mapping a manager provides; :func:`with_people` then gives the sessions frame ``user_name``
and ``team`` columns by one vectorised lookup of the creator's id (``creator_id``, built with the
frame). A name the API did not give
stays NA, so a page shows the id instead (service users are never members, so they keep theirs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from devin_data.frames.columns import str_series
from devin_data.frames.members import positions_in
from devin_data.frames.teams import TeamMapping

ROSTER_COLUMNS = ("user_id", "user_name", "email", "team")
SOURCE_MAPPING = "the team mapping"
SOURCE_IDP = "IdP groups"


@dataclass(frozen=True)
class Roster:
    """The people known by id (``frame``: user_id, user_name, email, team as "str" columns) and
    what could not be known: the permission a name or group needs, or the error that stopped it."""

    frame: pd.DataFrame
    names_missing: str | None = None
    names_error: str | None = None
    groups_missing: str | None = None
    team_sources: tuple[str, ...] = ()
    fetched_at: float | None = None
    mapping_problems: tuple[str, ...] = field(default=())
    mapping_source: str | None = None

    @property
    def names(self) -> dict[str, str]:
        """Name by id of everyone whose name is known."""
        known = self.frame.dropna(subset=["user_name"])
        return dict(zip(known["user_id"], known["user_name"], strict=True))

    @property
    def teams(self) -> list[str]:
        return sorted({str(team) for team in self.frame["team"].dropna()})


def _members(people: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = people.get("members")
    return [m for m in found if isinstance(m, dict) and m.get("user_id")] if found else []


def build_roster(
    people: Mapping[str, Any], mapping: TeamMapping | None = None, source: str | None = None
) -> Roster:
    """Members with their team: the mapping's (by id, then email) first, else their IdP group;
    ``source`` says in words where the mapping comes from."""
    mapping = mapping if mapping is not None else TeamMapping()
    groups: Mapping[str, list[str]] = people.get("groups") or {}
    rows: dict[str, tuple[str | None, str | None, str | None]] = {}
    sources: set[str] = set()
    for member in _members(people):
        user_id, email = str(member["user_id"]), member.get("email")
        team = mapping.team_of(user_id, email)
        sources |= {SOURCE_MAPPING} if team else set()
        if team is None and groups.get(user_id):
            team = groups[user_id][0]
            sources.add(SOURCE_IDP)
        rows[user_id] = (member.get("name"), email, team)
    for user_id, team in mapping.by_id.items():  # ids that are not members: service users
        if user_id not in rows:
            rows[user_id] = (None, None, team)
            sources.add(SOURCE_MAPPING)
    frame = pd.DataFrame(
        {
            "user_id": str_series(list(rows)),
            **{
                name: str_series([row[i] for row in rows.values()])
                for i, name in enumerate(ROSTER_COLUMNS[1:])
            },
        }
    )
    fetched = people.get("fetched_at")
    return Roster(
        frame,
        names_missing=people.get("members_missing"),
        names_error=people.get("members_error"),
        groups_missing=people.get("groups_missing"),
        team_sources=tuple(s for s in (SOURCE_MAPPING, SOURCE_IDP) if s in sources),
        fetched_at=float(fetched) if isinstance(fetched, int | float) else None,
        mapping_problems=mapping.problems,
        mapping_source=source,
    )


def with_people(frame: pd.DataFrame, roster: Roster) -> pd.DataFrame:
    """``frame`` with ``user_name`` and ``team`` ("str", NA when unknown) of each creator."""
    positions = positions_in(frame["creator_id"], roster.frame["user_id"])
    looked_up = {
        column: pd.Series(
            roster.frame[column].array.take(positions, allow_fill=True), index=frame.index
        )
        for column in ("user_name", "team")
    }
    return frame.assign(**looked_up)


def display_names(frame: pd.DataFrame) -> pd.Series:
    """The creator's name where known, else the creator's id."""
    who: pd.Series = frame["creator_id"]
    if "user_name" not in frame:
        return who
    return frame["user_name"].fillna(who)
