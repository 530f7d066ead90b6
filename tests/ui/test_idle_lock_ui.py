"""The window of an encrypted database locks after a while without input: shortcuts rest,
a wrong passphrase keeps it locked with a message, the right one brings the same view back.
The passphrase is checked off the UI thread. 0 minutes never locks; a plain database never
locks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey
from ctip_desktop.workspace import Workspace, open_workspace

from ui import passphrase
from ui.dialogs import SettingsDialog
from ui.main_window import MainWindow

from tests.ui.helpers import CTRL, focused, press, type_here
from tests.ui.test_accessibility import unnamed_controls

RIGHT = "correct horse battery"
MINUTE_MS = 40  # a minute of the test's clock


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


def wait_locked(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.locked, timeout=3000)


def unlock(qtbot: QtBot, window: MainWindow, typed: str = RIGHT) -> None:
    """Type the passphrase on the lock screen, press Enter and wait for the answer."""
    assert focused() is window.lock_screen.field
    type_here(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: not window.locked or window.lock_screen.button.isEnabled(), timeout=3000
    )


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
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
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
    qtbot.waitUntil(lambda: window.locked, timeout=3000)


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
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    window.close()
    assert window.isVisible() and window.locked
    assert no_blocking_questions == []  # nothing asked, nothing named
    assert window.lock_screen.problem.text() == "Unlock first, then close the app."
    unlock(qtbot, window)
    assert not window.locked and window.editor.name.text() == "Unsaved Secret Co."


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
