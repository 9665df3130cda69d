"""Fixtures for client tests: a scripted API, a recording sleep and a client wired to both."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from client_fakes import BASE_URL, KEY, ORG, FakeApi

from devin_data.api.client import DevinClient
from devin_data.config import Secret, Settings


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def sleeps() -> list[float]:
    """Every wait the client asked for; nothing really sleeps."""
    return []


@pytest.fixture
def make_client(api: FakeApi, sleeps: list[float]) -> Iterator[Callable[..., DevinClient]]:
    made: list[DevinClient] = []

    def build(**overrides: Any) -> DevinClient:
        values: dict[str, Any] = {
            "base_url": BASE_URL,
            "api_key": Secret(KEY),
            "org_id": ORG,
            "transport": httpx.MockTransport(api),
            "sleep": sleeps.append,
        }
        values.update(overrides)
        client = DevinClient(Settings(**values))
        made.append(client)
        return client

    yield build
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., DevinClient]) -> DevinClient:
    return make_client()
