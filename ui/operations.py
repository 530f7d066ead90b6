"""Long work off the main thread, with a progress dialog and Cancel.

In the spirit of Anki's ``aqt.operations``: the work runs in a worker thread on its own
read-only view of the database (SQLite connections stay in their thread), reports progress,
and its result or failure comes back on the main thread. Widgets are only touched there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

from ui.passphrase import session_key

log = logging.getLogger(__name__)

Result = TypeVar("Result")
# work(workspace, progress) -> result; progress(done, total, text) returns False to stop.
# Work on a closed file (rewriting it) gets no workspace: BackgroundOp's path is None.
Progress = Callable[[int, int, str], bool]
Work = Callable[[Workspace, Progress], Result]


class _Worker(QObject, Generic[Result]):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    asked = Signal(object)

    def __init__(self, path: Path | None, settings: Settings, work: Work[Result]) -> None:
        super().__init__()
        self.path = path
        self.settings = settings
        self.work = work
        self.cancelled = threading.Event()
        self.answered = threading.Event()
        self.answer = False

    def ask(self, question: object) -> bool:
        """From the worker thread: put a question to the user and wait for the answer."""
        self.answered.clear()
        self.asked.emit(question)
        self.answered.wait()
        return self.answer and not self.cancelled.is_set()

    def run(self) -> None:
        try:
            if self.path is None:
                result = self.work(None, self._progress)  # type: ignore[arg-type]
            else:
                # The window's own file: an encrypted one opens with the key of this session.
                workspace = open_workspace(
                    self.path, self.settings, create=False, key=session_key(self.path)
                )
                try:
                    result = self.work(workspace, self._progress)
                finally:
                    workspace.close()
        except Exception as error:  # reported on the main thread; details go to the log
            if self.cancelled.is_set():
                log.info("background work stopped on request: %s", error)
            else:
                log.exception("background work failed")
            self.failed.emit(error)
            return
        self.succeeded.emit(result)

    def _progress(self, done: int, total: int, text: str) -> bool:
        self.progressed.emit(done, total, text)
        return not self.cancelled.is_set()


class BackgroundOp(QObject, Generic[Result]):
    """Run ``work`` on a worker thread; ``on_done`` or ``on_failed`` run on the main thread."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        path: Path | None,
        settings: Settings,
        work: Work[Result],
        *,
        title: str,
        on_done: Callable[[Result], None],
        on_failed: Callable[[Exception], None],
        on_question: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_done = on_done
        self.on_failed = on_failed
        self.on_question = on_question
        self.thread = QThread(self)
        self.worker: _Worker[Result] = _Worker(path, settings, work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.failed.connect(self._on_failed)
        self.worker.asked.connect(self._on_asked)
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName("progressDialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)  # quick work shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.result: Result | None = None
        self.error: Exception | None = None
        self._ended = False

    def start(self) -> BackgroundOp[Result]:
        self.thread.start()
        return self

    def ask(self, question: object) -> bool:
        """Called by the work (worker thread): the user answers on the main thread.

        The work keeps what it holds meanwhile, e.g. a checked incoming file, so a preview
        and the merge after it read and check that file only once.
        """
        return self.worker.ask(question)

    def _on_asked(self, question: object) -> None:
        self.dialog.hide()
        try:
            answer = bool(self.on_question and self.on_question(question))
        except Exception:
            log.exception("asking the user failed")
            answer = False
        self.worker.answer = answer
        self.worker.answered.set()

    def cancel(self) -> None:
        self.worker.cancelled.set()
        self.dialog.setLabelText(self.tr("Stopping after the current item…"))

    def shutdown(self, timeout_ms: int = 60_000) -> None:
        """Stop asking, cancel, and wait for the worker (a window closing must not kill it
        mid-write: a QThread destroyed while running aborts the process)."""
        if not self.thread.isRunning():
            return
        # Its result would arrive at a window that is gone.
        for signal in (self.worker.succeeded, self.worker.failed, self.worker.progressed):
            signal.disconnect()
        self.worker.cancelled.set()
        self.worker.answer = False
        self.worker.answered.set()
        self.thread.quit()
        self.thread.wait(timeout_ms)

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        # A modal dialog's setValue() handles pending events itself: the result may have
        # arrived (and the dialog been reset) during an earlier report.
        if self._ended:
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        if text and not self.worker.cancelled.is_set():
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self._ended = True
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()

    def _on_succeeded(self, result: Any) -> None:
        self._finish()
        self.result = result
        self.on_done(result)
        self.finished.emit()

    def _on_failed(self, error: Any) -> None:
        self._finish()
        self.error = error
        self.on_failed(error)
        self.finished.emit()
