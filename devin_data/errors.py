"""Errors a manager can act on.

The tree::

    DevinError                       base of everything this package raises on purpose
    ├── ConfigurationError           settings that cannot work (v3 key without an org id, bad URL)
    │   └── StoreUrlError            a store URL that is not a PostgreSQL URL
    ├── CacheFolderError             the cache folder cannot be written (full, read-only, a file)
    ├── StoreUnavailable             the shared store's database cannot be reached or is not ready
    ├── OptionError                  an option that cannot work as given (a since in the future)
    ├── SyncTimeLimitError           the sync ran past its time limit; what it fetched is kept
    ├── ApiConnectionError           the API could not be reached (DNS, refused, TLS, reset)
    │   └── ApiTimeoutError          the API did not answer in time
    │       └── SlowAnswerError      an answer still incomplete at the request's deadline
    ├── MalformedResponseError       the API answered with something that is not what it documents
    │   └── EndlessListError         a list that kept returning pages past what it can hold
    └── ApiStatusError               the API answered with an HTTP error status
        ├── BadRequestError          400
        ├── AuthenticationError      401: the key was rejected
        ├── PermissionDeniedError    403: a permission is missing
        ├── NotFoundError            404: the org or the session does not exist
        ├── RequestValidationError   422: the API rejected a parameter
        ├── RateLimitedError         429: too many requests (retried)
        └── ServerError              5xx: the API failed (retried)

Every message is built without the API key; ``redact`` is applied to anything echoed by the
server as a second line of defence.
"""

from __future__ import annotations

from typing import Any


class DevinError(Exception):
    """Base error; ``str(err)`` is a full sentence fit for a page or a terminal."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return self.message


class ConfigurationError(DevinError):
    """``setting`` is the ``DEVIN_*`` name of the value to fix, when one is to blame."""

    hint = "Check DEVIN_API_KEY, DEVIN_ORG_ID and DEVIN_API_BASE_URL."

    def __init__(self, message: str, *, hint: str | None = None, setting: str | None = None):
        super().__init__(message, hint=hint)
        self.setting = setting


class StoreUrlError(ConfigurationError, ValueError):
    """DEVIN_STORE_URL is not one of the PostgreSQL forms the shared store accepts (a value
    error too, for code that checks values)."""

    hint = "Set DEVIN_STORE_URL (--store-url) to postgresql://user:password@host:5432/db."


class CacheFolderError(DevinError):
    """The cache folder cannot be written: its disk is full, read-only or failing, a file stands
    in its place, or this user may not write there. Nothing cached is moved or deleted."""

    hint = "Free some space or set DEVIN_CACHE_DIR (--cache-dir) to a writable folder."
    # What ``reason`` holds:
    FULL = "full"
    READ_ONLY = "read-only"
    NO_PERMISSION = "no permission"
    NOT_A_FOLDER = "not a folder"
    DISK_ERROR = "I/O error"

    def __init__(self, message: str, *, folder: str, reason: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.folder = folder
        self.reason = reason


class StoreUnavailable(DevinError):
    """The shared database cannot be reached or is not ready; the message says which and why."""


class OptionError(DevinError):
    """An option refused before anything is fetched (the command line exits as for a usage
    error)."""


class SyncTimeLimitError(DevinError):
    """The sync stopped at its time limit (``Settings.sync_deadline``)."""

    hint = "Sync again to fetch the rest."

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"The sync took longer than {seconds:g} s and stopped; what it fetched is kept and "
            "the next sync resumes."
        )
        self.seconds = seconds


class ApiConnectionError(DevinError):
    hint = "Check the network and DEVIN_API_BASE_URL; cached data stays available."


class ApiTimeoutError(ApiConnectionError):
    pass


class SlowAnswerError(ApiTimeoutError):
    """An answer that kept coming, too slowly to finish by the request's deadline."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(
            f"The API at {host} sent its answer too slowly (no complete answer within "
            f"{seconds:g} s)."
        )


class MalformedResponseError(DevinError):
    hint = "The API answered in an unexpected shape; try again later or report it."


class EndlessListError(MalformedResponseError):
    """A list that would never end: more pages than it can hold, or the same page again."""

    hint = "What was fetched is kept; the next sync tries again. If it persists, report it."


class ApiStatusError(DevinError):
    status_code: int = 0

    def __init__(
        self, message: str, *, status_code: int, detail: Any = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.status_code = status_code
        self.detail = detail


class BadRequestError(ApiStatusError):
    pass


class AuthenticationError(ApiStatusError):
    hint = "Create a new key in Devin (Settings > Service users or API keys) and set DEVIN_API_KEY."


class PermissionDeniedError(ApiStatusError):
    hint = "Ask an organization admin to grant the missing permission to this key's user."

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 403,
        detail: Any = None,
        permission: str | None = None,
        org_id: str | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, detail=detail)
        self.permission = permission
        self.org_id = org_id


class NotFoundError(ApiStatusError):
    """404: a session when ``session_id`` is set, else the organization (or the base URL)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 404,
        detail: Any = None,
        session_id: str | None = None,
        org_id: str | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, detail=detail)
        self.session_id = session_id
        self.org_id = org_id
        if session_id:
            self.hint = "Check the session id."
        elif org_id:
            self.hint = "Check the organization id (DEVIN_ORG_ID)."
        else:
            self.hint = "Check the API base URL (DEVIN_API_BASE_URL)."


class RequestValidationError(ApiStatusError):
    pass


class RateLimitedError(ApiStatusError):
    hint = "The API is rate limiting this key; wait a minute and sync again."

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 429,
        detail: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, detail=detail)
        self.retry_after = retry_after


class ServerError(ApiStatusError):
    hint = "The Devin API is having trouble; try again in a few minutes."
