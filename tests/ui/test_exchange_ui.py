"""File ▸ Export data… and File ▸ Import… driven as a person does: menus, clicks, typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from ctip_desktop.exchange.tables import Table
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

from ui import exchange_dialogs, export_dialog, messages
from ui.exchange_dialogs import (
    ExportDataDialog,
    ExportDataRequest,
    ImportReportDialog,
    OrganisationImportDialog,
    XlsformDialog,
    XlsformRequest,
)
from ui.main_window import MainWindow

from tests.core.test_exchange_odk import EXAMPLE_2, converted, example_2_submission, odk_central_csv
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


def report_rows(dialog: ImportReportDialog) -> list[tuple[str, str]]:
    model = dialog.rejected_model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def test_submissions_all_rejected_show_why_row_by_row_without_an_import_button(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Rice"))
    result = converted(tmp_path, EXAMPLE_2)
    source = tmp_path / "submissions.csv"
    source.write_bytes(
        odk_central_csv(
            result,
            [
                example_2_submission("Nobody Ltd"),
                example_2_submission("Mekong Rice", start="2024-13-45T99:99"),
            ],
        )
    )
    monkeypatch.setattr(exchange_dialogs, "choose_import_file", lambda _parent, _start: source)
    before = list(workspace.db.conn.iterdump())
    file_menu_action(window, "importData")
    dialog = window.findChild(ImportReportDialog, "importReport")
    assert dialog is not None and dialog.isVisible()
    summary = dialog.findChild(QLabel, "importSummary")
    assert "0 submission(s)" in summary.text() and "2 row(s) are not imported" in summary.text()
    rows = report_rows(dialog)
    assert [number for number, _ in rows] == ["2", "3"]
    assert "no organisation named “Nobody Ltd”" in rows[0][1]
    assert "YYYY-MM-DD HH:MM" in rows[1][1]
    buttons = dialog.findChild(QDialogButtonBox, "reportButtons")
    assert [b.text() for b in buttons.buttons()] == ["Close"]
    click(qtbot, buttons.buttons()[0])
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert list(workspace.db.conn.iterdump()) == before


def test_submissions_imported_through_the_window_after_the_report(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Rice"))
    result = converted(tmp_path, EXAMPLE_2)
    source = tmp_path / "submissions.csv"
    other = example_2_submission("Mekong Rice", hindering_factors="other",
                                 hindering_factors_other="")  # fmt: skip
    source.write_bytes(odk_central_csv(result, [example_2_submission("Mekong Rice"), other]))
    monkeypatch.setattr(exchange_dialogs, "choose_import_file", lambda _parent, _start: source)
    seen: dict[str, object] = {}

    def confirm_import(
        _parent: object, title: str, summary: str, rejected: list[tuple[int, str]], action: str
    ) -> bool:
        dialog = ImportReportDialog(title, summary, rejected, action, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["summary"] = dialog.findChild(QLabel, "importSummary").text()
        seen["rows"] = report_rows(dialog)
        buttons = dialog.findChild(QDialogButtonBox, "reportButtons")
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(exchange_dialogs, "confirm_import", confirm_import)
    file_menu_action(window, "importData")
    assert "1 submission(s) of “Example #2" in str(seen["summary"])
    (row,) = seen["rows"]  # type: ignore[misc]
    assert row[0] == "3" and "ticked without saying what it is" in row[1]
    assert "Imported 1 interview(s) from submissions.csv" in window.statusBar().currentMessage()
    assert workspace.interviews.counts()["completed"] == 1
    assert window.actions.undo.text() == "&Undo import 1 submission from submissions.csv"


def test_export_a_questionnaire_as_xlsform_from_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "forms" / "survey.xlsx"
    seen: dict[str, str] = {}

    def ask_xlsform(_parent: object, questionnaires: list, folder: Path) -> XlsformRequest | None:
        dialog = XlsformDialog(questionnaires, folder, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["first"] = dialog.destination.text()
        dialog.questionnaire.setFocus()
        qtbot.keyClick(dialog.questionnaire, Qt.Key.Key_End)  # the last: Example #2
        seen["second"] = dialog.destination.text()
        dialog.destination.selectAll()
        type_text(qtbot, dialog.destination, str(target))
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
        return dialog.request() if dialog.result() == QDialog.DialogCode.Accepted else None

    opened: list[Path] = []
    monkeypatch.setattr(exchange_dialogs, "ask_xlsform", ask_xlsform)
    monkeypatch.setattr(export_dialog, "open_path", opened.append)
    file_menu_action(window, "exportXlsform")
    assert seen["first"].endswith("pse-outreach-example-1.xlsx")
    assert seen["second"].endswith(f"{EXAMPLE_2}.xlsx")  # named after the questionnaire
    box = done_box(window)
    assert box is not None and "survey.xlsx" in box.text() and "Example #2" in box.text()
    workbook = load_workbook(target, read_only=True)
    settings = list(workbook["settings"].iter_rows(values_only=True))
    workbook.close()
    assert settings[1][1] == EXAMPLE_2
    next(b for b in box.buttons() if b.text() == "Open folder").click()
    assert opened == [target.parent]


def test_an_xlsform_that_cannot_be_written_gets_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask_xlsform(_parent: object, questionnaires: list, _folder: Path) -> XlsformRequest:
        return XlsformRequest(questionnaires[0], tmp_path)  # a folder, not a file

    monkeypatch.setattr(exchange_dialogs, "ask_xlsform", ask_xlsform)
    file_menu_action(window, "exportXlsform")
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible() and "is a folder" in box.text()
