"""Storage: one connection factory, numbered migrations, and the change log every write uses."""

from ctip_desktop.storage.changelog import Change, ChangeLog, Transaction
from ctip_desktop.storage.connection import (
    DATABASE_ERRORS,
    SQLITE_ERRORS,
    CorruptDatabaseError,
    FileKey,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    PassphraseRequiredError,
    PassphraseRulesError,
    StorageError,
    WrongPassphraseError,
    integrity_problems,
    is_encrypted,
    key_of,
    open_database,
    open_read_only,
)
from ctip_desktop.storage.migrations import SCHEMA_VERSION

__all__ = [
    "DATABASE_ERRORS",
    "SCHEMA_VERSION",
    "SQLITE_ERRORS",
    "Change",
    "ChangeLog",
    "CorruptDatabaseError",
    "FileKey",
    "ForeignDatabaseError",
    "MissingDatabaseError",
    "NewerSchemaError",
    "NotADatabaseError",
    "PassphraseRequiredError",
    "PassphraseRulesError",
    "StorageError",
    "Transaction",
    "WrongPassphraseError",
    "integrity_problems",
    "is_encrypted",
    "key_of",
    "open_database",
    "open_read_only",
]
