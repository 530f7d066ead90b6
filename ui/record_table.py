"""Small editable tables for the contacts and headlines inside a profile."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """Rows are dataclass records; columns are (attribute, header) pairs.

    A boolean attribute shows as a check box; ``exclusive_check`` makes it a radio choice
    (one primary representative per organisation). ``read_only`` shows records without
    offering to edit them (history, review lists).
    """

    def __init__(
        self,
        columns: list[tuple[str, str]],
        factory: Callable[[], Record],
        exclusive_check: str = "",
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.columns = columns
        self.factory = factory
        self.exclusive_check = exclusive_check
        self.read_only = read_only
        self.records: list[Record] = []

    def set_records(self, records: list[Record]) -> None:
        self.beginResetModel()
        self.records = [copy.copy(r) for r in records]
        self.endResetModel()

    def add_record(self) -> int:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(self.factory())
        self.endInsertRows()
        return row

    def remove_record(self, row: int) -> None:
        if 0 <= row < len(self.records):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.records[row]
            self.endRemoveRows()

    def _is_check(self, column: int) -> bool:
        return isinstance(getattr(self.factory(), self.columns[column][0]), bool)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if self._is_check(index.column()):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = getattr(self.records[index.row()], self.columns[index.column()][0])
        if isinstance(value, bool):
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if role == Qt.ItemDataRole.ToolTipRole and value:
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        attribute = self.columns[index.column()][0]
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if checked and attribute == self.exclusive_check:
                for other in self.records:
                    setattr(other, attribute, False)
            setattr(record, attribute, checked)
            self.dataChanged.emit(
                self.index(0, index.column()), self.index(len(self.records) - 1, index.column())
            )
            return True
        if role == Qt.ItemDataRole.EditRole:
            setattr(record, attribute, str(value))
            self.dataChanged.emit(index, index)
            return True
        return False


class ChoiceDelegate(QStyledItemDelegate):
    """Edit a cell by picking from a fixed list (a headline's tone)."""

    def __init__(self, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(["", *self.choices])
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
