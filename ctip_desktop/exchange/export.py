"""Exporting the database as CSV files, one XLSX workbook, or a lossless JSON archive.

CSV and XLSX carry the current state: organisations, contacts and headlines as their own
tables, and each questionnaire's interviews in the wide layout (``wide.py``), once with codes
and once with labels, with a ``columns`` table describing every column. The JSON archive
(``archive.py``) carries the change log itself, from which everything is derived.

A file is written under a temporary name and renamed when complete: a cancelled or failed
export leaves nothing behind that could be mistaken for a finished one.
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ctip_desktop.exchange.errors import ExchangeError
from ctip_desktop.exchange.progress import Progress, report
from ctip_desktop.exchange.tables import FORMULA_STARTS, defused
from ctip_desktop.exchange.wide import META_COLUMNS, META_SQL, WideLayout, wide_layout
from ctip_desktop.interviews.model import InterviewError
from ctip_desktop.paths import safe_file_name
from ctip_desktop.questionnaires.model import Questionnaire
from ctip_desktop.workspace import Workspace

log = logging.getLogger(__name__)

Format = Literal["csv", "xlsx", "json"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "json")

ORGANISATION_COLUMNS = (
    "id",
    "name",
    "other_names",
    "description",
    "sectors",
    "countries",
    "places",
    "supply_chain_role",
    "size_band",
    "website",
    "fair_labour_investments",
    "memberships",
    "stage",
    "tags",
    "notes",
    "media_scan_date",
    "created_at",
    "updated_at",
)
# List fields are written as their elements joined by this (and read back split on ';').
LIST_SEPARATOR = "; "
_LIST_COLUMNS = {"other_names", "sectors", "countries", "memberships", "tags"}
CONTACT_COLUMNS = ("id", "org_id", "org_name", "name", "role", "email", "phone", "notes", "primary")
HEADLINE_COLUMNS = (
    "id",
    "org_id",
    "org_name",
    "date",
    "source",
    "headline",
    "link",
    "tone",
    "note",
)
DICTIONARY_COLUMNS = ("table", "column", "label", "item_number", "question", "option")

# Excel holds at most this many characters in a cell; a longer note is cut there in the
# XLSX (the CSV and the JSON archive keep it whole).
XLSX_CELL_LIMIT = 32_767
_CUT_MARK = " … [cut here: the CSV export and the JSON archive hold the whole text]"
_PROGRESS_EVERY = 2_000


@dataclass
class ExportResult:
    format: Format
    # The file written (xlsx, json) or the folder holding the CSV files.
    path: Path
    files: list[Path]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        parts = ", ".join(f"{count:,} {name}" for name, count in self.counts.items())
        return f"Exported {parts} to {self.path.name}."


# ----- what is exported ---------------------------------------------------------------------


@dataclass
class Table:
    """One table of the export: a name, its columns, and its rows (read lazily)."""

    name: str
    columns: list[str]
    rows: Iterator[list[Any]]
    # A second header of labels, and the same rows as labels, for interview tables.
    labels: list[str] | None = None
    label_rows: list[list[Any]] | None = None


def _joined(text: str) -> str:
    return LIST_SEPARATOR.join(json.loads(text))


def organisation_rows(workspace: Workspace) -> Iterator[list[Any]]:
    columns = ", ".join(ORGANISATION_COLUMNS)
    for row in workspace.db.execute(
        f"SELECT {columns} FROM organisation WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id"
    ):
        yield [
            _joined(value) if name in _LIST_COLUMNS else value
            for name, value in zip(ORGANISATION_COLUMNS, row, strict=True)
        ]


def contact_rows(workspace: Workspace) -> Iterator[list[Any]]:
    for row in workspace.db.execute(
        "SELECT c.id, c.org_id, o.name, c.name, c.role, c.email, c.phone, c.notes, "
        "o.primary_contact_id = c.id FROM contact c JOIN organisation o ON o.id = c.org_id "
        "WHERE c.deleted = 0 AND o.deleted = 0 "
        "ORDER BY o.name COLLATE NOCASE, c.org_id, c.created_at, c.id"
    ):
        yield list(row)


def headline_rows(workspace: Workspace) -> Iterator[list[Any]]:
    for row in workspace.db.execute(
        "SELECT h.id, h.org_id, o.name, h.date, h.source, h.headline, h.link, h.tone, h.note "
        "FROM headline h JOIN organisation o ON o.id = h.org_id "
        "WHERE h.deleted = 0 AND o.deleted = 0 "
        "ORDER BY o.name COLLATE NOCASE, h.org_id, h.date DESC, h.id"
    ):
        yield list(row)


# A deleted organisation's interviews leave the export with it, as they leave the lists.
_LIVE_INTERVIEWS = (
    "i.deleted = 0 AND i.questionnaire_id = ? "
    "AND i.org_id NOT IN (SELECT id FROM organisation WHERE deleted = 1)"
)


def interview_layouts(workspace: Workspace) -> list[WideLayout]:
    """One layout per questionnaire that has interviews, in questionnaire id order."""
    versions: dict[str, list[int]] = {}
    for questionnaire_id, version in workspace.db.execute(
        "SELECT DISTINCT questionnaire_id, questionnaire_version FROM interview "
        "WHERE deleted = 0 ORDER BY 1, 2"
    ):
        versions.setdefault(questionnaire_id, []).append(int(version))
    layouts = []
    for questionnaire_id, numbers in versions.items():
        found: list[Questionnaire] = []
        for number in numbers:
            try:
                found.append(workspace.interviews.questionnaire(questionnaire_id, number))
            except InterviewError as error:  # the answers stay in the JSON archive
                log.warning("export: %s", error)
        if found:
            layouts.append(wide_layout(found))
    return layouts


def interview_rows(
    workspace: Workspace, layout: WideLayout
) -> Iterator[tuple[list[Any], list[Any]]]:
    """The codes and labels rows of a questionnaire's interviews, oldest first."""
    answers: dict[str, dict[str, str]] = {}
    for interview_id, item_id, value in workspace.db.execute(
        "SELECT a.interview_id, a.item_id, a.value FROM answer a "
        f"JOIN interview i ON i.id = a.interview_id WHERE {_LIVE_INTERVIEWS}",
        (layout.questionnaire_id,),
    ):
        answers.setdefault(interview_id, {})[item_id] = value
    empty: dict[str, str] = {}
    for meta in workspace.db.execute(
        f"SELECT {META_SQL} FROM interview i LEFT JOIN organisation o ON o.id = i.org_id "
        f"WHERE {_LIVE_INTERVIEWS} ORDER BY i.started_at, i.id",
        (layout.questionnaire_id,),
    ):
        yield layout.rows(meta, answers.pop(meta[0], empty))


