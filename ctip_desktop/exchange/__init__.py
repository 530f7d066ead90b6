"""Data in and out: CSV/XLSX/JSON export, archive and organisation import, XLSForm and
ODK/KoboToolbox submissions. Plain Python (no Qt): the CLI, the window and tests use it."""

from ctip_desktop.exchange.archive import ArchiveImportResult, export_archive, import_archive
from ctip_desktop.exchange.errors import (
    ArchiveError,
    ExchangeCancelledError,
    ExchangeError,
    UnreadableTableError,
)
from ctip_desktop.exchange.export import FORMATS, ExportResult, export_data

__all__ = [
    "FORMATS",
    "ArchiveError",
    "ArchiveImportResult",
    "ExchangeCancelledError",
    "ExchangeError",
    "ExportResult",
    "UnreadableTableError",
    "export_archive",
    "export_data",
    "import_archive",
]
