"""Start-up: the first-run choice, a bad --db file, and errors kept out of the user's face."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ctip_desktop import paths
from ctip_desktop.logs import configure_logging, log_file
from ctip_desktop.settings import Settings

from ui import app as app_module
from ui import dialogs


def test_first_run_offers_demo_data(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch):
    def choose_demo(dialog: dialogs.FirstRunDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.interviewer, "Nok Field")
        qtbot.mouseClick(dialog.demo, Qt.MouseButton.LeftButton)
        assert dialog.wants_demo
        dialog.accept()
        return 1

    monkeypatch.setattr(dialogs.FirstRunDialog, "exec", choose_demo)
    window = app_module.create_window([])
    assert window is not None
    qtbot.addWidget(window)
    assert window.workspace.path == paths.default_database_path()
    assert window.model.rowCount() == app_module.DEMO_ORGANISATIONS
    settings = Settings.load()
    assert settings.first_run_done and settings.interviewer_name == "Nok Field"
    window.close()
    # The second start opens the same file without asking again.
    monkeypatch.setattr(dialogs.FirstRunDialog, "exec", lambda _self: pytest.fail("asked twice"))
    again = app_module.create_window([])
    qtbot.addWidget(again)
    assert again.model.rowCount() == app_module.DEMO_ORGANISATIONS
    again.close()


def test_first_run_empty_start(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(dialogs.FirstRunDialog, "exec", lambda dialog: dialog.accept() or 1)
    window = app_module.create_window([])
    qtbot.addWidget(window)
    assert window.model.rowCount() == 0
    assert window.findChild(type(window.pages.widget(0)), "emptyState").isVisibleTo(window)
    window.close()


@pytest.mark.parametrize(
    "content", [b"plain text notes\n", b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_bad_database_argument_shows_a_message_and_changes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: bytes
):
    path = tmp_path / "field.db"
    path.write_bytes(content)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert app_module.create_window(["--db", str(path)]) is None
    assert len(shown) == 1
    assert "field.db" in shown[0] and "Traceback" not in shown[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    logging.getLogger().handlers[-1].flush()
    assert "cannot open database" in log_file().read_text(encoding="utf-8")


def test_unexpected_errors_are_logged_and_shown_calmly(qtbot: QtBot):
    import sys

    configure_logging()
    app_module.install_excepthook()
    try:
        sys.excepthook(RuntimeError, RuntimeError("disk unplugged"), None)
        boxes = [
            w
            for w in __import__("PySide6.QtWidgets").QtWidgets.QApplication.topLevelWidgets()
            if w.objectName() == "errorBox" and w.isVisible()
        ]
        assert boxes and "disk unplugged" in boxes[-1].text()
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "RuntimeError: disk unplugged" in log_file().read_text(encoding="utf-8")
        for box in boxes:
            box.close()
    finally:
        sys.excepthook = sys.__excepthook__


def test_version_and_missing_display_answer_without_qt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as exited:
        app_module.main(["--version"])
    assert exited.value.code == 0
    assert "ctip-desktop 0.1.0" in capsys.readouterr().out
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert app_module.main([]) == 1
    assert "no display found" in capsys.readouterr().err