def count_rows(workspace: Workspace) -> dict[str, int]:
    db = workspace.db
    return {
        "organisations": db.execute(
            "SELECT count(*) FROM organisation WHERE deleted = 0"
        ).fetchone()[0],
        "contacts": db.execute(
            "SELECT count(*) FROM contact c JOIN organisation o ON o.id = c.org_id "
            "WHERE c.deleted = 0 AND o.deleted = 0"
        ).fetchone()[0],
        "headlines": db.execute(
            "SELECT count(*) FROM headline h JOIN organisation o ON o.id = h.org_id "
            "WHERE h.deleted = 0 AND o.deleted = 0"
        ).fetchone()[0],
        "interviews": db.execute(
            "SELECT count(*) FROM interview i WHERE i.deleted = 0 "
            "AND i.org_id NOT IN (SELECT id FROM organisation WHERE deleted = 1)"
        ).fetchone()[0],
    }


def dictionary_rows(layouts: list[WideLayout]) -> list[list[Any]]:
    """What every column of the interview tables holds: the codebook."""
    rows: list[list[Any]] = []
    for layout in layouts:
        table = interview_table_name(layout)
        for name, label in META_COLUMNS:
            rows.append([table, name, label, "", "", ""])
        for column in layout.columns:
            rows.append(
                [table, column.name, column.label, column.number, column.question, column.option]
            )
    return rows


