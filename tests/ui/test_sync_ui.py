"""Team sync from the window: merge with a preview, refusals, export for sync, drag and drop."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.sync import export_for_sync, open_conflicts, resolve_conflict
from ctip_desktop.sync.refusals import refusals_for
from ctip_desktop.workspace import Workspace, open_workspace

from ui import export_dialog, merge_dialog, passphrase
from ui import main_window as main_window_module
from ui.main_window import MainWindow


def box(window: MainWindow, name: str) -> QMessageBox | None:
    return window.findChild(QMessageBox, name)


def colleague_file(
    workspace: Workspace, other_device: Settings, tmp_path: Path, org_id: str
) -> Path:
    """A colleague's laptop: a copy of this database, then their own edits."""
    copy = export_for_sync(workspace, tmp_path / "stick", who="Nok")
    colleague = open_workspace(copy, other_device)
    try:
        colleague.profiles.save(Organisation(name="Bago Rice Mill", countries=["Myanmar"]))
        theirs = colleague.profiles.get(org_id)
        theirs.places = "Mahachai"
        colleague.profiles.save(theirs)
    finally:
        colleague.close()
    return copy


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_colleague_s_file_is_previewed_then_merged(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    other_device: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org_id = workspace.profiles.save(Organisation(name="Andaman Nets", places="Ranong"))
    incoming = colleague_file(workspace, other_device, tmp_path, org_id)
    mine = workspace.profiles.get(org_id)
    mine.places = "Ranong port"
    workspace.profiles.save(mine)  # the same field, changed differently here: a conflict
    previews = []

    def confirm_merge(_parent: object, preview: object) -> bool:
        previews.append(preview)
        return True

    monkeypatch.setattr(merge_dialog, "confirm_merge", confirm_merge)
    monkeypatch.setattr(main_window_module, "choose_database_file", lambda *_a, **_k: str(incoming))
    window.actions.merge_database.trigger()
    qtbot.waitUntil(lambda: box(window, "doneBox") is not None, timeout=20_000)
    [preview] = previews
    assert {o.name: o.status for o in preview.organisations} == {
        "Bago Rice Mill": "new",
        "Andaman Nets": "changed",
    }
    assert preview.conflicts == 1
    assert "Merged" in box(window, "doneBox").text()
    assert "Sync & conflicts" in box(window, "doneBox").informativeText()
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert names == ["Andaman Nets", "Bago Rice Mill"]
    [conflict] = open_conflicts(window.workspace)
    assert {h.value for h in conflict.heads} == {"Ranong port", "Mahachai"}
    assert window.conflicts_label.text() == "1 open conflict(s)"
    box(window, "doneBox").close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is window.sync_page
    assert window.sync_page.conflict_count() == 1
    # Deciding it there clears the status bar.
    resolve_conflict(
        window.workspace, conflict.entity, conflict.entity_id, conflict.field, "Mahachai"
    )
    window.sync_page.changed.emit()
    assert window.conflicts_label.text() == ""
    assert window.workspace.profiles.get(org_id).places == "Mahachai"


def test_declining_the_preview_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    other_device: Settings,
    tmp_path: Path,
    no_blocking_questions: list[str],
) -> None:
    org_id = workspace.profiles.save(Organisation(name="Andaman Nets"))
    incoming = colleague_file(workspace, other_device, tmp_path, org_id)
    before = workspace.profiles.counts()
    window.merge_file(incoming)
    qtbot.waitUntil(lambda: f"merge:{incoming.name}" in no_blocking_questions, timeout=20_000)
    qtbot.waitUntil(lambda: not window._operation.running)
    assert window.workspace.profiles.counts() == before


def test_a_refused_file_leaves_the_database_unchanged_and_is_listed(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace.profiles.save(Organisation(name="Andaman Nets"))
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    junk = tmp_path / "holiday photos.db"
    junk.write_bytes(bytes(range(256)) * 64)
    # Whole pages of noise could be an encrypted export: the passphrase is asked first.
    asked: list[Path] = []
    monkeypatch.setattr(
        passphrase, "ask_passphrase", lambda _parent, path, *_: asked.append(path) or "a guess"
    )
    before = sha(workspace.path)
    window.merge_file(junk)
    qtbot.waitUntil(lambda: box(window, "errorBox") is not None, timeout=20_000)
    error = box(window, "errorBox")
    assert "holiday photos.db was not merged" in error.windowTitle() + error.text()
    assert "not changed" in error.text()
    assert sha(workspace.path) == before
    assert asked == [junk]
    assert "Wrong passphrase for holiday photos.db, or it is not" in error.text()
    [refusal] = refusals_for(workspace.path)
    assert refusal.file_name == "holiday photos.db" and refusal.reason


def test_export_for_sync_writes_a_named_copy(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace.profiles.save(Organisation(name="Andaman Nets"))
    monkeypatch.setattr(export_dialog, "choose_folder", lambda *_args: tmp_path / "stick")
    window.actions.export_for_sync.trigger()
    qtbot.waitUntil(lambda: box(window, "doneBox") is not None, timeout=20_000)
    [copy] = list((tmp_path / "stick").iterdir())
    assert copy.name.startswith("CTIP sync - Dara Test - ")
    reopened = open_workspace(copy, Settings(interviewer_name="Reader"), create=False)
    try:
        assert [r.name for r in reopened.profiles.list()] == ["Andaman Nets"]
    finally:
        reopened.close()


def test_dropping_a_file_on_the_window_starts_a_merge(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    other_device: Settings,
    tmp_path: Path,
    no_blocking_questions: list[str],
) -> None:
    org_id = workspace.profiles.save(Organisation(name="Andaman Nets"))
    incoming = colleague_file(workspace, other_device, tmp_path, org_id)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(incoming))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers drops only during a real drag, which offscreen tests cannot start:
    # hand the event to the window's handler as Qt would.
    window.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: f"merge:{incoming.name}" in no_blocking_questions, timeout=20_000)
    qtbot.waitUntil(lambda: not window._operation.running)


def test_closing_the_window_during_a_merge_waits_for_it_safely(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    other_device: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org_id = workspace.profiles.save(Organisation(name="Andaman Nets"))
    incoming = colleague_file(workspace, other_device, tmp_path, org_id)
    asked: list[str] = []

    def confirm_merge(_parent: object, preview: object) -> bool:
        asked.append("merge")
        window.close()  # the user quits while the question is open
        return True

    monkeypatch.setattr(merge_dialog, "confirm_merge", confirm_merge)
    window.merge_file(incoming)
    qtbot.waitUntil(lambda: asked == ["merge"], timeout=20_000)
    qtbot.waitUntil(lambda: not window._operation.running, timeout=20_000)
    reopened = open_workspace(workspace.path, Settings(interviewer_name="Reader"), create=False)
    try:  # quitting answered "no": nothing was merged
        assert [r.name for r in reopened.profiles.list()] == ["Andaman Nets"]
    finally:
        reopened.close()
