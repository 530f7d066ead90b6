"""A table model over a core query that reads ids on every refresh and rows only when shown.

The organisation list (10,000 rows) and the interview list (50,000) stay fast this way: a
keystroke in a filter costs one query for ordered ids; rows are read 100 at a time as the
view scrolls to them.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_PAGE = 100


class LazyTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses say how to fetch ids and rows, and how a row shows in a column."""

    columns: tuple[tuple[str, str], ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._ids: list[str] = []
        self._rows: dict[str, Row] = {}

    def fetch_ids(self) -> list[str]:
        raise NotImplementedError

    def fetch_rows(self, ids: list[str]) -> dict[str, Row]:
        raise NotImplementedError

    def display(self, row: Row, key: str) -> Any:
        return getattr(row, key)

    def tooltip(self, row: Row, key: str) -> Any:
        return None

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self.fetch_ids()
        self._rows = {}
        self.endResetModel()

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def ids(self) -> list[str]:
        """Every listed id, in order (what "all in the list" means)."""
        return list(self._ids)

    def record_id(self, row: int) -> str:
        return self._ids[row]

    def row_record(self, row: int) -> Row:
        record_id = self._ids[row]
        if record_id not in self._rows:
            start = row - row % _PAGE
            self._rows.update(self.fetch_rows(self._ids[start : start + _PAGE]))
        return self._rows[record_id]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

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
        row = self.row_record(index.row())
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, key)
        if role == ID_ROLE:
            return self._ids[index.row()]
        return None
