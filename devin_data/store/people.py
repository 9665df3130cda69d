"""What the store keeps about people beside the sessions: members, active users and teams.

Each is one JSON value of the key-value part of the store, so it lives and dies with the cache of
its credential: ``people`` (members with names and emails, their IdP groups, the active-user
metrics, when they were fetched and which permission was missing) and ``teams_upload`` (the team
mapping a manager uploaded, as the CSV text and its file name).
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from devin_data.store.base import StoreBase

PEOPLE_KEY = "people"
TEAMS_KEY = "teams_upload"


class PeopleStore(StoreBase):
    """The people part of a :class:`~devin_data.store.Store`."""

    def people(self) -> dict[str, Any]:
        """The last members and metrics fetch (``{}`` before the first)."""
        found: dict[str, Any] = self._read(lambda: self._load(PEOPLE_KEY, {}), {})
        return found

    def save_people(self, value: dict[str, Any]) -> None:
        self._write(lambda: self._save(PEOPLE_KEY, value))

    def team_upload(self) -> dict[str, Any]:
        """``{"name": file name, "text": CSV text}`` of the uploaded mapping, ``{}`` when none."""
        found: dict[str, Any] = self._read(lambda: self._load(TEAMS_KEY, {}), {})
        return found

    def save_team_upload(self, name: str, text: str) -> None:
        self._write(lambda: self._save(TEAMS_KEY, {"name": name, "text": text}))

    def clear_team_upload(self) -> None:
        self._write(lambda: self._save(TEAMS_KEY, {}))

    def people_version(self) -> str:
        """Changes whenever the members, metrics or the uploaded teams change: a cache key."""
        material = orjson.dumps([self.people(), self.team_upload()], option=orjson.OPT_SORT_KEYS)
        return hashlib.sha256(material).hexdigest()[:16]
