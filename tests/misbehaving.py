"""A real HTTP server on 127.0.0.1 in front of an emulator, misbehaving on chosen requests.

Each fault is a function of one :class:`Exchange` that answers it its own way and returns True,
or returns False to let the emulator answer as usual. The faults are the ones a sync must
survive: a list that always has a next page, a v1 list that ignores ``offset``, an answer sent
one byte at a time, a server that accepts and never answers, and a session stamped in the
future. ``server.fault`` can be changed (or set to None) between syncs; ``close()`` releases
every request still held.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import orjson

from devin_data.closing import Closing
from devin_data.emulator import Emulator

LOOPBACK = "127.0.0.1"
Response = tuple[int, dict[str, str], bytes]


@dataclass
class Exchange:
    """One request as the server read it, and the means to answer it."""

    handler: BaseHTTPRequestHandler
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    emulator: Emulator
    closing: threading.Event

    def param(self, name: str) -> str | None:
        return next((value for key, value in self.query if key == name), None)

    @property
    def is_list(self) -> bool:
        """A v3 list of sessions (or of their insights) walked page by page."""
        return self.path.endswith(("/sessions", "/sessions/insights")) and "/v3/" in self.path

    def forward(self, query: Sequence[tuple[str, str]] | None = None) -> Response:
        """What the emulator answers to this request (or to it with ``query``)."""
        pairs = self.query if query is None else query
        return self.emulator.handle(self.method, self.path, pairs, self.headers)

    def send(self, response: Response, *, pace: float = 0.0) -> None:
        """Write ``response``; with ``pace``, one byte every ``pace`` seconds, headers too."""
        status, headers, body = response
        lines = [f"HTTP/1.1 {status} Misbehaving"]
        lines += [f"{name}: {value}" for name, value in headers.items() if name != "content-length"]
        lines += [f"content-length: {len(body)}", "", ""]
        data = "\r\n".join(lines).encode() + body
        if not pace:
            self.handler.wfile.write(data)
            return
        for index in range(len(data)):
            if self.closing.wait(pace):
                return
            self.handler.wfile.write(data[index : index + 1])
            self.handler.wfile.flush()


Fault = Callable[[Exchange], bool]


def json_body(response: Response) -> Any:
    return orjson.loads(response[2])


def with_json(response: Response, body: Any) -> Response:
    status, headers, _ = response
    return status, headers, orjson.dumps(body)


def endless_pages(*, fresh: bool, give_up: int = 400) -> Fault:
    """A v3 list that always says a next page follows, under a new cursor each time: its last
    page is followed by the first one again (``fresh``: by sessions never seen before, under
    new ids). After ``give_up`` such pages it ends, so a client without a bound fails a test
    instead of hanging it."""
    counter = iter(range(1, 1_000_000))

    def fault(exchange: Exchange) -> bool:
        if not exchange.is_list or exchange.method != "GET":
            return False
        after = exchange.param("after") or ""
        query = [(k, v) for k, v in exchange.query if not (k == "after" and v.startswith("end-"))]
        response = exchange.forward(query)
        body = json_body(response)
        if response[0] != 200 or (body["has_next_page"] and not after.startswith("end-")):
            exchange.send(response)
            return True
        number = next(counter)
        if after.startswith("end-") and fresh:
            body["items"] = [_renamed(item, number) for item in body["items"]]
        body["has_next_page"] = number < give_up
        body["end_cursor"] = f"end-{number}"
        exchange.send(with_json(response, body))
        return True

    return fault


def _renamed(item: dict[str, Any], number: int) -> dict[str, Any]:
    return {**item, "session_id": f"{item['session_id'][:-6]}{number:06d}"}


def ignoring_offset(exchange: Exchange) -> bool:
    """A v1 list that answers every offset with the first page."""
    if exchange.path != "/v1/sessions":
        return False
    exchange.send(exchange.forward([(k, v) for k, v in exchange.query if k != "offset"]))
    return True


def trickling(when: Callable[[Exchange], bool], pace: float = 1.0) -> Fault:
    """The emulator's answer, one byte every ``pace`` seconds, for the requests ``when`` picks."""

    def fault(exchange: Exchange) -> bool:
        if not when(exchange):
            return False
        exchange.send(exchange.forward(), pace=pace)
        return True

    return fault


def silent(when: Callable[[Exchange], bool]) -> Fault:
    """Read the requests ``when`` picks and never answer them (until the server closes)."""

    def fault(exchange: Exchange) -> bool:
        if not when(exchange):
            return False
        exchange.closing.wait()
        return True

    return fault


def stamped(session_id: str, updated_at: int) -> Fault:
    """Every v3 list shows ``session_id`` with ``updated_at`` (a time far in the future), and
    the first page of every walk with ``updated_after`` holds it, as an API that filters on
    that time would."""
    names = (session_id, session_id.removeprefix("devin-"))

    def fault(exchange: Exchange) -> bool:
        if not exchange.is_list:
            return False
        response = exchange.forward()
        body = json_body(response)
        if response[0] != 200:
            exchange.send(response)
            return True
        items = body["items"]
        first_of_walk = exchange.param("updated_after") and exchange.param("after") is None
        if first_of_walk and not any(item["session_id"] in names for item in items):
            items += json_body(exchange.forward([("session_ids", session_id)]))["items"]
        for item in items:
            if item["session_id"] in names:
                item["updated_at"] = updated_at
        exchange.send(with_json(response, body))
        return True

    return fault


def later_pages(exchange: Exchange) -> bool:
    """The pages of a walk after its first one."""
    return exchange.param("after") is not None


def every_request(exchange: Exchange) -> bool:
    return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: MisbehavingServer

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up on a request it gave up on is what these tests provoke."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        parts = urlsplit(self.path)
        owner = self.server.owner
        exchange = Exchange(
            self,
            self.command,
            unquote(parts.path),
            parse_qsl(parts.query, keep_blank_values=True),
            dict(self.headers.items()),
            owner.emulator,
            owner.closing,
        )
        owner.count()
        fault = owner.fault
        if fault is None or not fault(exchange):
            exchange.send(exchange.forward())

    do_GET = do_POST = _serve

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logging."""


class MisbehavingServer(Closing):
    """The server; ``url`` is its base URL and ``requests`` how many requests it read."""

    def __init__(self, emulator: Emulator, fault: Fault | None = None) -> None:
        self.emulator = emulator
        self.fault = fault
        self.closing = threading.Event()
        self.requests = 0
        self._lock = threading.Lock()
        self._httpd = _Server((LOOPBACK, 0), _Handler)
        self._httpd.owner = self
        self.url = f"http://{LOOPBACK}:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def count(self) -> None:
        with self._lock:
            self.requests += 1

    def close(self) -> None:
        self.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
