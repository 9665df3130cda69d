"""Session detail sections: the header (title, vitals, links), the message list and the pull
requests.

Everything that came from the API (titles, messages, prompts, analysis text) is shown as text:
``st.text``/``st.code``/``st.dataframe``, or markdown only after ``plain()`` escaped it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import pandas as pd
import streamlit as st

from devin_data.analytics.kpis import NOT_AVAILABLE
from devin_data.catalogue import BLANK
from devin_data.config import ApiVersion
from devin_data.frames.availability import V1_REASON, api_reason
from ui.components.format import duration, label, local_time, number, plain
from ui.state.filters import current_filters
from ui.state.links import DETAIL_PAGE

MAX_LISTED = 500
MAX_CHILDREN = 20
_STAMP = "%Y-%m-%d %H:%M %Z"


def _when(epoch: object) -> pd.Timestamp | None:
    if not isinstance(epoch, int | float):
        return None
    return pd.Timestamp(float(epoch), unit="s", tz="UTC")


def _status(record: dict[str, Any]) -> str:
    status = label(record.get("status"))
    detail = record.get("status_detail")
    return f"{status} · {label(detail)}" if detail else status


def _session_link(session_id: str, caption: str) -> None:
    params = {"session": session_id} | current_filters().query_params()
    st.page_link(DETAIL_PAGE, label=f"{caption} {plain(session_id)}", query_params=params)


def facts(pairs: list[tuple[str, str]]) -> str:
    """``**Name** value · ...`` with every value escaped (values may come from the API)."""
    return " · ".join(f"**{name}** {plain(value)}" for name, value in pairs)


def header(
    record: dict[str, Any], tz: str, api: ApiVersion = "v3", names: Mapping[str, str] | None = None
) -> None:
    """Title (as text), the session's vital numbers, the Devin link and related sessions.

    A field the API never reports (``api``) reads "not available", and a caption says why.
    """
    st.title(plain(record.get("title") or "(untitled session)"))
    st.caption(plain(record["session_id"]))
    created, updated = _when(record.get("created_at")), _when(record.get("updated_at"))
    category = _unless_unreported("category", api, label(record.get("category")))
    if record.get("subcategory"):
        category = f"{category} · {record['subcategory']}"
    who = record.get("user_id") or record.get("service_user_id")
    name = (names or {}).get(who) if who else None
    user = f"{name} ({who})" if name else who or "–"
    status = [("Status", _status(record)), ("Origin", label(record.get("origin")))]
    st.markdown(facts([*status, ("Category", category)]))
    st.markdown(
        facts(
            [
                ("Created", local_time(created, tz, _STAMP)),
                ("Updated", local_time(updated, tz, _STAMP)),
                ("User", str(user)),
                ("Tags", ", ".join(record.get("tags") or []) or "–"),
            ]
        )
    )
    numbers = [
        ("Size", _unless_unreported("session_size", api, label(record.get("session_size")))),
        ("ACUs", _unless_unreported("acus_consumed", api, number(record.get("acus_consumed"), 2))),
        ("Duration", duration(updated - created if created and updated else None)),
        ("User messages", number(record.get("num_user_messages"))),
        ("Devin messages", number(record.get("num_devin_messages"))),
    ]
    for column, (name, value) in zip(st.columns(len(numbers)), numbers, strict=True):
        column.metric(name, plain(value))
    unreported = [name for name, column in _V1_FIELDS if api_reason(column, api)]
    if unreported:
        st.caption(plain(f"{', '.join(unreported)}: {V1_REASON}."))
    _links(record)


_V1_FIELDS = (("Category", "category"), ("Size", "session_size"), ("ACUs", "acus_consumed"))


def _unless_unreported(column: str, api: ApiVersion, value: str) -> str:
    return NOT_AVAILABLE if api_reason(column, api) else value


def _links(record: dict[str, Any]) -> None:
    url = str(record.get("url") or "")
    if url.startswith(("https://", "http://")):
        st.link_button("Open in Devin", url, icon=":material/open_in_new:")
    if record.get("parent_session_id"):
        _session_link(str(record["parent_session_id"]), "Parent session")
    children = list(record.get("child_session_ids") or [])
    for child in children[:MAX_CHILDREN]:
        _session_link(str(child), "Child session")
    if len(children) > MAX_CHILDREN:
        st.caption(f"…and {len(children) - MAX_CHILDREN:,} more child sessions.")


def message_list(frame: pd.DataFrame, tz: str) -> None:
    """One chat bubble per message, oldest first; the text is shown as plain text."""
    if frame.empty:
        st.caption("No messages to list.")
        return
    with st.container(height=520, autoscroll=False):
        for row in frame.head(MAX_LISTED).itertuples():
            user = row.source == "user"
            name, avatar = (
                ("user", ":material/person:") if user else ("Devin", ":material/smart_toy:")
            )
            with st.chat_message(name, avatar=avatar):
                when = local_time(
                    cast(pd.Timestamp | None, row.created_at), tz, "%Y-%m-%d %H:%M:%S"
                )
                st.caption(f"{when} · {label(row.source)}")
                st.text(row.message)
    if len(frame) > MAX_LISTED:
        st.caption(f"The first {MAX_LISTED:,} of {len(frame):,} messages are listed.")


def pull_requests(record: dict[str, Any], api: ApiVersion = "v3") -> None:
    prs = record.get("pull_requests") or []
    if not prs:
        st.caption("This session opened no pull requests.")
        return
    if api_reason("pr_states", api):
        st.caption(plain(f"Pull request states: {V1_REASON}."))
    table = pd.DataFrame(
        {
            "pr_url": [pr.get("pr_url") for pr in prs],
            "pr_state": [label(pr.get("pr_state") or "unknown") for pr in prs],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "pr_url": st.column_config.LinkColumn("Pull request"),
            "pr_state": st.column_config.TextColumn("State"),
        },
        placeholder=BLANK,
    )
