"""Profile validation, completeness, search, filters and duplicate hints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ctip_desktop.profiles import (
    Contact,
    Headline,
    Organisation,
    OrganisationFilter,
    ValidationError,
)
from ctip_desktop.profiles.model import MAX_LONG_TEXT
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace


# Runs on a plain and on an encrypted database (the `passphrase` fixture, tests/conftest.py).
@pytest.fixture
def workspace(tmp_path: Path, settings: Settings, passphrase: str | None) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "test.db", settings, passphrase=passphrase)
    yield workspace
    workspace.close()


def fields_of(error: ValidationError) -> set[str]:
    return {p.field for p in error.problems}


class TestValidation:
    def test_name_is_required(self):
        with pytest.raises(ValidationError) as raised:
            Organisation(name="   ").validated()
        assert fields_of(raised.value) == {"name"}

    def test_cleaning_trims_and_completes(self):
        org = Organisation(
            name="  Mekong   Garment  ",
            website="mekong-garment.example.org",
            sectors=["Electronics", " ", "Electronics", "Rubber gloves"],
            tags=[" urgent ", ""],
        ).validated()
        assert org.name == "Mekong Garment"
        assert org.website == "https://mekong-garment.example.org"
        assert org.sectors == ["Electronics", "Rubber gloves"]  # free entry kept
        assert org.tags == ["urgent"]

    @pytest.mark.parametrize(
        ("org", "field"),
        [
            (Organisation(name="A", website="not a site"), "website"),
            (Organisation(name="A", stage="Married"), "stage"),
            (Organisation(name="A", supply_chain_role="Pirate"), "supply_chain_role"),
            (Organisation(name="A", media_scan_date="last week"), "media_scan_date"),
            (Organisation(name="A", contacts=[Contact(name="")]), "contacts[0].name"),
            (Organisation(name="A", contacts=[Contact(name="B", email="b@")]), "contacts[0].email"),
            (
                Organisation(name="A", contacts=[Contact(name="B", phone="call me")]),
                "contacts[0].phone",
            ),
            (Organisation(name="A", headlines=[Headline(headline="")]), "headlines[0].headline"),
            (
                Organisation(name="A", headlines=[Headline(headline="H", date="2025-13-01")]),
                "headlines[0].date",
            ),
            (
                Organisation(name="A", headlines=[Headline(headline="H", tone="Angry")]),
                "headlines[0].tone",
            ),
            (Organisation(name="A", notes="x" * (MAX_LONG_TEXT + 1)), "notes"),
            (Organisation(name="A\x00B"), "name"),
        ],
    )
    def test_bad_input_is_named(self, org: Organisation, field: str):
        with pytest.raises(ValidationError) as raised:
            org.validated()
        assert field in fields_of(raised.value)

    def test_two_primary_contacts_are_refused(self):
        org = Organisation(name="A", contacts=[Contact(name="B", primary=True)] * 2)
        with pytest.raises(ValidationError, match="Only one contact"):
            org.validated()

    def test_scripts_and_long_notes_are_fine(self, workspace: Workspace):
        note = "บันทึกการสัมภาษณ์ " * 3000  # about 50 KB of UTF-8
        assert len(note.encode("utf-8")) > 50_000
        org_id = workspace.profiles.save(
            Organisation(
                name="ក្រុមហ៊ុន មេគង្គ កាត់ដេរ", other_names=["ရွှေမြန်မာ", "金莲海产有限公司"], notes=note
            )
        )
        saved = workspace.profiles.get(org_id)
        assert saved.name == "ក្រុមហ៊ុន មេគង្គ កាត់ដេរ"
        assert saved.notes == note.rstrip()

    def test_invalid_save_writes_nothing(self, workspace: Workspace):
        with pytest.raises(ValidationError):
            workspace.profiles.save(Organisation(name="", notes="half a form"))
        assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == 0


class TestCompleteness:
    def test_each_homework_element(self):
        org = Organisation(name="A")
        assert org.completeness().summary == "0 of 4"
        org.description = "Makes shoes"
        org.places = "Phnom Penh"
        org.memberships = ["Better Work"]
        assert org.completeness().missing == ("A quick scan of media headlines",)
        org.media_scan_date = "2026-11-01"
        assert org.completeness().missing == ()
        assert org.completeness().summary == "4 of 4"

    def test_list_shows_the_same_count(self, workspace: Workspace):
        org = Organisation(name="A", description="x", headlines=[Headline(headline="H")])
        workspace.profiles.save(org)
        assert [r.homework for r in workspace.profiles.list()] == [
            org.completeness().done.__len__()
        ]


@pytest.fixture
def three(workspace: Workspace) -> Workspace:
    store = workspace.profiles
    store.save(
        Organisation(
            name="Golden Lotus Seafood Co., Ltd.",
            other_names=["บริษัท ทองคำ ซีฟู้ด จำกัด"],
            sectors=["Fishing and seafood"],
            countries=["Thailand"],
            stage="Contacted",
            headlines=[Headline(headline="Recruitment fees repaid to migrant workers")],
        )
    )
    store.save(
        Organisation(
            name="Angkor Stitch Garments",
            other_names=["អង្គរ ស្ទីច"],
            sectors=["Garment, apparel and footwear"],
            countries=["Cambodia"],
            stage="Identified",
            notes="Met their HR lead at the Phnom Penh conference.",
        )
    )
    store.save(
        Organisation(
            name="Red River Electronics",
            sectors=["Electronics"],
            countries=["Vietnam", "China"],
            stage="Contacted",
        )
    )
    return workspace


class TestSearchAndFilters:
    def names(self, workspace: Workspace, **kwargs: str) -> list[str]:
        return [r.name for r in workspace.profiles.list(OrganisationFilter(**kwargs))]

    def test_search_covers_names_notes_and_headlines(self, three: Workspace):
        assert self.names(three, search="angkor") == ["Angkor Stitch Garments"]
        assert self.names(three, search="penh conf") == ["Angkor Stitch Garments"]
        assert self.names(three, search="recruitment fees") == ["Golden Lotus Seafood Co., Ltd."]
        assert self.names(three, search="nothing like this") == []

    def test_search_finds_fragments_inside_thai_and_khmer(self, three: Workspace):
        assert self.names(three, search="ซีฟู้ด") == ["Golden Lotus Seafood Co., Ltd."]
        assert self.names(three, search="ស្ទីច") == ["Angkor Stitch Garments"]

    def test_short_fragments_and_quotes_do_not_break(self, three: Workspace):
        assert self.names(three, search="Re") == ["Red River Electronics"]
        assert self.names(three, search='"') == []
        assert self.names(three, search="%_") == []

    def test_filters_and_sorting(self, three: Workspace):
        assert self.names(three, country="China") == ["Red River Electronics"]
        assert self.names(three, sector="Electronics") == ["Red River Electronics"]
        assert self.names(three, stage="Contacted") == [
            "Golden Lotus Seafood Co., Ltd.",
            "Red River Electronics",
        ]
        rows = three.profiles.list(OrganisationFilter(sort="name", descending=True))
        assert [r.name[0] for r in rows] == ["R", "G", "A"]
        assert three.profiles.used_values("countries") == [
            "Cambodia",
            "China",
            "Thailand",
            "Vietnam",
        ]

    def test_deleted_profiles_leave_search(self, three: Workspace):
        org_id = three.profiles.list(OrganisationFilter(search="angkor"))[0].id
        three.profiles.delete(org_id)
        assert self.names(three, search="angkor") == []

    def test_editing_a_headline_updates_search(self, three: Workspace):
        org_id = three.profiles.list(OrganisationFilter(search="golden"))[0].id
        org = three.profiles.get(org_id)
        org.headlines[0].headline = "Hotline for seafarers opens"
        three.profiles.save(org)
        assert self.names(three, search="seafarers") == ["Golden Lotus Seafood Co., Ltd."]
        assert self.names(three, search="recruitment fees") == []


class TestSimilarNames:
    def test_spelling_variants_are_flagged(self, three: Workspace):
        similar = three.profiles.similar_names("Golden Lotus Seafood Company Limited")
        assert [s.name for s in similar] == ["Golden Lotus Seafood Co., Ltd."]
        assert three.profiles.similar_names("Totally Different Farm") == []

    def test_other_names_count_and_self_is_excluded(self, three: Workspace):
        similar = three.profiles.similar_names("អង្គរ ស្ទីច")
        assert len(similar) == 1
        assert three.profiles.similar_names("អង្គរ ស្ទីច", exclude=similar[0].id) == []


def test_ids_and_rows_in_pages_agree_with_the_full_list(workspace: Workspace):
    from ctip_desktop.storage.entities import ORGANISATION

    with workspace.log.transaction("many") as tx:
        for number in range(650):  # more than one chunk of 500 ids
            tx.create(ORGANISATION, {"name": f"Farm {number:04d}", "stage": "Identified"})
    flt = OrganisationFilter(search="Farm", sort="name", descending=True)
    ids = workspace.profiles.list_ids(flt)
    assert len(ids) == 650
    rows = workspace.profiles.rows_by_id(ids)
    assert [rows[i].name for i in ids][:2] == ["Farm 0649", "Farm 0648"]
    assert [r.id for r in workspace.profiles.list(flt)] == ids


def test_saving_an_unchanged_empty_field_writes_no_change(workspace) -> None:
    from ctip_desktop.profiles import Contact, Organisation

    org_id = workspace.profiles.save(
        Organisation(name="A", contacts=[Contact(name="Somchai", primary=True)])
    )
    before = workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]
    org = workspace.profiles.get(org_id)
    org.notes = "met the owner"
    workspace.profiles.save(org)
    written = workspace.db.execute(
        "SELECT entity, field FROM change ORDER BY rowid LIMIT -1 OFFSET ?", (before,)
    ).fetchall()
    assert written == [("organisation", "notes")]
