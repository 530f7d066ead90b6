"""Protecting, changing and removing a database's passphrase from the File menu, and a new
database created with one: each rewrite reopens the file with the key it has now, and a
wrong current passphrase changes nothing. The backups follow the database, in the
background."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ctip_desktop.backups import (
    DAILY,
    MANUAL,
    backup_database,
    backup_folder,
    describe,
    list_backups,
)
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import WrongPassphraseError, is_encrypted
from ctip_desktop.workspace import Workspace, open_workspace

import ui.main_window as main_window_module
from ui import messages, passphrase
from ui.main_window import MainWindow
from ui.passphrase import Answer, Change, ChangePassphraseDialog

from tests.ui.helpers import click, type_text

OLD = "correct horse battery"
NEW = "staple ม้า lantern"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_menu_action(window: MainWindow, name: str, qtbot: QtBot | None = None) -> None:
    """Choose a File menu entry; with ``qtbot``, wait for the rewrite it starts, which runs
    in the background while the window waits."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled(), name
    action.trigger()
    if qtbot is not None:
        qtbot.waitUntil(lambda: not window._rewriting, timeout=30_000)


def action_enabled(window: MainWindow, name: str) -> bool:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return next(a for a in menu.actions() if a.objectName() == name).isEnabled()


def open_window(qtbot: QtBot, workspace: Workspace, settings: Settings) -> MainWindow:
    passphrase.remember_key(workspace.path, workspace.key)
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def encrypted_window(qtbot: QtBot, tmp_path: Path, settings: Settings) -> Iterator[MainWindow]:
    workspace = open_workspace(tmp_path / "field.db", settings, passphrase=OLD)
    workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    window = open_window(qtbot, workspace, settings)
    yield window
    window.workspace.close()


def answering(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, *rounds: list[tuple[str, str]] | None
) -> list[str]:
    """Each time the dialog is asked for, type into its fields (object name, text) and click
    OK; a dialog that refuses stays open, so the next round types into the same one. None
    clicks Cancel. The problem shown after each OK is recorded."""
    problems: list[str] = []
    queue = list(rounds)

    def ask_change(parent: object, path: Path, change: Change, key: object = None) -> object:
        dialog = ChangePassphraseDialog(None, path, change, key)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        while queue:
            fields = queue.pop(0)
            if fields is None:
                click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
                return None
            for name, text in fields:
                field = getattr(dialog, name)
                assert field.isVisibleTo(dialog), name
                field.clear()
                type_text(qtbot, field, text)
            click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
            problems.append(dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else "")
            if dialog.result() == dialog.DialogCode.Accepted:
                return dialog.answer()
        raise AssertionError("the dialog is still open with nothing more to type")

    monkeypatch.setattr(passphrase, "ask_change", ask_change)
    return problems


def test_protect_encrypts_the_file_and_reopens_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, workspace: Workspace, settings: Settings
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    window = open_window(qtbot, workspace, settings)
    path = window.workspace.path
    assert action_enabled(window, "protectDatabase")
    assert not action_enabled(window, "changePassphrase")
    assert not action_enabled(window, "removePassphrase")
    problems = answering(
        qtbot,
        monkeypatch,
        [("new", "short"), ("repeat", "short")],
        [("new", NEW), ("repeat", NEW + "!")],
        [("new", NEW), ("repeat", NEW)],
    )
    file_menu_action(window, "protectDatabase", qtbot)
    assert problems[0].startswith("Choose a passphrase of at least 8 characters")
    assert problems[1].startswith("The two new passphrases differ")
    assert problems[2] == ""
    assert is_encrypted(path)
    assert window.workspace.encrypted
    assert passphrase.session_key(path) == window.workspace.key
    assert window.model.rowCount() == 1
    assert not action_enabled(window, "protectDatabase")
    assert action_enabled(window, "changePassphrase")
    assert action_enabled(window, "removePassphrase")
    assert window.idle_lock.timer.isActive()  # an encrypted database may now lock when idle
    window.close()
    reopened = open_workspace(path, settings, create=False, passphrase=NEW)
    assert [o.name for o in reopened.profiles.list()] == ["Mekong Garments"]
    reopened.close()


