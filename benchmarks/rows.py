"""The table's rows, in the order of the performance targets, from the raw measurements."""

from __future__ import annotations

import math
import re
from typing import Any

from benchmarks.measured import Measured
from benchmarks.sizes import V3_MAX_PAGE
from benchmarks.table import Row, median, not_measured


def _at_most(limit: float) -> Any:
    return lambda value: value <= limit


def _at_least(limit: float) -> Any:
    return lambda value: value >= limit


def cli_requests(stdout: str) -> int:
    """The requests ``devin-data sync`` reports: the sessions' and the extras' lines."""
    return sum(int(found) for found in re.findall(r"(\d+) requests", stdout))


def peer_rows(m: Measured) -> list[Row]:
    s = m.sizes
    ours = median([cli_requests(run.stdout) for run in m.peer_process])
    theirs = median([run.json()["requests"] for run in m.peer_collector])
    days = median([run.json()["days"] for run in m.peer_collector])
    return [
        Row(
            "peer_process", f"cold sync vs a sequential day-window collector (one list and one "
            f"insights request per Pacific day, {days:g} days), {s.peer_sessions:,} sessions, "
            f"{s.peer_latency_ms:g} ms, whole process, with names, teams, active users and "
            "billing", "≥ 20x", "s",
            ours=tuple(run.seconds for run in m.peer_process),
            baseline=tuple(run.seconds for run in m.peer_collector),
            check=_at_least(20), judge_ratio=True,
            note=f"requests: ours {ours:g}, the collector's {theirs:g}",
        )
    ]  # fmt: skip


def v3_rows(m: Measured) -> list[Row]:
    s = m.sizes
    where = f"{s.v3_sessions:,} sessions, {s.v3_latency_ms:g} ms"
    rss = median([run.rss_mb for run in m.v3_process])
    inproc = m.v3_inproc
    return [
        Row(
            "v3_process", f"v3 cold sync vs naive, {where}, whole process", "≥ 4x", "s",
            ours=tuple(run.seconds for run in m.v3_process),
            baseline=tuple(run.seconds for run in m.v3_naive),
            check=_at_least(4), judge_ratio=True, note=f"peak RSS {rss:,.0f} MB",
        ),
        Row(
            "v3_inproc", f"v3 cold sync vs naive, {where}, in-process", "≥ 6x", "s",
            ours=tuple(run["seconds"] for run in inproc),
            baseline=tuple(run.json()["seconds"] for run in m.v3_naive),
            check=_at_least(6), judge_ratio=True,
        ),
        Row(
            "cpu_per_session", f"client CPU per session, cold v3 sync, {where}", "≤ 100 µs", "µs",
            ours=tuple(run["cpu"] / run["sessions"] * 1e6 for run in inproc),
            check=_at_most(100),
        ),
        requests_row("requests", s.v3_sessions, inproc),
    ]  # fmt: skip


def requests_row(key: str, sessions: int, runs: list[dict[str, Any]]) -> Row:
    """Requests against 1.2 × the full pages the sessions need + the plan's empty windows."""
    pages = math.ceil(sessions / V3_MAX_PAGE)
    empty = median([run["empty_windows"] for run in runs])
    windows = median([run["windows"] for run in runs])
    bound = 1.2 * pages + empty
    return Row(
        key, f"requests of a cold v3 sync, {sessions:,} sessions", "≤ 1.2 × full pages + empty "
        "windows", ours=tuple(float(run["requests"]) for run in runs), check=_at_most(bound),
        note=f"bound {bound:g}: {pages} full pages, {empty:g} of {windows:g} windows empty",
    )  # fmt: skip


def large_rows(m: Measured) -> list[Row]:
    n = f"{m.sizes.large_sessions:,} sessions"
    large = m.large
    return [
        requests_row("requests_large", m.sizes.large_sessions, large),
        Row(
            "large_seconds", f"v3 cold sync, {n}, 0 ms, in-process client time", "≤ 15 s", "s",
            ours=tuple(run["seconds"] for run in large), check=_at_most(15),
        ),
        Row(
            "large_rss", f"peak RSS of that sync ({n})", "≤ 300 MB", "MB",
            ours=tuple(run["rss_mb"] for run in large), check=_at_most(300),
            note=f"{median([run['rss_before_mb'] for run in large]):,.0f} MB before it started",
        ),
        Row(
            "warm_requests", f"warm sync, nothing changed, {n}: requests", "≤ 2",
            ours=tuple(float(run["warm_requests"]) for run in large), check=_at_most(2),
        ),
        Row(
            "warm_seconds", f"warm sync, nothing changed, {n}: in-process", "≤ 0.5 s", "s",
            ours=tuple(run["warm_seconds"] for run in large), check=_at_most(0.5),
        ),
        Row(
            "frame", f"sessions frame from a warmed cache, {n}", "≤ 0.3 s", "s",
            ours=tuple(m.frame["seconds"]), check=_at_most(0.3),
            note=f"peak RSS {m.frame['rss_mb']:,.0f} MB",
        ),
    ]  # fmt: skip


def v1_rows(m: Measured) -> list[Row]:
    s = m.sizes
    rss = median([run.rss_mb for run in m.v1_process])
    return [
        Row(
            "v1_process",
            f"v1 cold sync with details vs one request at a time, {s.v1_sessions:,} sessions, "
            f"{s.v1_latency_ms:g} ms, whole process, concurrency 8", "≥ 7x", "s",
            ours=tuple(run.seconds for run in m.v1_process),
            baseline=tuple(run.seconds for run in m.v1_naive),
            check=_at_least(7), judge_ratio=True, note=f"peak RSS {rss:,.0f} MB",
        )
    ]  # fmt: skip


