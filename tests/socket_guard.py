"""Record every socket connection a test opens, and fail it on any that leaves loopback."""

from __future__ import annotations

import ipaddress
import socket

import pytest


def guard_connections(monkeypatch: pytest.MonkeyPatch, *, loopback: bool = True) -> list[str]:
    """The hosts of the connections attempted from now on; one to an address other than
    loopback (or any at all, with ``loopback=False``) raises before a packet is sent."""
    attempts: list[str] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:  # a local database socket is no network traffic
            real_connect(self, address)  # type: ignore[arg-type]
            return
        host = str(address[0]) if isinstance(address, tuple) else str(address)
        attempts.append(host)
        if not (loopback and ipaddress.ip_address(host.partition("%")[0]).is_loopback):
            raise AssertionError(f"a connection to {address!r} was attempted")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts
