"""Interview records: conducting, completing, correcting, reviewing, listing, and the log."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ctip_desktop.interviews import (
    APPROVED,
    COMPLETED,
    DRAFT,
    EDITED,
    HAS_ISSUES,
    NOT_REVIEWED,
    InterviewDetails,
    InterviewError,
    InterviewFilter,
    InterviewStore,
)
from ctip_desktop.profiles import Contact, Organisation, ValidationError
from ctip_desktop.questionnaires import (
    Questionnaire,
    QuestionnaireSet,
    builtin_questionnaires,
    parse_questionnaire,
)
from ctip_desktop.questionnaires import model as questionnaire_model
from ctip_desktop.settings import Settings
from ctip_desktop.storage.hlc import HybridClock, stamp_time
from ctip_desktop.workspace import Workspace, open_workspace


# Runs on a plain and on an encrypted database (the `passphrase` fixture, tests/conftest.py).
@pytest.fixture
def workspace(tmp_path: Path, settings: Settings, passphrase: str | None) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "test.db", settings, passphrase=passphrase)
    yield workspace
    workspace.close()


EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
ORG_NAME = "Golden Lotus Seafood Co., Ltd."
PRIMARY = "Malee K."


@pytest.fixture(autouse=True)
def own_builtin_questionnaires(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets a fresh shipped set, so what one test reads cannot leak into another."""
    monkeypatch.setattr(questionnaire_model, "_BUILTIN", None)


def example_1() -> Questionnaire:
    return builtin_questionnaires().latest(EXAMPLE_1)


def example_2() -> Questionnaire:
    return builtin_questionnaires().latest(EXAMPLE_2)


def details(**values: Any) -> InterviewDetails:
    return InterviewDetails(**{"started_at": "2025-03-04T09:30", **values})


def change_count(workspace: Workspace) -> int:
    return workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]


def add_org(workspace: Workspace, name: str = ORG_NAME, stage: str = "") -> str:
    return workspace.profiles.save(
        Organisation(
            name=name,
            stage=stage,
            # The primary contact is not the first one: the prefill must pick the primary.
            contacts=[
                Contact(name="Somchai P.", role="Driver"),
                Contact(name=PRIMARY, primary=True),
            ],
        )
    )


@pytest.fixture
def org_id(workspace: Workspace) -> str:
    return add_org(workspace)


def start(workspace: Workspace, org: str, questionnaire: Questionnaire | None = None, **kw) -> str:
    return workspace.interviews.start(
        org, questionnaire or example_2(), details(**kw), interviewer="Dara Test"
    )


@pytest.fixture
def ticking(workspace: Workspace) -> Iterator[None]:
    """A clock one second apart per change, so first and last times are told apart."""
    start_ms = time.time_ns() // 1_000_000 + 1_000
    ticks = iter(range(start_ms, start_ms + 10_000_000, 1_000))
    last = workspace.db.execute("SELECT max(hlc) FROM change").fetchone()[0]
    workspace.log.clock = HybridClock(
        workspace.log.clock.device_id, now_ms=lambda: next(ticks), last=last
    )
    yield


def interview_tables(workspace: Workspace) -> dict[str, list[tuple]]:
    return {
        "interview": workspace.db.execute("SELECT * FROM interview ORDER BY id").fetchall(),
        "answer": workspace.db.execute(
            "SELECT * FROM answer ORDER BY interview_id, item_id"
        ).fetchall(),
        "correction": workspace.db.execute("SELECT * FROM correction ORDER BY id").fetchall(),
        "organisation": workspace.db.execute("SELECT * FROM organisation ORDER BY id").fetchall(),
    }


# ----- starting ----------------------------------------------------------------------------


