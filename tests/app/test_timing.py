"""The timing log: one JSON line per script run, off unless DEVIN_TIMING_LOG names a file."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from apptest_helpers import run_page
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

import ui.shell.timing
from ui.shell.timing import ENV_TIMING_LOG, timed_run

FIELDS = {"page", "seconds", "session", "started_at", "ended"}


def _lines(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_every_run_is_logged_with_its_page_and_how_it_ended(tmp_path, monkeypatch):
    log = tmp_path / "timing.jsonl"
    monkeypatch.setenv(ENV_TIMING_LOG, str(log))
    app = run_page("app_pages/session_detail.py")  # no session picked: the page stops early
    assert not app.exception
    lines = _lines(log)
    assert [line["page"] for line in lines] == ["Overview", "Session detail"]
    assert [line["ended"] for line in lines] == ["finished", "stopped"]
    for line in lines:
        assert set(line) == FIELDS
        assert isinstance(line["seconds"], float)
        assert line["seconds"] > 0
        assert re.fullmatch(r"[0-9a-f]{12}", str(line["session"]))
        assert datetime.fromisoformat(str(line["started_at"])).utcoffset() == timedelta(0)
    assert lines[0]["session"] == lines[1]["session"]  # one browser session, two runs


def test_nothing_is_written_without_the_setting(monkeypatch):
    monkeypatch.delenv(ENV_TIMING_LOG, raising=False)
    written: list[object] = []
    monkeypatch.setattr(ui.shell.timing, "_append", lambda *args: written.append(args))
    app = run_page()
    assert not app.exception
    assert app.title[0].value == "Overview"
    assert written == []


def test_a_log_that_cannot_be_written_never_breaks_the_page(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(ENV_TIMING_LOG, str(tmp_path / "missing-folder" / "timing.jsonl"))
    with caplog.at_level(logging.WARNING, logger="ui.shell.timing"):
        app = run_page()
    assert not app.exception
    assert app.title[0].value == "Overview"
    assert "could not append to the timing log" in caplog.text


def _run_ending_with(raised: BaseException) -> None:
    with timed_run() as run:
        run.page = "People"
        raise raised


@pytest.mark.parametrize(
    ("raised", "ended"), [(StopException(), "stopped"), (ValueError("bad"), "error")]
)
def test_a_run_ended_early_is_logged_and_still_raises(tmp_path, monkeypatch, raised, ended):
    log = tmp_path / "timing.jsonl"
    monkeypatch.setenv(ENV_TIMING_LOG, str(log))
    with pytest.raises(type(raised)):
        _run_ending_with(raised)
    (line,) = _lines(log)
    assert (line["page"], line["ended"]) == ("People", ended)
