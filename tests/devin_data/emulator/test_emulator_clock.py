"""The emulator's Date header follows its own clock, in-process and over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx
import pytest

from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, EmulatorTransport, serve

API_NOW = datetime(2026, 3, 5, 21, 45, 7, tzinfo=UTC)  # nine days before the suite's instant
PATH = f"/v3/organizations/{ORG_ID}/sessions"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(30, 2, API_NOW, days=10)


def dates(response: httpx.Response) -> list[datetime]:
    return [parsedate_to_datetime(value) for value in response.headers.get_list("date")]


def test_in_process_answers_carry_the_emulators_date(org: DemoOrg) -> None:
    emulator = Emulator(org, clock=API_NOW.timestamp)
    with httpx.Client(transport=EmulatorTransport(emulator), base_url="http://emu.test") as api:
        ok = api.get(PATH, headers=AUTH, params={"first": 1})
        denied = api.get(PATH)
    assert (ok.status_code, denied.status_code) == (200, 401)
    assert dates(ok) == dates(denied) == [API_NOW]


def test_http_answers_carry_one_date_from_the_emulators_clock(org: DemoOrg) -> None:
    later = API_NOW + timedelta(hours=5)
    emulator = Emulator(org, clock=later.timestamp, fault_rate=1.0, retry_after=0)
    with serve(emulator) as server:
        fault = httpx.get(f"{server.url}{PATH}", headers=AUTH)
    assert fault.status_code in (429, 500, 502, 503)
    assert dates(fault) == [later]
