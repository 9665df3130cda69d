"""Names, teams and active users, fetched from the API when a day old (or on demand) and kept in
the store; who each user id is, from what is kept: :mod:`devin_data.services.roster`.

No figure is computed here, so a command-line sync never loads pandas.
"""

from __future__ import annotations

from datetime import datetime

from devin_data.services.workspace import Workspace
from devin_data.sync.people import PeopleRefresh, refresh_people
from devin_data.sync.schedule import people_due


def due(ws: Workspace, now: datetime) -> bool:
    """Names, teams and active users are due (a v3 key whose last fetch is a day old), so a
    screen can say it fetches them before it does."""
    return ws.settings.api_version == "v3" and people_due(ws.store, now)


def refresh(ws: Workspace, now: datetime, *, force: bool = False) -> PeopleRefresh:
    """Fetch members, IdP groups and active users when due (or ``force``); nothing for a key
    other than v3, and no client is made when nothing is due. A failure to reach the API raises;
    a missing permission is recorded."""
    if not (due(ws, now) or (force and ws.settings.api_version == "v3")):
        return PeopleRefresh(False)
    with ws.client() as client:
        return refresh_people(client, ws.store, now=now, force=force)
