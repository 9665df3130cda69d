"""The demo organization and its cache folder follow the UTC day of the instant they are given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from frozen_time import FROZEN_NOW

from devin_data.config import Settings
from devin_data.connect import client_for, shared_demo_emulator, store_scope

LAST_MINUTE = FROZEN_NOW.replace(hour=23, minute=59)  # already the next morning in Kolkata
KOLKATA = ZoneInfo("Asia/Kolkata")


def test_the_demo_cache_folder_changes_at_utc_midnight(tmp_path: Path) -> None:
    demo = Settings.load({"DEVIN_CACHE_DIR": str(tmp_path)})
    scope = store_scope(demo, LAST_MINUTE)
    assert scope.startswith("demo-2026-03-14-")
    assert store_scope(demo, LAST_MINUTE.astimezone(KOLKATA)) == scope
    assert store_scope(demo, LAST_MINUTE + timedelta(minutes=2)).startswith("demo-2026-03-15-")

    real = Settings.load(
        {"DEVIN_API_KEY": "cog_k", "DEVIN_ORG_ID": "org-a", "DEVIN_CACHE_DIR": str(tmp_path)}
    )
    assert store_scope(real, LAST_MINUTE) == store_scope(real, LAST_MINUTE + timedelta(days=400))


def test_the_demo_organization_is_the_one_of_the_given_day(
    tmp_path: Path, frozen_now: datetime
) -> None:
    """The emulator serves in real time, so the clock travels to the day it is asked for."""
    emulator = shared_demo_emulator(LAST_MINUTE.astimezone(KOLKATA))
    assert emulator.org.anchor == datetime(2026, 3, 14, tzinfo=UTC)
    assert shared_demo_emulator(FROZEN_NOW) is emulator  # one per day, shared

    demo = Settings.load({"DEVIN_CACHE_DIR": str(tmp_path)})
    with client_for(demo, now=frozen_now) as client:
        listed = client.list_sessions_page().items
    visible = {ref.session_id for ref in emulator.org.visible_sessions(frozen_now.timestamp())}
    assert listed
    assert {session.session_id for session in listed} <= visible
