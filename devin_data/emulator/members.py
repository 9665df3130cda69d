"""Organization members: the human users of an organization, with name, email and role.

``GET /v3beta1/organizations/{org_id}/members/users`` lists the users with a direct role in the
organization who had joined by the request's clock, oldest member first, in v3 cursor pages. The
``email`` filter is an exact match, compared without regard to case. The first two members to join
hold the ``admin`` role, everyone else ``member``. Service users are not members and never appear
here. ``…/members/users/{user_id}`` adds ``idp_role_assignments``: the identity-provider group
(the team) a member belongs to, drawn from the user id, so it is the same at every clock; every
seventh member to join is in no group.
"""

from __future__ import annotations

from typing import Any

from devin_data.emulator.handlers import Backend, Body, NotFound, route
from devin_data.emulator.keys import MEMBERS_PERMISSION
from devin_data.emulator.listing import offset_page
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query
from devin_data.emulator.people import User

_ADMINS = 2
TEAMS = ("Platform", "Payments", "Mobile", "Data")
_UNGROUPED_EVERY = 7


def idp_group(user: User, rank: int) -> str | None:
    """The IdP group (team) of the ``rank``-th member to join, or None for ungrouped members."""
    if rank % _UNGROUPED_EVERY == _UNGROUPED_EVERY - 1:
        return None
    return TEAMS[int(user.user_id.rsplit("-", 1)[-1], 16) % len(TEAMS)]


def groups_at(org: DemoOrg, now: float) -> dict[str, str | None]:
    """The IdP group of every member who had joined by ``now``, by user id."""
    return {user.user_id: idp_group(user, rank) for rank, user in enumerate(members_at(org, now))}


def members_at(org: DemoOrg, now: float) -> list[User]:
    """Users who had joined by ``now``, in join order (ties by id)."""
    joined = [user for user in org.users if user.joined <= now]
    return sorted(joined, key=lambda user: (user.joined, user.user_id))


def _member(user: User, rank: int, org_id: str) -> dict[str, Any]:
    role = "admin" if rank < _ADMINS else "member"
    return {
        "user_id": user.user_id,
        "name": user.name,
        "email": user.email,
        "role_assignments": [
            {"role": {"role_id": f"role-{role}", "role_name": role}, "org_id": org_id}
        ],
    }


def _idp_assignment(group: str, org_id: str) -> dict[str, Any]:
    role = {"role_id": "role-member", "role_name": "member"}
    return {"idp_group_name": group, "role": role, "org_id": org_id}


def list_members(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    email = query.text("email")
    users = members_at(emu.org, now)
    items = [_member(user, rank, emu.org_id) for rank, user in enumerate(users)]
    if email is not None:
        items = [item for item in items if item["email"].lower() == email.lower()]
    return offset_page(items, query)


def get_member(emu: Backend, ids: tuple[str, ...], _: Query, now: float) -> Body:
    users = members_at(emu.org, now)
    for rank, user in enumerate(users):
        if user.user_id == ids[0]:
            group = idp_group(user, rank)
            assignments = [] if group is None else [_idp_assignment(group, emu.org_id)]
            return {**_member(user, rank, emu.org_id), "idp_role_assignments": assignments}
    raise NotFound(f"User {ids[0]} not found")


_MEMBERS = "/v3beta1/organizations/{org}/members/users"
ROUTES = (
    route("members", "GET", _MEMBERS, list_members, MEMBERS_PERMISSION),
    route("member", "GET", _MEMBERS + "/{user}", get_member, MEMBERS_PERMISSION),
)
