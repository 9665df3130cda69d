"""Configuration: one :class:`Settings` for the app, the CLI, the client and the tests.

One set of names for environment variables, ``st.secrets``, CLI flags and the connection form:
``DEVIN_API_KEY`` (``cog_...`` for v3, ``apk_...``/``apk_user_...`` for v1), ``DEVIN_ORG_ID``
(``org-...``, needed for v3), ``DEVIN_API_BASE_URL`` and ``DEVIN_CACHE_DIR``; :meth:`Settings.load`
is the one place that reads them. No key means the built-in demo organization.
``DEVIN_ALLOW_PRIVATE_BASE_URL`` (operator only: never from the form) lets a base URL typed in the
Connection form reach loopback and private addresses.
``Settings.sources`` records where each value came from (one of the ``SOURCE_*`` names), so an
error can say which value to fix and where.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    import httpx  # for annotations only: importing the settings stays cheap

DEFAULT_BASE_URL = "https://api.devin.ai"
DEMO_BASE_URL = "https://demo.devin.invalid"
DEMO_ORG_ID = "org-demo"
DEMO_API_KEY = "cog_demo_organization_key"

ENV_API_KEY = "DEVIN_API_KEY"
ENV_ORG_ID = "DEVIN_ORG_ID"
ENV_BASE_URL = "DEVIN_API_BASE_URL"
ENV_CACHE_DIR = "DEVIN_CACHE_DIR"
ENV_STORE_URL = "DEVIN_STORE_URL"  # the optional shared store, a secret like the key
# The operator's leave for base URLs typed in the Connection form to reach loopback and private
# addresses (and plain http:// to them); the form itself can never set it.
ENV_ALLOW_PRIVATE = "DEVIN_ALLOW_PRIVATE_BASE_URL"
NAMES = (ENV_API_KEY, ENV_ORG_ID, ENV_BASE_URL, ENV_CACHE_DIR, ENV_STORE_URL, ENV_ALLOW_PRIVATE)
# An org id is a segment of every v3 URL path: letters, digits, "-" and "_" only (org-…).
ORG_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,128}")
ENV_TEAMS_FILE = "DEVIN_TEAMS_FILE"  # a CSV of email or user id -> team, read by the app

SOURCE_FORM = "form"
SOURCE_SECRETS = "secrets"
SOURCE_ENVIRONMENT = "environment"
SOURCE_FLAG = "flag"

_YES = frozenset({"1", "true", "yes", "on"})

ApiVersion = Literal["v1", "v3"]
# A source of settings: a mapping of DEVIN_* names, or (SOURCE_* name, mapping) to remember it.
Layer = Mapping[str, object] | tuple[str, Mapping[str, object]]


class Secret:
    """An API key that never shows itself in a repr, a str, a log line or a pickle."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    @property
    def last4(self) -> str:
        tail = self._value[-4:]
        return tail if len(self._value) >= 8 and sendable(tail) else "…"

    def masked(self) -> str:
        return f"…{self.last4}"

    def __repr__(self) -> str:
        return f"Secret('{self.masked()}')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("an API key is never serialized")


def redact(text: str, secret: Secret | str | None) -> str:
    """Replace every occurrence of the key in ``text`` with a mask."""
    value = secret.get() if isinstance(secret, Secret) else secret
    if not value or len(value) < 4:
        return text
    return text.replace(value, "***")


def sendable(key: str) -> bool:
    """A key an HTTP header can carry as it is: printable ASCII without spaces."""
    return key.isascii() and key.isprintable() and not any(char.isspace() for char in key)


def valid_org_id(org_id: str) -> bool:
    """An org id that is safe as a URL path segment (``org-…``), see :data:`ORG_ID_PATTERN`."""
    return ORG_ID_PATTERN.fullmatch(org_id) is not None


def api_version_for(key: str, org_id: str | None) -> ApiVersion:
    """``cog_`` keys speak v3, ``apk_`` keys v1; anything else is v3 when an org is given."""
    if key.startswith("cog_"):
        return "v3"
    if key.startswith("apk_"):
        return "v1"
    return "v3" if org_id else "v1"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "devin-session-analytics"


class RetryRule(Protocol):
    """When to retry a failed call and how long to wait first (``api.retry.RetryPolicy``)."""

    def should_retry(
        self, outcome: int | BaseException, attempt: int, *, contacted: bool = True
    ) -> bool: ...

    def delay(self, attempt: int, retry_after: float | None = None) -> float: ...


