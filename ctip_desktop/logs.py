"""Logging to the platformdirs log folder, so the user never sees a traceback."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ctip_desktop import paths


def log_file() -> Path:
    return paths.log_dir() / "ctip.log"


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to a rotating file in the log folder; return its path."""
    path = log_file()
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(level)
    return path
