"""The window's language: Qt translators for the app's strings and Qt's own.

The template ``assets/translations/ctip_desktop.ts`` is generated from ``ui/*.py`` with
``pyside6-lupdate``; a translator completes a copy (``ctip_desktop_th.ts``) in Qt Linguist and
``pyside6-lrelease`` compiles it to ``ctip_desktop_th.qm`` beside it. Every ``.qm`` found there
is a language the Settings dialog offers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "assets" / "translations"
CATALOGUE = "ctip_desktop"


def ui_languages(folder: Path = TRANSLATIONS_DIR) -> list[tuple[str, str]]:
    """(code, name in itself) of each language the window can be shown in, English first."""
    languages = [("en", "English")]
    for path in sorted(folder.glob(f"{CATALOGUE}_*.qm")):
        code = path.stem[len(CATALOGUE) + 1 :]
        name = QLocale(code).nativeLanguageName() or code
        languages.append((code, name))
    return languages


def install_translators(language: str, folder: Path = TRANSLATIONS_DIR) -> list[QTranslator]:
    """Put the app's and Qt's translations for ``language`` ('' = the system's) in place.

    Returns the translators installed (kept alive by the application, their parent). A
    missing translation is no error: the window is then in English.
    """
    app = QCoreApplication.instance()
    if app is None:
        return []
    locale = QLocale(language.replace("-", "_")) if language else QLocale.system()
    installed = []
    for catalogue, where in (
        (CATALOGUE, str(folder)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", where) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.info("no %s translation for %s in %s", catalogue, locale.name(), where)
    return installed
