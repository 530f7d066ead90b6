"""Interview lists: all interviews with filters, and one organisation's interviews."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.interviews.model import COMPLETED, DRAFT, REVIEW_LABELS, InterviewRow
from ctip_desktop.interviews.repository import InterviewFilter, InterviewStore

from ui.lazy_model import LazyTableModel

_NO_DATE = QDate(2000, 1, 1)


def status_text(status: str) -> str:
    if status == DRAFT:
        return QCoreApplication.translate("interviews", "Draft")
    return QCoreApplication.translate("interviews", "Completed")


class InterviewTableModel(LazyTableModel[InterviewRow]):
    columns = (
        ("started_at", "Date"),
        ("org_name", "Organisation"),
        ("questionnaire_title", "Questionnaire"),
        ("status", "Status"),
        ("review_state", "Review"),
        ("answered", "Answered"),
        ("interviewer", "Interviewer"),
    )

    def __init__(self, store: InterviewStore) -> None:
        super().__init__()
        self.store = store
        self.filter = InterviewFilter()

    def set_store(self, store: InterviewStore) -> None:
        self.store = store
        self.refresh()

    def set_filter(self, flt: InterviewFilter) -> None:
        self.filter = flt
        self.refresh()

    def fetch_ids(self) -> list[str]:
        return self.store.list_ids(self.filter)

    def fetch_rows(self, ids: list[str]) -> dict[str, InterviewRow]:
        return self.store.rows_by_id(ids)

    def display(self, row: InterviewRow, key: str) -> Any:
        if key == "started_at":
            return row.started_at.replace("T", " ")
        if key == "status":
            return status_text(row.status)
        if key == "review_state":
            return REVIEW_LABELS[row.review_state] if row.status == COMPLETED else ""
        if key == "answered":
            return f"{row.answered} of {row.items}"
        return getattr(row, key)


class InterviewList(QWidget):
    """A table of interviews; ``filters`` adds the controls the all-interviews page needs."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(
        self, store: InterviewStore, *, filters: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = InterviewTableModel(store)
        self.table = QTableView()
        self.table.setObjectName("interviewList")
        self.table.setAccessibleName(self.tr("Interviews"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 130)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 230)
        self.table.activated.connect(lambda index: self.open_requested.emit(self._id(index.row())))
        self.count = QLabel()
        self.count.setObjectName("interviewCount")
        self.model.modelReset.connect(self._update_count)
        self.new_button = QPushButton(self.tr("&New interview…"))
        self.new_button.setObjectName("newInterviewButton")
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setObjectName("openInterviewButton")
        self.open_button.clicked.connect(self.on_open)
        layout = QVBoxLayout(self)
        self.filters: dict[str, QComboBox] = {}
        if filters:
            layout.addLayout(self._build_filters())
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.new_button)
        layout.addLayout(bottom)

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for name in ("questionnaire", "status", "review", "interviewer"):
            combo = QComboBox()
            combo.setObjectName(f"{name}Filter")
            combo.currentIndexChanged.connect(self.on_filter_changed)
            self.filters[name] = combo
            row.addWidget(combo)
        self.date_from = self._date_edit("dateFrom")
        self.date_from.setAccessibleName(self.tr("Interviews from"))
        self.date_to = self._date_edit("dateTo")
        self.date_to.setAccessibleName(self.tr("Interviews up to"))
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.date_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.date_to)
        return row

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(_NO_DATE)
        edit.dateChanged.connect(self.on_filter_changed)
        return edit

    def update_choices(self) -> None:
        """Refill the filter menus from what the database holds."""
        if not self.filters:
            return
        store = self.model.store
        choices: dict[str, list[tuple[str, Any]]] = {
            "questionnaire": [(self.tr("All questionnaires"), "")]
            + [(title, qid) for qid, title in store.questionnaires.titles().items()],
            "status": [
                (self.tr("Drafts and completed"), ""),
                (self.tr("Drafts"), DRAFT),
                (self.tr("Completed"), COMPLETED),
            ],
            "review": [(self.tr("Any review state"), None)]
            + [(self.tr(label), state) for state, label in REVIEW_LABELS.items()],
            "interviewer": [(self.tr("All interviewers"), "")]
            + [(name, name) for name in store.interviewers()],
        }
        for name, combo in self.filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for label, value in choices[name]:
                combo.addItem(label, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def set_organisation(self, org_id: str) -> None:
        self.model.set_filter(dataclasses.replace(self.model.filter, org_id=org_id))

    def refresh(self) -> None:
        self.update_choices()
        self.model.refresh()

    def on_filter_changed(self) -> None:
        def date(edit: QDateEdit) -> str:
            return "" if edit.date() == _NO_DATE else edit.date().toString("yyyy-MM-dd")

        self.model.set_filter(
            dataclasses.replace(
                self.model.filter,
                questionnaire_id=self.filters["questionnaire"].currentData() or "",
                status=self.filters["status"].currentData() or "",
                review_state=self.filters["review"].currentData(),
                interviewer=self.filters["interviewer"].currentData() or "",
                date_from=date(self.date_from),
                date_to=date(self.date_to),
            )
        )

    def _id(self, row: int) -> str:
        return self.model.record_id(row)

    def on_open(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_requested.emit(self._id(rows[0].row()))
        elif self.model.rowCount():
            self.open_requested.emit(self._id(0))

    def _update_count(self) -> None:
        self.count.setText(self.tr("{n} interview(s)").format(n=self.model.rowCount()))
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
