"""The shared store's address: a secret like the API key, shown only with its password masked."""

from __future__ import annotations

import re

_SCHEMES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}
_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
_QUERY_PASSWORD = re.compile(r"(password=)[^&\s]*", re.IGNORECASE)


def normalize_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` (as services print them) use the psycopg 3 driver."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        raise ValueError("the store URL must look like postgresql://user:password@host:5432/db")
    return f"{_SCHEMES.get(scheme.lower(), scheme)}://{rest}"


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (in the user part and in the query)."""
    return _QUERY_PASSWORD.sub(r"\1***", _PASSWORD.sub(r"\1***@", url))


def mask_text(text: str, url: str | None) -> str:
    """``text`` with the URL's password (wherever it appears) and the URL itself masked."""
    if not url:
        return text
    masked = text.replace(url, mask_url(url))
    for password in _passwords(url):
        masked = masked.replace(password, "***")
    return masked


def _passwords(url: str) -> list[str]:
    found = [m.group(0)[len(m.group(1)) : -1] for m in _PASSWORD.finditer(url)]
    found += [m.group(0)[len(m.group(1)) :] for m in _QUERY_PASSWORD.finditer(url)]
    return [p for p in found if len(p) >= 3]
