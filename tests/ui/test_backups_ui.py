"""Backups from the window: restore one chosen in the dialog (one written under another
passphrase asks for it), on exit, and once a day."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from ctip_desktop.backups import DAILY, MANUAL, ON_EXIT, backup_database, list_backups
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage.encryption import change_passphrase
from ctip_desktop.workspace import Workspace, open_workspace

from ui import backup_dialog, messages, passphrase
from ui.backup_dialog import RestoreDialog
from ui.main_window import MainWindow
from ui.passphrase import PassphraseDialog

from tests.ui.helpers import click, type_text


def list_names(window: MainWindow) -> list[str]:
    model = window.model
    return sorted(model.index(row, 0).data() for row in range(model.rowCount()))


def file_menu_action(window: MainWindow, name: str) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()


def test_restore_a_backup_chosen_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    backup_database(workspace.path, reason=MANUAL)
    workspace.profiles.save(Organisation(name="ក្រុមហ៊ុន អង្គរ"))
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert list_names(window) == ["Mekong Garments", "ក្រុមហ៊ុន អង្គរ"]
    seen: dict[str, object] = {}

    def choose_backup(parent: object, database: Path) -> Path | None:
        dialog = RestoreDialog(database, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.table
        seen["rows"] = table.rowCount()
        seen["held"] = table.item(0, 2).text()
        assert not dialog.restore_button.isEnabled()
        rect = table.visualRect(table.model().index(0, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert dialog.restore_button.isEnabled()
        click(qtbot, dialog.restore_button)
        assert dialog.result() == RestoreDialog.DialogCode.Accepted
        return dialog.chosen()

    monkeypatch.setattr(backup_dialog, "choose_backup", choose_backup)
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, _t, question, _a: asked.append(question) or True
    )
    file_menu_action(window, "restoreBackup")
    assert seen == {"rows": 1, "held": "1"}
    assert asked and "backup of its own" in asked[0]
    assert list_names(window) == ["Mekong Garments"]
    # The database as it was is itself a backup now.
    assert {b.reason for b in list_backups(window.workspace.path)} == {MANUAL, "before restore"}
    window.close()


def test_the_dialog_lists_nothing_to_restore_when_there_is_no_backup(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = RestoreDialog(workspace.path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_closing_after_changes_backs_up_and_after_none_does_not(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "field.ctip.db"
    for change in (True, False):
        workspace = open_workspace(path, settings)
        window = MainWindow(workspace, settings)
        qtbot.addWidget(window)
        window.show()
        if change:
            workspace.profiles.save(Organisation(name=f"Bago Rice Mill {change}"))
        window.close()
        exits = [b for b in list_backups(path) if b.reason == ON_EXIT]
        assert len(exits) == 1  # the first close wrote one, the second none more
    backup = open_workspace(exits[0].path, settings)
    try:
        assert [o.name for o in backup.profiles.list()] == ["Bago Rice Mill True"]
    finally:
        backup.close()


def test_a_daily_backup_is_written_when_due(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    with qtbot.waitSignal(window.daily_backups.finished, timeout=10_000) as done:
        assert window.daily_backups.check_now()
    path, error = done.args
    assert error == "" and Path(path).is_file()
    assert [b.reason for b in list_backups(workspace.path)] == [DAILY]
    assert not window.daily_backups.check_now()  # one a day
    qtbot.waitUntil(lambda: "Daily backup" in window.statusBar().currentMessage())


def test_a_backup_under_an_earlier_passphrase_asks_for_it_and_keeps_the_new_one(
    qtbot: QtBot, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change of passphrase interrupted before its backups were re-keyed (or made by an
    earlier version of the app): the dialog lists such a backup, asks for its passphrase
    when it is restored, and the database keeps the passphrase it has now."""
    path = tmp_path / "field.ctip.db"
    old_passphrase, new_passphrase = "the old team passphrase", "the new team passphrase"
    workspace = open_workspace(path, settings, passphrase=old_passphrase)
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    backup_database(path, reason=MANUAL, key=workspace.key)
    workspace.profiles.save(Organisation(name="Later Co."))
    old_key = workspace.key
    assert old_key is not None
    workspace.close()
    change_passphrase(path, old_key, new_passphrase)
    workspace = open_workspace(path, settings, passphrase=new_passphrase)
    passphrase.remember_key(path, workspace.key)
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    typed = ["not the passphrase", old_passphrase]
    problems: list[str] = []

    def ask_passphrase(parent: object, file: Path, problem: str = "") -> str | None:
        dialog = PassphraseDialog(None, file, problem)
        qtbot.addWidget(dialog)
        dialog.show()
        problems.append(dialog.problem.text())
        type_text(qtbot, dialog.field, typed.pop(0))
        click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
        return dialog.field.text()

    monkeypatch.setattr(passphrase, "ask_passphrase", ask_passphrase)
    seen: dict[str, object] = {}

    def choose_backup(parent: object, database: Path) -> Path | None:
        dialog = RestoreDialog(database, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.table
        seen["held"] = table.item(0, 2).text()
        rect = table.visualRect(table.model().index(0, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert dialog.restore_button.isEnabled()
        click(qtbot, dialog.restore_button)
        assert dialog.result() == RestoreDialog.DialogCode.Accepted
        return dialog.chosen()

    monkeypatch.setattr(backup_dialog, "choose_backup", choose_backup)
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    file_menu_action(window, "restoreBackup")
    assert seen["held"] == "Protected by another passphrase: choose Restore to enter it"
    assert problems == [
        "This backup was written under another passphrase: enter that one to restore it.",
        "That is not the passphrase of this backup.",
    ]
    assert list_names(window) == ["Mekong Garments"]
    assert window.workspace.key == passphrase.session_key(path)
    window.close()
    reopened = open_workspace(path, settings, create=False, passphrase=new_passphrase)
    assert [o.name for o in reopened.profiles.list()] == ["Mekong Garments"]
    reopened.close()
