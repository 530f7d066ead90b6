"""Reading CSV files as spreadsheets and ODK Central write them: quotes doubled inside
quoted cells, line breaks in notes, ZIP downloads, files with a header and nothing else."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from ctip_desktop.exchange.errors import UnreadableTableError
from ctip_desktop.exchange.tables import read_table


def written(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_doubled_quotes_formulas_and_commas_in_cells_are_read_as_written(
    tmp_path: Path, delimiter: str
) -> None:
    rows = [
        ["name", "website", "notes"],
        ['Acme "Best" Ltd', '=HYPERLINK("https://acme.example","x")', "we will, maybe; or not"],
        ["Plain Co", "", 'He said "no"\tthen left'],
    ]
    path = tmp_path / "quotes.csv"
    path.write_bytes(written(rows, delimiter))
    table = read_table(path)
    assert table.problems == []
    assert table.headers == rows[0]
    assert [row.cells for row in table.rows] == rows[1:]


def test_a_quote_left_open_is_reported_on_the_row_where_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_bytes(b'name,notes\nGood Co,"two\nlines"\nBad Co,"never closed\nmore\nand more\n')
    table = read_table(path)
    assert [row.cells for row in table.rows] == [["Good Co", "two\nlines"]]
    ((number, why),) = table.problems
    assert number == 3 and "malformed" in why


def test_a_header_without_rows_says_there_is_nothing_to_import(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_bytes(b"name,country\n\n")
    with pytest.raises(UnreadableTableError, match="no rows"):
        read_table(path)


def test_odk_central_zip_download_is_read_from_its_main_csv(tmp_path: Path) -> None:
    path = tmp_path / "form.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pse-outreach-example-2-contacts.csv", b"PARENT_KEY,name\nk,x\n")
        archive.writestr("pse-outreach-example-2.csv", written([["KEY", "a"], ["k1", "1"]]))
        archive.writestr("media/photo.jpg", b"\xff\xd8")
    table = read_table(path)
    assert table.headers == ["KEY", "a"]
    assert [row.cells for row in table.rows] == [["k1", "1"]]
    assert table.name == "pse-outreach-example-2.csv (in form.zip)"


def test_a_zip_without_a_table_asks_to_unzip_it(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("media/photo.jpg", b"\xff\xd8")
    with pytest.raises(UnreadableTableError, match="Unzip it"):
        read_table(path)
