"""Reading a CSV or XLSX file as a table of text cells, never trusting it.

An encoding that is not UTF-8 (or UTF-16 with its byte order mark), a damaged workbook, or a
file without a header row or without rows is refused with a message saying what to do; a
malformed row (more cells than the header, broken quoting) is reported with its row number
and the rest read. Row numbers are the ones a spreadsheet shows: the header is row 1. A ZIP
of CSV files (ODK Central's download of submissions) is read from its main CSV file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctip_desktop.exchange.errors import UnreadableTableError

log = logging.getLogger(__name__)

MAX_TABLE_BYTES = 512 * 1024**2
# csv's default is 128 KB; a long field note is up to 200,000 characters.
csv.field_size_limit(4 * 1024**2)


# A cell starting with one of these is a formula to Excel and LibreOffice when they open a
# CSV file ("=HYPERLINK(...)", "+cmd|...", "@SUM(...)"): the data come from partners' files,
# ODK submissions and web pages, so such text is written with a "'" in front, which keeps it
# text. Plain numbers and phone numbers ("-5", "+66 81 234 5678": digits, spaces and
# ().-/ only) cannot call anything and stay as they are. Importing a CSV file takes the "'"
# off again (``undefused``).
FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER_OR_PHONE = re.compile(r"[+-]?[0-9][0-9 ().\-/]*")


def defused(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs as a formula (see FORMULA_STARTS)."""
    if text[:1] in FORMULA_STARTS and not _NUMBER_OR_PHONE.fullmatch(text):
        return "'" + text
    return text


def undefused(text: str) -> str:
    """A CSV cell as it was before ``defused``."""
    if text[:1] == "'" and defused(text[1:]) == text:
        return text[1:]
    return text


@dataclass(frozen=True)
class TableRow:
    number: int
    cells: list[str]

    def get(self, column: int) -> str:
        return self.cells[column] if 0 <= column < len(self.cells) else ""


@dataclass
class Table:
    name: str
    headers: list[str]
    rows: list[TableRow]
    # (row number, why) for rows that could not be read.
    problems: list[tuple[int, str]] = field(default_factory=list)

    def column(self, header: str) -> int:
        """The index of a header (exact, then ignoring case and spaces), -1 if absent."""
        if header in self.headers:
            return self.headers.index(header)
        wanted = header.strip().casefold()
        for index, name in enumerate(self.headers):
            if name.strip().casefold() == wanted:
                return index
        return -1


