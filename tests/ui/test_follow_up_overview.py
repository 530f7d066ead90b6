"""Follow-ups across organisations: due and overdue listed, marked done inline, opened."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from ctip_desktop.decisions import CANCELLED, DONE, OPEN, FollowUp
from ctip_desktop.profiles import Organisation
from ctip_desktop.workspace import Workspace

from ui.follow_up_overview import ALL_OPEN, OVERDUE_ONLY, FollowUpOverview
from ui.style import table_problem_colour

from tests.ui.helpers import click, focused, press, type_text

TODAY = date(2026, 3, 10)


@pytest.fixture
def data(workspace: Workspace) -> dict[str, str]:
    lotus = workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    andaman = workspace.profiles.save(Organisation(name="Andaman Garments"))
    gone = workspace.profiles.save(Organisation(name="Deleted Fisheries"))
    store = workspace.decisions

    def follow_up(org_id: str, step: str, due: str, status: str = OPEN) -> str:
        return store.save_follow_up(
            FollowUp(step=step, owner="Dara", due=due, status=status, org_id=org_id)
        )

    ids = {
        "lotus": lotus,
        "andaman": andaman,
        "overdue": follow_up(lotus, "Call the HR manager", "2026-03-01"),
        "soon": follow_up(andaman, "Share the Fair Hiring Toolkit", "2026-03-15"),
        "today": follow_up(lotus, "Send the meeting notes", "2026-03-10"),
        "later": follow_up(andaman, "Plan the supplier roundtable", "2026-03-30"),
        "undated": follow_up(lotus, "Ask about the grievance hotline", ""),
        "done": follow_up(lotus, "Introduce the recruiter", "2026-03-02", DONE),
        "cancelled": follow_up(andaman, "Old idea", "2026-03-03", CANCELLED),
        "of_deleted": follow_up(gone, "Visit the plant", "2026-03-04"),
    }
    workspace.profiles.delete(gone)
    return ids


@pytest.fixture
def overview(qtbot: QtBot, workspace: Workspace, data: dict[str, str]) -> FollowUpOverview:
    overview = FollowUpOverview(workspace.decisions)
    qtbot.addWidget(overview)
    overview.resize(1000, 500)
    overview.show()
    qtbot.waitExposed(overview)
    overview.refresh(TODAY)
    return overview


def listed(overview: FollowUpOverview) -> list[str]:
    return [row.follow_up.step for row in overview.rows()]


def cell(overview: FollowUpOverview, row: int, column: int, role: Qt.ItemDataRole) -> object:
    return overview.model.index(row, column).data(role)


def test_open_follow_ups_due_within_two_weeks_overdue_first_and_in_red(
    overview: FollowUpOverview,
):
    assert listed(overview) == [
        "Call the HR manager",
        "Send the meeting notes",
        "Share the Fair Hiring Toolkit",
        "Ask about the grievance hotline",  # no date: always worth a look
    ]
    assert overview.count.text() == "5 open, 1 overdue · 4 shown"
    display = Qt.ItemDataRole.DisplayRole
    assert [cell(overview, 0, c, display) for c in range(5)] == [
        "Golden Lotus Seafood",
        "Call the HR manager",
        "Dara",
        "2026-03-01",
        "Overdue by 9 days",
    ]
    assert [cell(overview, r, 4, display) for r in range(4)] == [
        "Overdue by 9 days",
        "Due today",
        "In 5 days",
        "No date",
    ]
    foreground = Qt.ItemDataRole.ForegroundRole
    assert QColor(cell(overview, 0, 4, foreground)) == table_problem_colour()
    assert QColor(cell(overview, 0, 3, foreground)) == table_problem_colour()
    assert all(cell(overview, r, c, foreground) is None for r in (1, 2, 3) for c in range(5))


def test_the_period_chosen_changes_what_is_listed(qtbot: QtBot, overview: FollowUpOverview):
    combo = overview.window_choice
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 14 days -> 30 days
    assert combo.currentData() == 30
    assert "Plan the supplier roundtable" in listed(overview)
    assert overview.count.text().endswith("5 shown")

    overview.set_window(OVERDUE_ONLY)
    assert listed(overview) == ["Call the HR manager"]
    overview.set_window(7)
    assert listed(overview) == [
        "Call the HR manager",
        "Send the meeting notes",
        "Share the Fair Hiring Toolkit",
        "Ask about the grievance hotline",
    ]
    overview.set_window(ALL_OPEN)
    assert len(listed(overview)) == 5

    # A later "today" makes more of them overdue.
    overview.refresh(date(2026, 3, 20))
    assert overview.count.text() == "5 open, 3 overdue · 5 shown"
    overview.set_window(OVERDUE_ONLY)
    assert listed(overview) == [
        "Call the HR manager",
        "Send the meeting notes",
        "Share the Fair Hiring Toolkit",
    ]


def test_mark_done_asks_for_the_outcome_inline_and_saves_it(
    qtbot: QtBot, overview: FollowUpOverview, workspace: Workspace, data: dict[str, str]
):
    assert overview.select(data["soon"])
    assert not overview.outcome_panel.isVisible()
    click(qtbot, overview.done_button)
    assert overview.outcome_panel.isVisible()
    assert focused() is overview.outcome
    assert "Share the Fair Hiring Toolkit" in overview.outcome_label.text()
    assert not overview.done_button.isEnabled()
    type_text(qtbot, overview.outcome, "Sent; they will use it for the new agency")
    with qtbot.waitSignal(overview.follow_up_done) as done:
        press(qtbot, Qt.Key.Key_Return)
    assert done.args == [data["soon"]]

    stored = workspace.decisions.get_follow_up(data["soon"])
    assert stored is not None
    assert (stored.status, stored.outcome) == (DONE, "Sent; they will use it for the new agency")
    assert (stored.step, stored.due, stored.owner) == (
        "Share the Fair Hiring Toolkit",
        "2026-03-15",
        "Dara",
    )
    assert "Share the Fair Hiring Toolkit" not in listed(overview)
    assert overview.count.text() == "4 open, 1 overdue · 3 shown"
    assert not overview.outcome_panel.isVisible()
    assert focused() is overview.table and overview.current_row() is not None


def test_mark_done_with_the_save_button_and_escape_gives_up(
    qtbot: QtBot, overview: FollowUpOverview, workspace: Workspace, data: dict[str, str]
):
    overview.select(data["overdue"])
    click(qtbot, overview.done_button)
    type_text(qtbot, overview.outcome, "Never mind")
    with qtbot.assertNotEmitted(overview.follow_up_done):
        press(qtbot, Qt.Key.Key_Escape)
    assert not overview.outcome_panel.isVisible()
    stored = workspace.decisions.get_follow_up(data["overdue"])
    assert stored is not None and stored.status == OPEN and stored.outcome == ""

    overview.table.setFocus()
    click(qtbot, overview.done_button)
    type_text(qtbot, overview.outcome, "Called on Monday: the HR manager wants training")
    with qtbot.waitSignal(overview.follow_up_done):
        click(qtbot, overview.save_button)
    stored = workspace.decisions.get_follow_up(data["overdue"])
    assert stored is not None and stored.status == DONE
    assert stored.outcome == "Called on Monday: the HR manager wants training"
    assert workspace.decisions.counts(TODAY) == {"open": 4, "overdue": 0}
    assert overview.count.text().startswith("4 open, 0 overdue")


def test_a_problem_saving_shows_under_the_field(
    qtbot: QtBot, overview: FollowUpOverview, workspace: Workspace, data: dict[str, str]
):
    overview.select(data["today"])
    click(qtbot, overview.done_button)
    workspace.decisions.delete_follow_up(data["today"])  # deleted meanwhile (another window)
    with qtbot.assertNotEmitted(overview.follow_up_done):
        click(qtbot, overview.save_button)
    assert overview.outcome_error.isVisible()
    assert overview.outcome_error.text() == "This follow-up no longer exists."


def test_open_organisation_by_button_enter_and_double_click(
    qtbot: QtBot, overview: FollowUpOverview, data: dict[str, str]
):
    overview.select(data["soon"])
    with qtbot.waitSignal(overview.open_requested) as opened:
        click(qtbot, overview.open_button)
    assert opened.args == [data["andaman"]]

    overview.window_choice.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is overview.table
    overview.select(data["overdue"])
    with qtbot.waitSignal(overview.open_requested) as opened:
        press(qtbot, Qt.Key.Key_Return)
    assert opened.args == [data["lotus"]]

    row = overview.model.row_of(data["soon"])
    centre = overview.table.visualRect(overview.model.index(row, 1)).center()
    qtbot.mouseClick(overview.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(overview.open_requested) as opened:
        qtbot.mouseDClick(overview.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [data["andaman"]]


def test_nothing_due_shows_a_sentence_and_no_buttons_to_press(qtbot: QtBot, workspace: Workspace):
    workspace.profiles.save(Organisation(name="Quiet Co."))
    overview = FollowUpOverview(workspace.decisions)
    qtbot.addWidget(overview)
    overview.show()
    qtbot.waitExposed(overview)
    overview.refresh(TODAY)
    assert overview.empty.isVisible() and not overview.table.isVisible()
    assert overview.empty.text() == "No open follow-up is due in this period."
    assert overview.count.text() == "0 open, 0 overdue · 0 shown"
    assert not overview.done_button.isEnabled() and not overview.open_button.isEnabled()
    overview.set_window(OVERDUE_ONLY)
    assert overview.empty.text() == "No follow-up is overdue."
