"""The emulator as a real HTTP server on the loopback interface, in a background thread."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from devin_data.closing import Closing
from devin_data.emulator.api import Emulator

LOOPBACK = "127.0.0.1"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    emulator: Emulator

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-response are normal; anything else is still reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        parts = urlsplit(self.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        headers = dict(self.headers.items())
        status, out_headers, body = self.server.emulator.handle(
            self.command, unquote(parts.path), query, headers
        )
        # The emulator's own Date header, not the machine's that send_response would add.
        self.send_response_only(status)
        self.send_header("Server", self.version_string())
        for name, value in out_headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logging."""


class EmulatorServer(Closing):
    """A running server; ``url`` is its base URL. Close it, or use it as a context manager."""

    def __init__(self, emulator: Emulator, host: str = LOOPBACK, port: int = 0) -> None:
        if host != LOOPBACK:
            raise ValueError(f"the emulator only listens on {LOOPBACK}, not {host!r}")
        self._httpd = _Server((host, port), _Handler)
        self._httpd.emulator = emulator
        self.port: int = self._httpd.server_address[1]
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name=f"emulator-{self.port}", daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def serve(emulator: Emulator, host: str = LOOPBACK, port: int = 0) -> EmulatorServer:
    """Start serving ``emulator`` on ``host:port`` (port 0 picks a free one)."""
    return EmulatorServer(emulator, host, port)
