"""Sync & conflicts page: conflicts settled, duplicates combined, merges listed, by clicking."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.settings import Settings
from ctip_desktop.sync import (
    export_for_sync,
    inspect_incoming,
    merge,
    merge_history,
    open_conflicts,
    record_refusal,
    resolve_conflict,
)
from ctip_desktop.sync.errors import SyncError
from ctip_desktop.workspace import Workspace, open_workspace

from ui import export_dialog, messages
from ui.style import problem_colour, table_problem_colour
from ui.sync_page import SyncPage, counts_text

from tests.ui.helpers import click, type_text

QUESTIONNAIRE = "pse-outreach-example-1"
ITEM = "pressing_business_issue"


@dataclass
class Laptops:
    ann: Workspace
    bob: Workspace
    org_id: str
    interview_id: str
    folder: Path

    def edit(self, field: str, ann_value: str, bob_value: str) -> None:
        for workspace, value in ((self.ann, ann_value), (self.bob, bob_value)):
            org = workspace.profiles.get(self.org_id)
            assert org is not None
            setattr(org, field, value)
            workspace.profiles.save(org)

    def merge_bob_into_ann(self) -> Path:
        path = export_for_sync(self.bob, self.folder / "exchange", who="Bob")
        with inspect_incoming(path) as incoming:
            merge(self.ann, incoming)
        return path


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Laptops]:
    """Two laptops holding copies of one prepared file, each writing under its own id."""
    ann_settings = Settings(device_id=uuid.uuid4().hex, interviewer_name="Ann")
    bob_settings = Settings(device_id=uuid.uuid4().hex, interviewer_name="Bob")
    prepared = open_workspace(tmp_path / "ann.db", ann_settings)
    org_id = prepared.profiles.save(
        Organisation(
            name="Golden Lotus Seafood",
            website="https://goldenlotus.example.com",
            stage="Identified",
            contacts=[Contact(name="Somchai P.", role="HR manager")],
        )
    )
    questionnaire = builtin_questionnaires().latest(QUESTIONNAIRE)
    interview_id = prepared.interviews.start(
        org_id, questionnaire, InterviewDetails(started_at="2025-03-04T09:30"), interviewer="Ann"
    )
    prepared.interviews.save_answer(interview_id, ITEM, "Orders down")
    prepared.interviews.complete(interview_id)
    prepared.close()
    shutil.copy(tmp_path / "ann.db", tmp_path / "bob.db")
    ann = open_workspace(tmp_path / "ann.db", ann_settings)
    bob = open_workspace(tmp_path / "bob.db", bob_settings)
    yield Laptops(ann, bob, org_id, interview_id, tmp_path)
    ann.close()
    bob.close()


def make_page(qtbot: QtBot, workspace: Workspace) -> SyncPage:
    page = SyncPage(workspace)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


def cells(page_model: object, row: int) -> list[object]:
    model = page_model
    return [
        model.index(row, column).data(Qt.ItemDataRole.DisplayRole)  # type: ignore[attr-defined]
        for column in range(model.columnCount())  # type: ignore[attr-defined]
    ]


# ----- conflicts -------------------------------------------------------------------------------


def test_a_conflict_is_listed_with_both_values_and_settled_by_keeping_one(
    qtbot: QtBot, laptops: Laptops
):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    tab = page.conflicts_tab

    assert page.tabs.tabText(0) == "&Conflicts (1)"
    assert tab.stack.currentWidget() is tab.table
    (conflict,) = open_conflicts(laptops.ann)
    assert cells(tab.model, 0)[:4] == ["Golden Lotus Seafood", "Organisation", "Notes", 2]
    assert tab.detail_title.text() == "Golden Lotus Seafood · Organisation · Notes"
    boxes = tab.version_boxes
    assert [box.value.toPlainText() for box in boxes] == [h.value for h in conflict.heads]
    assert {box.value.toPlainText() for box in boxes} == {
        "Ann met the HR manager",
        "Bob phoned the owner",
    }
    assert {box.who.text() for box in boxes} == {"Ann", "Bob"}
    devices = {box.device.text() for box in boxes}
    assert devices == {
        f"{laptops.ann.log.clock.device_id[:8]} (this laptop)",
        laptops.bob.log.clock.device_id[:8],
    }
    assert boxes[1].title() == "Version 2 (shown now)"
    assert tab.write_panel.isVisible()  # notes are text: a new value may be written

    second = conflict.heads[1].value
    with qtbot.waitSignal(page.changed):
        click(qtbot, tab.findChild(type(boxes[1].keep_button), "keepVersion1"))
    assert open_conflicts(laptops.ann) == []
    assert laptops.ann.profiles.get(laptops.org_id).notes == second
    assert tab.stack.currentWidget() is tab.empty
    assert tab.empty.text() == "No conflicts: every field has one value."
    assert page.tabs.tabText(0) == "&Conflicts (0)"
    assert not tab.status.is_error and second in tab.status.text()


def test_keeping_the_first_version_keeps_that_one(qtbot: QtBot, laptops: Laptops):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    (conflict,) = open_conflicts(laptops.ann)
    click(qtbot, page.conflicts_tab.version_boxes[0].keep_button)
    assert laptops.ann.profiles.get(laptops.org_id).notes == conflict.heads[0].value


def test_a_new_value_written_for_a_text_field_settles_the_conflict(qtbot: QtBot, laptops: Laptops):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    (conflict,) = open_conflicts(laptops.ann)
    tab = page.conflicts_tab
    editor = tab.new_value
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(qtbot, editor, "Both met the HR manager")
    with qtbot.waitSignal(page.changed):
        click(qtbot, tab.use_button)
    assert open_conflicts(laptops.ann) == []
    assert laptops.ann.profiles.get(laptops.org_id).notes == "Both met the HR manager"
    # The decision is one undoable action: the value shown before comes back.
    assert laptops.ann.log.undo() is not None
    assert laptops.ann.profiles.get(laptops.org_id).notes == conflict.shown_value


def test_a_typed_value_that_does_not_fit_the_field_is_refused_in_red(
    qtbot: QtBot, laptops: Laptops
):
    laptops.edit("name", "Golden Lotus Seafood Co.", "Golden Lotus Seafood Ltd")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    tab = page.conflicts_tab
    assert cells(tab.model, 0)[2] == "Name"
    tab.new_value.setFocus()
    tab.new_value.selectAll()
    qtbot.keyClick(tab.new_value, Qt.Key.Key_Delete)
    click(qtbot, tab.use_button)
    assert tab.status.is_error and tab.status.isVisible()
    assert "needs a name" in tab.status.text()
    assert len(open_conflicts(laptops.ann)) == 1


def test_a_field_with_fixed_choices_is_settled_by_keeping_a_version_only(
    qtbot: QtBot, laptops: Laptops
):
    laptops.edit("stage", "Contacted", "Interviewed")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    tab = page.conflicts_tab
    assert cells(tab.model, 0)[2] == "Stage"
    assert not tab.write_panel.isVisible()
    assert tab.choose_only.isVisible()
    (conflict,) = open_conflicts(laptops.ann)
    click(qtbot, tab.version_boxes[0].keep_button)
    assert laptops.ann.profiles.get(laptops.org_id).stage == conflict.heads[0].value
    assert open_conflicts(laptops.ann) == []


def test_an_answer_conflict_names_the_item_and_takes_a_written_value(
    qtbot: QtBot, laptops: Laptops
):
    laptops.ann.interviews.correct(laptops.interview_id, "Typo", {ITEM: "Orders down by a third"})
    laptops.bob.interviews.correct(laptops.interview_id, "Asked again", {ITEM: "Orders halved"})
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    tab = page.conflicts_tab
    item = builtin_questionnaires().latest(QUESTIONNAIRE).item(ITEM)
    row = cells(tab.model, 0)
    assert row[1] == "Interview of 2025-03-04"
    assert row[2] == f"Answer {item.number}: {item.text}"
    assert {box.value.toPlainText() for box in tab.version_boxes} == {
        "Orders down by a third",
        "Orders halved",
    }
    assert tab.write_panel.isVisible()  # a text item
    tab.new_value.setFocus()
    tab.new_value.selectAll()
    qtbot.keyClick(tab.new_value, Qt.Key.Key_Delete)
    type_text(qtbot, tab.new_value, "Orders down by 40%")
    click(qtbot, tab.use_button)
    answer = laptops.ann.interviews.get(laptops.interview_id).answers[ITEM]
    assert answer.value == "Orders down by 40%" and not answer.conflict


def test_a_conflict_settled_elsewhere_meanwhile_shows_an_error_not_a_traceback(
    qtbot: QtBot, laptops: Laptops
):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    tab = page.conflicts_tab
    keep = tab.version_boxes[0].keep_button
    resolve_conflict(laptops.ann, "organisation", laptops.org_id, "notes", "Decided already")
    click(qtbot, keep)
    assert tab.status.is_error and "not in conflict" in tab.status.text()
    assert tab.status.palette().color(QPalette.ColorRole.WindowText) == problem_colour(tab.status)
    assert laptops.ann.profiles.get(laptops.org_id).notes == "Decided already"
    assert tab.stack.currentWidget() is tab.empty  # the list was read again


def test_open_organisation_from_a_conflict(qtbot: QtBot, laptops: Laptops):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    with qtbot.waitSignal(page.open_requested) as blocker:
        click(qtbot, page.conflicts_tab.open_button)
    assert blocker.args == [laptops.org_id]


# ----- duplicates ------------------------------------------------------------------------------


@pytest.fixture
def twins(workspace: Workspace) -> dict[str, str]:
    """The same company created twice (the same website), and an unrelated one."""
    lotus = workspace.profiles.save(
        Organisation(
            name="Golden Lotus Seafood",
            website="https://goldenlotus.example.com",
            countries=["Thailand"],
            contacts=[Contact(name="Somchai P.", role="HR manager")],
        )
    )
    export = workspace.profiles.save(
        Organisation(
            name="GL Seafood Export",
            website="www.goldenlotus.example.com/about",
            countries=["Viet Nam"],
            contacts=[Contact(name="Lan T.", role="Owner")],
        )
    )
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    questionnaire = builtin_questionnaires().latest(QUESTIONNAIRE)
    workspace.interviews.start(
        export, questionnaire, InterviewDetails(started_at="2025-03-04T09:30"), interviewer="X"
    )
    return {"lotus": lotus, "export": export}


def live_names(workspace: Workspace) -> list[str]:
    rows = workspace.db.execute("SELECT name FROM organisation WHERE deleted = 0 ORDER BY name")
    return [row[0] for row in rows]


def test_duplicates_are_listed_with_both_records_side_by_side(
    qtbot: QtBot, workspace: Workspace, twins: dict[str, str]
):
    page = make_page(qtbot, workspace)
    page.show_tab("duplicates")
    tab = page.duplicates_tab
    assert page.tabs.tabText(1) == "Possible &duplicates (1)"
    (candidate,) = tab.candidates()
    assert {candidate.org_a, candidate.org_b} == set(twins.values())
    assert cells(tab.model, 0) == [
        candidate.name_a,
        candidate.name_b,
        "Same website (goldenlotus.example.com)",
    ]
    boxes = {tab.box_a.org_id: tab.box_a, tab.box_b.org_id: tab.box_b}
    export = boxes[twins["export"]]
    assert export.name.text() == "GL Seafood Export"
    assert export.countries.text() == "Viet Nam"
    assert export.contacts.text() == "1"
    assert export.interviews.text() == "1"
    assert boxes[twins["lotus"]].interviews.text() == "0"


def test_combining_after_confirmation_keeps_both_sets_of_contacts(
    qtbot: QtBot,
    workspace: Workspace,
    twins: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
):
    asked: list[str] = []

    def confirm(_parent: object, _title: str, question: str, _action: str) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    page = make_page(qtbot, workspace)
    page.show_tab("duplicates")
    tab = page.duplicates_tab
    (candidate,) = tab.candidates()
    with qtbot.waitSignal(page.changed):
        click(qtbot, tab.keep_a_button)
    assert len(asked) == 1 and candidate.name_b in asked[0] and candidate.name_a in asked[0]
    kept = workspace.profiles.get(candidate.org_a)
    assert kept is not None and workspace.profiles.get(candidate.org_b) is None
    assert sorted(c.name for c in kept.contacts) == ["Lan T.", "Somchai P."]
    assert candidate.name_b in kept.other_names
    assert live_names(workspace) == sorted([candidate.name_a, "Mekong Garments"])
    assert "Undo (Ctrl+Z) brings both back" in tab.status.text()
    assert tab.stack.currentWidget() is tab.empty
    assert page.tabs.tabText(1) == "Possible &duplicates (0)"
    # One undoable action: both come back.
    assert workspace.log.undo() is not None
    page.refresh()
    assert len(tab.candidates()) == 1


def test_keeping_b_combines_a_into_b(
    qtbot: QtBot,
    workspace: Workspace,
    twins: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    page = make_page(qtbot, workspace)
    tab = page.duplicates_tab
    (candidate,) = tab.candidates()
    click(qtbot, tab.keep_b_button)
    assert workspace.profiles.get(candidate.org_a) is None
    assert len(workspace.profiles.get(candidate.org_b).contacts) == 2


def test_declining_the_confirmation_changes_nothing(
    qtbot: QtBot,
    workspace: Workspace,
    twins: dict[str, str],
    no_blocking_questions: list[str],
):
    before = workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]
    page = make_page(qtbot, workspace)
    tab = page.duplicates_tab
    click(qtbot, tab.keep_b_button)
    assert len(no_blocking_questions) == 1  # asked, and the answer was no
    assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == before
    assert live_names(workspace) == ["GL Seafood Export", "Golden Lotus Seafood", "Mekong Garments"]
    assert len(tab.candidates()) == 1
    assert tab.status.text() == "Nothing was combined."


def test_open_buttons_ask_to_open_each_organisation(
    qtbot: QtBot, workspace: Workspace, twins: dict[str, str]
):
    page = make_page(qtbot, workspace)
    tab = page.duplicates_tab
    (candidate,) = tab.candidates()
    with qtbot.waitSignal(page.open_requested) as blocker:
        click(qtbot, tab.box_b.open_button)
    assert blocker.args == [candidate.org_b]
    with qtbot.waitSignal(page.open_requested) as blocker:
        click(qtbot, tab.box_a.open_button)
    assert blocker.args == [candidate.org_a]


def test_no_duplicates_says_so(qtbot: QtBot, workspace: Workspace):
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    page = make_page(qtbot, workspace)
    tab = page.duplicates_tab
    assert tab.stack.currentWidget() is tab.empty
    assert not tab.detail.isVisible()


# ----- merge history ---------------------------------------------------------------------------


def test_merges_and_refusals_are_listed_newest_first(
    qtbot: QtBot, laptops: Laptops, monkeypatch: pytest.MonkeyPatch
):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    merged_file = laptops.merge_bob_into_ann()
    record_refusal(
        laptops.ann,
        laptops.folder / "holiday photos.db",
        SyncError("This is not a database made by this app."),
    )
    opened: list[Path] = []
    monkeypatch.setattr(export_dialog, "open_path", opened.append)
    page = make_page(qtbot, laptops.ann)
    page.show_tab("history")
    tab = page.history_tab
    assert page.tabs.tabText(2) == "&Merge history (2)"
    refused, merged = cells(tab.model, 0), cells(tab.model, 1)
    assert refused[1:4] == ["holiday photos.db", "Refused", ""]
    assert refused[5] == "This is not a database made by this app."
    assert (
        QColor(tab.model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole)) == table_problem_colour()
    )
    assert tab.model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert merged[1:3] == [merged_file.name, "Merged"]
    assert int(merged[3]) > 0
    assert merged[4].startswith("Updated 1 organisation") and merged[4].endswith("; 1 conflict")
    (record,) = [r for r in merge_history(laptops.ann) if r.status == "merged"]
    assert merged[6] == record.backup and Path(record.backup).is_file()

    tab.table.setCurrentIndex(tab.model.index(1, 0))
    click(qtbot, tab.folder_button)
    assert opened == [Path(record.backup).parent]


def test_what_a_merge_brought_in_words():
    counts = {
        "new_changes": 12,
        "added": {"contact": 2, "organisation": 1},
        "updated": {"interview": 1},
        "deleted": {},
        "questionnaires": 1,
        "conflicts": 3,
    }
    assert counts_text(counts) == (
        "Added 1 organisation, 2 contacts; updated 1 interview; 1 questionnaire; 3 conflicts"
    )
    assert counts_text({}) == ""


def test_an_empty_history_says_so_and_still_opens_the_backups_folder(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    opened: list[Path] = []
    monkeypatch.setattr(export_dialog, "open_path", opened.append)
    page = make_page(qtbot, workspace)
    page.show_tab("history")
    tab = page.history_tab
    assert tab.stack.currentWidget() is tab.empty
    click(qtbot, tab.folder_button)
    assert len(opened) == 1 and opened[0].name == "backups" and opened[0].is_dir()


# ----- another database ------------------------------------------------------------------------


def test_opening_another_database_shows_its_own_lists(
    qtbot: QtBot, laptops: Laptops, workspace: Workspace
):
    laptops.edit("notes", "Ann met the HR manager", "Bob phoned the owner")
    laptops.merge_bob_into_ann()
    page = make_page(qtbot, laptops.ann)
    assert page.conflict_count() == 1
    page.set_workspace(workspace)
    assert page.conflict_count() == 0
    assert [page.tabs.tabText(i) for i in range(3)] == [
        "&Conflicts (0)",
        "Possible &duplicates (0)",
        "&Merge history (0)",
    ]
    page.set_workspace(laptops.ann)
    assert page.conflict_count() == 1
