"""Storage: one connection factory, numbered migrations, and the change log every write uses."""

from ctip_desktop.storage.changelog import Change, ChangeLog, Transaction
from ctip_desktop.storage.connection import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
    integrity_problems,
    open_database,
    open_read_only,
)
from ctip_desktop.storage.migrations import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "Change",
    "ChangeLog",
    "CorruptDatabaseError",
    "ForeignDatabaseError",
    "MissingDatabaseError",
    "NewerSchemaError",
    "NotADatabaseError",
    "StorageError",
    "Transaction",
    "integrity_problems",
    "open_database",
    "open_read_only",
]
