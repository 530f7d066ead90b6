"""A laptop that dies mid-interview: the app process is killed, every given answer survives."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import integrity_problems, open_read_only
from ctip_desktop.workspace import open_workspace

# The child conducts an interview through the window, then kills itself with SIGKILL while
# the text of item 5 is still being typed (no pause, no page change: not saved yet).
_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from ctip_desktop.settings import Settings
    from ctip_desktop.workspace import open_workspace
    from ui import dialogs
    from ui.main_window import MainWindow

    settings = Settings.load()
    workspace = open_workspace(sys.argv[1], settings)
    chosen = workspace.interviews.questionnaires.latest("pse-outreach-example-2")
    dialogs.choose_questionnaire = lambda *args: chosen
    window = MainWindow(workspace, settings)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    window.select_organisation(sys.argv[2])
    window.on_new_interview()
    wizard = window.wizard

    def keys(*sequence):
        for key in sequence:
            QTest.keyClick(QApplication.focusWidget(), key)

    def next_page():
        alt = Qt.KeyboardModifier.AltModifier
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, alt)

    next_page(); next_page()
    QTest.keyClicks(QApplication.focusWidget(), "Forty workers sent home in May.")
    next_page()
    keys(Qt.Key.Key_9)
    next_page()
    keys(Qt.Key.Key_Space, Qt.Key.Key_Tab, Qt.Key.Key_Space)
    next_page()
    keys(Qt.Key.Key_Space)
    QTest.keyClicks(QApplication.focusWidget(), "x")  # a keystroke on no text field
    next_page(); next_page()
    keys(Qt.Key.Key_4)
    next_page(); next_page(); next_page(); next_page()
    wizard.side.setCurrentRow(2)
    QTest.keyClicks(QApplication.focusWidget(), " Half came back.")
    print("ANSWERED", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_killing_the_app_mid_interview_keeps_every_answer_given(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "field.db"
    workspace = open_workspace(path, settings)
    org_id = workspace.profiles.save(
        Organisation(name="Irrawaddy Fishing Co.", contacts=[Contact(name="Aung", primary=True)])
    )
    workspace.close()
    script = tmp_path / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path.cwd()))
    result = subprocess.run(
        [sys.executable, str(script), str(path), org_id],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == -9, result.stderr
    assert "ANSWERED" in result.stdout

    db = open_read_only(path)
    try:
        assert integrity_problems(db) == []
    finally:
        db.close()
    workspace = open_workspace(path, settings)
    try:
        [row] = workspace.interviews.list()
        interview = workspace.interviews.get(row.id)
        assert interview.status == "draft"
        assert interview.value("identification")["representative"] == "Aung"
        # Saved when the page changed, before the last edit of the same field began.
        assert interview.value("general_notes") == "Forty workers sent home in May."
        assert interview.value("supply_chain_effect") == 9
        assert interview.value("hindering_factors")["selected"] == [
            "travel_restrictions",
            "closing_or_suspension",
        ]
        assert interview.value("business_effects")["selected"] == ["reduced_workforce"]
        assert interview.value("migrant_exploitation_risk") == 4
        assert interview.position == "general_notes"
        # Where it stopped, so a restart offers to resume it.
        assert [d.id for d in workspace.interviews.drafts_to_resume()] == [row.id]
    finally:
        workspace.close()
