"""The main window: organisations and interviews, with the interview wizard taking the page.

A sidebar switches between the organisation list (beside the selected profile) and the list
of all interviews; conducting or reading an interview takes the whole page.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelection, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop import APP_NAME, paths
from ctip_desktop.interviews.model import InterviewDetails, InterviewError
from ctip_desktop.interviews.repository import InterviewFilter, default_started_at
from ctip_desktop.profiles.model import VOCABULARY, Organisation, ValidationError
from ctip_desktop.recommend.portfolio import Portfolio, portfolio_points
from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey, StorageError, is_encrypted
from ctip_desktop.sync import (
    MergePreview,
    MergeResult,
    SyncError,
    export_for_sync,
    inspect_incoming,
    merge,
    open_conflicts,
    preview_merge,
)
from ctip_desktop.sync.errors import MergeCancelledError
from ctip_desktop.sync.refusals import record_refused
from ctip_desktop.workspace import Workspace, open_workspace

from ui import (
    backup_dialog,
    dialogs,
    exchange_dialogs,
    export_dialog,
    merge_dialog,
    messages,
    passphrase,
    style,
)
from ui.actions import build_actions
from ui.analysis_view import AnalysisView
from ui.dialogs import SettingsDialog, show_about
from ui.follow_up_overview import FollowUpOverview
from ui.idle_lock import (
    IdleLock,
    LockScreen,
    exec_dialog,
    get_open_file_name,
    get_save_file_name,
)
from ui.interview_list import InterviewList
from ui.interview_view import InterviewView
from ui.interview_wizard import InterviewWizard
from ui.operations import BackgroundOp, Progress
from ui.organisation_model import OrganisationTableModel
from ui.portfolio_view import PortfolioView
from ui.profile_editor import ProfileEditor
from ui.recommendations_panel import FollowUpsPanel, RecommendationsPanel
from ui.sync_page import SyncPage

if TYPE_CHECKING:  # ReportLab loads only when the first PDF is written: a faster start
    from ctip_desktop.reports.export import ExportResult

log = logging.getLogger(__name__)


def choose_database_file(parent: QWidget, title: str, *, save: bool) -> str:
    """Ask for a database path ('' when cancelled). Tests replace this function."""
    pattern = QFileDialog.tr("CTIP Outreach Desk databases (*.db *.ctip.db);;All files (*)")
    start = str(paths.data_dir())
    if save:
        return get_save_file_name(parent, title, start, pattern)
    return get_open_file_name(parent, title, start, pattern)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.setObjectName("mainWindow")
        self.actions = build_actions(self)
        self._operation: BackgroundOp[Any] | None = None
        self._rewriting = False  # the database is closed while a passphrase change rewrites it
        self.setAcceptDrops(True)  # a database file dropped on the window is merged
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
        self._build_interview_views()
        # The lock screen takes the place of everything else while the window is locked.
        self.root = QStackedWidget()
        self.root.setObjectName("root")
        self.root.addWidget(self._build_frame())
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self.on_unlock)
        self.root.addWidget(self.lock_screen)
        # Shown while a passphrase change rewrites the (closed) file: nothing to read then.
        self.rewrite_page = QLabel()
        self.rewrite_page.setObjectName("rewritePage")
        self.rewrite_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rewrite_page.setWordWrap(True)
        self.root.addWidget(self.rewrite_page)
        self.setCentralWidget(self.root)
        self._focus_before_lock: QWidget | None = None
        self._toolbars_before_lock: list[QToolBar] = []
        self._build_menus()
        self._build_status_bar()
        self._restore_window_state()
        self._closed = False
        self.daily_backups = backup_dialog.DailyBackups(lambda: self.workspace.path, self)
        self.daily_backups.finished.connect(self._daily_backup_done)
        self.daily_backups.start()
        self.model.refresh()
        self._update_filters()
        self._update_title()
        self._update_actions()
        self.idle_lock = IdleLock(self, settings, lambda: self.workspace.key, self.lock)
        self.idle_lock.checked.connect(self.on_passphrase_checked)

    # ----- building ----------------------------------------------------------------------

    def _build_interview_views(self) -> None:
        store = self.workspace.interviews
        self.org_interviews = InterviewList(store, filters=False)
        self.org_interviews.setObjectName("organisationInterviews")
        self.org_interviews.table.hideColumn(1)  # the organisation is the one shown
        self.org_interviews.open_requested.connect(self.open_interview)
        self.org_interviews.new_requested.connect(self.on_new_interview)
        self.interviews_tab = self.editor.tabs.addTab(self.org_interviews, self.tr("&Interviews"))
        self.recommendations = RecommendationsPanel()
        self.recommendations_tab = self.editor.tabs.addTab(
            self.recommendations, self.tr("Recomm&endations")
        )
        self.follow_ups = FollowUpsPanel()
        self.follow_ups_tab = self.editor.tabs.addTab(self.follow_ups, self.tr("Follow-&ups"))
        self.recommendations.changed.connect(self.follow_ups.refresh)
        self.recommendations.changed.connect(self._update_actions)
        self.follow_ups.changed.connect(self._update_actions)
        self.interview_list = InterviewList(store, filters=True)
        self.interview_list.setObjectName("allInterviews")
        self.interview_list.open_requested.connect(self.open_interview)
        self.interview_list.new_requested.connect(self.on_new_interview)
        self.wizard = InterviewWizard(store, self.workspace.profiles)
        self.wizard.completed.connect(self.on_interview_completed)
        self.wizard.left.connect(self.on_interview_left)
        self.wizard.discarded.connect(self.on_interview_discarded)
        self.interview_view = InterviewView(store, self.workspace.profiles)
        self.interview_view.back_requested.connect(self.on_back_from_interview)
        self.interview_view.continue_requested.connect(self.conduct_interview)
        self.interview_view.changed.connect(self.on_interview_changed)
        self._return_to: QWidget = self.splitter
        self.follow_up_overview = FollowUpOverview(self.workspace.decisions)
        self.follow_up_overview.setObjectName("followUpOverview")
        self.follow_up_overview.open_requested.connect(self.open_organisation_follow_ups)
        self.follow_up_overview.follow_up_done.connect(lambda _id: self._refresh_org_panels())
        self.portfolio = PortfolioView()
        self.portfolio.setObjectName("portfolio")
        self.portfolio.open_requested.connect(self.open_organisation_recommendations)
        self.portfolio.refresh_requested.connect(self.refresh_portfolio)
        self._portfolio_op: BackgroundOp[Portfolio] | None = None
        self.sync_page = SyncPage(self.workspace)
        self.sync_page.setObjectName("syncPage")
        self.sync_page.open_requested.connect(self.select_organisation_from_anywhere)
        self.sync_page.changed.connect(self._after_sync_change)
        self.analysis = AnalysisView(self.workspace, self.settings)
        self.analysis.open_requested.connect(self.select_organisation_from_anywhere)

    def _build_frame(self) -> QWidget:
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.addItems(
            [
                self.tr("Organisations"),
                self.tr("Interviews"),
                self.tr("Follow-ups"),
                self.tr("Portfolio"),
                self.tr("Sync & conflicts"),
                self.tr("Analysis"),
            ]
        )
        self.sidebar.setMaximumWidth(150)
        self.sidebar.currentRowChanged.connect(self.on_sidebar_row)
        self.views = QStackedWidget()
        self.views.setObjectName("views")
        for view in (
            self.splitter,
            self.interview_list,
            self.wizard,
            self.interview_view,
            self.follow_up_overview,
            self.portfolio,
            self.sync_page,
            self.analysis,
        ):
            self.views.addWidget(view)
        frame = QWidget()
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.views, 1)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(0)
        self.sidebar.blockSignals(False)
        return frame

    def _build_list_panel(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setAccessibleName(self.tr("Search organisations"))
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search names, notes and headlines (Ctrl+F)"))
        self.search.textChanged.connect(self.on_filter_changed)
        self.search.returnPressed.connect(self.on_search_return)
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
        self.table.setAccessibleName(self.tr("Organisations"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several organisations can be selected for a PDF batch; the first one is shown.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        # Enter on the row with the keyboard focus opens it (Down does nothing on a single row).
        self.table.activated.connect(lambda index: self.table.selectRow(index.row()))
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
        a.new_interview.triggered.connect(self.on_new_interview)
        a.export_pdf.triggered.connect(self.on_export)
        a.merge_database.triggered.connect(self.on_merge_database)
        a.export_for_sync.triggered.connect(self.on_export_for_sync)
        a.export_data.triggered.connect(self.on_export_data)
        a.export_xlsform.triggered.connect(self.on_export_xlsform)
        a.import_data.triggered.connect(self.on_import)
        a.restore_backup.triggered.connect(self.on_restore_backup)
        a.protect_database.triggered.connect(self.on_protect_database)
        a.change_passphrase.triggered.connect(self.on_change_passphrase)
        a.remove_passphrase.triggered.connect(self.on_remove_passphrase)
        a.show_organisations.triggered.connect(lambda: self.show_view(self.splitter))
        a.show_interviews.triggered.connect(lambda: self.show_view(self.interview_list))
        a.show_follow_ups.triggered.connect(lambda: self.show_view(self.follow_up_overview))
        a.show_portfolio.triggered.connect(lambda: self.show_view(self.portfolio))
        a.show_sync.triggered.connect(lambda: self.show_view(self.sync_page))
        a.show_analysis.triggered.connect(lambda: self.show_view(self.analysis))
        # Delete is for the list: in a text field the key deletes characters.
        a.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(a.delete)
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (a.new_organisation, a.new_interview, a.save, a.delete):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.export_pdf)
        file_menu.addAction(a.export_data)
        file_menu.addAction(a.import_data)
        file_menu.addAction(a.export_xlsform)
        file_menu.addSeparator()
        file_menu.addAction(a.merge_database)
        file_menu.addAction(a.export_for_sync)
        file_menu.addSeparator()
        file_menu.addAction(a.new_database)
        file_menu.addAction(a.open_database)
        file_menu.addAction(a.restore_backup)
        file_menu.addSeparator()
        file_menu.addAction(a.protect_database)
        file_menu.addAction(a.change_passphrase)
        file_menu.addAction(a.remove_passphrase)
        file_menu.addSeparator()
        file_menu.addAction(a.settings)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.addAction(a.undo)
        edit_menu.addAction(a.redo)
        edit_menu.addSeparator()
        edit_menu.addAction(a.find)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(a.show_organisations)
        view_menu.addAction(a.show_interviews)
        view_menu.addAction(a.show_follow_ups)
        view_menu.addAction(a.show_portfolio)
        view_menu.addAction(a.show_sync)
        view_menu.addAction(a.show_analysis)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(a.about)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            a.new_organisation,
            a.new_interview,
            a.export_pdf,
            a.save,
            a.delete,
            a.undo,
            a.redo,
            a.find,
        ):
            toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.user_label = QLabel()
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("conflictsLabel")
        style.show_as_problem(self.conflicts_label)
        self.statusBar().addPermanentWidget(self.conflicts_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self._update_status()
        self._update_conflicts()

    def _update_conflicts(self) -> None:
        count = len(open_conflicts(self.workspace))
        self.conflicts_label.setText(
            self.tr("{n} open conflict(s)").format(n=count) if count else ""
        )
        self.conflicts_label.setVisible(bool(count))

    def _after_sync_change(self) -> None:
        """A conflict was decided or two organisations combined: lists follow."""
        self.model.refresh()
        self._update_filters()
        self._refresh_interviews()
        self._update_conflicts()
        self._update_actions()

    def select_organisation_from_anywhere(self, org_id: str) -> None:
        if self.show_view(self.splitter):
            self.select_organisation(org_id)

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
        # During an interview, Undo would take back some earlier action out of sight.
        interviewing = self.views.currentWidget() is self.wizard
        a.undo.setEnabled(self.workspace.log.undo_label is not None and not interviewing)
        a.undo.setText(
            self.tr("&Undo {what}").format(what=self.workspace.log.undo_label)
            if self.workspace.log.undo_label
            else self.tr("&Undo")
        )
        a.redo.setEnabled(self.workspace.log.redo_label is not None and not interviewing)
        a.redo.setText(
            self.tr("&Redo {what}").format(what=self.workspace.log.redo_label)
            if self.workspace.log.redo_label
            else self.tr("&Redo")
        )
        on_profile = (
            self.views.currentWidget() is self.splitter
            and self.pages.currentWidget() is self.editor
        )
        a.delete.setEnabled(bool(self.editor.org_id) and on_profile)
        a.save.setEnabled(on_profile)
        encrypted = self.workspace.encrypted
        a.protect_database.setEnabled(not encrypted)
        a.change_passphrase.setEnabled(encrypted)
        a.remove_passphrase.setEnabled(encrypted)
        for tab in (self.interviews_tab, self.recommendations_tab, self.follow_ups_tab):
            self.editor.tabs.setTabEnabled(tab, bool(self.editor.org_id))

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
            self.org_interviews.set_organisation(org_id)
            self._refresh_org_panels()
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
        if not self.show_view(self.splitter) or not self.resolve_unsaved():
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
        interviews = len(self.workspace.interviews.list_ids(InterviewFilter(org_id=org_id)))
        question = self.tr(
            "Delete the profile of “{name}” with its contacts, headlines and {n} interview(s)?\n"
            "You can undo this with Edit ▸ Undo (Ctrl+Z)."
        ).format(name=name, n=interviews)
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
        self._refresh_interviews()
        self._update_conflicts()
        self.sync_page.invalidate()
        if self.views.currentWidget() is not self.splitter:
            self.show_view(self.splitter)
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

    def on_search_return(self) -> None:
        """Enter in the search box opens the first organisation found."""
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.selectRow(0)

    def on_find(self) -> None:
        if not self.show_view(self.splitter):
            return
        self.search.setFocus()
        self.search.selectAll()

    def on_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if exec_dialog(dialog):
            self.workspace.log.author = self.settings.interviewer_name
            self._update_status()
            self.idle_lock.apply()

    def on_new_database(self) -> None:
        chosen = choose_database_file(self, self.tr("New database"), save=True)
        if not chosen:
            return
        path = Path(chosen)
        if path.exists():
            self.switch_database(path)
            return
        # A new file may be protected from the start (an empty file cannot be protected later
        # in place: it is created encrypted instead).
        answer = passphrase.ask_change(self, path, passphrase.Change.CREATE)
        if answer is None or not self.resolve_unsaved() or not self.resolve_correction():
            return
        try:
            opened = open_workspace(path, self.settings, passphrase=answer.new or None)
        except StorageError as error:
            messages.show_error(self, self.tr("Cannot open database"), str(error))
            return
        self._adopt(opened)

    def on_open_database(self) -> None:
        path = choose_database_file(self, self.tr("Open database"), save=False)
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> bool:
        """Open another file; on any problem keep the current one and say why."""
        if not self.resolve_unsaved() or not self.resolve_correction():
            return False
        try:
            opened = passphrase.open_asking(self, path, self.settings)
        except StorageError as error:
            messages.show_error(self, self.tr("Cannot open database"), str(error))
            return False
        if opened is None:
            return False
        self._adopt(opened)
        self.offer_resume()
        return True

    def _adopt(self, workspace: Workspace) -> None:
        """Show another open database (or the same one, reopened after a merge)."""
        path = workspace.path
        passphrase.remember_key(path, workspace.key)
        self.wizard.shutdown()
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
        for widget in (self.wizard, self.interview_view):
            widget.store = workspace.interviews
            widget.profiles = workspace.profiles
        self.wizard.interview_id = ""
        self.org_interviews.model.set_store(workspace.interviews)
        self.follow_up_overview.set_store(workspace.decisions)
        self.sync_page.set_workspace(workspace)
        self.analysis.set_workspace(workspace)
        self.portfolio.set_points([])
        self.interview_list.model.set_store(workspace.interviews)
        self.show_view(self.splitter)
        self._refresh_interviews()
        self._update_filters()
        self._update_status()
        self._update_title()
        self._update_actions()
        self._update_conflicts()
        self.idle_lock.apply()  # a plain file never locks, an encrypted one may

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:
            # Closing would ask about unsaved edits, naming the organisation: not on a
            # locked screen. Answers are saved as given; the rest waits for the unlock.
            event.ignore()
            self.lock_screen.say(self.tr("Unlock first, then close the app."))
            return
        if self._rewriting:
            # Its file is closed and half copied: stopping is the way out, and it is quick.
            event.ignore()
            self.statusBar().showMessage(
                self.tr("Wait for the database to be rewritten, or click Cancel to stop it."),
                8000,
            )
            return
        if not self.resolve_unsaved() or not self.resolve_correction():
            event.ignore()
            return
        self._save_window_state()
        self._stop_background_work()
        self.idle_lock.stop()
        if not self._closed:
            self._closed = True
            changed = self.workspace.log.changed_since_open()
            self.workspace.close()
            if changed:
                backup_dialog.back_up_on_exit(self.workspace.path)
        event.accept()

    def _stop_background_work(self) -> None:
        """Stop and wait for everything that reads or writes the file in the background
        (exports, merges, the analysis, the wizard's and editor's saves, daily backups): the
        window is closing, or its file is about to be replaced or rewritten."""
        for operation in (self._operation, self._portfolio_op):
            if operation is not None:
                operation.shutdown()
        self.analysis.shutdown()
        self.wizard.shutdown()
        self.editor.shutdown()
        self.daily_backups.stop()

    def _daily_backup_done(self, path: str, error: str) -> None:
        if path:
            self.statusBar().showMessage(self.tr("Daily backup written."), 6000)
        else:
            self.statusBar().showMessage(
                self.tr("The daily backup could not be written: {why}").format(why=error), 10000
            )

    def on_restore_backup(self) -> None:
        from ctip_desktop.backups import BackupError, restore_backup

        if not self.resolve_unsaved() or not self.resolve_correction():
            return
        path = self.workspace.path
        chosen = backup_dialog.choose_backup(self, path)
        if chosen is None:
            return
        question = self.tr(
            "Put the backup {backup} in the place of {file}? What was written since that "
            "backup leaves this database; it is kept in a backup of its own first."
        ).format(backup=chosen.name, file=path.name)
        if not messages.confirm(self, self.tr("Restore from backup"), question, self.tr("Restore")):
            return
        self._stop_background_work()
        self.workspace.close()
        failure = ""
        try:
            # A backup written under another passphrase: the one typed in the dialog.
            restore_backup(
                chosen, path, passphrase.session_key(path), passphrase.session_key(chosen)
            )
        except BackupError as error:
            failure = str(error)
        try:
            workspace = open_workspace(
                path, self.settings, create=False, key=passphrase.session_key(path)
            )
        except StorageError as error:
            messages.show_error(self, self.tr("Cannot open database"), str(error))
            return
        self._adopt(workspace)
        self.daily_backups.start()
        if failure:
            messages.show_error(self, self.tr("The backup was not restored"), failure)
        else:
            self.statusBar().showMessage(
                self.tr("Restored from {backup}.").format(backup=chosen.name), 8000
            )

    # ----- passphrase ---------------------------------------------------------------------

    def on_protect_database(self) -> None:
        answer = passphrase.ask_change(self, self.workspace.path, passphrase.Change.PROTECT)
        if answer is None:
            return
        from ctip_desktop.storage.encryption import encrypt_database

        self._rewrite_database(
            self.tr("Protect with a passphrase"),
            lambda path, _key, progress: encrypt_database(path, answer.new, progress),
            self.tr("{file} is now protected by a passphrase."),
        )

    def on_change_passphrase(self) -> None:
        key = self.workspace.key
        answer = passphrase.ask_change(self, self.workspace.path, passphrase.Change.CHANGE, key)
        if answer is None:
            return
        from ctip_desktop.storage.encryption import change_passphrase

        self._rewrite_database(
            self.tr("Change passphrase"),
            lambda path, key, progress: change_passphrase(
                path, self._checked(key, answer), answer.new, progress
            ),
            self.tr("The passphrase of {file} was changed."),
        )

    def on_remove_passphrase(self) -> None:
        key = self.workspace.key
        answer = passphrase.ask_change(self, self.workspace.path, passphrase.Change.REMOVE, key)
        if answer is None:
            return
        from ctip_desktop.storage.encryption import decrypt_database

        def remove(path: Path, key: FileKey | None, progress: Any) -> None:
            decrypt_database(path, self._checked(key, answer), progress)

        self._rewrite_database(
            self.tr("Remove passphrase"),
            remove,
            self.tr("{file} is no longer protected by a passphrase."),
        )

    def _checked(self, key: FileKey | None, answer: passphrase.Answer) -> FileKey:
        """The key the file is open with, once the typed current passphrase is its own."""
        if key is None or not key.matches(answer.current):
            raise StorageError(self.tr("That is not the current passphrase. Nothing was changed."))
        return key

    def _rewrite_database(self, title: str, rewrite: Any, done: str) -> None:
        """Close the database, rewrite it (all or nothing) in the background with progress
        and a Stop, and reopen it with the key it has now; on failure or a stop reopen it
        as it was and say so. The window waits meanwhile: its file is closed."""
        if self._busy(title) or not self.resolve_unsaved() or not self.resolve_correction():
            return
        from ctip_desktop.storage.encryption import ConversionStoppedError

        path = self.workspace.path
        old_key = self.workspace.key
        self._stop_background_work()
        # Nothing to lock while the file is closed: the window shows no record, and the lock
        # would hide the progress. It restarts with the reopened file (_adopt).
        self.idle_lock.stop()
        self.workspace.close()
        self._show_rewriting(path.name)
        step = self.tr("Rewriting {file}, then checking the copy…").format(file=path.name)

        def work(_closed: None, progress: Progress) -> FileKey | None:
            key: FileKey | None = rewrite(
                path, old_key, lambda done, total: progress(done, total, step)
            )
            return key

        def reopen(key: FileKey | None) -> bool:
            self._show_rewriting("")
            try:
                workspace = open_workspace(path, self.settings, create=False, key=key)
            except StorageError as error:
                messages.show_error(self, self.tr("Cannot open database"), str(error))
                return False
            self._adopt(workspace)
            return True

        def rewritten(key: FileKey | None) -> None:
            if reopen(key):
                self._convert_backups(path, old_key, key, title, done.format(file=path.name))

        def failed(error: Exception) -> None:
            if not reopen(old_key):
                return
            self.daily_backups.start()
            if isinstance(error, ConversionStoppedError):
                self.statusBar().showMessage(
                    self.tr("Stopped before the end: nothing was changed."), 8000
                )
            elif isinstance(error, (StorageError, OSError)):
                messages.show_error(self, title, str(error))
            else:
                messages.show_error(
                    self,
                    title,
                    self.tr(
                        "The file could not be rewritten; nothing was changed. The details "
                        "are in the log."
                    ),
                )

        operation = BackgroundOp(
            self, None, self.settings, work, title=title, on_done=rewritten, on_failed=failed
        )
        # Nothing in the window may be used while its file is closed: the dialog is modal
        # and shown at once, not after the usual short delay.
        operation.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        operation.dialog.setMinimumDuration(0)
        operation.dialog.setLabelText(step)
        self._operation = operation.start()
        operation.dialog.show()

    def _show_rewriting(self, file: str) -> None:
        """Put the window aside while its file is closed and rewritten (``file``), and back
        ("")."""
        self._rewriting = bool(file)
        self.rewrite_page.setText(
            self.tr("{file} is being rewritten. The window comes back when it is done.").format(
                file=file
            )
        )
        self.root.setCurrentWidget(self.rewrite_page if file else self.root.widget(0))
        self.menuBar().setEnabled(not file)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(not file)

    def _convert_backups(
        self, path: Path, old_key: FileKey | None, new_key: FileKey | None, title: str, done: str
    ) -> None:
        """Bring the backups to the database's new protection (the database is converted
        first: the commit point), in the background: many backups of a large file take a
        while. No Cancel: stopping halfway would leave some readable without the passphrase.
        Daily backups resume when they are done."""
        from ctip_desktop.backups import BackupConversion, convert_backups

        step = self.tr("Converting backup {n} of {total}…")

        def work(_workspace: Workspace, progress: Progress) -> BackupConversion:
            def report(number: int, total: int, _name: str) -> bool:
                return progress(number, total, step.format(n=min(number + 1, total), total=total))

            return convert_backups(path, old_key, new_key, report)

        def converted(result: BackupConversion) -> None:
            self.daily_backups.start()
            if old_key is None:
                what = self.tr("{n} backup(s) were encrypted with it too.")
            elif new_key is None:
                what = self.tr("{n} backup(s) are plain files again.")
            else:
                what = self.tr("{n} backup(s) now open with the new passphrase.")
            text = done + (" " + what.format(n=result.converted) if result.converted else "")
            self.statusBar().showMessage(text, 8000)
            warnings = []
            if result.removed:
                warnings.append(
                    self.tr(
                        "{n} backup(s) could not be read and were deleted, so that none stays "
                        "readable without the passphrase."
                    ).format(n=result.removed)
                )
            if result.left:
                warnings.append(
                    self.tr(
                        "{n} backup(s) stay protected by the passphrase they were written "
                        "under (or are damaged): restoring one asks for it."
                    ).format(n=result.left)
                )
            if warnings:
                messages.offer_open(self, title, text, "\n".join(warnings), {})

        def failed(error: Exception) -> None:
            self.daily_backups.start()
            messages.show_error(
                self,
                title,
                self.tr("{done} Its backups could not be converted: {why}").format(
                    done=done, why=error
                ),
            )

        self._run(work, self.tr("Converting the backups…"), converted, failed)
        if self._operation is not None:
            self._operation.dialog.setCancelButton(None)  # type: ignore[arg-type]

    # ----- idle lock ----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.root.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Cover the window: nothing is closed or saved, menus and shortcuts rest."""
        if self.locked:
            return
        self._focus_before_lock = self.focusWidget()
        self.lock_screen.reset(self.workspace.path.name)
        self.root.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        # Hidden, not only disabled: the Undo button names the record last changed, and a
        # passing status message may name one too.
        self._toolbars_before_lock = [t for t in self.findChildren(QToolBar) if t.isVisible()]
        for toolbar in self._toolbars_before_lock:
            toolbar.hide()
        # Its message may name a record, and its path the folders of a sensitive inquiry.
        self.statusBar().clearMessage()
        self.statusBar().hide()
        self.activateWindow()  # the dialog that had the keyboard is hidden
        self.lock_screen.field.setFocus()

    def on_unlock(self, typed: str) -> None:
        """Enter on the lock screen: the check runs in the background, the screen waits."""
        self.lock_screen.set_checking(True)
        if not self.idle_lock.check(typed):
            self.lock_screen.set_checking(False)

    def on_passphrase_checked(self, right: bool) -> None:
        self.lock_screen.set_checking(False)
        self.lock_screen.field.clear()
        if not right:
            self.lock_screen.say(self.tr("Wrong passphrase: the window stays locked."))
            self.lock_screen.field.setFocus()
            return
        self.lock_screen.say("")
        self.root.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for toolbar in self._toolbars_before_lock:
            toolbar.show()
        self._toolbars_before_lock = []
        self.statusBar().show()
        before, self._focus_before_lock = self._focus_before_lock, None
        try:
            if before is not None and before.isVisible():
                before.setFocus()
        except RuntimeError:
            pass  # the widget is gone (a page rebuilt): the focus stays where Qt put it

    # ----- interviews --------------------------------------------------------------------

    def show_view(self, view: QWidget) -> bool:
        """Switch the page; leaving the wizard keeps the draft (everything is saved)."""
        current = self.views.currentWidget()
        if view is current:
            return True
        if current is self.splitter and not self.resolve_unsaved():
            self._sync_sidebar()
            return False
        if current is self.wizard and self.wizard.interview_id:
            self.wizard.pause()
            return self.show_view(view)
        if current is self.interview_view and not self.resolve_correction():
            self._sync_sidebar()
            return False
        if view is self.sync_page:
            self.sync_page.invalidate()  # read once, as it is shown
        self.views.setCurrentWidget(view)
        if view is self.interview_list:
            self.interview_list.refresh()
        elif view is self.follow_up_overview:
            self.follow_up_overview.refresh()
        elif view is self.portfolio:
            self.refresh_portfolio()
        elif view is self.analysis:
            self.analysis.show_page()  # read as it is shown: start-up stays fast
        self._sync_sidebar()
        self._update_actions()
        return True

    def _sync_sidebar(self) -> None:
        current = self.views.currentWidget()
        rows = {
            self.splitter: 0,
            self.follow_up_overview: 2,
            self.portfolio: 3,
            self.sync_page: 4,
            self.analysis: 5,
        }
        row = rows.get(current, 1)  # the interview pages
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)

    def on_sidebar_row(self, row: int) -> None:
        views = (
            self.splitter,
            self.interview_list,
            self.follow_up_overview,
            self.portfolio,
            self.sync_page,
            self.analysis,
        )
        if 0 <= row < len(views):
            self.show_view(views[row])

    def _open_organisation_tab(self, org_id: str, tab: int) -> None:
        if not self.show_view(self.splitter):
            return
        self.select_organisation(org_id)
        if self.editor.org_id == org_id:
            self.editor.tabs.setCurrentIndex(tab)

    def open_organisation_follow_ups(self, org_id: str) -> None:
        self._open_organisation_tab(org_id, self.follow_ups_tab)

    def open_organisation_recommendations(self, org_id: str) -> None:
        self._open_organisation_tab(org_id, self.recommendations_tab)

    def refresh_portfolio(self) -> None:
        """Readiness of every interviewed organisation, worked out off the main thread."""
        if self._portfolio_op is not None and self._portfolio_op.running:
            return
        self.portfolio.show_reading()
        self._portfolio_op = BackgroundOp(
            self,
            self.workspace.path,
            self.settings,
            lambda workspace, progress: portfolio_points(workspace, progress=progress),
            title=self.tr("Assessing readiness…"),
            on_done=self.portfolio.set_points,
            on_failed=lambda error: messages.show_error(
                self, self.tr("The portfolio could not be drawn"), str(error)
            ),
        ).start()

    def _refresh_interviews(self) -> None:
        self.org_interviews.refresh()
        self.interview_list.refresh()
        self._refresh_org_panels()

    def on_new_interview(self) -> None:
        org_id = self.editor.org_id if self.views.currentWidget() is self.splitter else ""
        if not org_id and self.views.currentWidget() is self.interview_view:
            org_id = self.interview_view.interview.org_id if self.interview_view.interview else ""
        if not org_id:
            messages.show_error(
                self,
                self.tr("New interview"),
                self.tr("Select the organisation to interview in the list of organisations."),
            )
            return
        if not self.resolve_unsaved():
            return
        store = self.workspace.interviews
        choices = store.questionnaires.current()
        chosen = dialogs.choose_questionnaire(self, choices, self.settings.last_questionnaire)
        if chosen is None:
            return
        org = self.workspace.profiles.get(org_id)
        primary = org.primary_contact if org else None
        details = InterviewDetails(
            started_at=default_started_at(),
            contact_ids=[primary.id] if primary else [],
        )
        try:
            interview_id = store.start(
                org_id, chosen, details, interviewer=self.settings.interviewer_name
            )
        except (InterviewError, ValidationError, StorageError) as error:
            messages.show_error(self, self.tr("The interview was not started"), str(error))
            return
        self.settings.last_questionnaire = chosen.id
        self.settings.save()
        self._return_to = self.splitter
        self.conduct_interview(interview_id)

    def conduct_interview(self, interview_id: str) -> None:
        if not self.show_view(self.wizard) or not self.wizard.open(interview_id):
            self.show_view(self._return_to)
            return
        self.statusBar().showMessage(self.tr("Every answer is saved as you give it."), 6000)

    def open_interview(self, interview_id: str) -> None:
        """A draft resumes in the wizard; a completed interview opens read-only."""
        current = self.views.currentWidget()
        self._return_to = (
            current if current in (self.splitter, self.interview_list) else (self.interview_list)
        )
        interview = self.workspace.interviews.get(interview_id)
        if interview is not None and not interview.is_completed:
            self.conduct_interview(interview_id)
            return
        if self.show_view(self.interview_view) and not self.interview_view.show_interview(
            interview_id
        ):
            self.show_view(self._return_to)

    def on_interview_completed(self, interview_id: str) -> None:
        self.model.refresh()  # the stage may have moved to "Interviewed"
        self._reselect()
        self._reload_open_profile()
        self._refresh_interviews()
        self.views.setCurrentWidget(self.interview_view)
        self.interview_view.show_interview(interview_id)
        self._sync_sidebar()
        self._update_actions()
        self.statusBar().showMessage(self.tr("Interview completed."), 6000)

    def on_interview_left(self, _interview_id: str) -> None:
        self._leave_wizard()
        self.statusBar().showMessage(
            self.tr("Interview paused. Every answer is saved; resume it from its list."), 6000
        )

    def on_interview_discarded(self, _interview_id: str) -> None:
        self._leave_wizard()
        self.statusBar().showMessage(self.tr("Draft discarded. Undo with Ctrl+Z."), 8000)

    def _leave_wizard(self) -> None:
        self._refresh_interviews()
        if self.views.currentWidget() is self.wizard:
            self.views.setCurrentWidget(self._return_to)
            self._sync_sidebar()
        self._update_actions()

    def resolve_correction(self) -> bool:
        """True when no correction in progress would be lost (none, or the user lets it go)."""
        view = self.interview_view
        if not view.correcting:
            return True
        if view.correction_has_edits() and not messages.confirm(
            self,
            self.tr("Correction not saved"),
            self.tr("The correction you are making is not saved. Discard it?"),
            self.tr("Discard"),
        ):
            return False
        view.cancel_correction()
        return True

    def on_back_from_interview(self) -> None:
        self._refresh_interviews()
        self.show_view(self._return_to)

    def on_interview_changed(self, _interview_id: str) -> None:
        self._refresh_interviews()
        self._update_actions()

    def _refresh_org_panels(self) -> None:
        """Recommendations follow the answers: recomputed whenever they may have changed."""
        if not self.editor.org_id:
            return
        self.recommendations.show_organisation(
            self.workspace, self.editor.org_id, self.settings.interviewer_name
        )
        self.follow_ups.show_organisation(self.workspace, self.editor.org_id)

    def _reload_open_profile(self) -> None:
        if self.editor.org_id and not self.editor.is_dirty:
            org = self.workspace.profiles.get(self.editor.org_id)
            if org is not None:
                self.editor.load(org)

    def offer_resume(self) -> None:
        """After a restart (or a crash), offer the draft this laptop was last conducting."""
        drafts = self.workspace.interviews.drafts_to_resume()
        if not drafts:
            return
        draft = drafts[0]
        description = self.tr(
            "{org} — {questionnaire}, {answered} of {items} answered (started {started})"
        ).format(
            org=draft.org_name,
            questionnaire=draft.questionnaire_title,
            answered=draft.answered,
            items=draft.items,
            started=draft.started_at.replace("T", " "),
        )
        if messages.ask_resume(self, description):
            self._return_to = self.splitter
            self.conduct_interview(draft.id)

    # ----- PDF export ----------------------------------------------------------------------

    def _selected_org_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.org_id(row) for row in rows]

    def on_export(self) -> None:
        """Ask what to print, then write the PDFs on a worker thread with a progress bar."""
        if self._busy(self.tr("Export PDF")):
            return
        selected = self._selected_org_ids() if self.views.currentWidget() is self.splitter else []
        listed = self.model.ids()
        if not selected and not listed:
            messages.show_error(
                self, self.tr("Export PDF"), self.tr("There is no organisation to export yet.")
            )
            return
        folder = Path(self.settings.export_folder or paths.default_export_dir())
        request = export_dialog.ask_export(self, len(selected), len(listed), folder)
        if request is None:
            return
        org_ids = selected if request.selected_only and selected else listed
        self.settings.export_folder = str(request.folder)
        self.settings.save()
        author = self.settings.interviewer_name

        def work(workspace: Workspace, progress: Progress) -> ExportResult:
            from ctip_desktop.reports.export import export_reports

            return export_reports(
                workspace,
                org_ids,
                request.kind,  # type: ignore[arg-type]
                request.audience,  # type: ignore[arg-type]
                request.folder,
                progress=progress,
                author=author or None,
            )

        self._operation = BackgroundOp(
            self,
            self.workspace.path,
            self.settings,
            work,
            title=self.tr("Writing PDFs…"),
            on_done=self.on_exported,
            on_failed=self.on_export_failed,
        ).start()

    def on_exported(self, result: ExportResult) -> None:
        details = "\n".join(f"{name}: {message}" for _, name, message in result.failed[:10])
        if len(result.failed) > 10:
            details += "\n" + self.tr("… and {n} more (see the log).").format(
                n=len(result.failed) - 10
            )
        targets: dict[str, Path] = {}
        if len(result.written) == 1:
            targets[self.tr("Open file")] = result.written[0]
        if result.written:
            targets[self.tr("Open folder")] = result.written[0].parent
        messages.offer_open(self, self.tr("Export PDF"), result.summary(), details, targets)
        self.statusBar().showMessage(result.summary(), 8000)

    def on_export_failed(self, error: Exception) -> None:
        messages.show_error(self, self.tr("The PDFs were not written"), str(error))

    # ----- team sync -----------------------------------------------------------------------

    def _busy(self, title: str) -> bool:
        """True (and says so) while an export or merge is still running."""
        if self._operation is not None and self._operation.running:
            messages.show_error(
                self, title, self.tr("Wait for the export or merge that is running to finish.")
            )
            return True
        return False

    def _run(self, work: Any, title: str, on_done: Any, on_failed: Any) -> None:
        self._operation = BackgroundOp(
            self,
            self.workspace.path,
            self.settings,
            work,
            title=title,
            on_done=on_done,
            on_failed=on_failed,
        ).start()

    def on_merge_database(self) -> None:
        path = choose_database_file(
            self, self.tr("Merge a database from another laptop"), save=False
        )
        if path:
            self.merge_file(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.merge_file(Path(urls[0].toLocalFile()))

    def merge_file(self, path: Path) -> None:
        """Check the file and show what it would change; merge only when the user agrees."""
        title = self.tr("Merge database")
        if self._busy(title) or not self.show_view(self.splitter) or not self.resolve_unsaved():
            return
        # An export of a database with a passphrase is encrypted with it: asked here, on
        # the main thread; a wrong one is refused by the check with its own message.
        incoming_passphrase = passphrase.ask_passphrase(self, path) if is_encrypted(path) else None
        if is_encrypted(path) and incoming_passphrase is None:
            return

        def work(workspace: Workspace, progress: Progress) -> MergePreview | MergeResult:
            report = _merge_progress(progress)
            with inspect_incoming(path, passphrase=incoming_passphrase) as incoming:
                preview = preview_merge(workspace, incoming, progress=report)
                if preview.already_merged or preview.nothing_new or not operation.ask(preview):
                    return preview
                # The same checked file: its new rows are read and checked once, not twice.
                return merge(workspace, incoming, progress=report)

        operation: BackgroundOp[MergePreview | MergeResult] = BackgroundOp(
            self,
            self.workspace.path,
            self.settings,
            work,
            title=self.tr("Checking {file}…").format(file=path.name),
            on_done=lambda outcome: self._after_merge_flow(path, outcome),
            on_failed=lambda error: self._merge_failed(path, error),
            on_question=lambda preview: merge_dialog.confirm_merge(self, preview),
        )
        self._operation = operation.start()

    def _after_merge_flow(self, path: Path, outcome: MergePreview | MergeResult) -> None:
        if isinstance(outcome, MergeResult):
            self._after_merge(outcome)
        elif outcome.already_merged or outcome.nothing_new:
            messages.offer_open(
                self,
                self.tr("Merge database"),
                self.tr("{file} brings nothing new: this database already holds all of it.").format(
                    file=path.name
                ),
                "",
                {},
            )
        else:
            self.statusBar().showMessage(self.tr("Merge cancelled: nothing was changed."), 8000)

    def _after_merge(self, result: MergeResult) -> None:
        try:  # the merge wrote through its own connection: read everything again
            workspace = open_workspace(
                self.workspace.path, self.settings, create=False, key=self.workspace.key
            )
        except StorageError as error:
            messages.show_error(self, self.tr("Cannot open database"), str(error))
            return
        self._adopt(workspace)
        text = self.tr("Merged {file}: {n} new change(s).").format(
            file=result.file_name, n=result.new_changes
        )
        details = ""
        if result.conflicts:
            details = self.tr(
                "{n} field(s) were changed differently on two laptops: decide them in "
                "Sync & conflicts."
            ).format(n=len(result.conflicts))
        if result.backup is not None:
            details = (details + "\n" if details else "") + self.tr(
                "A backup of this database was made first: {path}"
            ).format(path=result.backup)
        messages.offer_open(self, self.tr("Merge database"), text, details, {})
        self.statusBar().showMessage(text, 8000)

    def _merge_failed(self, path: Path, error: Exception) -> None:
        if isinstance(error, MergeCancelledError):
            self.statusBar().showMessage(self.tr("Merge cancelled: nothing was changed."), 8000)
            return
        if isinstance(error, SyncError):
            record_refused(self.workspace.path, path, str(error))
            messages.show_error(
                self,
                self.tr("{file} was not merged").format(file=path.name),
                self.tr("{reason}\nThis database was not changed.").format(reason=error),
            )
            return
        messages.show_error(self, self.tr("The merge failed"), str(error))

    def on_export_for_sync(self) -> None:
        """Write a consistent copy, named after who and when, for a stick or shared folder."""
        if self._busy(self.tr("Export for sync")):
            return
        folder = export_dialog.choose_folder(
            self,
            self.tr("Export for sync to folder"),
            Path(self.settings.export_folder or paths.default_export_dir()),
        )
        if folder is None:
            return
        who = self.settings.interviewer_name or self.tr("unnamed")

        def work(workspace: Workspace, _progress: Progress) -> Path:
            return export_for_sync(workspace, folder, who=who)

        def done(path: Path) -> None:
            messages.offer_open(
                self,
                self.tr("Export for sync"),
                self.tr("Wrote {file}. A colleague merges it with File ▸ Merge database.").format(
                    file=path.name
                ),
                "",
                {self.tr("Open folder"): path.parent},
            )

        self._run(
            work,
            self.tr("Writing a copy for sync…"),
            done,
            lambda error: messages.show_error(self, self.tr("No copy was written"), str(error)),
        )

    # ----- export and import (ctip_desktop.exchange) ---------------------------------------

    def on_export_data(self) -> None:
        """Ask for a format and a place, then export on a worker thread (progress, Cancel)."""
        from ctip_desktop.exchange import ExchangeCancelledError, export_data
        from ctip_desktop.exchange.export import ExportResult as DataExport

        title = self.tr("Export data")
        if self._busy(title):
            return
        folder = Path(self.settings.export_folder or paths.default_export_dir())
        request = exchange_dialogs.ask_export_data(self, folder)
        if request is None:
            return

        def work(workspace: Workspace, progress: Progress) -> DataExport:
            return export_data(workspace, request.format, request.path, progress=progress)

        def done(result: DataExport) -> None:
            folder = result.path if result.format == "csv" else result.path.parent
            targets = {self.tr("Open folder"): folder}
            if result.format == "xlsx":
                targets = {self.tr("Open file"): result.path, **targets}
            text = self.tr("Exported {what} to {name} in {s:.1f} s.").format(
                what=", ".join(f"{n:,} {k}" for k, n in result.counts.items()),
                name=result.path.name,
                s=result.seconds,
            )
            messages.offer_open(self, title, text, "", targets)
            self.statusBar().showMessage(text, 8000)

        def failed(error: Exception) -> None:
            if isinstance(error, ExchangeCancelledError):
                self.statusBar().showMessage(self.tr("Export cancelled: nothing was written."))
                return
            messages.show_error(self, self.tr("Nothing was exported"), str(error))

        self._run(work, self.tr("Exporting…"), done, failed)

    def on_export_xlsform(self) -> None:
        """Write a questionnaire as an XLSForm for ODK Central or KoboToolbox."""
        from ctip_desktop.exchange import ExchangeError
        from ctip_desktop.exchange.xlsform import write_xlsform

        title = self.tr("Export questionnaire as XLSForm")
        folder = Path(self.settings.export_folder or paths.default_export_dir())
        request = exchange_dialogs.ask_xlsform(
            self, self.workspace.interviews.questionnaires.current(), folder
        )
        if request is None:
            return
        try:
            path = write_xlsform(request.questionnaire, request.path)
        except ExchangeError as error:
            messages.show_error(self, self.tr("The XLSForm was not written"), str(error))
            return
        text = self.tr("Wrote “{form}” as an XLSForm to {name}.").format(
            form=request.questionnaire.short_title, name=path.name
        )
        details = self.tr(
            "Upload it to ODK Central or KoboToolbox, then bring the submissions in with "
            "File ▸ Import…"
        )
        messages.offer_open(self, title, text, details, {self.tr("Open folder"): path.parent})
        self.statusBar().showMessage(text, 8000)

    def on_import(self) -> None:
        """Import a JSON archive (merged on a worker thread), organisations (preview with
        the column mapping) or ODK/Kobo submissions (report first), after asking."""
        from ctip_desktop.exchange import ArchiveImportResult, ExchangeError, import_archive
        from ctip_desktop.exchange.organisations import apply_organisation_import
        from ctip_desktop.exchange.submissions import (
            apply_submissions,
            looks_like_submissions,
            plan_submissions,
        )
        from ctip_desktop.exchange.tables import read_table

        title = self.tr("Import")
        if self._busy(title) or not self.show_view(self.splitter) or not self.resolve_unsaved():
            return
        start = Path(self.settings.export_folder or paths.default_export_dir())
        path = exchange_dialogs.choose_import_file(self, start)
        if path is None:
            return
        if path.suffix.lower() == ".json":
            question = self.tr(
                "Import the archive {file}? It is merged as a colleague's database is: "
                "checked first, nothing is overwritten, and a backup is made."
            ).format(file=path.name)
            if not messages.confirm(self, title, question, self.tr("Import")):
                return

            def work(workspace: Workspace, progress: Progress) -> ArchiveImportResult:
                return import_archive(workspace, path, progress=progress)

            def merged(result: ArchiveImportResult) -> None:
                if result.status == "merged":
                    try:
                        self._adopt(
                            open_workspace(
                                self.workspace.path,
                                self.settings,
                                create=False,
                                key=self.workspace.key,
                            )
                        )
                    except StorageError as error:
                        messages.show_error(self, self.tr("Cannot open database"), str(error))
                        return
                messages.offer_open(self, title, result.summary(), "", {})

            self._run(
                work,
                self.tr("Importing {file}…").format(file=path.name),
                merged,
                lambda error: messages.show_error(
                    self, self.tr("{file} was not imported").format(file=path.name), str(error)
                ),
            )
            return
        try:
            table = read_table(path, prefer_sheet="organisations")
            if looks_like_submissions(table):
                plan = plan_submissions(self.workspace, path)
                summary = self.tr(
                    "{ok} submission(s) of “{form}” become completed interviews; {fixed} "
                    "edited since they were imported become corrections; {old} were imported "
                    "before and stay as they are; {bad} row(s) are not imported."
                ).format(
                    ok=len(plan.accepted),
                    form=plan.questionnaire.short_title,
                    fixed=len(plan.corrected),
                    old=len(plan.unchanged),
                    bad=len(plan.rejected),
                )
                if not plan.accepted and not plan.corrected:
                    if plan.rejected:  # say why, row by row
                        exchange_dialogs.show_import_report(self, title, summary, plan.rejected)
                    else:
                        messages.offer_open(self, title, summary, "", {})
                    return
                if not exchange_dialogs.confirm_import(
                    self, title, summary, plan.rejected, self.tr("Import")
                ):
                    return
                created = len(apply_submissions(self.workspace, plan))
                message = self.tr("Imported {n} interview(s) from {file}.")
            else:
                org_plan = exchange_dialogs.ask_organisation_import(self, self.workspace, table)
                if org_plan is None:
                    return
                created = len(apply_organisation_import(self.workspace, org_plan))
                message = self.tr("Imported {n} organisation(s) from {file}.")
        except ExchangeError as error:
            messages.show_error(
                self, self.tr("{file} was not imported").format(file=path.name), str(error)
            )
            return
        self._after_history_change(message.format(n=created, file=path.name))


def _merge_progress(progress: Progress) -> Any:
    """The merge reports (stage, done, total); Cancel stops it by raising, which rolls back."""

    def report(stage: str, done: int, total: int) -> None:
        if not progress(done, total, stage):
            raise MergeCancelledError("The merge was cancelled: nothing was changed.")

    return report
