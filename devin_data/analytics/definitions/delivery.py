"""What sessions deliver: repositories, pull requests, cost without an outcome, child
sessions and organizations."""

DEFINITIONS = (
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
