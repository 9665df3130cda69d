"""The team mapping a manager provides: the DEVIN_TEAMS_FILE named by the environment or the
secrets, or a CSV uploaded on the Data page (kept in the cache, and preferred while it is).

Every line left out is reported by number; a file with no usable line is refused with a message
and never replaces the mapping in force; an upload is refused above 1 MB."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data.catalogue import BLANK
from devin_data.frames.teams import MAX_BYTES, MAX_MB, parse_teams_csv
from devin_data.services import roster
from devin_data.services.workspace import Workspace
from ui.components.format import plain
from ui.shell.config import teams_file

_LISTED = 20  # problems listed in the warning; beyond, a table holds them all


def show_problems(problems: tuple[str, ...], where: str) -> None:
    """Every line left out, by number and why: the first in a warning, all of them in a table."""
    if not problems:
        return
    count = f"{len(problems):,} line{'s' if len(problems) > 1 else ''}"
    listed = "".join(f"\n- {plain(problem)}" for problem in problems[:_LISTED])
    more = f"\n- … and {len(problems) - _LISTED:,} more, below" if len(problems) > _LISTED else ""
    st.warning(
        f"Team mapping ({plain(where)}): {count} left out.{listed}{more}", icon=":material/rule:"
    )
    if len(problems) > _LISTED:
        st.dataframe(
            pd.DataFrame({"Left out": problems}),
            hide_index=True,
            key="teams_problems",
            placeholder=BLANK,
        )


def _use(ws: Workspace, sent: Any) -> None:
    """Keep the uploaded file as the mapping, unless it is too large, not text or unusable."""
    data = sent.getvalue() if sent.size <= MAX_BYTES else b""
    if sent.size > MAX_BYTES or len(data) > MAX_BYTES:
        st.error(f"{plain(sent.name)} is larger than {MAX_MB} MB; the mapping in force is kept.")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        st.error("The file is not UTF-8 text; save it as CSV (UTF-8) and upload it again.")
        return
    parsed = parse_teams_csv(text)
    if parsed.refused:
        st.error(
            f"{plain(sent.name)} has no usable line, so it is not used: the mapping in force is "
            "kept.",
            icon=":material/block:",
        )
        show_problems(parsed.problems, sent.name)
        return
    roster.keep_team_upload(ws, sent.name, text)
    st.rerun()


def upload_panel(ws: Workspace) -> None:
    """Upload a team mapping CSV (kept in this connection's cache), or remove it."""
    upload = roster.team_upload(ws)
    found, where = roster.in_force(upload, teams_file())
    if found is not None and where:
        entries = f"{len(found):,} entr{'y' if len(found) == 1 else 'ies'}"
        st.caption(f"Team mapping in force: {plain(where)}, {entries}.")
        show_problems(found.problems, where)
    else:
        st.caption("No team mapping in force: teams come from IdP groups where the key reads them.")
    for mapping, named in roster.refused(upload, teams_file()):
        st.warning(f"{plain(named)} has no usable line, so it is not used.")
        show_problems(mapping.problems, named)
    sent = st.file_uploader(
        f"Upload a team mapping (CSV: email or user id, team; at most {MAX_MB} MB)",
        type=["csv"],
        max_upload_size=MAX_MB,
    )
    if sent is not None and st.button("Use this team mapping", icon=":material/upload:"):
        _use(ws, sent)
    if upload.get("text") is not None and st.button("Remove the uploaded team mapping"):
        roster.remove_team_upload(ws)
        st.rerun()
