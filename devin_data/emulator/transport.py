"""An httpx transport that answers from an :class:`Emulator` in-process, without a socket."""

from __future__ import annotations

import httpx

from devin_data.emulator.api import Emulator


class EmulatorTransport(httpx.BaseTransport):
    """Hands every request to ``emulator.handle``; latency and faults apply as over HTTP."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        status, headers, body = self.emulator.handle(
            request.method,
            request.url.path,
            request.url.params.multi_items(),
            request.headers,
        )
        return httpx.Response(status, headers=headers, content=body, request=request)
