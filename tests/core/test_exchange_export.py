"""Export as CSV, XLSX and JSON; the JSON archive imported back is the same database."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ctip_desktop.demo import generate_demo
from ctip_desktop.exchange import ArchiveError, export_data, import_archive
from ctip_desktop.exchange.wide import META_NAMES
from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Contact, Headline, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

EXAMPLE_2 = "pse-outreach-example-2"
# Tables derived from the log (and the log itself): what "the same content" means.
CONTENT_TABLES = (
    "change",
    "organisation",
    "contact",
    "headline",
    "interview",
    "answer",
    "correction",
    "questionnaire_snapshot",
    "recommendation_decision",
    "follow_up",
    "field_conflict",
    "device_clock",
)


def table_content(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    db = workspace.db
    content = {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in CONTENT_TABLES}
    # The search index, by organisation id (rowids differ between files).
    content["organisation_fts"] = sorted(
        db.execute(
            "SELECT o.id, f.name, f.other_names, f.notes, f.headlines, f.details "
            "FROM organisation_fts f JOIN organisation o ON o.rowid = f.rowid"
        ).fetchall()
    )
    return content


def whole_dump(workspace: Workspace) -> list[str]:
    return list(workspace.db.conn.iterdump())


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    """Demo data, a Thai organisation with a formula-looking note, a correction and a
    deleted record: every kind of change the log holds."""
    generate_demo(workspace, 12, 7, None, interviews_per_org=2)
    org_id = workspace.profiles.save(
        Organisation(
            name="บริษัท ทดสอบ จำกัด",
            other_names=["Test Co."],
            notes="=1+1 is not a formula",
            contacts=[Contact(name="សុខ ដារ៉ា", email="dara@example.org", primary=True)],
            headlines=[Headline(headline="Factory reopens", date="2026-01-05")],
        )
    )
    store = workspace.interviews
    questionnaire = builtin_questionnaires().latest(EXAMPLE_2)
    interview_id = store.start(
        org_id, questionnaire, InterviewDetails(started_at="2026-02-01T10:00"), interviewer="Dara"
    )
    store.save_answer(interview_id, "supply_chain_effect", 7)
    store.save_answer(
        interview_id,
        "hindering_factors",
        {"selected": ["sick"], "other": True, "other_text": "Floods"},
    )
    store.complete(interview_id)
    store.correct(interview_id, "typo", {"supply_chain_effect": 8})
    doomed = workspace.profiles.save(Organisation(name="To be deleted"))
    workspace.profiles.delete(doomed)
    return workspace


def test_json_archive_imported_into_a_fresh_database_is_identical(
    filled: Workspace, tmp_path: Path
) -> None:
    archive = tmp_path / "everything.json"
    result = export_data(filled, "json", archive)
    assert (
        result.counts["changes"] == filled.db.execute("SELECT count(*) FROM change").fetchone()[0]
    )
    json.loads(archive.read_text(encoding="utf-8"))  # ordinary JSON, for any other tool
    fresh = open_workspace(tmp_path / "fresh.db", Settings(device_id="f" * 32))
    try:
        imported = import_archive(fresh, archive, backup=False)
        assert imported.status == "merged"
        assert imported.new_changes == result.counts["changes"]
        assert table_content(fresh) == table_content(filled)
        before = whole_dump(fresh)
        again = import_archive(fresh, archive, backup=False)
        assert again.status == "nothing new"
        assert whole_dump(fresh) == before  # not even a line in the merge history
    finally:
        fresh.close()


def test_archive_import_into_a_database_with_other_records_adds_and_keeps_both(
    filled: Workspace, tmp_path: Path, other_device: Settings
) -> None:
    archive = tmp_path / "a.json"
    export_data(filled, "json", archive)
    other = open_workspace(tmp_path / "other.db", other_device)
    try:
        mine = other.profiles.save(Organisation(name="Only here"))
        import_archive(other, archive, backup=False)
        names = {row.name for row in other.profiles.list()}
        assert "Only here" in names and "บริษัท ทดสอบ จำกัด" in names
        assert other.profiles.get(mine) is not None
    finally:
        other.close()


def test_an_altered_archive_is_refused_and_the_database_is_unchanged(
    filled: Workspace, tmp_path: Path, other_device: Settings
) -> None:
    archive = tmp_path / "a.json"
    export_data(filled, "json", archive)
    lines = archive.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[5].rstrip(","))
    row[5] = json.dumps("forged", ensure_ascii=False)  # the value no longer matches the id
    lines[5] = json.dumps(row, ensure_ascii=False) + ","
    altered = tmp_path / "altered.json"
    altered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = open_workspace(tmp_path / "target.db", other_device)
    try:
        target.profiles.save(Organisation(name="Kept"))
        before = whole_dump(target)
        with pytest.raises(ArchiveError, match=r"altered\.json"):
            import_archive(target, altered, backup=False)
        assert whole_dump(target) == before
    finally:
        target.close()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (b"\xff\xfe not utf-8 \x80", "not UTF-8"),
        (b'{"format": "something else"}', "ctip-archive"),
        (b"[1, 2", "not JSON"),
    ],
)
def test_malformed_archives_get_a_clear_message(
    workspace: Workspace, tmp_path: Path, text: bytes, why: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(text)
    before = whole_dump(workspace)
    with pytest.raises(ArchiveError, match=why):
        import_archive(workspace, path, backup=False)
    assert whole_dump(workspace) == before


def test_a_cut_short_archive_is_refused(filled: Workspace, tmp_path: Path) -> None:
    archive = tmp_path / "a.json"
    export_data(filled, "json", archive)
    data = archive.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) // 2].rsplit(b"\n", 1)[0] + b"\n")
    fresh = open_workspace(tmp_path / "fresh.db", Settings(device_id="f" * 32))
    try:
        with pytest.raises(ArchiveError, match="ends early"):
            import_archive(fresh, cut, backup=False)
        assert fresh.db.execute("SELECT count(*) FROM change").fetchone()[0] == 0
    finally:
        fresh.close()


def test_xlsx_has_the_wide_layout_with_codes_labels_and_one_column_per_option(
    filled: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "export.xlsx"
    result = export_data(filled, "xlsx", path)
    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames[:3] == ["organisations", "contacts", "headlines"]
    assert EXAMPLE_2 in workbook.sheetnames and f"{EXAMPLE_2} labels" in workbook.sheetnames
    rows = list(workbook[EXAMPLE_2].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[: len(META_NAMES)] == list(META_NAMES)
    for column in (
        "identification/organisation",
        "supply_chain_effect",
        "hindering_factors",
        "hindering_factors/travel_restrictions",
        "hindering_factors/sick",
        "hindering_factors/other",
        "hindering_factors_other",
        "partnership_resources/financial_support",
    ):
        assert column in header
    interviews = filled.db.execute(
        "SELECT count(*) FROM interview WHERE deleted = 0 AND questionnaire_id = ?", (EXAMPLE_2,)
    ).fetchone()[0]
    assert len(rows) - 1 == interviews
    thai = next(r for r in rows[1:] if r[header.index("org_name")] == "บริษัท ทดสอบ จำกัด")
    assert thai[header.index("supply_chain_effect")] == 8  # the corrected value
    assert thai[header.index("hindering_factors")] == "sick other"
    assert thai[header.index("hindering_factors/sick")] == 1
    assert thai[header.index("hindering_factors/travel_restrictions")] == 0
    assert thai[header.index("hindering_factors_other")] == "Floods"
    labels = list(workbook[f"{EXAMPLE_2} labels"].iter_rows(values_only=True))
    assert (
        "3. Degree to which COVID-19 has affected their supply chain (scale from 1-10)"
        in (labels[0])
    )
    assert not any(" / Travel restrictions" in str(h) for h in labels[0])  # one per item
    thai_labels = next(r for r in labels[1:] if r[2] == "บริษัท ทดสอบ จำกัด")
    assert "Sick; Other: Floods" in thai_labels
    organisations = list(workbook["organisations"].iter_rows(values_only=True))
    assert len(organisations) - 1 == result.counts["organisations"]
    noted = next(r for r in organisations if r[1] == "บริษัท ทดสอบ จำกัด")
    assert noted[organisations[0].index("notes")] == "=1+1 is not a formula"  # text, not a formula
    assert "To be deleted" not in {r[1] for r in organisations}
    contacts = list(workbook["contacts"].iter_rows(values_only=True))
    assert any(r[3] == "សុខ ដារ៉ា" for r in contacts)
    workbook.close()


def test_csv_files_are_utf8_with_a_byte_order_mark(filled: Workspace, tmp_path: Path) -> None:
    result = export_data(filled, "csv", tmp_path / "out")
    names = {p.name for p in result.files}
    assert {"organisations.csv", "contacts.csv", "headlines.csv", "columns.csv"} <= names
    assert f"interviews {EXAMPLE_2}.csv" in names
    raw = (tmp_path / "out" / "organisations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "out" / "organisations.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    thai = next(r for r in rows if r["name"] == "บริษัท ทดสอบ จำกัด")
    assert thai["other_names"] == "Test Co."
    assert not list((tmp_path / "out").glob("*.partial"))


def test_a_cancelled_export_leaves_no_file(filled: Workspace, tmp_path: Path) -> None:
    from ctip_desktop.exchange import ExchangeCancelledError

    out = tmp_path / "out"
    out.mkdir()
    for fmt, target in (("json", out / "a.json"), ("xlsx", out / "a.xlsx"), ("csv", out / "csv")):
        with pytest.raises(ExchangeCancelledError):
            export_data(filled, fmt, target, progress=lambda done, total, text: False)
    assert [p.name for p in out.rglob("*") if p.is_file()] == []


def test_export_into_a_folder_named_like_the_file_is_refused(
    filled: Workspace, tmp_path: Path
) -> None:
    from ctip_desktop.exchange import ExchangeError

    (tmp_path / "x.xlsx").mkdir()
    with pytest.raises(ExchangeError, match="is a folder"):
        export_data(filled, "xlsx", tmp_path / "x.xlsx")


def test_an_archive_reformatted_by_another_tool_still_imports(
    filled: Workspace, tmp_path: Path
) -> None:
    archive = tmp_path / "a.json"
    export_data(filled, "json", archive)
    indented = tmp_path / "indented.json"
    data = json.loads(archive.read_text(encoding="utf-8"))
    indented.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    fresh = open_workspace(tmp_path / "fresh.db", Settings(device_id="f" * 32))
    try:
        assert import_archive(fresh, indented, backup=False).status == "merged"
        assert table_content(fresh) == table_content(filled)
    finally:
        fresh.close()


def test_csv_cells_excel_would_run_as_formulas_are_written_as_text(
    workspace: Workspace, tmp_path: Path
) -> None:
    from ctip_desktop.exchange.organisations import plan_organisation_import, read_organisations

    risky = {
        "name": '=HYPERLINK("https://evil.example","Click")',
        "description": "+cmd|' /C calc'!A0",
        "places": "-2+3+cmd|' /C calc'!A0",
        "fair_labour_investments": "@SUM(1+1)*cmd|' /C calc'!A0",
        "notes": "\t=1+1",
    }
    workspace.profiles.save(
        Organisation(
            **risky,
            tags=["-5"],
            contacts=[Contact(name="Khun Malee", phone="+66 81 234 5678")],
        )
    )
    export_data(workspace, "csv", tmp_path / "out")
    with (tmp_path / "out" / "organisations.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    for column, text in risky.items():
        assert row[column] == "'" + text, column
    assert row["tags"] == "-5"  # a plain number stays a number
    with (tmp_path / "out" / "contacts.csv").open(encoding="utf-8-sig", newline="") as f:
        (contact,) = list(csv.DictReader(f))
    assert contact["phone"] == "+66 81 234 5678"  # and a phone number stays as it is
    # Imported again (into another database), the text is what it was.
    other = open_workspace(tmp_path / "other.db", Settings(device_id="9" * 32))
    try:
        plan = plan_organisation_import(
            other, read_organisations(tmp_path / "out" / "organisations.csv")
        )
        ((_, imported),) = plan.accepted
        assert imported.name == risky["name"] and imported.description == risky["description"]
        assert imported.notes == risky["notes"] and imported.places == risky["places"]
    finally:
        other.close()


def test_a_write_during_an_export_does_not_mix_two_states_of_the_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctip_desktop.exchange import export

    org_id = workspace.profiles.save(
        Organisation(name="Andaman Nets", contacts=[Contact(name="Khun Malee")])
    )
    monkeypatch.setattr(export, "_PROGRESS_EVERY", 1)
    colleague = open_workspace(workspace.path, Settings(device_id="8" * 32), create=False)
    written: list[str] = []

    def progress(_done: int, _total: int, _text: str) -> bool:
        if not written:  # after the first organisation row: the window saves a contact
            profile = colleague.profiles.get(org_id)
            assert profile is not None
            profile.contacts.append(Contact(name="Khun Somchai"))
            written.append(colleague.profiles.save(profile))
        return True

    try:
        result = export_data(workspace, "csv", tmp_path / "out", progress=progress)
    finally:
        colleague.close()
    assert written
    with (tmp_path / "out" / "contacts.csv").open(encoding="utf-8-sig", newline="") as f:
        contacts = [row["name"] for row in csv.DictReader(f)]
    assert contacts == ["Khun Malee"] and result.counts["contacts"] == 1
    assert [c.name for c in workspace.profiles.get(org_id).contacts] == [  # type: ignore[union-attr]
        "Khun Malee",
        "Khun Somchai",
    ]
