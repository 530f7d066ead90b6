"""Exporting PDFs from the window: a selection, progress off the main thread, failures named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.reports import export as export_module
from ctip_desktop.workspace import Workspace

from ui import export_dialog
from ui.export_dialog import ExportDialog, ExportRequest
from ui.main_window import MainWindow

from tests.ui.helpers import CTRL


def make_orgs(workspace: Workspace, window: MainWindow, names: list[str]) -> list[str]:
    ids = [
        workspace.profiles.save(
            Organisation(name=name, contacts=[Contact(name="Somsak", email="s@example.org")])
        )
        for name in names
    ]
    window.model.refresh()
    return ids


def select_rows(qtbot: QtBot, window: MainWindow, rows: list[int]) -> None:
    """Click the first row, Ctrl+click the others, as a person selects several."""
    for number, row in enumerate(rows):
        rect = window.table.visualRect(window.model.index(row, 0))
        modifier = CTRL if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(
            window.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center()
        )


def done_box(window: MainWindow) -> QMessageBox | None:
    return window.findChild(QMessageBox, "doneBox")


def test_two_selected_organisations_become_two_partner_profiles(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_orgs(workspace, window, ["Andaman Nets", "Bago Rice Mill", "Chao Phraya Shrimp"])
    asked: list[tuple[int, int]] = []

    def ask_export(_parent: object, selected: int, listed: int, _folder: Path) -> ExportRequest:
        asked.append((selected, listed))
        return ExportRequest("profile", "public", True, tmp_path / "out")

    opened: list[Path] = []
    monkeypatch.setattr(export_dialog, "ask_export", ask_export)
    monkeypatch.setattr(export_dialog, "open_path", opened.append)
    select_rows(qtbot, window, [0, 2])
    assert window._selected_org_ids() == [window.model.org_id(0), window.model.org_id(2)]
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: done_box(window) is not None, timeout=20_000)
    assert asked == [(2, 3)]
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [
        "Andaman Nets - profile (public).pdf",
        "Chao Phraya Shrimp - profile (public).pdf",
    ]
    box = done_box(window)
    assert "Wrote 2 files" in box.text()
    folder_button = next(b for b in box.buttons() if b.text() == "Open folder")
    folder_button.click()
    assert opened == [tmp_path / "out"]
    assert window.settings.export_folder == str(tmp_path / "out")


def test_a_failing_organisation_is_reported_and_the_rest_are_written(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = make_orgs(workspace, window, ["Andaman Nets", "Bago Rice Mill"])
    real = export_module.build_report

    def build_report(ws: Workspace, org_id: str, *args: object, **kwargs: object) -> Path:
        if org_id == ids[1]:
            raise RuntimeError("the printer ran out of ink")
        return real(ws, org_id, *args, **kwargs)

    monkeypatch.setattr(export_module, "build_report", build_report)
    monkeypatch.setattr(
        export_dialog,
        "ask_export",
        lambda *_args: ExportRequest("briefing", "internal", False, tmp_path / "out"),
    )
    window.actions.export_pdf.trigger()
    qtbot.waitUntil(lambda: done_box(window) is not None, timeout=20_000)
    box = done_box(window)
    assert "Wrote 1 file" in box.text() and "1 organisation(s) failed" in box.text()
    assert "Bago Rice Mill" in box.informativeText()
    assert [p.name for p in (tmp_path / "out").iterdir()] == [
        "Andaman Nets - briefing (internal).pdf"
    ]
    assert window.isEnabled()


def test_the_export_dialog_offers_the_selection_or_everything(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(2, 40, tmp_path)
    qtbot.addWidget(dialog)
    assert [dialog.scope.itemText(i) for i in range(dialog.scope.count())] == [
        "The 2 selected organisation(s)",
        "All 40 organisations in the list",
    ]
    dialog.findChild(export_dialog.QRadioButton, "kind_portfolio").click()
    dialog.audience.setCurrentIndex(2)
    dialog.scope.setCurrentIndex(1)
    assert dialog.request() == ExportRequest("portfolio", "public", False, tmp_path)


def test_cancel_stops_the_batch_and_keeps_what_was_written(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_orgs(workspace, window, [f"Garment Supplier {n:02}" for n in range(12)])
    monkeypatch.setattr(
        export_dialog,
        "ask_export",
        lambda *_args: ExportRequest("profile", "partner", False, tmp_path / "out"),
    )
    window.actions.export_pdf.trigger()
    window._operation.cancel()  # as the Cancel button of the progress dialog does
    qtbot.waitUntil(lambda: done_box(window) is not None, timeout=20_000)
    box = done_box(window)
    assert "Cancelled" in box.text()
    written = list((tmp_path / "out").glob("*.pdf"))
    assert 1 <= len(written) < 12
    assert f"Wrote {len(written)} file" in box.text()
