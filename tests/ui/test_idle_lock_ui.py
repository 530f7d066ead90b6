"""The window of an encrypted database locks after a while without input: shortcuts rest,
a wrong passphrase keeps it locked with a message, the right one brings the same view back.
Every other window of the app (dialogs, message boxes, file dialogs) hides while locked and
comes back as it was. The passphrase is checked off the UI thread. 0 minutes never locks; a
plain database never locks."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey
from ctip_desktop.workspace import Workspace, open_workspace

from ui import messages, passphrase
from ui.dialogs import SettingsDialog
from ui.main_window import MainWindow

from tests.ui.helpers import CTRL, click, focused, press, type_here
from tests.ui.test_accessibility import unnamed_controls

RIGHT = "correct horse battery"
MINUTE_MS = 40  # a minute of the test's clock

# The real questions (tests/ui/conftest.py answers them without a dialog in every test).
ASK = messages.confirm
ASK_UNSAVED = messages.ask_unsaved

T = TypeVar("T")


def open_window(qtbot: QtBot, workspace: Workspace, settings: Settings, minutes: int) -> MainWindow:
    settings.lock_minutes = minutes
    settings.save()
    passphrase.remember_key(workspace.path, workspace.key)
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    window.idle_lock.ms_per_minute = MINUTE_MS
    window.idle_lock.apply()
    return window


def visible_windows() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]


def wait_locked(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lock_screen_has_keyboard(window), timeout=3000)


def unlock(qtbot: QtBot, window: MainWindow, typed: str = RIGHT) -> None:
    """Type the passphrase on the lock screen, press Enter and wait for the answer."""
    assert focused() is window.lock_screen.field
    type_here(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: not window.locked or window.lock_screen.button.isEnabled(), timeout=3000
    )


def dialog_has_keyboard() -> bool:
    """A modal dialog is open and has the keyboard."""
    dialog = QApplication.activeModalWidget()
    return dialog is not None and QApplication.activeWindow() is dialog


def lock_screen_has_keyboard(window: MainWindow) -> Callable[[], bool]:
    def lock_screen_has_keyboard() -> bool:
        return window.locked and QApplication.focusWidget() is window.lock_screen.field

    return lock_screen_has_keyboard


def typed_and_entered(qtbot: QtBot, typed: str) -> None:
    type_here(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)


# A step: once the condition holds, the action runs.
Step = tuple[Callable[[], object], Callable[[], None]]
STEP_TIMEOUT_S = 5.0


def while_open(open_it: Callable[[], T], *steps: Step) -> T:
    """``open_it`` opens a modal dialog and waits for it, as a click on a menu does. Meanwhile
    the steps run in turn, each from the event loop once its condition holds; between them
    the dialog's own loop runs, and the idle lock fires there as it does for a person away
    from the keyboard. A step failing, a condition not met within 5 s, or the dialog ending
    with steps to go fails the test, after every dialog is closed so that it cannot hang."""
    failures: list[BaseException] = []
    remaining = list(steps)
    returned = False
    since = time.monotonic()

    def give_up(failure: BaseException) -> None:
        failures.append(failure)
        remaining.clear()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog):
                widget.reject()

    def poll() -> None:
        nonlocal since
        if returned or failures:
            return
        try:
            if time.monotonic() - since > STEP_TIMEOUT_S:
                if not remaining:
                    raise AssertionError("the dialog is still open after the last step")
                step = len(steps) - len(remaining) + 1
                raise AssertionError(f"step {step}: waited in vain for {remaining[0][0].__name__}")
            if not remaining or not remaining[0][0]():
                QTimer.singleShot(10, poll)
                return
            remaining.pop(0)[1]()
        except BaseException as failure:  # raised again once open_it has returned
            give_up(failure)
            return
        since = time.monotonic()
        QTimer.singleShot(0, poll)

    QTimer.singleShot(0, poll)
    result = open_it()
    returned = True
    if remaining and not failures:
        failures.append(AssertionError(f"the dialog ended with {len(remaining)} step(s) to go"))
    if failures:
        raise failures[0]
    return result


@pytest.fixture
def encrypted(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "field.db", settings, passphrase=RIGHT)
    workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    yield workspace
    workspace.close()


def test_the_lock_engages_when_idle_and_the_right_passphrase_brings_the_view_back(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=3)
    window.idle_lock.timer.stop()  # no locking while the test moves to a page
    window.search.setFocus()
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert window.views.currentWidget() is window.interview_list
    window.idle_lock.apply()
    qtbot.waitUntil(lock_screen_has_keyboard(window), timeout=3000)
    assert window.lock_screen.isVisible()
    assert not window.interview_list.isVisible()  # nothing of the content shows
    assert focused() is window.lock_screen.field
    assert not window.menuBar().isEnabled()

    # Shortcuts do nothing while locked: no page switch, no settings, no new organisation.
    for key in (Qt.Key.Key_1, Qt.Key.Key_N, Qt.Key.Key_Comma):
        press(qtbot, key, CTRL)
    assert window.locked
    assert window.views.currentWidget() is window.interview_list
    assert window.editor.org_id == ""

    unlock(qtbot, window, "not the passphrase")
    assert window.locked
    assert window.lock_screen.problem.isVisible()
    assert window.lock_screen.problem.text() == "Wrong passphrase: the window stays locked."
    assert window.lock_screen.field.text() == ""
    assert focused() is window.lock_screen.field

    unlock(qtbot, window)
    assert not window.locked
    assert window.menuBar().isEnabled()
    assert window.views.currentWidget() is window.interview_list
    assert window.interview_list.isVisible()
    assert window.workspace.profiles.list()[0].name == "Golden Lotus Seafood"
    assert window.idle_lock.timer.isActive()  # it locks again after the next idle while

    press(qtbot, Qt.Key.Key_1, CTRL)  # shortcuts act again
    assert window.views.currentWidget() is window.splitter


def test_input_keeps_it_unlocked(qtbot: QtBot, encrypted: Workspace, settings: Settings) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=5)  # 200 ms
    window.search.setFocus()
    for _ in range(8):
        qtbot.wait(60)
        type_here(qtbot, "a")
    assert not window.locked
    qtbot.waitUntil(lock_screen_has_keyboard(window), timeout=3000)


def test_zero_minutes_never_locks(qtbot: QtBot, encrypted: Workspace, settings: Settings) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=0)
    assert not window.idle_lock.timer.isActive()
    qtbot.wait(300)
    assert not window.locked


def test_a_plain_database_never_locks(
    qtbot: QtBot, workspace: Workspace, settings: Settings
) -> None:
    window = open_window(qtbot, workspace, settings, minutes=1)
    assert not window.idle_lock.timer.isActive()
    qtbot.wait(300)
    assert not window.locked


def test_the_setting_is_typed_in_the_settings_dialog(qtbot: QtBot, settings: Settings) -> None:
    assert Settings().lock_minutes == 10
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.lock_minutes.value() == 10
    dialog.lock_minutes.setFocus()
    dialog.lock_minutes.selectAll()
    type_here(qtbot, "0")
    assert dialog.lock_minutes.value() == 0
    press(qtbot, Qt.Key.Key_Return)
    assert Settings.load().lock_minutes == 0


def test_a_plain_database_adds_no_filter_to_every_event(
    qtbot: QtBot, workspace: Workspace, settings: Settings
) -> None:
    window = open_window(qtbot, workspace, settings, minutes=10)
    assert not window.idle_lock._filtering
    settings.lock_minutes = 0
    window.idle_lock.apply()
    assert not window.idle_lock._filtering


@pytest.mark.parametrize(("stored", "loaded"), [("ten", 10), (True, 10), (-5, 0), (None, 10)])
def test_a_stored_time_that_is_not_a_count_of_minutes_falls_back(
    settings: Settings, stored: object, loaded: int
) -> None:
    import json

    raw = json.loads(Settings.path().read_text(encoding="utf-8"))
    raw["lock_minutes"] = stored
    if stored is None:
        del raw["lock_minutes"]  # a settings file from before the option
    Settings.path().write_text(json.dumps(raw), encoding="utf-8")
    assert Settings.load().lock_minutes == loaded


def test_a_locked_window_does_not_close_nor_name_what_is_unsaved(
    qtbot: QtBot, encrypted: Workspace, settings: Settings, no_blocking_questions: list[str]
) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=3)
    window.idle_lock.timer.stop()
    press(qtbot, Qt.Key.Key_N, CTRL)  # a new profile, with a name typed and not saved
    type_here(qtbot, "Unsaved Secret Co.")
    window.idle_lock.apply()
    qtbot.waitUntil(lock_screen_has_keyboard(window), timeout=3000)
    window.close()
    assert window.isVisible() and window.locked
    assert no_blocking_questions == []  # nothing asked, nothing named
    assert window.lock_screen.problem.text() == "Unlock first, then close the app."
    unlock(qtbot, window)
    assert not window.locked and window.editor.name.text() == "Unsaved Secret Co."


# ----- other windows hide while locked ----------------------------------------------------------


def test_dialogs_open_when_the_lock_engages_hide_and_come_back_as_they_were(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    """A modal dialog with something typed in it, and a question over it: both hide (the lock
    screen takes the keyboard), and come back after the unlock, the question on top, the
    typing kept; answering them then works as if nothing had happened."""
    window = open_window(qtbot, encrypted, settings, minutes=3)
    window.idle_lock.timer.stop()
    screen = window.lock_screen
    answers: list[bool] = []
    seen: dict[str, QWidget] = {}

    def type_a_name() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        seen["settings"] = dialog
        dialog.interviewer.selectAll()
        type_here(qtbot, "Dara Field")

    def leave_the_question_open() -> None:
        seen["question"] = QApplication.activeModalWidget()
        assert isinstance(seen["question"], QMessageBox)
        window.idle_lock.apply()  # the clock runs; nobody touches anything

    def nothing_shows_then_a_wrong_passphrase() -> None:
        assert visible_windows() == [window]  # nothing but the lock screen
        assert QApplication.activeModalWidget() is None  # nothing blocks the lock screen
        assert focused() is screen.field
        typed_and_entered(qtbot, "not the passphrase")

    def still_nothing_then_the_right_one() -> None:
        assert window.locked and visible_windows() == [window]
        assert screen.problem.text() == "Wrong passphrase: the window stays locked."
        typed_and_entered(qtbot, RIGHT)

    def both_are_back_the_question_on_top() -> None:
        window.idle_lock.timer.stop()  # no second lock while the test goes on
        question, dialog = seen["question"], seen["settings"]
        assert question.isVisible() and dialog.isVisible()
        assert QApplication.activeModalWidget() is question
        assert isinstance(question, QMessageBox) and question.text() == "Keep this name?"

    def keep() -> None:
        question = seen["question"]
        assert QApplication.activeWindow() is question and isinstance(question, QMessageBox)
        click(qtbot, next(button for button in question.buttons() if button.text() == "Keep"))

    def ask_over_it() -> None:
        dialog = seen["settings"]
        answers.append(
            while_open(
                lambda: ASK(dialog, "Settings", "Keep this name?", "Keep"),
                (dialog_has_keyboard, leave_the_question_open),
                (lock_screen_has_keyboard(window), nothing_shows_then_a_wrong_passphrase),
                (screen.button.isEnabled, still_nothing_then_the_right_one),
                (lambda: not window.locked, both_are_back_the_question_on_top),
                (dialog_has_keyboard, keep),
            )
        )

    def the_typing_is_there_then_ok() -> None:
        dialog = seen["settings"]
        assert QApplication.activeModalWidget() is dialog
        assert isinstance(dialog, SettingsDialog) and dialog.interviewer.text() == "Dara Field"
        click(qtbot, dialog.findChild(QDialogButtonBox).buttons()[0])  # OK

    while_open(
        lambda: press(qtbot, Qt.Key.Key_Comma, CTRL),
        (dialog_has_keyboard, type_a_name),
        (dialog_has_keyboard, ask_over_it),
        # (Offscreen, no window is active after a dialog over another closes: no keyboard.)
        (lambda: QApplication.activeModalWidget() is seen["settings"], the_typing_is_there_then_ok),
    )
    assert answers == [True]
    assert Settings.load().interviewer_name == "Dara Field"  # the dialog's OK went through
    assert visible_windows() == [window]


def test_a_question_naming_an_organisation_hides_while_locked(
    qtbot: QtBot,
    encrypted: Workspace,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=3)
    window.idle_lock.timer.stop()
    press(qtbot, Qt.Key.Key_N, CTRL)
    type_here(qtbot, "Unsaved Secret Co.")
    seen: list[QWidget] = []

    def leave_it_open() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "Unsaved Secret Co." in box.text()
        seen.append(box)
        window.idle_lock.apply()

    def hidden_then_unlock() -> None:
        assert visible_windows() == [window]
        typed_and_entered(qtbot, RIGHT)

    def back() -> None:
        window.idle_lock.timer.stop()
        assert seen[0].isVisible() and QApplication.activeModalWidget() is seen[0]

    with monkeypatch.context() as patch:  # the real question, this once
        patch.setattr(messages, "ask_unsaved", ASK_UNSAVED)
        while_open(
            lambda: press(qtbot, Qt.Key.Key_N, CTRL),  # another new profile: asks first
            (dialog_has_keyboard, leave_it_open),
            (lock_screen_has_keyboard(window), hidden_then_unlock),
            (lambda: not window.locked, back),
            (dialog_has_keyboard, lambda: press(qtbot, Qt.Key.Key_Escape)),  # Cancel
        )
    assert window.editor.is_dirty and window.editor.name.text() == "Unsaved Secret Co."
    assert visible_windows() == [window]


def test_a_file_dialog_hides_and_comes_back_with_what_was_typed(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=3)
    window.idle_lock.timer.stop()
    seen: list[QWidget] = []

    def type_a_file_name() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        type_here(qtbot, "other.ctip.db")
        name = focused()
        assert isinstance(name, QLineEdit) and name.window() is dialog
        seen.extend((dialog, name))
        window.idle_lock.apply()  # the lock's clock runs while the file dialog does

    def hidden_then_unlock() -> None:
        assert visible_windows() == [window]
        typed_and_entered(qtbot, RIGHT)

    def back_as_it_was() -> None:
        window.idle_lock.timer.stop()
        dialog, name = seen
        assert dialog.isVisible() and QApplication.activeModalWidget() is dialog
        assert isinstance(name, QLineEdit) and name.text() == "other.ctip.db"

    while_open(
        lambda: press(qtbot, Qt.Key.Key_O, CTRL),
        (dialog_has_keyboard, type_a_file_name),
        (lock_screen_has_keyboard(window), hidden_then_unlock),
        (lambda: not window.locked, back_as_it_was),
        (dialog_has_keyboard, lambda: press(qtbot, Qt.Key.Key_Escape)),
    )
    assert window.workspace.path == encrypted.path  # cancelled: the same database
    assert visible_windows() == [window]


def test_windows_opened_while_locked_stay_hidden_until_the_unlock(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    """As a background task finishing behind the lock does: a message box shown, then a
    question asked; neither shows, the lock screen keeps the keyboard, both come after."""
    window = open_window(qtbot, encrypted, settings, minutes=3)
    wait_locked(qtbot, window)
    error = messages.show_error(window, "The merge failed", "Golden Lotus Seafood: a problem")
    assert not error.isVisible()

    def hidden_then_unlock() -> None:
        assert visible_windows() == [window]
        assert QApplication.activeModalWidget() is None
        assert focused() is window.lock_screen.field
        typed_and_entered(qtbot, RIGHT)

    def both_back() -> None:
        window.idle_lock.timer.stop()
        question = QApplication.activeModalWidget()  # the one shown last is on top
        assert isinstance(question, QMessageBox) and question.text() == "Merge Golden Lotus?"
        assert error.isVisible()

    answer = while_open(
        lambda: ASK(window, "Merge", "Merge Golden Lotus?", "Merge"),
        (lambda: True, hidden_then_unlock),
        (lambda: not window.locked, both_back),
        (dialog_has_keyboard, lambda: press(qtbot, Qt.Key.Key_Escape)),
    )
    assert answer is False
    assert error.isVisible()
    error.close()


def test_a_qt_static_dialog_hides_too_and_ends_as_cancelled(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    """A dialog that one of Qt's static helpers makes and runs (no code of the app around
    it): the lock's clock runs while it is open and it hides; hiding ends it, as cancelled."""
    window = open_window(qtbot, encrypted, settings, minutes=3)

    chosen = while_open(
        lambda: QFileDialog.getOpenFileName(
            window,
            "Open",
            str(encrypted.path.parent),
            options=QFileDialog.Option.DontUseNativeDialog,
        ),
        (dialog_has_keyboard, lambda: None),  # then nothing: the lock's clock runs
    )
    assert chosen == ("", "")
    qtbot.waitUntil(lock_screen_has_keyboard(window))
    assert visible_windows() == [window]
    unlock(qtbot, window)
    assert not window.locked and visible_windows() == [window]