def _decode(name: str, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UnreadableTableError(
            f"{name} is not UTF-8 text (an unexpected byte on line {line}). Save it again as "
            "“CSV UTF-8” (Excel: File ▸ Save As ▸ CSV UTF-8; LibreOffice: Character set "
            "Unicode (UTF-8)), then import it again. Nothing was imported."
        ) from None


def _delimiter(text: str) -> str:
    """The separator of a CSV text: whichever of comma, semicolon (Excel in many locales,
    KoboToolbox) and tab the header line holds most of, outside quotes.

    Only the separator is guessed. The rest is Excel's dialect, as every spreadsheet and
    Python's csv writer use it: a quote inside a quoted cell is doubled (``""``). Guessing
    the quoting too (csv.Sniffer) misreads doubled quotes and splits rows apart.
    """
    header = text.split("\n", 1)[0]
    outside = "".join(header.split('"')[::2])  # drop what is inside quotes
    counts = {separator: outside.count(separator) for separator in ",;\t"}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _csv_table(name: str, text: str) -> Table:
    if "\x00" in text:
        raise UnreadableTableError(
            f"{name} holds NUL bytes: it is not a CSV text file (is it a workbook or a "
            "database?). Nothing was imported."
        )
    reader = csv.reader(
        io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text), strict=True
    )
    headers: list[str] | None = None
    rows: list[TableRow] = []
    problems: list[tuple[int, str]] = []
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The row that failed is the one after the last read: where its quote opened.
            problems.append((number + 1, f"malformed ({error}): the rest of the file was not read"))
            break
        number += 1
        if headers is None:
            if not any(c.strip() for c in cells):
                continue
            headers = [c.strip() for c in cells]
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
            problems.append(
                (number, f"has {len(cells)} cells but the header has {len(headers)} columns")
            )
            continue
        cells = cells[: len(headers)]
        if any(cell[:1] == "'" for cell in cells):
            cells = [undefused(cell) for cell in cells]
        rows.append(TableRow(number, cells))
    if headers is None:
        raise UnreadableTableError(
            f"{name} is empty: there is no header row. Nothing was imported."
        )
    return Table(name, headers, rows, problems)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_table(path: Path, prefer_sheet: str) -> Table:
    from openpyxl import load_workbook

    name = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zip, XML or openpyxl errors: all mean the same to the user
        log.warning("cannot read workbook %s: %r", path, error)
        raise UnreadableTableError(
            f"{name} cannot be read as an Excel workbook (.xlsx): it is damaged or of another "
            "kind. Nothing was imported."
        ) from error
    try:
        titles = {title.casefold(): title for title in workbook.sheetnames}
        sheet = workbook[titles.get(prefer_sheet.casefold(), workbook.sheetnames[0])]
        headers: list[str] | None = None
        rows: list[TableRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            cells = [_cell_text(v) for v in values]
            if headers is None:
                if any(c.strip() for c in cells):
                    headers = [c.strip() for c in cells]
                    while headers and not headers[-1]:
                        headers.pop()
                continue
            if any(c.strip() for c in cells):
                rows.append(TableRow(number, cells[: len(headers)]))
    except Exception as error:
        log.warning("cannot read workbook %s: %r", path, error)
        raise UnreadableTableError(
            f"{name} is damaged (its sheet could not be read through). Nothing was imported."
        ) from error
    finally:
        workbook.close()
    if not headers:
        raise UnreadableTableError(
            f"{name} is empty: there is no header row. Nothing was imported."
        )
    return _with_rows(Table(name, headers, rows, []))


def read_table(path: Path | str, *, prefer_sheet: str = "") -> Table:
    """Read a .csv (or .txt/.tsv) or .xlsx file; UnreadableTableError says why not."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise UnreadableTableError(f"There is no file {path}.")
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise UnreadableTableError(f"{name} is {size / 1024**2:,.0f} MB: too large to import.")
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as error:
        raise UnreadableTableError(f"{name} cannot be read: {error.strerror or error}.") from error
    if start.startswith(b"PK\x03\x04"):
        zipped = _zipped_csv(path)
        return zipped if zipped is not None else _xlsx_table(path, prefer_sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise UnreadableTableError(
            f"{name} is not an Excel workbook (.xlsx) although its name says so. "
            "Nothing was imported."
        )
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableTableError(
            f"{name} is an old Excel file (.xls): save it as .xlsx or CSV UTF-8 first. "
            "Nothing was imported."
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableTableError(f"{name} cannot be read: {error.strerror or error}.") from error
    return _with_rows(_csv_table(name, _decode(name, raw)))


def _with_rows(table: Table) -> Table:
    if not table.rows and not table.problems:
        raise UnreadableTableError(
            f"{table.name} has a header row but no rows below it: there is nothing to import."
        )
    return table


def _zipped_csv(path: Path) -> Table | None:
    """The main table of a ZIP of CSV files (ODK Central's default download of submissions:
    ``<form id>.csv``, with a ``<form id>-<group>.csv`` per repeat group); None when the ZIP
    is a workbook (or not a readable ZIP: the workbook reader then says it is damaged)."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [e for e in archive.infolist() if not e.is_dir()]
            if any(e.filename == "[Content_Types].xml" for e in entries):
                return None  # an Office file
            tables = [e for e in entries if e.filename.lower().endswith((".csv", ".tsv"))]
            if not tables:
                raise UnreadableTableError(
                    f"{name} is a ZIP archive without a CSV file or workbook in it. Unzip it "
                    "and import the CSV file of the submissions. Nothing was imported."
                )
            # The main table's name is the start of the others' (repeat groups).
            main = min(tables, key=lambda e: (len(e.filename), e.filename))
            if main.file_size > MAX_TABLE_BYTES:
                raise UnreadableTableError(
                    f"{main.filename} in {name} is {main.file_size / 1024**2:,.0f} MB: "
                    "too large to import."
                )
            raw = archive.read(main)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as error:
        log.warning("cannot read %s as a ZIP of CSV files: %r", path, error)
        return None
    inner = f"{main.filename.rsplit('/', 1)[-1]} (in {name})"
    return _with_rows(_csv_table(inner, _decode(inner, raw)))
