"""Keep the cache fresh: sync on first open, a Sync button with a progress bar, and names, teams
and active users fetched when a day old.

A failed sync shows one error where it happened and the pages keep working from the cache; it is
not retried on every rerun of this browser session, only when the Sync button is pressed. When
nothing is cached either, the pages have nothing to show: the error takes their place, so an
empty page never blames the filters for a connection that failed.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import streamlit as st

from devin_data.clock_skew import skew_warning
from devin_data.config import Settings
from devin_data.errors import DevinError
from devin_data.services import people, scope_of, syncing
from devin_data.services.syncing import SyncProgress, SyncReport
from devin_data.text.describe import freshness
from ui.data.workspace import workspace
from ui.shell.connection import failure_text, forget_refused_key

_FAILED = "sync_failed"
NOTHING_CACHED = (
    "Nothing is cached for this connection yet, so the pages have no data to show. "
    "Fix the connection, then press **Sync now** in the sidebar."
)


def _run_sync(settings: Settings) -> SyncReport | None:
    bar = st.progress(0.0, text="Syncing sessions…")

    def report(progress: SyncProgress) -> None:
        share = min(1.0, progress.done / progress.total) if progress.total else 0.0
        bar.progress(share, text=f"{progress.phase}: {progress.message}")

    failures: dict[str, str] = st.session_state.setdefault(_FAILED, {})
    ws = workspace(settings)
    try:
        options = syncing.options_for(settings, datetime.now(UTC))
        result = syncing.sync_now(ws, options, progress=report)
        if result is None:  # another replica syncs this organization: show its progress instead
            syncing.follow_other(ws, report)
    except DevinError as err:
        forget_refused_key(settings, err)  # a refused form key: its data is not shown again
        failures[scope_of(settings)] = f"Sync failed: {failure_text(err, settings)}"
        return None
    finally:
        bar.empty()
    failures.pop(scope_of(settings), None)
    return result


def sync_failure(settings: Settings) -> str | None:
    """The message of this connection's last failed sync in this browser session, if any."""
    failures: dict[str, str] = st.session_state.get(_FAILED, {})
    return failures.get(scope_of(settings))


def ensure_synced(settings: Settings) -> bool:
    """An empty cache is filled before the first page renders; a failure is shown, not retried.
    A shared store another process has synced is never synced on open: its data shows at once.

    False when the sync failed and nothing is cached: the error (and what to do) is then all a
    page can show, and the caller skips the page.
    """
    if sync_failure(settings) is None and syncing.never_synced(workspace(settings)):
        _run_sync(settings)
    message = sync_failure(settings)
    if message is None:
        return True
    if workspace(settings).count():
        st.error(message, icon=":material/error:")
        return True
    st.error(f"**Not connected.** {message}\n\n{NOTHING_CACHED}", icon=":material/cloud_off:")
    return False


def sidebar_sync(settings: Settings) -> None:
    """Freshness, the API clock warning when it disagrees with ours, and the Sync button."""
    state = workspace(settings).state()
    status = freshness(state, time.time())
    if sync_failure(settings) is not None:
        status += " · the last sync failed"
    st.sidebar.caption(status)
    last = state.last_sync
    warning = skew_warning(last.clock_skew if last else None)
    if warning:
        st.sidebar.warning(warning, icon=":material/schedule:")
    set_aside = (last.quarantined_count if last else None) or 0
    if set_aside:
        st.sidebar.warning(
            f"The last sync set aside {set_aside} malformed session"
            f"{'s' if set_aside > 1 else ''}: see the Data page.",
            icon=":material/report:",
        )
    clicked = st.sidebar.button("Sync now", icon=":material/sync:", width="stretch")
    if clicked:
        _run_sync(settings)
        st.rerun()


_PROBLEM = "people_refresh_problem"


def ensure_people(settings: Settings, *, force: bool = False) -> None:
    """Fetch members, IdP groups and active users when a day old (or ``force``); a failure is
    kept for the notice and never stops the page."""
    now = datetime.now(UTC)
    ws = workspace(settings)
    if settings.api_version != "v3" or not (force or people.due(ws, now)):
        return
    try:
        with st.spinner("Fetching names, teams and active users…"):
            done = people.refresh(ws, now, force=force)
    except DevinError as err:
        st.session_state[_PROBLEM] = str(err)
        return
    st.session_state[_PROBLEM] = "; ".join(done.problems) or None
