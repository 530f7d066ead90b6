"""The portfolio: readiness of every organisation with a completed Example #2 interview."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.recommend import builtin_rulebook, recommend_for
from ctip_desktop.recommend import portfolio as portfolio_module
from ctip_desktop.recommend.portfolio import (
    Portfolio,
    portfolio_points,
    tier_labels,
    tier_thresholds,
)
from ctip_desktop.recommend.rules import AllOf, Comparison
from ctip_desktop.workspace import Workspace

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"


def scales(
    need: tuple[int, int], openness: tuple[int, int], resources: list[str] | None = None
) -> dict[str, Any]:
    """Example #2 answers: (supply chain, migrant exposure), (companies, CSOs and donors)."""
    answers: dict[str, Any] = {
        "supply_chain_effect": need[0],
        "migrant_exploitation_risk": need[1],
        "openness_private_sector": openness[0],
        "openness_cso_donors": openness[1],
    }
    if resources is not None:
        answers["partnership_resources"] = {"selected": resources}
    return answers


def conduct(
    workspace: Workspace,
    org_id: str,
    answers: dict[str, Any],
    *,
    when: str = "2026-02-10T10:00",
    questionnaire_id: str = EXAMPLE_2,
    complete: bool = True,
) -> str:
    store = workspace.interviews
    interview_id = store.start(
        org_id,
        builtin_questionnaires().latest(questionnaire_id),
        InterviewDetails(started_at=when, mode="in person"),
        interviewer="Dara Test",
    )
    for item_id, value in answers.items():
        store.save_answer(interview_id, item_id, value)
    if complete:
        store.complete(interview_id)
    return interview_id


def interviewed(
    workspace: Workspace,
    name: str,
    answers: dict[str, Any],
    *,
    when: str = "2026-02-10T10:00",
    countries: tuple[str, ...] = ("Thailand",),
    sectors: tuple[str, ...] = ("Fishing and seafood",),
) -> str:
    """An organisation with one completed Example #2 interview."""
    org_id = workspace.profiles.save(
        Organisation(name=name, countries=list(countries), sectors=list(sectors))
    )
    conduct(workspace, org_id, answers, when=when)
    return org_id


ENGAGE = scales((8, 9), (8, 7), ["convening_power", "financial_support"])
NURTURE = scales((3, 2), (8, 9), ["subject_matter_expertise"])
MONITOR = scales((2, 1), (2, 3), [])


@pytest.fixture
def orgs(workspace: Workspace) -> dict[str, str]:
    ids = {
        "engage": interviewed(
            workspace, "Golden Lotus Seafood", ENGAGE, countries=("Thailand", "Myanmar")
        ),
        "nurture": interviewed(workspace, "Andaman Garments", NURTURE, sectors=("Garments",)),
        "monitor": interviewed(workspace, "Mekong Rice Mills", MONITOR, countries=("Viet Nam",)),
        # Openness to CSOs and donors left unanswered: in the portfolio, tier unknown.
        "partial": interviewed(
            workspace,
            "Blue Harbour Logistics",
            {"supply_chain_effect": 7, "migrant_exploitation_risk": 6},
        ),
    }
    draft_only = workspace.profiles.save(Organisation(name="Draft Only Foods"))
    conduct(workspace, draft_only, ENGAGE, complete=False)
    example_1_only = workspace.profiles.save(Organisation(name="Example One Only"))
    conduct(
        workspace,
        example_1_only,
        {"pressing_business_issue": "Orders fell."},
        questionnaire_id=EXAMPLE_1,
    )
    deleted = interviewed(workspace, "Deleted Fisheries", ENGAGE)
    workspace.profiles.delete(deleted)
    discarded = workspace.profiles.save(Organisation(name="Discarded Interview Co."))
    workspace.interviews.discard(conduct(workspace, discarded, ENGAGE))
    ids |= {
        "draft": draft_only,
        "example1": example_1_only,
        "deleted": deleted,
        "discarded": discarded,
    }
    return ids


