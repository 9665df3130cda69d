"""Session detail's insights: classification, issues, action items, what happened and the
suggested prompt, all shown as text (markdown only after ``plain()`` escaped it)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data.catalogue import BLANK
from ui.components.format import label, number, percent, plain
from ui.sections.detail_header import facts

# Colors Streamlit markdown can draw; anything else the API sends is shown gray.
_CHIP_COLORS = {"red", "orange", "yellow", "green", "blue", "violet", "gray", "grey"}


_CHIP_ALIASES = {"purple": "violet", "amber": "orange", "neutral": "gray"}


def _table(items: list[dict[str, Any]], columns: dict[str, str], empty: str) -> None:
    if not items:
        st.caption(empty)
        return
    table = pd.DataFrame(items).reindex(columns=list(columns)).rename(columns=columns)
    st.dataframe(
        table.astype("object").where(table.notna(), None), hide_index=True, placeholder=BLANK
    )


def _chip(color: object) -> str:
    name = str(color or "gray").strip().lower()
    name = _CHIP_ALIASES.get(name, name)
    return f":{name if name in _CHIP_COLORS else 'gray'}-badge[●]"


def _confidence(value: object) -> str:
    """The scale is undocumented: a 0–1 value is a share, anything else is shown as is."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "–"
    return percent(value) if 0 <= value <= 1 else number(value, 2)


def _one_line(text: object) -> str:
    return plain(" ".join(str(text or "").split()))


def insights(analysis: dict[str, Any]) -> None:
    """Classification, issues, action items, analysis timeline and the suggested prompt."""
    found = analysis.get("classification") or {}
    languages = ", ".join(found.get("programming_languages") or []) or "–"
    tools = ", ".join(found.get("tools_and_frameworks") or []) or "–"
    classified = [
        ("Classified as", label(found.get("category"))),
        ("Confidence", _confidence(found.get("confidence"))),
    ]
    st.markdown(facts(classified))
    st.markdown(facts([("Languages", languages), ("Tools and frameworks", tools)]))
    st.markdown("**Issues**")
    issue_columns = {"impact": "Impact", "label": "Label", "issue": "Issue", "id": "Id"}
    _table(analysis.get("issues") or [], issue_columns, "No issues were found.")
    st.markdown("**Action items**")
    item_columns = {"type": "Type", "action_item": "Action item", "issue_id": "Issue"}
    items = [
        {**item, "type": label(item.get("type"))} for item in analysis.get("action_items") or []
    ]
    _table(items, item_columns, "No action items.")
    st.markdown("**What happened**")
    events = analysis.get("timeline") or []
    lines = [
        f"{n}. {_chip(e.get('color'))} **{_one_line(e.get('title'))}** — "
        f"{_one_line(e.get('description'))}"
        for n, e in enumerate(events, start=1)
    ]
    st.markdown("\n".join(lines) if lines else "No timeline events.")
    _prompts(analysis.get("suggested_prompt") or {})


def _prompts(suggested: dict[str, Any]) -> None:
    if not suggested:
        return
    original, better = st.columns(2)
    original.markdown("**Original prompt**")
    original.code(suggested.get("original_prompt") or "", language=None, wrap_lines=True)
    better.markdown("**Suggested prompt**")
    better.code(suggested.get("suggested_prompt") or "", language=None, wrap_lines=True)
    st.markdown("**Feedback on the prompt**")
    feedback_columns = {"summary": "Summary", "excerpt": "Excerpt", "details": "Details"}
    _table(suggested.get("feedback_items") or [], feedback_columns, "No feedback items.")
