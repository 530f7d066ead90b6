"""The JSON archive: the whole change log and the questionnaire snapshots, losslessly.

Every table of the app is derived from the change log, so the log (each change exactly as
stored, its id being the hash of its content) and the questionnaire definitions are
everything. The file is ordinary JSON, laid out one change per line so that a large archive
is written and read as a stream::

    {"format": "ctip-archive", "format_version": 1, ..., "questionnaires": [...], "changes": [
    ["<change_id>", "<entity>", ..., "<tx>"],
    ...
    ]}

Importing an archive is a merge: the changes are put in a temporary database file of this
app's schema, which then goes through exactly the checks and the merge another laptop's file
goes through (``sync.inspect_incoming``, ``sync.merge``): every change checked and its id
recomputed, references checked, nothing dropped, a backup first, the merge listed in the
history. Changes the database holds already are skipped, so importing the same archive twice
changes nothing, and an archive that brings nothing new is not merged at all.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from ctip_desktop import __version__
from ctip_desktop.exchange.errors import ArchiveError, ExchangeError
from ctip_desktop.exchange.export import ExportResult
from ctip_desktop.exchange.progress import Progress, report
from ctip_desktop.storage.connection import StorageError, open_database
from ctip_desktop.storage.migrations import SCHEMA_VERSION
from ctip_desktop.sync.errors import MergeCancelledError, SyncError
from ctip_desktop.sync.validate import CHANGE_COLUMNS
from ctip_desktop.workspace import Workspace

log = logging.getLogger(__name__)

ARCHIVE_FORMAT = "ctip-archive"
ARCHIVE_VERSION = 1
_HEADER_END = '"changes": ['
_BATCH = 20_000
# An archive not laid out one change per line (say, re-indented by another tool) is read
# whole; above this size that would take too much memory.
_MAX_WHOLE_BYTES = 256 * 1024**2


# ----- writing ---------------------------------------------------------------------------------


def export_archive(
    workspace: Workspace, path: Path, progress: Progress | None = None
) -> ExportResult:
    """Write the change log and questionnaire snapshots to ``path`` (see the module doc)."""
    begin = time.perf_counter()
    if path.is_dir():
        raise ExchangeError(f"{path} is a folder: give the name of the .json file to write.")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = workspace.db
    total = db.execute("SELECT count(*) FROM change").fetchone()[0]
    snapshots = [
        {"id": qid, "version": version, "definition": definition}
        for qid, version, definition in db.execute(
            "SELECT id, version, definition FROM questionnaire_snapshot ORDER BY id, version"
        )
    ]
    header = {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_VERSION,
        "app_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "device_id": workspace.log.clock.device_id,
        "author": workspace.log.author,
        "change_count": total,
        "columns": list(CHANGE_COLUMNS),
        "questionnaires": snapshots,
    }
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    opening = json.dumps(header, ensure_ascii=False, sort_keys=False)[:-1]
    partial = path.with_name(path.name + ".partial")
    written = 0
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(f"{opening}, {_HEADER_END}\n")
            cursor = db.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change ORDER BY rowid")
            separator = ""
            while True:
                rows = cursor.fetchmany(_BATCH)
                if not rows:
                    break
                handle.write(separator + ",\n".join(encode(list(row)) for row in rows))
                separator = ",\n"
                written += len(rows)
                report(progress, written, total, "Writing the change log")
            handle.write("\n]}\n")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    counts = {"changes": written, "questionnaires": len(snapshots)}
    return ExportResult("json", path, [path], counts, time.perf_counter() - begin)


# ----- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveHeader:
    format_version: int
    schema_version: int
    change_count: int
    questionnaires: list[tuple[str, int, str]]


def _malformed(name: str, detail: str) -> ArchiveError:
    log.warning("archive %s refused: %s", name, detail)
    return ArchiveError(
        f"{name} is not a CTIP Outreach Desk archive, or it was damaged or altered ({detail}): "
        "nothing was imported."
    )


def _header(name: str, data: Any) -> ArchiveHeader:
    if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
        raise _malformed(name, "no 'format': 'ctip-archive'")
    version = data.get("format_version")
    if not isinstance(version, int) or version > ARCHIVE_VERSION:
        raise ArchiveError(
            f"{name} was written by a newer version of CTIP Outreach Desk (archive format "
            f"{version}): update the app, then import it again. Nothing was imported."
        )
    if data.get("columns") != list(CHANGE_COLUMNS):
        raise _malformed(name, "unexpected change columns")
    questionnaires = []
    raw = data.get("questionnaires")
    if not isinstance(raw, list):
        raise _malformed(name, "'questionnaires' is not a list")
    for entry in raw:
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("id"), str)
            or not isinstance(entry.get("version"), int)
            or not isinstance(entry.get("definition"), str)
        ):
            raise _malformed(name, "a questionnaire entry is malformed")
        questionnaires.append((entry["id"], entry["version"], entry["definition"]))
    schema = data.get("schema_version")
    count = data.get("change_count")
    return ArchiveHeader(
        version,
        schema if isinstance(schema, int) else 0,
        count if isinstance(count, int) else 0,
        questionnaires,
    )


def _change_row(name: str, line_number: int, row: Any) -> tuple[Any, ...]:
    if not isinstance(row, list) or len(row) != len(CHANGE_COLUMNS):
        raise _malformed(name, f"line {line_number}: a change is not a list of 11 values")
    # Values are passed on as they are: the merge's checks refuse anything not text.
    return tuple(row)


def read_archive(
    path: Path,
) -> tuple[ArchiveHeader, Iterator[list[tuple[Any, ...]]]]:
    """The archive's header and its changes in batches; ArchiveError when malformed."""
    name = path.name
    try:
        handle: IO[str] = path.open("r", encoding="utf-8-sig", newline="\n")
    except OSError as error:
        raise ArchiveError(f"{name} cannot be read: {error.strerror or error}.") from error
    try:
        first = handle.readline()
    except UnicodeDecodeError:
        handle.close()
        raise _malformed(name, "not UTF-8 text") from None
    except OSError as error:
        handle.close()
        raise ArchiveError(f"{name} cannot be read: {error.strerror or error}.") from error
    if first.rstrip().endswith(_HEADER_END):
        try:
            header = _header(name, json.loads(first.rstrip()[: -len(_HEADER_END)] + '"x": 0}'))
        except json.JSONDecodeError:
            handle.close()
            raise _malformed(name, "line 1 is not JSON") from None
        return header, _stream(name, handle)
    handle.close()
    return _whole(path)


