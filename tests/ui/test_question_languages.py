"""Conducting an interview with its questions in another language, through the window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from ctip_desktop.interviews import COMPLETED
from ctip_desktop.questionnaires import user_translations_dir
from ctip_desktop.workspace import Workspace

from ui import dialogs, messages
from ui.main_window import MainWindow

from tests.ui.helpers import ALT, click, focused, press, type_here
from tests.ui.test_interviews import EXAMPLE_1, EXAMPLE_2, make_org, next_page, start_from_keyboard


@pytest.fixture
def choose(monkeypatch: pytest.MonkeyPatch, workspace: Workspace):
    def set_choice(questionnaire_id: str) -> None:
        chosen = workspace.interviews.questionnaires.latest(questionnaire_id)
        monkeypatch.setattr(dialogs, "choose_questionnaire", lambda *_args: chosen)

    return set_choice


def language_box(window: MainWindow) -> QComboBox:
    # The wizard's own reference: a rebuilt page leaves the old list until it is deleted.
    box = window.wizard.question_language
    assert box.objectName() == "questionLanguage" and box.isVisible()
    return box


def pick_language(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """Alt+Q reaches the list; arrow keys move through it, as a person would.

    Each move shows the draft in that language at once (the pages are rebuilt, the list
    with them, and the keyboard focus stays on the list).
    """
    press(qtbot, Qt.Key.Key_Q, ALT)
    for _ in range(10):
        box = focused()
        assert isinstance(box, QComboBox) and box.objectName() == "questionLanguage"
        target = box.findData(code)
        assert target >= 0, f"{code} is not offered"
        if box.currentIndex() == target:
            break
        press(qtbot, Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up)
    assert language_box(window).currentData() == code
    assert window.wizard.current_index() == 0


def test_the_languages_offered_say_which_are_not_yet_reviewed(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    choose(EXAMPLE_1)
    start_from_keyboard(qtbot, window, make_org(workspace))
    box = language_box(window)
    offered = [(box.itemData(i), box.itemText(i)) for i in range(box.count())]
    assert offered == [
        ("", "English (the questionnaire's own)"),
        ("km", "ខ្មែរ — Khmer (not yet reviewed)"),
        ("th", "ไทย — Thai (not yet reviewed)"),
        ("vi", "Tiếng Việt — Vietnamese (not yet reviewed)"),
    ]
    assert box.currentData() == ""
    assert not window.wizard.translation_problems.isVisible()


def test_an_interview_conducted_in_thai(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    choose,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org_id = make_org(workspace)
    choose(EXAMPLE_2)
    interview_id = start_from_keyboard(qtbot, window, org_id)
    wizard = window.wizard
    pick_language(qtbot, window, "th")
    assert workspace.interviews.get(interview_id).questionnaire_language == "th"
    assert "ตัวอย่างที่ 2" in wizard.title.text()
    assert wizard.current_index() == 0  # still preparing

    next_page(qtbot)  # 1: identification, its field labels in Thai
    page = wizard.current_item_page()
    assert page.question.text() == "1. ชื่อองค์กรและชื่อผู้แทน:"
    labels = {label.text() for label in page.answer.findChildren(QLabel)}
    assert {"ชื่อองค์กร", "ชื่อผู้แทน"} <= labels
    next_page(qtbot)  # 2: notes, typed in Thai
    assert wizard.current_item_page().question.text() == "2. บันทึกทั่วไป"
    type_here(qtbot, "ผู้จัดการฝ่ายบุคคลให้สัมภาษณ์")
    next_page(qtbot)  # 3: a scale with Thai anchors
    page = wizard.current_item_page()
    assert page.question.text().startswith("3. ระดับที่โควิด-19")
    assert page.answer.findChild(QLabel, "anchor1").text() == "1 = ไม่กระทบเลย"
    assert page.answer.findChild(QLabel, "anchor10").text() == "10 = หยุดชะงักทั้งหมด"
    press(qtbot, Qt.Key.Key_7)
    next_page(qtbot)  # 4: options and "Other" in Thai
    page = wizard.current_item_page()
    sick = page.answer.findChild(QCheckBox, "option_sick")
    assert sick.text() == "เจ็บป่วย"
    assert page.answer.findChild(QCheckBox, "option_other").text() == "อื่น ๆ"
    click(qtbot, sick)
    # The side list reads in Thai too.
    assert wizard.side.item(4).text().startswith("✓ 4. มีปัจจัยใด")

    wizard.side.setCurrentRow(wizard.review_index)
    assert wizard.current_index() == wizard.review_index
    review = {
        wizard.review_model.index(row, 0).data(): (
            wizard.review_model.index(row, 1).data(),
            wizard.review_model.index(row, 2).data(),
        )
        for row in range(wizard.review_model.rowCount())
    }
    assert review["3"] == (
        "ระดับที่โควิด-19 ส่งผลกระทบต่อห่วงโซ่อุปทานของบริษัท (มาตรวัด 1-10)",
        "7",
    )
    assert review["4"][1] == "เจ็บป่วย"
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, q, _a: asked.append(q) or True)
    click(qtbot, wizard.complete_button)  # items 5-11 unanswered: asked, and confirmed
    assert len(asked) == 1
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.interview_view)

    interview = workspace.interviews.get(interview_id)
    assert interview.status == COMPLETED and interview.questionnaire_language == "th"
    # The answers are the same values as in English: the option's id, the point.
    assert interview.value("hindering_factors")["selected"] == ["sick"]
    assert interview.value("supply_chain_effect") == 7
    view = window.interview_view
    assert "ไทย (Thai)" in view.meta.text()
    answers = view.answers_view.toPlainText()
    assert "4. มีปัจจัยใดด้านล่างนี้" in answers and "เจ็บป่วย" in answers
    assert "Sick" not in answers and "General Notes" not in answers


def test_a_draft_goes_back_to_english(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    choose(EXAMPLE_2)
    interview_id = start_from_keyboard(qtbot, window, make_org(workspace))
    pick_language(qtbot, window, "vi")
    next_page(qtbot)
    next_page(qtbot)
    assert window.wizard.current_item_page().question.text() == "2. Ghi chú chung"
    type_here(qtbot, "Nhà máy")  # typed in Vietnamese, kept whatever the language
    window.wizard.side.setCurrentRow(0)
    pick_language(qtbot, window, "")
    assert workspace.interviews.get(interview_id).questionnaire_language == ""
    assert workspace.interviews.get(interview_id).value("general_notes") == "Nhà máy"
    window.wizard.side.setCurrentRow(2)
    page = window.wizard.current_item_page()
    assert page.question.text() == "2. General Notes"
    assert page.answer.value() == "Nhà máy"


@pytest.fixture
def team_files() -> None:
    """A team's Burmese file and a broken Lao one in the user folder, before the app opens."""
    folder = user_translations_dir()
    folder.mkdir(parents=True)
    burmese = {
        "format": 1,
        "questionnaire": EXAMPLE_1,
        "version": 1,
        "language": "my",
        "language_name": "မြန်မာ",
        "language_name_english": "Burmese",
        "reviewed": True,
        "items": {"pressing_business_issue": {"text": "ယခု သင့်လုပ်ငန်းအတွက် အရေးအကြီးဆုံးပြဿနာက ဘာလဲ။"}},
    }
    (folder / "example-1.my.json").write_text(json.dumps(burmese, ensure_ascii=False), "utf-8")
    (folder / "broken.lo.json").write_text('{"questionnaire": "x", "format": 1}', "utf-8")


