"""The store URL is read by parsing it, never shown with its password, and refused with a clear
message when it is not a PostgreSQL URL; against the real PostgreSQL of the tests, a password
with a space and an "@" connects and never shows in the store's location or its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from emulated_cli import closed_port
from pg_server import PostgresServer
from sqlalchemy.engine import make_url
from store_fakes import T0, make_session

from devin_data.connect import shared_engine
from devin_data.errors import ConfigurationError, StoreUrlError
from devin_data.store.shared.store import SharedStore, StoreUnavailable
from devin_data.store.shared.url import UNREADABLE, mask_text, mask_url, normalize_url


@pytest.mark.parametrize(
    ("url", "password", "shown"),
    [
        (
            "postgresql://devin:my secretPW@db.example.com/devin",
            "my secretPW",
            "postgresql://devin:***@db.example.com/devin",
        ),
        (
            "postgresql://devin:my s3cret@PW@db.example.com:5432/devin",
            "my s3cret@PW",
            "postgresql://devin:***@db.example.com:5432/devin",
        ),
        (
            "postgres://devin:pa:ss:word@10.0.0.5:6543/devin",
            "pa:ss:word",
            "postgres://devin:***@10.0.0.5:6543/devin",
        ),
        (
            "postgresql://devin:p%40ss%2Fw0rd@db/devin",
            "p@ss/w0rd",
            "postgresql://devin:***@db/devin",
        ),
        (
            "postgresql+psycopg://db/devin?user=devin&password=query-secret&sslmode=require",
            "query-secret",
            "postgresql+psycopg://db/devin?user=devin&password=***&sslmode=require",
        ),
        (
            "postgresql://devin@db/devin?PassWord=upper%20secret",
            "upper secret",
            "postgresql://devin@db/devin?PassWord=***",
        ),
    ],
    ids=["space", "at-sign", "colons", "percent-encoded", "query", "query-encoded"],
)
def test_a_password_is_masked_and_read_whole(url: str, password: str, shown: str) -> None:
    assert mask_url(url) == shown
    opened = make_url(normalize_url(url))
    assert opened.drivername == "postgresql+psycopg"
    assert password in (opened.password, opened.query.get("password"), opened.query.get("PassWord"))
    message = f"connection to {url} failed for {password!r}; tried {normalize_url(url)}"
    masked = mask_text(message, url)
    assert password not in masked
    for piece in password.replace("@", " ").replace(":", " ").replace("/", " ").split():
        assert len(piece) < 3 or piece not in masked


@pytest.mark.parametrize(
    ("url", "secret", "shown"),
    [
        ("postgresql://devin:pass/word@db/devin", "pass/word", "postgresql://***"),
        ("postgresql://devin:pass?word@db/devin", "pass?word", "postgresql://***"),
        ("postgresql://devin:pass#word@db/devin", "pass#word", "postgresql://***"),
        ("postgresql://devin:1234/secret@db/devin", "1234/secret", "postgresql://***"),
        ("devin:no-scheme-secret@db/devin", "no-scheme-secret", UNREADABLE),
    ],
    ids=["slash", "question-mark", "hash", "port-like", "no-scheme"],
)
def test_a_url_that_does_not_read_is_masked_whole(url: str, secret: str, shown: str) -> None:
    assert mask_url(url) == shown
    assert secret not in mask_text(f"could not open {url} ({secret})", url)


def test_the_accepted_forms_open_with_psycopg() -> None:
    assert normalize_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url(" postgresql://u@h:5433/db ") == "postgresql+psycopg://u@h:5433/db"
    assert normalize_url("postgresql+psycopg://u@/db?host=/run/pg") == (
        "postgresql+psycopg://u@/db?host=%2Frun%2Fpg"
    )


@pytest.mark.parametrize(
    "url",
    [
        "mysql://devin:refused-secret@db/devin",
        "sqlite://devin:refused-secret@/devin.db",
        "postgresql+asyncpg://devin:refused-secret@db/devin",
        "devin:refused-secret@db/devin",
        "",
    ],
)
def test_another_kind_of_url_names_the_accepted_forms(url: str) -> None:
    with pytest.raises(StoreUrlError) as caught:
        normalize_url(url)
    message = str(caught.value)
    assert isinstance(caught.value, ConfigurationError)
    assert message.endswith(
        "is not one the shared store can open: use postgresql://user:password@host:5432/db "
        "(postgres:// and postgresql+psycopg:// work too)."
    )
    assert "refused-secret" not in message


def test_a_url_of_another_kind_is_still_shown_masked() -> None:
    with pytest.raises(StoreUrlError, match=r"The store URL sqlite:///devin\.db is not one"):
        normalize_url("sqlite:///devin.db")
    with pytest.raises(StoreUrlError, match=r"The store URL mysql://devin:\*\*\*@db/devin is"):
        normalize_url("mysql://devin:refused-secret@db/devin")


PASSWORD = "my s3cret@PW:x/y"  # a space, an "@", a ":" and a "/" (percent-encoded in the URL)
PIECES = ("my s3cret", "s3cret@PW", "s3cret", "PW:x/y", "s3cret%40PW")


def _with_password(url: str, encoded: bool) -> str:
    """The server trusts loopback, so any password connects: one the test can look for."""
    written = PASSWORD.replace("/", "%2F") if encoded else PASSWORD.replace("/", "")
    return url.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{written}@")


def _clean(text: str) -> None:
    for piece in PIECES:
        assert piece not in text, text


@pytest.mark.parametrize("encoded", [False, True], ids=["raw", "percent-encoded"])
def test_the_password_never_reaches_a_location_or_an_error(
    postgres: PostgresServer, tmp_path: Path, encoded: bool
) -> None:
    migrated = _with_password(postgres.fresh_url(), encoded)
    engine = shared_engine(migrated)
    store = SharedStore(engine, tmp_path, "scope-a")
    store.write_batch([make_session("a")], observed_at=T0)
    assert store.count() == 1  # the password was read whole: the server was reached
    assert store.location.startswith("postgresql+psycopg://postgres:***@127.0.0.1:")
    _clean(store.location)
    engine.dispose()

    empty = _with_password(postgres.fresh_url("template0"), encoded)
    unreachable = empty.replace(f":{postgres.port}/", f":{closed_port()}/")
    for url in (empty, unreachable):
        engine = shared_engine(url)
        with pytest.raises(StoreUnavailable) as caught:
            SharedStore(engine, tmp_path, "scope-a")
        engine.dispose()
        message = f"{caught.value} {caught.value.hint}"
        assert "postgresql+psycopg://postgres:***@127.0.0.1:" in message
        _clean(message)