class TestStart:
    def test_a_new_draft_is_prefilled_from_the_profile(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id, place="Samut Sakhon", language="Thai")
        interview = workspace.interviews.get(interview_id)
        assert interview.status == DRAFT
        assert interview.org_id == org_id
        assert (interview.questionnaire_id, interview.questionnaire_version) == (EXAMPLE_2, 1)
        assert interview.interviewer == "Dara Test"
        assert interview.position != ""  # somewhere to resume from
        assert interview.details.place == "Samut Sakhon"
        assert interview.details.language == "Thai"
        assert interview.created_device == workspace.log.clock.device_id
        assert interview.review_state == NOT_REVIEWED
        assert interview.value("identification") == {
            "organisation": ORG_NAME,
            "representative": PRIMARY,
        }
        assert list(interview.answers) == ["identification"]

    def test_without_a_primary_contact_the_first_person_interviewed_is_the_representative(
        self, workspace: Workspace
    ):
        org = workspace.profiles.save(
            Organisation(name="Mekong Garment", contacts=[Contact(name="A"), Contact(name="B")])
        )
        contact_b = workspace.profiles.get(org).contacts[1].id
        interview_id = start(workspace, org, contact_ids=[contact_b])
        assert workspace.interviews.get(interview_id).value("identification") == {
            "organisation": "Mekong Garment",
            "representative": "B",
        }

    def test_example_1_has_nothing_to_prefill(self, workspace: Workspace, org_id: str):
        interview = workspace.interviews.get(start(workspace, org_id, example_1()))
        assert interview.answers == {}
        assert workspace.interviews.missing_items(interview) == [i.id for i in example_1().items]

    def test_the_questionnaire_is_kept_in_the_file(self, workspace: Workspace, org_id: str):
        start(workspace, org_id)
        rows = workspace.db.execute(
            "SELECT id, version, definition FROM questionnaire_snapshot"
        ).fetchall()
        assert rows == [(EXAMPLE_2, 1, example_2().definition)]

    def test_details_are_cleaned(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id, place="  Samut   Sakhon ", notes="Notes.\n\n")
        assert workspace.interviews.get(interview_id).details.place == "Samut Sakhon"
        assert workspace.interviews.get(interview_id).details.notes == "Notes."

    def test_an_unknown_or_deleted_organisation_is_refused(self, workspace: Workspace, org_id: str):
        with pytest.raises(InterviewError, match="does not exist"):
            start(workspace, "no-such-organisation")
        workspace.profiles.delete(org_id)
        before = change_count(workspace)
        with pytest.raises(InterviewError, match="does not exist"):
            start(workspace, org_id)
        assert change_count(workspace) == before
        assert workspace.interviews.list_ids() == []

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"started_at": "04/03/2025 09:30"}, "started_at"),
            ({"started_at": "2025-13-04T09:30"}, "started_at"),
            ({"started_at": ""}, "started_at"),
            ({"mode": "carrier pigeon"}, "mode"),
            ({"mode": ""}, "mode"),
            ({"place": "Bangkok\x00"}, "place"),
            ({"place": "x" * 2_001}, "place"),
            ({"language": "x" * 101}, "language"),
            ({"notes": "x" * 200_001}, "notes"),
        ],
    )
    def test_bad_details_raise_and_write_nothing(
        self, workspace: Workspace, org_id: str, values: dict[str, str], field: str
    ):
        before = change_count(workspace)
        with pytest.raises(ValidationError) as raised:
            start(workspace, org_id, **values)
        assert field in {p.field for p in raised.value.problems}
        assert change_count(workspace) == before
        assert workspace.db.execute("SELECT count(*) FROM interview").fetchone()[0] == 0
        assert (
            workspace.db.execute("SELECT count(*) FROM questionnaire_snapshot").fetchone()[0] == 0
        )


# ----- answering a draft -----------------------------------------------------------------