@dataclass(frozen=True)
class Settings:
    """Where to read sessions from, how to call the API, and where to cache what it returns.

    ``transport`` lets tests and the demo inject an ``httpx`` transport; ``sleep`` and
    ``retry_policy`` make the waits between retries swappable. ``timeout`` bounds each read;
    ``request_deadline`` bounds a whole answer (a server may send a byte a second) and
    ``sync_deadline`` a whole sync, after which what was fetched is kept.
    """

    api_key: Secret | None = field(default=None, repr=False)
    org_id: str | None = None
    base_url: str = DEFAULT_BASE_URL
    cache_dir: Path = field(default_factory=default_cache_dir)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    timeout: float = 30.0
    connect_timeout: float = 2.5
    max_retries: int = 5
    retry_after_cap: float = 60.0
    backoff_base: float = 0.5
    backoff_max: float = 20.0
    concurrency: int = 8
    page_size: int = 200
    v1_page_size: int = 100
    request_deadline: float = 120.0
    sync_deadline: float = 900.0
    transport: httpx.BaseTransport | None = field(default=None, repr=False, compare=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    retry_policy: RetryRule | None = field(default=None, repr=False, compare=False)
    store_url: Secret | None = field(default=None, repr=False)
    allow_private_base_url: bool = False

    def __post_init__(self) -> None:
        if self.api_key is not None and not isinstance(self.api_key, Secret):
            object.__setattr__(self, "api_key", Secret(str(self.api_key)))
        if self.store_url is not None and not isinstance(self.store_url, Secret):
            object.__setattr__(self, "store_url", Secret(str(self.store_url)))
        if self.concurrency < 1 or self.page_size < 1 or self.v1_page_size < 1:
            raise ValueError("concurrency and page sizes must be at least 1")
        if self.max_retries < 0 or self.timeout <= 0 or self.connect_timeout <= 0:
            raise ValueError("max_retries must be >= 0 and timeouts > 0")
        if self.request_deadline <= 0 or self.sync_deadline <= 0:
            raise ValueError("deadlines must be > 0")

    @property
    def demo(self) -> bool:
        return self.api_key is None

    @property
    def api_version(self) -> ApiVersion:
        if self.api_key is None:
            return "v3"
        return api_version_for(self.api_key.get(), self.org_id)

    @property
    def shared_store_url(self) -> Secret | None:
        """The shared store in use: never for the demo organization, whose synthetic sessions
        stay in this machine's cache folder whatever ``DEVIN_STORE_URL`` says."""
        return None if self.demo else self.store_url

    @property
    def effective_base_url(self) -> str:
        return DEMO_BASE_URL if self.demo else self.base_url.rstrip("/")

    @property
    def effective_org_id(self) -> str | None:
        return DEMO_ORG_ID if self.demo else self.org_id

    @property
    def effective_key(self) -> Secret:
        """The key sent to the API; the demo organization has its own."""
        return Secret(DEMO_API_KEY) if self.api_key is None else self.api_key

    @property
    def key_blank(self) -> bool:
        """The key was set, to nothing but blanks: no key, yet not a request for the demo."""
        return self.api_key is None and ENV_API_KEY in self.sources

    def unsendable(self) -> tuple[str, str] | None:
        """Why the key or the org id cannot be sent (never quoting the key), and the name of the
        setting to fix; None when both can."""
        if self.api_key is not None and not sendable(self.api_key.get()):
            why = (
                "The API key holds a character no API key has (a line break, a space, or a "
                "letter outside ASCII such as a typographic quote), so it cannot be sent."
            )
            return why, ENV_API_KEY
        if self.org_id is not None and not valid_org_id(self.org_id):
            shown = self.org_id if len(self.org_id) <= 40 else self.org_id[:40] + "…"
            why = (
                f"The organization id {shown!r} is not one: it holds only letters, digits, "
                "'-' and '_' (org-…)."
            )
            return why, ENV_ORG_ID
        return None

    def fingerprint(self) -> str:
        """A one-way scope for cached data: base URL, org and key, never the key itself."""
        key = DEMO_API_KEY if self.api_key is None else self.api_key.get()
        material = "\0".join(
            ["devin-session-analytics/1", self.effective_base_url, self.effective_org_id or "", key]
        )
        return hashlib.sha256(material.encode()).hexdigest()[:20]

    def describe(self) -> str:
        """A one-line, key-free description of the connection."""
        if self.demo:
            return "Demo organization (built-in emulator)"
        assert self.api_key is not None
        org = self.org_id or "(no org id)"
        return (
            f"{self.effective_base_url} · {org} · {self.api_version} · key {self.api_key.masked()}"
        )

    @classmethod
    def load(cls, *layers: Layer) -> Settings:
        """Settings from the ``DEVIN_*`` names of ``layers``; a name set in a later one wins.

        A layer is a mapping, or ``(source, mapping)`` with one of the ``SOURCE_*`` names so the
        settings remember where each value came from. The one builder: the app passes the
        environment then ``st.secrets`` (or its form), the CLI the environment then its flags.
        """
        values: dict[str, object] = {}
        sources: dict[str, str] = {}
        for layer in layers:
            source, mapping = layer if isinstance(layer, tuple) else (None, layer)
            for name in NAMES:
                if mapping.get(name) is None or (name, source) == (ENV_ALLOW_PRIVATE, SOURCE_FORM):
                    continue
                values[name] = mapping[name]
                if source is None:
                    sources.pop(name, None)
                else:
                    sources[name] = source

        def text(name: str) -> str | None:
            stripped = str(values.get(name, "")).strip()
            return stripped or None

        key = text(ENV_API_KEY)
        cache = text(ENV_CACHE_DIR)
        store_url = text(ENV_STORE_URL)
        return cls(
            store_url=Secret(store_url) if store_url else None,
            api_key=Secret(key) if key else None,
            org_id=text(ENV_ORG_ID),
            base_url=text(ENV_BASE_URL) or DEFAULT_BASE_URL,
            cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
            sources=sources,
            allow_private_base_url=(text(ENV_ALLOW_PRIVATE) or "").lower() in _YES,
        )
