"""Locking the window of an encrypted database after a while without key or mouse input.

The lock covers the window's content with one passphrase field; nothing is closed, saved
or lost while locked (the database stays open, the page and any draft stay as they were).
The typed passphrase is checked against the key the file is open with (derived again with
the file's salt, as the core does), never against anything stored, in a worker thread: the
derivation takes a noticeable time. While locked, menus, the toolbar and every shortcut are
inert. A plain database has nothing to unlock, so it never locks; 0 minutes in the
settings means never.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey

from ui import style

log = logging.getLogger(__name__)

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
        self.checking_text = QLabel(self.tr("Checking the passphrase…"))
        self.checking_text.setObjectName("lockChecking")
        self.busy = QProgressBar()
        self.busy.setObjectName("lockBusy")
        self.busy.setRange(0, 0)  # no steps to count: it only says "working"
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Checking the passphrase"))
        self.busy.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        waiting = QHBoxLayout()
        waiting.addWidget(self.checking_text)
        waiting.addWidget(self.busy, 1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.explanation)
        column.addWidget(self.problem)
        column.addLayout(row)
        column.addLayout(waiting)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.set_checking(False)

    def reset(self, file_name: str) -> None:
        self.explanation.setText(
            self.tr(
                "{file} was locked after a while without use. Enter its passphrase to go on "
                "where you were."
            ).format(file=file_name)
        )
        self.set_checking(False)
        self.field.clear()
        self.say("")

    def say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def set_checking(self, checking: bool) -> None:
        """While a passphrase is checked: the field keeps the focus but takes no typing,
        the button rests, and the screen says what it is doing."""
        self.field.setReadOnly(checking)
        self.button.setEnabled(not checking)
        self.checking_text.setVisible(checking)
        self.busy.setVisible(checking)
        if checking:
            self.say("")

    def _submit(self) -> None:
        if self.field.isReadOnly():  # Enter again while the last one is checked
            return
        self.unlock_requested.emit(self.field.text())


class IdleLock(QObject):
    """Watches the whole application's input; after ``settings.lock_minutes`` without any,
    calls ``lock``. While locked, shortcuts are swallowed here. ``check`` tests a typed
    passphrase in a worker thread; ``checked`` gives the answer."""

    MS_PER_MINUTE = 60_000

    checked = Signal(bool)  # a typed passphrase was right (unlocked) or wrong (still locked)
    _answered = Signal(bool)  # from the worker thread

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
        self.checking = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._expired)
        self._answered.connect(self._on_answered, Qt.ConnectionType.QueuedConnection)
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

    def check(self, typed: str) -> bool:
        """Check a typed passphrase without blocking the window; ``checked`` answers.
        False when there is nothing to check (not locked, or a check already running)."""
        if self.checking or not self.locked:
            return False
        key = self._key()
        self.checking = True
        if key is None:  # nothing left to protect (the file is no longer encrypted)
            self._on_answered(True)
            return True
        worker = threading.Thread(
            target=self._check, args=(key, typed), name="passphrase-check", daemon=True
        )
        worker.start()
        return True

    def _check(self, key: FileKey, typed: str) -> None:
        """In the worker thread: PBKDF2 runs there (hashlib lets other threads go on)."""
        try:
            right = key.matches(typed)
        except Exception:  # a wrong answer, never a crash; the reason goes to the log
            log.exception("checking the passphrase failed")
            right = False
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._answered.emit(right)

    def _on_answered(self, right: bool) -> None:
        self.checking = False
        if not self.locked:
            return
        if right:
            self.locked = False
            self.apply()
        self.checked.emit(right)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            # A shortcut reaches its action (or QShortcut) as this event: none may act
            # behind the lock. Keys typed into the passphrase field are key presses.
            return kind == QEvent.Type.Shortcut
        if kind in _INPUT and self.timer.isActive():
            self.timer.start()
        return False
