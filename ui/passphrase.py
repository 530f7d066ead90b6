"""Asking for a database's passphrase, and the keys of the files open in this session.

The passphrase itself is never kept: it is turned into the file's key once, and that key
(held in memory for the session only, never in the settings) opens every further
connection the window makes to the file (background work, backups).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey, WrongPassphraseError, is_encrypted
from ctip_desktop.workspace import Workspace, open_workspace

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
