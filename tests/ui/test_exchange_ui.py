"""File ▸ Export data… and File ▸ Import… driven as a person does: menus, clicks, typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ctip_desktop.exchange.tables import Table
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

from ui import exchange_dialogs, export_dialog, messages
from ui.exchange_dialogs import ExportDataDialog, ExportDataRequest, OrganisationImportDialog
from ui.main_window import MainWindow

from tests.ui.helpers import click, type_text

PARTNERS = (
    "Company Name,Country,Internal code,Website\n"
    "บริษัท สยาม ซีฟู้ด จำกัด,Thailand,A1,siamseafood.example\n"
    "Mekong Rice,Vietnam,A2,\n"
    ",Laos,A3,\n"
    "Bago Mill,Myanmar,A4,not a web address\n"
)


def file_menu_action(window: MainWindow, name: str) -> None:
    """Open the File menu and click the entry, as a person does."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()


def done_box(window: MainWindow) -> QMessageBox | None:
    return window.findChild(QMessageBox, "doneBox")


def test_import_organisations_from_csv_with_the_mapping_changed_by_hand(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "partners.csv"
    source.write_text(PARTNERS, encoding="utf-8")
    monkeypatch.setattr(exchange_dialogs, "choose_import_file", lambda _parent, _start: source)
    seen: dict[str, object] = {}

    def ask_organisation_import(parent: object, ws: Workspace, table: Table) -> object:
        dialog = OrganisationImportDialog(ws, table, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["before"] = dialog.summary.text()
        rejected = dialog.rejected_model
        seen["rejected"] = [
            (rejected.index(r, 0).data(), rejected.index(r, 1).data())
            for r in range(rejected.rowCount())
        ]
        # "Internal code" is ignored at first; the user sends it to the tags.
        code_combo = dialog.findChild(type(dialog.combos[0]), "mapping_2")
        assert code_combo.currentData() == ""
        code_combo.setFocus()
        qtbot.keyClicks(code_combo, "Tags")
        assert code_combo.currentData() == "tags"
        header = dialog.preview_model.headerData(2, Qt.Orientation.Horizontal)
        seen["header"] = header
        click(qtbot, dialog.import_button)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.plan

    monkeypatch.setattr(exchange_dialogs, "ask_organisation_import", ask_organisation_import)
    file_menu_action(window, "importData")
    assert "2 organisation(s) will be imported; 2 row(s) will not" in str(seen["before"])
    assert seen["rejected"] == [
        ("4", "The organisation needs a name."),
        ("5", "The website should be a web address such as https://example.org."),
    ]
    assert seen["header"] == "Internal code\n→ Tags"
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert sorted(names) == ["Mekong Rice", "บริษัท สยาม ซีฟู้ด จำกัด"]
    thai = next(o for o in workspace.profiles.list() if o.name.startswith("บริษัท"))
    profile = workspace.profiles.get(thai.id)
    assert profile is not None and profile.tags == ["A1"] and profile.countries == ["Thailand"]
    assert "Imported 2 organisation(s) from partners.csv" in window.statusBar().currentMessage()
    # One Undo takes the whole import back.
    assert window.actions.undo.text() == "&Undo import 2 organisations from partners.csv"
    window.actions.undo.trigger()
    assert window.model.rowCount() == 0


def test_a_file_that_is_not_utf8_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "thai.csv"
    source.write_bytes("name\nบริษัท ทดสอบ\n".encode("cp874"))
    monkeypatch.setattr(exchange_dialogs, "choose_import_file", lambda _parent, _start: source)
    file_menu_action(window, "importData")
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert "not UTF-8" in box.text() and "thai.csv was not imported" in box.windowTitle()
    assert window.model.rowCount() == 0


def test_export_xlsx_typed_into_the_dialog_then_open_folder(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace.profiles.save(Organisation(name="Andaman Nets"))
    target = tmp_path / "out" / "team.xlsx"

    def ask_export_data(_parent: object, folder: Path) -> ExportDataRequest | None:
        dialog = ExportDataDialog(folder, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.format.setFocus()
        qtbot.keyClicks(dialog.format, "JSON")
        assert dialog.destination.text().endswith(".json")  # the suffix follows the format
        qtbot.keyClick(dialog.format, Qt.Key.Key_Home)  # back to the first: Excel
        assert dialog.format.currentData() == "xlsx"
        dialog.destination.selectAll()
        type_text(qtbot, dialog.destination, str(target))
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
        return dialog.request() if dialog.result() == QDialog.DialogCode.Accepted else None

    opened: list[Path] = []
    monkeypatch.setattr(exchange_dialogs, "ask_export_data", ask_export_data)
    monkeypatch.setattr(export_dialog, "open_path", opened.append)
    file_menu_action(window, "exportData")
    qtbot.waitUntil(lambda: done_box(window) is not None, timeout=20_000)
    box = done_box(window)
    assert box is not None and "1 organisations" in box.text() and "team.xlsx" in box.text()
    workbook = load_workbook(target, read_only=True)
    rows = list(workbook["organisations"].iter_rows(values_only=True))
    workbook.close()
    assert rows[1][1] == "Andaman Nets"
    next(b for b in box.buttons() if b.text() == "Open folder").click()
    assert opened == [target.parent]


def test_archive_exported_and_imported_into_another_database_from_the_window(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    other_device: Settings,
) -> None:
    from ctip_desktop.exchange import export_data

    other = open_workspace(tmp_path / "other.db", other_device)
    other.profiles.save(Organisation(name="ក្រុមហ៊ុន អង្គរ"))
    export_data(other, "json", tmp_path / "other.json")
    other.close()
    monkeypatch.setattr(
        exchange_dialogs, "choose_import_file", lambda _p, _s: tmp_path / "other.json"
    )
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    file_menu_action(window, "importData")
    qtbot.waitUntil(lambda: done_box(window) is not None, timeout=20_000)
    assert "Imported other.json" in done_box(window).text()  # type: ignore[union-attr]
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert names == ["ក្រុមហ៊ុន អង្គរ"]
