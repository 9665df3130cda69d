"""No process a test or benchmark starts outlives the block that started it, grandchildren
included, whether the block ends normally, fails or times out.

Whether a process still runs is read from ``/proc`` (a zombie has ended: it only waits to be
reaped by whoever inherited it).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from frozen_time import faketime_at_frozen_now

from benchmarks.groups import alive, group_process, members, run_group
from tests.e2e.browser_helpers import clean_environment, streamlit_server

REPO = Path(__file__).resolve().parents[2]
# A launcher that, like faketime, forks the real program and waits for it; it prints the
# program's pid first.
FORKING = ["sh", "-c", "sleep 300 & echo $!; wait"]


def _grandchild(process: subprocess.Popen[str]) -> int:
    assert process.stdout is not None
    pid = int(process.stdout.readline())
    assert alive(pid)
    return pid


def test_leaving_the_block_stops_the_grandchild_too() -> None:
    with group_process(FORKING, stdout=subprocess.PIPE, text=True) as launcher:
        pid = _grandchild(launcher)
        group = launcher.pid
    assert not alive(pid)
    assert members(group) == []
    assert launcher.returncode is not None


def _fail_inside(pids: list[int]) -> None:
    with group_process(FORKING, stdout=subprocess.PIPE, text=True) as launcher:
        pids.append(_grandchild(launcher))
        raise RuntimeError("the test failed")


def test_a_failure_inside_the_block_stops_the_group_as_well() -> None:
    pids: list[int] = []
    with pytest.raises(RuntimeError, match="the test failed"):
        _fail_inside(pids)
    assert pids
    assert not alive(pids[0])


def test_a_timeout_stops_what_the_command_started(tmp_path: Path) -> None:
    noted = tmp_path / "pid"
    script = (
        "import pathlib, subprocess, sys; p = subprocess.Popen(['sleep', '300']); "
        "pathlib.Path(sys.argv[1]).write_text(str(p.pid)); p.wait()"
    )
    with pytest.raises(subprocess.TimeoutExpired):
        run_group([sys.executable, "-c", script, str(noted)], timeout=3, text=True)
    assert not alive(int(noted.read_text()))


def test_a_server_started_through_faketime_is_gone_after_its_block(tmp_path: Path) -> None:
    """The hosting test's launch: faketime runs Streamlit as its child."""
    launcher = [*faketime_at_frozen_now(), sys.executable, "-m", "streamlit"]
    env = clean_environment(DEVIN_CACHE_DIR=str(tmp_path / "cache"))
    with streamlit_server(launcher, REPO, env, tmp_path / "streamlit.log") as url:
        port = url.rsplit(":", 1)[1]
        started = _pids_running(f"--server.port\0{port}\0")
        assert len(started) >= 2, "faketime and the server it runs"
    assert [pid for pid in started if alive(pid)] == []


def _pids_running(fragment: str) -> list[int]:
    """Pids whose command line (arguments joined by NUL) contains ``fragment`` (spaces as NUL)."""
    wanted = fragment.replace(" ", "\0")
    found = []
    for entry in Path("/proc").iterdir():
        if not re.fullmatch(r"\d+", entry.name):
            continue
        try:
            command = (entry / "cmdline").read_text(errors="replace")
        except OSError:
            continue
        if wanted in command and alive(int(entry.name)):
            found.append(int(entry.name))
    return found
