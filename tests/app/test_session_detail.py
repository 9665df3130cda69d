"""Session detail: header, messages, pull requests and insights, fetched on demand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import run_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

import ui.sections.detail_session
from devin_data.config import Settings
from devin_data.connect import shared_demo_emulator, store_for
from devin_data.emulator import ORG_ID, V1_KEY, VIEWER_KEY, DemoOrg, Emulator, serve
from devin_data.errors import NotFoundError
from devin_data.models import TERMINAL_STATUSES, Session
from devin_data.store.store import Store
from ui.components.format import label, plain

PAGE = "app_pages/session_detail.py"


def _store() -> Store:
    return store_for(Settings.load(os.environ), FROZEN_NOW)


def _open(predicate: Any, *, bare: bool = False) -> tuple[AppTest, dict[str, Any]]:
    """Sync on a first run of the page (no id yet), then open the first session that fits."""
    app = run_page(PAGE)
    record = _first(predicate)
    app.query_params["session"] = _id(record).removeprefix("devin-") if bare else _id(record)
    return app.run(), record


def _open_id(session: str) -> AppTest:
    app = run_page(PAGE)
    app.query_params["session"] = session
    return app.run()


def _first(predicate: Any) -> dict[str, Any]:
    """The cached session with the lowest id among those that fit ``predicate``."""
    fitting = [r for r in sorted(_store().session_records(), key=_id) if predicate(r)]
    assert fitting, "no cached session fits this test"
    return fitting[0]


def _id(record: dict[str, Any]) -> str:
    return str(record["session_id"])


def _analysed(record: dict[str, Any]) -> bool:
    return _store().get_analysis(_id(record)) is not None


def _with_issues(record: dict[str, Any]) -> bool:
    analysis = _store().get_analysis(_id(record))
    return analysis is not None and bool(analysis.get("issues"))


def _shown_title(record: dict[str, Any]) -> str:
    return plain(record.get("title") or "(untitled session)")


def _table(app: AppTest, column: str) -> Any:
    """The one table on the page with this column."""
    (table,) = [frame.value for frame in app.dataframe if column in frame.value.columns]
    return table


def _unanalysed_terminal(record: dict[str, Any]) -> bool:
    return record["status"] in TERMINAL_STATUSES and not _analysed(record)


def _fact(app: AppTest, name: str) -> str | None:
    """The value of ``**name** value`` in the header's fact lines (``·`` separates facts)."""
    for block in app.markdown:
        for fact in block.value.split(" · **"):
            head, _, value = fact.removeprefix("**").partition("** ")
            if head == name:
                return value
    return None


def _headers(app: AppTest) -> list[str]:
    return [header.value for header in app.header]


@pytest.mark.parametrize("titled", [True, False], ids=["titled", "untitled"])
def test_no_id_offers_the_recent_sessions(demo_environment: Path, titled: bool) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Session detail"]
    picker = app.selectbox(key="detail_pick")
    assert picker.value is None
    assert len(picker.options) == 200
    newest = max(_store().session_records(), key=lambda r: r["created_at"])
    offered = {o.rsplit(" · ", 1)[1] for o in picker.options}
    assert _id(newest).removeprefix("devin-")[:8] in offered
    records = {_id(r).removeprefix("devin-")[:8]: r for r in _store().session_records()}
    fitting = [records[s] for s in offered if bool(records[s]["title"]) == titled]
    assert fitting, f"no offered session with titled={titled}"
    choice = min(fitting, key=_id)
    short = _id(choice).removeprefix("devin-")[:8]
    (option,) = [o for o in picker.options if o.endswith(f" · {short}")]
    picker.set_value(option).run()
    assert not app.exception
    assert app.query_params["session"] == _id(choice)
    assert [t.value for t in app.title] == ["Session detail", _shown_title(choice)]
    app.run()  # the id is in the URL now: the picker gives way to the session
    assert [t.value for t in app.title] == [_shown_title(choice)]


def test_untitled_sessions_are_offered_as_untitled(demo_environment: Path) -> None:
    app = run_page(PAGE, range="all")
    options = app.selectbox(key="detail_pick").options
    assert not [o for o in options if o.startswith("nan ·")]
    untitled = {_id(r)[6:14] for r in _store().session_records() if not r["title"]}
    offered = {o.rsplit(" · ", 1)[1] for o in options if o.startswith("(untitled) ·")}
    assert offered
    assert offered <= untitled


