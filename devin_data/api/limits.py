"""Bounds on what one answer may make the client hold: its body, and the items of a page.

An answer is read from the network in chunks and refused once it passes :data:`MAX_BODY_BYTES`
(a page of 200 sessions with their analyses is well under a few megabytes), so a runaway body
never reaches memory whole. A page holding more items than were asked for is refused rather than
cut: its cursor points past every item it holds, so keeping only the first ones would lose the
others for good, while refusing keeps the sync where it was until the API answers as documented.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx

from devin_data.api.call import Call
from devin_data.errors import MalformedResponseError

MAX_BODY_BYTES = 64 * 1024 * 1024
_PLACE_LIMIT = 300  # characters of a page's address kept to name an item on it


def read_capped(http: httpx.Client, call: Call, limit: int = MAX_BODY_BYTES) -> httpx.Response:
    """Send ``call`` and read its answer, refusing a body larger than ``limit`` bytes."""
    request = http.build_request(call.method, call.path, params=list(call.params))
    response = http.send(request, stream=True)
    body = bytearray()
    try:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(call, limit)
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise _too_large(call, limit)
    finally:
        response.close()
    # The body is already decoded: the copy must not name an encoding to decode it again.
    headers = [(k, v) for k, v in response.headers.multi_items() if k != "content-encoding"]
    return httpx.Response(
        response.status_code, headers=headers, content=bytes(body), request=request
    )


def _too_large(call: Call, limit: int) -> MalformedResponseError:
    return MalformedResponseError(
        f"Unexpected response from {call.endpoint}: the answer is larger than "
        f"{limit // (1024 * 1024)} MB and was not read."
    )


def check_page_size(items: list[Any], asked: int, call: Call) -> None:
    """Refuse a page holding more items than were asked for (see the module), emptying the list
    first: the error's traceback keeps every frame that holds it alive."""
    count = len(items)
    if count > asked:
        items.clear()
        raise MalformedResponseError(
            f"Unexpected response from {call.endpoint}: a page of {count:,} items where at "
            f"most {asked:,} were asked for; it was refused, and the next sync asks for it again."
        )


def place(call: Call, count: int, index: int) -> str:
    """Where item ``index`` of a page of ``count`` was: enough to ask for that page again."""
    query = urlencode(list(call.params))
    address = f"{call.endpoint}?{query}" if query else call.endpoint
    if len(address) > _PLACE_LIMIT:
        address = address[: _PLACE_LIMIT - 1] + "…"
    return f"item {index + 1} of {count} on {address}"
