"""The team mapping a manager provides: the DEVIN_TEAMS_FILE named by the environment or the
secrets, or a CSV uploaded on the Data page (kept in the cache, and preferred while it is)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from devin_data.analytics.teams import TeamMapping, parse_teams_csv
from devin_data.config import ENV_TEAMS_FILE

Stamp = tuple[str, int, int] | None


def teams_file() -> Path | None:
    """The file DEVIN_TEAMS_FILE names (the secrets win over the environment), if any."""
    try:
        value = st.secrets.get(ENV_TEAMS_FILE) if ENV_TEAMS_FILE in st.secrets else None
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        value = None
    value = value or os.environ.get(ENV_TEAMS_FILE)
    return Path(str(value)).expanduser() if value and str(value).strip() else None


def stamp() -> Stamp:
    """Changes when the file is named, changed or replaced: part of the roster's cache key."""
    path = teams_file()
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


def mapping(upload: dict[str, str]) -> tuple[TeamMapping | None, str | None]:
    """The mapping in force and where it comes from, in words; (None, None) without one."""
    if upload.get("text") is not None:
        where = f"the uploaded file {upload.get('name') or 'teams.csv'}"
        return parse_teams_csv(str(upload["text"])), where
    path = teams_file()
    if path is None:
        return None, None
    where = f"{ENV_TEAMS_FILE} ({path})"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else "not UTF-8 text"
        return TeamMapping(problems=(f"the file could not be read: {reason}",)), where
    return parse_teams_csv(text), where


def upload_panel(current: Any) -> None:
    """Upload a team mapping CSV (kept in this connection's cache), or remove it."""
    upload = current.team_upload()
    found, where = mapping(upload)
    if where:
        st.caption(f"Team mapping in force: {where}, {len(found or ())} entries.")
    for problem in (found.problems if found else ())[:20]:
        st.warning(f"Team mapping, {problem}: left out.", icon=":material/rule:")
    sent = st.file_uploader("Upload a team mapping (CSV: email or user id, team)", type=["csv"])
    if sent is not None and st.button("Use this team mapping", icon=":material/upload:"):
        try:
            text = sent.getvalue().decode("utf-8-sig")
        except UnicodeDecodeError:
            st.error("The file is not UTF-8 text; save it as CSV (UTF-8) and upload it again.")
            return
        current.save_team_upload(sent.name, text)
        st.rerun()
    if upload.get("text") is not None and st.button("Remove the uploaded team mapping"):
        current.clear_team_upload()
        st.rerun()
