"""The organisation list as a Qt table model over the core's query (10,000 rows stay fast)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ctip_desktop.profiles.repository import OrganisationFilter, OrganisationRow, ProfileStore

Index = QModelIndex | QPersistentModelIndex

_COLUMNS = (
    ("name", "Name"),
    ("sectors", "Sectors"),
    ("countries", "Countries"),
    ("supply_chain_role", "Role"),
    ("stage", "Stage"),
    ("homework", "Homework"),
    ("updated_at", "Updated"),
)
ORG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_PAGE = 100


class OrganisationTableModel(QAbstractTableModel):
    def __init__(self, store: ProfileStore) -> None:
        super().__init__()
        self.store = store
        self.filter = OrganisationFilter()
        # Ids in order on every refresh; rows are read only for what the view shows.
        self._ids: list[str] = []
        self._rows: dict[str, OrganisationRow] = {}

    def set_store(self, store: ProfileStore) -> None:
        self.store = store
        self.refresh()

    def set_filter(self, flt: OrganisationFilter) -> None:
        self.filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self.store.list_ids(self.filter)
        self._rows = {}
        self.endResetModel()

    def row_of(self, org_id: str) -> int:
        try:
            return self._ids.index(org_id)
        except ValueError:
            return -1

    def org_id(self, row: int) -> str:
        return self._ids[row]

    def _row(self, row: int) -> OrganisationRow:
        org_id = self._ids[row]
        if org_id not in self._rows:
            start = row - row % _PAGE
            self._rows.update(self.store.rows_by_id(self._ids[start : start + _PAGE]))
        return self._rows[org_id]

    # ----- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index.row())
        key = _COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "name":
                return row.name
            if key in ("sectors", "countries"):
                return ", ".join(getattr(row, key))
            if key == "homework":
                return f"{row.homework} / 4"
            if key == "updated_at":
                return row.updated_at[:10]
            return getattr(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name" and row.other_names:
            return "\n".join([row.name, *row.other_names])
        if role == ORG_ID_ROLE:
            return row.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = _COLUMNS[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.filter.sort, self.filter.descending):
            return
        self.set_filter(dataclasses.replace(self.filter, sort=key, descending=descending))
