"""Locking the window of an encrypted database after a while without key or mouse input.

The lock covers the window's content with one passphrase field; nothing is closed, saved
or lost while locked (the database stays open, the page and any draft stay as they were).
Every other window of the app (a dialog, a message box, a file dialog, a progress dialog)
is hidden, not closed, and shown again as it was after the unlock; one that opens while
locked is hidden at once. The typed passphrase is checked against the key the file is open
with (derived again with the file's salt, as the core does), never against anything
stored, in a worker thread: the derivation takes a noticeable time. While locked, menus,
the toolbar and every shortcut are inert. A plain database has nothing to unlock, so it
never locks; 0 minutes in the settings means never.

Qt ends a dialog's ``exec()`` when the dialog is hidden; a dialog run with ``exec_dialog``
instead waits for the unlock and goes on, so what was typed in it is not lost.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

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
# Set on a window while the lock keeps it hidden (it shows again at the unlock).
BEHIND_LOCK = "ctipBehindLock"
# Set on a window the lock hid when it engaged: a dialog's exec() ended then.
ENDED_BY_LOCK = "ctipEndedByLock"
# When a window was last shown or activated: the later, the higher in the stack.
_PLACE = "ctipStackPlace"
# Shown again only when they open again: a menu or a tooltip is gone once hidden.
_TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)


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


@dataclass
class _Hidden:
    """A window the lock hid, and what showing it again as it was needs."""

    widget: QWidget
    modality: Qt.WindowModality
    position: QPoint
    active: bool
    on_finished: Callable[[int], None] | None = None


class IdleLock(QObject):
    """Watches the whole application's input; after ``settings.lock_minutes`` without any,
    hides the other windows of the app and calls ``lock``. While locked, shortcuts are
    swallowed here, and windows that open are hidden. ``check`` tests a typed passphrase
    in a worker thread; ``checked`` gives the answer, and after a right one the windows
    come back."""

    MS_PER_MINUTE = 60_000

    checked = Signal(bool)  # a typed passphrase was right (unlocked) or wrong (still locked)
    _answered = Signal(bool)  # from the worker thread

    def __init__(
        self,
        window: QWidget,
        settings: Settings,
        key: Callable[[], FileKey | None],
        lock: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
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
        self._hidden: list[_Hidden] = []
        self._places = itertools.count(1)
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
            self._hide_windows()
            self._lock()

    # ----- the passphrase ---------------------------------------------------------------------

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
        if right:
            self._show_windows()

    # ----- the other windows --------------------------------------------------------------

    def _hide_windows(self) -> None:
        """Hide every other visible window of the app, the topmost first."""
        active = QApplication.activeWindow()
        shown = sorted(
            (
                widget
                for widget in QApplication.topLevelWidgets()
                if widget.isVisible() and widget is not self.window
            ),
            key=_stack_place,
        )
        for widget in shown:
            self._keep(widget, active=widget is active)
        for widget in reversed(shown):
            widget.setProperty(ENDED_BY_LOCK, True)
            widget.hide()
        self.window.activateWindow()

    def _keep(self, widget: QWidget, *, active: bool) -> None:
        """Note a window to show again at the unlock (on top of those noted before)."""
        if any(hidden.widget is widget for hidden in self._hidden):
            return
        record = _Hidden(widget, widget.windowModality(), widget.pos(), active)
        if isinstance(widget, QDialog):
            # Answered or cancelled by code while hidden (a task finishing): stays closed.
            record.on_finished = lambda _result, dialog=widget: self._forget(dialog)
            widget.finished.connect(record.on_finished)
        widget.setProperty(BEHIND_LOCK, True)
        self._hidden.append(record)

    def _release(self, record: _Hidden) -> bool:
        """Stop keeping a window hidden; False when it is gone."""
        widget = record.widget
        if not isValid(widget):
            return False
        if record.on_finished is not None and isinstance(widget, QDialog):
            widget.finished.disconnect(record.on_finished)
        widget.setProperty(BEHIND_LOCK, False)
        return True

    def _forget(self, widget: QObject) -> None:
        """A hidden window closed while locked (its work finished): it stays closed."""
        for record in [hidden for hidden in self._hidden if hidden.widget is widget]:
            self._hidden.remove(record)
            self._release(record)

    def _show_windows(self) -> None:
        """After the unlock: every hidden window as it was, in the same stacking order, the
        one that had the keyboard getting it back."""
        hidden, self._hidden = self._hidden, []
        had_keyboard: QWidget | None = None
        last: QWidget | None = None
        for record in hidden:
            widget = record.widget
            if not self._release(record) or widget.windowType() in _TRANSIENT:
                continue
            if record.modality != Qt.WindowModality.NonModal:
                # A dialog whose exec() the lock ended is no longer marked modal by it.
                widget.setWindowModality(record.modality)
            widget.move(record.position)  # else a dialog centres itself again
            widget.show()  # on top of those shown before it
            last = widget
            if record.active:
                had_keyboard = widget
        # A modal dialog takes the keyboard whatever had it before (Qt would refuse others).
        top = QApplication.activeModalWidget() or had_keyboard or last
        if top is not None:
            top.activateWindow()

    # ----- every event of the application -------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.WindowActivate):
            if isinstance(watched, QWidget) and watched.isWindow():
                watched.setProperty(_PLACE, next(self._places))
            return False
        if self.locked:
            if kind == QEvent.Type.ShowToParent:
                # Sent once the window is shown and before anything is painted; a dialog's
                # exec() has not started its loop yet, so hiding does not end it.
                if (
                    isinstance(watched, QWidget)
                    and watched.isWindow()
                    and watched is not self.window
                    and not self._on_lock_screen(watched)
                ):
                    # A background task's message, say: it shows after the unlock, on top.
                    self._keep(watched, active=True)
                    watched.hide()
                return False
            if kind == QEvent.Type.Close and self._hidden:
                self._forget(watched)
                return False
            # A shortcut reaches its action (or QShortcut) as this event: none may act
            # behind the lock. Keys typed into the passphrase field are key presses.
            return kind == QEvent.Type.Shortcut
        if kind in _INPUT and self.timer.isActive():
            self.timer.start()
        return False

    def _on_lock_screen(self, widget: QWidget) -> bool:
        """A menu or tooltip of what shows while locked (the passphrase field's own menu,
        to paste, say): nothing of the hidden content."""
        parent = widget.parentWidget()
        return (
            widget.windowType() in _TRANSIENT
            and parent is not None
            and parent.isVisible()
            and parent.window() is self.window
        )


def _stack_place(widget: QWidget) -> tuple[int, int]:
    """Lower first: shown or activated earlier, else nearer the top of its parent chain."""
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return int(widget.property(_PLACE) or 0), depth


# ----- dialogs that outlast the lock --------------------------------------------------------


class _UntilBack(QObject):
    """Ends a wait when the dialog shows again, closes, or goes."""

    def __init__(self, dialog: QDialog, loop: QEventLoop) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.loop = loop
        dialog.installEventFilter(self)
        dialog.finished.connect(loop.quit)
        dialog.destroyed.connect(loop.quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Close):
            self.loop.quit()
        return False

    def stop(self) -> None:
        if isValid(self.dialog):
            self.dialog.removeEventFilter(self)
            self.dialog.finished.disconnect(self.loop.quit)
            self.dialog.destroyed.disconnect(self.loop.quit)
            self.deleteLater()


def exec_dialog(dialog: QDialog) -> int:
    """``dialog.exec()``, through the idle lock: the lock hides every other window, and
    hiding a dialog ends its ``exec()``; this one then waits for the unlock, which shows
    it again as it was, and runs on. The dialog's result, as ``exec()`` gives it."""
    while True:
        dialog.setProperty(ENDED_BY_LOCK, False)
        result = dialog.exec()
        if not isValid(dialog) or not dialog.property(ENDED_BY_LOCK):
            return result
        dialog.setProperty(ENDED_BY_LOCK, False)
        if dialog.property(BEHIND_LOCK):
            loop = QEventLoop()
            waiting = _UntilBack(dialog, loop)
            # The lock screen works meanwhile: this loop runs the window's events.
            while isValid(dialog) and dialog.property(BEHIND_LOCK):
                if loop.exec() != 0:  # the app is quitting
                    break
            waiting.stop()
        if not isValid(dialog):
            return QDialog.DialogCode.Rejected.value
        if not dialog.isVisible():  # answered, or closed, while locked
            return dialog.result()


def get_open_file_name(parent: QWidget | None, caption: str, directory: str, pattern: str) -> str:
    """``QFileDialog.getOpenFileName`` that outlasts the lock ('' when cancelled)."""
    dialog = QFileDialog(parent, caption, directory, pattern)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen_path(dialog)


def get_save_file_name(parent: QWidget | None, caption: str, directory: str, pattern: str) -> str:
    """``QFileDialog.getSaveFileName`` that outlasts the lock ('' when cancelled)."""
    dialog = QFileDialog(parent, caption, directory, pattern)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _chosen_path(dialog)


def get_existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """``QFileDialog.getExistingDirectory`` that outlasts the lock ('' when cancelled)."""
    dialog = QFileDialog(parent, caption, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return _chosen_path(dialog)


def _chosen_path(dialog: QFileDialog) -> str:
    try:
        if exec_dialog(dialog) != QDialog.DialogCode.Accepted.value:
            return ""
        chosen = dialog.selectedFiles()
        return chosen[0] if chosen else ""
    finally:
        if isValid(dialog):
            dialog.deleteLater()
