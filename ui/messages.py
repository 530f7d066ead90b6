"""The one place the window talks to the user in dialogs.

Questions go through small module-level functions so tests can answer them (pytest-qt's
advice for modal dialogs); information and errors open with ``show()`` and never block.
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ctip_desktop.logs import log_file

from ui.idle_lock import exec_dialog

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    # pyside6-lupdate files a plain tr("…") call under the empty context: look it up there.
    return QCoreApplication.translate("", text)


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def confirm(parent: QWidget | None, title: str, question: str, action: str) -> bool:
    """Ask a yes/no question; ``action`` labels the button that says yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    exec_dialog(box)
    return box.clickedButton() is yes


def ask_unsaved(parent: QWidget | None, name: str) -> Unsaved:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Unsaved changes"),
        tr("The profile of “{name}” has changes that are not saved.").format(name=name),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = exec_dialog(box)
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def ask_resume(parent: QWidget | None, description: str) -> bool:
    """Offer to resume an interview left unfinished (after a restart, or a crash)."""
    return confirm(
        parent,
        tr("Resume interview"),
        tr("An interview was left unfinished:\n{description}\n\nResume it now?").format(
            description=description
        ),
        tr("Resume"),
    )


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Show a problem without blocking; details stay in the log, never a traceback here."""
    log.info("error shown to user: %s: %s", title, text)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(tr("Details are written to the log: {path}").format(path=log_file()))
    box.setObjectName("errorBox")
    box.setModal(True)
    # A box without a parent would be garbage-collected at once: keep it until closed.
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box) if box in _open_boxes else None)
    box.show()
    return box


def offer_open(
    parent: QWidget | None, title: str, text: str, details: str, targets: dict[str, Path]
) -> QMessageBox:
    """Say what was done, with a button per thing to open (non-blocking, like show_error)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setObjectName("doneBox")
    if details:
        box.setInformativeText(details)
    buttons = {
        box.addButton(label, QMessageBox.ButtonRole.ActionRole): path
        for label, path in targets.items()
    }
    box.addButton(QMessageBox.StandardButton.Close)

    def on_clicked(button: object) -> None:
        path = buttons.get(button)  # type: ignore[call-overload]
        if path is not None:
            from ui.export_dialog import open_path

            open_path(path)

    box.buttonClicked.connect(on_clicked)
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box) if box in _open_boxes else None)
    box.show()
    return box


_open_boxes: list[QMessageBox] = []
