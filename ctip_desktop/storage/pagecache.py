"""Writing a transaction's changed pages to the WAL before it commits.

A large merge changes some 400 MB of pages in one transaction; SQLite keeps them in its page
cache and writes them all at the commit, when nothing else is left to do (2 of a merge's
15 s). ``sqlite3_db_cacheflush`` writes them earlier, while the merge's writer thread would
otherwise wait for the checking to finish: the commit then writes only what changed since.
The pages go to the WAL as uncommitted frames, so the transaction can still roll back.

Neither Python's ``sqlite3`` nor ``sqlcipher3`` exposes that call, so it is made through
ctypes on the connection's ``sqlite3 *`` handle, which both modules keep as the first field
after the object header. The call is made only where that layout is known (CPython 3.11 to
3.13, the modules' own connection types), through the very library the module uses (the
symbol is looked up from the extension module, never from another copy of SQLite), and only
once ``sqlite3_db_filename`` of the handle names the file the connection has open. Anywhere
else it does nothing, and the commit writes the pages as it always did.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

log = logging.getLogger(__name__)

_KNOWN_LAYOUT = (3, 11) <= sys.version_info[:2] <= (3, 13) and sys.implementation.name == "cpython"


@functools.cache
def _library(module_file: str) -> Any:
    """The SQLite functions of one extension module, or None where they cannot be reached."""
    try:
        library = ctypes.CDLL(module_file)
        flush = library.sqlite3_db_cacheflush
        filename = library.sqlite3_db_filename
    except (OSError, AttributeError):
        return None
    flush.argtypes = [ctypes.c_void_p]
    flush.restype = ctypes.c_int
    filename.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    filename.restype = ctypes.c_char_p
    return library


def _module_file(connection: Any) -> str | None:
    if type(connection) is sqlite3.Connection:
        import _sqlite3

        return _sqlite3.__file__
    if type(connection) is sqlcipher.Connection:
        import sqlcipher3._sqlite3 as native

        return native.__file__
    return None


def write_dirty_pages(connection: Any) -> bool:
    """Write the pages the open transaction changed so far to the WAL, without committing.

    True when they were written; False when this Python or connection does not allow it
    (then the commit writes them, as usual). Call it from the thread using the connection.
    """
    module_file = _module_file(connection) if _KNOWN_LAYOUT else None
    library = _library(module_file) if module_file else None
    if library is None:
        return False
    handle = ctypes.c_void_p.from_address(id(connection) + object.__basicsize__).value
    main = next(
        (row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), ""
    )
    if not handle or not main:
        return False
    named = library.sqlite3_db_filename(handle, b"main")
    if named is None or Path(named.decode("utf-8", "replace")) != Path(main):
        log.warning("page cache flush skipped: the connection handle is not where expected")
        return False
    code = library.sqlite3_db_cacheflush(handle)
    if code != 0:  # SQLITE_BUSY or an I/O error: the commit will try again, and report it
        log.warning("page cache flush: SQLite code %s", code)
        return False
    return True
