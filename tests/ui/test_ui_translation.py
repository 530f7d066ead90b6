"""The window's language: the template, the language setting, and translations applied at start."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from ctip_desktop.settings import Settings

from ui import app as app_module
from ui.dialogs import SettingsDialog
from ui.translation import TRANSLATIONS_DIR, install_translators, ui_languages

ROOT = Path(__file__).parents[2]
TEMPLATE = TRANSLATIONS_DIR / "ctip_desktop.ts"


def messages(path: Path) -> set[tuple[str, str]]:
    """(context, source text) of every message of a .ts file."""
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def lupdate() -> str:
    found = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    if not Path(found).exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    return found


def test_the_template_holds_every_string_of_the_window(tmp_path: Path):
    """Regenerated from ui/*.py, the template must say the same: else run the README's command."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run(
        [lupdate(), "-silent", "-locations", "none", *sources, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    committed, regenerated = messages(TEMPLATE), messages(fresh)
    assert regenerated - committed == set(), "new strings: regenerate the template"
    assert committed - regenerated == set(), "strings gone from ui/: regenerate the template"
    assert len(committed) > 500


def test_the_thai_translation_translates_strings_of_the_template():
    thai = TRANSLATIONS_DIR / "ctip_desktop_th.ts"
    assert messages(thai) <= messages(TEMPLATE)
    assert (TRANSLATIONS_DIR / "ctip_desktop_th.qm").exists()


@pytest.fixture
def thai(qapp: QCoreApplication) -> Iterator[list[QTranslator]]:
    """The Thai translation installed as at start-up, and taken away again afterwards."""
    installed = install_translators("th")
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def test_thai_reaches_each_kind_of_lookup(thai: list[QTranslator]):
    assert thai, "the Thai catalogue did not load"
    translate = QCoreApplication.translate
    # A widget's self.tr(), a module's tr() helper, and a label marked with QT_TRANSLATE_NOOP.
    assert translate("InterviewWizard", "&Next →") == "ถัดไป(&N) →"
    assert translate("", "&Save") == "บันทึก(&S)"
    assert translate("DetailsForm", "phone") == "โทรศัพท์"
    # Not yet translated: English, never an empty label.
    assert translate("InterviewWizard", "Cannot open the interview") == (
        "Cannot open the interview"
    )


def test_an_unknown_language_leaves_the_window_in_english(qapp: QCoreApplication):
    installed = install_translators("xx")
    try:
        assert not any(t.filePath().endswith("ctip_desktop_xx.qm") for t in installed)
        assert QCoreApplication.translate("InterviewWizard", "&Next →") == "&Next →"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_the_settings_offer_the_languages_with_a_translation(qtbot: QtBot, settings: Settings):
    assert ui_languages() == [("en", "English"), ("th", "ไทย")]
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    box = dialog.findChild(QComboBox, "uiLanguage")
    offered = [(box.itemData(i), box.itemText(i)) for i in range(box.count())]
    assert offered == [("", "The system's language"), ("en", "English"), ("th", "ไทย")]
    assert box.currentData() == ""
    note = dialog.findChild(QLabel, "uiLanguageNote")
    assert note.isVisible() and "next starts" in note.text()
    # Alt+L reaches the list; Down twice is Thai; Enter accepts the dialog.
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QCoreApplication.instance().focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == "th"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert Settings.load().ui_language == "th"
    # Nothing changed in the running window: the new language waits for the next start.
    assert QCoreApplication.translate("InterviewWizard", "&Next →") == "&Next →"


def test_the_window_starts_in_the_chosen_language(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    settings = Settings.load()
    settings.ui_language = "th"
    settings.first_run_done = True
    settings.save()
    installed: list[QTranslator] = []

    def install(language: str) -> list[QTranslator]:
        installed.extend(install_translators(language))
        return installed

    monkeypatch.setattr(app_module, "install_translators", install)
    try:
        window = app_module.create_window(["--db", str(tmp_path / "thai.db")])
        assert window is not None
        qtbot.addWidget(window)
        actions = {action.text() for action in window.findChildren(QAction)}
        assert {"บันทึก(&S)", "องค์กรใหม่(&N)"} <= actions
        next_button = window.wizard.findChild(QPushButton, "nextButton")
        assert next_button.text() == "ถัดไป(&N) →"
        window.close()
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("", "&Save") == "&Save"
