"""Shared helpers of the Session detail tests: open a cached session, read the page's facts."""

from __future__ import annotations

import os
from typing import Any

from apptest_helpers import run_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.models import TERMINAL_STATUSES
from devin_data.store.store import Store
from ui.components.format import plain

PAGE = "app_pages/session_detail.py"


def cached_store() -> Store:
    return store_for(Settings.load(os.environ), FROZEN_NOW)


def open_first(predicate: Any, *, bare: bool = False) -> tuple[AppTest, dict[str, Any]]:
    """Sync on a first run of the page (no id yet), then open the first session that fits."""
    app = run_page(PAGE)
    record = first(predicate)
    app.query_params["session"] = id_of(record).removeprefix("devin-") if bare else id_of(record)
    return app.run(), record


def open_id(session: str) -> AppTest:
    app = run_page(PAGE)
    app.query_params["session"] = session
    return app.run()


def first(predicate: Any) -> dict[str, Any]:
    """The cached session with the lowest id among those that fit ``predicate``."""
    fitting = [r for r in sorted(cached_store().session_records(), key=id_of) if predicate(r)]
    assert fitting, "no cached session fits this test"
    return fitting[0]


def id_of(record: dict[str, Any]) -> str:
    return str(record["session_id"])


def analysed(record: dict[str, Any]) -> bool:
    return cached_store().get_analysis(id_of(record)) is not None


def with_issues(record: dict[str, Any]) -> bool:
    analysis = cached_store().get_analysis(id_of(record))
    return analysis is not None and bool(analysis.get("issues"))


def shown_title(record: dict[str, Any]) -> str:
    return plain(record.get("title") or "(untitled session)")


def table_with(app: AppTest, column: str) -> Any:
    """The one table on the page with this column."""
    (table,) = [frame.value for frame in app.dataframe if column in frame.value.columns]
    return table


def unanalysed_terminal(record: dict[str, Any]) -> bool:
    return record["status"] in TERMINAL_STATUSES and not analysed(record)


def fact(app: AppTest, name: str) -> str | None:
    """The value of ``**name** value`` in the header's fact lines (``·`` separates facts)."""
    for block in app.markdown:
        for fact in block.value.split(" · **"):
            head, _, value = fact.removeprefix("**").partition("** ")
            if head == name:
                return value
    return None


def headers(app: AppTest) -> list[str]:
    return [header.value for header in app.header]


def keys_of(app: AppTest) -> set[str]:
    return {button.key for button in app.button if button.key}
