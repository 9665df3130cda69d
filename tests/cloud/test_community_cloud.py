"""The app starts the way Streamlit Community Cloud would run it: from uv.lock alone.

Community Cloud reads the first dependency file it finds (uv.lock, then Pipfile,
environment.yml, requirements.txt, pyproject.toml) and installs it with uv. This test copies
what the repository would push, builds a fresh environment from the lock without the dev group,
starts Streamlit from that environment on the demo organization (at the tests' fixed instant)
and opens it in Chromium. Every process it starts is stopped with the group it leads, so the
server ``faketime`` runs as its child never outlives the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from frozen_time import FROZEN_NOW, faketime_at_frozen_now
from playwright.sync_api import sync_playwright

from benchmarks.groups import run_group
from tests.e2e.browser_helpers import (
    assert_no_error,
    clean_environment,
    launch_chromium,
    open_app_page,
    streamlit_server,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO = Path(__file__).resolve().parents[2]
SHADOWING_FILES = ("requirements.txt", "Pipfile", "Pipfile.lock", "environment.yml")
SYNC_TIMEOUT = 600


def pushed_files(repo: Path) -> list[str]:
    """Tracked files plus new files git does not ignore: what a commit and push would deploy."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    )
    names = [name for name in listing.stdout.decode().split("\0") if name]
    return [name for name in names if (repo / name).is_file()]


def copy_files(repo: Path, names: list[str], target: Path) -> None:
    for name in names:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, destination)


def uv_command() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def build_environment(project: Path, venv: Path) -> None:
    """`uv sync --frozen --no-dev` into a new environment, as the hosting platform does."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update(UV_PROJECT_ENVIRONMENT=str(venv), UV_PYTHON_DOWNLOADS="never")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    result = run_group(
        [*uv_command(), "sync", "--frozen", "--no-dev", "--python", python],
        cwd=project,
        env=env,
        text=True,
        timeout=SYNC_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.timeout(SYNC_TIMEOUT + 300)
def test_the_app_starts_from_the_lock_file_alone(tmp_path: Path) -> None:
    project = tmp_path / "app"
    copy_files(REPO, pushed_files(REPO), project)
    assert (project / "uv.lock").is_file()
    assert (project / "app.py").is_file()
    shadowing = [name for name in SHADOWING_FILES if (project / name).exists()]
    assert shadowing == [], f"{shadowing} would be read instead of uv.lock"

    venv = tmp_path / "venv"
    build_environment(project, venv)
    assert (venv / "bin" / "streamlit").is_file()
    assert not (venv / "bin" / "pytest").exists(), "dev dependencies were installed"

    env = clean_environment(DEVIN_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("VIRTUAL_ENV", None)
    # The environment has no dev dependencies, so faketime (not time-machine) fixes the clock.
    launcher = [*faketime_at_frozen_now(), str(venv / "bin" / "streamlit")]
    with (
        streamlit_server(launcher, project, env, tmp_path / "streamlit.log") as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.set_default_timeout(120_000)
            open_app_page(page, url, "Overview")
            assert_no_error(page)
        finally:
            browser.close()
    # The app synced the demo organization of the fixed instant's day, not the machine's.
    day = f"demo-{FROZEN_NOW:%Y-%m-%d}-"
    assert [folder.name[: len(day)] for folder in (tmp_path / "cache").iterdir()] == [day]
