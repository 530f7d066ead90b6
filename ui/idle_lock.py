"""Locking the window of an encrypted database after a while without key or mouse input.

The lock covers the window's content with one passphrase field; nothing is closed, saved
or lost while locked (the database stays open, the page and any draft stay as they were).
The typed passphrase is checked against the key the file is open with (derived again with
the file's salt, as the core does), never against anything stored. While locked, menus,
the toolbar and every shortcut are inert. A plain database has nothing to unlock, so it
never locks; 0 minutes in the settings means never.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey

from ui import style

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class LockScreen(QWidget):
    """One passphrase field with the keyboard focus; Enter unlocks."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.title = QLabel(self.tr("Locked"))
        self.title.setObjectName("lockTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.title.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("lockProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        style.show_as_problem(self.problem)
        self.field = QLineEdit()
        self.field.setObjectName("lockPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase to unlock"))
        self.field.returnPressed.connect(self._submit)
        self.button = QPushButton(self.tr("&Unlock"))
        self.button.setObjectName("unlockButton")
        self.button.clicked.connect(self._submit)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.explanation)
        column.addWidget(self.problem)
        column.addLayout(row)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)

    def reset(self, file_name: str) -> None:
        self.explanation.setText(
            self.tr(
                "{file} was locked after a while without use. Enter its passphrase to go on "
                "where you were."
            ).format(file=file_name)
        )
        self.field.clear()
        self.say("")

    def say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _submit(self) -> None:
        self.unlock_requested.emit(self.field.text())


class IdleLock(QObject):
    """Watches the whole application's input; after ``settings.lock_minutes`` without any,
    calls ``lock``. While locked, shortcuts are swallowed here."""

    MS_PER_MINUTE = 60_000

    def __init__(
        self,
        parent: QObject,
        settings: Settings,
        key: Callable[[], FileKey | None],
        lock: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._key = key
        self._lock = lock
        self.ms_per_minute = self.MS_PER_MINUTE  # tests shorten a minute
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._expired)
        self._filtering = False
        self.apply()

    @property
    def active(self) -> bool:
        """Whether this database can lock at all: encrypted, and a time is set."""
        return self._key() is not None and self.settings.lock_minutes > 0

    def apply(self) -> None:
        """Follow the settings and the open database (call after either changes)."""
        if self.active and not self.locked:
            self.timer.setInterval(max(1, self.settings.lock_minutes * self.ms_per_minute))
            self.timer.start()
        else:
            self.timer.stop()
        # Every event of the application passes the filter: only while it can matter.
        self._filter(self.active or self.locked)

    def stop(self) -> None:
        self.timer.stop()
        self._filter(False)

    def _filter(self, wanted: bool) -> None:
        app = QApplication.instance()
        if app is None or wanted == self._filtering:
            return
        if wanted:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = wanted

    def _expired(self) -> None:
        if self.active and not self.locked:
            self.locked = True
            self._lock()

    def try_unlock(self, typed: str) -> bool:
        key = self._key()
        if key is not None and not key.matches(typed):
            return False
        self.locked = False
        self.apply()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            # A shortcut reaches its action (or QShortcut) as this event: none may act
            # behind the lock. Keys typed into the passphrase field are key presses.
            return kind == QEvent.Type.Shortcut
        if kind in _INPUT and self.timer.isActive():
            self.timer.start()
        return False