# QMenu on the offscreen platform: it cannot raise a window nor grab the keyboard.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_passphrase_fields_own_menu_opens_while_locked(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    """Right-click, Paste: the lock screen's own menu is no hidden content."""
    window = open_window(qtbot, encrypted, settings, minutes=3)
    qtbot.waitUntil(lock_screen_has_keyboard(window))
    QApplication.clipboard().setText(RIGHT)
    field = window.lock_screen.field
    # What the platform sends on a right-click (QTest's offscreen clicks make no menu).
    at = QPoint(5, 5)
    QApplication.sendEvent(
        field, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, field.mapToGlobal(at))
    )
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.isVisible()
    next(action for action in menu.actions() if action.objectName() == "edit-paste").trigger()
    assert field.text() == RIGHT
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)


UI = Path(__file__).resolve().parents[2] / "ui"
# Where a dialog may run its own exec(): before the window (and its lock) exists, the lock's
# own helper, and the passphrase prompts (a lock cancelling one loses nothing worth keeping).
OWN_EXEC_ALLOWED = {"app.py", "idle_lock.py", "passphrase.py"}


def test_the_window_runs_its_dialogs_through_the_lock() -> None:
    """Hiding a dialog ends its exec(), and Qt's static dialogs with it: what was typed is
    lost. The window's dialogs run through idle_lock.exec_dialog, which outlasts the lock."""
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(UI.glob("*.py"))
        if path.name not in OWN_EXEC_ALLOWED
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(
            r"\.exec\(\)|QFileDialog\.get|QMessageBox\.(question|information|warning|critical)\(",
            line,
        )
    ]
    assert found == []


