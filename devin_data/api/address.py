"""Where a base URL typed in the Connection form may lead: https:// to a public host only.

The host is judged before any connection is opened: a literal address in any form the C library
accepts (``2130706433``, ``0177.0.0.1``, ``0x7f.1``, ``[::ffff:127.0.0.1]``) as that address, a
name by every address ``socket.getaddrinfo`` gives for it. Loopback, private (RFC 1918,
fc00::/7) and shared (CGNAT) addresses, with plain http:// to them, pass only with the operator's
``DEVIN_ALLOW_PRIVATE_BASE_URL``; link-local, multicast, unspecified and reserved ones never do.
:class:`PinnedTransport` then connects to the judged address itself, with the typed name as Host
and TLS server name, so a DNS answer that changes later (rebinding) cannot move the connection.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import httpx

from devin_data.config import ENV_ALLOW_PRIVATE
from devin_data.errors import ApiConnectionError, ConfigurationError

__all__ = ["AddressRefused", "Judged", "PinnedTransport", "judge_base_url", "kind_of", "resolve"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

LOOPBACK, PRIVATE, SHARED = "loopback", "private", "shared (CGNAT)"
LINK_LOCAL, MULTICAST, UNSPECIFIED, RESERVED = "link-local", "multicast", "unspecified", "reserved"
ALLOWABLE = frozenset({LOOPBACK, PRIVATE, SHARED})  # what the operator's setting lets through
_PRIVATE = tuple(
    ipaddress.ip_network(net)
    for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # "this host": Linux connects 0.0.0.0 locally
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # a NAT64 gateway forwards to the IPv4 inside
_LEAD = "The API base URL must be https:// to a public host"
_NOT_A_URL = f"{_LEAD}, such as https://api.devin.ai; what was typed is not one."  # never echoed


class AddressRefused(ConfigurationError):
    """A typed base URL that may not be reached from this server; nothing was sent to it."""

    hint = f"An operator can allow private addresses with {ENV_ALLOW_PRIVATE}."


@dataclass(frozen=True)
class Judged:
    """A base URL found fit: its host as typed and the address every connection goes to."""

    host: str
    address: str


def resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order, without repeats."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def _embedded(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64), else the address itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


# The first test an address meets names its kind; the order matters (127/8 is private too).
_KINDS: tuple[tuple[Callable[[IPAddress], bool], str], ...] = (
    (lambda ip: ip.is_loopback, LOOPBACK),
    (lambda ip: ip.is_unspecified or ip in _THIS_NETWORK, UNSPECIFIED),
    (lambda ip: ip.is_link_local, LINK_LOCAL),
    (lambda ip: ip.is_multicast, MULTICAST),
    (lambda ip: ip in _SHARED, SHARED),
    (lambda ip: any(ip in net for net in _PRIVATE), PRIVATE),
    (lambda ip: ip.is_reserved or not ip.is_global, RESERVED),
)


def kind_of(address: IPAddress) -> str | None:
    """What keeps an address from a viewer's base URL (``LOOPBACK``, ``PRIVATE``…); None: public."""
    ip = _embedded(address)
    return next((kind for test, kind in _KINDS if test(ip)), None)


def literal(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is one in any form the C library accepts, else None."""
    bare = unquote(host).removesuffix(".")
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(bare))  # decimal, octal, hex, short forms
    except (OSError, ValueError):
        return None


def _addresses(host: str, port: int, resolver: Resolver) -> tuple[list[IPAddress], bool]:
    """The addresses ``host`` stands for, and whether it was a literal one (no lookup made)."""
    found = literal(host)
    if found is not None:
        return [found], True
    try:
        named = [literal(address) for address in resolver(host, port)]
    except (OSError, UnicodeError) as exc:
        raise ApiConnectionError(f"Could not find the host {host}: {exc}.") from None
    addresses = [address for address in named if address is not None]
    if not addresses:
        raise ApiConnectionError(f"Could not find the host {host}: it has no address.")
    return addresses, False


def _refusal(host: str, address: IPAddress, kind: str, is_literal: bool) -> AddressRefused:
    shown = str(_embedded(address))
    if is_literal and host.strip("[]").removesuffix(".") == shown:
        subject = f"{shown} is"
    else:
        subject = f"{host} {'is' if is_literal else 'resolves to'} {shown},"
    article = "an" if kind[0] in "aeiou" else "a"
    message = f"{_LEAD}; {subject} {article} {kind} address."
    if kind in ALLOWABLE:
        return AddressRefused(f"{message} {AddressRefused.hint}")
    return AddressRefused(message, hint="")


def judge_base_url(url: str, *, allow_private: bool, resolver: Resolver = resolve) -> Judged:
    """``url`` judged for a viewer: the address to connect to, or :class:`AddressRefused`.

    Every address the host stands for must pass; with ``allow_private`` loopback, private and
    shared ones pass too, and so does http:// to them. No connection is opened here.
    """
    try:
        parts = urlsplit(url.strip())
        scheme, host, port = parts.scheme.lower(), parts.hostname or "", parts.port
    except ValueError:
        raise AddressRefused(_NOT_A_URL, hint="") from None
    if scheme not in ("http", "https") or not host:
        raise AddressRefused(_NOT_A_URL, hint="")
    addresses, is_literal = _addresses(host, port or (443 if scheme == "https" else 80), resolver)
    for address in addresses:
        kind = kind_of(address)
        if kind is not None and not (allow_private and kind in ALLOWABLE):
            raise _refusal(host, address, kind, is_literal)
    if scheme == "http" and not (allow_private and all(kind_of(a) for a in addresses)):
        raise AddressRefused(f"{_LEAD}; http:// would send the API key unencrypted.", hint="")
    try:
        typed = httpx.URL(url.strip()).host
    except httpx.InvalidURL:
        raise AddressRefused(_NOT_A_URL, hint="") from None
    return Judged(typed, str(addresses[0]))


class PinnedTransport(httpx.BaseTransport):
    """Sends every request to the judged address, naming the typed host in ``Host`` and in TLS
    (SNI and certificate check), so what was judged is what is reached; any other host is
    refused without a connection."""

    def __init__(self, judged: Judged, inner: httpx.BaseTransport) -> None:
        self._judged = judged
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if host != self._judged.host:
            raise httpx.ConnectError(f"{host} is not the host judged fit", request=request)
        extensions = dict(request.extensions)
        if request.url.scheme == "https" and literal(host) is None:
            extensions["sni_hostname"] = host
        pinned = httpx.Request(
            request.method,
            request.url.copy_with(host=self._judged.address),
            headers=request.headers,  # keeps the Host header of the typed name
            stream=request.stream,
            extensions=extensions,
        )
        return self._inner.handle_request(pinned)

    def close(self) -> None:
        self._inner.close()