def test_change_refuses_a_wrong_current_passphrase_then_changes_it(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    encrypted_window: MainWindow,
    settings: Settings,
) -> None:
    window = encrypted_window
    path = window.workspace.path
    problems = answering(
        qtbot,
        monkeypatch,
        [("current", "not the one at all"), ("new", NEW), ("repeat", NEW)],
        None,
    )
    file_menu_action(window, "changePassphrase", qtbot)
    assert problems == ["That is not the current passphrase."]
    window.workspace.close()
    before = digest(path)
    window.workspace = open_workspace(path, settings, create=False, passphrase=OLD)
    answering(qtbot, monkeypatch, [("current", OLD), ("new", NEW), ("repeat", NEW)])
    file_menu_action(window, "changePassphrase", qtbot)
    assert window.workspace.encrypted
    assert window.model.rowCount() == 1
    window.close()
    assert digest(path) != before
    with pytest.raises(WrongPassphraseError):
        open_workspace(path, settings, create=False, passphrase=OLD)
    reopened = open_workspace(path, settings, create=False, passphrase=NEW)
    assert [o.name for o in reopened.profiles.list()] == ["Golden Lotus Seafood"]
    reopened.close()


def test_remove_makes_the_file_plain_again(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    encrypted_window: MainWindow,
    settings: Settings,
) -> None:
    window = encrypted_window
    path = window.workspace.path
    problems = answering(qtbot, monkeypatch, [("current", "wrong guess here")], [("current", OLD)])
    file_menu_action(window, "removePassphrase", qtbot)
    assert problems == ["That is not the current passphrase.", ""]
    assert not is_encrypted(path)
    assert not window.workspace.encrypted
    assert passphrase.session_key(path) is None
    assert window.model.rowCount() == 1
    assert action_enabled(window, "protectDatabase")
    assert not action_enabled(window, "removePassphrase")
    assert not window.idle_lock.timer.isActive()  # a plain file has nothing to unlock
    window.close()
    reopened = open_workspace(path, settings, create=False)
    assert [o.name for o in reopened.profiles.list()] == ["Golden Lotus Seafood"]
    reopened.close()


def test_a_wrong_current_passphrase_changes_nothing_and_says_so(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    encrypted_window: MainWindow,
    settings: Settings,
) -> None:
    """Should the dialog's own check be bypassed, the window checks again before writing."""
    window = encrypted_window
    path = window.workspace.path
    window.workspace.close()
    before = digest(path)
    window.workspace = open_workspace(path, settings, create=False, passphrase=OLD)
    shown: list[str] = []
    monkeypatch.setattr(
        passphrase, "ask_change", lambda *_args: Answer(current="wrong guess here", new="")
    )
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    file_menu_action(window, "removePassphrase", qtbot)
    assert shown == ["That is not the current passphrase. Nothing was changed."]
    assert window.workspace.encrypted
    assert window.model.rowCount() == 1
    window.close()
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("field")) == [
        "field.db"
    ]


def test_a_new_database_can_be_created_with_a_passphrase(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    settings: Settings,
    tmp_path: Path,
) -> None:
    window = open_window(qtbot, workspace, settings)
    target = tmp_path / "new.db"
    monkeypatch.setattr(main_window_module, "choose_database_file", lambda *_a, **_k: str(target))
    answering(qtbot, monkeypatch, [("new", NEW), ("repeat", NEW)])
    window.actions.new_database.trigger()
    assert window.workspace.path == target
    assert window.workspace.encrypted
    assert is_encrypted(target)
    window.close()
    open_workspace(target, settings, create=False, passphrase=NEW).close()


def test_a_new_database_stays_plain_with_both_fields_empty(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    settings: Settings,
    tmp_path: Path,
) -> None:
    window = open_window(qtbot, workspace, settings)
    target = tmp_path / "plain.db"
    monkeypatch.setattr(main_window_module, "choose_database_file", lambda *_a, **_k: str(target))
    answering(qtbot, monkeypatch, [])
    window.actions.new_database.trigger()
    assert window.workspace.path == target
    assert not window.workspace.encrypted
    assert not is_encrypted(target)


# ----- the backups follow the database ----------------------------------------------------


def plain_files() -> list[str]:
    """Every file in the backups folder that an SQLite tool reads without a passphrase."""
    found = []
    for path in sorted(backup_folder().iterdir()):
        with path.open("rb") as handle:
            if handle.read(16) == b"SQLite format 3\x00":
                found.append(path.name)
    return found


def converting(qtbot: QtBot, window: MainWindow) -> str:
    """Wait for the backups' conversion the menu action started; the status bar's text."""
    operation = window._operation
    assert operation is not None
    # The window's progress dialog for long work, without Cancel: stopping halfway would
    # leave some backups readable without the passphrase.
    assert operation.dialog.windowTitle() == "Converting the backups…"
    assert operation.dialog.findChildren(QPushButton) == []
    qtbot.waitUntil(lambda: not operation.running, timeout=30_000)
    qtbot.waitUntil(lambda: "backup" in window.statusBar().currentMessage())
    assert window.daily_backups.timer.isActive()  # resumed once the backups are done
    return window.statusBar().currentMessage()