def test_a_teams_translation_file_is_offered_and_a_broken_one_named(
    team_files: None, qtbot: QtBot, window: MainWindow, workspace: Workspace, choose
) -> None:
    choose(EXAMPLE_1)
    start_from_keyboard(qtbot, window, make_org(workspace))
    box = language_box(window)
    assert box.itemText(1) == "မြန်မာ — Burmese (1 of 8 texts translated)"
    problems = window.wizard.translation_problems
    assert problems.isVisible() and "broken.lo.json" in problems.text()
    pick_language(qtbot, window, "my")
    next_page(qtbot)
    assert window.wizard.current_item_page().question.text().startswith("1. ယခု")
    next_page(qtbot)  # not translated: English
    assert window.wizard.current_item_page().question.text() == (
        "2. What is the most pressing issue in relation to your labor workforce and participation?"
    )


def test_a_language_missing_on_this_laptop_reads_in_english(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    """A colleague's interview in Lao, merged here where no Lao file is: English, and said."""
    org_id = make_org(workspace)
    english = workspace.interviews.questionnaires.latest(EXAMPLE_1)
    from ctip_desktop.interviews import InterviewDetails
    from ctip_desktop.storage.entities import INTERVIEW

    interview_id = workspace.interviews.start(
        org_id, english, InterviewDetails(started_at="2026-03-02T10:00"), interviewer="Noy"
    )
    with workspace.log.transaction("as merged from a laptop with Lao") as tx:
        tx.set(INTERVIEW, interview_id, "questionnaire_language", "lo")
    window.conduct_interview(interview_id)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.wizard)
    box = language_box(window)
    assert box.currentText() == "lo (not on this laptop: shown in English)"
    window.wizard.side.setCurrentRow(1)
    assert window.wizard.current_item_page().question.text().startswith("1. What is")
    assert window.wizard.findChild(QPushButton, "nextButton").isEnabled()
