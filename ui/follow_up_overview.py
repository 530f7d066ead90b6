"""Follow-ups across organisations: what is due or overdue, marked done where it happens.

The page lists open follow-ups due within a chosen window (overdue ones first and in red),
asks for the outcome inline when one is marked done (no dialog), and opens the organisation
a follow-up belongs to.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.decisions import DONE, DecisionError, DecisionStore, FollowUpRow
from ctip_desktop.profiles.model import ValidationError

from ui import style

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ORG_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ONLY = -1
ALL_OPEN = 100 * 366  # "all": every open follow-up, whenever it is due
WINDOWS = (
    (OVERDUE_ONLY, "Overdue only"),
    (7, "Due within 7 days"),
    (14, "Due within 14 days"),
    (30, "Due within 30 days"),
    (ALL_OPEN, "All open follow-ups"),
)
DEFAULT_WINDOW = 14


def when_text(row: FollowUpRow, today: date) -> str:
    """“Overdue by 3 days”, “Due today”, “In 5 days” or “No date”."""
    due = row.follow_up.due
    if not due:
        return QCoreApplication.translate("follow_ups", "No date")
    try:
        days = (date.fromisoformat(due) - today).days
    except ValueError:
        return due
    if days == -1:
        return QCoreApplication.translate("follow_ups", "Overdue by 1 day")
    if days < 0:
        return QCoreApplication.translate("follow_ups", "Overdue by {n} days").format(n=-days)
    if days == 0:
        return QCoreApplication.translate("follow_ups", "Due today")
    if days == 1:
        return QCoreApplication.translate("follow_ups", "Tomorrow")
    return QCoreApplication.translate("follow_ups", "In {n} days").format(n=days)


class FollowUpTableModel(QAbstractTableModel):
    """Open follow-ups as the store lists them; overdue rows show their dates in red."""

    columns = (
        ("org_name", "Organisation"),
        ("step", "Step"),
        ("owner", "Owner"),
        ("due", "Due"),
        ("when", "When"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[FollowUpRow] = []
        self.today = date.today()

    def set_rows(self, rows: list[FollowUpRow], today: date) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = today
        self.endResetModel()

    def row_of(self, follow_up_id: str) -> int:
        for number, row in enumerate(self.rows):
            if row.follow_up.id == follow_up_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.columns[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "org_name":
                return row.org_name
            if key == "when":
                return when_text(row, self.today)
            return getattr(row.follow_up, key)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and key in ("due", "when"):
            return style.table_problem_colour()
        if role == Qt.ItemDataRole.FontRole and row.overdue and key == "when":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "step":
                return row.follow_up.step
            if key == "org_name":
                return row.org_name
            return None
        if role == ID_ROLE:
            return row.follow_up.id
        if role == ORG_ROLE:
            return row.follow_up.org_id
        return None


class _OutcomeEdit(QLineEdit):
    """Escape gives up marking the follow-up done."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class FollowUpOverview(QWidget):
    """Open follow-ups due or overdue across all organisations.

    Signals: ``open_requested(org_id)`` (Open organisation, Enter or double-click on a row);
    ``follow_up_done(follow_up_id)`` after one is marked done, so other views can refresh.
    """

    open_requested = Signal(str)
    follow_up_done = Signal(str)

    def __init__(self, store: DecisionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpOverview")
        self.store = store
        self.today: date | None = None  # None: the real today, read on each refresh
        self._marking = ""  # the follow-up whose outcome is being asked for

        self.window_choice = QComboBox()
        self.window_choice.setObjectName("followUpWindow")
        for days, label in WINDOWS:
            self.window_choice.addItem(self.tr(label), days)
        self.window_choice.setCurrentIndex(self.window_choice.findData(DEFAULT_WINDOW))
        self.window_choice.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        self.count.setObjectName("followUpCount")

        self.model = FollowUpTableModel()
        self.table = QTableView()
        self.table.setObjectName("followUpTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            QFontMetrics(self.table.font()).height() + 8
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 260), (2, 140), (3, 96), (4, 140)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.empty = QLabel()
        self.empty.setObjectName("followUpEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.done_button = QPushButton(self.tr("&Mark done…"))
        self.done_button.setObjectName("markDoneButton")
        self.done_button.clicked.connect(self.ask_outcome)
        self.open_button = QPushButton(self.tr("&Open organisation"))
        self.open_button.setObjectName("openOrganisationButton")
        self.open_button.clicked.connect(self.open_current)

        self.outcome_panel = self._build_outcome_panel()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.window_choice)
        top.addStretch(1)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.done_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.outcome_panel)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.window_choice, self.table)
        QWidget.setTabOrder(self.table, self.outcome)
        QWidget.setTabOrder(self.outcome, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.done_button)
        QWidget.setTabOrder(self.done_button, self.open_button)
        self._update_buttons()

    def _build_outcome_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("outcomePanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.outcome_label = QLabel()
        self.outcome_label.setObjectName("outcomeLabel")
        self.outcome_label.setWordWrap(True)
        self.outcome = _OutcomeEdit()
        self.outcome.setObjectName("outcomeEdit")
        self.outcome.setPlaceholderText(self.tr("What came of it (optional)"))
        self.outcome.returnPressed.connect(self.save_outcome)
        self.outcome.cancelled.connect(self.cancel_outcome)
        self.outcome_label.setBuddy(self.outcome)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveOutcomeButton")
        self.save_button.clicked.connect(self.save_outcome)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelOutcomeButton")
        self.cancel_button.clicked.connect(self.cancel_outcome)
        self.outcome_error = QLabel()
        self.outcome_error.setObjectName("outcomeError")
        style.show_as_problem(self.outcome_error)
        self.outcome_error.setWordWrap(True)
        self.outcome_error.hide()
        row = QHBoxLayout()
        row.addWidget(self.outcome, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.outcome_label)
        layout.addLayout(row)
        layout.addWidget(self.outcome_error)
        panel.hide()
        return panel

    # ----- interface ---------------------------------------------------------------------

    def set_store(self, store: DecisionStore) -> None:
        """Another database was opened."""
        self.store = store
        self.cancel_outcome()
        self.reload()

    def refresh(self, today: date | None = None) -> None:
        """Read the follow-ups again; ``today`` fixes the date they are judged against."""
        self.today = today
        self.reload()

    def set_window(self, days: int) -> None:
        """Show follow-ups due within ``days`` (OVERDUE_ONLY, 7, 14, 30 or ALL_OPEN)."""
        self.window_choice.setCurrentIndex(max(self.window_choice.findData(days), 0))

    def rows(self) -> list[FollowUpRow]:
        return list(self.model.rows)

    def current_row(self) -> FollowUpRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def select(self, follow_up_id: str) -> bool:
        row = self.model.row_of(follow_up_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def open_current(self) -> None:
        current = self.current_row()
        if current is not None:
            self.open_requested.emit(current.follow_up.org_id)

    def ask_outcome(self) -> None:
        """Show the outcome field for the selected follow-up (Enter saves, Escape gives up)."""
        current = self.current_row()
        if current is None:
            return
        self._marking = current.follow_up.id
        self.outcome_label.setText(
            self.tr("Outcome of “{step}” ({organisation}):").format(
                step=current.follow_up.step, organisation=current.org_name
            )
        )
        self.outcome.setText(current.follow_up.outcome)
        self.outcome_error.hide()
        self.outcome_panel.show()
        self.outcome.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()

    def save_outcome(self) -> None:
        """Mark the follow-up done with the outcome typed; problems show under the field."""
        if not self._marking:
            return
        follow_up = self.store.get_follow_up(self._marking)
        if follow_up is None:
            self._show_outcome_error(self.tr("This follow-up no longer exists."))
            return
        done = dataclasses.replace(follow_up, status=DONE, outcome=self.outcome.text())
        try:
            self.store.save_follow_up(done)
        except (ValidationError, DecisionError) as error:
            self._show_outcome_error(str(error))
            return
        row = self.model.row_of(self._marking)
        marked = self._marking
        self._close_outcome()
        self.reload()
        if self.model.rowCount():
            self.table.setCurrentIndex(
                self.model.index(min(max(row, 0), self.model.rowCount() - 1), 0)
            )
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.follow_up_done.emit(marked)

    def cancel_outcome(self) -> None:
        if self._marking:
            self._close_outcome()
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- internals ---------------------------------------------------------------------

    def _today(self) -> date:
        return self.today or date.today()

    def reload(self) -> None:
        """Read the rows for the chosen window, keeping the selection where it can."""
        today = self._today()
        days = int(self.window_choice.currentData())
        current = self.current_row()
        keep = current.follow_up.id if current else ""
        if days == OVERDUE_ONLY:
            rows = [r for r in self.store.due(today, within_days=0) if r.overdue]
        else:
            rows = self.store.due(today, within_days=days)
        self.model.set_rows(rows, today)
        counts = self.store.counts(today)
        self.count.setText(
            self.tr("{open} open, {overdue} overdue · {shown} shown").format(
                open=counts["open"], overdue=counts["overdue"], shown=len(rows)
            )
        )
        if rows:
            self.stack.setCurrentWidget(self.table)
            if not (keep and self.select(keep)):
                self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.empty.setText(
                self.tr("No follow-up is overdue.")
                if days == OVERDUE_ONLY
                else self.tr("No open follow-up is due in this period.")
            )
            self.stack.setCurrentWidget(self.empty)
        if self._marking and self.model.row_of(self._marking) < 0:
            self._close_outcome()
        self._update_buttons()

    def _close_outcome(self) -> None:
        self._marking = ""
        self.outcome.clear()
        self.outcome_error.hide()
        self.outcome_panel.hide()
        self._update_buttons()

    def _show_outcome_error(self, text: str) -> None:
        self.outcome_error.setText(text)
        self.outcome_error.show()

    def _update_buttons(self) -> None:
        selected = self.current_row() is not None
        self.done_button.setEnabled(selected and not self._marking)
        self.open_button.setEnabled(selected)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.data(ORG_ROLE)))