def done_box(window: MainWindow) -> QMessageBox | None:
    return next((b for b in messages._open_boxes if b.objectName() == "doneBox"), None)


def test_protect_encrypts_every_backup_and_deletes_an_unreadable_one(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, workspace: Workspace, settings: Settings
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    for reason in (MANUAL, MANUAL, DAILY):
        backup_database(workspace.path, reason=reason)
    damaged = backup_folder() / "test 2020-01-01 101010.000000 daily.ctip.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    assert len(plain_files()) == 4
    window = open_window(qtbot, workspace, settings)
    answering(qtbot, monkeypatch, [("new", NEW), ("repeat", NEW)])
    file_menu_action(window, "protectDatabase", qtbot)
    status = converting(qtbot, window)
    assert status == (
        "test.db is now protected by a passphrase. 3 backup(s) were encrypted with it too."
    )
    assert plain_files() == []
    key = window.workspace.key
    assert key is not None
    for backup in list_backups(window.workspace.path):
        assert describe(backup.path, key).organisations == 1
    qtbot.waitUntil(lambda: done_box(window) is not None)
    box = done_box(window)
    assert box is not None and box.text() == status
    assert box.informativeText() == (
        "1 backup(s) could not be read and were deleted, so that none stays readable "
        "without the passphrase."
    )
    window.close()


def test_change_rekeys_every_backup(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, encrypted_window: MainWindow
) -> None:
    window = encrypted_window
    old_key = window.workspace.key
    for reason in (MANUAL, DAILY):
        backup_database(window.workspace.path, reason=reason, key=old_key)
    answering(qtbot, monkeypatch, [("current", OLD), ("new", NEW), ("repeat", NEW)])
    file_menu_action(window, "changePassphrase", qtbot)
    status = converting(qtbot, window)
    assert status.endswith("2 backup(s) now open with the new passphrase.")
    new_key = window.workspace.key
    assert new_key is not None and new_key != old_key
    for backup in list_backups(window.workspace.path):
        assert backup.path.read_bytes()[:16] == new_key.salt
        assert describe(backup.path, new_key).organisations == 1
    assert done_box(window) is None  # nothing to warn about: the status bar says it
    window.close()


def test_remove_makes_every_backup_plain(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, encrypted_window: MainWindow
) -> None:
    window = encrypted_window
    backup_database(window.workspace.path, reason=MANUAL, key=window.workspace.key)
    answering(qtbot, monkeypatch, [("current", OLD)])
    file_menu_action(window, "removePassphrase", qtbot)
    status = converting(qtbot, window)
    assert status.endswith("1 backup(s) are plain files again.")
    assert len(plain_files()) == 1
    assert describe(list_backups(window.workspace.path)[0].path).organisations == 1
    window.close()


def test_the_rewrite_runs_in_the_background_and_cancel_changes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, workspace: Workspace, settings: Settings
) -> None:
    """While the file is rewritten the window shows neither records nor menus, a progress
    dialog keeps it waiting, closing is refused, and Cancel leaves the file as it was."""
    from ctip_desktop.storage import encryption

    workspace.profiles.save(Organisation(name="Mekong Garments"))
    window = open_window(qtbot, workspace, settings)
    path = window.workspace.path
    window.workspace.close()
    before = digest(path)
    window.workspace = open_workspace(path, settings, create=False)
    # The rewrite waits at its first table until the test has looked at the window.
    gate = threading.Event()
    copy_rows = encryption._copy_rows

    def held(*args: object) -> None:
        gate.wait(20)
        copy_rows(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(encryption, "_copy_rows", held)
    answering(qtbot, monkeypatch, [("new", NEW), ("repeat", NEW)])
    file_menu_action(window, "protectDatabase")
    try:
        operation = window._operation
        assert operation is not None and operation.running
        dialog = operation.dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        assert "test.db" in dialog.labelText()
        assert window.root.currentWidget() is window.rewrite_page
        assert "test.db is being rewritten" in window.rewrite_page.text()
        assert not window.menuBar().isEnabled()
        assert not window.close()  # refused while the file is half copied
        assert window.isVisible()
        assert "Cancel" in window.statusBar().currentMessage()
        (cancel,) = dialog.findChildren(QPushButton)
        click(qtbot, cancel)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window._rewriting, timeout=30_000)
    assert window.statusBar().currentMessage() == "Stopped before the end: nothing was changed."
    assert window.root.currentIndex() == 0 and window.menuBar().isEnabled()
    assert not window.workspace.encrypted and not is_encrypted(path)
    assert window.model.rowCount() == 1
    assert action_enabled(window, "protectDatabase")
    window.workspace.close()
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("test.db")) == [
        "test.db"
    ]
    window.workspace = open_workspace(path, settings, create=False)
    window.close()
