"""The demo organization: deterministic, realistic, and evolving with the clock."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from devin_data.emulator import DemoOrg
from devin_data.emulator.content import TRICKY_TITLES
from devin_data.emulator.vocab import SIZES
from devin_data.models import (
    CATEGORIES,
    ORIGINS,
    SESSION_SIZES,
    STATUS_DETAILS,
    STATUSES,
    TERMINAL_STATUSES,
    Analysis,
)

ANCHOR = datetime(2026, 5, 18, tzinfo=UTC)  # a Monday
AT = ANCHOR.timestamp()


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(2000, seed=11, anchor=ANCHOR)


def _snapshot(org: DemoOrg, now: float) -> list[tuple[object, ...]]:
    rows = []
    for pos in range(org.visible_count(now)):
        plan, view = org.plans[pos], org.view(pos, now)
        rows.append((plan.hex, plan.created, plan.title, plan.origin, plan.tags, view))
    return rows


def test_same_arguments_give_identical_data(org: DemoOrg) -> None:
    again = DemoOrg.generate(2000, seed=11, anchor=ANCHOR)
    assert _snapshot(again, AT) == _snapshot(org, AT)
    assert [again.analysis(p) for p in range(50)] == [org.analysis(p) for p in range(50)]
    assert again.message_texts(7) == org.message_texts(7)


def test_another_seed_gives_other_data(org: DemoOrg) -> None:
    other = DemoOrg.generate(2000, seed=12, anchor=ANCHOR)
    assert {p.hex for p in other.plans}.isdisjoint({p.hex for p in org.plans})


def test_sessions_span_the_history_and_one_day_after(org: DemoOrg) -> None:
    created = [plan.created for plan in org.plans]
    assert created == sorted(created)
    assert min(created) >= AT - 180 * 86400 - 3600
    assert max(created) <= AT + 86400 + 3600
    assert 0 < len(org) - org.visible_count(AT) < 100


def test_every_known_value_appears_at_the_anchor(org: DemoOrg) -> None:
    views = [org.view(pos, AT) for pos in range(org.visible_count(AT))]
    assert {v.status for v in views} == set(STATUSES)
    assert {v.detail for v in views} - {None} == set(STATUS_DETAILS)
    assert {p.origin for p in org.plans} == set(ORIGINS)
    assert {p.category for p in org.plans} - {None} == set(CATEGORIES)
    assert {SIZES[v.size] for v in views} == set(SESSION_SIZES)


def test_distributions_are_skewed_like_a_real_org(org: DemoOrg) -> None:
    origins = Counter(p.origin for p in org.plans)
    assert [o for o, _ in origins.most_common(2)] == ["webapp", "slack"]
    sizes = Counter(SIZES[org.view(pos, AT).size] for pos in range(org.visible_count(AT)))
    assert sizes["s"] + sizes["m"] > len(org) / 2
    assert sizes["xl"] < sizes["l"] < sizes["m"]
    statuses = Counter(org.view(pos, AT).status for pos in range(org.visible_count(AT)))
    assert statuses["exit"] > len(org) * 0.6
    assert 20 <= statuses["running"] <= 60


def test_weekdays_are_busier_than_weekends(org: DemoOrg) -> None:
    days = Counter(datetime.fromtimestamp(p.created, UTC).weekday() for p in org.plans)
    assert min(days[d] for d in range(5)) > 2 * max(days[5], days[6])


def test_adoption_grows_over_the_months(org: DemoOrg) -> None:
    first = sum(1 for p in org.plans if p.created < AT - 150 * 86400)
    last = sum(1 for p in org.plans if AT - 30 * 86400 <= p.created < AT)
    assert last > 2 * first


def test_people_and_service_users(org: DemoOrg) -> None:
    assert len(org.users) == 40
    assert all(u.user_id.startswith("user-") and "@" in u.email for u in org.users)
    assert 3 <= len(org.service_users) <= 4
    service_origins = {p.origin for p in org.plans if p.service_user >= 0}
    assert service_origins == {"api", "automation", "scheduled", "code_scan"}
    busiest = Counter(p.user for p in org.plans if p.user >= 0).most_common()
    assert busiest[0][1] > 5 * busiest[-1][1]


def test_tricky_and_missing_titles(org: DemoOrg) -> None:
    titles = {p.title for p in org.plans}
    assert set(TRICKY_TITLES) <= titles
    assert None in titles


def test_families_point_both_ways(org: DemoOrg) -> None:
    parents = [p for p in org.plans if p.children]
    assert 0.02 * len(org) < len(parents) < 0.08 * len(org)
    for parent in parents:
        for child in parent.children:
            plan = org.plans[org.position(child) or 0]
            assert plan.parent == parent.hex
            assert plan.created >= parent.created


def test_pull_requests_follow_the_work(org: DemoOrg) -> None:
    research = [p for p in org.plans if p.category == "research_and_exploration"]
    assert all(not p.prs for p in research)
    states = Counter(s for p in org.plans if p.status == "exit" for _, s in p.prs)
    assert states.most_common(1)[0][0] == "merged"
    assert set(states) == {"open", "merged", "closed"}


def test_a_running_session_progresses_and_finishes(org: DemoOrg) -> None:
    pos = next(p for p in range(len(org)) if org.plans[p].created < AT < org.plans[p].end)
    plan = org.plans[pos]
    before = org.view(pos, AT)
    assert before.status == "running"
    assert before.detail in {"working", "waiting_for_user"}
    assert AT - 86400 < plan.end - 90 * 60 <= AT <= plan.end - 120
    later = org.view(pos, plan.end)
    assert later.status in TERMINAL_STATUSES
    assert later.updated == plan.end > before.updated
    assert later.acus >= before.acus
    assert (later.n_user, later.n_devin) == (plan.n_user, plan.n_devin)


def test_message_counts_match_at_every_moment(org: DemoOrg) -> None:
    for pos in range(0, len(org), 97):
        plan, sched = org.plans[pos], org.schedule(pos)
        assert sched.sources[0] == "u"
        assert sched.times[0] == plan.created
        assert list(sched.times) == sorted(sched.times)
        midway = (plan.created + plan.end) / 2
        view = org.view(pos, midway)
        seen = sum(1 for t in sched.times if t <= midway)
        assert view.n_user + view.n_devin == seen
        assert view.updated <= midway


def test_analysis_is_well_formed(org: DemoOrg) -> None:
    for pos in range(0, len(org), 50):
        analysis = Analysis.model_validate(org.analysis(pos))
        assert analysis.classification is not None
        assert 0 <= (analysis.classification.confidence or 0) <= 1
        assert 3 <= len(analysis.timeline) <= 7
        assert len(analysis.issues) <= 4
        issue_ids = {issue.id for issue in analysis.issues}
        assert {item.issue_id for item in analysis.action_items} - {None} <= issue_ids
        assert analysis.suggested_prompt is not None
        assert analysis.suggested_prompt.original_prompt == org.message_texts(pos)[0]


def test_anchor_without_timezone_is_utc() -> None:
    naive = DemoOrg.generate(200, seed=3, anchor=datetime(2026, 5, 18))
    aware = DemoOrg.generate(200, seed=3, anchor=ANCHOR)
    assert [p.hex for p in naive.plans] == [p.hex for p in aware.plans]
    assert naive.anchor == ANCHOR


def test_a_small_org_still_works() -> None:
    tiny = DemoOrg.generate(30, seed=1, anchor=ANCHOR, days=30)
    assert len(tiny) == 30
    assert tiny.visible_count(AT + timedelta(days=2).total_seconds()) == 30