def _stream(name: str, handle: IO[str]) -> Iterator[list[tuple[Any, ...]]]:
    with handle:
        batch: list[tuple[Any, ...]] = []
        line_number = 1
        ended = False
        try:
            for line in handle:
                line_number += 1
                text = line.strip()
                if not text:
                    continue
                if ended:
                    raise _malformed(name, f"line {line_number}: text after the end")
                if text == "]}":
                    ended = True
                    continue
                if text.endswith(","):
                    text = text[:-1]
                try:
                    row = json.loads(text)
                except (json.JSONDecodeError, RecursionError):
                    raise _malformed(name, f"line {line_number} is not JSON") from None
                batch.append(_change_row(name, line_number, row))
                if len(batch) >= _BATCH:
                    yield batch
                    batch = []
        except UnicodeDecodeError:
            raise _malformed(name, f"not UTF-8 text after line {line_number}") from None
        if not ended:
            raise _malformed(name, "the file ends early (was it cut short?)")
        if batch:
            yield batch


def _whole(path: Path) -> tuple[ArchiveHeader, Iterator[list[tuple[Any, ...]]]]:
    name = path.name
    try:
        if path.stat().st_size > _MAX_WHOLE_BYTES:
            raise _malformed(name, "not laid out one change per line, and too large to read whole")
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _malformed(name, "not UTF-8 text") from None
    except (json.JSONDecodeError, RecursionError):
        raise _malformed(name, "not JSON") from None
    except OSError as error:
        raise ArchiveError(f"{name} cannot be read: {error.strerror or error}.") from error
    header = _header(name, data)
    changes = data.get("changes")
    if not isinstance(changes, list):
        raise _malformed(name, "'changes' is not a list")
    rows = [_change_row(name, number, row) for number, row in enumerate(changes, 1)]
    return header, iter([rows[i : i + _BATCH] for i in range(0, len(rows), _BATCH)])


# ----- importing -------------------------------------------------------------------------------


