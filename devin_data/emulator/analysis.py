"""Session insights of the demo organization, written deterministically from a session's plan."""

from __future__ import annotations

import random
from typing import Any

_LANGUAGES: dict[str, tuple[str, ...]] = {
    "acme/web": ("TypeScript", "JavaScript", "CSS"),
    "acme/api": ("Python", "SQL"),
    "acme/mobile": ("Kotlin", "Swift"),
    "acme/infra": ("HCL", "YAML", "Bash"),
    "acme/data-pipeline": ("Python", "SQL", "Scala"),
    "acme/docs": ("Markdown",),
}
_TOOLS: dict[str, tuple[str, ...]] = {
    "acme/web": ("React", "Next.js", "Jest", "Playwright"),
    "acme/api": ("FastAPI", "SQLAlchemy", "pytest", "Celery"),
    "acme/mobile": ("Jetpack Compose", "SwiftUI", "Gradle"),
    "acme/infra": ("Terraform", "Kubernetes", "GitHub Actions"),
    "acme/data-pipeline": ("Airflow", "dbt", "Spark"),
    "acme/docs": ("MkDocs",),
}
# (label, issue text, action item type, action item text)
_ISSUES = (
    ("Environment", "Local database was not seeded", "machine_setup",
     "Add a database seed step to the machine setup"),
    ("Environment", "Docker build ran out of memory", "machine_setup",
     "Raise the memory limit of the Docker build in the machine setup"),
    ("Testing", "Flaky end-to-end test blocked CI", "repo_config",
     "Quarantine the flaky end-to-end test and file a ticket"),
    ("Testing", "No test command documented", "knowledge",
     "Add a knowledge note with the test command"),
    ("Configuration", "Missing environment variable for the API", "repo_config",
     "Add the variable to the repository's example .env"),
    ("Requirements", "Acceptance criteria were ambiguous", "prompt_improvement",
     "State the acceptance criteria in the prompt"),
    ("Permissions", "No write access to the target repository", "other",
     "Grant the Devin integration write access to the repository"),
    ("Dependencies", "Pinned package conflicts with the upgrade", "repo_config",
     "Relax the version pin in the lock file"),
    ("Communication", "Waited hours for an answer on scope", "prompt_improvement",
     "Name who can answer questions in the prompt"),
    ("Tooling", "Linter config differs between CI and local", "repo_config",
     "Use one linter configuration for CI and local runs"),
)  # fmt: skip
_IMPACTS = ("High", "Medium", "Low")
_PROGRESS = (
    ("Explored the codebase", "Located the modules involved"),
    ("Reproduced the problem", "Confirmed the behaviour described in the prompt"),
    ("Implemented the change", "Edited the code and ran the tests"),
    ("Opened a pull request", "Pushed the branch and described the change"),
    ("Answered review comments", "Addressed the reviewer's feedback"),
)


def analysis_for(
    rng: random.Random, category: str, prompt: str, size: int, repo: str
) -> dict[str, Any]:
    """An insights analysis: classification, issues, action items, timeline and a better prompt."""
    issues = _issues(rng, size)
    return {
        "classification": {
            "category": category,
            "confidence": round(rng.uniform(0.55, 0.99), 2),
            "programming_languages": _some(rng, _LANGUAGES[repo]),
            "tools_and_frameworks": _some(rng, _TOOLS[repo]),
        },
        "issues": issues,
        "action_items": _action_items(rng, issues),
        "timeline": _timeline(rng, issues),
        "suggested_prompt": _suggested_prompt(rng, prompt, issues),
        "note_usage": {"good_usages": [], "bad_usages": []},
    }


def _some(rng: random.Random, pool: tuple[str, ...]) -> list[str]:
    return sorted(rng.sample(pool, rng.randint(1, min(3, len(pool)))))


def _issues(rng: random.Random, size: int) -> list[dict[str, Any]]:
    weights = (40 - 7 * size, 30, 18 + 3 * size, 8 + 3 * size, 4 + 2 * size)
    count = rng.choices(range(5), weights=weights)[0]
    picked = rng.sample(range(len(_ISSUES)), count)
    return [
        {
            "id": f"issue_{n + 1}",
            "issue": _ISSUES[k][1],
            "impact": rng.choices(_IMPACTS, weights=(2, 5, 4))[0],
            "label": _ISSUES[k][0],
        }
        for n, k in enumerate(picked)
    ]


def _action_items(rng: random.Random, issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_text = {text: (kind, action) for _, text, kind, action in _ISSUES}
    items = []
    for issue in issues:
        kind, action = by_text[issue["issue"]]
        items.append({"action_item": action, "issue_id": issue["id"], "type": kind})
    if rng.random() < 0.3:
        items.append(
            {
                "action_item": "Save the repo setup as knowledge",
                "issue_id": None,
                "type": "knowledge",
            }
        )
    return items


def _timeline(rng: random.Random, issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Progress in its natural order, with blockers and questions where they happened."""
    count = rng.randint(max(3, len(issues) + 1), min(7, len(issues) + 5))
    steps = sorted(rng.sample(range(len(_PROGRESS)), max(1, count - len(issues))))
    events = [(*_PROGRESS[k], "green", None) for k in steps]
    for issue in issues:
        where = rng.randint(1, len(events))
        title = f"Blocked: {issue['label'].lower()}"
        events.insert(where, (title, issue["issue"], _color(issue), issue["id"]))
    if len(events) < 7 and rng.random() < 0.3:
        events.insert(1, ("Asked for clarification", "Posted a question to the user", "blue", None))
    return [{"title": t, "description": d, "color": c, "issue_id": i} for t, d, c, i in events]


def _color(issue: dict[str, Any]) -> str:
    return "red" if issue["impact"] == "High" else "orange"


def _suggested_prompt(
    rng: random.Random, prompt: str, issues: list[dict[str, Any]]
) -> dict[str, Any]:
    feedback = [
        {
            "summary": f"Mention the {issue['label'].lower()} up front",
            "excerpt": prompt[:40],
            "details": f"Saying how to avoid '{issue['issue']}' would have saved time.",
            "issue_id": issue["id"],
        }
        for issue in issues[: rng.randint(0, 3)]
    ]
    better = f"{prompt} Run the test suite before opening the PR and link the ticket."
    return {"original_prompt": prompt, "suggested_prompt": better, "feedback_items": feedback}
