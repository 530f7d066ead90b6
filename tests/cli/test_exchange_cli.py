"""ctip export, ctip import and ctip xlsform."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ctip_desktop.cli import main
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def org_names(path: Path) -> list[str]:
    workspace = open_workspace(path, Settings(device_id="c" * 32), create=False)
    try:
        return sorted(row.name for row in workspace.profiles.list())
    finally:
        workspace.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "ann.db"
    workspace = open_workspace(path, Settings(device_id="a" * 32, interviewer_name="Ann"))
    for name in ("Golden Lotus Seafood", "ក្រុមហ៊ុន អង្គរ"):
        workspace.profiles.save(Organisation(name=name, countries=["Cambodia"]))
    workspace.close()
    return path


def test_export_json_then_import_into_an_empty_database(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "all.json"
    exported = run(
        capsys, "export", "--db", str(database), "--format", "json", "--out", str(archive)
    )
    assert exported.code == 0, exported.err
    assert exported.out.strip() == str(archive)
    assert json.loads(archive.read_text(encoding="utf-8"))["format"] == "ctip-archive"
    empty = tmp_path / "empty.db"
    assert run(capsys, "init", "--db", str(empty)).code == 0
    imported = run(capsys, "import", "--db", str(empty), str(archive))
    assert imported.code == 0, imported.err
    assert "Imported all.json" in imported.out
    assert org_names(empty) == org_names(database)
    again = run(capsys, "import", "--db", str(empty), str(archive))
    assert again.code == 0 and "nothing new" in again.out


def test_export_xlsx_and_csv(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    book = tmp_path / "all.xlsx"
    assert (
        run(capsys, "export", "--db", str(database), "--format", "xlsx", "--out", str(book)).code
        == 0
    )
    workbook = load_workbook(book, read_only=True)
    names = [row[1] for row in workbook["organisations"].iter_rows(min_row=2, values_only=True)]
    workbook.close()
    assert sorted(names) == org_names(database)
    folder = tmp_path / "csv"
    result = run(capsys, "export", "--db", str(database), "--format", "csv", "--out", str(folder))
    assert result.code == 0
    assert (folder / "organisations.csv").exists() and "organisations.csv" in result.out


def test_import_organisations_csv_reports_rejected_rows(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    source = tmp_path / "partners.csv"
    source.write_text("Company,Website\nAndaman Nets,andaman.example\n,x\n", encoding="utf-8")
    result = run(capsys, "import", "--db", str(database), str(source))
    assert result.code == 1  # some rows were rejected: scripts can tell
    assert "1 organisation(s) imported, 1 row(s) rejected" in result.out
    assert "row 3: The organisation needs a name." in result.out
    assert "Andaman Nets" in org_names(database)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("latin1.csv", "name\nCafé Ltd\n".encode("latin-1"), "not UTF-8"),
        ("bad.json", b'{"format": "other"}', "not a CTIP Outreach Desk archive"),
        ("broken.xlsx", b"PK\x03\x04nonsense", "Excel workbook"),
    ],
)
def test_bad_import_files_get_one_line_and_leave_the_database_unchanged(
    capsys: pytest.CaptureFixture[str],
    database: Path,
    tmp_path: Path,
    name: str,
    data: bytes,
    message: str,
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    before = digest(database)
    result = run(capsys, "import", "--db", str(database), str(source))
    assert result.code == 1
    assert result.err.startswith("ctip: ") and message in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert digest(database) == before


def test_import_of_a_missing_file(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    result = run(capsys, "import", "--db", str(database), "/no/such/file.csv")
    assert result.code == 1 and result.err == "ctip: There is no file /no/such/file.csv.\n"


def test_export_to_an_unusable_place_is_one_line(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    (tmp_path / "taken.xlsx").mkdir()
    result = run(
        capsys,
        "export",
        "--db",
        str(database),
        "--format",
        "xlsx",
        "--out",
        str(tmp_path / "taken.xlsx"),
    )
    assert result.code == 1 and result.err.startswith("ctip: ") and "folder" in result.err


def test_xlsform_writes_a_form_pyxform_converts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from pyxform.xls2xform import convert

    out = tmp_path / "example2.xlsx"
    result = run(capsys, "xlsform", "--questionnaire", "pse-outreach-example-2", "--out", str(out))
    assert result.code == 0 and result.out.strip() == str(out)
    assert '<data id="pse-outreach-example-2" version="1">' in convert(str(out)).xform
    unknown = run(capsys, "xlsform", "--questionnaire", "nope", "--out", str(out))
    assert unknown.code == 1
    assert unknown.err.startswith("ctip: There is no questionnaire 'nope'")