def test_session_shows_header_messages_and_insights(demo_environment: Path) -> None:
    app, record = _open(
        lambda r: _with_issues(r) and r.get("num_devin_messages") and r["pull_requests"],
        bare=True,  # the id without its devin- prefix works too
    )
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == [_shown_title(record)]
    assert _headers(app) == ["Messages", "Pull requests", "Insights"]
    assert _fact(app, "Status").startswith(plain(label(record["status"])))
    assert _fact(app, "Tags") == plain(", ".join(record["tags"]) or "–")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["ACUs"] == plain(f"{record['acus_consumed']:,.2f}")
    assert metrics["User messages"] == plain(f"{record['num_user_messages']:,}")
    assert metrics["Devin messages"] == plain(f"{record['num_devin_messages']:,}")

    stored = _store().messages(_id(record))
    assert stored is not None
    assert len(stored) == record["num_user_messages"] + record["num_devin_messages"]
    assert len(app.chat_message) == len(stored)
    assert len(app.get("plotly_chart")) == 1
    assert app.text[0].value == stored[0]["message"]

    analysis = _store().get_analysis(_id(record))
    assert analysis is not None
    classified = _fact(app, "Classified as")
    assert classified == plain(label(analysis["classification"]["category"]))
    pull_requests, issues = _table(app, "pr_url"), _table(app, "Impact")
    assert list(pull_requests["pr_url"]) == [p["pr_url"] for p in record["pull_requests"]]
    assert len(issues) == len(analysis["issues"])
    prompts = [code.value for code in app.code]
    assert analysis["suggested_prompt"]["original_prompt"] in prompts
    assert analysis["suggested_prompt"]["suggested_prompt"] in prompts
    assert "detail_generate" not in _keys(app)

    emulator = shared_demo_emulator(FROZEN_NOW)
    emulator.reset_stats()
    app.run()
    assert not app.exception
    assert emulator.stats.total == 0  # the details were cached


def _keys(app: AppTest) -> set[str]:
    return {button.key for button in app.button if button.key}


def test_generate_insights_polls_until_the_analysis_arrives(
    demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.sections.detail_session, "POLL_INTERVAL", 0.1)
    app, record = _open(_unanalysed_terminal)
    assert not app.exception, app.exception
    assert any("not been analysed" in info.value for info in app.info)
    assert _fact(app, "Classified as") is None

    app.button(key="detail_generate").click().run()
    assert not app.exception, app.exception
    assert not app.error
    analysis = _store().get_analysis(_id(record))
    assert analysis is not None
    classified = _fact(app, "Classified as")
    assert classified == plain(label(analysis["classification"]["category"]))
    assert "detail_generate" not in _keys(app)


def test_unknown_id_shows_a_warning(demo_environment: Path) -> None:
    app = _open_id("devin-0000000000000000000000000000dead")
    assert not app.exception, app.exception
    (warning,) = app.warning
    assert "was not found" in warning.value
    assert not app.error
    assert "Messages" not in _headers(app)


def test_markup_in_a_title_is_shown_literally(demo_environment: Path) -> None:
    app, record = _open(lambda r: "<script>" in (r.get("title") or ""))
    assert not app.exception, app.exception
    (title,) = app.title
    assert title.value == plain(record["title"])
    assert "<script>" not in title.value
    assert "&lt;script&gt;" in title.value


def test_related_sessions_link_to_this_page(demo_environment: Path) -> None:
    app, record = _open(lambda r: r.get("child_session_ids"))
    assert not app.exception, app.exception
    links = [link.proto for link in app.get("page_link")]
    parent = [record["parent_session_id"]] if record.get("parent_session_id") else []
    related = [*parent, *record["child_session_ids"][:20]]
    shown = [link.query_string for link in links if link.query_string.startswith("session=")]
    # The zone the link chose (run_page pins UTC) travels with every link.
    assert shown == [f"session={sid}&tz=UTC" for sid in related]
    assert {link.page for link in links} == {"session"}
    assert [b.proto.url for b in app.get("link_button")] == [record["url"]]


