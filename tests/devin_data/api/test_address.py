"""A base URL typed in the Connection form is judged before any connection: https:// to a public
host, whatever form the address takes, and every address a name resolves to.

No test here sends a packet anywhere but loopback: every socket connection is recorded, and one
to another address fails the test before it is made. Names are resolved by injected resolvers
(or, for ``localhost``, by the system's hosts file).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from socket_guard import guard_connections

from devin_data.api.address import AddressRefused, Judged, judge_base_url
from devin_data.errors import ApiConnectionError

PRIVATE_MESSAGE = (
    "The API base URL must be https:// to a public host; 10.0.0.5 is a private address. "
    "An operator can allow private addresses with DEVIN_ALLOW_PRIVATE_BASE_URL."
)


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No connection at all: the judge decides before anything is opened."""
    return guard_connections(monkeypatch, loopback=False)


def no_lookup(host: str, port: int) -> Sequence[str]:
    raise AssertionError(f"{host} is a literal address: it needs no lookup")


def answers(*addresses: str) -> tuple[list[tuple[str, int]], object]:
    """A resolver giving ``addresses`` for any name, and the lookups it was asked for."""
    asked: list[tuple[str, int]] = []

    def resolver(host: str, port: int) -> Sequence[str]:
        asked.append((host, port))
        return addresses

    return asked, resolver


LITERALS = [
    ("https://127.0.0.1", "127.0.0.1 is a loopback address"),
    ("https://127.0.0.1.:8443/", "127.0.0.1 is a loopback address"),
    ("https://2130706433", "2130706433 is 127.0.0.1, a loopback address"),
    ("https://0177.0.0.1", "0177.0.0.1 is 127.0.0.1, a loopback address"),
    ("https://0x7f.1", "0x7f.1 is 127.0.0.1, a loopback address"),
    ("https://0x7f000001", "0x7f000001 is 127.0.0.1, a loopback address"),
    ("https://127.1", "127.1 is 127.0.0.1, a loopback address"),
    ("https://[::1]:8443", "::1 is a loopback address"),
    ("https://[::ffff:127.0.0.1]", "::ffff:127.0.0.1 is 127.0.0.1, a loopback address"),
    ("https://[0:0:0:0:0:ffff:7f00:1]", "is 127.0.0.1, a loopback address"),
    ("https://10.0.0.5", "10.0.0.5 is a private address"),
    ("https://172.16.3.4", "172.16.3.4 is a private address"),
    ("https://192.168.1.1/v3", "192.168.1.1 is a private address"),
    ("https://[fd00::1]", "fd00::1 is a private address"),
    ("https://[::ffff:10.0.0.5]", "is 10.0.0.5, a private address"),
    ("https://[64:ff9b::a00:5]", "is 10.0.0.5, a private address"),  # NAT64
    ("https://[2002:a00:5::1]", "is 10.0.0.5, a private address"),  # 6to4
    ("https://100.64.0.1", "100.64.0.1 is a shared (CGNAT) address"),
    ("https://169.254.169.254", "169.254.169.254 is a link-local address"),
    ("https://2852039166", "2852039166 is 169.254.169.254, a link-local address"),
    ("https://0251.0376.0251.0376", "is 169.254.169.254, a link-local address"),
    ("https://0xa9.0xfe.0xa9.0xfe", "is 169.254.169.254, a link-local address"),
    ("https://[::ffff:169.254.169.254]", "is 169.254.169.254, a link-local address"),
    ("https://[fe80::1]", "fe80::1 is a link-local address"),
    ("https://[fe80::1%25eth0]", "is fe80::1%eth0, a link-local address"),
    ("https://0.0.0.0", "0.0.0.0 is an unspecified address"),
    ("https://0", "0 is 0.0.0.0, an unspecified address"),
    ("https://0.1.2.3", "0.1.2.3 is an unspecified address"),
    ("https://[::]", ":: is an unspecified address"),
    ("https://224.0.0.1", "224.0.0.1 is a multicast address"),
    ("https://[ff02::1]", "ff02::1 is a multicast address"),
    ("https://240.0.0.1", "240.0.0.1 is a reserved address"),
    ("https://255.255.255.255", "255.255.255.255 is a reserved address"),
    ("https://192.0.2.10", "192.0.2.10 is a reserved address"),  # documentation
]


