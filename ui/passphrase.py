"""Asking for a database's passphrase, and the keys of the files open in this session.

The passphrase itself is never kept: it is turned into the file's key once, and that key
(held in memory for the session only, never in the settings) opens every further
connection the window makes to the file (background work, backups).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey, WrongPassphraseError, is_encrypted
from ctip_desktop.storage.connection import MIN_PASSPHRASE_LENGTH
from ctip_desktop.workspace import Workspace, open_workspace

from ui import style

_session_keys: dict[Path, FileKey] = {}


def remember_key(path: Path, key: FileKey | None) -> None:
    """Keep the key of a file the window has open (None forgets it: a plain file)."""
    if key is None:
        _session_keys.pop(path.resolve(), None)
    else:
        _session_keys[path.resolve()] = key


def session_key(path: Path) -> FileKey | None:
    """The key this session opened the file with (None: a plain file, or not opened)."""
    return _session_keys.get(path.resolve())


class PassphraseDialog(QDialog):
    """One line, typed hidden; a wrong passphrase is said above it."""

    def __init__(self, parent: QWidget | None, path: Path, problem: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passphrase"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("{file} is protected by a passphrase.").format(file=path.name))
        )
        self.problem = QLabel(problem)
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase"))
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_passphrase(parent: QWidget | None, path: Path, problem: str = "") -> str | None:
    """The passphrase typed for ``path``; None when the person cancels (tests replace this
    function, as pytest-qt advises for modal dialogs)."""
    dialog = PassphraseDialog(parent, path, problem)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.field.text()


def open_asking(
    parent: QWidget | None, path: Path, settings: Settings, *, create: bool = True
) -> Workspace | None:
    """Open a database, asking for its passphrase while it is encrypted and the passphrase
    wrong; None when the person gives up. Other problems raise StorageError as usual."""
    if not is_encrypted(path):
        workspace = open_workspace(path, settings, create=create)
        remember_key(path, None)
        return workspace
    problem = ""
    while True:
        passphrase = ask_passphrase(parent, path, problem)
        if passphrase is None:
            return None
        try:
            workspace = open_workspace(path, settings, create=create, passphrase=passphrase)
        except WrongPassphraseError as error:
            problem = str(error)
            continue
        remember_key(path, workspace.key)
        return workspace


class Change(enum.Enum):
    """What the passphrase dialog is for: each asks for what its rewrite needs."""

    PROTECT = "protect"  # a new passphrase, twice
    CHANGE = "change"  # the current one, and a new one twice
    REMOVE = "remove"  # the current one
    CREATE = "create"  # a new file: a new passphrase twice, or none at all


@dataclass(frozen=True)
class Answer:
    current: str  # '' when not asked
    new: str  # '' when not asked (or, for a new file, when it stays plain)


class ChangePassphraseDialog(QDialog):
    """The passphrases a rewrite needs; OK checks them (the current one against the key the
    file is open with, a new one against the rules and its repetition) and says what is
    wrong above the fields, keeping the dialog open."""

    def __init__(
        self, parent: QWidget | None, path: Path, change: Change, key: FileKey | None = None
    ) -> None:
        super().__init__(parent)
        self.change = change
        self.key = key
        titles = {
            Change.PROTECT: self.tr("Protect with a passphrase"),
            Change.CHANGE: self.tr("Change passphrase"),
            Change.REMOVE: self.tr("Remove passphrase"),
            Change.CREATE: self.tr("Passphrase for the new database"),
        }
        intros = {
            Change.PROTECT: self.tr(
                "{file} will be encrypted: it opens only with this passphrase, and nobody can "
                "recover it if it is forgotten."
            ),
            Change.CHANGE: self.tr(
                "{file} will be encrypted again under the new passphrase; the old one no "
                "longer opens it."
            ),
            Change.REMOVE: self.tr(
                "{file} will become a plain file again: anyone with the file can read it."
            ),
            Change.CREATE: self.tr(
                "Protect {file} with a passphrase, or leave both fields empty for a plain file."
            ),
        }
        self.setWindowTitle(titles[change])
        layout = QVBoxLayout(self)
        intro = QLabel(intros[change].format(file=path.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        style.show_as_problem(self.problem)
        layout.addWidget(self.problem)
        form = QFormLayout()
        self.current = self._field("currentPassphrase", self.tr("Current passphrase"))
        self.new = self._field("newPassphrase", self.tr("New passphrase"))
        self.repeat = self._field("repeatPassphrase", self.tr("New passphrase again"))
        if change in (Change.CHANGE, Change.REMOVE):
            form.addRow(self.tr("&Current passphrase"), self.current)
        if change is not Change.REMOVE:
            form.addRow(self.tr("&New passphrase"), self.new)
            form.addRow(self.tr("&Repeat it"), self.repeat)
            rule = QLabel(
                self.tr("At least {n} characters: a few words are easier to remember.").format(
                    n=MIN_PASSPHRASE_LENGTH
                )
            )
            rule.setWordWrap(True)
            form.addRow("", rule)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        return field

    def check(self) -> str:
        """What is wrong with the typed passphrases ('' when nothing is)."""
        if self.change in (Change.CHANGE, Change.REMOVE):
            current = self.current.text()
            if not current:
                return self.tr("Enter the current passphrase.")
            if self.key is not None and not self.key.matches(current):
                return self.tr("That is not the current passphrase.")
        if self.change is Change.REMOVE:
            return ""
        new, repeat = self.new.text(), self.repeat.text()
        if self.change is Change.CREATE and not new and not repeat:
            return ""
        if len(new) < MIN_PASSPHRASE_LENGTH:
            return self.tr(
                "Choose a passphrase of at least {n} characters (a few words are easier to "
                "remember than symbols)."
            ).format(n=MIN_PASSPHRASE_LENGTH)
        if not new.strip():
            return self.tr("A passphrase cannot be only spaces.")
        if new != repeat:
            return self.tr("The two new passphrases differ: type the same one twice.")
        if self.change is Change.CHANGE and new == self.current.text():
            return self.tr("The new passphrase is the current one: choose another.")
        return ""

    def accept(self) -> None:
        problem = self.check()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if problem:
            return
        super().accept()

    def answer(self) -> Answer:
        return Answer(current=self.current.text(), new=self.new.text())


def ask_change(
    parent: QWidget | None, path: Path, change: Change, key: FileKey | None = None
) -> Answer | None:
    """The checked passphrases for a rewrite of ``path``; None when the person cancels
    (tests replace this function, as pytest-qt advises for modal dialogs)."""
    dialog = ChangePassphraseDialog(parent, path, change, key)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
