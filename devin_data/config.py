"""Configuration: one set of names for environment variables, ``st.secrets`` and CLI flags.

``DEVIN_API_KEY`` (``cog_...`` for v3, ``apk_...``/``apk_user_...`` for v1), ``DEVIN_ORG_ID``
(``org-...``, needed for v3), ``DEVIN_API_BASE_URL`` and ``DEVIN_CACHE_DIR``. No key means the
built-in demo organization. ``Settings.sources`` records where each value came from (one of
the ``SOURCE_*`` names), so an error can say which value to fix and where.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

DEFAULT_BASE_URL = "https://api.devin.ai"
DEMO_BASE_URL = "https://demo.devin.invalid"
DEMO_ORG_ID = "org-demo"
DEMO_API_KEY = "cog_demo_organization_key"

ENV_API_KEY = "DEVIN_API_KEY"
ENV_ORG_ID = "DEVIN_ORG_ID"
ENV_BASE_URL = "DEVIN_API_BASE_URL"
ENV_CACHE_DIR = "DEVIN_CACHE_DIR"

SOURCE_FORM = "form"
SOURCE_SECRETS = "secrets"
SOURCE_ENVIRONMENT = "environment"
SOURCE_FLAG = "flag"

ApiVersion = Literal["v1", "v3"]


class Secret:
    """An API key that never shows itself in a repr, a str, a log line or a pickle."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    @property
    def last4(self) -> str:
        return self._value[-4:] if len(self._value) >= 8 else "…"

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


@dataclass(frozen=True)
class Settings:
    """Where to read sessions from and where to cache them."""

    api_key: Secret | None = field(default=None, repr=False)
    org_id: str | None = None
    base_url: str = DEFAULT_BASE_URL
    cache_dir: Path = field(default_factory=default_cache_dir)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def demo(self) -> bool:
        return self.api_key is None

    @property
    def api_version(self) -> ApiVersion:
        if self.api_key is None:
            return "v3"
        return api_version_for(self.api_key.get(), self.org_id)

    @property
    def effective_base_url(self) -> str:
        return DEMO_BASE_URL if self.demo else self.base_url.rstrip("/")

    @property
    def effective_org_id(self) -> str | None:
        return DEMO_ORG_ID if self.demo else self.org_id

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
    def from_mapping(
        cls, values: Mapping[str, object], sources: Mapping[str, str] | None = None
    ) -> Settings:
        """Read the four ``DEVIN_*`` names from any mapping (environment, ``st.secrets``);
        ``sources`` maps each name given to where it came from."""

        def text(name: str) -> str | None:
            raw = values.get(name)
            if raw is None:
                return None
            stripped = str(raw).strip()
            return stripped or None

        key = text(ENV_API_KEY)
        cache = text(ENV_CACHE_DIR)
        return cls(
            api_key=Secret(key) if key else None,
            org_id=text(ENV_ORG_ID),
            base_url=text(ENV_BASE_URL) or DEFAULT_BASE_URL,
            cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
            sources=dict(sources or {}),
        )

    @classmethod
    def from_env(cls) -> Settings:
        names = (ENV_API_KEY, ENV_ORG_ID, ENV_BASE_URL, ENV_CACHE_DIR)
        return cls.from_mapping(
            os.environ, {name: SOURCE_ENVIRONMENT for name in names if name in os.environ}
        )
