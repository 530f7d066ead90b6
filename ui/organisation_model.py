"""The organisation list as a Qt table model over the core's query (10,000 rows stay fast)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt

from ctip_desktop.profiles.repository import OrganisationFilter, OrganisationRow, ProfileStore

from ui.lazy_model import LazyTableModel


class OrganisationTableModel(LazyTableModel[OrganisationRow]):
    columns = (
        ("name", "Name"),
        ("sectors", "Sectors"),
        ("countries", "Countries"),
        ("supply_chain_role", "Role"),
        ("stage", "Stage"),
        ("homework", "Homework"),
        ("updated_at", "Updated"),
    )

    def __init__(self, store: ProfileStore) -> None:
        super().__init__()
        self.store = store
        self.filter = OrganisationFilter()

    def set_store(self, store: ProfileStore) -> None:
        self.store = store
        self.refresh()

    def set_filter(self, flt: OrganisationFilter) -> None:
        self.filter = flt
        self.refresh()

    def fetch_ids(self) -> list[str]:
        return self.store.list_ids(self.filter)

    def fetch_rows(self, ids: list[str]) -> dict[str, OrganisationRow]:
        return self.store.rows_by_id(ids)

    def org_id(self, row: int) -> str:
        return self.record_id(row)

    def display(self, row: OrganisationRow, key: str) -> Any:
        if key in ("sectors", "countries"):
            return ", ".join(getattr(row, key))
        if key == "homework":
            return f"{row.homework} / 4"
        if key == "updated_at":
            return row.updated_at[:10]
        return getattr(row, key)

    def tooltip(self, row: OrganisationRow, key: str) -> Any:
        if key == "name" and row.other_names:
            return "\n".join([row.name, *row.other_names])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.filter.sort, self.filter.descending):
            return
        self.set_filter(dataclasses.replace(self.filter, sort=key, descending=descending))
