"""Where the app keeps its files: the folders platformdirs gives for this user."""

from __future__ import annotations

import re
import unicodedata
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


# Characters Windows refuses in a file name (macOS and Linux refuse "/" and NUL only).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{name}{n}" for name in ("COM", "LPT") for n in "0123456789¹²³"
}
# Most file systems allow 255 bytes (UTF-8 on Linux) or 255 UTF-16 units per name: keep the
# organisation's part well below, so the suffix and a " (2)" always fit.
_MAX_NAME_BYTES = 150


def safe_file_name(name: str, *, fallback: str = "Organisation", stem: bool = False) -> str:
    """``name`` as a file name every common file system takes; letters of any script kept.

    Characters Windows refuses become "_", whitespace runs become one space, leading dots
    (hidden files) and trailing spaces go, and so do trailing dots (Windows drops them) unless
    ``stem`` says a suffix will follow ("Pvt. Ltd." stays); device names such as "CON" get a
    "_" in front, and a long name is cut at a character boundary.
    """
    trailing = " " if stem else ". "
    text = unicodedata.normalize("NFC", name)
    text = " ".join(text.split())  # tabs and line breaks too
    text = _FORBIDDEN.sub("_", text)
    text = text.lstrip(". ").rstrip(trailing)
    encoded = text.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        text = encoded[:_MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(trailing)
    if not text or set(text) <= {"_"}:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return text
