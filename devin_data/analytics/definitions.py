"""The definition of every metric the dashboard shows, as plain (name, definition) pairs.

One place that the Data page and the README quote, so a number on screen always has an exact
meaning, including what happens to sessions whose value is missing.
"""

from __future__ import annotations

from typing import Final

Definition = tuple[str, str]

DEFINITIONS: Final[tuple[Definition, ...]] = (
    (
        "Sessions",
        "Number of cached sessions created in the selected period that match every filter, "
        "whatever their status; sessions missing from the cache (created before the synced "
        "period, or failed to load) are not counted.",
    ),
    (
        "ACUs",
        "Sum of the ACUs (Agent Compute Units) the API reports for those sessions at the last "
        "sync, and a running session's value still grows; sessions without a reported value are "
        "left out, and the figure says how many. Not available with a v1 key, whose API has no "
        "ACUs.",
    ),
    (
        "ACUs per session",
        "ACUs divided by the number of sessions that report ACUs; sessions without a reported "
        "value are left out of both, and the figure says how many (– when no session matches). "
        "Not available with a v1 key.",
    ),
    (
        "Billed ACUs",
        "ACUs the API bills per billing day (08:00 UTC to 08:00 UTC, named by the day it "
        "starts) for every product: devin (sessions), cascade, terminal and review; a day the API "
        "lists without usage counts as 0, and without ViewOrgConsumption it is not available.",
    ),
    (
        "Billed ACUs beside session ACUs",
        "Billed ACUs minus the ACUs the cached sessions report, per billing day of the session's "
        "creation: the other products, plus devin usage of sessions missing from the cache or "
        "grown since the last sync; days without cached sessions count as 0 reported.",
    ),
    (
        "Money",
        "ACUs times the ACU price set in DEVIN_ACU_PRICE (US dollars); without a price every "
        "figure stays in ACUs and no money is shown.",
    ),
    (
        "Budget and ACU limit",
        "The organization's ACU limit per billing cycle from the API (an enterprise key), else "
        "the enterprise's, else the monthly budget set on the Spend page or in "
        "DEVIN_MONTHLY_BUDGET_ACUS for the calendar month from the 1st at 08:00 UTC; without one "
        "none is shown.",
    ),
    (
        "Spend forecast",
        "Billed ACUs so far in the cycle plus, for each day left, the mean billed ACUs of that "
        "weekday over up to the last 8 complete weeks; the range uses that weekday's 20th and "
        "80th percentiles, and days missing from the bill count as 0.",
    ),
    (
        "Run-out date",
        "The billing day on which the forecast's running total reaches the budget or ACU limit; "
        "not this cycle when it stays within it, and not shown without a budget or limit.",
    ),
    (
        "Alerts",
        "A banner and a report flag when the forecast exceeds DEVIN_ALERT_SPEND_PACE (default "
        "100%) of the budget, or when the share of the last 7 days' sessions in error exceeds "
        "DEVIN_ALERT_ERROR_SHARE; an unset threshold never flags.",
    ),
    (
        "Sessions with a merged PR",
        "Sessions with at least one pull request whose state is merged; a session without pull "
        "requests counts as none, while one whose PR states are missing (none merged) is left "
        "out and the figure says how many. Not available with a v1 key, whose API has no PR "
        "states.",
    ),
    (
        "Median user messages per session",
        "Median of the user-message count over the sessions that report one; sessions without "
        "a count are left out, and the figure says how many (– when none reports one).",
    ),
    (
        "Share of L/XL sessions",
        "Sessions of size class l or xl divided by the sessions that have a size class; "
        "sessions without one are left out of both counts, and the figure says how many (– "
        "when none has one). Not available with a v1 key.",
    ),
    (
        "Share with insights",
        "Sessions whose insights analysis is cached divided by all matching sessions; a session "
        "whose analysis was not generated or not fetched yet counts as without. Not available "
        "with a v1 key, whose API has no insights.",
    ),
    (
        "Insight coverage",
        "Per week (Monday to Sunday in your time zone) of the session's creation: ended sessions "
        "(exit, error or suspended), those whose insights analysis is cached, and their share; "
        "running sessions cannot be analysed yet and are left out, and a session whose insights "
        "were asked for counts as without until its analysis is fetched. Not available with a "
        "v1 key.",
    ),
    (
        "Size class",
        "The API's session size (xs, s, m, l, xl), which Devin derives from ACU usage and "
        "message count; sessions without one are left out of size breakdowns, and the v1 API "
        "reports none.",
    ),
    (
        "Category",
        "What the session was about (for example bug fixing or feature development), as "
        "classified by Devin's insights; values the app does not know are kept as their own "
        "category, and unclassified sessions are left out of category breakdowns (the v1 API "
        "classifies none).",
    ),
    (
        "Origin",
        "Where the session was started (web app, Slack, Teams, API, Linear, Jira, automation…) "
        "as reported by the API; unknown values are kept, missing ones are left out of origin "
        "breakdowns.",
    ),
    (
        "Status",
        "The session's lifecycle state at the last sync (new, creating, claimed, running, "
        "resuming, suspended, exit, error); v1 statuses are mapped onto these and unknown "
        "values are kept as they come.",
    ),
    (
        "Status detail",
        "Why the session is in its status at the last sync (for example working, "
        "waiting_for_user, finished, inactivity, usage_limit_exceeded); missing when the API "
        "gives none, and then left out of status-detail breakdowns.",
    ),
    (
        "User messages",
        "Number of messages people sent in the session, as reported by the API; missing (not "
        "zero) when the API does not report it, and then left out of message statistics.",
    ),
    (
        "Devin messages",
        "Number of messages Devin sent in the session, as reported by the API; missing (not "
        "zero) when the API does not report it, and then left out of message statistics.",
    ),
    (
        "Duration",
        "Time from the session's creation to its last update (updated_at − created_at), not "
        "active working time; a session without an update time has a duration of zero, and a "
        "running session's duration grows.",
    ),
    (
        "Concurrently running sessions",
        "The most sessions running at the same moment in each local hour or day, each session "
        "running from its creation to its last update; a session without a later update time "
        "never counts, and one still running counts until the last sync.",
    ),
    (
        "Outcomes over time",
        "Sessions that ended (exit, error or suspended) per day or week of your time zone, on "
        "the day of their last update, by final status and status detail; running sessions are "
        "left out. The line is the share with a merged PR of those whose PR states are known; "
        "not available with a v1 key.",
    ),
    (
        "Working and waiting",
        "A session's time from its first to its last cached message: waiting on a person (the "
        "waiting gaps) or Devin working (the rest), in hours per day or week of your time zone, "
        "a span across midnight split between the days; sessions whose messages are not cached "
        "are left out.",
    ),
    (
        "Median time to answer Devin",
        "The median time from a Devin message to the user message right after it, over the "
        "cached messages (on People, each person's own); an unanswered Devin message is not "
        "counted, and sessions without cached messages are left out.",
    ),
    (
        "PR states",
        "The state of each pull request a session opened (open, merged, closed) at the last "
        "sync; a pull request without a state counts as unknown, and a session with several "
        "pull requests counts once per state.",
    ),
    (
        "Service users",
        "Sessions created by a service user (an automation identity with a service user id) "
        "rather than a person, listed apart from people by service user id; sessions without "
        "either id are not attributed to anyone, and the v1 API reports no service users.",
    ),
    (
        "Last active",
        "The latest update time of a person's matching sessions, shown in your time zone; "
        "sessions without a user or service user id are not attributed to anyone.",
    ),
    (
        "Messages per session histogram",
        "Sessions counted by their number of user messages and of Devin messages in buckets "
        "0, 1, 2, 3–5, 6–10, 11–20, 21–50, 51–100 and 101+; sessions without a count are left "
        "out of that source's bars.",
    ),
    (
        "Waiting gaps",
        "Spans longer than 10 minutes from a Devin message to the user message that answers "
        "it; a Devin message left unanswered is not a wait, and sessions whose messages are "
        "not cached have no gaps.",
    ),
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
    (
        "Repository",
        "The repository of each pull request, read from its URL (owner/name on GitHub, GitLab, "
        "Bitbucket and Azure DevOps, host/path elsewhere); a PR without a URL counts under "
        "(no URL), and sessions without a PR are in no repository.",
    ),
    (
        "Merge rate",
        "Merged pull requests divided by the pull requests opened whose state is known; a PR "
        "without a state is left out of both.",
    ),
    (
        "ACUs per merged PR",
        "ACUs of the sessions divided by their merged pull requests; a session's ACUs are shared "
        "equally among its PRs when grouped by repository, sessions without reported ACUs are "
        "left out, and a group without a merged PR shows none.",
    ),
    (
        "Cost without an outcome",
        "ACUs of ended sessions (exit, error or suspended) that opened no pull request, and of "
        "sessions that ended in error, with their share of all reported ACUs; sessions without "
        "reported ACUs are left out.",
    ),
    (
        "With children",
        "A session's ACUs, messages and pull requests plus those of its cached child sessions "
        "(and theirs); a child missing from the cache is left out, and unreported values count "
        "as 0.",
    ),
    (
        "PR metrics from the API",
        "Pull requests created, open, merged and closed as the metrics/prs endpoint counts them "
        "for the sessions created in the period, beside the same counts from the cached sessions; "
        "without the ViewOrgMetrics permission they are not available.",
    ),
    (
        "Organizations",
        "With an enterprise key, each organization of the enterprise is read and cached apart; "
        "the comparison shows each organization's KPIs for the selected period on Overview; on "
        "People its active people, sessions per active person, new people and the merged-PR "
        "rate of people's sessions; on Spend its billed ACUs this cycle, the ACUs its sessions "
        "report in the period, its own ACU limit and the projected cycle total, in money too "
        "when a price is set. One never synced shows none.",
    ),
    (
        "Not available",
        "A figure built on a field the connected API does not report (with a v1 key: ACUs, size "
        "class, category, pull request states, insights and service users) is shown as not "
        "available with the reason, never as 0; a v3 key reports them.",
    ),
)


def definition_of(name: str) -> str:
    """The definition of the metric called ``name`` (KeyError when unknown)."""
    for known, text in DEFINITIONS:
        if known == name:
            return text
    raise KeyError(name)
