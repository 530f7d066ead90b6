"""The preview shown before a merge: what the file would add, change, delete and conflict."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.sync.merge import MergePreview

from ui.idle_lock import exec_dialog
from ui.record_table import RecordTableModel

_KINDS = {
    "organisation": "organisation",
    "contact": "contact",
    "headline": "headline",
    "interview": "interview",
    "correction": "correction",
    "decision": "decision",
    "follow_up": "follow-up",
}
_STATUS = {"new": "New", "changed": "Changed", "deleted": "Deleted", "": "Records under it"}


def _counts(counts: dict[str, int]) -> str:
    parts = []
    for entity, count in sorted(counts.items()):
        noun = _KINDS.get(entity, entity)
        parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    return ", ".join(parts)


@dataclass
class PreviewLine:
    name: str
    status: str
    added: str
    updated: str
    deleted: str
    answers: str
    conflicts: str


class MergePreviewDialog(QDialog):
    def __init__(self, preview: MergePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge “{file}”").format(file=preview.file_name))
        self.resize(860, 480)
        summary = QLabel(self.summary(preview))
        summary.setObjectName("mergeSummary")
        summary.setWordWrap(True)
        self.model: RecordTableModel[PreviewLine] = RecordTableModel(
            [
                ("name", self.tr("Organisation")),
                ("status", self.tr("Status")),
                ("added", self.tr("Added")),
                ("updated", self.tr("Updated")),
                ("deleted", self.tr("Deleted")),
                ("answers", self.tr("Answers")),
                ("conflicts", self.tr("Conflicts")),
            ],
            lambda: PreviewLine("", "", "", "", "", "", ""),
            read_only=True,
        )
        self.model.set_records(
            [
                PreviewLine(
                    o.name,
                    self.tr(_STATUS.get(o.status, o.status)),
                    _counts(o.added),
                    _counts(o.updated),
                    _counts(o.deleted),
                    str(o.answers or ""),
                    str(len(o.conflicts) or ""),
                )
                for o in preview.organisations
            ]
        )
        table = QTableView()
        table.setObjectName("mergePreviewTable")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # what arrives
        table.setColumnWidth(0, 260)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table, 1)
        note = QLabel(
            self.tr(
                "Nothing is overwritten: a field changed on both laptops becomes a conflict "
                "for you to decide (Sync & conflicts). A backup of this database is made first."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def summary(self, preview: MergePreview) -> str:
        lines = [
            self.tr(
                "{n} change(s) are new to this database, touching {orgs} organisation(s)."
            ).format(n=preview.new_changes, orgs=len(preview.organisations))
        ]
        for label, counts in (
            (self.tr("Added"), preview.added),
            (self.tr("Updated"), preview.updated),
            (self.tr("Deleted"), preview.deleted),
        ):
            if counts:
                lines.append(f"{label}: {_counts(counts)}.")
        if preview.answers:
            lines.append(self.tr("{n} answer value(s) arrive.").format(n=preview.answers))
        if preview.conflicts:
            lines.append(self.tr("{n} field(s) would be in conflict.").format(n=preview.conflicts))
        if preview.questionnaires:
            lines.append(
                self.tr("It brings {n} questionnaire version(s) this database lacks.").format(
                    n=len(preview.questionnaires)
                )
            )
        return "\n".join(lines)


def confirm_merge(parent: QWidget | None, preview: MergePreview) -> bool:
    """Show what a merge would do and ask to go on. Tests replace this function."""
    return bool(exec_dialog(MergePreviewDialog(preview, parent)))
