"""Opening an encrypted database in the window: the passphrase is asked, a wrong one is
said in the same dialog and changes nothing, cancelling opens nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace

import ui.app as app_module
from ui import passphrase
from ui.passphrase import PassphraseDialog

RIGHT = "correct horse battery"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def encrypted(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "field.db"
    workspace = open_workspace(path, settings, passphrase=RIGHT)
    workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    workspace.close()
    return path


def typing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, *answers: str | None) -> list[str]:
    """Each time the dialog opens, type the next answer into its field and press OK (None:
    Cancel); the problem each dialog showed is recorded."""
    problems: list[str] = []
    queue = list(answers)

    def exec_(dialog: PassphraseDialog) -> int:
        qtbot.addWidget(dialog)
        problems.append(dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else "")
        answer = queue.pop(0)
        if answer is None:
            dialog.reject()
            return 0
        assert dialog.field.echoMode() == dialog.field.EchoMode.Password
        qtbot.keyClicks(dialog.field, answer)
        dialog.accept()
        return 1

    monkeypatch.setattr(PassphraseDialog, "exec", exec_)
    return problems


def test_a_wrong_passphrase_is_said_and_the_right_one_opens(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, encrypted: Path
):
    before = digest(encrypted)
    problems = typing(qtbot, monkeypatch, "wrong horse battery", RIGHT)
    window = app_module.create_window(["--db", str(encrypted)])
    assert window is not None
    qtbot.addWidget(window)
    assert problems[0] == ""
    assert problems[1].startswith("Wrong passphrase, or field.db is not")
    assert window.model.rowCount() == 1
    assert window.workspace.encrypted
    assert passphrase.session_key(encrypted) == window.workspace.key
    assert RIGHT not in Settings.path().read_text(encoding="utf-8")
    window.close()
    assert digest(encrypted) == before  # opened, read, closed: not a byte changed


def test_cancelling_opens_nothing_and_changes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, encrypted: Path
):
    before = digest(encrypted)
    problems = typing(qtbot, monkeypatch, "not it at all", None)
    assert app_module.create_window(["--db", str(encrypted)]) is None
    assert len(problems) == 2
    assert digest(encrypted) == before
    assert sorted(p.name for p in encrypted.parent.iterdir() if p.name.startswith("field")) == [
        "field.db"
    ]
