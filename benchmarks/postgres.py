"""A throwaway PostgreSQL server for the tests and the benchmarks: initdb and pg_ctl from
Debian's package, run as an unprivileged user (PostgreSQL refuses root), data in a temporary
folder, a free loopback port.

The tests share one server for the whole session; each test gets a fresh database copied from a
template that is already migrated, which takes milliseconds.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

from devin_data.store.shared.migrate import upgrade

TEMPLATE = "store_template"
_counter = itertools.count(1)


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_env() -> dict[str, str]:
    """This environment without a faked clock: the suite's second run shifts its own clock with
    faketime, which a database server (its timeouts, its waits) need not share."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith(("FAKETIME", "DONT_FAKE"))
    }


def _as_owner(args: list[str]) -> list[str]:
    """Root runs the server as ``nobody``; anyone else as themselves."""
    return ["runuser", "-u", "nobody", "--", *args] if os.geteuid() == 0 else args


class PostgresServer:
    """A running server; :meth:`fresh_url` makes a database for one test."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="devin-pg-"))
        self.folder.chmod(0o777)  # the unprivileged owner writes its data and socket here
        self.data = self.folder / "data"
        self.port = _free_port()
        self.bin = _bin_dir()
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]
        subprocess.run(  # noqa: S603 - the server binaries, arguments of our own
            _as_owner([*initdb, "--no-sync", "-E", "UTF8", "--locale=C"]),
            check=True,
            capture_output=True,
            env=_server_env(),
        )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self.admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        self._ctl("start", "-o", options, "-l", str(self.folder / "log"), "-w")
        try:  # a server that started is stopped again when what follows fails
            with self.admin.connect() as conn:
                conn.execute(sa.text(f"CREATE DATABASE {TEMPLATE}"))
            engine = sa.create_engine(self.url(TEMPLATE))
            upgrade(engine)
            engine.dispose()
        except BaseException:
            self.stop()
            raise

    def _ctl(self, *args: str) -> None:
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(_as_owner(command), check=True, capture_output=True, env=_server_env())  # noqa: S603

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def fresh_url(self, template: str = TEMPLATE) -> str:
        """A new database, a copy of ``template`` (migrated, empty), or empty with template0."""
        name = f"test_{os.getpid()}_{next(_counter)}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name} TEMPLATE {template}"))
        return self.url(name)

    def stop(self) -> None:
        self.admin.dispose()
        try:
            self._ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
