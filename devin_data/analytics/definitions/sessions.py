"""The sessions themselves: the headline KPIs, the breakdowns and the timelines."""

HEADLINE = (
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
)

BREAKDOWNS = (
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
)
