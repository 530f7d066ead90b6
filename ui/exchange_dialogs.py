"""Dialogs for File ▸ Export data… and File ▸ Import…: what to export and where; the file to
import; for organisations, a preview with the column mapping to change and the rows rejected.

The work itself is the core's (``ctip_desktop.exchange``). Each question goes through a small
module-level function that tests replace (``ask_export_data``, ``choose_import_file``,
``ask_organisation_import``, ``confirm_import``, ``ask_xlsform``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.exchange.errors import ExchangeError
from ctip_desktop.exchange.organisations import (
    IGNORE,
    TARGETS,
    OrganisationImportPlan,
    guess_mapping,
    plan_organisation_import,
)
from ctip_desktop.exchange.tables import Table
from ctip_desktop.questionnaires.model import Questionnaire
from ctip_desktop.workspace import Workspace

from ui import idle_lock
from ui.idle_lock import exec_dialog
from ui.record_table import RecordTableModel

Index = QModelIndex | QPersistentModelIndex

EXPORT_FORMATS = (
    ("xlsx", "Excel workbook (.xlsx): a sheet per table"),
    ("csv", "CSV files (UTF-8) in a folder"),
    ("json", "JSON archive: everything, lossless (.json)"),
)
_SUFFIXES = {"xlsx": ".xlsx", "csv": "", "json": ".json"}
PREVIEW_ROWS = 200


@dataclass(frozen=True)
class ExportDataRequest:
    format: str
    path: Path


def default_export_name(fmt: str) -> str:
    return f"CTIP export {date.today():%Y-%m-%d}{_SUFFIXES[fmt]}"


class ExportDataDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export data"))
        self.folder = folder
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for fmt, label in EXPORT_FORMATS:
            self.format.addItem(self.tr(label), fmt)
        self.destination = QLineEdit(str(folder / default_export_name("xlsx")))
        self.destination.setObjectName("exportDestination")
        self.format.currentIndexChanged.connect(self.on_format_changed)
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.on_browse)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("&Format"), self.format)
        form.addRow(self.tr("&Save as"), row)
        note = QLabel(
            self.tr(
                "Interviews come one row per interview and one column per question, as "
                "ODK and KoboToolbox export them, with codes and with labels. The JSON "
                "archive holds every change and can be imported again without loss."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def on_format_changed(self, _index: int) -> None:
        """Keep the name the user typed, with the suffix of the chosen format."""
        fmt = self.format.currentData()
        current = Path(self.destination.text().strip() or default_export_name(fmt))
        stem = current.name.removesuffix(".xlsx").removesuffix(".json")
        self.destination.setText(str(current.with_name(stem + _SUFFIXES[fmt])))

    def on_browse(self) -> None:
        fmt = self.format.currentData()
        if fmt == "csv":
            chosen = idle_lock.get_existing_directory(self, self.tr("Export to folder"))
        else:
            pattern = "*.xlsx" if fmt == "xlsx" else "*.json"
            chosen = idle_lock.get_save_file_name(
                self, self.tr("Export to file"), self.destination.text(), pattern
            )
        if chosen:
            self.destination.setText(chosen)

    def request(self) -> ExportDataRequest:
        text = self.destination.text().strip()
        fmt = str(self.format.currentData())
        return ExportDataRequest(
            fmt, Path(text) if text else self.folder / default_export_name(fmt)
        )


def ask_export_data(parent: QWidget | None, folder: Path) -> ExportDataRequest | None:
    """Ask what to export and where (None when cancelled). Tests replace this function."""
    dialog = ExportDataDialog(folder, parent)
    return dialog.request() if exec_dialog(dialog) else None


def choose_import_file(parent: QWidget | None, start: Path) -> Path | None:
    """Ask for the file to import (None when cancelled). Tests replace this function."""
    chosen = idle_lock.get_open_file_name(
        parent,
        QFileDialog.tr("Import"),
        str(start),
        QFileDialog.tr(
            "Archives, organisations, submissions (*.json *.csv *.xlsx *.txt *.tsv);;All files (*)"
        ),
    )
    return Path(chosen) if chosen else None


# ----- organisations: preview and mapping -------------------------------------------------------


class TablePreviewModel(QAbstractTableModel):
    """The first rows of a file as it will be read, each header saying where it goes."""

    def __init__(self, table: Table, mapping: list[str]) -> None:
        super().__init__()
        self.table = table
        self.rows = table.rows[:PREVIEW_ROWS]
        self.mapping = mapping

    def set_mapping(self, mapping: list[str]) -> None:
        self.mapping = mapping
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.table.headers) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.rows[index.row()].get(index.column())
            return (
                text
                if role == Qt.ItemDataRole.ToolTipRole or len(text) < 200
                else (text[:200] + "…")
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.rows[section].number)
        target = self.mapping[section] if section < len(self.mapping) else IGNORE
        label = dict(TARGETS).get(target, "") or self.tr("(ignored)")
        return f"{self.table.headers[section]}\n→ {label}"


@dataclass
class RejectedLine:
    row: str
    reason: str


class OrganisationImportDialog(QDialog):
    """Preview of an organisations file: change where each column goes, see which rows
    would be rejected and why, then import the rest."""

    def __init__(self, workspace: Workspace, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = table
        self.plan: OrganisationImportPlan | None = None
        self.setWindowTitle(self.tr("Import organisations from “{file}”").format(file=table.name))
        self.resize(980, 640)
        mapping = guess_mapping(table.headers)
        self.combos: list[QComboBox] = []
        form = QFormLayout()
        for index, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setObjectName(f"mapping_{index}")
            combo.addItem(self.tr("(ignore this column)"), IGNORE)
            for target, label in TARGETS:
                combo.addItem(self.tr(label), target)
            combo.setCurrentIndex(max(combo.findData(mapping[index]), 0))
            combo.currentIndexChanged.connect(self.on_mapping_changed)
            self.combos.append(combo)
            form.addRow(header or self.tr("(column {n})").format(n=index + 1), combo)
        mapping_box = QWidget()
        mapping_box.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(mapping_box)
        self.preview_model = TablePreviewModel(table, mapping)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rejected_model: RecordTableModel[RejectedLine] = RecordTableModel(
            [("row", self.tr("Row")), ("reason", self.tr("Why it is not imported"))],
            lambda: RejectedLine("", ""),
            read_only=True,
        )
        self.rejected = QTableView()
        self.rejected.setObjectName("rejectedRows")
        self.rejected.setModel(self.rejected_model)
        self.rejected.verticalHeader().hide()
        self.rejected.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejected.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(scroll)
        top.addWidget(self.preview)
        top.setStretchFactor(1, 3)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("importButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Where each column goes (first rows shown on the right):")))
        layout.addWidget(top, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 2)
        layout.addWidget(self.buttons)
        self.on_mapping_changed()

    def mapping(self) -> list[str]:
        return [str(combo.currentData()) for combo in self.combos]

    def on_mapping_changed(self, _index: int = 0) -> None:
        mapping = self.mapping()
        self.preview_model.set_mapping(mapping)
        try:
            self.plan = plan_organisation_import(self.workspace, self.table, mapping)
        except ExchangeError as error:
            self.plan = None
            self.summary.setText(str(error))
            self.rejected_model.set_records([])
            self.import_button.setEnabled(False)
            self.import_button.setText(self.tr("Import"))
            return
        accepted, rejected = len(self.plan.accepted), len(self.plan.rejected)
        self.summary.setText(
            self.tr(
                "{ok} organisation(s) will be imported; {bad} row(s) will not (listed below). "
                "Nothing is written until you press Import; one Undo takes it all back."
            ).format(ok=accepted, bad=rejected)
        )
        self.rejected_model.set_records(
            [RejectedLine(str(number), reason) for number, reason in self.plan.rejected]
        )
        self.import_button.setEnabled(accepted > 0)
        self.import_button.setText(self.tr("Import {n}").format(n=accepted))


def ask_organisation_import(
    parent: QWidget | None, workspace: Workspace, table: Table
) -> OrganisationImportPlan | None:
    """Show the preview; the plan to apply, or None when cancelled. Tests replace this."""
    dialog = OrganisationImportDialog(workspace, table, parent)
    return dialog.plan if exec_dialog(dialog) and dialog.plan is not None else None


class ImportReportDialog(QDialog):
    """What an import would do (a summary and the rows it would skip), before it is done;
    without an ``action``, only why rows were not imported."""

    def __init__(
        self,
        title: str,
        summary: str,
        rejected: list[tuple[int, str]],
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 460)
        text = QLabel(summary)
        text.setObjectName("importSummary")
        text.setWordWrap(True)
        model: RecordTableModel[RejectedLine] = RecordTableModel(
            [("row", self.tr("Row")), ("reason", self.tr("Why it is not imported"))],
            lambda: RejectedLine("", ""),
            read_only=True,
        )
        model.set_records([RejectedLine(str(n), reason) for n, reason in rejected])
        table = QTableView()
        table.setObjectName("rejectedRows")
        table.setModel(model)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        if action:
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            )
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        else:  # a report of what was not imported: nothing to go on with
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("reportButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.rejected_model = model
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if rejected:
            layout.addWidget(table, 1)
        layout.addWidget(buttons)


def confirm_import(
    parent: QWidget | None, title: str, summary: str, rejected: list[tuple[int, str]], action: str
) -> bool:
    """Show what an import would do and ask to go on. Tests replace this function."""
    return bool(exec_dialog(ImportReportDialog(title, summary, rejected, action, parent)))


def show_import_report(
    parent: QWidget | None, title: str, summary: str, rejected: list[tuple[int, str]]
) -> ImportReportDialog:
    """Say why rows were not imported, with no Import button (non-blocking, like the
    message boxes of ``ui.messages``)."""
    dialog = ImportReportDialog(title, summary, rejected, "", parent)
    dialog.setObjectName("importReport")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


# ----- XLSForm ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class XlsformRequest:
    questionnaire: Questionnaire
    path: Path


class XlsformDialog(QDialog):
    """Which questionnaire to write as an XLSForm (for ODK Central or KoboToolbox), and where."""

    def __init__(
        self, questionnaires: list[Questionnaire], folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export questionnaire as XLSForm"))
        self.folder = folder
        self.questionnaires = questionnaires
        self.questionnaire = QComboBox()
        self.questionnaire.setObjectName("xlsformQuestionnaire")
        for questionnaire in questionnaires:
            self.questionnaire.addItem(
                self.tr("{title} (version {version})").format(
                    title=questionnaire.short_title, version=questionnaire.version
                ),
                questionnaire.id,
            )
        self.destination = QLineEdit()
        self.destination.setObjectName("xlsformDestination")
        self.questionnaire.currentIndexChanged.connect(self.on_questionnaire_changed)
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.on_browse)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("&Questionnaire"), self.questionnaire)
        form.addRow(self.tr("&Save as"), row)
        note = QLabel(
            self.tr(
                "Upload the form to ODK Central or KoboToolbox. Export its submissions as CSV "
                "(KoboToolbox: XML values and headers) and bring them in with File ▸ Import…: "
                "each becomes a completed interview."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.on_questionnaire_changed(0)
        self.resize(560, self.sizeHint().height())

    def _chosen(self) -> Questionnaire:
        return self.questionnaires[max(self.questionnaire.currentIndex(), 0)]

    def on_questionnaire_changed(self, _index: int) -> None:
        """The file is named after the questionnaire (in the folder chosen so far)."""
        current = self.destination.text().strip()
        folder = Path(current).parent if current else self.folder
        self.destination.setText(str(folder / f"{self._chosen().id}.xlsx"))

    def on_browse(self) -> None:
        chosen = idle_lock.get_save_file_name(
            self,
            self.tr("Save the XLSForm as"),
            self.destination.text(),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if chosen:
            self.destination.setText(chosen)

    def request(self) -> XlsformRequest:
        text = self.destination.text().strip()
        path = Path(text) if text else self.folder / f"{self._chosen().id}.xlsx"
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        return XlsformRequest(self._chosen(), path)


def ask_xlsform(
    parent: QWidget | None, questionnaires: list[Questionnaire], folder: Path
) -> XlsformRequest | None:
    """Ask which questionnaire and where (None when cancelled). Tests replace this."""
    dialog = XlsformDialog(questionnaires, folder, parent)
    return dialog.request() if exec_dialog(dialog) else None
