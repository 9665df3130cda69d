"""Who the user ids are and how many people are active: members and active-user metrics.

``GET /v3beta1/organizations/{org}/members/users`` (``ViewOrgMembership``) lists members with
their name and email; ``…/members/users/{user_id}`` adds the identity-provider groups a member
belongs to. ``GET /v3/organizations/{org}/metrics/dau|wau|mau`` (``ViewOrgMetrics``) counts the
active users of each UTC day, week or month of a window. Failures raise the usual error tree, so
a missing permission arrives as a ``PermissionDeniedError`` naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, RootModel, field_validator

from devin_data.api.call import Call
from devin_data.api.client import DevinClient
from devin_data.api.pagination import iter_cursor
from devin_data.errors import DevinError, NotFoundError
from devin_data.models import Page

MEMBERS_PERMISSION = "ViewOrgMembership"
METRICS_PERMISSION = "ViewOrgMetrics"
ActiveKind = Literal["dau", "wau", "mau"]
ACTIVE_KINDS: tuple[ActiveKind, ...] = ("dau", "wau", "mau")
MAX_WINDOW = 400 * 86400  # the longest window the metrics endpoints take in one request


class Member(BaseModel):
    """A member as the list gives it; blank names and emails read as unknown."""

    model_config = ConfigDict(extra="ignore")

    user_id: str
    name: str | None = None
    email: str | None = None

    @field_validator("name", "email", mode="before")
    @classmethod
    def _blank_is_unknown(cls, value: Any) -> Any:
        return value.strip() or None if isinstance(value, str) else None


class IdpAssignment(BaseModel):
    model_config = ConfigDict(extra="ignore")

    idp_group_name: str | None = None


class MemberDetail(Member):
    """One member with the identity-provider groups that grant its roles."""

    idp_role_assignments: list[IdpAssignment] | None = None

    @property
    def groups(self) -> list[str]:
        names = (a.idp_group_name for a in self.idp_role_assignments or [])
        return sorted({name.strip() for name in names if name and name.strip()})


class ActivePeriod(BaseModel):
    """The active users of one period, ``[start_time, end_time)`` in epoch seconds."""

    model_config = ConfigDict(extra="ignore")

    active_users: int
    start_time: int
    end_time: int


class _ActivePeriods(RootModel[list[ActivePeriod]]):
    pass


def _v3beta1_path(client: DevinClient, *parts: str) -> str:
    segments = "/".join(quote(part, safe="") for part in (client._org(), *parts))
    return f"/v3beta1/organizations/{segments}"


def iter_members(client: DevinClient) -> Iterator[Member]:
    """Every member of the organization, page after page."""
    path = _v3beta1_path(client, "members", "users")

    def fetch(cursor: str | None) -> Page[Member]:
        params = [("first", str(client.config.page_size))]
        params += [("after", cursor)] if cursor else []
        call = Call("GET", path, params, MEMBERS_PERMISSION, client._org())
        return client._parse(Page[Member], client._requester.send(call), call)

    return iter_cursor(fetch, f"GET {path}")


def member_detail(client: DevinClient, user_id: str) -> MemberDetail:
    path = _v3beta1_path(client, "members", "users", user_id)
    call = Call("GET", path, (), MEMBERS_PERMISSION, client._org())
    return client._parse(MemberDetail, client._requester.send(call), call)


def member_groups(client: DevinClient, user_ids: Iterable[str]) -> dict[str, list[str]]:
    """The IdP groups of each member, fetched on the client's threads; a user who is no longer
    a member (404) has none, and any other error raises."""
    groups: dict[str, list[str]] = {}
    for user_id, found in client.map_concurrent(lambda uid: member_detail(client, uid), user_ids):
        if isinstance(found, NotFoundError):
            continue
        if isinstance(found, DevinError):
            raise found
        groups[user_id] = found.groups
    return groups


def active_users(
    client: DevinClient, kind: ActiveKind, after: int, before: int
) -> list[ActivePeriod]:
    """Active users per period overlapping ``[after, before)``, asked in windows the API takes;
    a period two windows share is kept once."""
    path = f"/v3/organizations/{quote(client._org(), safe='')}/metrics/{kind}"
    found: dict[int, ActivePeriod] = {}
    start = after
    while start < before:
        end = min(before, start + MAX_WINDOW)
        params = [("time_after", str(start)), ("time_before", str(end))]
        call = Call("GET", path, params, METRICS_PERMISSION, client._org())
        for period in client._parse(_ActivePeriods, client._requester.send(call), call).root:
            found.setdefault(period.start_time, period)
        start = end
    return [found[key] for key in sorted(found)]
