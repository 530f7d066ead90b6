"""Application start-up: arguments, logging, fonts, the first-run choice, the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ctip_desktop import APP_NAME, __version__, paths
from ctip_desktop.logs import configure_logging, log_file
from ctip_desktop.settings import Settings
from ctip_desktop.storage import StorageError
from ctip_desktop.workspace import Workspace, open_workspace

from ui import passphrase
from ui.dialogs import FirstRunDialog
from ui.fonts import register_bundled_fonts
from ui.main_window import MainWindow
from ui.translation import install_translators

log = logging.getLogger(__name__)

DEMO_ORGANISATIONS = 50


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ctip-desktop", description=APP_NAME)
    parser.add_argument("--db", metavar="PATH", help="open this database file")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(list(argv))


def install_excepthook() -> None:
    """An unexpected error is logged in full and shown as one calm sentence."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        from ui.messages import show_error

        show_error(
            QApplication.activeWindow(),
            QCoreApplication.translate("app", "Something went wrong"),
            QCoreApplication.translate(
                "app", "The last action could not be completed ({error}). Your saved data is safe."
            ).format(error=error),
        )

    sys.excepthook = hook


def first_run(settings: Settings, path: Path) -> Workspace:
    """Open the default database, offering demo data when the user starts for the first time."""
    dialog = FirstRunDialog(settings)
    dialog.exec()
    workspace = open_workspace(path, settings)
    if dialog.wants_demo:
        from ctip_desktop.demo import generate_demo

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            generate_demo(workspace, DEMO_ORGANISATIONS, seed=1)
        finally:
            QApplication.restoreOverrideCursor()
    return workspace


def create_window(argv: Sequence[str]) -> MainWindow | None:
    """Everything main() does short of running the event loop (tests and bench use it)."""
    args = parse_arguments(argv)
    configure_logging()
    register_bundled_fonts()
    settings = Settings.load()
    # Before the first widget: every string is looked up when a widget is made.
    install_translators(settings.ui_language)
    opened: Workspace | None
    try:
        if args.db:
            opened = passphrase.open_asking(None, Path(args.db), settings)
        else:
            path = paths.default_database_path()
            if not path.exists() and not settings.first_run_done:
                opened = first_run(settings, path)
            else:
                opened = passphrase.open_asking(None, path, settings)
        if opened is None:  # the passphrase was asked for, and the person cancelled
            return None
        workspace = opened
    except StorageError as error:
        log.warning("cannot open database: %s", error)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("app", "Cannot open database"),
            str(error),
        )
        box.setInformativeText(
            QCoreApplication.translate("app", "Details are in the log: {path}").format(
                path=log_file()
            )
        )
        box.exec()
        return None
    window = MainWindow(workspace, settings)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parse_arguments(argv)  # --help and --version answer without a display
    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        print(f"{APP_NAME} needs a graphical desktop (no display found).", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_excepthook()
    window = create_window(argv)
    if window is None:
        return 1
    window.show()
    # Asked once the window is on screen: a draft left by a crash or a closed lid resumes.
    QTimer.singleShot(0, window.offer_resume)
    return app.exec()
