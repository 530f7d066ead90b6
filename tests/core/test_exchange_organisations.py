"""Organisations from CSV and XLSX: mapping guessed, rows checked, rejected rows explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ctip_desktop.exchange import ExchangeError, UnreadableTableError, export_data
from ctip_desktop.exchange.organisations import (
    apply_organisation_import,
    guess_mapping,
    plan_organisation_import,
    read_organisations,
)
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

PARTNER_CSV = (
    "Company Name,Country,Sector,Website,Size,Remarks,Internal code\n"
    "บริษัท สยาม ซีฟู้ด จำกัด,Thailand,Fishing and seafood,siamseafood.example,"
    "large (250-999 workers),Met at the fair,A1\n"
    'ក្រុមហ៊ុន អង្គរ កាត់ដេរ,Cambodia; Vietnam,"Garment, apparel and footwear",,,,A2\n'
    ",Thailand,,,,no name here,A3\n"
    "Mekong Rice,Vietnam,Agriculture,not a web address,,,A4\n"
    "Golden Lotus Seafood,Thailand,,,,already in the database,A5\n"
    "บริษัท สยาม ซีฟู้ด จำกัด,Thailand,,,,twice in the file,A6\n"
    "Too,Many,Cells,In,This,Row,A7,extra\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_mapping_is_guessed_from_partner_headers() -> None:
    headers = ["Company Name", "Country", "Sector", "Website", "Size", "Remarks", "Internal code"]
    assert guess_mapping(headers) == [
        "name",
        "countries",
        "sectors",
        "website",
        "size_band",
        "notes",
        "",
    ]


def test_csv_rows_are_imported_or_rejected_with_row_number_and_reason(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    path = write(tmp_path, "partners.csv", PARTNER_CSV.encode("utf-8"))
    plan = plan_organisation_import(workspace, read_organisations(path))
    assert [number for number, _ in plan.accepted] == [2, 3]
    reasons = dict(plan.rejected)
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert "needs a name" in reasons[4]
    assert "web address" in reasons[5]
    assert "Golden Lotus Seafood" in reasons[6] and "already" in reasons[6]
    assert "row 2" in reasons[7]
    assert "8 cells" in reasons[8]
    before = workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]
    ids = apply_organisation_import(workspace, plan)
    assert len(ids) == 2
    thai = workspace.profiles.get(ids[0])
    assert thai is not None
    assert thai.name == "บริษัท สยาม ซีฟู้ด จำกัด"
    assert thai.website == "https://siamseafood.example"
    assert thai.size_band == "Large (250-999 workers)"  # matched ignoring case
    assert thai.notes == "Met at the fair"
    khmer = workspace.profiles.get(ids[1])
    assert khmer is not None and khmer.countries == ["Cambodia", "Vietnam"]
    assert khmer.sectors == ["Garment, apparel and footwear"]
    # One action: one Undo takes the whole import back.
    assert workspace.db.execute("SELECT count(DISTINCT tx) FROM change").fetchone()[0] == 2
    assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] > before
    assert workspace.log.undo() is not None
    assert {row.name for row in workspace.profiles.list()} == {"Golden Lotus Seafood"}


def test_a_second_import_of_the_same_file_changes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, "partners.csv", PARTNER_CSV.encode("utf-8-sig"))
    apply_organisation_import(
        workspace, plan_organisation_import(workspace, read_organisations(path))
    )
    before = workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]
    again = plan_organisation_import(workspace, read_organisations(path))
    assert again.accepted == []
    assert apply_organisation_import(workspace, again) == []
    assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == before


def test_a_mapping_chosen_by_hand_is_used(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", b"Code,Label\nA1,Andaman Nets\n")
    table = read_organisations(path)
    with pytest.raises(ExchangeError, match="name"):
        plan_organisation_import(workspace, table)
    plan = plan_organisation_import(workspace, table, ["tags", "name"])
    assert [(org.name, org.tags) for _, org in plan.accepted] == [("Andaman Nets", ["A1"])]
    with pytest.raises(ExchangeError, match="same field"):
        plan_organisation_import(workspace, table, ["name", "name"])


def test_a_file_that_is_not_utf8_gets_a_clear_message(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "thai.csv", "name\nบริษัท ทดสอบ\n".encode("cp874"))
    with pytest.raises(UnreadableTableError, match=r"not UTF-8.*CSV UTF-8"):
        read_organisations(path)


def test_utf16_from_excel_and_semicolons_are_read(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "u.csv", "Organisation;Country\nសាលា ខ្មែរ;Cambodia\n".encode("utf-16"))
    plan = plan_organisation_import(workspace, read_organisations(path))
    assert [(org.name, org.countries) for _, org in plan.accepted] == [("សាលា ខ្មែរ", ["Cambodia"])]


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("empty.csv", b"", "empty"),
        ("fake.xlsx", b"name\nA\n", "not an Excel workbook"),
        ("broken.xlsx", b"PK\x03\x04garbage", "cannot be read as an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel file"),
        ("db.csv", b"SQLite format 3\x00" + b"\x00" * 100, "NUL bytes"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, data: bytes, why: str
) -> None:
    with pytest.raises(UnreadableTableError, match=why):
        read_organisations(write(tmp_path, name, data))


def test_broken_quoting_is_reported_and_the_rows_before_kept(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, "q.csv", b'name,notes\nGood Co,fine\nBad Co,"unclosed\n')
    plan = plan_organisation_import(workspace, read_organisations(path))
    assert [org.name for _, org in plan.accepted] == ["Good Co"]
    assert any("malformed" in reason for _, reason in plan.rejected)


def test_xlsx_organisations_sheet_of_an_export_imports_into_another_database(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.profiles.save(
        Organisation(name="Andaman Nets", sectors=["Fishing and seafood"], stage="Researched")
    )
    export_data(workspace, "xlsx", tmp_path / "all.xlsx")
    other = open_workspace(tmp_path / "other.db", Settings(device_id="9" * 32))
    try:
        plan = plan_organisation_import(other, read_organisations(tmp_path / "all.xlsx"))
        assert plan.rejected == []
        apply_organisation_import(other, plan)
        (row,) = other.profiles.list()
        assert (row.name, row.sectors, row.stage) == (
            "Andaman Nets",
            ["Fishing and seafood"],
            "Researched",
        )
    finally:
        other.close()


def test_an_xlsx_written_by_hand_is_read(workspace: Workspace, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Company", "Workers", "Stage"])
    sheet.append(["Bago Rice Mill", "Small (10-49 workers)", "identified"])
    sheet.append([None, None, None])
    sheet.append([12345, None, "no such stage"])
    workbook.save(tmp_path / "hand.xlsx")
    plan = plan_organisation_import(workspace, read_organisations(tmp_path / "hand.xlsx"))
    assert [(o.name, o.size_band, o.stage) for _, o in plan.accepted] == [
        ("Bago Rice Mill", "Small (10-49 workers)", "Identified")
    ]
    assert [number for number, _ in plan.rejected] == [4]
    assert "Stage must be one of" in plan.rejected[0][1]


def test_names_differing_in_punctuation_and_legal_form_are_the_same_organisation(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.profiles.save(Organisation(name="Auspicious Cloud Logistics Co., Ltd."))
    path = write(
        tmp_path,
        "near.csv",
        b"name,country\nAuspicious Cloud Logistics Co Ltd,Thailand\nMekong Rice Co Ltd,Vietnam\n"
        b'"  mekong   rice, ltd.  ",Vietnam\n',
    )
    plan = plan_organisation_import(workspace, read_organisations(path))
    assert [org.name for _, org in plan.accepted] == ["Mekong Rice Co Ltd"]
    existing = "“Auspicious Cloud Logistics Co., Ltd.”"
    assert plan.rejected == [
        (2, f"{existing} is in the database already (not imported again)"),
        (4, "the same name as row 3"),
    ]
