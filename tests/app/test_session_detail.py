"""Session detail: header, messages, pull requests and insights, fetched on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import run_page
from detail_helpers import (
    PAGE,
    cached_store,
    fact,
    headers,
    id_of,
    keys_of,
    open_first,
    open_id,
    shown_title,
    table_with,
    unanalysed_terminal,
    with_issues,
)
from frozen_time import FROZEN_NOW

import ui.sections.detail_session
from devin_data.connect import shared_demo_emulator
from devin_data.emulator import ORG_ID, V1_KEY, VIEWER_KEY, DemoOrg, Emulator, serve
from devin_data.errors import NotFoundError
from devin_data.models import TERMINAL_STATUSES, Session
from ui.components.format import label, plain


@pytest.mark.parametrize("titled", [True, False], ids=["titled", "untitled"])
def test_no_id_offers_the_recent_sessions(demo_environment: Path, titled: bool) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Session detail"]
    picker = app.selectbox(key="detail_pick")
    assert picker.value is None
    assert len(picker.options) == 200
    newest = max(cached_store().session_records(), key=lambda r: r["created_at"])
    offered = {o.rsplit(" · ", 1)[1] for o in picker.options}
    assert id_of(newest).removeprefix("devin-")[:8] in offered
    records = {id_of(r).removeprefix("devin-")[:8]: r for r in cached_store().session_records()}
    fitting = [records[s] for s in offered if bool(records[s]["title"]) == titled]
    assert fitting, f"no offered session with titled={titled}"
    choice = min(fitting, key=id_of)
    short = id_of(choice).removeprefix("devin-")[:8]
    (option,) = [o for o in picker.options if o.endswith(f" · {short}")]
    picker.set_value(option).run()
    assert not app.exception
    assert app.query_params["session"] == id_of(choice)
    assert [t.value for t in app.title] == ["Session detail", shown_title(choice)]
    app.run()  # the id is in the URL now: the picker gives way to the session
    assert [t.value for t in app.title] == [shown_title(choice)]


def test_untitled_sessions_are_offered_as_untitled(demo_environment: Path) -> None:
    app = run_page(PAGE, range="all")
    options = app.selectbox(key="detail_pick").options
    assert not [o for o in options if o.startswith("nan ·")]
    untitled = {id_of(r)[6:14] for r in cached_store().session_records() if not r["title"]}
    offered = {o.rsplit(" · ", 1)[1] for o in options if o.startswith("(untitled) ·")}
    assert offered
    assert offered <= untitled


def test_session_shows_header_messages_and_insights(demo_environment: Path) -> None:
    app, record = open_first(
        lambda r: with_issues(r) and r.get("num_devin_messages") and r["pull_requests"],
        bare=True,  # the id without its devin- prefix works too
    )
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == [shown_title(record)]
    assert headers(app) == ["Messages", "Pull requests", "Insights"]
    assert fact(app, "Status").startswith(plain(label(record["status"])))
    assert fact(app, "Tags") == plain(", ".join(record["tags"]) or "–")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["ACUs"] == plain(f"{record['acus_consumed']:,.2f}")
    assert metrics["User messages"] == plain(f"{record['num_user_messages']:,}")
    assert metrics["Devin messages"] == plain(f"{record['num_devin_messages']:,}")

    stored = cached_store().messages(id_of(record))
    assert stored is not None
    assert len(stored) == record["num_user_messages"] + record["num_devin_messages"]
    assert len(app.chat_message) == len(stored)
    assert len(app.get("plotly_chart")) == 1
    assert app.text[0].value == stored[0]["message"]

    analysis = cached_store().get_analysis(id_of(record))
    assert analysis is not None
    classified = fact(app, "Classified as")
    assert classified == plain(label(analysis["classification"]["category"]))
    pull_requests, issues = table_with(app, "pr_url"), table_with(app, "Impact")
    assert list(pull_requests["pr_url"]) == [p["pr_url"] for p in record["pull_requests"]]
    assert len(issues) == len(analysis["issues"])
    prompts = [code.value for code in app.code]
    assert analysis["suggested_prompt"]["original_prompt"] in prompts
    assert analysis["suggested_prompt"]["suggested_prompt"] in prompts
    assert "detail_generate" not in keys_of(app)

    emulator = shared_demo_emulator(FROZEN_NOW)
    emulator.reset_stats()
    app.run()
    assert not app.exception
    assert emulator.stats.total == 0  # the details were cached


def test_generate_insights_polls_until_the_analysis_arrives(
    demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.sections.detail_session, "POLL_INTERVAL", 0.1)
    app, record = open_first(unanalysed_terminal)
    assert not app.exception, app.exception
    assert any("not been analysed" in info.value for info in app.info)
    assert fact(app, "Classified as") is None

    app.button(key="detail_generate").click().run()
    assert not app.exception, app.exception
    assert not app.error
    analysis = cached_store().get_analysis(id_of(record))
    assert analysis is not None
    classified = fact(app, "Classified as")
    assert classified == plain(label(analysis["classification"]["category"]))
    assert "detail_generate" not in keys_of(app)


def test_unknown_id_shows_a_warning(demo_environment: Path) -> None:
    app = open_id("devin-0000000000000000000000000000dead")
    assert not app.exception, app.exception
    (warning,) = app.warning
    assert "was not found" in warning.value
    assert not app.error
    assert "Messages" not in headers(app)


def test_markup_in_a_title_is_shown_literally(demo_environment: Path) -> None:
    app, record = open_first(lambda r: "<script>" in (r.get("title") or ""))
    assert not app.exception, app.exception
    (title,) = app.title
    assert title.value == plain(record["title"])
    assert "<script>" not in title.value
    assert "&lt;script&gt;" in title.value


def test_related_sessions_link_to_this_page(demo_environment: Path) -> None:
    app, record = open_first(lambda r: r.get("child_session_ids"))
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
    cached_store().write_batch([ghost], observed_at=FROZEN_NOW)
    app.query_params["session"] = ghost.session_id
    app.run()
    assert not app.exception, app.exception
    (error,) = app.error
    assert "was not found" in error.value
    assert NotFoundError.hint in error.value
    assert [t.value for t in app.title] == [plain("Removed session")]
    assert fact(app, "Tags") == "gone"
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
    app, record = open_first(unanalysed_terminal)
    assert not app.exception, app.exception
    app.button(key="detail_generate").click().run()
    assert not app.exception, app.exception
    (error,) = app.error
    assert "ManageOrgSessions" in error.value
    assert cached_store().get_analysis(id_of(record)) is None


def test_v1_key_reads_the_v1_details(
    emulator_api: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", V1_KEY)
    app, record = open_first(lambda r: r["status"] in TERMINAL_STATUSES)
    assert not app.exception, app.exception
    assert emulator_api.stats.by_kind.get("v1_get", 0) >= 1
    stored = cached_store().messages(id_of(record))
    assert stored
    assert len(app.chat_message) == len(stored)
    assert any("v3 key" in info.value for info in app.info)
    assert "detail_generate" not in keys_of(app)


def test_generate_without_permission_names_where_the_key_came_from(
    emulator_api: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Session detail errors point at the value to fix, like the sync's do."""
    monkeypatch.setenv("DEVIN_API_KEY", VIEWER_KEY)
    app, _ = open_first(unanalysed_terminal)
    app.button(key="detail_generate").click().run()
    assert not app.exception, app.exception
    (error,) = app.error
    assert "the environment variable DEVIN_API_KEY" in error.value
    assert VIEWER_KEY not in error.value


def test_pull_request_states_read_as_labels(demo_environment: Path) -> None:
    def merged(record: dict[str, Any]) -> bool:
        states = [pr.get("pr_state") for pr in record.get("pull_requests") or []]
        return "merged" in states

    app, record = open_first(merged)
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
    app, record = open_first(lambda r: bool(r.get("user_id")))
    assert not app.exception, app.exception
    members = {m["user_id"]: m["name"] for m in cached_store().people()["members"]}
    user = record["user_id"]
    assert fact(app, "User") == plain(f"{members[user]} ({user})")


def test_a_parent_shows_its_figures_own_and_with_its_children() -> None:
    app, record = open_first(lambda r: len(r.get("child_session_ids") or []) >= 1)
    assert not app.exception, app.exception
    by_id = {id_of(r): r for r in cached_store().session_records()}
    kids = [by_id[c] for c in record["child_session_ids"] if c in by_id]
    total = record["acus_consumed"] + sum(k["acus_consumed"] for k in kids)
    shown = " ".join(m.value for m in app.markdown)
    plural = "s" if len(kids) > 1 else ""
    assert f"With its {len(kids)} child session{plural}" in shown
    assert f"ACUs {total:,.2f} (own {record['acus_consumed']:,.2f})" in shown
