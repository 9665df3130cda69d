"""A sequential day-window collector, the peer of the cold-sync comparison, written here from the
published behaviour of the open-source Devin KPI dashboard's collector (no code of it is used).

For each day in the Pacific time zone, oldest first, it asks the v3 sessions list and then the
v3 insights list for the sessions created that day (``created_after``/``created_before``, 200 a
page, following ``end_cursor`` when a day holds more), one request at a time, and upserts every
item into a SQLite file. Run as a process::

    python -m benchmarks.daywindow --base-url URL --since 2026-06-01 --out FILE

It prints one JSON line: the seconds inside the process, the requests sent, the days walked and
the sessions kept.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from devin_data.emulator import ADMIN_KEY, ORG_ID

PACIFIC = ZoneInfo("America/Los_Angeles")
PAGE = 200
TABLES = ("sessions", "insights")
UPSERT = {table: f"INSERT OR REPLACE INTO {table} VALUES (?, ?)" for table in TABLES}  # noqa: S608


def pacific_days(since: date, until: datetime) -> Iterator[tuple[int, int]]:
    """``[start, end)`` in epoch seconds of every Pacific day from ``since`` to ``until``'s."""
    day, last = since, until.astimezone(PACIFIC).date()
    while day <= last:
        start = datetime(day.year, day.month, day.day, tzinfo=PACIFIC)
        following = day + timedelta(days=1)
        end = datetime(following.year, following.month, following.day, tzinfo=PACIFIC)
        yield int(start.timestamp()), int(end.timestamp())
        day = following


def day_items(http: httpx.Client, path: str, window: tuple[int, int]) -> tuple[list[Any], int]:
    """Every item of one list for one day, page after page; (items, requests)."""
    items: list[Any] = []
    cursor: str | None = None
    requests = 0
    while True:
        params: dict[str, Any] = {"first": PAGE, "created_after": window[0]}
        params["created_before"] = window[1]
        if cursor:
            params["after"] = cursor
        page = http.get(path, params=params).raise_for_status().json()
        requests += 1
        items += page["items"]
        cursor = page.get("end_cursor")
        if not page.get("has_next_page") or not cursor:
            return items, requests


def collect(base_url: str, since: date, out: Path, now: datetime) -> dict[str, int]:
    """Walk every Pacific day since ``since``, sequentially, into the SQLite file ``out``."""
    base = f"/v3/organizations/{ORG_ID}/sessions"
    paths = {"sessions": base, "insights": f"{base}/insights"}
    db = sqlite3.connect(out)
    for table in TABLES:
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} (session_id TEXT PRIMARY KEY, body TEXT)")
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    requests = days = 0
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        for window in pacific_days(since, now):
            days += 1
            for table in TABLES:
                items, sent = day_items(http, paths[table], window)
                requests += sent
                rows = [(item["session_id"], json.dumps(item)) for item in items]
                db.executemany(UPSERT[table], rows)
                db.commit()
    (sessions,) = db.execute("SELECT COUNT(*) FROM sessions").fetchone()
    db.close()
    return {"requests": requests, "days": days, "sessions": int(sessions)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--since", required=True, type=date.fromisoformat)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    done = collect(args.base_url, args.since, args.out, datetime.now(PACIFIC))
    print(json.dumps({"seconds": time.perf_counter() - started, **done}))


if __name__ == "__main__":
    main()
