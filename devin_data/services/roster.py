"""Who each user id is: the roster (names, emails, teams) with the team mapping in force, why
people are shown by id, and the team mapping a manager uploads.

Where a person's team comes from: the team mapping a manager provides (an upload kept in the
store, preferred, else the ``DEVIN_TEAMS_FILE`` the configuration names), then the person's IdP
group; :func:`devin_data.frames.roster.build_roster` applies that order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from devin_data.config import ENV_TEAMS_FILE, Settings
from devin_data.frames.availability import V1_REASON
from devin_data.frames.roster import Roster, build_roster
from devin_data.frames.teams import TeamMapping, parse_teams_csv
from devin_data.services.workspace import Workspace

Stamp = tuple[str, int, int] | None


Found = tuple[TeamMapping, str]  # a mapping and where it comes from, in words


def roster(ws: Workspace, teams_file: Path | None) -> Roster:
    """Names, emails and teams by user id, with the team mapping in force."""
    mapping, source = in_force(ws.store.team_upload(), teams_file)
    return build_roster(ws.people(), mapping, source)


def names_notice(settings: Settings, people: Roster) -> str | None:
    """Why people are shown by id, naming the permission that would give names; None if named."""
    if settings.api_version != "v3":
        return f"People are shown by id: names and emails are {V1_REASON}."
    if people.names_missing:
        return (
            f"People are shown by id: this key lacks the {people.names_missing} permission, "
            "which the members list (names and emails) needs."
        )
    if people.names_error:
        return f"People are shown by id: the members list could not be read ({people.names_error})"
    return None


def metrics_reason(settings: Settings, people: dict[str, Any], kind: str) -> str | None:
    """Why the API's active-user figures of ``kind`` are not used, or None when they are."""
    if settings.api_version != "v3":
        return f"the active-user metrics are {V1_REASON}"
    if people.get(f"{kind}_missing"):
        return f"this key lacks the {people[f'{kind}_missing']} permission"
    if people.get(f"{kind}_error"):
        return "the API's metrics could not be read"
    return None if kind in people else "the API's metrics are not fetched yet"


def file_stamp(path: Path | None) -> Stamp:
    """Changes when the teams file is named, changed or replaced: part of a roster's cache key."""
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


def uploaded(upload: dict[str, str]) -> Found | None:
    """The uploaded mapping as read, and where it comes from in words; None without one."""
    if upload.get("text") is None:
        return None
    where = f"the uploaded file {upload.get('name') or 'teams.csv'}"
    return parse_teams_csv(str(upload["text"])), where


def named_file(path: Path | None) -> Found | None:
    """The mapping the teams file holds, as read, and where it comes from in words."""
    if path is None:
        return None
    where = f"{ENV_TEAMS_FILE} ({path})"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else "not UTF-8 text"
        return TeamMapping(problems=(f"the file could not be read: {reason}",)), where
    return parse_teams_csv(text), where


def in_force(upload: dict[str, str], path: Path | None) -> tuple[TeamMapping | None, str | None]:
    """The mapping in force and where it comes from, in words; (None, None) without one. The
    upload is preferred; a file with no usable line is never in force."""
    for found in (uploaded(upload), named_file(path)):
        if found is not None and not found[0].refused:
            return found
    return None, None


def refused(upload: dict[str, str], path: Path | None) -> list[Found]:
    """The mappings offered that have no usable line, so are not used."""
    return [found for found in (uploaded(upload), named_file(path)) if found and found[0].refused]


def team_upload(ws: Workspace) -> dict[str, str]:
    """``{"name": file name, "text": CSV text}`` of the uploaded mapping, ``{}`` when none."""
    return ws.store.team_upload()


def keep_team_upload(ws: Workspace, name: str, text: str) -> None:
    """Keep an uploaded mapping with this connection's cache (checked by the caller)."""
    ws.store.save_team_upload(name, text)


def remove_team_upload(ws: Workspace) -> None:
    ws.store.clear_team_upload()
