"""Shared helpers for the AppTest suites: run the app on a page, count what the store holds."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, EmulatorServer, serve
from devin_data.frames.sessions import build_sessions_frame
from devin_data.query.parse import parse_query

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# Every page, the default (Overview) as None: what a test runs on each of them.
PAGES = (
    None,  # the default page, Overview
    "app_pages/sessions.py",
    "app_pages/session_detail.py",
    "app_pages/timelines.py",
    "app_pages/insights.py",
    "app_pages/people.py",
    "app_pages/data.py",
)


def run_page(
    page: str | None = None, *, secrets: Mapping[str, Any] | None = None, **params: str
) -> AppTest:
    """Run the app (syncing the demo org on first use), then switch to ``page``.

    The viewer's zone is pinned to UTC unless ``tz`` is given, so day boundaries match
    :func:`expected_sessions`; ``secrets`` are the app's ``st.secrets``.
    """
    app = AppTest.from_file(APP, default_timeout=180)
    app.secrets.update(secrets or {})
    for name, value in ({"tz": "UTC"} | params).items():
        app.query_params[name] = value
    app.run()
    if page is not None:
        app.switch_page(page).run()
    return app


def open_page(page: str, **params: str) -> AppTest:
    """The app after its first run (which syncs the demo) with ``params`` in its URL as they are
    (no zone pinned), switched to ``page``; any exception fails the test."""
    app = AppTest.from_file(APP, default_timeout=180)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def store_frame() -> pd.DataFrame:
    """The sessions the app cached for the demo organization of FROZEN_NOW (the app's clock)."""
    return build_sessions_frame(store_for(Settings.load(os.environ), FROZEN_NOW).session_records())


def expected_sessions(**params: str) -> pd.DataFrame:
    """The sessions the filters in ``params`` select at FROZEN_NOW, computed without the app."""
    spec, _ = parse_query(params)
    return spec.apply(store_frame(), FROZEN_NOW)


def shown_text(app: AppTest) -> str:
    """Everything the page shows in words: messages, markdown, captions, titles and tables."""
    parts = [
        str(element.value)
        for kind in ("error", "warning", "markdown", "caption", "title")
        for element in getattr(app, kind)
    ]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(parts)


def run_clean(page: str | None = None, *, secrets: Mapping[str, Any] | None = None) -> AppTest:
    """:func:`run_page`, failing the test on any exception the app raised."""
    app = run_page(page, secrets=secrets)
    assert not app.exception, app.exception
    return app


@contextmanager
def emulated(org: DemoOrg, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    """The app's environment pointed at ``org``, served on loopback at FROZEN_NOW and read with
    the admin key."""
    with serve(Emulator(org, clock=FROZEN_NOW.timestamp)) as server:
        monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
        monkeypatch.setenv("DEVIN_API_KEY", ADMIN_KEY)
        monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
        yield server
