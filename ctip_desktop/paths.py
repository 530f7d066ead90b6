"""Where the app keeps its files: the folders platformdirs gives for this user."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from ctip_desktop import APP_ID


def _dirs() -> platformdirs.PlatformDirs:
    # Built on each call so tests (and users) can redirect XDG_* variables at run time.
    return platformdirs.PlatformDirs(APP_ID, appauthor=False)


def data_dir() -> Path:
    path = Path(_dirs().user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    path = Path(_dirs().user_config_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = Path(_dirs().user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "outreach.ctip.db"


def default_export_dir() -> Path:
    """Where PDFs go unless the user picks another folder (created when first written)."""
    return Path(_dirs().user_documents_dir) / "CTIP Outreach Desk"
