"""Fan-out with bounded concurrency, per-item errors, and the configuration object."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from client_fakes import KEY, ORG, SESSIONS, FakeApi, v3_session

from devin_data.api.client import DevinClient
from devin_data.api.retry import RetryPolicy, policy_for
from devin_data.config import DEMO_API_KEY, DEMO_BASE_URL, DEMO_ORG_ID, Secret, Settings
from devin_data.connect import client_for
from devin_data.errors import DevinError, NotFoundError
from devin_data.models import Session


class InFlight:
    """Counts requests being served at once; each waits (briefly) until some overlap happened."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.current = 0
        self.peak = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._cond:
            self.current += 1
            self.peak = max(self.peak, self.current)
            self._cond.notify_all()
            # Hold the first request until a second arrives, so overlap is certain, not luck.
            self._cond.wait_for(lambda: self.peak > 1, timeout=5.0)
        try:
            sid = request.url.path.removesuffix("/insights").rsplit("/", 1)[-1]
            if sid.endswith("missing"):
                return httpx.Response(404)
            return httpx.Response(200, json=v3_session(1, session_id=sid))
        finally:
            with self._cond:
                self.current -= 1


def test_map_concurrent_is_bounded_and_returns_errors_per_item(
    make_client: Callable[..., DevinClient],
) -> None:
    counter = InFlight()
    client = make_client(concurrency=3, transport=httpx.MockTransport(counter))
    ids = [f"s{n}" for n in range(30)] + ["missing"]

    results = dict(client.map_concurrent(client.get_session_insights, ids))

    assert set(results) == set(ids)
    assert 1 < counter.peak <= 3
    missing = results.pop("missing")
    assert isinstance(missing, NotFoundError)
    assert (
        str(missing) == "Session devin-missing was not found in organization org-acme (HTTP 404)."
    )
    assert all(isinstance(v, Session) and v.session_id == f"devin-{k}" for k, v in results.items())
    assert client.stats.requests == 31


def test_map_concurrent_yields_in_completion_order() -> None:
    consumed_first = threading.Event()

    def slow_first(item: int) -> int:
        if item == 0:
            # Finishes only after the caller has received another item's result.
            consumed_first.wait(timeout=5.0)
        return item

    config = Settings(base_url="https://x.test", api_key=Secret(KEY), concurrency=2)
    order = []
    with DevinClient(config) as client:
        for item, _ in client.map_concurrent(slow_first, [0, 1]):
            order.append(item)
            consumed_first.set()

    assert order == [1, 0]


def test_map_concurrent_lets_other_exceptions_propagate(client: DevinClient) -> None:
    def explode(item: int) -> int:
        if item == 2:
            raise ValueError("a bug, not an API failure")
        return item

    with pytest.raises(ValueError, match="a bug"):
        list(client.map_concurrent(explode, range(5)))


def test_map_concurrent_stops_early_without_running_everything(
    make_client: Callable[..., DevinClient], api: FakeApi
) -> None:
    client = make_client(concurrency=2)
    api.always("GET", f"{SESSIONS}/devin-x/insights", httpx.Response(200, json=v3_session(1)))

    results = client.map_concurrent(client.get_session_insights, ["x"] * 500)
    item, result = next(results)
    results.close()  # type: ignore[attr-defined]

    assert item == "x"
    assert isinstance(result, Session)
    assert len(api.requests) < 50


def test_map_concurrent_handles_an_empty_input(client: DevinClient) -> None:
    outcome: list[tuple[int, int | DevinError]] = list(client.map_concurrent(abs, []))
    assert outcome == []


# Configuration -----------------------------------------------------------------------------


def test_config_repr_hides_the_key() -> None:
    config = Settings(base_url="https://api.devin.ai", api_key=Secret(KEY), org_id=ORG)

    assert KEY not in repr(config)
    assert "api_key" not in repr(config)
    assert config.api_version == "v3"
    with pytest.raises(AttributeError):
        config.org_id = "other"  # type: ignore[misc]


def test_client_for_settings_uses_effective_values(tmp_path: Path) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(500))
    settings = Settings(
        api_key=Secret(KEY), org_id=ORG, base_url="https://devin.internal/", cache_dir=tmp_path
    )

    with client_for(settings, transport=transport, concurrency=3, timeout=5) as client:
        config = client.config

    assert config.effective_base_url == "https://devin.internal"
    assert (config.effective_key, config.effective_org_id) == (Secret(KEY), ORG)
    assert (config.transport, config.concurrency, config.timeout) == (transport, 3, 5)


def test_demo_settings_use_the_demo_key(tmp_path: Path) -> None:
    config = Settings(cache_dir=tmp_path)

    assert config.effective_base_url == DEMO_BASE_URL
    assert config.effective_org_id == DEMO_ORG_ID
    assert config.effective_key == Secret(DEMO_API_KEY)
    assert config.transport is None


def test_config_policy_follows_the_fields_unless_one_is_given() -> None:
    base = policy_for(
        Settings(base_url="https://x.test", api_key=Secret(KEY), max_retries=2, backoff_base=1.0)
    )
    custom = RetryPolicy(max_retries=9)

    assert isinstance(base, RetryPolicy)
    assert (base.max_retries, base.backoff_base) == (2, 1.0)
    assert base.retry_after_cap == 60.0
    assert (
        policy_for(Settings(base_url="https://x.test", api_key=Secret(KEY), retry_policy=custom))
        is custom
    )


@pytest.mark.parametrize("bad", [{"concurrency": 0}, {"page_size": 0}, {"max_retries": -1}])
def test_config_rejects_impossible_values(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Settings(base_url="https://x.test", api_key=Secret(KEY), **bad)  # type: ignore[arg-type]


def test_client_repr_and_version(make_client: Callable[..., DevinClient]) -> None:
    v3 = make_client()
    v1 = make_client(api_key=Secret("apk_user_legacy_key_123"), org_id=None)

    assert repr(v3) == "DevinClient(base_url='https://api.devin.test', org_id='org-acme', api=v3)"
    assert (v3.api_version, v1.api_version) == ("v3", "v1")
    assert "apk_user_legacy_key_123" not in repr(v1)