class TestAnswers:
    def test_an_answer_keeps_its_first_time_and_moves_its_last(
        self, workspace: Workspace, org_id: str, ticking: None
    ):
        interview_id = start(workspace, org_id)
        first = workspace.interviews.save_answer(interview_id, "supply_chain_effect", 4)
        assert first.value == 4
        assert first.first_at == first.last_at
        assert first.first_by == first.last_by == "Dara Test"
        workspace.log.author = "Sokha Second"
        later = workspace.interviews.save_answer(interview_id, "supply_chain_effect", 7)
        assert later.value == 7
        assert (later.first_at, later.first_by) == (first.first_at, "Dara Test")
        assert later.last_at > first.last_at
        assert later.last_by == "Sokha Second"
        assert workspace.interviews.get(interview_id).answers["supply_chain_effect"] == later

    def test_an_answer_rewrites_no_index_entry_of_its_interview(
        self, workspace: Workspace, org_id: str, ticking: None
    ):
        """Saving an answer sets the interview row's columns that change, no others: setting
        an indexed column, even to its value, rewrites its index entries (pages the commit
        writes, and encrypts in an encrypted file)."""
        interview_id = start(workspace, org_id)
        workspace.db.execute("CREATE TEMP TABLE indexed_writes (columns TEXT)")
        workspace.db.execute(
            "CREATE TEMP TRIGGER indexed_write AFTER UPDATE OF id, org_id, deleted, started_at "
            "ON main.interview BEGIN INSERT INTO indexed_writes VALUES ('interview'); END"
        )
        before = workspace.interviews.get(interview_id)
        workspace.log.author = "Sokha Second"
        workspace.interviews.save_answer(interview_id, "general_notes", "Met the HR manager.")
        workspace.interviews.save_answer(interview_id, "general_notes", "Met the HR manager. Or")
        assert workspace.db.execute("SELECT count(*) FROM indexed_writes").fetchone()[0] == 0
        after = workspace.interviews.get(interview_id)
        assert after.updated_at > before.updated_at
        assert (
            workspace.db.execute(
                "SELECT updated_by FROM interview WHERE id = ?", (interview_id,)
            ).fetchone()[0]
            == "Sokha Second"
        )
        tables = interview_tables(workspace)
        workspace.log.rebuild()
        assert interview_tables(workspace) == tables

    def test_each_kind_is_stored_in_its_normal_form(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        store = workspace.interviews
        store.save_answer(interview_id, "general_notes", "Met the HR manager.")
        store.save_answer(
            interview_id,
            "hindering_factors",
            {
                "selected": ["government_policies", "travel_restrictions"],
                "other": True,
                "other_text": "Floods",
            },
        )
        store.save_answer(interview_id, "identification", {"organisation": "GLS"})
        interview = store.get(interview_id)
        assert interview.value("general_notes") == "Met the HR manager."
        assert interview.value("hindering_factors") == {
            "selected": ["travel_restrictions", "government_policies"],
            "other": True,
            "other_text": "Floods",
        }
        assert interview.value("identification") == {"organisation": "GLS", "representative": ""}
        assert store.missing_items(interview) == [
            "supply_chain_effect",
            "business_effects",
            "recovering_needs",
            "migrant_exploitation_risk",
            "continuity_plan",
            "openness_private_sector",
            "openness_cso_donors",
            "partnership_resources",
        ]

    def test_clearing_a_scale_that_was_never_answered(self, workspace: Workspace, org_id: str):
        """A scale left empty is saved as ``None`` (the widget's empty value): no crash."""
        interview_id = start(workspace, org_id)
        answer = workspace.interviews.save_answer(interview_id, "supply_chain_effect", None)
        assert answer.value is None
        assert workspace.interviews.get(interview_id).value("supply_chain_effect") is None

    def test_clearing_an_answered_scale(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        workspace.interviews.save_answer(interview_id, "supply_chain_effect", 3)
        assert (
            workspace.interviews.save_answer(interview_id, "supply_chain_effect", None).value
            is None
        )
        interview = workspace.interviews.get(interview_id)
        assert "supply_chain_effect" in workspace.interviews.missing_items(interview)

    @pytest.mark.parametrize(
        ("item_id", "value", "message"),
        [
            ("no_such_item", "x", "has no item 'no_such_item'"),
            ("pressing_business_issue", "x", "has no item"),  # Example #1's, not this one's
            ("supply_chain_effect", 11, "11 is outside 1-10"),
            ("supply_chain_effect", "5", "whole number"),
            ("hindering_factors", {"selected": ["floods"]}, "'floods' is not one of its options"),
            ("identification", {"email": "x@y.org"}, "unknown fields"),
            ("general_notes", "a\x00b", "NUL byte"),
        ],
    )
    def test_a_bad_answer_raises_and_writes_nothing(
        self, workspace: Workspace, org_id: str, item_id: str, value: Any, message: str
    ):
        interview_id = start(workspace, org_id)
        before = change_count(workspace)
        with pytest.raises(InterviewError, match=message):
            workspace.interviews.save_answer(interview_id, item_id, value)
        assert change_count(workspace) == before

    def test_a_completed_interview_is_not_edited_as_a_draft(
        self, workspace: Workspace, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.interviews.save_answer(interview_id, "supply_chain_effect", 4)
        workspace.interviews.complete(interview_id)
        before = change_count(workspace)
        with pytest.raises(InterviewError, match="correction"):
            workspace.interviews.save_answer(interview_id, "supply_chain_effect", 5)
        with pytest.raises(InterviewError, match="correction"):
            workspace.interviews.update_details(interview_id, details(place="Elsewhere"))
        assert change_count(workspace) == before
        assert workspace.interviews.get(interview_id).value("supply_chain_effect") == 4

    def test_a_discarded_or_unknown_interview_takes_no_answers(
        self, workspace: Workspace, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.interviews.discard(interview_id)
        before = change_count(workspace)
        for target in (interview_id, "no-such-interview"):
            with pytest.raises(InterviewError, match="does not exist"):
                workspace.interviews.save_answer(target, "general_notes", "x")
        assert change_count(workspace) == before

    def test_moving_an_unknown_interview_creates_nothing(self, workspace: Workspace):
        before = change_count(workspace)
        with pytest.raises(InterviewError):
            workspace.interviews.set_position("no-such-interview", "general_notes")
        assert change_count(workspace) == before
        assert workspace.db.execute("SELECT count(*) FROM interview").fetchone()[0] == 0

    def test_details_of_a_draft_can_change(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        workspace.interviews.update_details(
            interview_id, details(started_at="2025-03-05T14:00", mode="video", place="Online")
        )
        changed = workspace.interviews.get(interview_id).details
        assert (changed.started_at, changed.mode, changed.place) == (
            "2025-03-05T14:00",
            "video",
            "Online",
        )
        before = change_count(workspace)
        with pytest.raises(ValidationError):
            workspace.interviews.update_details(interview_id, details(mode="telepathy"))
        assert change_count(workspace) == before

    def test_answers_and_position_survive_a_restart(
        self, tmp_path: Path, workspace: Workspace, settings: Settings, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.interviews.save_answer(interview_id, "general_notes", "Saved before the crash")
        workspace.interviews.save_answer(interview_id, "openness_cso_donors", 9)
        workspace.interviews.set_position(interview_id, "openness_cso_donors")
        saved = workspace.interviews.get(interview_id)
        workspace.close()
        reopened = open_workspace(tmp_path / "test.db", settings, key=workspace.key)
        try:
            again = reopened.interviews.get(interview_id)
            assert again == saved
            assert again.position == "openness_cso_donors"
            assert again.value("general_notes") == "Saved before the crash"
            assert [r.id for r in reopened.interviews.drafts_to_resume()] == [interview_id]
        finally:
            reopened.close()

    def test_thai_and_khmer_answers_and_a_long_note_round_trip(
        self, tmp_path: Path, workspace: Workspace, settings: Settings, org_id: str
    ):
        note = "บันทึกการสัมภาษณ์ ក្រុមហ៊ុន មេគង្គ " * 1_500
        assert len(note.encode("utf-8")) > 50_000
        thai = "แรงงานข้ามชาติขาดเอกสาร"
        khmer = "កម្មករចំណាកស្រុក"
        interview_id = start(workspace, org_id, language="ภาษาไทย", notes=note)
        store = workspace.interviews
        store.save_answer(interview_id, "general_notes", note)
        store.save_answer(
            interview_id, "business_effects", {"selected": [], "other": True, "other_text": thai}
        )
        store.save_answer(
            interview_id, "identification", {"organisation": "ក្រុមហ៊ុន", "representative": khmer}
        )
        workspace.close()
        reopened = open_workspace(tmp_path / "test.db", settings, key=workspace.key)
        try:
            interview = reopened.interviews.get(interview_id)
            assert interview.value("general_notes") == note
            assert interview.details.notes == note.rstrip()
            assert interview.details.language == "ภาษาไทย"
            assert interview.value("business_effects")["other_text"] == thai
            assert interview.value("identification")["representative"] == khmer
        finally:
            reopened.close()


# ----- completing --------------------------------------------------------------------------


class TestComplete:
    def test_completion_sets_status_time_and_clears_position(
        self, workspace: Workspace, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.interviews.complete(interview_id)
        interview = workspace.interviews.get(interview_id)
        assert interview.status == COMPLETED
        assert interview.is_completed
        assert interview.completed_at.endswith("Z")
        assert interview.position == ""
        assert workspace.interviews.counts() == {DRAFT: 0, COMPLETED: 1}

    def test_completing_twice_changes_nothing(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        workspace.interviews.complete(interview_id)
        before = change_count(workspace)
        workspace.interviews.complete(interview_id)
        assert change_count(workspace) == before

    @pytest.mark.parametrize(
        ("stage", "after"),
        [
            ("", "Interviewed"),
            ("Identified", "Interviewed"),
            ("Researched", "Interviewed"),
            ("Contacted", "Interviewed"),
            ("Interviewed", "Interviewed"),
            ("Exploring partnership", "Exploring partnership"),
            ("Active partner", "Active partner"),
            ("Not pursuing", "Not pursuing"),
        ],
    )
    def test_example_2_moves_the_stage_forward_only(
        self, workspace: Workspace, stage: str, after: str
    ):
        org = add_org(workspace, stage=stage)
        interview_id = start(workspace, org)
        workspace.interviews.complete(interview_id)
        assert workspace.profiles.get(org).stage == after

    @pytest.mark.parametrize("stage", ["", "Contacted"])
    def test_example_1_leaves_the_stage(self, workspace: Workspace, stage: str):
        org = add_org(workspace, stage=stage)
        workspace.interviews.complete(start(workspace, org, example_1()))
        assert workspace.profiles.get(org).stage == stage

    def test_completion_is_one_undoable_action(self, workspace: Workspace):
        org = add_org(workspace, stage="Contacted")
        interview_id = start(workspace, org)
        workspace.interviews.complete(interview_id)
        assert workspace.log.undo() == "complete interview"
        assert workspace.interviews.get(interview_id).status == DRAFT
        assert workspace.profiles.get(org).stage == "Contacted"


# ----- corrections and history --------------------------------------------------------------


@pytest.fixture
def completed(workspace: Workspace, org_id: str, ticking: None) -> str:
    interview_id = start(workspace, org_id, place="Samut Sakhon")
    store = workspace.interviews
    store.save_answer(interview_id, "supply_chain_effect", 4)
    store.save_answer(interview_id, "general_notes", "Orders down by a third.")
    store.save_answer(interview_id, "recovering_needs", {"selected": ["grants"], "other": False})
    store.complete(interview_id)
    return interview_id


class TestCorrect:
    def test_a_draft_is_not_corrected(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        with pytest.raises(InterviewError, match="Only a completed interview"):
            workspace.interviews.correct(interview_id, "typo", {"supply_chain_effect": 5})

    @pytest.mark.parametrize(
        ("reason", "answers", "message"),
        [
            ("", {"supply_chain_effect": 5}, "Give a reason"),
            ("  \n ", {"supply_chain_effect": 5}, "Give a reason"),
            ("x" * 200_001, {"supply_chain_effect": 5}, "too long"),
            ("typo", {}, "Nothing was changed"),
            ("typo", {"supply_chain_effect": 4}, "Nothing was changed"),
            ("typo", {"recovering_needs": {"selected": ["grants"]}}, "Nothing was changed"),
            ("typo", {"no_such_item": 1}, "has no item 'no_such_item'"),
            ("typo", {"supply_chain_effect": 0}, "outside 1-10"),
        ],
    )
    def test_a_correction_needs_a_reason_and_a_real_change(
        self, workspace: Workspace, completed: str, reason: str, answers: dict, message: str
    ):
        before = change_count(workspace)
        with pytest.raises(InterviewError, match=message):
            workspace.interviews.correct(completed, reason, answers)
        assert change_count(workspace) == before

    def test_bad_corrected_details_raise_and_write_nothing(
        self, workspace: Workspace, completed: str
    ):
        before = change_count(workspace)
        with pytest.raises(ValidationError):
            workspace.interviews.correct(completed, "date", {}, details(started_at="soon"))
        assert change_count(workspace) == before

    def test_history_shows_who_when_old_new_and_why(self, workspace: Workspace, completed: str):
        store = workspace.interviews
        workspace.log.author = "Reviewer Rin"
        correction_id = store.correct(
            completed,
            "  The company wrote back with the right figure. ",
            {"supply_chain_effect": 8, "general_notes": "Orders down by a third."},
        )
        interview = store.get(completed)
        assert interview.value("supply_chain_effect") == 8
        history = store.history(completed)
        assert [(h.kind, h.what) for h in history] == [
            ("status", "Status"),
            (
                "answer",
                "3. Degree to which COVID-19 has affected their supply chain (scale from 1-10)",
            ),
        ]
        status, corrected = history
        assert (status.old, status.new, status.by, status.reason) == (
            "draft",
            "completed",
            "Dara Test",
            "",
        )
        assert corrected.old == "4"
        assert corrected.new == "8"
        assert corrected.by == "Reviewer Rin"
        assert corrected.device == workspace.log.clock.device_id
        assert corrected.reason == "The company wrote back with the right figure."
        change = workspace.log.field_state(completed, "answer:supply_chain_effect").heads[0]
        assert corrected.at == stamp_time(change.hlc)
        assert corrected.at > status.at
        # The correction record names the reason and what it changed.
        row = workspace.db.execute(
            "SELECT interview_id, reason, items FROM correction WHERE id = ?", (correction_id,)
        ).fetchone()
        assert row == (
            completed,
            "The company wrote back with the right figure.",
            json.dumps(["answer:supply_chain_effect"]),
        )
        # The answer keeps its first time; the original value is still in the log.
        answer = interview.answers["supply_chain_effect"]
        assert answer.first_by == "Dara Test"
        assert answer.last_by == "Reviewer Rin"
        assert answer.last_at > answer.first_at
        values = [
            c.value
            for c in workspace.log.changes_of(completed)
            if c.field == "answer:supply_chain_effect"
        ]
        assert values == [4, 8]

    def test_two_corrections_each_show_the_value_they_replaced(
        self, workspace: Workspace, completed: str
    ):
        store = workspace.interviews
        store.correct(completed, "first call", {"supply_chain_effect": 6})
        store.correct(completed, "second call", {"supply_chain_effect": 9})
        answers = [h for h in store.history(completed) if h.kind == "answer"]
        assert [(h.old, h.new, h.reason) for h in answers] == [
            ("4", "6", "first call"),
            ("6", "9", "second call"),
        ]

    def test_multi_answers_read_as_labels_in_history(self, workspace: Workspace, completed: str):
        workspace.interviews.correct(
            completed,
            "misheard",
            {"recovering_needs": {"selected": ["labor"], "other": True, "other_text": "Visas"}},
        )
        (entry,) = [h for h in workspace.interviews.history(completed) if h.kind == "answer"]
        assert (entry.what, entry.old, entry.new) == (
            "6. Recovering Needs",
            "Grants",
            "Labor; Other: Visas",
        )

    def test_a_detail_correction_appears_in_history(self, workspace: Workspace, completed: str):
        workspace.interviews.correct(
            completed, "wrong town", {}, details(place="Mahachai", mode="in person")
        )
        assert workspace.interviews.get(completed).details.place == "Mahachai"
        (entry,) = [h for h in workspace.interviews.history(completed) if h.kind == "detail"]
        assert (entry.what, entry.old, entry.new, entry.reason) == (
            "Place",
            "Samut Sakhon",
            "Mahachai",
            "wrong town",
        )

    @pytest.mark.parametrize("verdict", [APPROVED, HAS_ISSUES])
    def test_a_correction_after_review_marks_it_edited(
        self, workspace: Workspace, completed: str, verdict: str
    ):
        workspace.interviews.review(completed, verdict, "Scale looks low.")
        workspace.interviews.correct(completed, "checked", {"supply_chain_effect": 7})
        interview = workspace.interviews.get(completed)
        assert interview.review_state == EDITED
        review = [h for h in workspace.interviews.history(completed) if h.what == "Review"]
        assert (review[-1].old, review[-1].new, review[-1].reason) == (
            "Approved" if verdict == APPROVED else "Has issues",
            "Edited after review",
            "checked",
        )

    def test_a_correction_before_review_leaves_it_not_reviewed(
        self, workspace: Workspace, completed: str
    ):
        workspace.interviews.correct(completed, "checked", {"supply_chain_effect": 7})
        assert workspace.interviews.get(completed).review_state == NOT_REVIEWED

    def test_drafting_is_left_out_of_history_unless_asked(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        workspace.interviews.save_answer(interview_id, "supply_chain_effect", 2)
        assert workspace.interviews.history(interview_id) == []
        everything = workspace.interviews.history(interview_id, since_completion=False)
        assert [(h.kind, h.new) for h in everything if h.kind == "answer"] == [
            ("answer", f"Organization Name: {ORG_NAME}; Representative Name: {PRIMARY}"),
            ("answer", "2"),
        ]


class TestReview:
    def test_approval_records_who_and_when(self, workspace: Workspace, completed: str):
        workspace.log.author = "Manager Mony"
        workspace.interviews.review(completed, APPROVED, "  Clear notes. ")
        interview = workspace.interviews.get(completed)
        assert interview.review_state == APPROVED
        assert interview.review_comment == "Clear notes."
        assert interview.reviewed_by == "Manager Mony"
        assert interview.reviewed_at.endswith("Z")
        entries = [h for h in workspace.interviews.history(completed) if h.kind == "review"]
        assert [(h.what, h.new, h.by) for h in entries] == [
            ("Review", "Approved", "Manager Mony"),
            ("Review comment", "Clear notes.", "Manager Mony"),
        ]

    def test_an_approval_needs_no_comment(self, workspace: Workspace, completed: str):
        workspace.interviews.review(completed, APPROVED, "")
        assert workspace.interviews.get(completed).review_state == APPROVED

    def test_has_issues_needs_a_comment(self, workspace: Workspace, completed: str):
        before = change_count(workspace)
        with pytest.raises(InterviewError, match="Say what the issues are"):
            workspace.interviews.review(completed, HAS_ISSUES, "   ")
        assert change_count(workspace) == before
        workspace.interviews.review(completed, HAS_ISSUES, "Item 7 is blank.")
        assert workspace.interviews.get(completed).review_state == HAS_ISSUES

    def test_only_a_completed_interview_is_reviewed(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        with pytest.raises(InterviewError, match="Only a completed interview"):
            workspace.interviews.review(interview_id, APPROVED, "")
        assert workspace.interviews.get(interview_id).review_state == NOT_REVIEWED

    @pytest.mark.parametrize("state", [EDITED, "rejected"])
    def test_unknown_or_automatic_states_are_refused(
        self, workspace: Workspace, completed: str, state: str
    ):
        with pytest.raises(InterviewError, match="Unknown review state"):
            workspace.interviews.review(completed, state, "comment")


# ----- lists ----------------------------------------------------------------------------------


@pytest.fixture
def several(workspace: Workspace) -> dict[str, str]:
    """Five interviews: two organisations, both questionnaires, two interviewers, four days."""
    store = workspace.interviews
    lotus = add_org(workspace)
    mekong = add_org(workspace, "Mekong Garment")
    ids = {
        "lotus_draft": store.start(
            lotus, example_2(), details(started_at="2025-03-01T09:00"), interviewer="Dara Test"
        ),
        "lotus_done": store.start(
            lotus, example_1(), details(started_at="2025-03-10T16:45"), interviewer="Dara Test"
        ),
        "mekong_approved": store.start(
            mekong, example_2(), details(started_at="2025-03-31T23:59"), interviewer="Sokha"
        ),
        "mekong_issues": store.start(
            mekong, example_2(), details(started_at="2025-04-01T00:00"), interviewer="Sokha"
        ),
        "mekong_unreviewed": store.start(
            mekong, example_2(), details(started_at="2025-02-28T08:00"), interviewer="Dara Test"
        ),
    }
    store.save_answer(ids["lotus_done"], "pressing_business_issue", "Freight costs")
    store.save_answer(ids["lotus_done"], "other_support", "  ")  # blank: not answered
    store.save_answer(ids["mekong_approved"], "supply_chain_effect", 5)
    store.save_answer(ids["mekong_approved"], "general_notes", "Notes")
    for key in ("lotus_done", "mekong_approved", "mekong_issues", "mekong_unreviewed"):
        store.complete(ids[key])
    store.review(ids["mekong_approved"], APPROVED, "")
    store.review(ids["mekong_issues"], HAS_ISSUES, "Too short")
    return ids | {"lotus": lotus, "mekong": mekong}


def names_of(ids: dict[str, str], found: list[str]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[i] for i in found]


class TestLists:
    @pytest.mark.parametrize(
        ("flt", "expected"),
        [
            (
                InterviewFilter(),
                [
                    "mekong_issues",
                    "mekong_approved",
                    "lotus_done",
                    "lotus_draft",
                    "mekong_unreviewed",
                ],
            ),
            (
                InterviewFilter(descending=False),
                [
                    "mekong_unreviewed",
                    "lotus_draft",
                    "lotus_done",
                    "mekong_approved",
                    "mekong_issues",
                ],
            ),
            (InterviewFilter(questionnaire_id=EXAMPLE_1), ["lotus_done"]),
            (InterviewFilter(status=DRAFT), ["lotus_draft"]),
            (
                InterviewFilter(status=COMPLETED),
                ["mekong_issues", "mekong_approved", "lotus_done", "mekong_unreviewed"],
            ),
            (InterviewFilter(review_state=NOT_REVIEWED), ["lotus_done", "mekong_unreviewed"]),
            (InterviewFilter(review_state=APPROVED), ["mekong_approved"]),
            (InterviewFilter(review_state=HAS_ISSUES), ["mekong_issues"]),
            (InterviewFilter(interviewer="Sokha"), ["mekong_issues", "mekong_approved"]),
            (
                InterviewFilter(date_from="2025-03-01", date_to="2025-03-31"),
                ["mekong_approved", "lotus_done", "lotus_draft"],
            ),
            (InterviewFilter(date_from="2025-04-01"), ["mekong_issues"]),
            (InterviewFilter(date_to="2025-02-28"), ["mekong_unreviewed"]),
            (InterviewFilter(date_from="2025-05-01"), []),
            (
                InterviewFilter(interviewer="Dara Test", status=COMPLETED),
                ["lotus_done", "mekong_unreviewed"],
            ),
        ],
    )
    def test_filters(
        self, workspace: Workspace, several: dict[str, str], flt: InterviewFilter, expected
    ):
        assert names_of(several, workspace.interviews.list_ids(flt)) == expected

    def test_filter_by_organisation(self, workspace: Workspace, several: dict[str, str]):
        found = workspace.interviews.list_ids(InterviewFilter(org_id=several["lotus"]))
        assert names_of(several, found) == ["lotus_done", "lotus_draft"]

    def test_rows_count_answered_items(self, workspace: Workspace, several: dict[str, str]):
        store = workspace.interviews
        rows = store.rows_by_id(
            [several[k] for k in ("lotus_draft", "lotus_done", "mekong_approved")]
        )
        assert len(rows) == 3
        draft = rows[several["lotus_draft"]]
        assert (draft.answered, draft.items) == (1, 11)  # the prefilled identification
        done = rows[several["lotus_done"]]
        assert (done.answered, done.items) == (1, 5)
        approved = rows[several["mekong_approved"]]
        assert (approved.answered, approved.items) == (3, 11)
        assert approved.org_name == "Mekong Garment"
        assert approved.questionnaire_title == example_2().short_title
        assert (approved.status, approved.review_state) == (COMPLETED, APPROVED)
        assert (approved.started_at, approved.mode) == ("2025-03-31T23:59", "in person")
        assert approved.interviewer == "Sokha"

    def test_list_is_rows_in_filter_order(self, workspace: Workspace, several: dict[str, str]):
        flt = InterviewFilter(status=COMPLETED)
        assert [r.id for r in workspace.interviews.list(flt)] == workspace.interviews.list_ids(flt)

    def test_counts_and_interviewers(self, workspace: Workspace, several: dict[str, str]):
        assert workspace.interviews.counts() == {DRAFT: 1, COMPLETED: 4}
        assert workspace.interviews.interviewers() == ["Dara Test", "Sokha"]

    def test_many_ids_are_read_in_chunks(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        rows = workspace.interviews.rows_by_id([interview_id] + ["missing"] * 1_200)
        assert list(rows) == [interview_id]


class TestDraftsAndDiscard:
    def test_only_this_laptops_drafts_are_resumed(
        self,
        tmp_path: Path,
        workspace: Workspace,
        org_id: str,
        other_device: Settings,
        ticking: None,
    ):
        older = start(workspace, org_id)
        newer = start(workspace, org_id)
        done = start(workspace, org_id)
        workspace.interviews.complete(done)
        second = open_workspace(tmp_path / "test.db", other_device, key=workspace.key)
        try:
            theirs = start(second, org_id)
            assert [r.id for r in second.interviews.drafts_to_resume()] == [theirs]
            assert [r.id for r in workspace.interviews.drafts_to_resume()] == [newer, older]
            # Touching the older draft brings it first.
            workspace.interviews.save_answer(older, "general_notes", "Back to this one")
            assert [r.id for r in workspace.interviews.drafts_to_resume()] == [older, newer]
            assert theirs in workspace.interviews.list_ids(InterviewFilter(status=DRAFT))
        finally:
            second.close()

    def test_discard_and_undo(self, workspace: Workspace, org_id: str):
        interview_id = start(workspace, org_id)
        workspace.interviews.save_answer(interview_id, "supply_chain_effect", 6)
        kept = workspace.interviews.get(interview_id)
        workspace.interviews.discard(interview_id)
        assert workspace.interviews.get(interview_id) is None
        assert workspace.interviews.list_ids() == []
        assert workspace.interviews.drafts_to_resume() == []
        assert workspace.interviews.counts() == {DRAFT: 0, COMPLETED: 0}
        assert workspace.log.undo() == "discard interview"
        back = workspace.interviews.get(interview_id)
        assert back is not None
        assert back.answers == kept.answers
        assert back.value("supply_chain_effect") == 6
        assert workspace.interviews.list_ids() == [interview_id]

    def test_a_discard_of_a_completed_interview_shows_in_its_history(
        self, workspace: Workspace, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.interviews.complete(interview_id)
        workspace.interviews.discard(interview_id)
        workspace.log.undo()
        entries = workspace.interviews.history(interview_id)
        assert [(h.what, h.new) for h in entries if h.what == "Interview"] == [
            ("Interview", "discarded")
        ]

    def test_discarding_an_unknown_interview_raises(self, workspace: Workspace):
        with pytest.raises(InterviewError):
            workspace.interviews.discard("no-such-interview")
        assert change_count(workspace) == 0


# ----- the log is the truth ------------------------------------------------------------------


class TestRebuild:
    def test_rebuilding_gives_the_same_interview_tables(
        self, workspace: Workspace, other_device: Settings, tmp_path: Path, org_id: str
    ):
        store = workspace.interviews
        first = start(workspace, org_id, place="Samut Sakhon")
        second = start(workspace, org_id, example_1(), contact_ids=[])
        third = start(workspace, org_id)
        store.save_answer(first, "supply_chain_effect", 3)
        store.save_answer(first, "supply_chain_effect", 5)
        store.save_answer(
            first,
            "hindering_factors",
            {"selected": ["sick"], "other": True, "other_text": "Floods"},
        )
        store.save_answer(second, "pressing_business_issue", "ราคาขนส่ง")
        store.set_position(second, "other_support")
        store.update_details(second, details(mode="phone", language="Khmer"))
        store.complete(first)
        store.review(first, APPROVED, "")
        store.correct(first, "recount", {"supply_chain_effect": 6}, details(place="Mahachai"))
        store.discard(third)
        workspace.log.undo()
        store.discard(second)
        other = open_workspace(tmp_path / "test.db", other_device, key=workspace.key)
        try:
            other.interviews.save_answer(third, "general_notes", "From the second laptop")
        finally:
            other.close()
        before = interview_tables(workspace)
        assert len(before["interview"]) == 3
        assert len(before["answer"]) == 6
        assert len(before["correction"]) == 1
        workspace.log.rebuild()
        assert interview_tables(workspace) == before


# Random sequences of interview actions: the tables must equal what the log rebuilds.
interview_actions = st.lists(
    st.tuples(
        st.sampled_from(
            ["start", "answer", "complete", "correct", "review", "discard", "undo", "redo"]
        ),
        st.integers(0, 10),
        st.integers(1, 10),
    ),
    max_size=15,
)


def _answer_for(questionnaire_id: str, pick: int, point: int) -> tuple[str, Any]:
    """An answer of the right kind to one of the questionnaire's items."""
    if questionnaire_id == EXAMPLE_1:
        item = example_1().items[pick % 5]
        return item.id, f"answer {point}"
    scales = [i.id for i in example_2().items if i.kind == "scale"]
    return scales[pick % len(scales)], point


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=interview_actions)
def test_any_sequence_of_interview_actions_rebuilds_to_the_same_tables(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings, steps: list[tuple[str, int, int]]
):
    workspace = open_workspace(tmp_path_factory.mktemp("h") / "h.db", settings)
    try:
        store = workspace.interviews
        org = add_org(workspace)
        ids = [start(workspace, org), start(workspace, org, example_1())]
        for action, pick, point in steps:
            live = [i for i in ids if store.get(i) is not None]
            interview = store.get(live[pick % len(live)]) if live else None
            if action == "start":
                ids.append(start(workspace, org, example_1() if point % 2 else example_2()))
            elif action == "undo":
                if workspace.log.undo_label != f"create “{ORG_NAME}”":
                    workspace.log.undo()
            elif action == "redo":
                workspace.log.redo()
            elif interview is None:
                continue
            elif action == "complete":
                store.complete(interview.id)
            elif action == "discard":
                store.discard(interview.id)
            elif not interview.is_completed:
                if action == "answer":
                    item_id, value = _answer_for(interview.questionnaire_id, pick, point)
                    store.save_answer(interview.id, item_id, value)
            elif action == "correct":
                item_id, value = _answer_for(interview.questionnaire_id, pick, point)
                if interview.value(item_id) != value:
                    store.correct(interview.id, f"reason {pick}", {item_id: value})
            elif action == "review":
                store.review(interview.id, APPROVED if point % 2 else HAS_ISSUES, f"note {pick}")
        before = interview_tables(workspace)
        workspace.log.rebuild()
        assert interview_tables(workspace) == before
    finally:
        workspace.close()


# ----- the questionnaire an interview used ------------------------------------------------------


def custom_questionnaire() -> Questionnaire:
    """Example #1 under a version the app does not ship (as a colleague's newer app might)."""
    data = json.loads(example_1().definition)
    data["version"] = 2
    data["items"][0]["text"] = "What worries your business most this month?"
    return parse_questionnaire(json.dumps(data), "example-1.v2.json")


class TestSnapshots:
    def test_an_interview_reads_without_its_questionnaire_in_the_app(
        self, workspace: Workspace, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.interviews.save_answer(interview_id, "supply_chain_effect", 2)
        workspace.interviews.complete(interview_id)
        workspace.interviews.correct(interview_id, "recount", {"supply_chain_effect": 3})
        bare = InterviewStore(workspace.log, QuestionnaireSet([]))
        interview = bare.get(interview_id)
        assert interview.value("supply_chain_effect") == 3
        assert bare.questionnaire_of(interview) == example_2()
        row = bare.rows_by_id([interview_id])[interview_id]
        assert (row.questionnaire_title, row.answered, row.items) == (
            example_2().short_title,
            2,
            11,
        )
        (entry,) = [h for h in bare.history(interview_id) if h.kind == "answer"]
        assert entry.what.startswith("3. Degree to which COVID-19")
        assert (entry.old, entry.new) == ("2", "3")

    def test_a_version_the_app_does_not_ship_reads_from_the_file(
        self, workspace: Workspace, org_id: str
    ):
        newer = custom_questionnaire()
        interview_id = start(workspace, org_id, newer)
        workspace.interviews.save_answer(interview_id, "pressing_business_issue", "Freight")
        bare = InterviewStore(workspace.log, QuestionnaireSet([example_1()]))
        questionnaire = bare.questionnaire_of(bare.get(interview_id))
        assert questionnaire == newer
        assert questionnaire.items[0].text == "What worries your business most this month?"

    def test_without_app_copy_or_snapshot_the_interview_says_so(
        self, workspace: Workspace, org_id: str
    ):
        interview_id = start(workspace, org_id)
        workspace.db.execute("DELETE FROM questionnaire_snapshot")
        bare = InterviewStore(workspace.log, QuestionnaireSet([]))
        with pytest.raises(InterviewError, match=f"questionnaire {EXAMPLE_2} version 1"):
            bare.questionnaire_of(bare.get(interview_id))
        row = bare.rows_by_id([interview_id])[interview_id]
        assert (row.questionnaire_title, row.items) == (f"{EXAMPLE_2} v1", 0)

    def test_reading_a_snapshot_does_not_add_it_to_the_shipped_questionnaires(
        self, tmp_path: Path, workspace: Workspace, settings: Settings, org_id: str
    ):
        interview_id = start(workspace, org_id, custom_questionnaire())
        workspace.interviews.get(interview_id)
        workspace.interviews.rows_by_id([interview_id])
        assert [q.key for q in builtin_questionnaires().current()] == [
            (EXAMPLE_1, 1),
            (EXAMPLE_2, 1),
        ]
        elsewhere = open_workspace(tmp_path / "elsewhere.db", settings)
        try:
            assert elsewhere.interviews.questionnaires.latest(EXAMPLE_1).version == 1
        finally:
            elsewhere.close()
