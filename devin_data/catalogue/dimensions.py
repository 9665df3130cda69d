"""The dimensions a measure is broken down by, each defined once: what a row's value is and how
it reads. A person is shown by name, else by id; a day or week is the viewer's; a billing day
starts at 08:00 UTC (:func:`devin_data.analytics.spend.session_day`, the one billing-day rule)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import pandas as pd

from devin_data.analytics.adoption import period_start
from devin_data.analytics.spend import session_day
from devin_data.frames.roster import display_names
from devin_data.text.labels import label as code_label

NO_TEAM: Final = "No team"  # as the Team definition says
NO_REPOSITORY: Final = "(no pull request)"
Keys = Callable[[pd.DataFrame, str], pd.Series]


@dataclass(frozen=True)
class Dimension:
    """``keys(sessions, tz)``: each session's value (a session in several repositories is
    repeated, once per repository); ``label_of(key)`` how a value reads when not by the row."""

    key: str
    label: str
    keys: Keys
    label_of: Callable[[object], str] = str
    ordered: bool = False  # keep the column's own order (sizes xs→xl) rather than by figure


def person_label(user_id: object, name: object) -> str:
    """A person as shown everywhere: the name where the members list gives one, else the id."""
    if isinstance(name, str) and name.strip():
        return name
    return "" if user_id is None or user_id is pd.NA else str(user_id)


def person_labels(sessions: pd.DataFrame) -> pd.Series:
    """Each session's creator as shown: name, else user or service user id (the one rule of
    ``frames.roster.display_names``)."""
    return display_names(sessions).astype("object")


def _column(name: str) -> Keys:
    return lambda frame, _tz: frame[name]


def _team(frame: pd.DataFrame, _tz: str) -> pd.Series:
    team = frame["team"] if "team" in frame else pd.Series(pd.NA, index=frame.index)
    return team.astype("object").where(team.notna(), NO_TEAM)


def _repository(frame: pd.DataFrame, _tz: str) -> pd.Series:
    repos = frame["pr_repos"].map(lambda row: row or (NO_REPOSITORY,))
    return repos.explode()


def _local(kind: str) -> Keys:
    return lambda frame, tz: period_start(frame["created_at"], kind, tz).dt.date  # type: ignore[arg-type]


_ALL: Final = (
    Dimension("person", "Person", lambda frame, _tz: person_labels(frame)),
    Dimension("team", "Team", _team),
    Dimension("category", "Category", _column("category"), code_label),
    Dimension("origin", "Origin", _column("origin"), code_label),
    Dimension("session_size", "Size class", _column("session_size"), code_label, ordered=True),
    Dimension("status", "Status", _column("status"), code_label),
    Dimension("repository", "Repository", _repository),
    Dimension("organization", "Organization", _column("org_id")),
    Dimension("day", "Day", _local("dau"), ordered=True),
    Dimension("week", "Week", _local("wau"), ordered=True),
    Dimension("billing_day", "Billing day", lambda frame, _tz: session_day(frame), ordered=True),
)
DIMENSIONS: Final[dict[str, Dimension]] = {dimension.key: dimension for dimension in _ALL}