@dataclass
class ArchiveImportResult:
    file_name: str
    # "merged", or "nothing new" when the database held every change already.
    status: str
    changes_in_file: int
    new_changes: int
    added: dict[str, int]
    updated: dict[str, int]
    deleted: dict[str, int]
    questionnaires: int
    conflicts: int
    backup: Path | None
    seconds: float

    def summary(self) -> str:
        if self.status != "merged":
            return (
                f"{self.file_name}: nothing new ({self.changes_in_file:,} changes, all held "
                "already). Nothing was changed."
            )
        added = ", ".join(f"{n:,} {e}" for e, n in sorted(self.added.items())) or "nothing"
        return (
            f"Imported {self.file_name}: {self.new_changes:,} new changes; added {added}; "
            f"{self.conflicts} conflict(s)."
        )


def _missing_ids(workspace: Workspace, change_ids: list[str]) -> int:
    """How many of these change ids this database does not hold."""
    missing = 0
    for start in range(0, len(change_ids), 500):
        chunk = change_ids[start : start + 500]
        held = workspace.db.execute(
            f"SELECT count(*) FROM change WHERE change_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchone()[0]
        missing += len(set(chunk)) - held
    return missing


def import_archive(
    workspace: Workspace,
    path: Path | str,
    *,
    progress: Progress | None = None,
    backup: bool = True,
) -> ArchiveImportResult:
    """Merge a JSON archive into the workspace's database (see the module docstring).

    Raises ArchiveError (or another ExchangeError) with a message for the user, and changes
    nothing, when the archive is malformed or fails a check.
    """
    from ctip_desktop.sync import inspect_incoming, merge

    begin = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"There is no file {path}.")
    header, batches = read_archive(path)
    folder = Path(tempfile.mkdtemp(prefix="ctip-archive-"))
    # Named as the archive, so the merge history lists the archive by its own name.
    staging = folder / path.name
    try:
        try:
            db = open_database(staging)
        except StorageError as error:
            raise ExchangeError(f"No room for a temporary copy of the archive: {error}") from error
        in_file = 0
        new = 0
        total = max(header.change_count, 1)
        try:
            with db.atomic():
                for qid, version, definition in header.questionnaires:
                    db.execute(
                        "INSERT OR IGNORE INTO questionnaire_snapshot (id, version, definition) "
                        "VALUES (?, ?, ?)",
                        (qid, version, definition),
                    )
                for batch in batches:
                    try:
                        db.conn.executemany(
                            f"INSERT OR IGNORE INTO change ({', '.join(CHANGE_COLUMNS)}) "
                            f"VALUES ({','.join('?' * len(CHANGE_COLUMNS))})",
                            batch,
                        )
                    except (sqlite3.Error, OverflowError, ValueError) as error:
                        raise _malformed(path.name, f"a change cannot be stored: {error}") from None
                    in_file += len(batch)
                    ids = [row[0] for row in batch if isinstance(row[0], str)]
                    new += _missing_ids(workspace, ids) + (len(batch) - len(ids))
                    report(progress, min(in_file, total), total, "Reading the archive")
            db.execute("PRAGMA journal_mode = DELETE")
        finally:
            db.close()
        held = {
            (qid, version)
            for qid, version in workspace.db.execute(
                "SELECT id, version FROM questionnaire_snapshot"
            )
        }
        new_snapshots = {(q, v) for q, v, _ in header.questionnaires} - held
        if new == 0 and not new_snapshots:
            return ArchiveImportResult(
                path.name, "nothing new", in_file, 0, {}, {}, {}, 0, 0, None,
                time.perf_counter() - begin,
            )  # fmt: skip

        def merge_progress(stage: str, done: int, total: int) -> None:
            if progress is not None and not progress(done, total, f"Merging: {stage}"):
                raise MergeCancelledError("The import was cancelled: nothing was changed.")

        try:
            with inspect_incoming(staging) as incoming:
                result = merge(workspace, incoming, progress=merge_progress, backup=backup)
        except MergeCancelledError as error:
            raise ExchangeError(str(error)) from error
        except SyncError as error:
            log.warning("archive %s refused by the merge checks: %s %s", path, error, error.detail)
            raise ArchiveError(
                str(error).replace(staging.name, path.name)
                + " (The archive was checked as a database from another laptop is.)"
            ) from error
        return ArchiveImportResult(
            path.name,
            result.status,
            in_file,
            result.new_changes,
            result.added,
            result.updated,
            result.deleted,
            result.questionnaires,
            len(result.conflicts),
            result.backup,
            time.perf_counter() - begin,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
