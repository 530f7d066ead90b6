"""The main window, driven the way a person uses it: keys, clicks and typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Contact, Headline, Organisation
from ctip_desktop.workspace import Workspace

from ui import main_window as main_window_module
from ui import messages
from ui.main_window import MainWindow

from tests.ui.helpers import CTRL, click, type_text


def click_tab(qtbot: QtBot, window: MainWindow, index: int) -> None:
    bar = window.editor.tabs.findChild(QTabBar)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.editor.tabs.currentIndex() == index


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, name
    return found


def list_names(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    table = window.table
    rect = table.visualRect(window.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def add_table_row(qtbot: QtBot, window: MainWindow, name: str, text: str) -> None:
    """Click 'Add …' and type into the cell editor that opens."""
    view = window.findChild(QTableView, name)
    click(qtbot, button(window, name + "Add"))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The item delegate commits on the next turn of the event loop.
    row = view.model().rowCount() - 1
    qtbot.waitUntil(lambda: text in [view.model().index(row, c).data() for c in range(6)])


def edit_cell(qtbot: QtBot, view: QTableView, row: int, column: int, text: str) -> None:
    """Double-click a cell, type, press Enter."""
    centre = view.visualRect(view.model().index(row, column)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model().index(row, column).data() == text)


def create_through_ui(qtbot: QtBot, window: MainWindow, name: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.editor.name.hasFocus()
    qtbot.keyClicks(window.editor.name, name)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)


def test_create_with_contact_and_headline_then_edit(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = window.editor
    qtbot.keyClicks(editor.name, "Golden Lotus Seafood")
    qtbot.keyClicks(editor.places, "Samut Sakhon")
    qtbot.keyClicks(editor.website, "golden-lotus.example.org")
    assert "still missing" in editor.completeness.text()
    click_tab(qtbot, window, 1)
    add_table_row(qtbot, window, "contacts", "Somchai Prasert")
    click_tab(qtbot, window, 2)
    add_table_row(qtbot, window, "headlines", "Workers report unpaid overtime")
    edit_cell(qtbot, editor.headlines_view, 0, 1, "2025-03-01")
    assert window.windowTitle().startswith("test.db *")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    assert not editor.problems.isVisible(), editor.problems.text()
    assert list_names(window) == ["Golden Lotus Seafood"]
    assert not editor.is_dirty
    assert not window.windowTitle().startswith("test.db *")
    rows = workspace.profiles.list()
    saved = workspace.profiles.get(rows[0].id)
    assert saved.website == "https://golden-lotus.example.org"
    assert [c.name for c in saved.contacts] == ["Somchai Prasert"]
    assert [(h.date, h.headline) for h in saved.headlines] == [
        ("2025-03-01", "Workers report unpaid overtime")
    ]
    assert saved.created_by == "Dara Test"

    # Edit: tick a sector, make the contact primary, save again.
    click_tab(qtbot, window, 0)
    editor.sectors.list.item(
        [editor.sectors.list.item(i).text() for i in range(editor.sectors.list.count())].index(
            "Aquaculture"
        )
    ).setCheckState(Qt.CheckState.Checked)
    click_tab(qtbot, window, 1)
    view = editor.contacts_view
    view.setCurrentIndex(editor.contacts_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert editor.contacts_model.records[0].primary
    click(qtbot, button(window, "saveButton"))
    saved = workspace.profiles.get(rows[0].id)
    assert saved.sectors == ["Aquaculture"]
    assert saved.primary_contact is not None and saved.primary_contact.name == "Somchai Prasert"
    assert window.model.index(0, 1).data() == "Aquaculture"


def test_search_as_you_type(qtbot: QtBot, window: MainWindow, workspace: Workspace):
    for name, notes in (("Angkor Stitch", "garment buyer"), ("Red River Electronics", "")):
        workspace.profiles.save(Organisation(name=name, notes=notes))
    window.model.refresh()
    assert len(list_names(window)) == 2
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "gar")
    assert list_names(window) == ["Angkor Stitch"]
    qtbot.keyClicks(window.search, "ment")
    assert list_names(window) == ["Angkor Stitch"]
    window.search.clear()
    qtbot.keyClicks(window.search, "river")
    assert list_names(window) == ["Red River Electronics"]
    assert window.count_label.text() == "1 organisation(s)"


def test_delete_with_confirmation_and_undo(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    create_through_ui(qtbot, window, "Mekong Delta Garments")
    assert list_names(window) == ["Mekong Delta Garments"]
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, _t, question, _a: asked.append(question) or False
    )
    click_row(qtbot, window, 0)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert asked and "Mekong Delta Garments" in asked[0]
    assert list_names(window) == ["Mekong Delta Garments"]  # cancelled: nothing changed

    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert list_names(window) == []
    assert workspace.profiles.list() == []
    assert "Undo" in window.statusBar().currentMessage()

    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert list_names(window) == ["Mekong Delta Garments"]
    assert window.editor.name.text() == "Mekong Delta Garments"
    assert window.pages.currentWidget() is window.editor


def test_half_filled_form_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(window.editor.website, "no spaces allowed here")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    problems = window.findChild(QLabel, "problems")
    assert problems.isVisible()
    assert "needs a name" in problems.text()
    assert "web address" in problems.text()
    assert window.editor.name.hasFocus()
    assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == 0


def test_unsaved_changes_guard(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    for name in ("Alpha Farms", "Beta Fisheries"):
        workspace.profiles.save(Organisation(name=name))
    window.model.refresh()
    click_row(qtbot, window, 0)
    qtbot.keyClicks(window.editor.notes, "unsaved thought")
    monkeypatch.setattr(messages, "ask_unsaved", lambda *_: messages.Unsaved.CANCEL)
    click_row(qtbot, window, 1)
    assert window.editor.current().name == "Alpha Farms"
    assert window.editor.is_dirty
    monkeypatch.setattr(messages, "ask_unsaved", lambda *_: messages.Unsaved.SAVE)
    click_row(qtbot, window, 1)
    assert window.editor.current().name == "Beta Fisheries"
    alpha = workspace.profiles.list()[0]
    assert workspace.profiles.get(alpha.id).notes == "unsaved thought"


def test_similar_name_warning_links_to_the_existing_profile(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
):
    existing = workspace.profiles.save(Organisation(name="Golden Lotus Seafood Co., Ltd."))
    window.model.refresh()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(window.editor.name, "Golden Lotus Seafood Company")
    warning = window.findChild(QLabel, "similarWarning")
    qtbot.waitUntil(warning.isVisible)
    assert "Golden Lotus Seafood Co., Ltd." in warning.text()
    assert existing in warning.text()


def test_names_in_thai_and_khmer_typed_by_input_method(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    type_text(qtbot, window.editor.name, "บริษัท ทองคำ ซีฟู้ด จำกัด")
    type_text(qtbot, window.editor.other_names, "ក្រុមហ៊ុន មេគង្គ")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    saved = workspace.profiles.get(workspace.profiles.list()[0].id)
    assert saved.name == "บริษัท ทองคำ ซีฟู้ด จำกัด"
    assert saved.other_names == ["ក្រុមហ៊ុន មេគង្គ"]
    type_text(qtbot, window.search, "ซีฟู้ด")
    assert list_names(window) == ["บริษัท ทองคำ ซีฟู้ด จำกัด"]


def test_filters_and_sorting_by_header(qtbot: QtBot, window: MainWindow, workspace: Workspace):
    workspace.profiles.save(Organisation(name="Beta", countries=["Thailand"], stage="Contacted"))
    workspace.profiles.save(Organisation(name="Alpha", countries=["Cambodia"], stage="Identified"))
    window.model.refresh()
    window._update_filters()
    assert list_names(window) == ["Alpha", "Beta"]
    header = window.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(0) + 20, 5)
    )
    assert list_names(window) == ["Beta", "Alpha"]
    window.country_filter.setCurrentIndex(window.country_filter.findText("Thailand"))
    assert list_names(window) == ["Beta"]
    window.country_filter.setCurrentIndex(0)
    window.stage_filter.setCurrentIndex(window.stage_filter.findText("Identified"))
    assert list_names(window) == ["Alpha"]


def test_opening_a_bad_file_keeps_the_current_database(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    bad = tmp_path / "holiday.db"
    bad.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(main_window_module, "choose_database_file", lambda *a, **k: str(bad))
    window.actions.open_database.trigger()
    box = window.findChild(QWidget, "errorBox")
    assert box is not None and box.isVisible()
    assert "not a CTIP Outreach Desk database" in box.text()
    assert window.workspace.path.name == "test.db"
    assert bad.read_text(encoding="utf-8") == "not a database"
    box.close()


def test_settings_name_is_recorded_on_new_records(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    from ui import dialogs

    def fill_and_accept(dialog: dialogs.SettingsDialog) -> int:
        dialog.interviewer.clear()
        qtbot.keyClicks(dialog.interviewer, "Malee Interviewer")
        dialog.accept()
        return 1

    monkeypatch.setattr(dialogs.SettingsDialog, "exec", fill_and_accept)
    window.actions.settings.trigger()
    assert "Malee Interviewer" in window.user_label.text()
    create_through_ui(qtbot, window, "Lotus Farms")
    saved = workspace.profiles.get(workspace.profiles.list()[0].id)
    assert saved.created_by == "Malee Interviewer"


def test_window_size_is_remembered(qtbot: QtBot, workspace: Workspace, settings):
    first = MainWindow(workspace, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    first.close()
    from ctip_desktop.workspace import open_workspace

    again = MainWindow(open_workspace(workspace.path, settings), settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 520)
    again.close()


def test_contacts_and_headlines_load_into_the_tables(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
):
    workspace.profiles.save(
        Organisation(
            name="Phnom Penh Footwear",
            contacts=[
                Contact(name="Sokha", role="Compliance", primary=True),
                Contact(name="Vanna"),
            ],
            headlines=[Headline(headline="Factory reopens", tone="Positive", date="2026-01-05")],
        )
    )
    window.model.refresh()
    click_row(qtbot, window, 0)
    editor = window.editor
    assert [r.name for r in editor.contacts_model.records] == ["Sokha", "Vanna"]
    assert (
        editor.contacts_model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    assert editor.headlines_model.index(0, 0).data() == "Factory reopens"
    assert "2 of 4" in editor.completeness.text() or "1 of 4" in editor.completeness.text()
    click_tab(qtbot, window, 1)
    editor.contacts_view.selectRow(1)
    click(qtbot, button(window, "contactsRemove"))
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    saved = workspace.profiles.get(workspace.profiles.list()[0].id)
    assert [c.name for c in saved.contacts] == ["Sokha"]


def test_help_about_names_the_app_and_its_fonts(qtbot: QtBot, window: MainWindow):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.actions.about in help_menu.actions()
    window.actions.about.trigger()
    box = window.findChild(QWidget, "aboutBox")
    assert box is not None and box.isVisible()
    assert "CTIP Outreach Desk" in box.text() and "Noto Sans Thai" in box.text()
    box.close()
