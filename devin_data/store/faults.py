"""A broken cache told apart from a disk that cannot take writes, and what the store does then.

Unreadable data (not a database, invalid JSON, an unknown schema) is corruption: the store moves
the folder aside and starts afresh. A full, read-only or failing disk, a file where the folder
should be, or a folder this user may not write is not: the data on it is intact, so nothing is
moved or deleted, and a :class:`~devin_data.errors.CacheFolderError` names the folder, what is
wrong and the space left. Folders moved aside are deleted only beyond the newest
:data:`KEEP_ASIDE`, never the one just moved.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diskcache import Timeout

from devin_data.errors import CacheFolderError, DevinError
from devin_data.store.disk import CorruptValueError

FULL = CacheFolderError.FULL
READ_ONLY = CacheFolderError.READ_ONLY
NO_PERMISSION = CacheFolderError.NO_PERMISSION
NOT_A_FOLDER = CacheFolderError.NOT_A_FOLDER
DISK_ERROR = CacheFolderError.DISK_ERROR
KEEP_ASIDE = 2  # the copy just moved aside and the one before it
_PROBE = "probe"  # the error does not say which; the folder tells, else a disk error
_TIMEOUT = "timeout"  # a write that could not begin: the folder tells, else a lock held too long
_NEARLY_FULL = 256 * 1024  # bytes: too little for SQLite to commit a page of sessions
_SQLITE_CODES = {13: FULL, 10: DISK_ERROR, 8: READ_ONLY, 3: NO_PERMISSION, 14: _PROBE}
_SQLITE_BUSY = frozenset({5, 6})  # busy and locked: another connection writes, nothing is wrong
_ERRNOS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.ENOTDIR: NOT_A_FOLDER,
    errno.EEXIST: _PROBE,  # mkdir where a file stands
    errno.EIO: DISK_ERROR,
}
_WORDS = (  # what SQLite, pyarrow and the OS say when they give no code
    ("database or disk is full", FULL),
    ("no space left on device", FULL),
    ("disk quota exceeded", FULL),
    ("disk i/o error", DISK_ERROR),
    ("attempt to write a readonly database", READ_ONLY),
    ("read-only file system", READ_ONLY),
    ("permission denied", NO_PERMISSION),
    ("not a directory", NOT_A_FOLDER),
    ("unable to open database file", _PROBE),
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it was raised from or during (a failed rollback hides a full disk)."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        link = stack.pop()
        if link is None or id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        stack += [link.__cause__, link.__context__]


def _kind(exc: BaseException) -> str | None:
    """The disk problem one exception of SQLite, diskcache or the OS names."""
    if isinstance(exc, Timeout):
        return _TIMEOUT
    if not isinstance(exc, sqlite3.Error | OSError):
        return None
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) is not None:
        code = exc.sqlite_errorcode & 0xFF
        if code in _SQLITE_BUSY:
            return None
        if code in _SQLITE_CODES:
            return _SQLITE_CODES[code]
    if isinstance(exc, OSError) and exc.errno in _ERRNOS:
        return _ERRNOS[exc.errno]
    text = str(exc).lower()
    return next((kind for words, kind in _WORDS if words in text), None)


def _disk_kinds(exc: BaseException) -> list[str]:
    return [kind for kind in map(_kind, _chain(exc)) if kind is not None]


def is_corruption(exc: BaseException) -> bool:
    """Unreadable data, as opposed to a busy database, a disk that cannot take writes or a bug."""
    if _disk_kinds(exc):
        return False
    if isinstance(exc, CorruptValueError):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        return "locked" not in str(exc) and "busy" not in str(exc)
    return isinstance(exc, sqlite3.DatabaseError)


def probe(folder: Path) -> tuple[str, Path] | None:
    """What keeps ``folder`` (or the nearest part of its path that exists) from taking writes."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return NOT_A_FOLDER, existing
    if os.statvfs(existing).f_flag & os.ST_RDONLY:
        return READ_ONLY, existing
    if not os.access(existing, os.W_OK):
        return NO_PERMISSION, existing
    if shutil.disk_usage(existing).free < _NEARLY_FULL:
        return FULL, existing
    return None


def folder_error(exc: BaseException, cache_dir: Path, folder: Path) -> CacheFolderError | None:
    """The error to show when ``exc`` is a disk that cannot take writes, else None."""
    kinds = _disk_kinds(exc)
    if not kinds:
        return None
    found = probe(folder)
    named = [kind for kind in kinds if kind in (FULL, READ_ONLY, NO_PERMISSION)]
    if named and not (found and found[0] == NOT_A_FOLDER):
        kind, where = named[0], cache_dir
    elif found is not None:  # the folder tells better than an I/O error or a failed open
        kind, where = found
    elif set(kinds) - {_TIMEOUT}:
        kind, where = DISK_ERROR, cache_dir
    else:
        return None  # a lock held too long, not the disk
    return CacheFolderError(_message(kind, cache_dir, where), folder=str(cache_dir), reason=kind)


def _message(kind: str, cache_dir: Path, where: Path) -> str:
    kept = "Everything cached so far is kept."
    if kind == FULL:
        return f"The disk of the cache folder {cache_dir} is full ({free_space(where)}). {kept}"
    if kind == READ_ONLY:
        return f"The cache folder {cache_dir} is on a read-only disk. {kept}"
    if kind == NO_PERMISSION:
        return f"This user may not write in the cache folder {cache_dir}. {kept}"
    if kind == NOT_A_FOLDER:
        return f"The cache folder {cache_dir} cannot be used: {where} is a file, not a folder."
    space = free_space(where)
    return f"The disk of the cache folder {cache_dir} reports an error ({space}). {kept}"


def free_space(folder: Path) -> str:
    """``"12.3 MB free of 2.0 GB"`` for the disk ``folder`` (or its nearest parent) is on."""
    existing = folder
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    usage = shutil.disk_usage(existing)
    return f"{_size(usage.free)} free of {_size(usage.total)}"


def _size(count: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count / 1e3:.0f} KB"


@contextmanager
def disk_errors(cache_dir: Path, folder: Path) -> Iterator[None]:
    """Raise a disk that cannot take writes as a :class:`CacheFolderError`, anything else as is."""
    try:
        yield
    except DevinError:  # already says what is wrong
        raise
    except Exception as exc:
        error = folder_error(exc, cache_dir, folder)
        if error is None:
            raise
        raise error from exc


def move_aside(folder: Path) -> Path | None:
    """Rename an unreadable ``folder`` to ``<name>.corrupt-<UTC time>`` (never over another copy),
    then delete the copies older than the newest :data:`KEEP_ASIDE`, never the one just made."""
    if not folder.exists():
        return None
    base = f"{folder.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}"
    target, number = folder.with_name(base), 1
    while target.exists():
        number += 1
        target = folder.with_name(f"{base}-{number}")
    folder.rename(target)
    older = [copy for copy in aside_copies(folder) if copy != target]
    for stale in older[KEEP_ASIDE - 1 :]:
        shutil.rmtree(stale, ignore_errors=True)
    return target


def aside_copies(folder: Path) -> list[Path]:
    """The copies of ``folder`` moved aside, newest first."""

    def age(copy: Path) -> tuple[str, int]:
        stamp, _, number = copy.name.rpartition(".corrupt-")[2].partition("-")
        return stamp, int(number) if number.isdigit() else 1

    found = folder.parent.glob(f"{folder.name}.corrupt-*")
    return sorted(found, key=age, reverse=True)
