"""The main window: the organisation list beside the profile of the selected one."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelection, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop import APP_NAME, paths
from ctip_desktop.profiles.model import VOCABULARY, Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import StorageError
from ctip_desktop.workspace import Workspace, open_workspace

from ui import messages
from ui.actions import build_actions
from ui.dialogs import SettingsDialog, show_about
from ui.organisation_model import OrganisationTableModel
from ui.profile_editor import ProfileEditor

log = logging.getLogger(__name__)


def choose_database_file(parent: QWidget, title: str, *, save: bool) -> str:
    """Ask for a database path ('' when cancelled). Tests replace this function."""
    pattern = QFileDialog.tr("CTIP Outreach Desk databases (*.db *.ctip.db);;All files (*)")
    start = str(paths.data_dir())
    if save:
        return QFileDialog.getSaveFileName(parent, title, start, pattern)[0]
    return QFileDialog.getOpenFileName(parent, title, start, pattern)[0]


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.setObjectName("mainWindow")
        self.actions = build_actions(self)
        self.model = OrganisationTableModel(workspace.profiles)
        self._build_list_panel()
        self.editor = ProfileEditor(workspace.profiles)
        self.editor.saved.connect(self.on_saved)
        self.editor.dirty_changed.connect(self.on_dirty_changed)
        self.editor.open_requested.connect(self.select_organisation)
        empty = QLabel(
            self.tr(
                "Select an organisation on the left, or create one with New organisation (Ctrl+N)."
            )
        )
        empty.setObjectName("emptyState")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(self.editor)
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self._build_status_bar()
        self._restore_window_state()
        self.model.refresh()
        self._update_filters()
        self._update_title()
        self._update_actions()

    # ----- building ----------------------------------------------------------------------

    def _build_list_panel(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search names, notes and headlines (Ctrl+F)"))
        self.search.textChanged.connect(self.on_filter_changed)
        self.sector_filter = QComboBox()
        self.sector_filter.setObjectName("sectorFilter")
        self.country_filter = QComboBox()
        self.country_filter.setObjectName("countryFilter")
        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("stageFilter")
        for combo in (self.sector_filter, self.country_filter, self.stage_filter):
            combo.currentIndexChanged.connect(self.on_filter_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.sector_filter)
        filters.addWidget(self.country_filter)
        filters.addWidget(self.stage_filter)
        self.table = QTableView()
        self.table.setObjectName("organisationList")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.list_panel = QWidget()
        layout = QVBoxLayout(self.list_panel)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)

    def _build_menus(self) -> None:
        a = self.actions
        a.new_database.triggered.connect(self.on_new_database)
        a.open_database.triggered.connect(self.on_open_database)
        a.new_organisation.triggered.connect(self.on_new_organisation)
        a.save.triggered.connect(self.on_save)
        a.delete.triggered.connect(self.on_delete)
        a.settings.triggered.connect(self.on_settings)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.on_undo)
        a.redo.triggered.connect(self.on_redo)
        a.find.triggered.connect(self.on_find)
        a.about.triggered.connect(lambda: show_about(self))
        # Delete is for the list: in a text field the key deletes characters.
        a.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(a.delete)
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (a.new_organisation, a.save, a.delete):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.new_database)
        file_menu.addAction(a.open_database)
        file_menu.addSeparator()
        file_menu.addAction(a.settings)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.addAction(a.undo)
        edit_menu.addAction(a.redo)
        edit_menu.addSeparator()
        edit_menu.addAction(a.find)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(a.about)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (a.new_organisation, a.save, a.delete, a.undo, a.redo, a.find):
            toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self._update_status()

    def _update_status(self) -> None:
        self.database_label.setText(str(self.workspace.path))
        self.database_label.setToolTip(self.tr("Database file"))
        who = self.settings.interviewer_name or self.tr("no interviewer name (Settings)")
        self.user_label.setText(
            self.tr("{who} · device {device}").format(who=who, device=self.settings.device_id[:8])
        )

    def _update_title(self) -> None:
        marker = " *" if self.editor.is_dirty else ""
        self.setWindowTitle(f"{self.workspace.path.name}{marker} — {APP_NAME}")

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} organisation(s)").format(n=self.model.rowCount()))

    def _update_filters(self) -> None:
        store = self.workspace.profiles
        for combo, everything, values in (
            (self.sector_filter, self.tr("All sectors"), store.used_values("sectors")),
            (self.country_filter, self.tr("All countries"), store.used_values("countries")),
            (self.stage_filter, self.tr("All stages"), VOCABULARY["stages"]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _update_actions(self) -> None:
        a = self.actions
        a.undo.setEnabled(self.workspace.log.undo_label is not None)
        a.undo.setText(
            self.tr("&Undo {what}").format(what=self.workspace.log.undo_label)
            if self.workspace.log.undo_label
            else self.tr("&Undo")
        )
        a.redo.setEnabled(self.workspace.log.redo_label is not None)
        a.redo.setText(
            self.tr("&Redo {what}").format(what=self.workspace.log.redo_label)
            if self.workspace.log.redo_label
            else self.tr("&Redo")
        )
        a.delete.setEnabled(bool(self.editor.org_id) and self.pages.currentWidget() is self.editor)
        a.save.setEnabled(self.pages.currentWidget() is self.editor)

    # ----- window state ------------------------------------------------------------------

    @staticmethod
    def _qsettings() -> QSettings:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_window_state(self) -> None:
        stored = self._qsettings()
        geometry = stored.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        for key, restore in (
            ("state", self.restoreState),
            ("splitter", self.splitter.restoreState),
            ("listHeader", self.table.horizontalHeader().restoreState),
        ):
            value = stored.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)

    def _save_window_state(self) -> None:
        stored = self._qsettings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("state", self.saveState())
        stored.setValue("splitter", self.splitter.saveState())
        stored.setValue("listHeader", self.table.horizontalHeader().saveState())
        stored.sync()

    # ----- guarding unsaved edits --------------------------------------------------------

    def resolve_unsaved(self) -> bool:
        """True when it is safe to leave the current profile (saved, discarded, or clean)."""
        if not self.editor.is_dirty:
            return True
        name = " ".join(self.editor.current().name.split()) or self.tr("New organisation")
        answer = messages.ask_unsaved(self, name)
        if answer is messages.Unsaved.SAVE:
            return self.editor.save()
        if answer is messages.Unsaved.DISCARD:
            self.editor.revert()
            return True
        return False

    # ----- slots -------------------------------------------------------------------------

    def on_filter_changed(self) -> None:
        self.model.set_filter(
            dataclasses.replace(
                self.model.filter,
                search=self.search.text(),
                sector=self.sector_filter.currentData() or "",
                country=self.country_filter.currentData() or "",
                stage=self.stage_filter.currentData() or "",
            )
        )
        self._reselect()

    def _reselect(self) -> None:
        """After the list changes, keep the open profile selected if it is still listed."""
        row = self.model.row_of(self.editor.org_id) if self.editor.org_id else -1
        self.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)

    def on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if not rows:
            return
        org_id = self.model.org_id(min(rows))
        if org_id == self.editor.org_id and self.pages.currentWidget() is self.editor:
            return
        if not self.resolve_unsaved():
            self._reselect()
            return
        self.open_organisation(org_id)

    def open_organisation(self, org_id: str) -> None:
        org = self.workspace.profiles.get(org_id)
        if org is None:
            self.pages.setCurrentIndex(0)
            self.editor.load(Organisation())
        else:
            self.editor.load(org)
            self.pages.setCurrentWidget(self.editor)
        self._reselect()
        self._update_actions()

    def select_organisation(self, org_id: str) -> None:
        """Open a profile from anywhere (e.g. the similar-name warning)."""
        if org_id == self.editor.org_id or not self.resolve_unsaved():
            return
        if self.model.row_of(org_id) < 0:
            self.search.clear()
        self.open_organisation(org_id)

    def on_new_organisation(self) -> None:
        if not self.resolve_unsaved():
            return
        self.table.clearSelection()
        self.editor.load(Organisation())
        self.pages.setCurrentWidget(self.editor)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.name.setFocus()
        self._update_actions()

    def on_save(self) -> None:
        if self.pages.currentWidget() is self.editor:
            self.editor.save()

    def on_saved(self, org_id: str) -> None:
        self.model.refresh()
        self._update_filters()
        self._reselect()
        self._update_actions()
        self.statusBar().showMessage(self.tr("Saved."), 4000)

    def on_dirty_changed(self, _dirty: bool) -> None:
        self._update_title()

    def on_delete(self) -> None:
        org_id = self.editor.org_id
        if not org_id:
            return
        name = self.editor._loaded.name
        question = self.tr(
            "Delete the profile of “{name}” with its contacts and headlines?\n"
            "You can undo this with Edit ▸ Undo (Ctrl+Z)."
        ).format(name=name)
        if not messages.confirm(self, self.tr("Delete organisation"), question, self.tr("Delete")):
            return
        self.workspace.profiles.delete(org_id)
        self.editor.load(Organisation())
        self.pages.setCurrentIndex(0)
        self.model.refresh()
        self._update_filters()
        self._update_actions()
        self.statusBar().showMessage(
            self.tr("Deleted “{name}”. Undo with Ctrl+Z.").format(name=name), 8000
        )

    def _after_history_change(self, message: str) -> None:
        """Show the profile the undo or redo just changed, so the user sees what happened."""
        self.model.refresh()
        self._update_filters()
        org_id = self.workspace.profiles.latest_changed_organisation()
        if org_id and self.workspace.profiles.get(org_id) is not None:
            self.open_organisation(org_id)
        else:
            self.editor.load(Organisation())
            self.pages.setCurrentIndex(0)
            self._reselect()
        self._update_actions()
        self.statusBar().showMessage(message, 6000)

    def on_undo(self) -> None:
        if not self.resolve_unsaved():
            return
        label = self.workspace.log.undo()
        if label is not None:
            self._after_history_change(self.tr("Undone: {what}").format(what=label))

    def on_redo(self) -> None:
        if not self.resolve_unsaved():
            return
        label = self.workspace.log.redo()
        if label is not None:
            self._after_history_change(self.tr("Redone: {what}").format(what=label))

    def on_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.workspace.log.author = self.settings.interviewer_name
            self._update_status()

    def on_new_database(self) -> None:
        path = choose_database_file(self, self.tr("New database"), save=True)
        if path:
            self.switch_database(Path(path))

    def on_open_database(self) -> None:
        path = choose_database_file(self, self.tr("Open database"), save=False)
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> bool:
        """Open another file; on any problem keep the current one and say why."""
        if not self.resolve_unsaved():
            return False
        try:
            workspace = open_workspace(path, self.settings)
        except StorageError as error:
            messages.show_error(self, self.tr("Cannot open database"), str(error))
            return False
        self.editor.shutdown()
        self.workspace.close()
        self.workspace = workspace
        self.settings.last_database = str(path)
        self.settings.save()
        self.editor.store = workspace.profiles
        self.editor.load(Organisation())
        self.pages.setCurrentIndex(0)
        self.search.clear()
        self.model.set_store(workspace.profiles)
        self._update_filters()
        self._update_status()
        self._update_title()
        self._update_actions()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.resolve_unsaved():
            event.ignore()
            return
        self._save_window_state()
        self.editor.shutdown()
        self.workspace.close()
        event.accept()
