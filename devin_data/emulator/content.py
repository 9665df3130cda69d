"""Words of the demo organization: titles, subcategories, prompts and chat messages."""

from __future__ import annotations

import random
from functools import cache

COMPONENTS = (
    "checkout flow", "orders API", "billing service", "auth middleware", "search index",
    "CSV export", "mobile login screen", "Terraform modules", "GitHub Actions workflow",
    "feature flags", "notification worker", "payments webhook", "user settings page",
    "dashboard charts", "nightly ETL job", "GraphQL resolvers", "rate limiter",
    "Kafka consumer", "invoice PDF renderer", "onboarding wizard",
)  # fmt: skip

TITLES: dict[str, tuple[str, ...]] = {
    "bug_fixing": ("Fix crash in {c}", "Fix off-by-one in {c} pagination", "{c} returns 500"),
    "ci_cd_and_devops": ("Speed up {c} pipeline", "Fix flaky deploy of {c}", "Add staging for {c}"),
    "code_quality_and_security": ("Harden input validation in {c}", "Lint and type-check {c}"),
    "code_review": ("Review PR for {c}", "Second review of {c} changes"),
    "code_review_and_analysis": ("Analyse complexity of {c}", "Audit error handling in {c}"),
    "data_and_automation": ("Backfill data for {c}", "Automate weekly report from {c}"),
    "documentation_and_content": ("Document {c}", "Update README for {c}"),
    "feature_development": ("Add filters to {c}", "Build dark mode for {c}", "Add retries to {c}"),
    "migrations_and_upgrades": ("Upgrade {c} to the new SDK", "Migrate {c} to Postgres 16"),
    "other": ("Help with {c}", "Questions about {c}"),
    "production_investigation": ("Investigate latency spike in {c}", "Why did {c} page at 3am?"),
    "refactoring_and_optimization": ("Refactor {c}", "Cut memory use of {c}"),
    "research_and_exploration": ("Explore options for {c}", "Spike: evaluate a cache for {c}"),
    "security": ("Patch CVE in {c} dependencies", "Rotate secrets used by {c}"),
    "unit_test_generation": ("Add unit tests for {c}", "Raise test coverage of {c}"),
}

SUBCATEGORIES: dict[str, tuple[str, ...]] = {
    "bug_fixing": ("UI bug", "Backend bug", "Data bug", "Crash"),
    "ci_cd_and_devops": ("CI pipeline", "Deployment", "Infrastructure as code"),
    "code_quality_and_security": ("Linting", "Static analysis", "Input validation"),
    "code_review": ("Pull request review",),
    "code_review_and_analysis": ("Architecture review", "Code analysis"),
    "data_and_automation": ("Data backfill", "Reporting", "Scripting"),
    "documentation_and_content": ("API docs", "README", "Runbook"),
    "feature_development": ("New feature", "UI feature", "API endpoint"),
    "migrations_and_upgrades": ("Dependency upgrade", "Database migration", "Framework upgrade"),
    "other": ("Question",),
    "production_investigation": ("Incident", "Performance regression"),
    "refactoring_and_optimization": ("Refactoring", "Performance"),
    "research_and_exploration": ("Spike", "Codebase exploration"),
    "security": ("Vulnerability fix", "Secrets management"),
    "unit_test_generation": ("Unit tests", "Integration tests"),
}

TRICKY_TITLES = (
    '<script>alert("xss")</script>',
    "<b>bold</b> & ampersand",
    "Réparer l'export CSV — données accentuées 🚀",
    "修复登录页面的错误 ✅",
)

_ASKS = (
    "Please keep the change small and add a test.",
    "Open a PR against main when you are done.",
    "Ping me on Slack if anything is unclear.",
    "The failing case is in the latest CI run.",
)
_DEVIN = (
    "I'm looking into the codebase now.",
    "I found the relevant module and I'm reading through it.",
    "Reproduced the problem locally.",
    "The tests are running; two failures look related.",
    "I pushed a first version of the change.",
    "CI is green on my branch.",
    "I opened a pull request with the fix.",
    "Could you confirm which environment this should target?",
    "I need access to the staging database to continue.",
    "Done: the change is merged and the summary is in the PR description.",
)
_USER = (
    "Yes, go ahead.",
    "Use the staging environment, please.",
    "Looks good, but please also update the docs.",
    "Can you split this into two PRs?",
    "I added the missing credentials to the secrets.",
    "Thanks! Please also add a regression test.",
    "That's not quite it — the bug only happens for admins.",
)


def _pick(rng: random.Random, values: tuple[str, ...]) -> str:
    return values[int(rng.random() * len(values))]


@cache
def _title(template: str, component: str) -> str:
    """Titles repeat across sessions; one shared string per distinct title keeps memory low."""
    return template.format(c=component)


def title_for(rng: random.Random, category: str) -> str:
    return _title(_pick(rng, TITLES[category]), _pick(rng, COMPONENTS))


def subcategory_for(rng: random.Random, category: str) -> str:
    """A display name; ``Other`` when no subcategory was resolved."""
    return "Other" if rng.random() < 0.1 else _pick(rng, SUBCATEGORIES[category])


def prompt_for(rng: random.Random, title: str | None, repo: str) -> str:
    """The user's opening message, written from the session's title and repository."""
    ask = _pick(rng, _ASKS)
    if title is None:
        return f"Can you look into the issue we discussed this morning in {repo}? {ask}"
    return f"{title} in {repo}. {ask}"


def message_text(rng: random.Random, source: str, position: int, last: bool) -> str:
    """The text of a chat message after the first one."""
    if source == "user":
        return rng.choice(_USER)
    if last:
        return _DEVIN[-1]
    return _DEVIN[min(position, 2)] if position < 3 else rng.choice(_DEVIN[3:-1])
