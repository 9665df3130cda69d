"""``devin-data sync`` against an API on loopback that sends malformed sessions, absurd text and
oversized pages: the command names what it set aside, and its memory stays bounded."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from frozen_time import FROZEN_NOW, at_frozen_now

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import DemoOrg, Emulator, serve
from devin_data.emulator.keys import ADMIN_KEY, ORG_ID
from devin_data.models.values import TEXT_LIMIT, TRUNCATED

MB = 1024 * 1024
PEAK_LIMIT = 600 * MB  # a sync of 80 sessions takes about a fifth of this


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(80, 11, FROZEN_NOW, days=30)


def _env(url: str, cache: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    return base | {
        "DEVIN_API_KEY": ADMIN_KEY,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": url,
        "DEVIN_CACHE_DIR": str(cache),
    }


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str
    peak_bytes: int  # the largest resident set the command reached


def run_sync(env: Mapping[str, str], *args: str, timeout: float = 180) -> Finished:
    """``devin-data sync`` at FROZEN_NOW in a process of its own, with its peak memory as the
    kernel counted it (``wait4`` gives the rusage of that one child)."""
    command = [*at_frozen_now("devin_data.cli"), "sync", "--quiet", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=dict(env), stdout=out, stderr=err)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise TimeoutError(f"devin-data sync took more than {timeout:g} s")
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Finished(
            process.returncode,
            out.read().decode(),
            err.read().decode(),
            usage.ru_maxrss * 1024,  # kilobytes on Linux
        )


def _ids(org: DemoOrg) -> list[str]:
    return sorted(ref.session_id for ref in org.visible_sessions(FROZEN_NOW.timestamp()))


@pytest.fixture
def poisoned(org: DemoOrg) -> Iterator[tuple[Emulator, str]]:
    emulator = Emulator(org, clock=FROZEN_NOW.timestamp)
    with serve(emulator) as server:
        yield emulator, server.url


def test_sync_names_what_it_set_aside_and_the_next_sync_runs(
    poisoned: tuple[Emulator, str], org: DemoOrg, tmp_path: Path
) -> None:
    emulator, url = poisoned
    text_status, a_list, negative = _ids(org)[:3]
    emulator.poison = {
        text_status: {"status": 42},
        a_list: [text_status],
        negative: {"acus_consumed": -5},
    }
    env = _env(url, tmp_path / "cache")

    first = run_sync(env)

    assert first.code == 0, first.stderr
    assert "Traceback" not in first.stderr
    lines = first.stdout.splitlines()
    assert re.match(r"cold sync: 77 sessions cached \(77 new, ", lines[1]), lines
    assert lines[2] == (
        "2 malformed sessions were set aside (quarantined); every other one was stored:"
    )
    assert f"  {text_status}: status: Input should be a valid string" in lines
    (unnamed,) = [line for line in lines if line.startswith("  item ")]
    assert "on GET /v3/organizations/org-demo/sessions/insights?" in unnamed
    assert unnamed.endswith(": item: Input should be a valid dictionary or instance of Session")
    assert lines[-4:-2] == [
        "1 session was stored with a suspect value:",
        f"  {negative}: acus_consumed is -5 (below zero; stored as sent)",
    ]
    assert lines[-2].startswith("The sessions are stored and ready")

    second = run_sync(env)
    assert second.code == 0, second.stderr
    assert second.stdout.splitlines()[1].startswith("incremental sync: 77 sessions cached")


def test_a_title_of_50_mb_is_stored_cut_and_memory_stays_bounded(
    poisoned: tuple[Emulator, str], org: DemoOrg, tmp_path: Path
) -> None:
    emulator, url = poisoned
    long_title = _ids(org)[0]
    emulator.poison = {long_title: {"title": "x" * (50 * MB)}}
    env = _env(url, tmp_path / "cache")

    finished = run_sync(env)

    assert finished.code == 0, finished.stderr
    assert finished.peak_bytes < PEAK_LIMIT, finished.peak_bytes // MB
    store = store_for(Settings.load(env))
    try:
        record = store.get_record(long_title)
        assert record is not None
        assert record["title"] == "x" * TEXT_LIMIT + TRUNCATED
        assert store.count() == len(_ids(org))
    finally:
        store.close()


def test_an_answer_larger_than_64_mb_is_refused_with_a_clear_error(
    poisoned: tuple[Emulator, str], org: DemoOrg, tmp_path: Path
) -> None:
    emulator, url = poisoned
    emulator.poison = {_ids(org)[0]: {"title": "x" * (70 * MB)}}

    finished = run_sync(_env(url, tmp_path / "cache"))

    assert finished.code == 1
    assert finished.peak_bytes < PEAK_LIMIT, finished.peak_bytes // MB
    assert "Traceback" not in finished.stderr
    assert finished.stderr.startswith(
        "devin-data: error: Unexpected response from GET /v3/organizations/org-demo/sessions/"
        "insights: the answer is larger than 64 MB and was not read."
    ), finished.stderr


class Flooding(Emulator):
    """Answers every insights list with 61,000 sessions, whatever page size was asked for."""

    def handle(
        self, method: str, path: str, query: Sequence[tuple[str, str]], headers: Mapping[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        status, out, body = super().handle(method, path, query, headers)
        if status != 200 or not path.endswith("/sessions/insights"):
            return status, out, body
        created = int(FROZEN_NOW.timestamp()) - 3600
        items = [
            {"session_id": f"devin-{n:032x}", "created_at": created, "status": "exit"}
            for n in range(61_000)
        ]
        return status, out, orjson.dumps({"items": items, "has_next_page": False})


def test_a_page_of_61000_items_for_200_asked_is_refused_and_memory_stays_bounded(
    org: DemoOrg, tmp_path: Path
) -> None:
    with serve(Flooding(org, clock=FROZEN_NOW.timestamp)) as server:
        finished = run_sync(_env(server.url, tmp_path / "cache"))

    assert finished.code == 1
    assert finished.peak_bytes < PEAK_LIMIT, finished.peak_bytes // MB
    assert "Traceback" not in finished.stderr
    assert (
        "sessions/insights: a page of 61,000 items where at most 200 were asked for; it was "
        "refused, and the next sync asks for it again."
    ) in finished.stderr
