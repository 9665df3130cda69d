"""``devin-data store``: create or upgrade the shared store's schema, copy a cache into it.

The store URL comes from ``--store-url`` or ``DEVIN_STORE_URL``; it is a secret like the API key,
so it is printed only with its password masked, in every message and every error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from devin_data.config import ENV_STORE_URL
from devin_data.errors import DevinError
from devin_data.hints import explain

EXIT_ERROR = 1
_URL_HELP = f"shared store URL, postgresql://user:password@host/db (prefer {ENV_STORE_URL})"


def _url(given: str | None) -> str:
    url = (given or os.environ.get(ENV_STORE_URL) or "").strip()
    if not url:
        raise click.UsageError(f"give --store-url or set {ENV_STORE_URL}")
    return url


def _guarded(url: str, run: Callable[[], None]) -> int:
    """One line on stderr for anything that goes wrong, with the URL's password masked."""
    from devin_data.store.shared.store import unavailable
    from devin_data.store.shared.url import mask_text

    try:
        run()
    except DevinError as err:
        message = explain(err)
    except (ValueError, OSError) as err:  # nothing to copy, a folder that cannot be read
        message = str(err)
    except Exception as err:  # a driver error names the host: keep it, mask the password
        message = str(unavailable(err, url))
    else:
        return 0
    print(f"devin-data: error: {mask_text(message, url)}", file=sys.stderr)
    return EXIT_ERROR


@click.group(help="the shared store: create or upgrade its schema, copy a cache into it")
def store() -> None:
    """The ``devin-data store`` command group."""


@store.command(help="create the shared store's schema, or upgrade it to this version")
@click.option("--store-url", help=_URL_HELP)
def migrate(store_url: str | None) -> int:
    url = _url(store_url)

    def run() -> None:
        from devin_data.connect import shared_engine
        from devin_data.store.shared.migrate import current_revision, upgrade
        from devin_data.store.shared.url import mask_url

        engine = shared_engine(url)
        try:
            before = current_revision(engine)
            upgrade(engine)
            after = current_revision(engine)
        finally:
            engine.dispose()
        where = mask_url(url)
        if before == after:
            print(f"The shared store at {where} is up to date (schema {after}).")
        else:
            print(f"The shared store at {where}: schema {before or 'none'} -> {after}.")

    return _guarded(url, run)


@store.command(help="copy an embedded cache folder (every credential in it) into the shared store")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="the cache folder (DEVIN_CACHE_DIR) or one credential's folder in it",
)
@click.option("--to", "target", help=_URL_HELP)
def copy(source: Path, target: str | None) -> int:
    url = _url(target)

    def run() -> None:
        from devin_data.connect import shared_engine
        from devin_data.store.shared.copy import copy_scope, scopes_in
        from devin_data.store.shared.store import SharedStore
        from devin_data.store.shared.url import mask_url
        from devin_data.store.store import Store

        engine = shared_engine(url)  # a URL of another kind is refused before anything is read
        try:
            folders = list(scopes_in(source))
            if not folders:
                raise ValueError(f"no cached organization found in {source}")
            for folder in folders:
                with Store.open(folder.parent, folder.name) as embedded:
                    shared = SharedStore(engine, folder.parent, folder.name)
                    done = copy_scope(embedded, shared)
                newer = f"; {done.kept} newer there were kept" if done.kept else ""
                print(
                    f"Copied {done.sessions} sessions and {done.keys} stored values of "
                    f"{done.scope} to {mask_url(url)}{newer}."
                )
        finally:
            engine.dispose()

    return _guarded(url, run)
