"""The Devin REST API client: v3 organization endpoints, legacy v1 endpoints, and fan-out.

One :class:`DevinClient` wraps one thread-safe ``httpx.Client`` whose connection pool is sized for
``Settings.concurrency``. Failures raise the tree in :mod:`devin_data.errors`; transient ones
are first retried per :class:`devin_data.api.retry.RetryPolicy`, waiting through ``config.sleep``.
The API key is sent only as a bearer header and never appears in a repr, a log line or a message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any, TypeVar, cast
from urllib.parse import quote

from pydantic import BaseModel

from devin_data.api.call import Call
from devin_data.api.failures import parse_model
from devin_data.api.http import ClientStats, Requester
from devin_data.api.limits import check_page_size, place
from devin_data.api.pagination import encode_filters, fan_out, iter_cursor, iter_pages
from devin_data.clock_skew import ClockReading
from devin_data.closing import Closing
from devin_data.config import ApiVersion, Settings, redact
from devin_data.errors import ConfigurationError, DevinError, MalformedResponseError
from devin_data.models import GenerateInsightsResult, Message, Page, Session, normalize_v1
from devin_data.models import normalize_session_id as _sid
from devin_data.models.fast import Item
from devin_data.models.intake import Listed, read_entries, stored_item

__all__ = ["ClientStats", "DevinClient"]

VIEW_PERMISSION = "ViewOrgSessions"
MANAGE_PERMISSION = "ManageOrgSessions"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
R = TypeVar("R")


class DevinClient(Closing):
    """Typed access to the sessions endpoints; safe to share between threads."""

    def __init__(self, config: Settings) -> None:
        if not config.effective_base_url.startswith(("http://", "https://")):
            raise ConfigurationError("DEVIN_API_BASE_URL must start with http:// or https://.")
        self.config = config
        self._requester = Requester(config)

    def __repr__(self) -> str:
        cfg = self.config
        return (
            f"DevinClient(base_url={cfg.effective_base_url!r}, org_id={cfg.effective_org_id!r}, "
            f"api={self.api_version})"
        )

    def close(self) -> None:
        self._requester.close()

    @property
    def api_version(self) -> ApiVersion:
        return self.config.api_version

    @property
    def stats(self) -> ClientStats:
        """A snapshot of requests sent (every attempt) and retries so far."""
        return self._requester.stats.snapshot()

    @property
    def clock_reading(self) -> ClockReading | None:
        """The API's clock as its latest ``Date`` header gave it; None before any such answer."""
        return self._requester.clock

    # v3, organization scope ------------------------------------------------------------------

    def list_sessions_page(
        self, *, after: str | None = None, first: int | None = None, **filters: Any
    ) -> Page[Session]:
        return self._list_page(("sessions",), after, first, filters)

    def list_session_insights_page(
        self, *, after: str | None = None, first: int | None = None, **filters: Any
    ) -> Page[Session]:
        return self._list_page(("sessions", "insights"), after, first, filters)

    def iter_session_insights(
        self, *, first: int | None = None, **filters: Any
    ) -> Iterator[Session]:
        """Every session matching ``filters`` with message counts, size and analysis."""

        def fetch(cursor: str | None) -> Page[Session]:
            return self.list_session_insights_page(after=cursor, first=first, **filters)

        return iter_cursor(fetch, f"GET {self._org_path('sessions', 'insights')}", "sessions")

    def iter_insight_item_pages(
        self,
        *,
        first: int | None = None,
        start: Listed[Item] | None = None,
        what: str = "a list",
        **filters: Any,
    ) -> Iterator[Listed[Item]]:
        """The insights list page by page, each session already in the stored shape (the
        bulk path of a sync: no pydantic model unless an item is unusual); after ``start``
        (its first page, already read) only the pages that follow. ``what`` names the list in
        the message of a walk that never ends ("a window")."""

        def fetch(cursor: str | None) -> Listed[Item]:
            return self.insight_items_page(after=cursor, first=first, **filters)

        endpoint = f"GET {self._org_path('sessions', 'insights')}"
        pages = iter_pages(fetch, endpoint, start=start, what=what, noun="sessions")
        return cast(Iterator[Listed[Item]], pages)  # the pages ``fetch`` made, as they came

    def insight_items_page(
        self, *, after: str | None = None, first: int | None = None, **filters: Any
    ) -> Listed[Item]:
        """One page of the insights list in the stored shape (see :mod:`devin_data.models.fast`);
        an item no model reads is set aside in ``rejects`` (see :mod:`.intake`), not fatal."""
        asked = first or self.config.page_size
        data, call = self._list_call(("sessions", "insights"), after, asked, filters)
        raw = self._entries(data, "items", Page[Session], call, asked)
        items, rejects = read_entries(raw, stored_item, partial(place, call, len(raw)), self._clean)
        total = data.get("total")
        return Listed[Item].model_construct(
            items=items,
            end_cursor=_text_or_none(data.get("end_cursor")),
            has_next_page=data.get("has_next_page") is True,
            total=total if type(total) is int else None,
            rejects=rejects,
            listed=len(raw),
        )

    def get_session_insights(self, session_id: str) -> Session:
        return self._parse(Session, *self._session_call("GET", session_id, ("insights",)))

    def iter_messages(self, session_id: str) -> Iterator[Message]:
        """The session's messages in chronological order, page after page."""

        def fetch(cursor: str | None) -> Page[Message]:
            params = [("first", str(self.config.page_size))]
            params += [("after", cursor)] if cursor else []
            data, call = self._session_call("GET", session_id, ("messages",), params)
            return self._parse(Page[Message], data, call)

        endpoint = f"GET {self._org_path('sessions', _sid(session_id), 'messages')}"
        return iter_cursor(fetch, endpoint, "messages")

    def list_messages(self, session_id: str) -> list[Message]:
        return list(self.iter_messages(session_id))

    def generate_insights(self, session_id: str) -> GenerateInsightsResult:
        data, call = self._session_call("POST", session_id, ("insights", "generate"))
        if isinstance(data, dict) and "session_id" not in data:
            data = {**data, "session_id": call.session_id}  # the id is implied by the path
        return self._parse(GenerateInsightsResult, data, call)

    # v1 (legacy keys) ---------------------------------------------------------------------

    def list_sessions_v1_page(
        self,
        *,
        offset: int = 0,
        limit: int | None = None,
        tags: Iterable[str] | None = None,
        user_email: str | None = None,
    ) -> list[Session]:
        """One v1 list page; a session no model reads is an error that names it."""
        page = self.sessions_v1_page(offset=offset, limit=limit, tags=tags, user_email=user_email)
        if page.rejects:
            bad = page.rejects[0]
            who = f" (session {bad.session_id})" if bad.session_id else ""
            raise MalformedResponseError(f"Unexpected response: {bad.where}{who}: {bad.reason}.")
        return page.items

    def sessions_v1_page(
        self,
        *,
        offset: int = 0,
        limit: int | None = None,
        tags: Iterable[str] | None = None,
        user_email: str | None = None,
    ) -> Listed[Session]:
        """One v1 list page, the sessions no model reads set aside in ``rejects``."""
        asked = limit or self.config.v1_page_size
        params = [("limit", str(asked)), ("offset", str(offset))]
        params += [("tags", tag) for tag in ([tags] if isinstance(tags, str) else tags or ())]
        params += [("user_email", user_email)] if user_email else []
        call = Call("GET", "/v1/sessions", params)
        raw = self._entries(self._requester.send(call), "sessions", _V1Sessions, call, asked)
        where = partial(place, call, len(raw))
        sessions, rejects = read_entries(raw, _v1_session, where, self._clean)
        return Listed[Session].model_construct(
            items=sessions,
            end_cursor=None,
            has_next_page=False,
            total=None,
            rejects=rejects,
            listed=len(raw),
        )

    def get_session_details_v1(self, session_id: str) -> Session:
        sid = _sid(session_id)
        call = Call("GET", f"/v1/sessions/{quote(sid, safe='')}", session_id=sid)
        return normalize_v1(self._parse(Session, self._requester.send(call), call))

    # fan-out ----------------------------------------------------------------------------------

    def map_concurrent(
        self, fn: Callable[[T], R], items: Iterable[T]
    ) -> Iterator[tuple[T, R | DevinError]]:
        """``fn`` over ``items`` on ``concurrency`` threads, in completion order.

        A DevinError raised for one item is yielded as that item's result; any other exception
        propagates.
        """
        return fan_out(fn, items, self.config.concurrency)

    def get_json(self, path: str, params: list[tuple[str, str]], permission: str) -> Any:
        """The decoded body of a GET outside the sessions endpoints (metrics, enterprise)."""
        return self._requester.send(Call("GET", path, params, permission, self.config.org_id))

    # internals ------------------------------------------------------------------------------

    def _org(self) -> str:
        org_id = self.config.effective_org_id
        if not org_id:
            raise ConfigurationError("DEVIN_ORG_ID is required for a cog_ key (v3 API).")
        return org_id

    def _org_path(self, *parts: str) -> str:
        segments = "/".join(quote(part, safe="") for part in (self._org(), *parts))
        return f"/v3/organizations/{segments}"

    def _list_page(
        self, what: tuple[str, ...], after: str | None, first: int | None, filters: dict[str, Any]
    ) -> Page[Session]:
        return self._parse(Page[Session], *self._list_call(what, after, first, filters))

    def _list_call(
        self, what: tuple[str, ...], after: str | None, first: int | None, filters: dict[str, Any]
    ) -> tuple[Any, Call]:
        params = [("first", str(first or self.config.page_size))]
        params += [("after", after)] if after else []
        params += encode_filters(filters)
        call = Call("GET", self._org_path(*what), params, VIEW_PERMISSION, self._org())
        return self._requester.send(call), call

    def _session_call(
        self,
        method: str,
        session_id: str,
        suffix: tuple[str, ...],
        params: list[tuple[str, str]] | None = None,
    ) -> tuple[Any, Call]:
        sid = _sid(session_id)
        path = self._org_path("sessions", sid, *suffix)
        permission = MANAGE_PERMISSION if method == "POST" else VIEW_PERMISSION
        call = Call(method, path, params or [], permission, self._org(), sid)
        return self._requester.send(call), call

    def _parse(self, model: type[M], data: Any, call: Call) -> M:
        return parse_model(model, data, call, self.config.effective_key)

    def _entries(
        self, data: Any, name: str, shape: type[BaseModel], call: Call, asked: int
    ) -> list[Any]:
        """The list of items of a page body; a body of another shape or a page larger than
        asked for is a MalformedResponseError."""
        raw = data.get(name) if isinstance(data, dict) else None
        if not isinstance(raw, list):
            self._parse(shape, data, call)  # raises the usual message for a bad shape
            raise MalformedResponseError(f"Unexpected response from {call.endpoint}.")
        check_page_size(raw, asked, call)
        return raw

    def _clean(self, text: str) -> str:
        return redact(text, self.config.effective_key)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _v1_session(entry: Any) -> Session:
    return normalize_v1(Session.model_validate(entry))


class _V1Sessions(BaseModel):
    sessions: list[Session]
