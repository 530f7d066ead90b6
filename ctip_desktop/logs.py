"""Logging to the platformdirs log folder, so the user never sees a traceback."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ctip_desktop import paths

_handler: logging.Handler | None = None


def log_file() -> Path:
    return paths.log_dir() / "ctip.log"


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to a rotating file in the log folder; return its path.

    Calling it again (another log folder, as in tests) replaces the earlier file handler.
    """
    global _handler
    path = log_file()
    root = logging.getLogger()
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    root.setLevel(level)
    return path
