"""The shared store's address: a secret like the API key, shown only with its password masked.

A URL is read by :func:`urllib.parse.urlsplit`, whose user part runs to the last ``@`` before
the host, so a password with spaces, ``@`` or ``:`` is read whole; it is shown rebuilt from its
parts, ``***`` for the password (in the user part and in the query). A URL that does not read
cleanly (a ``/``, ``?`` or ``#`` in an unencoded password, a port that is not a number) is never
shown, only its scheme. The engine connects to the URL as read here, so what the app shows is
where it connects.
"""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, quote, quote_plus, unquote, urlsplit

from devin_data.errors import StoreUrlError

ACCEPTED = ("postgresql://", "postgres://", "postgresql+psycopg://")
UNREADABLE = "(a store URL that could not be read)"
MASK = "***"
_DRIVER = "postgresql+psycopg"  # psycopg 3, for every accepted form
_SECRET_KEYS = ("password", "sslpassword")
_SHORTEST = 3  # a shorter password would mask ordinary words of a message; it is never shown


def _split(url: str) -> SplitResult | None:
    """The URL's parts, or None when it does not read as scheme://[user[:password]@]host/db."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        _ = parts.port  # a port that is not a number: a password cut at a "/"
    except ValueError:
        return None
    if "://" not in text or not parts.scheme or parts.fragment:
        return None
    if "@" in parts.path + parts.query:  # the user part was cut short by a "/" or a "?"
        return None
    return parts


def mask_url(url: str) -> str:
    """The URL with its passwords as ``***``; only the scheme of a URL that does not read."""
    parts = _split(url)
    if parts is None:
        scheme, sep, _ = url.strip().partition("://")
        readable = sep and scheme.replace("+", "").isalnum()
        return f"{scheme}://{MASK}" if readable else UNREADABLE
    user, at, host = parts.netloc.rpartition("@")
    netloc = parts.netloc
    if at:
        name, colon, _ = user.partition(":")
        netloc = f"{name}{':' + MASK if colon else ''}@{host}"
    pieces = []
    for piece in parts.query.split("&") if parts.query else []:
        key, eq, _ = piece.partition("=")
        pieces.append(f"{key}={MASK}" if eq and _is_secret(key) else piece)
    query = f"?{'&'.join(pieces)}" if pieces else ""
    return f"{parts.scheme}://{netloc}{parts.path}{query}"


def mask_text(text: str, url: str | None) -> str:
    """``text`` with the URL (in any form the app uses) masked, and its password wherever it
    appears, as given, decoded or encoded."""
    if not url:
        return text
    masked = text
    for form in sorted({url, url.strip(), _normalized(url)} - {""}, key=len, reverse=True):
        masked = masked.replace(form, mask_url(form))
    for password in sorted(_passwords(url), key=len, reverse=True):
        masked = masked.replace(password, MASK)
    return masked


def normalize_url(url: str) -> str:
    """The URL SQLAlchemy opens: any accepted form on the psycopg 3 driver, the password read
    whole; anything else is a :class:`StoreUrlError` naming the accepted forms."""
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    if not sep or f"{scheme.lower()}://" not in ACCEPTED:
        shown = mask_url(text)
        where = "" if shown == UNREADABLE else f" {shown}"
        raise StoreUrlError(
            f"The store URL{where} is not one the shared store can open: use "
            "postgresql://user:password@host:5432/db (postgres:// and postgresql+psycopg:// "
            "work too)."
        )
    parts = _split(text)
    if parts is None:  # forms urllib does not read (several hosts): SQLAlchemy reads them
        return f"{_DRIVER}://{rest}"
    return _rebuilt(parts)


def _rebuilt(parts: SplitResult) -> str:
    """The URL from its parts as read here, encoded as SQLAlchemy reads it back."""
    from sqlalchemy.engine import URL  # loads only where an engine is made

    query: dict[str, list[str]] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        query.setdefault(key, []).append(value)
    opened = URL.create(
        _DRIVER,
        username=None if parts.username is None else unquote(parts.username),
        password=None if parts.password is None else unquote(parts.password),
        host=parts.hostname,
        port=parts.port,
        database=unquote(parts.path.lstrip("/")) or None,
        query={key: found[0] if len(found) == 1 else tuple(found) for key, found in query.items()},
    )
    return opened.render_as_string(hide_password=False)


def _normalized(url: str) -> str:
    try:
        return normalize_url(url)
    except StoreUrlError:
        return ""


def _is_secret(key: str) -> bool:
    return unquote(key).strip().lower() in _SECRET_KEYS


def _passwords(url: str) -> set[str]:
    """Every password of the URL, as written, decoded and encoded the ways drivers print it."""
    parts = _split(url)
    found: list[str] = []
    if parts is not None and parts.password is not None:
        found.append(parts.password)
    elif parts is None:  # the user part of a URL that does not read: up to the last "@"
        before, sep, after = url.strip().partition("://")
        userinfo = (after if sep else before).rpartition("@")[0]
        found.append(userinfo.partition(":")[2])
    query = parts.query if parts is not None else url.partition("?")[2]
    found += [value for key, value in parse_qsl(query, keep_blank_values=True) if _is_secret(key)]
    forms = {form for raw in found for form in (raw, unquote(raw))}
    for form in list(forms):  # as urllib encodes it, and as SQLAlchemy renders a URL
        forms |= {quote(form, safe=""), quote_plus(form, safe=""), quote(form, safe=" +")}
    return {form for form in forms if len(form) >= _SHORTEST}
