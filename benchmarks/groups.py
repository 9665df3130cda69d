"""Child processes that lead a process group of their own, stopped with all they started.

A launcher such as ``faketime`` forks the real program and waits for it, so terminating the
launcher alone leaves the program running, orphaned. A child started here leads its own session
(``start_new_session``); stopping it signals the whole group, waits a bounded time, then kills
whatever is left, so no grandchild outlives the test or benchmark that started it, even when that
one fails or times out. Used by the benchmarks and by the tests' server helpers alike.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

GRACE_SECONDS = 10.0
_ENDED = ("Z", "X")  # zombie, dead: ended, only waiting to be reaped


def start_group(command: Sequence[str], **popen: Any) -> subprocess.Popen[Any]:
    """``command`` as the leader of a new process group (its pid is the group's id)."""
    return subprocess.Popen(list(command), start_new_session=True, **popen)  # noqa: S603


@contextmanager
def group_process(
    command: Sequence[str], *, stop_signal: int = signal.SIGTERM, **popen: Any
) -> Iterator[subprocess.Popen[Any]]:
    """The running process; on leaving the block, however it is left, its whole group stops."""
    process = start_group(command, **popen)
    try:
        yield process
    finally:
        stop_group(process, stop_signal)


def run_group(
    command: Sequence[str], *, timeout: float, **popen: Any
) -> subprocess.CompletedProcess[Any]:
    """Like ``subprocess.run`` with pipes, but a timeout stops every process the command started."""
    with group_process(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen) as child:
        out, err = child.communicate(timeout=timeout)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def stop_group(
    process: subprocess.Popen[Any], first: int = signal.SIGTERM, grace: float = GRACE_SECONDS
) -> None:
    """Send ``first`` to the group, wait up to ``grace`` seconds for it to end, then kill what is
    left of it and reap the leader."""
    group = process.pid
    deadline = time.monotonic() + grace
    if process.poll() is None or members(group):
        _signal(group, first)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    while members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    if process.poll() is None or members(group):
        _signal(group, signal.SIGKILL)
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def members(group: int) -> list[int]:
    """The live processes of process group ``group``, read from ``/proc``."""
    found = []
    for entry in Path("/proc").iterdir():
        state = _group_and_state(entry) if entry.name.isdigit() else None
        if state is not None and state[0] == group and state[1] not in _ENDED:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie has ended: it only waits to be reaped)."""
    state = _group_and_state(Path("/proc") / str(pid))
    return state is not None and state[1] not in _ENDED


def _group_and_state(entry: Path) -> tuple[int, str] | None:
    """(process group, state letter) from ``/proc/<pid>/stat``; None once the process is gone."""
    try:
        stat = (entry / "stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces: the fields start after its last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[2]), fields[0]


def _signal(group: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(group, signum)