def interview_table_name(layout: WideLayout) -> str:
    return f"interviews {layout.questionnaire_id}"


# ----- CSV -------------------------------------------------------------------------------------


def _csv_row(row: list[Any]) -> list[Any]:
    return [defused(v) if v.__class__ is str and v[:1] in FORMULA_STARTS else v for v in row]


class _Counter:
    """Counts rows across tables for the progress report (and the Cancel button)."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.progress = progress

    def step(self, text: str) -> None:
        self.done += 1
        if self.done % _PROGRESS_EVERY == 0:
            report(self.progress, min(self.done, self.total), self.total, text)


def export_csv(
    workspace: Workspace, folder: Path, progress: Progress | None = None
) -> ExportResult:
    """One UTF-8 CSV file per table in ``folder`` (with a byte order mark, so Excel reads
    Thai and Khmer right): organisations, contacts, headlines, each questionnaire's
    interviews with codes and with labels, and the columns they hold."""
    begin = time.perf_counter()
    if folder.exists() and not folder.is_dir():
        raise ExchangeError(f"{folder} is a file: CSV files are written into a folder.")
    folder.mkdir(parents=True, exist_ok=True)
    counts = count_rows(workspace)
    layouts = interview_layouts(workspace)
    counter = _Counter(sum(counts.values()), progress)
    partials: list[tuple[Path, Path]] = []

    def write(name: str, header: list[str], rows: Iterator[list[Any]], what: str) -> None:
        target = folder / f"{safe_file_name(name, fallback='table', stem=True)}.csv"
        partial = target.with_name(target.name + ".partial")
        partials.append((partial, target))
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in rows:
                writer.writerow(_csv_row(row))
                counter.step(what)

    try:
        write("organisations", list(ORGANISATION_COLUMNS), organisation_rows(workspace),
              "Organisations")  # fmt: skip
        write("contacts", list(CONTACT_COLUMNS), contact_rows(workspace), "Contacts")
        write("headlines", list(HEADLINE_COLUMNS), headline_rows(workspace), "Headlines")
        for layout in layouts:
            name = interview_table_name(layout)
            labels: list[list[Any]] = []

            def codes(
                layout: WideLayout = layout, labels: list[list[Any]] = labels
            ) -> Iterator[list[Any]]:
                for code_row, label_row in interview_rows(workspace, layout):
                    labels.append(label_row)
                    yield code_row

            write(name, layout.names, codes(), layout.title)
            write(f"{name} labels", layout.labels, iter(labels), layout.title)
            counter.done -= len(labels)  # the same interviews, counted once
        write("columns", list(DICTIONARY_COLUMNS), iter(dictionary_rows(layouts)), "Columns")
        report(progress, counter.total, counter.total, "Finishing")
    except BaseException:
        for partial, _ in partials:
            partial.unlink(missing_ok=True)
        raise
    for partial, target in partials:
        os.replace(partial, target)
    files = [target for _, target in partials]
    return ExportResult("csv", folder, files, counts, time.perf_counter() - begin)


# ----- XLSX ------------------------------------------------------------------------------------


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", name)[:31]
    title, number = base, 1
    while title.casefold() in used:
        number += 1
        title = f"{base[: 31 - len(str(number)) - 1]}~{number}"
    used.add(title.casefold())
    return title


def export_xlsx(workspace: Workspace, path: Path, progress: Progress | None = None) -> ExportResult:
    """One workbook: a sheet per table (see export_csv), written in openpyxl's write-only
    mode, which streams rows to disk instead of holding 50,000 interviews in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    begin = time.perf_counter()
    if path.is_dir():
        raise ExchangeError(f"{path} is a folder: give the name of the .xlsx file to write.")
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = count_rows(workspace)
    layouts = interview_layouts(workspace)
    counter = _Counter(sum(counts.values()), progress)
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    illegal = ILLEGAL_CHARACTERS_RE.search

    def cell_of(sheet: Any, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if not value:
            return None  # no cell at all: half the time of an empty text cell, same to read
        if illegal(value):  # control characters XML cannot hold
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if len(value) > XLSX_CELL_LIMIT:
            value = value[: XLSX_CELL_LIMIT - len(_CUT_MARK)] + _CUT_MARK
        if value[0] == "=":  # text, never a formula Excel would run
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    def sheet(name: str, header: list[str]) -> Any:
        created = workbook.create_sheet(_sheet_title(name, used))
        created.freeze_panes = "A2"
        created.append(header)
        return created

    def fill(name: str, header: list[str], rows: Iterator[list[Any]], what: str) -> None:
        target = sheet(name, header)
        for row in rows:
            target.append([cell_of(target, value) for value in row])
            counter.step(what)

    partial = path.with_name(path.name + ".partial")
    try:
        fill("organisations", list(ORGANISATION_COLUMNS), organisation_rows(workspace),
             "Organisations")  # fmt: skip
        fill("contacts", list(CONTACT_COLUMNS), contact_rows(workspace), "Contacts")
        fill("headlines", list(HEADLINE_COLUMNS), headline_rows(workspace), "Headlines")
        for layout in layouts:
            name = layout.questionnaire_id
            codes_sheet = sheet(name, layout.names)
            labels_sheet = sheet(f"{name} labels", layout.labels)
            # Write-only sheets each stream to their own temporary file: filled side by side.
            for code_row, label_row in interview_rows(workspace, layout):
                codes_sheet.append([cell_of(codes_sheet, value) for value in code_row])
                labels_sheet.append([cell_of(labels_sheet, value) for value in label_row])
                counter.step(layout.title)
        fill("columns", list(DICTIONARY_COLUMNS), iter(dictionary_rows(layouts)), "Columns")
        report(progress, counter.total, counter.total, "Saving the workbook")
        workbook.save(partial)
    except BaseException:
        _discard_workbook(workbook)
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return ExportResult("xlsx", path, [path], counts, time.perf_counter() - begin)


def _discard_workbook(workbook: Any) -> None:
    """Close a write-only workbook's half-written sheets and delete their temporary files
    (left open, they complain when garbage-collected)."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        try:
            if not sheet.closed:
                sheet.close()
        except Exception:  # already failing: the first error is the one to report
            log.debug("closing a discarded sheet", exc_info=True)
        if writer is not None and isinstance(writer.out, str):
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


# ----- all formats -----------------------------------------------------------------------------


def export_data(
    workspace: Workspace, fmt: str, out: Path | str, *, progress: Progress | None = None
) -> ExportResult:
    """Export the database: ``csv`` into a folder, ``xlsx`` or ``json`` into a file.

    Raises ExchangeError (with a message for the user) when the destination is unusable,
    ExchangeCancelledError when ``progress`` asked to stop.
    """
    out = Path(out)
    try:
        # One read transaction: every table is read from the same state of the file, even
        # when the window writes to it while the export runs in the background.
        with workspace.db.atomic():
            if fmt == "csv":
                return export_csv(workspace, out, progress)
            if fmt == "xlsx":
                return export_xlsx(workspace, out, progress)
            if fmt == "json":
                from ctip_desktop.exchange.archive import export_archive

                return export_archive(workspace, out, progress)
    except OSError as error:
        raise ExchangeError(
            f"Could not write {out}: {error.strerror or error}. Nothing was exported."
        ) from error
    raise ExchangeError(f"Unknown export format {fmt!r} (csv, xlsx or json).")
