"""The naive baselines, written plainly: what a first script against the API would do.

- v3: walk the insights list with ``first=100``, one page at a time, following ``end_cursor``;
- v1: list every session 100 at a time by offset, then fetch each one's details, one by one.

Each session is appended to a JSON-lines file as it arrives. Run as a process::

    python -m benchmarks.naive v3|v1 --base-url URL --out FILE

It prints one JSON line: the seconds inside the process, the requests sent and the sessions kept.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import httpx

from devin_data.emulator import ADMIN_KEY, ORG_ID, V1_KEY

PAGE = 100


def walk_v3(base_url: str, out: Path) -> tuple[int, int]:
    """Every session of the organization through the v3 cursor; (requests, sessions)."""
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    url = f"{base_url}/v3/organizations/{ORG_ID}/sessions/insights"
    requests = sessions = 0
    cursor: str | None = None
    with httpx.Client(headers=headers, timeout=60) as http, out.open("w") as sink:
        while True:
            params: dict[str, Any] = {"first": PAGE}
            if cursor:
                params["after"] = cursor
            page = http.get(url, params=params).raise_for_status().json()
            requests += 1
            for item in page["items"]:
                sink.write(json.dumps(item) + "\n")
                sessions += 1
            cursor = page.get("end_cursor")
            if not page.get("has_next_page") or not cursor:
                return requests, sessions


def walk_v1(base_url: str, out: Path) -> tuple[int, int]:
    """Every session through the v1 list, then its details one request at a time."""
    headers = {"Authorization": f"Bearer {V1_KEY}"}
    requests = 0
    ids: list[str] = []
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        while True:
            params = {"limit": PAGE, "offset": len(ids)}
            listed = http.get("/v1/sessions", params=params).raise_for_status().json()
            requests += 1
            ids += [session["session_id"] for session in listed["sessions"]]
            if len(listed["sessions"]) < PAGE:
                break
        with out.open("w") as sink:
            for session_id in ids:
                details = http.get(f"/v1/sessions/{session_id}").raise_for_status().json()
                requests += 1
                sink.write(json.dumps(details) + "\n")
    return requests, len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("api", choices=("v3", "v1"))
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    walk = walk_v3 if args.api == "v3" else walk_v1
    started = time.perf_counter()
    requests, sessions = walk(args.base_url, args.out)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "requests": requests, "sessions": sessions}))


if __name__ == "__main__":
    main()