def test_every_organisation_with_a_completed_example_2_and_only_those(
    workspace: Workspace, orgs: dict[str, str]
):
    points = portfolio_points(workspace)
    assert isinstance(points, Portfolio) and not points.cancelled and points.total == 4
    assert [p.name for p in points] == [
        "Andaman Garments",
        "Blue Harbour Logistics",
        "Golden Lotus Seafood",
        "Mekong Rice Mills",
    ]
    by_id = {p.org_id: p for p in points}
    assert set(by_id) == {orgs["engage"], orgs["nurture"], orgs["monitor"], orgs["partial"]}

    engage = by_id[orgs["engage"]]
    assert (engage.need, engage.openness, engage.resources) == (8.5, 7.5, 2)
    assert (engage.tier, engage.tier_label) == ("engage_now", "Engage now")
    assert engage.countries == ("Thailand", "Myanmar")
    assert engage.sectors == ("Fishing and seafood",)
    assert engage.last_interview == "2026-02-10T10:00"
    assert engage.plotted
    assert "need 8.5 of 10" in engage.explanation

    nurture = by_id[orgs["nurture"]]
    assert (nurture.need, nurture.openness, nurture.resources, nurture.tier) == (
        2.5,
        8.5,
        1,
        "nurture",
    )
    monitor = by_id[orgs["monitor"]]
    assert (monitor.need, monitor.openness, monitor.resources, monitor.tier) == (
        1.5,
        2.5,
        0,
        "monitor",
    )
    partial = by_id[orgs["partial"]]
    assert (partial.need, partial.openness, partial.tier) == (6.5, None, "unknown")
    assert not partial.plotted


def test_the_same_readiness_as_the_organisation_s_own_advice(
    workspace: Workspace, orgs: dict[str, str]
):
    for point in portfolio_points(workspace):
        readiness = recommend_for(workspace, point.org_id).readiness
        assert (point.tier, point.need, point.openness, point.resources) == (
            readiness.tier,
            readiness.need,
            readiness.openness,
            readiness.resources,
        )
        assert point.explanation == readiness.explanation


def test_the_latest_completed_interview_counts_and_a_later_draft_does_not(workspace: Workspace):
    org_id = interviewed(workspace, "Golden Lotus Seafood", MONITOR, when="2025-06-01T09:00")
    conduct(workspace, org_id, ENGAGE, when="2026-01-20T09:00")
    conduct(workspace, org_id, scales((1, 1), (1, 1)), when="2026-04-01T09:00", complete=False)
    [point] = portfolio_points(workspace)
    assert (point.tier, point.need, point.last_interview) == ("engage_now", 8.5, "2026-01-20T09:00")


def test_answers_changed_after_completion_move_the_point(workspace: Workspace):
    org_id = interviewed(workspace, "Golden Lotus Seafood", ENGAGE)
    [interview_id] = workspace.interviews.list_ids()
    workspace.interviews.correct(interview_id, "Misheard the answer", {"supply_chain_effect": 2})
    [point] = portfolio_points(workspace)
    assert point.org_id == org_id and point.need == 5.5 and point.tier == "nurture"


def test_progress_every_so_many_organisations_and_cancel_keeps_what_was_done(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    for number in range(5):
        interviewed(workspace, f"Organisation {number}", ENGAGE)
    monkeypatch.setattr(portfolio_module, "PROGRESS_EVERY", 2)
    calls: list[tuple[int, int, str]] = []

    def carry_on(done: int, total: int, name: str) -> bool:
        calls.append((done, total, name))
        return True

    assert len(portfolio_points(workspace, progress=carry_on)) == 5
    assert calls == [
        (2, 5, "Organisation 1"),
        (4, 5, "Organisation 3"),
        (5, 5, "Organisation 4"),
    ]

    stopped = portfolio_points(workspace, progress=lambda done, total, name: done < 4)
    assert [p.name for p in stopped] == [f"Organisation {n}" for n in range(4)]
    assert stopped.cancelled and stopped.total == 5

    # Stopping at the very end loses nothing: the result is complete.
    last = portfolio_points(workspace, progress=lambda done, total, name: done < 5)
    assert len(last) == 5 and not last.cancelled


def test_an_empty_database_has_an_empty_portfolio(workspace: Workspace):
    workspace.profiles.save(Organisation(name="Not Yet Interviewed"))
    points = portfolio_points(workspace, progress=lambda *_: True)
    assert points == [] and points.total == 0 and not points.cancelled


def test_chart_thresholds_and_labels_come_from_the_rule_file():
    assert tier_thresholds() == (6.0, 6.0)
    assert list(tier_labels()) == ["engage_now", "nurture", "monitor", "unknown"]
    assert tier_labels()["engage_now"] == "Engage now"
    rulebook = builtin_rulebook()
    first = rulebook.readiness.tiers[0]
    stricter = dataclasses.replace(
        first,
        when=AllOf(
            (
                Comparison("readiness.need", "at_least", 7),
                Comparison("readiness.openness", "at_least", 8),
            )
        ),
    )
    changed = dataclasses.replace(
        rulebook,
        readiness=dataclasses.replace(
            rulebook.readiness, tiers=(stricter, *rulebook.readiness.tiers[1:])
        ),
    )
    assert tier_thresholds(changed) == (7.0, 8.0)
