"""A key or an org id that cannot be sent is one message naming the setting, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import run_page

BAD = {
    "DEVIN_API_KEY": ("cog_r\u00e9sum\u00e9Q7x9", "The API key holds a character no API key has"),
    "DEVIN_ORG_ID": ("..", "The organization id '..' is not one"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_the_pages_name_the_setting_to_fix(
    demo_environment: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("DEVIN_API_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("DEVIN_API_KEY", "cog_emulator_admin")
    monkeypatch.setenv("DEVIN_ORG_ID", "org-acme")
    value, message = BAD[name]
    monkeypatch.setenv(name, value)
    app = run_page()
    assert not app.exception, app.exception
    errors = " ".join(error.value for error in app.error)
    assert message in errors
    assert f"Fix it in the environment variable {name}." in errors
    assert "Q7x9" not in errors