def page_rows(m: Measured) -> list[Row]:
    n = f"{m.sizes.large_sessions:,} sessions"
    pages: dict[str, Any] = m.pages["pages"]
    rows = [
        Row(
            f"rerun_{name.lower()}", f"{name} rerun on a filter change, {n}: filter, aggregates, "
            "figures and downloads without Streamlit", "≤ 0.3 s", "s",
            ours=tuple(page["seconds"]), check=_at_most(0.3),
        )
        for name, page in pages.items()
    ]  # fmt: skip
    largest = max(pages, key=lambda name: max(pages[name]["json_bytes"]))
    sizes = ", ".join(f"{name} {max(page['json_bytes']) / 1e6:.2f}" for name, page in pages.items())
    rows.append(
        Row(
            "figure_json", f"figures' JSON of the largest page ({largest}), {n}", "≤ 2 MB",
            "MB JSON", ours=tuple(size / 1e6 for size in pages[largest]["json_bytes"]),
            check=_at_most(2), note=f"largest MB per page: {sizes}",
        )
    )  # fmt: skip
    return rows


def _medians(times: dict[str, list[float]]) -> str:
    return ", ".join(f"{page} {median(values):.2f}" for page, values in times.items())


def _per_round(times: dict[str, list[float]], pages: list[str]) -> tuple[float, ...]:
    """The slowest of ``pages`` in each round: every one of them has to meet the target."""
    return tuple(max(values) for values in zip(*(times[page] for page in pages), strict=True))


def server_rows(m: Measured) -> list[Row]:
    """The rows measured on ``streamlit run app.py``: server script time from its timing log."""
    app = m.app
    if not app:
        return skipped_server_rows()
    n, users = f"{app['sessions']:,} sessions", app["users"]
    rerun, first, cold = app["rerun"], app["first_open"], app["cold_open"]
    slowest_cold = max(cold, key=cold.get)
    one_user = median([value for values in rerun.values() for value in values])
    problems = app["problems"]
    fine = "no error, every page rendered" if not problems else "; ".join(problems[:3])
    return [
        Row(
            "rerun_other", f"Session detail and Data reruns on a filter change, {n}: server "
            "script time, the slower of the two per round", "≤ 0.3 s", "s",
            ours=_per_round(rerun, ["Session detail", "Data"]), check=_at_most(0.3),
            note=_medians({page: rerun[page] for page in ("Session detail", "Data")}),
        ),
        Row(
            "first_open", f"first open of any page, {n}: server script time of a new browser "
            "session's first run on the slowest page, frames cached by an earlier visitor",
            "≤ 1.5 s", "s", ours=_per_round(first, list(first)), check=_at_most(1.5),
            note=f"median per page: {_medians(first)}; the first visitor, whose runs build the "
            f"frames: {slowest_cold} {cold[slowest_cold]:.2f} s",
        ),
        Row(
            "app_rss", f"app process RSS, {n}, every page visited", "≤ 600 MB", "MB",
            ours=tuple(app["rss_mb"]), check=_at_most(600),
            note=f"after the first visitor and each round; after {users} users at once "
            f"{app['rss_users_mb']:,.0f} MB, peak {app['peak_rss_mb']:,.0f} MB",
        ),
        Row(
            "ten_users", f"{users} users changing filters on one server at the same moment, {n}: "
            "median server rerun", "≤ 1.5 s, no error", "s",
            ours=tuple(value for values in app["together"] for value in values),
            check=lambda value: not problems and value <= 1.5,
            note=f"one user: {one_user:.3g} s, every page; {fine}",
        ),
    ]  # fmt: skip


def skipped_server_rows() -> list[Row]:
    reason = "skipped (--no-app): it needs the app server driven by headless Chromium"
    return [
        not_measured("rerun_other", "Session detail and Data reruns on a filter change", "≤ 0.3 s",
                     reason),
        not_measured("first_open", "first open of any page", "≤ 1.5 s", reason),
        not_measured("app_rss", "app process RSS, every page visited", "≤ 600 MB", reason),
        not_measured("ten_users", "ten users changing filters on one server at the same moment",
                     "≤ 1.5 s, no error", reason),
    ]  # fmt: skip


def shared_rows(m: Measured) -> list[Row]:
    """The shared PostgreSQL store against the embedded one, at the large size."""
    shared = m.shared
    n = f"{shared['sessions']:,} sessions"
    return [
        Row(
            "shared_frame", f"sessions frame from the shared store vs the embedded one, {n}: "
            "data version checked, then the replica's snapshot", "within 2x", "s",
            ours=tuple(shared["frames_shared"]), baseline=tuple(shared["frames_embedded"]),
            check=_at_least(0.5), judge_ratio=True,
        ),
        Row(
            "shared_rerun", f"Overview rerun on a filter change with the shared store vs the "
            f"embedded one, {n}", "no slower (≥ 0.9x, noise)", "s",
            ours=tuple(shared["rerun_shared"]), baseline=tuple(shared["rerun_embedded"]),
            check=_at_least(0.9), judge_ratio=True,
        ),
        Row(
            "shared_first_chart", f"replica start on an empty disk to the Overview's first chart, "
            f"{n}: open the shared store, build the snapshot, the frame and the figures, no API "
            "request", "≤ 5 s", "s", ours=(shared["first_chart"],), check=_at_most(5),
            note=f"copying the embedded cache in took {shared['copy_seconds']:.1f} s",
        ),
    ]  # fmt: skip


def build(m: Measured) -> list[Row]:
    first = peer_rows(m) + v3_rows(m) + large_rows(m) + v1_rows(m)
    return first + page_rows(m) + shared_rows(m) + server_rows(m)
