"""Optional timing of every script run on the server, appended to a JSON-lines file.

Off unless ``DEVIN_TIMING_LOG`` names a file. Each run adds one line: the page, the seconds the
server spent in the script, a one-way hash of the browser session, when the run started (UTC) and
how it ended. Nothing else is written: no key, no URL, no filter, no session content.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from streamlit.runtime.scriptrunner import get_script_run_ctx

ENV_TIMING_LOG = "DEVIN_TIMING_LOG"
_LOG = logging.getLogger(__name__)
_WRITING = threading.Lock()  # browser sessions run their scripts in threads of one process
# Streamlit ends a run early with these; their class names are how a run "ended".
_ENDINGS = {"StopException": "stopped", "RerunException": "rerun"}


@dataclass
class ScriptRun:
    """The run being timed; the page is named once navigation has picked it."""

    page: str = ""


def session_hash() -> str:
    """A short one-way hash of this browser session's id: runs group by it, nothing traces back."""
    ctx = get_script_run_ctx(suppress_warning=True)
    session_id = ctx.session_id if ctx is not None else ""
    return hashlib.sha256(session_id.encode()).hexdigest()[:12]


def _append(path: Path, line: dict[str, object]) -> None:
    text = json.dumps(line, separators=(",", ":")) + "\n"
    try:
        with _WRITING, path.open("a", encoding="utf-8") as sink:
            sink.write(text)
    except OSError as err:  # timing is a diagnostic: it never breaks a page
        _LOG.warning("could not append to the timing log %s: %s", path, err.strerror)


@contextmanager
def timed_run() -> Iterator[ScriptRun]:
    """Time the script run inside the block and log it when ``DEVIN_TIMING_LOG`` is set."""
    target = os.environ.get(ENV_TIMING_LOG)
    run = ScriptRun()
    started_at, started = datetime.now(UTC), time.perf_counter()
    ended = "finished"
    try:
        yield run
    except BaseException as err:
        ended = _ENDINGS.get(type(err).__name__, "error")
        raise
    finally:
        if target:
            line = {
                "page": run.page,
                "seconds": round(time.perf_counter() - started, 6),
                "session": session_hash(),
                "started_at": started_at.isoformat(timespec="milliseconds"),
                "ended": ended,
            }
            _append(Path(target), line)
