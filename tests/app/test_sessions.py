"""The Sessions page: the filtered table, its count and its downloads."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import expected_sessions, run_page
from frozen_time import FROZEN_NOW

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.frames.export import EXPORT_COLUMNS, parquet_bytes
from devin_data.services.export import cached_export
from devin_data.services.workspace import Workspace
from devin_data.text.labels import label
from ui.components.format import plain
from ui.sections.sessions_table import KEY_COLUMNS, UNTITLED, sessions_download, shown_sessions


def test_table_lists_the_filtered_sessions(demo_environment: Path) -> None:
    app = run_page("app_pages/sessions.py", status="exit")
    assert not app.exception, app.exception
    expected = expected_sessions(status="exit")
    assert any(c.value.startswith(f"{len(expected):,} sessions") for c in app.caption)
    table = app.dataframe[0].value
    assert len(table) == len(expected)
    assert set(table["status"]) == {"Exit"}
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


def test_the_table_reads_labels_users_and_durations_with_key_columns_first(
    demo_environment: Path,
) -> None:
    app = run_page("app_pages/sessions.py")
    table = app.dataframe[0].value
    expected = expected_sessions().sort_values("created_at", ascending=False)
    assert list(table.columns[: len(KEY_COLUMNS)]) == list(KEY_COLUMNS)
    assert table["title"].notna().all()
    untitled = expected["title"].isna().to_numpy()
    assert untitled.any(), "the demo has no untitled session to check"
    assert set(table.loc[untitled, "title"]) == {UNTITLED}
    assert table["category"].dropna().to_list() == [
        label(code) for code in expected["category"].dropna()
    ]
    # People read by the name the members list gives; service users keep their id.
    members = store_for(Settings.load(os.environ), FROZEN_NOW).people()["members"]
    names = {member["user_id"]: member["name"] for member in members}
    users = expected["service_user_id"].where(expected["is_service"], expected["user_id"])
    assert table["user"].to_list() == [names.get(user, user) for user in users]
    assert set(names.values()) & set(table["user"])
    minutes = expected["duration"].dt.total_seconds().to_numpy() / 60
    assert table["duration"].to_numpy() == pytest.approx(minutes)
    assert any("times in UTC" in c.value for c in app.caption)


def test_the_download_carries_labels_beside_codes_in_the_export_schema(
    demo_environment: Path,
) -> None:
    frame = expected_sessions()
    shown = shown_sessions(frame, "Europe/Berlin")
    download = sessions_download(frame)
    assert list(download.columns) == list(EXPORT_COLUMNS)
    assert download["category"].dropna().to_list() == shown["category"].dropna().to_list()
    codes = frame.sort_values("created_at", ascending=False)["category"].dropna()
    assert download["category_code"].dropna().to_list() == codes.astype(str).to_list()
    for column in ("status", "status_detail", "origin", "session_size"):
        assert f"{column}_code" in download.columns
    assert download["duration_minutes"].to_numpy() == pytest.approx(
        shown["duration"].to_numpy(), abs=0.05 + 1e-9
    )
    assert download["created_at"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()
    # The creator's id, and the name beside it where the members list gave one.
    columns = list(download.columns)
    assert columns[columns.index("user_id") + 1] == "user_name"
    ordered = frame.sort_values("created_at", ascending=False)
    ids = ordered["service_user_id"].where(ordered["is_service"], ordered["user_id"])
    assert download["user_id"].to_list() == ids.to_list()


def test_the_page_download_is_the_command_line_export_of_its_sessions(
    demo_environment: Path, downloads: dict[str, bytes]
) -> None:
    app = run_page("app_pages/sessions.py", status="exit")
    assert not app.exception, app.exception
    page = pd.read_parquet(io.BytesIO(downloads["sessions.parquet"]))
    settings = Settings.load(os.environ)
    with Workspace.open(settings, now=FROZEN_NOW) as ws:
        cli = pd.read_parquet(io.BytesIO(parquet_bytes(cached_export(ws, settings))))
    assert list(page.columns) == list(cli.columns) == list(EXPORT_COLUMNS)
    expected = set(expected_sessions(status="exit")["session_id"])
    assert set(page["session_id"]) == expected
    same = cli.set_index("session_id").loc[page["session_id"]].reset_index()
    pd.testing.assert_frame_equal(page, same)
    assert page["org_id"].eq(settings.effective_org_id).all()
    parents = page[page["child_session_ids"].map(len) > 0]
    assert len(parents), "no parent session among the exited ones"
    assert (parents["family_sessions"] > 1).all()
    csv_rows = list(csv.DictReader(io.StringIO(downloads["sessions.csv"].decode(), newline="")))
    assert [row["session_id"] for row in csv_rows] == page["session_id"].to_list()
    first = parents.index[0]
    assert csv_rows[first]["child_session_ids"] == "; ".join(page.loc[first, "child_session_ids"])
