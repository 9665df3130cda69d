"""Failed calls as DevinErrors whose messages tell a manager what to do, never showing the key.

Messages are built from what the client knows (endpoint, organization, session, permission);
server text (a 422 ``detail``, a body) is flattened, trimmed and passed through ``redact``.
"""

from __future__ import annotations

import json
import time
from typing import Any, TypeVar

import httpx
import orjson
from pydantic import BaseModel, ValidationError

from devin_data.api.call import Call
from devin_data.api.retry import parse_retry_after
from devin_data.config import Secret, redact
from devin_data.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    DevinError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestValidationError,
    ServerError,
)

M = TypeVar("M", bound=BaseModel)

DETAIL_LIMIT = 300
_LOC_PREFIXES = frozenset({"query", "path", "body", "header", "cookie"})


def status_error(
    response: httpx.Response, call: Call, *, retries: int, host: str, secret: Secret
) -> DevinError:
    """The error for an HTTP error status that will not be (or no longer be) retried."""
    status = response.status_code
    detail = _detail(response, secret)
    if status == 403:
        return PermissionDeniedError(
            _forbidden(call), detail=detail, permission=call.permission, org_id=call.org_id
        )
    if status == 429:
        text = f"The Devin API is rate limiting this key (HTTP 429){_after(retries)}."
        return RateLimitedError(text, detail=detail, retry_after=retry_after_of(response))
    if status == 408:
        return ApiTimeoutError(f"{host} timed out the request (HTTP 408){_after(retries)}.")
    if status == 404:
        return NotFoundError(
            _not_found(call), detail=detail, session_id=call.session_id, org_id=call.org_id
        )
    kind, text = _classify(status, call, detail, retries)
    return kind(text, status_code=status, detail=detail)


def transport_error(exc: httpx.TransportError, *, host: str, timeout: float) -> ApiConnectionError:
    """The error for a request that got no HTTP answer; names the host, never the URL."""
    if isinstance(exc, httpx.ConnectTimeout):
        return ApiTimeoutError(f"Could not reach {host}: the connection timed out.")
    if isinstance(exc, httpx.TimeoutException):
        return ApiTimeoutError(f"{host} did not answer within {timeout:g} seconds.")
    return ApiConnectionError(f"Could not reach {host}: {_reason(exc)}.")


def decode_json(response: httpx.Response, call: Call) -> Any:
    """The body of a successful answer as JSON, or MalformedResponseError naming the endpoint."""
    try:
        return orjson.loads(response.content)
    except ValueError:
        raise MalformedResponseError(
            f"Unexpected response from {call.endpoint}: not JSON."
        ) from None


def parse_model(model: type[M], data: Any, call: Call, secret: Secret) -> M:
    """``data`` validated as ``model``; a wrong shape is a MalformedResponseError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        text = f"Unexpected response from {call.endpoint}: {where}: {first['msg']}."
        raise MalformedResponseError(redact(text, secret)) from None


def retry_after_of(response: httpx.Response) -> float | None:
    return parse_retry_after(response.headers.get("Retry-After"), time.time())


def _classify(
    status: int, call: Call, detail: str | None, retries: int
) -> tuple[type[ApiStatusError], str]:
    if status == 401:
        return AuthenticationError, "The API key was rejected (HTTP 401)."
    if status in (400, 422):
        kind = RequestValidationError if status == 422 else BadRequestError
        suffix = f": {detail}" if detail else ""
        text = f"The API rejected the request (HTTP {status}){suffix}"
        return kind, text if text.endswith((".", "…")) else text + "."
    if status >= 500:
        return ServerError, f"The Devin API failed with HTTP {status}{_after(retries)}."
    return ApiStatusError, f"The API answered {call.endpoint} with HTTP {status}."


def _after(retries: int) -> str:
    if retries == 0:
        return ""
    return f" after {retries} {'retry' if retries == 1 else 'retries'}"


def _forbidden(call: Call) -> str:
    if call.permission and call.org_id:
        what = f"the {call.permission} permission on organization {call.org_id}"
    elif call.permission:
        what = f"the {call.permission} permission"
    else:
        what = "the permission to read sessions"
    return f"The API key lacks {what} (HTTP 403)."


def _not_found(call: Call) -> str:
    """A session path names the session; an organization path only the organization."""
    if call.session_id and call.org_id:
        return f"Session {call.session_id} was not found in organization {call.org_id} (HTTP 404)."
    if call.session_id:
        return f"Session {call.session_id} was not found (HTTP 404)."
    if call.org_id:
        return f"Organization {call.org_id} was not found (HTTP 404)."
    return f"{call.endpoint} was not found (HTTP 404); check DEVIN_API_BASE_URL."


def _detail(response: httpx.Response, secret: Secret) -> str | None:
    """The server's explanation: FastAPI ``detail`` (list of {loc, msg} or text), else the body."""
    try:
        body = json.loads(response.content)
    except ValueError:
        text = response.text
    else:
        raw = body.get("detail", body) if isinstance(body, dict) else body
        text = _format_detail(raw)
    text = redact(" ".join(text.split()), secret)
    if not text:
        return None
    return text if len(text) <= DETAIL_LIMIT else text[: DETAIL_LIMIT - 1] + "…"


def _format_detail(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list):
        return "; ".join(_format_item(item) for item in raw)
    return "" if raw is None else json.dumps(raw, default=str)


def _format_item(item: object) -> str:
    if not isinstance(item, dict):
        return str(item)
    loc = [str(part) for part in item.get("loc") or ()]
    if len(loc) > 1 and loc[0] in _LOC_PREFIXES:
        loc = loc[1:]
    msg = str(item.get("msg", ""))
    return f"{'.'.join(loc)}: {msg}" if loc else msg


def _reason(exc: httpx.TransportError) -> str:
    """A short cause in our own words; the raw text may carry URLs or OS noise."""
    text = str(exc).lower()
    if isinstance(exc, httpx.ConnectError):
        if "refused" in text:
            return "connection refused"
        if any(word in text for word in ("name or service", "nodename", "getaddrinfo", "resolve")):
            return "the host name could not be resolved"
        if any(word in text for word in ("ssl", "certificate", "tls")):
            return "the TLS handshake failed"
        return "the connection failed"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "the base URL must start with http:// or https://"
    return "the connection was interrupted"
