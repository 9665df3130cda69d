"""The shared store from the command line, when things go wrong: a store URL of another kind is
one clear line, a password never reaches the output, a sync killed mid-run is closed as
abandoned by the next one, and ``store copy`` never rolls newer data back with older.

Against a real emulator on loopback and the real PostgreSQL of the tests; the command runs in a
subprocess at the frozen instant.
"""

from __future__ import annotations

import signal
import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from emulated_cli import cli_env, closed_port, emulated, run_cli
from frozen_time import FROZEN_NOW, at_frozen_now

from devin_data.config import Settings
from devin_data.connect import store_scope
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.models import Message
from devin_data.models.fast import Item
from devin_data.store.shared.store import SharedStore
from devin_data.store.store import Store

ANCHOR = FROZEN_NOW
FORMS = (
    "is not one the shared store can open: use postgresql://user:password@host:5432/db "
    "(postgres:// and postgresql+psycopg:// work too)."
)
PASSWORD = "my s3cret@PW"
PIECES = ("my s3cret", "s3cret", "s3cret@PW", "PW@127")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Emulator, EmulatorServer]]:
    with emulated(150, 9, days=30) as pair:
        yield pair


@pytest.fixture
def env(served: tuple[Emulator, EmulatorServer], tmp_path: Path) -> dict[str, str]:
    return cli_env(served[1], tmp_path / "cache")


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


URLS = (
    "mysql://devin:refused-secret@db.example.com/devin",
    "sqlite://devin:refused-secret@/devin.db",
    "postgresql+asyncpg://devin:refused-secret@db.example.com/devin",
    "devin:refused-secret@db.example.com/devin",
)


def test_a_store_url_of_another_kind_is_one_clear_line(env: dict[str, str]) -> None:
    flag = "The store URL comes from the --store-url option"
    variable = "The store URL comes from the environment variable DEVIN_STORE_URL"
    cache = str(Path(env["DEVIN_CACHE_DIR"]).parent)
    runs = [(("sync", "--quiet", "--store-url", url), {}, flag) for url in URLS]
    runs += [
        (("sync", "--quiet"), {"DEVIN_STORE_URL": URLS[0]}, variable),
        (("store", "migrate"), {"DEVIN_STORE_URL": URLS[1]}, "Set DEVIN_STORE_URL (--store-url)"),
        (("store", "copy", "--from", cache, "--to", URLS[2]), {}, "Set DEVIN_STORE_URL"),
    ]
    for args, extra, where in runs:
        line = _one_line(run_cli(*args, env=env | extra))
        assert line.startswith("devin-data: error: The store URL")
        assert FORMS in line
        assert where in line
        assert "refused-secret" not in line


def test_a_password_with_a_space_and_an_at_sign_never_reaches_the_output(
    env: dict[str, str], tmp_path: Path
) -> None:
    url = f"postgresql://devin:{PASSWORD}@127.0.0.1:{closed_port()}/devin"
    with Store.open(tmp_path / "cache", "scope-to-copy"):  # a cache for `store copy` to read
        pass
    for args in (
        ("sync", "--quiet", "--store-url", url),
        ("store", "migrate", "--store-url", url),
        ("store", "copy", "--from", str(tmp_path / "cache"), "--to", url),
    ):
        result = run_cli(*args, env=env)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        for piece in PIECES:
            assert piece not in output, (args, output)
        assert "The shared store at postgresql" in output
        assert "://devin:***@127.0.0.1:" in output


def _runs(url: str) -> list[tuple[str, float | None, str | None]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT holder, finished_at, outcome FROM store_sync_runs ORDER BY id")
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]  # type: ignore[misc]


