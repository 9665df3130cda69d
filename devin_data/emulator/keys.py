"""API keys the emulator accepts, and what each one may do.

The keys are public test fixtures, not secrets: they only open the synthetic organizations.
An organization key reads only :data:`ORG_ID`; the enterprise key reads every organization of the
enterprise and the enterprise-scope endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass

from devin_data.config import DEMO_API_KEY, DEMO_ORG_ID

ORG_ID = DEMO_ORG_ID
SECOND_ORG_ID = "org-demo-labs"
ORG_IDS = (ORG_ID, SECOND_ORG_ID)  # the organizations of the enterprise
VIEW_PERMISSION = "ViewOrgSessions"
MANAGE_PERMISSION = "ManageOrgSessions"
MEMBERS_PERMISSION = "ViewOrgMembership"
CONSUMPTION_PERMISSION = "ViewOrgConsumption"
METRICS_PERMISSION = "ViewOrgMetrics"
ACCOUNT_METRICS_PERMISSION = "ViewAccountMetrics"  # the docs name it for org-level metrics/usage
# Not named by the public docs for listing organizations; chosen after their ViewAccount… pattern.
ORGANIZATIONS_PERMISSION = "ViewAccountOrganizations"
BILLING_PERMISSION = "ManageBilling"

ADMIN_KEY = "cog_emulator_admin"
VIEWER_KEY = "cog_emulator_viewer"
ANALYST_KEY = "cog_emulator_analyst"
NO_PERMISSION_KEY = "cog_emulator_noperm"
ENTERPRISE_KEY = "cog_emulator_enterprise"
V1_KEY = "apk_emulator_user"

_ORG_ALL = frozenset(
    {
        VIEW_PERMISSION,
        MANAGE_PERMISSION,
        MEMBERS_PERMISSION,
        CONSUMPTION_PERMISSION,
        METRICS_PERMISSION,
        ACCOUNT_METRICS_PERMISSION,
    }
)


@dataclass(frozen=True, slots=True)
class Key:
    """A key's API version, its permissions, and whether it speaks for the whole enterprise."""

    version: str
    permissions: frozenset[str]
    enterprise: bool = False


KEYS: dict[str, Key] = {
    ADMIN_KEY: Key("v3", _ORG_ALL),
    DEMO_API_KEY: Key("v3", _ORG_ALL),
    VIEWER_KEY: Key("v3", frozenset({VIEW_PERMISSION})),
    ANALYST_KEY: Key("v3", _ORG_ALL - {MEMBERS_PERMISSION, MANAGE_PERMISSION}),
    NO_PERMISSION_KEY: Key("v3", frozenset()),
    ENTERPRISE_KEY: Key("v3", _ORG_ALL | {ORGANIZATIONS_PERMISSION, BILLING_PERMISSION}, True),
    V1_KEY: Key("v1", frozenset({VIEW_PERMISSION})),
}

_ROLES = {
    ADMIN_KEY: "v3, every organization permission",
    VIEWER_KEY: "v3, ViewOrgSessions only (insights/generate, members, consumption answer 403)",
    ANALYST_KEY: "v3, sessions, consumption and metrics but no ViewOrgMembership",
    NO_PERMISSION_KEY: "v3, no permission (every call answers 403)",
    ENTERPRISE_KEY: f"v3 enterprise: both organizations ({ORG_ID}, {SECOND_ORG_ID}) and billing",
    V1_KEY: "v1 legacy API (/v1/sessions)",
}


def describe_keys() -> str:
    """Lines naming every emulator key and its role, for the CLI banner."""
    return "\n".join(f"  DEVIN_API_KEY={key}  ({role})" for key, role in _ROLES.items())
