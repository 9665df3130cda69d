"""The Sessions page: the filtered table, its count and its downloads."""

from __future__ import annotations

from pathlib import Path

from apptest_helpers import expected_sessions, run_page

from ui.format import plain


def test_table_lists_the_filtered_sessions(demo_environment: Path) -> None:
    app = run_page("app_pages/sessions.py", status="exit")
    assert not app.exception, app.exception
    expected = expected_sessions(status="exit")
    assert any(c.value.startswith(f"{len(expected):,} sessions") for c in app.caption)
    table = app.dataframe[0].value
    assert len(table) == len(expected)
    assert set(table["status"]) == {"exit"}
    assert set(table["session_id"]) == set(expected["session_id"])
    assert table["created_at"].is_monotonic_decreasing


def test_empty_filter_shows_the_empty_state(demo_environment: Path) -> None:
    app = run_page("app_pages/sessions.py", q="zzzz-no-such-session")
    assert not app.exception
    assert any("No sessions match" in info.value for info in app.info)
    assert not app.dataframe


def test_selecting_a_row_opens_session_detail(demo_environment: Path) -> None:
    app = run_page("app_pages/sessions.py")
    table = app.dataframe[0].value
    # A row below the first (so the selection is not a default), titled without markup.
    ordinary = [
        n
        for n, title in enumerate(table["title"])
        if n and isinstance(title, str) and plain(title) == title
    ]
    assert ordinary, "no session below the first row has an ordinary title"
    row = ordinary[0]
    chosen = table.iloc[row]
    app.session_state["sessions_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    app.run()
    assert not app.exception, app.exception
    assert app.query_params["session"] == chosen["session_id"]
    assert [t.value for t in app.title] == [chosen["title"]]
