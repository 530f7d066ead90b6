"""Accessibility: names a screen reader can read, the keyboard alone, system fonts, and
colours that stay readable on light, dark and high-contrast palettes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.workspace import Workspace

from ui import dialogs, style
from ui.backup_dialog import RestoreDialog
from ui.dialogs import SettingsDialog
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow

from tests.ui.helpers import ALT, CTRL, focused, press, type_here

UI = Path(__file__).resolve().parents[2] / "ui"


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible controls the keyboard reaches whose accessible name is empty (Qt's own
    parts of a control, named qt_*, are read as the control they belong to)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if (
            not widget.isVisible()
            or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            or widget.objectName().startswith("qt_")
        ):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def make_org(workspace: Workspace) -> str:
    return workspace.profiles.save(
        Organisation(
            name="Mekong Harvest Foods",
            countries=["Thailand"],
            contacts=[Contact(name="Somsak Chaiyo", primary=True)],
        )
    )


def test_every_control_on_every_page_has_a_name(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    org_id = make_org(workspace)
    window.model.refresh()
    window.select_organisation(org_id)
    problems: dict[str, list[str]] = {}
    for number in range(1, 7):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        problems[f"page {number}"] = unnamed_controls(window)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    window.select_organisation(org_id)
    tabs = window.editor.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        problems[f"editor tab {tabs.tabText(index)}"] = unnamed_controls(window)
    chosen = workspace.interviews.questionnaires.latest("pse-outreach-example-2")
    monkeypatch.setattr(dialogs, "choose_questionnaire", lambda *_args: chosen)
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.wizard)
    for page in range(window.wizard.review_index + 1):
        problems[f"wizard page {page}"] = unnamed_controls(window)
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert {where: names for where, names in problems.items() if names} == {}


def test_the_dialogs_name_their_controls(qtbot: QtBot, window: MainWindow) -> None:
    shown = [
        ExportDialog(2, 10, Path.home()),
        SettingsDialog(window.settings),
        RestoreDialog(window.workspace.path),
    ]
    for dialog in shown:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    assert {type(d).__name__: unnamed_controls(d) for d in shown} == {
        type(d).__name__: [] for d in shown
    }


def test_a_profile_is_made_and_found_again_with_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # New organisation
    assert isinstance(focused(), QLineEdit) and focused().objectName() == "name"
    type_here(qtbot, "Chao Phraya Logistics")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert [o.name for o in workspace.profiles.list()] == ["Chao Phraya Logistics"]
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)  # Find
    assert focused() is window.search
    type_here(qtbot, "Phraya")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    # From the search field the Down key goes to the list and opens the profile.
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.editor.name.text() == "Chao Phraya Logistics")
    # Every page is a shortcut away, and Tab moves through each without a trap.
    for number in (2, 3, 4, 5, 6, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        seen = []
        for _ in range(12):
            press(qtbot, Qt.Key.Key_Tab)
            seen.append(focused())
        assert len(set(seen)) > 1, f"Tab is stuck on page {number}"


def test_problem_colours_stay_readable_on_every_palette(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = QLabel("The name is required.")
    qtbot.addWidget(label)
    for window_colour in ("#ffffff", "#f0f0f0", "#1e1e1e", "#000000", "#2d2d30"):
        palette = QPalette(label.palette())
        palette.setColor(QPalette.ColorRole.Window, QColor(window_colour))
        label.setPalette(palette)
        style.show_as_problem(label)
        shown = label.palette().color(QPalette.ColorRole.WindowText)
        assert style.contrast_ratio(shown, QColor(window_colour)) >= style.READABLE, window_colour
        assert shown.red() > shown.blue()  # still reads as a warning red
    # With high contrast asked for, meaning is carried by words and the text colour is used.
    monkeypatch.setattr(style, "high_contrast", lambda: True)
    palette = QPalette(label.palette())
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffff00"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    label.setPalette(palette)
    assert style.problem_colour(label) == QColor("#ffff00")


def test_text_sizes_follow_the_system_font(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.6)
    app.setFont(bigger)
    try:
        window = MainWindow(workspace, dialogs.Settings.load())
        qtbot.addWidget(window)
        window.show()
        assert window.search.font().pointSizeF() == pytest.approx(bigger.pointSizeF())
        heading = window.editor.findChild(QLabel, "editorTitle")
        if heading is not None:
            assert heading.font().pointSizeF() > bigger.pointSizeF()
        assert window.findChild(QTabWidget).font().pointSizeF() == pytest.approx(
            bigger.pointSizeF()
        )
    finally:
        app.setFont(original)


def test_no_widget_fixes_a_colour_or_a_text_size_of_its_own() -> None:
    """Colours come from ui/style.py or the palette; sizes are relative to the system font."""
    offending = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "style.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            literal = [a for a in node.args if isinstance(a, ast.Constant)]
            if name == "setStyleSheet" and any("color" in str(a.value) for a in literal):
                offending.append(f"{path.name}:{node.lineno} colour in a style sheet")
            if name in ("setPointSize", "setPointSizeF", "setPixelSize") and literal:
                offending.append(f"{path.name}:{node.lineno} fixed text size")
    assert offending == []


def test_a_briefing_pack_is_exported_with_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    org_id = make_org(workspace)
    window.settings.export_folder = str(tmp_path / "pdf")
    window.model.refresh()
    window.select_organisation(org_id)
    qtbot.waitUntil(window.isActiveWindow)
    answered: list[str] = []

    def answer_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        answered.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button: Export

    QTimer.singleShot(50, answer_the_dialog)
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "doneBox") is not None, timeout=20_000)
    assert answered == ["Export PDF"]
    assert [p.suffix for p in (tmp_path / "pdf").iterdir()] == [".pdf"]
    box = window.findChild(QMessageBox, "doneBox")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
