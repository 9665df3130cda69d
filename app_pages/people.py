"""People: who uses Devin, how well, how that changes, and how teams and periods compare."""

from __future__ import annotations

import streamlit as st

from ui.components.widgets import empty_state
from ui.sections.compare import compare_section
from ui.sections.organizations import people_comparison
from ui.sections.people_adoption import adoption_section
from ui.sections.people_tables import people_section, show_names_notice
from ui.sections.people_teams import learning_section, teams_section
from ui.shell.sync_panel import ensure_people
from ui.state.context import page_context

ctx = page_context()

st.title("People")
show_names_notice(ctx.settings)
if ctx.api == "v3" and st.button("Refresh names, teams and active users", icon=":material/sync:"):
    ensure_people(ctx.settings, force=True)
    st.rerun()
if ctx.filtered.empty:
    empty_state("No sessions match these filters.")
    st.stop()

adoption_section(ctx.settings, ctx.undated, ctx.filters)
people_comparison(ctx.settings, ctx.filters, ctx.now)
people_section(ctx)
teams_section(ctx.settings, ctx.filtered, ctx.api)
learning_section(ctx.settings, ctx.undated, ctx.api)
compare_section(ctx.settings, ctx.sessions, ctx.filtered, ctx.filters)
