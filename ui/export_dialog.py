"""Exporting PDFs: what to print, for whom, of which organisations, and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui import idle_lock

KINDS = (
    ("briefing", "Briefing pack: everything known, for preparing a meeting"),
    ("profile", "Partner profile: one or two pages to hand out"),
    ("portfolio", "Portfolio report: readiness and answers across organisations"),
)
AUDIENCES = (
    ("internal", "Internal: everything, for the CTIP team"),
    ("partner", "Partner: no internal notes, no dismissed recommendations"),
    ("public", "Public: also no contacts' names, emails or phones"),
)


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    audience: str
    selected_only: bool
    folder: Path


class ExportDialog(QDialog):
    def __init__(
        self,
        selected: int,
        listed: int,
        folder: Path,
        parent: QWidget | None = None,
        *,
        kind: str = "briefing",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PDF"))
        self.kinds = QButtonGroup(self)
        kind_box = QVBoxLayout()
        for number, (kind_id, label) in enumerate(KINDS):
            button = QRadioButton(self.tr(label))
            button.setObjectName(f"kind_{kind_id}")
            button.setChecked(kind_id == kind)
            self.kinds.addButton(button, number)
            kind_box.addWidget(button)
        self.audience = QComboBox()
        self.audience.setObjectName("audience")
        for audience_id, label in AUDIENCES:
            self.audience.addItem(self.tr(label), audience_id)
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        if selected:
            self.scope.addItem(self.tr("The {n} selected organisation(s)").format(n=selected), True)
        self.scope.addItem(self.tr("All {n} organisations in the list").format(n=listed), False)
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("folder")
        self.folder.setAccessibleName(self.tr("Folder for the PDFs"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.on_browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("&Audience"), self.audience)
        form.addRow(self.tr("&Organisations"), self.scope)
        form.addRow(self.tr("&Folder"), folder_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What to print")))
        layout.addLayout(kind_box)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def on_browse(self) -> None:
        chosen = idle_lock.get_existing_directory(
            self, self.tr("Export to folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def request(self) -> ExportRequest:
        return ExportRequest(
            kind=KINDS[max(self.kinds.checkedId(), 0)][0],
            audience=self.audience.currentData(),
            selected_only=bool(self.scope.currentData()),
            folder=Path(self.folder.text().strip() or "."),
        )


def ask_export(
    parent: QWidget | None, selected: int, listed: int, folder: Path
) -> ExportRequest | None:
    """Ask what to export (None when cancelled). Tests replace this function."""
    dialog = ExportDialog(selected, listed, folder, parent)
    return dialog.request() if idle_lock.exec_dialog(dialog) else None


def open_path(path: Path) -> None:
    """Open a file or folder with the desktop's application. Tests replace this function."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """Ask for a folder (None when cancelled). Tests replace this function."""
    chosen = idle_lock.get_existing_directory(parent, title, str(start))
    return Path(chosen) if chosen else None
