"""An organisation's recommendations and follow-ups, driven through the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ctip_desktop.decisions import ACCEPTED, DISMISSED
from ctip_desktop.interviews import InterviewDetails, default_started_at
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.workspace import Workspace

from ui.follow_up_overview import ALL_OPEN
from ui.main_window import MainWindow

from tests.ui.helpers import click, press, type_text


def interviewed_org(workspace: Workspace) -> str:
    """A highly disrupted, open company: readiness 'engage now', several recommendations."""
    org_id = workspace.profiles.save(
        Organisation(
            name="Mekong Harvest Foods",
            sectors=["Fishing and seafood"],
            contacts=[Contact(name="Somsak", primary=True)],
        )
    )
    store = workspace.interviews
    interview_id = store.start(
        org_id,
        store.questionnaires.latest("pse-outreach-example-2"),
        InterviewDetails(started_at=default_started_at()),
        interviewer="Dara Test",
    )
    for item_id, value in {
        "supply_chain_effect": 9,
        "migrant_exploitation_risk": 8,
        "openness_private_sector": 9,
        "openness_cso_donors": 8,
        "hindering_factors": {"selected": ["travel_restrictions"], "other": False},
        "partnership_resources": {"selected": ["convening_power"], "other": False},
    }.items():
        store.save_answer(interview_id, item_id, value)
    store.complete(interview_id)
    return org_id


def open_tab(window: MainWindow, org_id: str, tab: int) -> None:
    window.select_organisation(org_id)
    window.editor.tabs.setCurrentIndex(tab)


def test_readiness_and_recommendations_with_their_reasons(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = interviewed_org(workspace)
    open_tab(window, org_id, window.recommendations_tab)
    panel = window.recommendations
    assert "Engage now" in panel.readiness.text()
    assert panel.model.rowCount() > 0
    assert panel.empty.isHidden()
    detail = panel.detail.toPlainText()
    assert "Why:" in detail and "Example #2, item" in detail
    assert panel.model.index(0, 3).data() == "Proposed"


def test_accepting_adds_follow_ups_and_dismissing_needs_a_reason(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = interviewed_org(workspace)
    open_tab(window, org_id, window.recommendations_tab)
    panel = window.recommendations
    first = panel.current()
    click(qtbot, panel.accept_button)
    assert workspace.decisions.decisions(org_id)[first.rule_id].status == ACCEPTED
    assert panel.model.index(0, 3).data() == "Accepted"
    steps = [f.step for f in workspace.decisions.follow_ups(org_id)]
    assert steps == list(first.next_steps)
    assert window.follow_ups.model.rowCount() == len(steps)

    panel.table.selectRow(1)
    second = panel.current()
    click(qtbot, panel.dismiss_button)
    assert "why" in panel.problem.text()
    assert second.rule_id not in workspace.decisions.decisions(org_id)
    type_text(qtbot, panel.reason, "They run this with the ILO already")
    click(qtbot, panel.dismiss_button)
    decision = workspace.decisions.decisions(org_id)[second.rule_id]
    assert (decision.status, decision.reason) == (DISMISSED, "They run this with the ILO already")
    type_text(qtbot, panel.note, "Ask again after the audit")
    click(qtbot, panel.note_button)
    assert workspace.decisions.decisions(org_id)[second.rule_id].note == "Ask again after the audit"
    # Undo takes back the note, then the dismissal.
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.decisions.decisions(org_id)[second.rule_id].note == ""


def test_follow_ups_are_edited_in_place_and_saved(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = interviewed_org(workspace)
    open_tab(window, org_id, window.follow_ups_tab)
    panel = window.follow_ups
    click(qtbot, panel.add_button)
    editor = panel.table.focusWidget()
    qtbot.keyClicks(editor, "Send the Fair Hiring Toolkit")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(workspace.decisions.follow_ups(org_id)) == 1)
    # A bad date is refused with a message; the stored follow-up keeps its old date.
    index = panel.model.index(0, 2)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    qtbot.keyClicks(panel.table.focusWidget(), "next week")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.problem.isVisible())
    assert "YYYY-MM-DD" in panel.problem.text()
    assert workspace.decisions.follow_ups(org_id)[0].due == ""
    panel.table.edit(index)
    editor = panel.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "2026-12-01")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.decisions.follow_ups(org_id)[0].due == "2026-12-01")
    assert not panel.problem.isVisible()


def test_follow_ups_overview_and_portfolio_lead_back_to_the_organisation(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = interviewed_org(workspace)
    open_tab(window, org_id, window.recommendations_tab)
    click(qtbot, window.recommendations.accept_button)
    ctrl = Qt.KeyboardModifier.ControlModifier

    qtbot.keyClick(window.table, Qt.Key.Key_3, ctrl)
    overview = window.follow_up_overview
    assert window.views.currentWidget() is overview
    assert window.sidebar.currentRow() == 2
    overview.set_window(ALL_OPEN)
    assert {row.follow_up.org_id for row in overview.rows()} == {org_id}
    with qtbot.waitSignal(overview.open_requested):
        overview.select(overview.rows()[0].follow_up.id)
        overview.open_current()
    assert window.views.currentWidget() is window.splitter
    assert window.editor.tabs.currentIndex() == window.follow_ups_tab

    qtbot.keyClick(window.table, Qt.Key.Key_4, ctrl)
    portfolio = window.portfolio
    qtbot.waitUntil(lambda: len(portfolio.points()) == 1, timeout=10_000)
    [point] = portfolio.points()
    assert (point.org_id, point.tier) == (org_id, "engage_now")
    position = portfolio.chart.point_position(org_id)
    qtbot.mouseClick(portfolio.chart, Qt.MouseButton.LeftButton, pos=position)
    assert window.views.currentWidget() is window.splitter
    assert window.editor.tabs.currentIndex() == window.recommendations_tab


def test_a_decision_stays_listed_when_its_recommendation_no_longer_fires(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = interviewed_org(workspace)
    open_tab(window, org_id, window.recommendations_tab)
    panel = window.recommendations
    accepted = panel.current()
    click(qtbot, panel.accept_button)
    [interview] = workspace.interviews.list()
    calm = {
        "supply_chain_effect": 1,
        "migrant_exploitation_risk": 1,
        "openness_private_sector": 1,
        "openness_cso_donors": 1,
        "hindering_factors": {"selected": [], "other": False},
        "partnership_resources": {"selected": [], "other": False},
    }
    workspace.interviews.correct(interview.id, "misread the scales", calm)
    window._refresh_interviews()
    assert accepted.rule_id not in {r.rule_id for r in panel.advice.recommendations}
    titles = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    row = titles.index(accepted.title)
    assert panel.model.index(row, 3).data() == "Accepted (no longer triggered)"
    panel.table.selectRow(row)
    assert "no longer trigger" in panel.detail.toPlainText()
    assert not panel.accept_button.isEnabled()
    click(qtbot, panel.reopen_button)
    assert workspace.decisions.decisions(org_id)[accepted.rule_id].status == "proposed"
    titles = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert accepted.title not in titles  # reopened and not firing: nothing left to show
