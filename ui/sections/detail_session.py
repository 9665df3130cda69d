"""Session detail glue: which session, its details and messages on demand, and insights generation.

A session's details are fetched (by :mod:`devin_data.services.sessions`) once per (store scope,
session id, updated_at). Messages are kept in the store so the message charts of other pages see
them; when the API fails, the page falls back to what the store has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import pandas as pd
import streamlit as st

from devin_data.config import Settings
from devin_data.errors import DevinError, NotFoundError
from devin_data.models import Session
from devin_data.query.registry import SESSION_PARAM, session_param
from devin_data.query.validate import LinkContext, unreadable
from devin_data.services import explain, sessions
from ui.components.format import local_time, plain
from ui.data.remote import session_details
from ui.data.workspace import workspace

POLL_INTERVAL = 2.0  # seconds between insight polls; tests make it shorter
POLL_TIMEOUT = 60.0
RECENT = 200
_GENERATED = "detail_generated"


@dataclass(frozen=True)
class SessionDetail:
    """What the page shows: the summary record, the analysis (if any) and the messages."""

    record: dict[str, Any]
    analysis: dict[str, Any] | None
    messages: list[dict[str, Any]]
    cached: bool


def requested_id() -> str | None:
    """The session in the URL (``?session=devin-...`` or the bare id), normalized; None when
    there is none or it is not a session id (the link's check said so with a notice)."""
    text = st.query_params.get(SESSION_PARAM, "")
    if unreadable(text):
        return None
    return session_param(SESSION_PARAM, text, LinkContext(date.min))[0] if text.strip() else None


def pick_session(frame: pd.DataFrame, tz: str) -> str | None:
    """A selectbox of the most recent filtered sessions; the choice goes into the URL."""
    recent = frame.sort_values("created_at", ascending=False).head(RECENT)
    # Plain labels as options: a format_func closure would not survive serialized session state.
    ids: dict[str, str] = {}
    for row in recent.itertuples():
        session_id = str(row.session_id)
        created = cast(pd.Timestamp | None, row.created_at)
        # A missing title is NaN in a "str" column, and NaN is truthy: test it, don't `or` it.
        title = row.title if isinstance(row.title, str) else "(untitled)"
        ids[f"{title} · {local_time(created, tz)} · {session_id.removeprefix('devin-')[:8]}"] = (
            session_id
        )
    picked = st.selectbox(
        "Session",
        list(ids),
        index=None,
        key="detail_pick",
        placeholder=f"Pick one of the {len(ids):,} most recent sessions in the filters",
    )
    choice = ids.get(picked) if picked else None
    if choice:
        st.query_params[SESSION_PARAM] = choice
    return choice


def _show(err: DevinError, settings: Settings) -> None:
    st.error(explain(err, settings), icon=":material/error:")


def load(settings: Settings, session_id: str) -> SessionDetail | None:
    """The session from the API (cached), or from the store when the API fails; None if unknown."""
    ws = workspace(settings)
    record = sessions.cached_record(ws, session_id)
    updated = None if record is None else record.get("updated_at")
    try:
        fetched = session_details(settings, session_id, updated)
    except DevinError as err:
        if record is None and isinstance(err, NotFoundError):
            return None
        _show(err, settings)
        fallback = sessions.cached_session(ws, session_id)
        if fallback is None:
            return None
        fetched = fallback
    generated = st.session_state.get(_GENERATED, {}).get(session_id)
    return SessionDetail(
        record=fetched["record"],
        analysis=fetched["analysis"] or sessions.cached_analysis(ws, session_id) or generated,
        messages=fetched["messages"] or [],
        cached=record is not None,
    )


def can_generate(settings: Settings) -> bool:
    """Generating insights is a v3 endpoint (the demo organization speaks v3)."""
    return settings.api_version == "v3"


def _poll(settings: Settings, session_id: str) -> Session | None:
    """Ask for insights, then poll until the analysis arrives or the time is up."""
    return sessions.ask_for_insights(
        workspace(settings), session_id, timeout=POLL_TIMEOUT, interval=POLL_INTERVAL
    )


def generate(settings: Settings, detail: SessionDetail) -> None:
    """Generate insights with a status box; store them and rerun once they have arrived."""
    session_id = str(detail.record["session_id"])
    with st.status("Generating insights…", expanded=True) as box:
        box.write("Asked the API to analyse the session; waiting for the analysis.")
        try:
            fresh = _poll(settings, session_id)
        except DevinError as err:
            box.update(label="Insights could not be generated", state="error")
            _show(err, settings)
            return
        if fresh is None:
            box.update(label="The analysis is not ready yet", state="error")
            minutes = timedelta(seconds=POLL_TIMEOUT).total_seconds() / 60
            st.warning(f"No analysis after {minutes:g} min. Try again in a few minutes.")
            return
        box.update(label="Insights are ready", state="complete")
    if detail.cached:
        sessions.keep_generated(workspace(settings), session_id, fresh, now=datetime.now(UTC))
    else:
        generated = dict(st.session_state.get(_GENERATED, {}))
        generated[session_id] = fresh.analysis_record()
        st.session_state[_GENERATED] = generated
    st.rerun()


def not_found(session_id: str) -> None:
    st.warning(
        f"Session {plain(session_id)} was not found: it is not in the local cache and the API "
        "does not know it. Check the id, or sync to pick up new sessions.",
        icon=":material/search_off:",
    )
