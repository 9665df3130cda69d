"""API keys the emulator accepts, and what each one may do.

The keys are public test fixtures, not secrets: they only open the synthetic organization.
"""

from __future__ import annotations

from devin_data.config import DEMO_API_KEY, DEMO_ORG_ID

ORG_ID = DEMO_ORG_ID
VIEW_PERMISSION = "ViewOrgSessions"
MANAGE_PERMISSION = "ManageOrgSessions"

ADMIN_KEY = "cog_emulator_admin"
VIEWER_KEY = "cog_emulator_viewer"
NO_PERMISSION_KEY = "cog_emulator_noperm"
V1_KEY = "apk_emulator_user"

# key -> (API version, permissions on ORG_ID)
KEYS: dict[str, tuple[str, frozenset[str]]] = {
    ADMIN_KEY: ("v3", frozenset({VIEW_PERMISSION, MANAGE_PERMISSION})),
    DEMO_API_KEY: ("v3", frozenset({VIEW_PERMISSION, MANAGE_PERMISSION})),
    VIEWER_KEY: ("v3", frozenset({VIEW_PERMISSION})),
    NO_PERMISSION_KEY: ("v3", frozenset()),
    V1_KEY: ("v1", frozenset({VIEW_PERMISSION})),
}

_ROLES = {
    ADMIN_KEY: "v3, ViewOrgSessions + ManageOrgSessions",
    VIEWER_KEY: "v3, ViewOrgSessions only (insights/generate answers 403)",
    NO_PERMISSION_KEY: "v3, no permission (every call answers 403)",
    V1_KEY: "v1 legacy API (/v1/sessions)",
}


def describe_keys() -> str:
    """Lines naming every emulator key and its role, for the CLI banner."""
    return "\n".join(f"  DEVIN_API_KEY={key}  ({role})" for key, role in _ROLES.items())
