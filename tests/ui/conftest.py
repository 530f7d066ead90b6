from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace

from ui.fonts import register_bundled_fonts
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, settings: Settings) -> Iterator[MainWindow]:
    register_bundled_fonts()
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A question nobody answered would block the test: unanswered ones discard or cancel.

    Tests that care about an answer patch ``messages.confirm`` / ``messages.ask_unsaved``
    themselves; the list returned records every question that was asked.
    """
    from ui import dialogs, merge_dialog, messages

    asked: list[str] = []

    def ask_unsaved(_parent: object, name: str) -> messages.Unsaved:
        asked.append(f"unsaved:{name}")
        return messages.Unsaved.DISCARD

    def confirm(_parent: object, _title: str, question: str, _action: str) -> bool:
        asked.append(question)
        return False

    def ask_resume(_parent: object, description: str) -> bool:
        asked.append(f"resume:{description}")
        return False

    def choose_questionnaire(_parent: object, _choices: object, _default: str) -> None:
        asked.append("questionnaire")
        return None

    monkeypatch.setattr(messages, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "ask_resume", ask_resume)
    monkeypatch.setattr(dialogs, "choose_questionnaire", choose_questionnaire)

    def confirm_merge(_parent: object, preview: object) -> bool:
        asked.append(f"merge:{getattr(preview, 'file_name', '')}")
        return False

    monkeypatch.setattr(merge_dialog, "confirm_merge", confirm_merge)
    return asked


@pytest.fixture(autouse=True)
def close_message_boxes() -> Iterator[None]:
    """A message box left open is modal: it would swallow the next test's shortcuts."""
    yield
    from ui import messages

    for box in list(messages._open_boxes):
        box.close()
