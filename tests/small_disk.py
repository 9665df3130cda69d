"""A cache folder on a disk that fills up, for the tests of a full disk.

As root, a 16 MB tmpfs is mounted in the test's folder and filled with a ballast file until only
``room`` bytes are free: the operating system answers ENOSPC and SQLite "database or disk is
full", exactly as on a real full disk. Where mounting is not permitted, the fallback caps every
SQLite file the cache opens at its current size plus a few pages (``PRAGMA max_page_count``), so
SQLite itself reports SQLITE_FULL ("database or disk is full") at the same point; ``kind`` says
which one a test ran on, and the test prints it. A read-only disk is the tmpfs remounted
read-only, or in the fallback every mkdir and chmod under the folder refused with EROFS.
``SMALL_DISK=page-cap`` in the environment chooses the fallback even as root, to try it.

``python tests/small_disk.py -m MODULE ARGS...`` runs a module at the frozen instant with the
fallback applied as ``DEVIN_TEST_SPARE_PAGES`` and ``DEVIN_TEST_READ_ONLY`` say.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TMPFS = "tmpfs"
PAGE_CAP = "sqlite page cap (fallback: could not mount a small filesystem)"
SPARE_PAGES = "DEVIN_TEST_SPARE_PAGES"
READ_ONLY = "DEVIN_TEST_READ_ONLY"
_SIZE = 16 * 2**20
_connect = sqlite3.connect


def _capped_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    """A connection whose database may grow only a few pages past its size when opened."""
    connection = _connect(*args, **kwargs)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    spare = int(os.environ[SPARE_PAGES])
    connection.execute(f"PRAGMA max_page_count = {pages + spare}")
    return connection


def refuse_changes(folder: str) -> None:
    """Refuse, with EROFS, to create or change the mode of anything under ``folder`` in this
    process (the fallback of a read-only disk)."""

    def guard(real: Any) -> Any:
        def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
            if str(Path(path).absolute()).startswith(folder):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real(path, *args, **kwargs)

        return refused

    os.mkdir, os.chmod = guard(os.mkdir), guard(os.chmod)


def cap_sqlite() -> None:
    """Cap every SQLite database opened from now on in this process (the fallback)."""
    sqlite3.connect = _capped_connect


class SmallDisk:
    """A folder that fills up; :meth:`fill` leaves it almost no room, :meth:`free` gives it back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.kind = TMPFS if _mount(folder) else PAGE_CAP
        self._ballast = folder / "ballast"
        self.full = False
        self._read_only = False

    def fill(self, room: int = 200 * 1024) -> None:
        """Leave ``room`` bytes free (tmpfs) or a few pages per database (the fallback)."""
        self.full = True
        if self.kind != TMPFS:
            return
        free = os.statvfs(self.folder).f_bavail * os.statvfs(self.folder).f_frsize
        with self._ballast.open("wb") as ballast:
            ballast.write(b"\0" * max(0, free - room))

    def free(self) -> None:
        """Give the space back, as a user who deleted something would."""
        self.full = False
        self._ballast.unlink(missing_ok=True)

    def env(self) -> dict[str, str]:
        """Environment for a command on this disk: the fallback's cap while it is full, its
        refusals once read-only."""
        if self.kind == TMPFS:
            return {}
        found = {SPARE_PAGES: "4"} if self.full else {}
        return found | ({READ_ONLY: str(self.folder)} if self._read_only else {})

    @contextlib.contextmanager
    def capped(self) -> Iterator[None]:
        """In this process: the fallback's cap on the databases opened inside, while full."""
        if self.kind == TMPFS or not self.full:
            yield
            return
        os.environ[SPARE_PAGES] = self.env()[SPARE_PAGES]
        cap_sqlite()
        try:
            yield
        finally:
            sqlite3.connect = _connect
            os.environ.pop(SPARE_PAGES, None)

    def read_only(self) -> None:
        """Make the disk read-only: remounted (tmpfs), or in the fallback every change to a path
        on it refused with EROFS, as the operating system refuses it on a read-only disk."""
        if self.kind == TMPFS:
            command = ["mount", "-o", "remount,ro", str(self.folder)]
            subprocess.run(command, check=True, capture_output=True)
        else:
            self._read_only = True

    def command(self, module: str) -> list[str]:
        """The command line that runs ``python -m module`` at the frozen instant on this disk."""
        return [sys.executable, str(Path(__file__).resolve()), "-m", module]

    def unmount(self) -> None:
        if self.kind == TMPFS:
            subprocess.run(["umount", "-l", str(self.folder)], check=False, capture_output=True)


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[SmallDisk]:
    disk = SmallDisk(folder)
    print(f"small disk: {disk.kind}")
    try:
        yield disk
    finally:
        disk.unmount()


def _mount(folder: Path) -> bool:
    """Mount a small tmpfs on ``folder``; False when not root or not permitted."""
    if os.geteuid() != 0 or os.environ.get("SMALL_DISK") == "page-cap":
        return False
    command = ["mount", "-t", "tmpfs", "-o", f"size={_SIZE},mode=0700", "tmpfs", str(folder)]
    return subprocess.run(command, check=False, capture_output=True).returncode == 0


if __name__ == "__main__":
    if os.environ.get(SPARE_PAGES):
        cap_sqlite()
    if os.environ.get(READ_ONLY):
        refuse_changes(os.environ[READ_ONLY])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from frozen_time import main

    main(sys.argv[1:])
