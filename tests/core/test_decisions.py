"""Accepting, dismissing and annotating recommendations; follow-ups and what is due."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ctip_desktop.decisions import (
    ACCEPTED,
    DISMISSED,
    DONE,
    OPEN,
    PROPOSED,
    DecisionError,
    FollowUp,
    decision_id,
)
from ctip_desktop.profiles import Organisation, ValidationError
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

TODAY = date(2026, 3, 2)
STEPS = ["Call the HR manager about remote grievance channels", "Share the Fair Hiring Toolkit"]


@pytest.fixture
def org_id(workspace: Workspace) -> str:
    return workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))


def change_count(workspace: Workspace) -> int:
    return workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]


def test_accepting_turns_next_steps_into_open_follow_ups(workspace: Workspace, org_id: str):
    store = workspace.decisions
    created = store.accept(
        org_id, "remote_monitoring", "Remote monitoring", STEPS, owner="Dara", today=TODAY
    )
    assert len(created) == 2
    decision = store.decisions(org_id)["remote_monitoring"]
    assert (decision.status, decision.title, decision.updated_by) == (
        ACCEPTED,
        "Remote monitoring",
        "Dara Test",
    )
    follow_ups = store.follow_ups(org_id)
    assert [(f.step, f.owner, f.due, f.status) for f in follow_ups] == [
        (STEPS[0], "Dara", "2026-03-16", OPEN),
        (STEPS[1], "Dara", "2026-03-16", OPEN),
    ]
    # Accepting again adds no duplicate steps.
    assert store.accept(org_id, "remote_monitoring", "Remote monitoring", STEPS, owner="Dara") == []
    assert len(store.follow_ups(org_id)) == 2
    # One undo takes back the whole acceptance.
    workspace.log.undo()
    workspace.log.undo()
    assert store.follow_ups(org_id) == []
    assert "remote_monitoring" not in store.decisions(org_id)


def test_dismissing_needs_a_reason_and_keeps_it(workspace: Workspace, org_id: str):
    store = workspace.decisions
    before = change_count(workspace)
    with pytest.raises(DecisionError, match="why"):
        store.dismiss(org_id, "relief_fund", "Relief fund", "   ")
    assert change_count(workspace) == before
    store.dismiss(org_id, "relief_fund", "Relief fund", "They already fund one with the ILO")
    decision = store.decisions(org_id)["relief_fund"]
    assert (decision.status, decision.reason) == (DISMISSED, "They already fund one with the ILO")
    store.reopen(org_id, "relief_fund")
    assert store.decisions(org_id)["relief_fund"].status == PROPOSED
    assert store.decisions(org_id)["relief_fund"].reason == ""


def test_a_note_is_kept_whatever_the_status(workspace: Workspace, org_id: str):
    store = workspace.decisions
    store.annotate(org_id, "risk_mapping", "Risk mapping", "Ask about the Myanmar sites  ")
    assert store.decisions(org_id)["risk_mapping"].status == PROPOSED
    store.accept(org_id, "risk_mapping", "Risk mapping", [], owner="Dara")
    decision = store.decisions(org_id)["risk_mapping"]
    assert (decision.status, decision.note) == (ACCEPTED, "Ask about the Myanmar sites")


def test_two_laptops_deciding_the_same_recommendation_meet_in_one_record(
    workspace: Workspace, org_id: str, other_device: Settings, tmp_path: Path
):
    workspace.decisions.annotate(org_id, "risk_mapping", "Risk mapping", "first laptop")
    other = open_workspace(tmp_path / "test.db", other_device)
    try:
        other.decisions.dismiss(org_id, "risk_mapping", "Risk mapping", "not now")
    finally:
        other.close()
    assert decision_id(org_id, "risk_mapping") == decision_id(org_id, "risk_mapping")
    rows = workspace.db.execute("SELECT count(*) FROM recommendation_decision").fetchone()[0]
    assert rows == 1
    decision = workspace.decisions.decisions(org_id)["risk_mapping"]
    assert (decision.status, decision.note, decision.reason) == (
        DISMISSED,
        "first laptop",
        "not now",
    )


def test_follow_ups_are_validated_edited_and_listed_when_due(workspace: Workspace, org_id: str):
    store = workspace.decisions
    other_org = workspace.profiles.save(Organisation(name="Andaman Nets"))
    before = change_count(workspace)
    with pytest.raises(ValidationError) as raised:
        store.save_follow_up(FollowUp(step="", due="next week", org_id=org_id))
    assert {p.field for p in raised.value.problems} == {"step", "due"}
    assert change_count(workspace) == before
    late = store.save_follow_up(FollowUp("Send the risk map", "Nok", "2026-02-20", org_id=org_id))
    soon = store.save_follow_up(FollowUp("Visit the site", "Dara", "2026-03-10", org_id=other_org))
    store.save_follow_up(FollowUp("Plan 2027", "Dara", "2026-12-01", org_id=org_id))
    done = store.save_follow_up(FollowUp("Intro call", "Dara", "2026-02-01", org_id=org_id))
    edited = store.get_follow_up(done)
    edited.status, edited.outcome = DONE, "They agreed to a second meeting"
    store.save_follow_up(edited)
    due = store.due(TODAY)
    assert [(r.follow_up.id, r.org_name, r.overdue) for r in due] == [
        (late, "Golden Lotus Seafood", True),
        (soon, "Andaman Nets", False),
    ]
    assert store.counts(TODAY) == {"open": 3, "overdue": 1}
    assert store.get_follow_up(done).outcome == "They agreed to a second meeting"
    store.delete_follow_up(late)
    assert store.get_follow_up(late) is None
    # A deleted organisation's follow-ups leave the overview.
    workspace.profiles.delete(other_org)
    assert store.due(TODAY) == []


def test_decisions_and_follow_ups_rebuild_from_the_log(workspace: Workspace, org_id: str):
    store = workspace.decisions
    store.accept(org_id, "a", "A", STEPS, owner="Dara", today=TODAY)
    store.dismiss(org_id, "b", "B", "no budget")
    store.annotate(org_id, "b", "B", "revisit in 2027")

    def tables() -> dict[str, list[tuple]]:
        return {
            t: workspace.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("recommendation_decision", "follow_up")
        }

    before = tables()
    workspace.log.rebuild()
    assert tables() == before
    assert len(before["follow_up"]) == 2
