"""Conducting interviews through the window, with the keyboard and the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from ctip_desktop.interviews import COMPLETED, DRAFT, InterviewDetails, default_started_at
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.questionnaires import Questionnaire
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

from ui import dialogs, messages
from ui.answer_widgets import ScaleAnswer
from ui.dialogs import QuestionnaireDialog
from ui.main_window import MainWindow

from tests.ui.helpers import ALT, CTRL, click, focused, press, type_here, type_text

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"


def make_org(workspace: Workspace, name: str = "Mekong Harvest Foods", stage: str = "") -> str:
    return workspace.profiles.save(
        Organisation(
            name=name,
            description="Shrimp processing for export",
            countries=["Thailand"],
            stage=stage,
            contacts=[
                Contact(name="Somsak Chaiyo", role="HR manager", primary=True),
                Contact(name="Lina Park", role="Buyer liaison"),
            ],
        )
    )


def questionnaire(workspace: Workspace, questionnaire_id: str) -> Questionnaire:
    return workspace.interviews.questionnaires.latest(questionnaire_id)


@pytest.fixture
def choose(monkeypatch: pytest.MonkeyPatch, workspace: Workspace):
    """Answer the 'which questionnaire' question with the given one."""

    def set_choice(questionnaire_id: str) -> None:
        chosen = questionnaire(workspace, questionnaire_id)
        monkeypatch.setattr(dialogs, "choose_questionnaire", lambda *_args: chosen)

    return set_choice


def start_from_keyboard(qtbot: QtBot, window: MainWindow, org_id: str) -> str:
    """Select the organisation and press Ctrl+I: the wizard opens on the prepare page."""
    window.select_organisation(org_id)
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.wizard)
    assert window.wizard.current_index() == 0
    return window.wizard.interview_id


def next_page(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_Right, ALT)


def stored(workspace: Workspace, interview_id: str, item_id: str):
    interview = workspace.interviews.get(interview_id)
    assert interview is not None
    return interview.value(item_id)


def test_example_1_start_to_finish_with_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_1)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    answers = {
        "pressing_business_issue": "Orders from buyers fell by half since March.",
        "pressing_workforce_issue": "Migrant workers from Myanmar cannot return after leave.",
        "shifting_priorities": "More attention to housing and health of workers.",
        "useful_desk_research": "Recruitment fees paid by workers in the region.",
        "other_support": "Training for supervisors on grievance handling.",
    }
    # On the prepare page: Alt+L goes to the place (the date field keeps Tab for its parts).
    press(qtbot, Qt.Key.Key_L, ALT)
    assert focused().objectName() == "place"
    type_here(qtbot, "Samut Sakhon plant")
    for item_id, text in answers.items():
        next_page(qtbot)
        page = window.wizard.current_item_page()
        assert page is not None and page.item.id == item_id
        assert isinstance(focused(), QPlainTextEdit)
        type_here(qtbot, text)
    next_page(qtbot)  # the review page
    assert window.wizard.current_index() == window.wizard.review_index
    assert window.wizard.review_summary.text() == "Every item has an answer."
    press(qtbot, Qt.Key.Key_Return, CTRL)  # complete
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.interview_view)

    interview = workspace.interviews.get(interview_id)
    assert interview is not None
    assert interview.status == COMPLETED
    assert interview.details.place == "Samut Sakhon plant"
    assert interview.interviewer == "Dara Test"
    assert {item_id: interview.value(item_id) for item_id in answers} == answers
    # Example #1 leaves the stage alone.
    assert workspace.profiles.get(org_id).stage == ""


def test_example_2_start_to_finish_with_mouse_and_keyboard(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    org_id = make_org(workspace, stage="Contacted")
    choose(EXAMPLE_2)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    wizard = window.wizard

    next_page(qtbot)  # 1: identification, filled from the profile, editable
    page = wizard.current_item_page()
    representative = page.answer.findChild(QLineEdit, "field_representative")
    assert representative.text() == "Somsak Chaiyo"
    assert page.answer.findChild(QLineEdit, "field_organisation").text() == "Mekong Harvest Foods"
    representative.selectAll()
    type_text(qtbot, representative, "Khun Somsak Chaiyo")

    next_page(qtbot)  # 2: general notes, in Thai
    type_here(qtbot, "บริษัทมีแรงงานข้ามชาติ 300 คน")

    next_page(qtbot)  # 3: scale by a key press
    assert isinstance(focused(), ScaleAnswer)
    press(qtbot, Qt.Key.Key_8)
    assert stored(workspace, interview_id, "supply_chain_effect") == 8

    next_page(qtbot)  # 4: tick with Space, move with Tab; Other demands its text
    page = wizard.current_item_page()
    press(qtbot, Qt.Key.Key_Space)  # Travel restrictions
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Sick
    other = page.answer.findChild(QCheckBox, "option_other")
    other.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert focused().objectName() == "otherText"
    next_page(qtbot)
    assert wizard.current_item_page() is page, "Other ticked without text must hold the page"
    problem = page.answer.problem
    assert problem.isVisible() and "write what it is" in problem.text()
    type_here(qtbot, "Floods")
    next_page(qtbot)
    assert stored(workspace, interview_id, "hindering_factors") == {
        "selected": ["travel_restrictions", "sick"],
        "other": True,
        "other_text": "Floods",
    }

    # 5: mouse clicks on options
    page = wizard.current_item_page()
    assert page.item.id == "business_effects"
    click(qtbot, page.answer.findChild(QCheckBox, "option_reduced_workforce"))
    click(qtbot, page.answer.findChild(QCheckBox, "option_supplier_disruptions"))
    next_page(qtbot)

    # 6: keyboard
    press(qtbot, Qt.Key.Key_Space)  # Loans / financing
    next_page(qtbot)

    # 7-10: scales, by mouse on 7, keys elsewhere (0 means 10)
    page = wizard.current_item_page()
    click(qtbot, page.answer.findChild(QPushButton, "point9"))
    next_page(qtbot)
    press(qtbot, Qt.Key.Key_3)
    next_page(qtbot)
    press(qtbot, Qt.Key.Key_0)
    next_page(qtbot)
    press(qtbot, Qt.Key.Key_5)
    press(qtbot, Qt.Key.Key_Right)  # arrows move the point: 6
    next_page(qtbot)

    # 11: resources
    page = wizard.current_item_page()
    assert page.item.id == "partnership_resources"
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Subject matter expertise
    next_page(qtbot)

    assert wizard.current_index() == wizard.review_index
    assert wizard.progress_bar.value() == 11
    click(qtbot, wizard.complete_button)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.interview_view)

    interview = workspace.interviews.get(interview_id)
    assert interview.status == COMPLETED
    assert {item_id: answer.value for item_id, answer in interview.answers.items()} == {
        "identification": {
            "organisation": "Mekong Harvest Foods",
            "representative": "Khun Somsak Chaiyo",
        },
        "general_notes": "บริษัทมีแรงงานข้ามชาติ 300 คน",
        "supply_chain_effect": 8,
        "hindering_factors": {
            "selected": ["travel_restrictions", "sick"],
            "other": True,
            "other_text": "Floods",
        },
        "business_effects": {
            "selected": ["reduced_workforce", "supplier_disruptions"],
            "other": False,
            "other_text": "",
        },
        "recovering_needs": {"selected": ["loans_financing"], "other": False, "other_text": ""},
        "migrant_exploitation_risk": 9,
        "continuity_plan": 3,
        "openness_private_sector": 10,
        "openness_cso_donors": 6,
        "partnership_resources": {
            "selected": ["subject_matter_expertise"],
            "other": False,
            "other_text": "",
        },
    }
    # Completing Example #2 moved the organisation on to "Interviewed".
    assert workspace.profiles.get(org_id).stage == "Interviewed"
    assert "Interviewed" in [
        window.model.index(row, 4).data() for row in range(window.model.rowCount())
    ]


def test_missing_answers_are_marked_and_completion_asks_first(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose, no_blocking_questions
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_2)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    wizard = window.wizard
    wizard.side.setCurrentRow(wizard.review_index)  # jump with the side list
    assert wizard.current_index() == wizard.review_index
    answers = [
        wizard.review_model.index(row, 2).data() for row in range(wizard.review_model.rowCount())
    ]
    assert answers[0].startswith("Organization Name: Mekong Harvest Foods")
    assert answers[1:] == ["— missing —"] * 10
    assert "10 of 11" in wizard.review_summary.text()
    click(qtbot, wizard.complete_button)  # the question is answered "no" by the fixture
    assert any("have no answer" in q for q in no_blocking_questions)
    assert workspace.interviews.get(interview_id).status == DRAFT
    assert window.views.currentWidget() is wizard
    # Enter on a review line goes to that item.
    wizard.review_table.setFocus()
    wizard.review_table.selectRow(2)
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current_item_page().item.id == "supply_chain_effect"


def test_typed_text_is_saved_after_a_pause_without_leaving_the_page(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_1)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    next_page(qtbot)
    type_here(qtbot, "Cash flow")
    assert stored(workspace, interview_id, "pressing_business_issue") is None
    qtbot.waitUntil(
        lambda: stored(workspace, interview_id, "pressing_business_issue") == "Cash flow",
        timeout=3000,
    )
    assert window.wizard.current_item_page().saved.text().startswith("Saved")


def test_closing_halfway_and_resuming_in_a_new_window(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    settings: Settings,
    choose,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_2)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    next_page(qtbot)
    next_page(qtbot)
    type_here(qtbot, "Met the HR team in the canteen.")
    next_page(qtbot)
    press(qtbot, Qt.Key.Key_7)
    next_page(qtbot)
    press(qtbot, Qt.Key.Key_Space)
    next_page(qtbot)
    path = workspace.path
    window.close()
    assert not window.isVisible()

    asked: list[str] = []

    def ask_resume(_parent: object, description: str) -> bool:
        asked.append(description)
        return True

    monkeypatch.setattr(messages, "ask_resume", ask_resume)
    reopened = open_workspace(path, settings)
    second = MainWindow(reopened, settings)
    qtbot.addWidget(second)
    second.show()
    second.offer_resume()
    try:
        assert asked and "Mekong Harvest Foods" in asked[0] and "4 of 11 answered" in asked[0]
        assert second.views.currentWidget() is second.wizard
        assert second.wizard.interview_id == interview_id
        assert second.wizard.current_item_page().item.id == "business_effects"
        interview = reopened.interviews.get(interview_id)
        assert interview.value("general_notes") == "Met the HR team in the canteen."
        assert interview.value("supply_chain_effect") == 7
        assert interview.value("hindering_factors")["selected"] == ["travel_restrictions"]
        # The pages show what was given.
        second.wizard.side.setCurrentRow(3)
        assert second.wizard.current_item_page().answer.value() == 7
    finally:
        second.close()


def complete_example_2(workspace: Workspace, org_id: str) -> str:
    store = workspace.interviews
    interview_id = store.start(
        org_id,
        questionnaire(workspace, EXAMPLE_2),
        InterviewDetails(started_at=default_started_at()),
        interviewer="Dara Test",
    )
    store.save_answer(interview_id, "supply_chain_effect", 4)
    store.save_answer(interview_id, "openness_cso_donors", 9)
    store.complete(interview_id)
    return interview_id


def open_from_all_interviews(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.table, Qt.Key.Key_2, CTRL)
    assert window.views.currentWidget() is window.interview_list
    table = window.interview_list.table
    table.setFocus()
    table.selectRow(0)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.interview_view)


def test_a_correction_needs_a_reason_and_keeps_history(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = make_org(workspace)
    interview_id = complete_example_2(workspace, org_id)
    window.interview_list.refresh()
    open_from_all_interviews(qtbot, window)
    view = window.interview_view
    assert "3. Degree to which COVID-19" in view.answers_view.toPlainText()
    history = view.history_model
    assert [(history.index(0, 2).data(), history.index(0, 4).data())] == [("Status", "completed")]
    assert history.rowCount() == 1

    click(qtbot, view.correct_button)
    assert view.correcting
    scale = view.correction_widgets["supply_chain_effect"]
    scale.setFocus()
    press(qtbot, Qt.Key.Key_6)
    click(qtbot, view.findChild(QPushButton, "saveCorrection"))
    assert view.correcting, "no reason given: nothing saved"
    assert "reason" in view.correction_problems.text()
    assert workspace.interviews.get(interview_id).value("supply_chain_effect") == 4

    type_text(qtbot, view.reason, "Interviewee called back: it was 6")
    click(qtbot, view.findChild(QPushButton, "saveCorrection"))
    assert not view.correcting
    assert workspace.interviews.get(interview_id).value("supply_chain_effect") == 6
    rows = [
        [view.history_model.index(r, c).data() for c in range(6)]
        for r in range(view.history_model.rowCount())
    ]
    assert [r[2][:9] for r in rows] == ["Status", "3. Degree"]  # nothing else was touched
    assert rows[1][1:] == [
        "Dara Test",
        rows[1][2],
        "4",
        "6",
        "Interviewee called back: it was 6",
    ]
    assert view.history_table.isVisible()


def test_a_manager_reviews_a_completed_interview(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = make_org(workspace)
    interview_id = complete_example_2(workspace, org_id)
    window.interview_list.refresh()
    open_from_all_interviews(qtbot, window)
    view = window.interview_view
    click(qtbot, view.has_issues)
    click(qtbot, view.review_button)  # has issues needs a comment
    assert workspace.interviews.get(interview_id).review_state == ""
    assert "Say what the issues are" in view.review_problem.text()
    assert focused() is view.review_comment
    type_text(qtbot, view.review_comment, "Item 4 was not asked")
    click(qtbot, view.review_button)
    interview = workspace.interviews.get(interview_id)
    assert (interview.review_state, interview.review_comment) == (
        "has_issues",
        "Item 4 was not asked",
    )
    assert "Has issues" in view.review_state.text()
    # The list shows it, and filters by it.
    click(qtbot, view.back_button)
    assert window.views.currentWidget() is window.interview_list
    review_filter = window.interview_list.filters["review"]
    review_filter.setCurrentIndex(review_filter.findText("Approved"))
    assert window.interview_list.model.rowCount() == 0
    review_filter.setCurrentIndex(review_filter.findText("Has issues"))
    assert window.interview_list.model.rowCount() == 1
    assert window.interview_list.model.index(0, 4).data() == "Has issues"


def test_interview_lists_filter_and_open_drafts_in_the_wizard(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    first = make_org(workspace, "Andaman Nets")
    second = make_org(workspace, "Bago Rice Mill")
    complete_example_2(workspace, first)
    draft = workspace.interviews.start(
        second,
        questionnaire(workspace, EXAMPLE_1),
        InterviewDetails(started_at="2025-03-04T09:30"),
        interviewer="Nok",
    )
    qtbot.keyClick(window.table, Qt.Key.Key_2, CTRL)
    page = window.interview_list
    assert page.model.rowCount() == 2
    status = page.filters["status"]
    status.setCurrentIndex(status.findText("Drafts"))
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "Bago Rice Mill"
    interviewer = page.filters["interviewer"]
    interviewer.setCurrentIndex(interviewer.findText("Nok"))
    assert page.model.rowCount() == 1
    status.setCurrentIndex(0)
    interviewer.setCurrentIndex(0)
    page.date_to.setDate(page.date_to.date().fromString("2025-12-31", "yyyy-MM-dd"))
    assert page.model.rowCount() == 1
    # A draft opens in the wizard where it stopped.
    page.table.setFocus()
    page.table.selectRow(0)
    press(qtbot, Qt.Key.Key_Return)
    assert window.views.currentWidget() is window.wizard
    assert window.wizard.interview_id == draft
    # The organisation's own tab lists only its interviews.
    window.show_view(window.splitter)
    window.select_organisation(first)
    assert window.org_interviews.model.rowCount() == 1
    assert window.org_interviews.model.index(0, 3).data() == "Completed"


def test_new_interview_without_an_organisation_says_what_to_do(
    qtbot: QtBot, window: MainWindow, no_blocking_questions
) -> None:
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)
    assert window.views.currentWidget() is window.splitter
    assert "questionnaire" not in no_blocking_questions
    box = window.findChild(messages.QMessageBox, "errorBox")
    assert box is not None and "Select the organisation" in box.text()
    box.close()


def test_the_questionnaire_is_chosen_with_arrow_keys_and_enter(
    qtbot: QtBot, workspace: Workspace
) -> None:
    choices = workspace.interviews.questionnaires.current()
    dialog = QuestionnaireDialog(choices, EXAMPLE_1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen().id == EXAMPLE_1
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.chosen().id == EXAMPLE_2


def test_example_2_with_the_keyboard_alone_from_search_to_completion(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    make_org(workspace, "Andaman Nets")
    org_id = make_org(workspace, "Mekong Harvest Foods")
    choose(EXAMPLE_2)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F, CTRL)
    type_here(qtbot, "Mekong")
    press(qtbot, Qt.Key.Key_Return)  # Enter opens the first one found
    assert focused() is window.table
    assert window.editor.org_id == org_id
    press(qtbot, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.wizard)
    interview_id = window.wizard.interview_id
    assert not window.actions.undo.isEnabled()

    next_page(qtbot)  # 1: identification as filled
    next_page(qtbot)  # 2
    type_here(qtbot, "Two shifts cut to one.")
    next_page(qtbot)  # 3
    press(qtbot, Qt.Key.Key_7)
    next_page(qtbot)  # 4: Other, by Tab and Space, then its text
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    type_here(qtbot, "Debt to brokers")
    next_page(qtbot)  # 5
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    next_page(qtbot)  # 6
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    for key in (Qt.Key.Key_8, Qt.Key.Key_2, Qt.Key.Key_6, Qt.Key.Key_9):  # 7-10
        next_page(qtbot)
        press(qtbot, key)
    next_page(qtbot)  # 11
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # to the review
    assert window.wizard.current_index() == window.wizard.review_index
    press(qtbot, Qt.Key.Key_Return, CTRL)  # complete
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.interview_view)

    interview = workspace.interviews.get(interview_id)
    assert interview.status == COMPLETED
    assert interview.value("general_notes") == "Two shifts cut to one."
    assert interview.value("hindering_factors") == {
        "selected": [],
        "other": True,
        "other_text": "Debt to brokers",
    }
    assert interview.value("business_effects")["selected"] == ["supplier_disruptions"]
    assert interview.value("recovering_needs")["selected"] == ["grants"]
    assert [interview.value(i) for i in ("migrant_exploitation_risk", "continuity_plan")] == [8, 2]
    assert interview.value("openness_private_sector") == 6
    assert interview.value("openness_cso_donors") == 9
    assert interview.value("partnership_resources")["selected"] == ["convening_power"]
    assert workspace.interviews.missing_items(interview) == []


def test_tabbing_to_the_list_and_pressing_enter_opens_the_row(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = make_org(workspace, "Andaman Nets")
    window.model.refresh()
    window.search.setFocus()
    for _ in range(4):  # past the sector, country and stage filters to the list
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.table
    press(qtbot, Qt.Key.Key_Return)
    assert window.editor.org_id == org_id


def test_text_typed_without_a_pause_is_still_saved_every_few_seconds(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    choose,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui import interview_wizard

    monkeypatch.setattr(interview_wizard, "SAVE_AT_LEAST_EVERY_MS", 300)
    org_id = make_org(workspace)
    choose(EXAMPLE_1)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    next_page(qtbot)
    for word in ("workers", "are", "not", "paid", "on", "time", "since", "the", "lockdown"):
        type_here(qtbot, word + " ")
        qtbot.wait(60)  # never the 1.5 s pause
    saved = stored(workspace, interview_id, "pressing_business_issue")
    assert saved is not None and saved.startswith("workers are")


def test_a_correction_that_changes_nothing_is_refused_and_details_can_be_corrected(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    org_id = workspace.profiles.save(Organisation(name="No Contacts Yet Ltd"))
    interview_id = complete_example_2(workspace, org_id)  # representative left empty
    window.interview_list.refresh()
    open_from_all_interviews(qtbot, window)
    view = window.interview_view
    click(qtbot, view.correct_button)
    type_text(qtbot, view.reason, "Checked again")
    click(qtbot, view.findChild(QPushButton, "saveCorrection"))
    assert view.correcting
    assert "Nothing was changed" in view.correction_problems.text()
    # An empty representative name is a gap, not a reason to refuse a correction.
    place = view.correction_details.place
    type_text(qtbot, place, "Yangon office")
    click(qtbot, view.findChild(QPushButton, "saveCorrection"))
    assert not view.correcting
    assert workspace.interviews.get(interview_id).details.place == "Yangon office"
    rows = [
        [view.history_model.index(r, c).data() for c in range(6)]
        for r in range(view.history_model.rowCount())
    ]
    assert rows[-1][2:] == ["Place", "", "Yangon office", "Checked again"]


def test_leaving_a_correction_with_edits_asks_first(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, no_blocking_questions
) -> None:
    org_id = make_org(workspace)
    complete_example_2(workspace, org_id)
    window.interview_list.refresh()
    open_from_all_interviews(qtbot, window)
    view = window.interview_view
    click(qtbot, view.correct_button)
    type_text(qtbot, view.reason, "half typed")
    qtbot.keyClick(view.reason, Qt.Key.Key_1, CTRL)  # to Organisations: asked, and refused
    assert any("not saved" in q for q in no_blocking_questions)
    assert window.views.currentWidget() is view and view.correcting
    assert view.reason.text() == "half typed"


def test_a_draft_started_by_mistake_is_discarded_and_undo_brings_it_back(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    choose,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_1)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    click(qtbot, window.wizard.discard_button)
    assert window.views.currentWidget() is window.splitter
    assert workspace.interviews.get(interview_id) is None
    assert workspace.interviews.drafts_to_resume() == []
    assert window.actions.save.isEnabled()  # back on the profile, its actions work again
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert workspace.interviews.get(interview_id) is not None


def test_a_50_kb_note_is_saved_whole_and_shown_short_on_review(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_2)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    next_page(qtbot)
    next_page(qtbot)  # 2: General Notes
    note = "บันทึกภาคสนาม " + "Workers described recruitment fees and debts. " * 1100
    type_here(qtbot, note)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: next page, saving the note
    assert len(note.encode("utf-8")) > 50_000
    assert stored(workspace, interview_id, "general_notes") == note
    window.wizard.side.setCurrentRow(window.wizard.review_index)
    shown = window.wizard.review_model.index(1, 2).data()
    assert shown.startswith("บันทึกภาคสนาม") and shown.endswith("…") and len(shown) < 500
