"""What can go wrong when a file from another laptop is merged: one clear message each."""

from __future__ import annotations


class SyncError(Exception):
    """A file cannot be merged; ``str(error)`` is the message for the user.

    ``detail`` says more for the log (which row, which check), never shown in a dialog.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class UnreadableFileError(SyncError):
    """Missing, a folder, or the system refuses to read it."""


class EmptyFileError(SyncError):
    pass


class NotADatabaseFileError(SyncError):
    """Not an SQLite file at all (a document, random bytes)."""


class PassphraseNeededError(SyncError):
    """The file is encrypted (exported from a database protected by a passphrase)."""


class WrongPassphraseFileError(SyncError):
    """The passphrase given does not open the file (or it is not one of ours)."""


class DamagedFileError(SyncError):
    """An SQLite file that fails its integrity check or cannot be read through."""


class ForeignFileError(SyncError):
    """An SQLite database of another application."""


class NewerSchemaFileError(SyncError):
    pass


class UnexpectedSchemaError(SyncError):
    """Our application id, but tables, columns, triggers or views this app never makes."""


class FileTooLargeError(SyncError):
    pass


class InvalidChangeError(SyncError):
    """A change fails a check: malformed, too long, or its id does not match its content."""


class RecordCollisionError(SyncError):
    """An id names a different kind of record here, or a reference points at the wrong kind."""


class SameDatabaseError(SyncError):
    """The file is the open database itself."""


class MergeCancelledError(SyncError):
    pass
