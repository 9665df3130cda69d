"""Clients for a base URL typed in the Connection form: judged before they connect, pinned to the
judged address, and a first contact that tells an accepted key from a refused one.

The emulator runs on loopback; the only connections allowed are to 127.0.0.1, and every one is
recorded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import pytest
from frozen_time import FROZEN_NOW
from socket_guard import guard_connections

from devin_data.api.address import AddressRefused, Judged, PinnedTransport
from devin_data.config import (
    ENV_ALLOW_PRIVATE,
    SOURCE_ENVIRONMENT,
    SOURCE_FORM,
    Settings,
)
from devin_data.connect import client_for, first_contact
from devin_data.emulator import (
    ADMIN_KEY,
    NO_PERMISSION_KEY,
    ORG_ID,
    V1_KEY,
    DemoOrg,
    Emulator,
    EmulatorServer,
    serve,
)
from devin_data.errors import AuthenticationError, DevinError, PermissionDeniedError
from devin_data.hints import refuses_key


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    return Emulator(DemoOrg.generate(60, 3, FROZEN_NOW, days=10), clock=FROZEN_NOW.timestamp)


@pytest.fixture(scope="module")
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return guard_connections(monkeypatch)


def typed(base_url: str, tmp_path: Path, key: str = ADMIN_KEY, *, allow: bool = False) -> Settings:
    """Settings as the app builds them from the form, over the operator's environment."""
    operator = {"DEVIN_CACHE_DIR": str(tmp_path)} | ({ENV_ALLOW_PRIVATE: "1"} if allow else {})
    form = {"DEVIN_API_BASE_URL": base_url, "DEVIN_ORG_ID": ORG_ID, "DEVIN_API_KEY": key}
    return Settings.load((SOURCE_ENVIRONMENT, operator), (SOURCE_FORM, form))


@pytest.mark.parametrize("allow", [False, True])
def test_a_metadata_address_in_the_form_is_refused_before_any_connection(
    tmp_path: Path, connections: list[str], allow: bool
) -> None:
    with pytest.raises(AddressRefused, match=r"169\.254\.169\.254 is a link-local address"):
        first_contact(typed("http://169.254.169.254/latest", tmp_path, allow=allow))
    assert connections == []


def test_loopback_in_the_form_needs_the_operators_leave(
    server: EmulatorServer, tmp_path: Path, connections: list[str]
) -> None:
    with pytest.raises(AddressRefused, match=r"127\.0\.0\.1 is a loopback address"):
        first_contact(typed(server.url, tmp_path))
    assert connections == []

    first_contact(typed(server.url, tmp_path, allow=True))
    assert connections == ["127.0.0.1"]


def test_the_form_cannot_grant_the_leave_itself(tmp_path: Path) -> None:
    form = {
        "DEVIN_API_BASE_URL": "http://127.0.0.1:9",
        "DEVIN_API_KEY": V1_KEY,
        ENV_ALLOW_PRIVATE: "1",
    }
    assert not Settings.load((SOURCE_FORM, form)).allow_private_base_url
    assert Settings.load({ENV_ALLOW_PRIVATE: "true"}).allow_private_base_url
    assert not Settings.load({ENV_ALLOW_PRIVATE: "0"}).allow_private_base_url


def test_the_operators_own_base_url_stays_unchecked(server: EmulatorServer, tmp_path: Path) -> None:
    operator = Settings.load(
        (
            SOURCE_ENVIRONMENT,
            {"DEVIN_API_BASE_URL": server.url, "DEVIN_ORG_ID": ORG_ID, "DEVIN_API_KEY": ADMIN_KEY},
        )
    )
    assert not operator.allow_private_base_url
    first_contact(operator)


@pytest.mark.parametrize(
    ("key", "error"),
    [
        ("cog_not_a_key_at_all_0000", AuthenticationError),
        (NO_PERMISSION_KEY, PermissionDeniedError),
    ],
)
def test_the_first_contact_says_when_the_key_is_refused(
    server: EmulatorServer, tmp_path: Path, key: str, error: type[DevinError]
) -> None:
    with pytest.raises(error) as refused:
        first_contact(typed(server.url, tmp_path, key, allow=True))
    assert refuses_key(refused.value)
    assert key not in str(refused.value)
    assert list(tmp_path.iterdir()) == []  # nothing was stored for it


def test_a_v1_key_makes_its_first_contact_on_the_v1_list(
    server: EmulatorServer, emulator: Emulator, tmp_path: Path
) -> None:
    before = emulator.stats.by_kind.get("v1_list", 0)
    first_contact(typed(server.url, tmp_path, V1_KEY, allow=True))
    assert emulator.stats.by_kind.get("v1_list", 0) == before + 1


def test_every_connection_goes_to_the_judged_address_whatever_dns_says_later(
    server: EmulatorServer, emulator: Emulator, tmp_path: Path, connections: list[str]
) -> None:
    """DNS rebinding: the name is judged once per client, at 127.0.0.1; later answers (a
    metadata address) are never asked for, and every request reaches the judged address."""
    answers = iter([["127.0.0.1"], ["169.254.169.254"], ["169.254.169.254"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> Sequence[str]:
        asked.append(host)
        return next(answers)

    url = server.url.replace("127.0.0.1", "api.rebind.test")
    settings = typed(url, tmp_path, allow=True)
    before = emulator.stats.total
    with client_for(settings, resolver=rebinding, concurrency=2) as client:
        pages = [client.list_sessions_page(first=5) for _ in range(3)]
    assert all(page.items for page in pages)
    assert asked == ["api.rebind.test"]
    assert emulator.stats.total == before + 3
    assert set(connections) == {"127.0.0.1"}


def test_the_pinned_transport_names_the_typed_host_in_host_and_tls() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    pinned = PinnedTransport(
        Judged("api.example.com", "93.184.216.34"), httpx.MockTransport(answer)
    )
    with httpx.Client(transport=pinned, base_url="https://api.example.com:8443") as client:
        assert client.get("/v3/x", params={"a": "1"}).request.url.host == "api.example.com"
        with pytest.raises(httpx.ConnectError, match="not the host judged fit"):
            client.get("https://elsewhere.example.com/v3/x")
    [sent] = seen
    assert str(sent.url) == "https://93.184.216.34:8443/v3/x?a=1"
    assert sent.headers["host"] == "api.example.com:8443"
    assert sent.extensions["sni_hostname"] == "api.example.com"