# ----- the passphrase is checked off the UI thread ----------------------------------------------


def test_the_passphrase_is_checked_off_the_ui_thread_while_the_lock_screen_says_so(
    qtbot: QtBot, encrypted: Workspace, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked_on: list[threading.Thread] = []
    matches = FileKey.matches

    def recording(key: FileKey, typed: str) -> bool:
        checked_on.append(threading.current_thread())
        return matches(key, typed)

    monkeypatch.setattr(FileKey, "matches", recording)
    window = open_window(qtbot, encrypted, settings, minutes=3)
    wait_locked(qtbot, window)
    screen = window.lock_screen
    type_here(qtbot, RIGHT)
    press(qtbot, Qt.Key.Key_Return)
    # The window answers at once: busy, still locked, the field and button resting.
    assert window.locked
    assert screen.checking_text.isVisible()
    assert screen.checking_text.text() == "Checking the passphrase…"
    assert screen.field.isReadOnly() and not screen.button.isEnabled()
    assert focused() is screen.field
    assert unnamed_controls(window) == []
    press(qtbot, Qt.Key.Key_Return)  # Enter again while checking: one check only
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    assert len(checked_on) == 1 and checked_on[0] is not threading.main_thread()
    assert not screen.checking_text.isVisible() and screen.button.isEnabled()
    assert not screen.field.isReadOnly()

    window.idle_lock.apply()
    wait_locked(qtbot, window)
    type_here(qtbot, "wrong words")
    press(qtbot, Qt.Key.Key_Return)
    assert screen.checking_text.isVisible()
    qtbot.waitUntil(screen.button.isEnabled, timeout=3000)
    assert window.locked and not screen.checking_text.isVisible()
    assert screen.problem.text() == "Wrong passphrase: the window stays locked."
    assert screen.field.text() == "" and focused() is screen.field
    unlock(qtbot, window)  # the keyboard goes on: type again, Enter
    assert not window.locked


def test_nothing_on_the_locked_window_names_an_organisation(
    qtbot: QtBot, encrypted: Workspace, settings: Settings
) -> None:
    window = open_window(qtbot, encrypted, settings, minutes=3)
    window.statusBar().showMessage("Saved Golden Lotus Seafood.")
    texts_before = visible_texts(window)
    assert any("Golden Lotus" in text for text in texts_before)  # the Undo button says it

    folder = str(window.workspace.path.parent)  # the status bar shows where the file is
    assert any(folder in text for text in texts_before)

    window.idle_lock._expired()
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    locked_texts = visible_texts(window)
    assert not [text for text in locked_texts if "Golden Lotus" in text or folder in text]

    unlock(qtbot, window)
    texts_after = visible_texts(window)
    assert any("Golden Lotus" in text for text in texts_after)  # the toolbar is back
    assert any(folder in text for text in texts_after)  # and the status bar


def visible_texts(window: MainWindow) -> list[str]:
    """Every text a person can read on the window: buttons, labels, title, status bar."""
    texts = [window.windowTitle()]
    if window.statusBar().isVisible():
        texts.append(window.statusBar().currentMessage())
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        for getter in ("text", "title"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    found = value()
                except TypeError:
                    continue
                if isinstance(found, str):
                    texts.append(found)
    return texts
