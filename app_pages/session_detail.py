"""Session detail: one session's vitals, message timeline, pull requests and insights."""

from __future__ import annotations

import streamlit as st

from devin_data.analytics import WAIT_THRESHOLD, session_messages_frame, total_wait, waiting_gaps
from devin_data.charts import message_timeline_chart, timeline_data
from devin_data.models import TERMINAL_STATUSES
from ui.components.format import duration
from ui.components.widgets import chart
from ui.data.frames import roster
from ui.sections import detail_header, detail_insights
from ui.sections import detail_session as detail
from ui.sections.delivery import family_line
from ui.state.context import page_context
from ui.state.links import DETAIL_PAGE


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


ctx = page_context()
settings, tz = ctx.settings, ctx.tz

session_id = detail.requested_id()
if session_id is None:
    st.title("Session detail")
    session_id = detail.pick_session(ctx.filtered, tz)
    if session_id is None:
        st.info("Pick a session above, or select a row on the Sessions page.")
        st.stop()

shown = detail.load(settings, session_id)
if shown is None:
    detail.not_found(session_id)
    st.stop()

detail_header.header(shown.record, tz, settings.api_version, roster(settings).names)
family_line(settings, session_id)
if not shown.cached:
    st.caption("This session is outside the synced window; it is shown straight from the API.")
st.page_link(DETAIL_PAGE, label="Choose another session", query_params=ctx.filters.query_params())

st.header("Messages")
messages = session_messages_frame(session_id, shown.messages)
gaps = waiting_gaps(messages)
if len(gaps):
    st.caption(
        f"Devin waited on a person {_times(len(gaps))} for {duration(total_wait(gaps))} in total "
        f"(replies that came more than {duration(WAIT_THRESHOLD)} after Devin's message)."
    )
chart(
    message_timeline_chart(messages, gaps, tz=tz),
    timeline_data(messages, gaps),
    key="detail_timeline",
    filename=f"{session_id}-messages.csv",
    empty="No messages in this session yet.",
)
detail_header.message_list(messages, tz)

st.header("Pull requests")
detail_header.pull_requests(shown.record, settings.api_version)

st.header("Insights")
if shown.analysis is not None:
    detail_insights.insights(shown.analysis)
elif shown.record.get("status") not in TERMINAL_STATUSES:
    st.info("This session has no analysis yet: insights are generated once a session has ended.")
elif not detail.can_generate(settings):
    st.info("This session has no analysis. Insights need a v3 key (cog_…); this is a v1 key.")
else:
    st.info("This session has not been analysed yet. Devin can generate its insights on request.")
    if st.button("Generate insights", icon=":material/auto_awesome:", key="detail_generate"):
        detail.generate(settings, shown)
