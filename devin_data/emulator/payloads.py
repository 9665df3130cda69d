"""JSON shapes of the emulated API: v3 sessions, insights and messages, v1 summaries and details."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from devin_data.emulator.org import DemoOrg
from devin_data.emulator.timeline import View
from devin_data.emulator.vocab import PLAYBOOKS, SIZES
from devin_data.models import SESSION_PREFIX

APP_URL = "https://app.devin.ai/sessions/"
_V1_ORIGINS = {"webapp": "web"}


# Most repositories live on GitHub; two elsewhere, so each host's pull-request URL shape is served.
_PR_URLS = {
    "acme/infra": "https://gitlab.com/{repo}/-/merge_requests/{number}",
    "acme/docs": "https://bitbucket.org/{repo}/pull-requests/{number}",
}
_GITHUB = "https://github.com/{repo}/pull/{number}"


def _pr_url(org: DemoOrg, pos: int, number: int) -> str:
    repo = org.repo(pos)
    return _PR_URLS.get(repo, _GITHUB).format(repo=repo, number=number)


def _structured_output(org: DemoOrg, pos: int, view: View) -> dict[str, Any] | None:
    """Automations ask for structured output; people rarely do."""
    if org.plans[pos].service_user < 0 or not view.terminal:
        return None
    return {"result": "success" if view.status == "exit" else "failed", "prs": len(view.prs)}


def v3_session(org: DemoOrg, pos: int, view: View, now: float) -> dict[str, Any]:
    """A ``SessionResponse``: integer epoch seconds, ids with the ``devin-`` prefix."""
    plan = org.plans[pos]
    children = [h for h in plan.children if org.created_of(h) <= now]
    return {
        "session_id": SESSION_PREFIX + plan.hex,
        "url": APP_URL + plan.hex,
        "org_id": org.org_id,
        "status": view.status,
        "status_detail": view.detail,
        "title": plan.title,
        "tags": list(plan.tags),
        "origin": plan.origin,
        "category": plan.category,
        "subcategory": plan.subcategory,
        "created_at": plan.created,
        "updated_at": view.updated,
        "acus_consumed": view.acus,
        "pull_requests": [
            {"pr_url": _pr_url(org, pos, number), "pr_state": state} for number, state in view.prs
        ],
        "user_id": org.users[plan.user].user_id if plan.user >= 0 else None,
        "service_user_id": (
            org.service_users[plan.service_user].service_user_id if plan.service_user >= 0 else None
        ),
        "playbook_id": PLAYBOOKS[plan.playbook] if plan.playbook >= 0 else None,
        "parent_session_id": SESSION_PREFIX + plan.parent if plan.parent else None,
        "child_session_ids": [SESSION_PREFIX + h for h in children],
        "is_archived": plan.archived,
        "structured_output": _structured_output(org, pos, view),
    }


def v3_insights(
    org: DemoOrg, pos: int, view: View, now: float, analysis: dict[str, Any] | None
) -> dict[str, Any]:
    """A ``SessionInsightsResponse``: the session plus message counts, size and analysis."""
    item = v3_session(org, pos, view, now)
    item["num_devin_messages"] = view.n_devin
    item["num_user_messages"] = view.n_user
    item["session_size"] = SIZES[view.size]
    item["analysis"] = analysis
    return item


def event_id(org: DemoOrg, pos: int, index: int) -> str:
    return f"evt-{org.plans[pos].hex[:10]}-{index:04d}"


def v3_messages(org: DemoOrg, pos: int, now: float) -> list[dict[str, Any]]:
    """Every message sent by ``now``, oldest first."""
    sched = org.schedule(pos)
    texts = org.message_texts(pos)
    return [
        {
            "event_id": event_id(org, pos, k),
            "created_at": at,
            "source": "user" if source == "u" else "devin",
            "message": texts[k],
        }
        for k, (at, source) in enumerate(zip(sched.times, sched.sources, strict=True))
        if at <= now
    ]


def iso(org: DemoOrg, pos: int, seconds: int) -> str:
    """v1 timestamps: ISO-8601 with microseconds (the same fraction within a session)."""
    micro = int(org.plans[pos].hex[:5], 16) % 1_000_000
    moment = datetime.fromtimestamp(seconds, tz=UTC).replace(microsecond=micro)
    return moment.isoformat(timespec="microseconds")


def v1_status_enum(view: View) -> str | None:
    """The v1 ``status_enum`` closest to a v3 (status, status_detail)."""
    if view.status == "running":
        return {"working": "working", "finished": "finished"}.get(view.detail or "", "blocked")
    if view.status == "suspended":
        return "suspend_requested" if view.detail == "user_request" else "expired"
    return {"exit": "finished", "resuming": "resume_requested"}.get(view.status)


def v1_summary(org: DemoOrg, pos: int, view: View) -> dict[str, Any]:
    """A v1 ``SessionSummary``: ISO timestamps and a single ``pull_request``."""
    plan = org.plans[pos]
    return {
        "created_at": iso(org, pos, plan.created),
        "session_id": SESSION_PREFIX + plan.hex,
        "status": view.status,
        "updated_at": iso(org, pos, view.updated),
        "playbook_id": PLAYBOOKS[plan.playbook] if plan.playbook >= 0 else None,
        "pull_request": {"url": _pr_url(org, pos, view.prs[0][0])} if view.prs else None,
        "requesting_user_email": org.email_of(pos),
        "snapshot_id": None,
        "status_enum": v1_status_enum(view),
        "structured_output": _structured_output(org, pos, view),
        "tags": list(org.plans[pos].tags),
        "title": plan.title,
    }


def v1_details(org: DemoOrg, pos: int, view: View, now: float) -> dict[str, Any]:
    """v1 ``GetSessionResponse``: the summary plus messages typed by who sent them."""
    plan = org.plans[pos]
    who = org.email_of(pos) or org.service_users[plan.service_user].name
    messages = []
    for k, message in enumerate(v3_messages(org, pos, now)):
        entry: dict[str, Any] = {
            "type": "devin_message" if message["source"] == "devin" else "user_message",
            "event_id": message["event_id"],
            "message": message["message"],
            "timestamp": iso(org, pos, message["created_at"]),
        }
        if message["source"] == "user":
            entry["type"] = "initial_user_message" if k == 0 else "user_message"
            entry["username"] = who
            entry["origin"] = _V1_ORIGINS.get(plan.origin, plan.origin)
        messages.append(entry)
    details = v1_summary(org, pos, view)
    details["messages"] = messages
    return details
