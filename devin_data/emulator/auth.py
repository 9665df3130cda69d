"""Who may call what: the bearer key, its API version, the organizations it sees, its rights."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from devin_data.emulator.faults import Response, json_response
from devin_data.emulator.handlers import Route
from devin_data.emulator.keys import KEYS, ORG_ID, ORG_IDS


def _bearer(headers: Mapping[str, str]) -> str | None:
    for name, value in headers.items():
        if name.lower() == "authorization":
            scheme, _, token = value.strip().partition(" ")
            return token.strip() or None if scheme.lower() == "bearer" else None
    return None


def authorize(
    route: Route, org: str | None, headers: Mapping[str, str], revoked: Collection[str] = ()
) -> Response | None:
    """401 for a missing, unknown, revoked or wrong-version key; 404 for an org the key cannot
    see (an organization key sees its own, the enterprise key every one); 403 if not allowed."""
    key = _bearer(headers)
    if key is None:
        return json_response(401, {"detail": "Not authenticated"})
    entry = None if key in revoked else KEYS.get(key)
    if entry is None:
        detail = "This API key was revoked" if key in revoked else "Invalid API key"
        return json_response(401, {"detail": detail})
    if entry.version != route.version:
        return json_response(
            401, {"detail": f"This API key cannot be used with the {route.version} API"}
        )
    visible = org in ORG_IDS if entry.enterprise else org == ORG_ID
    if org is not None and not visible:
        return json_response(404, {"detail": f"Organization {org} not found"})
    if route.permission not in entry.permissions:
        return json_response(403, {"detail": f"Missing permission {route.permission}"})
    return None