def test_api_failure_falls_back_to_the_cached_record(demo_environment: Path) -> None:
    app = run_page(PAGE)
    ghost = Session(
        session_id="devin-0000000000000000000000000000abcd",
        title="Removed session",
        status="exit",
        created_at=FROZEN_NOW,
        tags=["gone"],
    )
    _store().write_batch([ghost], observed_at=FROZEN_NOW)
    app.query_params["session"] = ghost.session_id
    app.run()
    assert not app.exception, app.exception
    (error,) = app.error
    assert "was not found" in error.value
    assert NotFoundError.hint in error.value
    assert [t.value for t in app.title] == [plain("Removed session")]
    assert _fact(app, "Tags") == "gone"
    assert any("No messages in this session yet." in info.value for info in app.info)


@pytest.fixture
def emulator_api(demo_environment: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """A small organization of FROZEN_NOW behind a real HTTP server on 127.0.0.1."""
    org = DemoOrg.generate(60, 11, FROZEN_NOW, days=60)
    emulator = Emulator(org, clock=FROZEN_NOW.timestamp, insight_delay=0.2)
    with serve(emulator) as server:
        monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
        monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
        yield emulator


def test_generate_without_manage_permission_explains(
    emulator_api: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", VIEWER_KEY)
    app, record = _open(_unanalysed_terminal)
    assert not app.exception, app.exception
    app.button(key="detail_generate").click().run()
    assert not app.exception, app.exception
    (error,) = app.error
    assert "ManageOrgSessions" in error.value
    assert _store().get_analysis(_id(record)) is None


def test_v1_key_reads_the_v1_details(
    emulator_api: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", V1_KEY)
    app, record = _open(lambda r: r["status"] in TERMINAL_STATUSES)
    assert not app.exception, app.exception
    assert emulator_api.stats.by_kind.get("v1_get", 0) >= 1
    stored = _store().messages(_id(record))
    assert stored
    assert len(app.chat_message) == len(stored)
    assert any("v3 key" in info.value for info in app.info)
    assert "detail_generate" not in _keys(app)


def test_generate_without_permission_names_where_the_key_came_from(
    emulator_api: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Session detail errors point at the value to fix, like the sync's do."""
    monkeypatch.setenv("DEVIN_API_KEY", VIEWER_KEY)
    app, _ = _open(_unanalysed_terminal)
    app.button(key="detail_generate").click().run()
    assert not app.exception, app.exception
    (error,) = app.error
    assert "the environment variable DEVIN_API_KEY" in error.value
    assert VIEWER_KEY not in error.value


def test_pull_request_states_read_as_labels(demo_environment: Path) -> None:
    def merged(record: dict[str, Any]) -> bool:
        states = [pr.get("pr_state") for pr in record.get("pull_requests") or []]
        return "merged" in states

    app, record = _open(merged)
    assert not app.exception, app.exception
    states = [
        str(value)
        for frame in app.dataframe
        if "pr_state" in frame.value.columns
        for value in frame.value["pr_state"]
    ]
    assert "Merged" in states
    assert not {"merged", "open", "closed"} & set(states)
    assert len(states) == len(record["pull_requests"])


def test_the_header_names_the_person_beside_their_id(demo_environment: Path) -> None:
    app, record = _open(lambda r: bool(r.get("user_id")))
    assert not app.exception, app.exception
    members = {m["user_id"]: m["name"] for m in _store().people()["members"]}
    user = record["user_id"]
    assert _fact(app, "User") == plain(f"{members[user]} ({user})")


def test_a_parent_shows_its_figures_own_and_with_its_children() -> None:
    app, record = _open(lambda r: len(r.get("child_session_ids") or []) >= 1)
    assert not app.exception, app.exception
    by_id = {_id(r): r for r in _store().session_records()}
    kids = [by_id[c] for c in record["child_session_ids"] if c in by_id]
    total = record["acus_consumed"] + sum(k["acus_consumed"] for k in kids)
    shown = " ".join(m.value for m in app.markdown)
    plural = "s" if len(kids) > 1 else ""
    assert f"With its {len(kids)} child session{plural}" in shown
    assert f"ACUs {total:,.2f} (own {record['acus_consumed']:,.2f})" in shown