class HeldEmulator(Emulator):
    """The emulator, holding every request while :attr:`open` is clear."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open = threading.Event()
        self.open.set()
        self.holding = threading.Event()

    def handle(self, *args: Any, **kwargs: Any) -> Any:
        if not self.open.is_set():
            self.holding.set()
            self.open.wait(timeout=60)
        return super().handle(*args, **kwargs)


def test_a_sync_killed_with_its_run_open_is_closed_as_abandoned_by_the_next(
    store_url: str, env: dict[str, str]
) -> None:
    held = HeldEmulator(DemoOrg.generate(60, 4, ANCHOR, days=10), clock=ANCHOR.timestamp)
    with serve(held) as server:
        shared = env | {"DEVIN_STORE_URL": store_url, "DEVIN_API_BASE_URL": server.url}
        held.open.clear()  # the sync starts, records its run, and waits on its first request
        proc = subprocess.Popen(
            [*at_frozen_now("devin_data.cli"), "sync", "--quiet"],
            env=shared,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert held.holding.wait(timeout=60)
            assert [run[1:] for run in _runs(store_url)] == [(None, None)]
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            held.open.set()
        done = run_cli("sync", "--quiet", env=shared)
    assert done.returncode == 0, done.stderr
    runs = _runs(store_url)
    assert [run[2] for run in runs] == ["abandoned", "resume"]  # its plan was saved: resumed
    assert all(run[1] is not None for run in runs)
    assert runs[0][0].endswith(f":{proc.pid}")


def test_copy_never_rolls_newer_data_back(
    store_url: str, env: dict[str, str], tmp_path: Path
) -> None:
    synced = run_cli("sync", "--quiet", "--since", "30d", env=env)
    assert synced.returncode == 0, synced.stderr
    scope = store_scope(Settings.load({k: v for k, v in env.items() if k.startswith("DEVIN_")}))
    with Store.open(tmp_path / "cache", scope) as embedded:
        ids = sorted(embedded.updated_at_by_id())
        newer_id, older_id = ids[0], ids[1]
        embedded_people = embedded.people()
        embedded_meta = embedded.meta()
        record = embedded.get_record(newer_id) or {}
        embedded.set_messages(newer_id, [_message("from the cache")])
        embedded.set_messages(older_id, [_message("from the cache")])
        embedded.save_organizations([{"org_id": "org-old", "name": "Old"}], fetched_at=100.0)
    engine = sa.create_engine(store_url)
    shared = SharedStore(engine, tmp_path / "replica", scope)
    later = ANCHOR + timedelta(days=1)
    renamed = {**record, "title": "renamed since", "updated_at": later.timestamp()}
    shared.write_items([Item(renamed)], observed_at=later)
    shared.set_messages(newer_id, [_message("newer in the store")])
    shared.save_people({**embedded_people, "fetched_at": later.timestamp(), "members": []})
    shared.save_organizations([{"org_id": "org-new", "name": "New"}], fetched_at=200.0)
    last_sync = {**embedded_meta["last_sync"], "finished_at": later.timestamp()}
    shared.update_meta(watermark=later.timestamp(), last_sync=last_sync)

    copied = run_cli("store", "copy", "--from", str(tmp_path / "cache"), "--to", store_url, env=env)
    assert copied.returncode == 0, copied.stderr
    assert "newer there were kept" in copied.stdout
    assert shared.get_record(newer_id)["title"] == "renamed since"
    assert shared.get_record(newer_id)["updated_at"] == later.timestamp()
    assert shared.count() == len(ids)
    assert [m["message"] for m in shared.messages(newer_id) or []] == ["newer in the store"]
    assert [m["message"] for m in shared.messages(older_id) or []] == ["from the cache"]
    assert shared.messages_index()[newer_id] == later.timestamp()
    assert shared.people()["fetched_at"] == later.timestamp()
    assert shared.organizations() == [{"org_id": "org-new", "name": "New"}]
    assert shared.meta()["watermark"] == later.timestamp()
    assert shared.meta()["last_sync"]["finished_at"] == later.timestamp()
    engine.dispose()


def _message(text: str) -> Message:
    return Message.model_validate(
        {"event_id": text, "source": "user", "message": text, "created_at": ANCHOR}
    )
