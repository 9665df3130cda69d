"""Two browser sessions with different credentials share the server's caches but never the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apptest_helpers import APP
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, ORG_ID

ANCHOR = FROZEN_NOW


ORG = DemoOrg.generate(120, 99, ANCHOR, days=20)


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with serve(Emulator(ORG, clock=ANCHOR.timestamp)) as running:
        yield running


def sessions_shown(app: AppTest) -> set[str]:
    app.switch_page("app_pages/sessions.py").run()
    assert not app.exception, app.exception
    return set(app.dataframe[0].value["session_id"])


def test_a_connected_session_and_a_demo_session_see_only_their_own(
    demo_environment: Path, server: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_ALLOW_PRIVATE_BASE_URL", "1")  # the form's emulator is on loopback
    demo = AppTest.from_file(APP, default_timeout=180)
    demo.query_params["range"] = "all"
    demo.run()
    connected = AppTest.from_file(APP, default_timeout=180)
    connected.session_state["connection_override"] = {
        "DEVIN_API_KEY": ADMIN_KEY,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": server.url,
    }
    connected.query_params["range"] = "all"
    connected.run()

    demo_ids = sessions_shown(demo)
    connected_ids = sessions_shown(connected)
    assert demo_ids
    assert connected_ids
    assert demo_ids.isdisjoint(connected_ids)
    emulated = {s.session_id for s in ORG.visible_sessions(ANCHOR.timestamp())}
    assert connected_ids <= emulated
    assert sessions_shown(demo) == demo_ids
    assert any("Demo organization" in i.value for i in demo.sidebar.info)
    assert not any("Demo organization" in i.value for i in connected.sidebar.info)
