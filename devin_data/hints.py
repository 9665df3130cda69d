"""What to do about an error, naming where the value to fix came from.

A setting comes from the Connection form, Streamlit secrets, an environment variable or a
command-line option; the app and the CLI record which in ``Settings.sources`` (plain strings, so
this module needs no streamlit) and the hint points there instead of at a generic variable name.
"""

from __future__ import annotations

from collections.abc import Callable

from devin_data.config import (
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CACHE_DIR,
    ENV_ORG_ID,
    ENV_STORE_URL,
    SOURCE_ENVIRONMENT,
    SOURCE_FLAG,
    SOURCE_FORM,
    SOURCE_SECRETS,
    Settings,
)
from devin_data.errors import (
    ApiConnectionError,
    AuthenticationError,
    CacheFolderError,
    ConfigurationError,
    DevinError,
    NotFoundError,
    PermissionDeniedError,
    StoreUrlError,
)

_FORM_FIELDS = {
    ENV_API_KEY: "API key",
    ENV_ORG_ID: "Organization id",
    ENV_BASE_URL: "API base URL",
    ENV_CACHE_DIR: "cache folder",
}
_FLAGS = {
    ENV_API_KEY: "--api-key",
    ENV_ORG_ID: "--org-id",
    ENV_BASE_URL: "--base-url",
    ENV_CACHE_DIR: "--cache-dir",
    ENV_STORE_URL: "--store-url",
}


def origin_of(settings: Settings, name: str) -> str:
    """Where the value of ``name`` (a ``DEVIN_*`` name) came from, in words."""
    words = {
        SOURCE_FORM: f"the {_FORM_FIELDS.get(name)} field of the Connection form in the sidebar",
        SOURCE_SECRETS: f"{name} in the Streamlit secrets",
        SOURCE_FLAG: f"the {_FLAGS.get(name)} option",
        SOURCE_ENVIRONMENT: f"the environment variable {name}",
    }
    return words.get(settings.sources.get(name, ""), f"the default, as {name} is not set")


def refuses_key(err: DevinError) -> bool:
    """The API refuses the key itself (401), or the sessions it exists to read (403)."""
    return isinstance(err, AuthenticationError | PermissionDeniedError)


def explain(err: DevinError, settings: Settings | None = None, *, refused: str = "") -> str:
    """The one way an error is told: what went wrong, then what to do about it (pointing at
    where the value to fix was set, when ``settings`` say); a key the API refuses is said first,
    in the words of ``refused``, when they are given."""
    advice = hint_for(err, settings) if settings is not None else err.hint
    said = f"{err} {advice}".strip()
    return f"{refused} {said}" if refused and refuses_key(err) else said


def hint_for(err: DevinError, settings: Settings) -> str:
    """The error's advice, pointing at the value to fix and where it was set."""
    for kind, advice in _ADVICE:
        if isinstance(err, kind):
            found = advice(err, settings)
            if found is not None:
                return found
    return err.hint


def _configuration(err: DevinError, settings: Settings) -> str | None:
    setting = getattr(err, "setting", None)
    return f"Fix it in {origin_of(settings, setting)}." if setting else None


def _connection(err: DevinError, settings: Settings) -> str:
    return (
        f"Check the API base URL {settings.effective_base_url} (from "
        f"{origin_of(settings, ENV_BASE_URL)}) and the network."
    )


def _authentication(err: DevinError, settings: Settings) -> str:
    return (
        f"The API key comes from {origin_of(settings, ENV_API_KEY)}: create a new key in "
        "Devin (Settings > Service users or API keys) and put it there."
    )


def _permission(err: DevinError, settings: Settings) -> str:
    return (
        "Ask an organization admin to grant the missing permission to the user of the API "
        f"key from {origin_of(settings, ENV_API_KEY)}, or use another key there."
    )


def _not_found(err: DevinError, settings: Settings) -> str | None:
    org_id = getattr(err, "org_id", None)
    if getattr(err, "session_id", None) or not org_id:
        return None
    return (
        f"Check the organization id {org_id} (from {origin_of(settings, ENV_ORG_ID)}); "
        "Devin shows it under Settings > Devin API."
    )


def _storage_hint(err: DevinError, settings: Settings) -> str:
    """Where the cache folder or the store URL was set; for a full disk, that a sync resumes."""
    if isinstance(err, StoreUrlError):
        return f"The store URL comes from {origin_of(settings, ENV_STORE_URL)}: fix it there."
    origin = origin_of(settings, ENV_CACHE_DIR)
    elsewhere = f"The folder comes from {origin}; {ENV_CACHE_DIR} (--cache-dir) chooses another."
    if getattr(err, "reason", None) in (CacheFolderError.FULL, CacheFolderError.DISK_ERROR):
        return f"Free some space and sync again; it resumes where it stopped. {elsewhere}"
    return f"Make it a writable folder, or choose one that is. {elsewhere}"


_ADVICE: tuple[tuple[type[DevinError], Callable[[DevinError, Settings], str | None]], ...] = (
    (ConfigurationError, _configuration),
    (ApiConnectionError, _connection),
    (AuthenticationError, _authentication),
    (PermissionDeniedError, _permission),
    (CacheFolderError, _storage_hint),
    (StoreUrlError, _storage_hint),
    (NotFoundError, _not_found),
)
