"""Restore from backup: the backups of the open database, what each holds, and which to use.

A backup written under another passphrase than the database's (a change of passphrase
interrupted before its backups were re-keyed, or one made by an earlier version of the app)
is listed too: choosing it asks for that passphrase, and the restore gives the database's own
protection to what it puts in place (``backups.restore_backup``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.backups import (
    DAILY,
    ON_EXIT,
    Backup,
    BackupContents,
    backup_database,
    daily_backup_due,
    describe,
    list_backups,
)
from ctip_desktop.storage import SQLITE_ERRORS, FileKey

from ui import passphrase
from ui.formatting import local_time
from ui.idle_lock import exec_dialog
from ui.passphrase import remember_key, session_key

log = logging.getLogger(__name__)

# The daily backup is looked for a minute after the start, then every half hour.
_FIRST_CHECK_MS = 60_000
_CHECK_EVERY_MS = 30 * 60_000

REASON_LABELS = {
    "before merge": "Before a merge",
    "on exit": "When the app closed",
    "daily": "Daily",
    "manual": "On request",
    "before restore": "Before a restore",
}


class RestoreDialog(QDialog):
    """Lists the backups newest first; Restore is enabled for a sound one."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.backups: list[tuple[Backup, BackupContents]] = [
            (backup, describe(backup.path, session_key(database)))
            for backup in list_backups(database)
        ]
        intro = QLabel(
            self.tr(
                "Choose the backup to put in the place of {file}. The database as it is now "
                "is backed up first, so this can be undone by restoring that backup."
            ).format(file=database.name)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 5, self)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Taken"),
                self.tr("Why"),
                self.tr("Organisations"),
                self.tr("Interviews"),
                self.tr("Newest change"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row in range(len(self.backups)):
            self._fill_row(row)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel(self.tr("There are no backups of this database yet."))
        self.empty.setVisible(not self.backups)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel, Qt.Orientation.Horizontal, self
        )
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.itemDoubleClicked.connect(lambda _: self.restore_button.click())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(760, 360)

    def _fill_row(self, row: int) -> None:
        backup, contents = self.backups[row]
        if contents.locked:
            held = [self.tr("Protected by another passphrase: choose Restore to enter it"), "", ""]
        elif contents.problem:
            held = [self.tr("Cannot be restored: {why}").format(why=contents.problem), "", ""]
        else:
            held = [
                str(contents.organisations),
                self.tr("{completed} completed, {drafts} drafts").format(
                    completed=contents.interviews_completed, drafts=contents.interviews_draft
                ),
                local_time(contents.newest_change) if contents.newest_change else "",
            ]
        cells = [
            f"{backup.taken_at:%Y-%m-%d %H:%M}",
            self.tr(REASON_LABELS.get(backup.reason, backup.reason)),
            *held,
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(str(backup.path))
            if contents.problem and not contents.locked:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, column, item)

    def chosen(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        backup, contents = self.backups[rows[0].row()]
        return None if contents.problem and not contents.locked else backup.path

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.backups[rows[0].row()][1].locked and not self._unlock(rows[0].row()):
            return  # cancelled: the list stays open
        super().accept()

    def _unlock(self, row: int) -> bool:
        """Ask for the passphrase of a backup written under another one until it opens it;
        its key is kept for the session (the restore opens the backup with it)."""
        backup = self.backups[row][0]
        problem = self.tr(
            "This backup was written under another passphrase: enter that one to restore it."
        )
        while True:
            typed = passphrase.ask_passphrase(self, backup.path, problem)
            if typed is None:
                return False
            if typed:
                key = FileKey.for_file(backup.path, typed)
                contents = describe(backup.path, key)
                if not contents.locked:
                    # Opened: what it holds shows in its row (or why it cannot be restored).
                    remember_key(backup.path, key)
                    self.backups[row] = (backup, contents)
                    self._fill_row(row)
                    self._update_button()
                    return not contents.problem
            problem = self.tr("That is not the passphrase of this backup.")

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)


def choose_backup(parent: QWidget | None, database: Path) -> Path | None:
    """The backup the user chose to restore, or None (replaced in tests)."""
    dialog = RestoreDialog(database, parent)
    return dialog.chosen() if exec_dialog(dialog) else None


class DailyBackups(QObject):
    """Backs up the open database once a day while the app is open, in a thread of its own
    (SQLite's backup API through its own connection: the window goes on meanwhile)."""

    # The backup written, or '' and why it failed.
    finished = Signal(str, str)

    def __init__(self, database: Callable[[], Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(_CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_now)
        # A child timer, not QTimer.singleShot: it dies with this object, so it never fires
        # into a closed window.
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.check_now)

    def start(self, first_check_ms: int = _FIRST_CHECK_MS) -> None:
        self.timer.start()
        self.first.start(first_check_ms)

    def check_now(self) -> bool:
        """Start a backup if the newest one is a day old; whether one was started."""
        if self._thread is not None and self._thread.is_alive():
            return False
        path = self.database()
        if not path.exists() or not daily_backup_due(path):
            return False
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()
        return True

    def _run(self, path: Path) -> None:
        try:
            written = backup_database(path, reason=DAILY, key=session_key(path))
        except (OSError, *SQLITE_ERRORS) as error:
            log.warning("daily backup of %s failed: %s", path, error)
            self.finished.emit("", str(error))
            return
        self.finished.emit(str(written), "")

    def stop(self) -> None:
        """Stop checking and wait for a backup under way (a half-written one is useless)."""
        self.timer.stop()
        self.first.stop()
        if self._thread is not None:
            self._thread.join()


def back_up_on_exit(database: Path) -> Path | None:
    """Back up a database the app has just closed (after changes); None if it failed."""
    try:
        # Closed by us and by everyone (no -shm): a plain file copy is consistent.
        raw = not Path(f"{database}-shm").exists()
        return backup_database(database, reason=ON_EXIT, raw=raw, key=session_key(database))
    except (OSError, *SQLITE_ERRORS) as error:
        log.warning("backup on exit of %s failed: %s", database, error)
        return None