@pytest.mark.parametrize(("url", "said"), LITERALS, ids=[url for url, _ in LITERALS])
def test_a_literal_address_is_judged_in_every_form_without_a_lookup(
    url: str, said: str, connections: list[str]
) -> None:
    with pytest.raises(AddressRefused) as refused:
        judge_base_url(url, allow_private=False, resolver=no_lookup)
    message = str(refused.value)
    assert message.startswith("The API base URL must be https:// to a public host; ")
    assert said in message
    assert connections == []


def test_a_private_address_names_the_operators_setting() -> None:
    with pytest.raises(AddressRefused) as refused:
        judge_base_url("https://10.0.0.5", allow_private=False, resolver=no_lookup)
    assert str(refused.value) == PRIVATE_MESSAGE


@pytest.mark.parametrize(
    "url",
    ["https://169.254.169.254", "http://[fe80::1]", "https://224.0.0.1", "https://0.0.0.0"],
)
def test_link_local_multicast_and_unspecified_stay_refused_with_the_operators_leave(
    url: str,
) -> None:
    with pytest.raises(AddressRefused) as refused:
        judge_base_url(url, allow_private=True, resolver=no_lookup)
    assert "DEVIN_ALLOW_PRIVATE_BASE_URL" not in str(refused.value)


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8765", "127.0.0.1"),
        ("https://2130706433", "127.0.0.1"),
        ("https://10.0.0.5", "10.0.0.5"),
        ("http://[fd00::1]:8080", "fd00::1"),
        ("https://100.64.0.1", "100.64.0.1"),
    ],
)
def test_the_operators_leave_lets_loopback_and_private_addresses_through(
    url: str, address: str
) -> None:
    assert judge_base_url(url, allow_private=True, resolver=no_lookup).address == address


def test_a_name_is_judged_by_every_address_it_resolves_to() -> None:
    asked, resolver = answers("93.184.216.34", "10.0.0.5")
    with pytest.raises(AddressRefused) as refused:
        judge_base_url("https://internal.example:8443/", allow_private=False, resolver=resolver)
    assert "internal.example resolves to 10.0.0.5, a private address." in str(refused.value)
    assert asked == [("internal.example", 8443)]

    asked, resolver = answers("::ffff:169.254.169.254")
    with pytest.raises(AddressRefused) as refused:
        judge_base_url("https://metadata.example", allow_private=True, resolver=resolver)
    assert "resolves to 169.254.169.254, a link-local address." in str(refused.value)
    assert asked == [("metadata.example", 443)]


def test_localhost_is_refused_as_loopback(connections: list[str]) -> None:
    """Resolved by the system (the hosts file): every address of localhost is loopback."""
    with pytest.raises(AddressRefused) as refused:
        judge_base_url("https://localhost:8443", allow_private=False)
    assert "localhost resolves to " in str(refused.value)
    assert "a loopback address" in str(refused.value)
    assert connections == []


def test_a_public_name_is_pinned_to_its_first_judged_address() -> None:
    asked, resolver = answers("93.184.216.34", "2606:2800:220:1::1")
    judged = judge_base_url("https://API.Example.com/", allow_private=False, resolver=resolver)
    assert judged == Judged(host="api.example.com", address="93.184.216.34")
    assert asked == [("api.example.com", 443)]


@pytest.mark.parametrize("allow_private", [False, True])
def test_plain_http_to_a_public_host_is_refused(allow_private: bool) -> None:
    _, resolver = answers("93.184.216.34")
    with pytest.raises(AddressRefused) as refused:
        judge_base_url("http://api.example.com", allow_private=allow_private, resolver=resolver)
    assert "http:// would send the API key unencrypted" in str(refused.value)


@pytest.mark.parametrize(
    "url",
    ["ftp://api.example.com", "api.example.com", "https://", "", "https://u:pw-123@x:99999"],
)
def test_what_is_not_an_http_url_is_refused_without_echoing_it(url: str) -> None:
    with pytest.raises(AddressRefused, match="must be https:// to a public host") as refused:
        judge_base_url(url, allow_private=True, resolver=no_lookup)
    assert "what was typed is not one" in str(refused.value)
    assert "pw-123" not in str(refused.value)


def test_a_name_that_does_not_resolve_is_a_connection_error() -> None:
    def unknown(host: str, port: int) -> Sequence[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(ApiConnectionError, match=r"Could not find the host nowhere\.example"):
        judge_base_url("https://nowhere.example", allow_private=False, resolver=unknown)
