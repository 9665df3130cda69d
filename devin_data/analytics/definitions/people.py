"""People and teams: who, how active, how they learn, how they compare."""

DEFINITIONS = (
    (
        "Name and email",
        "A person's name and email as the organization's members list gives them "
        "(ViewOrgMembership); without that permission, or with a v1 key, people are shown by "
        "user id and the page says why. Service users are not members and keep their id.",
    ),
    (
        "Team",
        "The team of the person who created the session: from the team mapping the manager "
        "provides (DEVIN_TEAMS_FILE or a CSV uploaded on the Data page, matched by user id, "
        "then email) or else the person's IdP group; sessions of people without one count "
        "under No team.",
    ),
    (
        "Active people",
        "Distinct people who created at least one matching session in the period; service "
        "users and sessions without a user id are left out.",
    ),
    (
        "Sessions per active person",
        "Sessions people created in the period divided by the active people (– when nobody "
        "was active); service-user sessions are left out of both.",
    ),
    (
        "Daily, weekly and monthly active users",
        "People who created a session in each day, Monday-started week or calendar month: "
        "from the API's metrics/dau, wau and mau endpoints (UTC periods) when the key has "
        "ViewOrgMetrics, else computed from the cached sessions in your time zone, as the chart "
        "says. Service users and sessions without a user id are left out.",
    ),
    (
        "New, returning and inactive people",
        "New: active in the period, with their first cached session in it. Returning: active "
        "in the period, with a cached session before it. Inactive: a session before the "
        "period's end but none in the 30 days up to it; service users are left out.",
    ),
    (
        "Merged-PR rate",
        "A person's sessions with a merged pull request divided by their sessions whose pull "
        "request states are known; sessions with a missing state are left out, and the rate is "
        "not available with a v1 key.",
    ),
    (
        "Hours Devin waited",
        "The summed waiting gaps (longer than 10 minutes, from a Devin message to the user "
        "message that answers it) of a person's sessions whose messages are cached; sessions "
        "without cached messages are left out, and it is not available when all are.",
    ),
    (
        "First active",
        "The creation time of a person's first matching session in the period, in your time "
        "zone; sessions without a user or service user id are left out.",
    ),
    (
        "Weekly sessions",
        "A person's matching sessions per Monday-started week of the period in your time zone, "
        "drawn as a sparkline from the first week to the last; a week without sessions is 0.",
    ),
    (
        "Learning curve",
        "Each person's sessions numbered by creation time among all their cached sessions and "
        "grouped into 1st–5th, 6th–20th and 21st+; per group, pooled and per team: the "
        "merged-PR rate, the L/XL share and the user messages per session, each over the "
        "sessions that report it (the others are left out).",
    ),
    (
        "Comparison",
        "Two sets of matching sessions side by side (two periods of local days, or two teams "
        "in the selected period) with the change from A to B: in percent for counts and "
        "amounts, in percentage points for shares; a figure missing on either side shows no "
        "change.",
    ),
)
