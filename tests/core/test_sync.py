"""Team sync: merging files, previews, conflicts, backups and the merge history."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ctip_desktop import paths
from ctip_desktop.backups import backup_database, list_backups, rotate_backups
from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Contact, Headline, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.settings import Settings
from ctip_desktop.storage.entities import ORGANISATION
from ctip_desktop.sync import (
    ConflictError,
    export_for_sync,
    inspect_incoming,
    merge,
    merge_history,
    open_conflicts,
    preview_merge,
    record_refusal,
    resolve_conflict,
)
from ctip_desktop.sync.errors import SameDatabaseError, SyncError
from ctip_desktop.sync.merge import MergeResult
from ctip_desktop.workspace import Workspace, open_workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def laptop(tmp_path: Path, name: str) -> Workspace:
    device = hashlib.sha256(name.encode()).hexdigest()[:32]
    return open_workspace(
        tmp_path / f"{name}.db", Settings(device_id=device, interviewer_name=name.title())
    )


def exported(workspace: Workspace, tmp_path: Path) -> Path:
    return export_for_sync(workspace, tmp_path / "exchange", who=workspace.log.author)


def merge_from(target: Workspace, source: Workspace, tmp_path: Path) -> MergeResult:
    with inspect_incoming(exported(source, tmp_path)) as incoming:
        return merge(target, incoming)


def content(workspace: Workspace) -> dict[str, list[tuple]]:
    """Everything derived, without rowids (which depend on the order rows arrived in)."""
    db = workspace.db
    tables = {}
    for table in (
        "organisation",
        "contact",
        "headline",
        "interview",
        "correction",
        "recommendation_decision",
        "follow_up",
    ):
        tables[table] = db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    tables["answer"] = db.execute("SELECT * FROM answer ORDER BY interview_id, item_id").fetchall()
    tables["field_conflict"] = db.execute(
        "SELECT * FROM field_conflict ORDER BY entity_id, field"
    ).fetchall()
    tables["search"] = db.execute(
        "SELECT o.id, f.name, f.other_names, f.notes, f.headlines, f.details "
        "FROM organisation_fts f JOIN organisation o ON o.rowid = f.rowid ORDER BY o.id"
    ).fetchall()
    tables["change"] = db.execute("SELECT * FROM change ORDER BY change_id").fetchall()
    tables["questionnaire_snapshot"] = db.execute(
        "SELECT * FROM questionnaire_snapshot ORDER BY id, version"
    ).fetchall()
    tables["device_clock"] = db.execute("SELECT * FROM device_clock ORDER BY 1").fetchall()
    return tables


def sample(name: str = "Golden Lotus Seafood Co., Ltd.") -> Organisation:
    return Organisation(
        name=name,
        sectors=["Fishing and seafood"],
        website="https://goldenlotus.example.com",
        contacts=[Contact(name="Somchai P.", role="HR manager", primary=True)],
        headlines=[Headline(headline="Workers report unpaid overtime", date="2025-03-01")],
    )


@pytest.fixture
def ann(tmp_path: Path) -> Workspace:
    workspace = laptop(tmp_path, "ann")
    yield workspace
    workspace.close()


@pytest.fixture
def bob(tmp_path: Path) -> Workspace:
    workspace = laptop(tmp_path, "bob")
    yield workspace
    workspace.close()


def start_interview(workspace: Workspace, org_id: str) -> str:
    questionnaire = builtin_questionnaires().latest("pse-outreach-example-1")
    return workspace.interviews.start(
        org_id, questionnaire, InterviewDetails(started_at="2025-03-04T09:30"), interviewer="X"
    )


class TestMerge:
    def test_records_of_both_laptops_end_up_on_both(self, ann, bob, tmp_path):
        first = ann.profiles.save(sample())
        second = bob.profiles.save(sample("Mekong Garments"))
        result = merge_from(ann, bob, tmp_path)
        assert result.status == "merged"
        assert result.added == {"organisation": 1, "contact": 1, "headline": 1}
        merge_from(bob, ann, tmp_path)
        for workspace in (ann, bob):
            assert {r.id for r in workspace.profiles.list()} == {first, second}
            assert [r.name for r in workspace.profiles.list(_search("Mekong"))] == [
                "Mekong Garments"
            ]
        assert content(ann) == content(bob)

    def test_merging_the_same_file_again_changes_nothing(self, ann, bob, tmp_path):
        bob.profiles.save(sample())
        path = exported(bob, tmp_path)
        with inspect_incoming(path) as incoming:
            merge(ann, incoming)
        ann.close()
        before = digest(tmp_path / "ann.db")
        reopened = laptop(tmp_path, "ann")
        with inspect_incoming(path) as incoming:
            again = merge(reopened, incoming)
        reopened.close()
        assert again.already_merged and again.new_changes == 0 and again.backup is None
        assert digest(tmp_path / "ann.db") == before

    def test_a_new_file_with_nothing_new_is_recorded_but_changes_no_record(
        self, ann, bob, tmp_path
    ):
        bob.profiles.save(sample())
        merge_from(ann, bob, tmp_path)
        before = content(ann)
        ann.profiles.save(sample("Another"))  # bob's next export has nothing ann lacks
        merge_from(bob, ann, tmp_path)
        before = content(ann)
        bob.db.execute("PRAGMA user_version")  # a second export is a different file
        result = merge_from(ann, bob, tmp_path)
        assert result.status == "nothing new" and result.backup is None
        assert content(ann) == before
        assert merge_history(ann)[0].status == "nothing new"

    def test_the_clock_moves_past_the_newest_incoming_stamp(self, ann, bob, tmp_path):
        bob.log.clock._wall += 10_000_000  # bob's laptop runs hours ahead
        bob.profiles.save(sample())
        newest = bob.db.execute("SELECT max(hlc) FROM change").fetchone()[0]
        merge_from(ann, bob, tmp_path)
        assert ann.log.clock.now()[:20] > newest[:20]

    def test_questionnaire_snapshots_travel(self, ann, bob, tmp_path):
        org_id = bob.profiles.save(sample())
        start_interview(bob, org_id)
        result = merge_from(ann, bob, tmp_path)
        assert result.questionnaires == 1
        assert ann.db.execute("SELECT id FROM questionnaire_snapshot").fetchall() == [
            ("pse-outreach-example-1",)
        ]
        assert ann.interviews.list_ids()

    def test_the_open_database_cannot_be_merged_into_itself(self, ann, tmp_path):
        ann.profiles.save(sample())
        ann.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with inspect_incoming(tmp_path / "ann.db") as incoming, pytest.raises(SameDatabaseError):
            merge(ann, incoming)

    def test_a_stale_device_clock_falls_back_to_comparing_every_change(self, ann, bob, tmp_path):
        bob.profiles.save(sample())
        merge_from(ann, bob, tmp_path)
        bob.profiles.save(sample("Second"))
        # ann's record of bob's device says more than ann holds (as after restoring a backup).
        ann.db.execute("UPDATE device_clock SET max_hlc = '9999999999999-000000-x'")
        backups_before = len(list_backups(ann.path))
        result = merge_from(ann, bob, tmp_path)
        assert result.compared_fully == [bob.log.clock.device_id]
        # The merge found out after reading, rolled back and merged again, counting first:
        # one backup and one line of history, as for any merge.
        assert len(list_backups(ann.path)) == backups_before + 1
        assert [r.status for r in merge_history(ann)] == ["merged", "merged"]
        assert {r.name for r in ann.profiles.list()} == {sample().name, "Second"}
        marks = ann.log.device_marks()
        assert (
            marks[bob.log.clock.device_id][0]
            == bob.db.execute("SELECT max(hlc) FROM change").fetchone()[0]
        )

    def test_a_deletion_arrives_as_a_tombstone(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        merge_from(bob, ann, tmp_path)
        bob.profiles.delete(org_id)
        with inspect_incoming(exported(bob, tmp_path)) as incoming:
            preview = preview_merge(ann, incoming)
            assert preview.deleted == {"organisation": 1}
            assert preview.organisations[0].status == "deleted"
            result = merge(ann, incoming)
        assert result.deleted == {"organisation": 1}
        assert ann.profiles.get(org_id) is None
        assert ann.log.changes_of(org_id)  # the history stays


def _search(text: str):
    from ctip_desktop.profiles.repository import OrganisationFilter

    return OrganisationFilter(search=text)


class TestPreview:
    def test_preview_lists_per_organisation_and_changes_nothing(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        merge_from(bob, ann, tmp_path)
        org = bob.profiles.get(org_id)
        org.notes = "Met the HR manager"
        org.contacts.append(Contact(name="Malee K."))
        bob.profiles.save(org)
        start_interview(bob, org_id)
        bob.profiles.save(sample("Mekong Garments"))
        ann.close()
        before = digest(tmp_path / "ann.db")
        ann = laptop(tmp_path, "ann")
        with inspect_incoming(exported(bob, tmp_path)) as incoming:
            preview = preview_merge(ann, incoming)
        ann.close()
        assert digest(tmp_path / "ann.db") == before
        by_name = {p.name: p for p in preview.organisations}
        lotus = by_name[sample().name]
        assert lotus.status == "changed"
        assert "notes" in lotus.fields
        assert lotus.added == {"contact": 1, "interview": 1}
        assert lotus.answers >= 0 and not lotus.conflicts
        assert by_name["Mekong Garments"].status == "new"
        assert preview.added["organisation"] == 1
        assert preview.questionnaires == [("pse-outreach-example-1", 1)]
        assert preview.conflicts == 0

    def test_preview_shows_the_fields_that_would_conflict(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        merge_from(bob, ann, tmp_path)
        for workspace, website in ((ann, "https://a.example.com"), (bob, "https://b.example")):
            org = workspace.profiles.get(org_id)
            org.website = website
            workspace.profiles.save(org)
        with inspect_incoming(exported(bob, tmp_path)) as incoming:
            preview = preview_merge(ann, incoming)
            assert preview.conflicts == 1
            assert preview.organisations[0].conflicts == [("organisation", org_id, "website")]
            result = merge(ann, incoming)  # reuses the reading of the preview
        assert [(c.entity_id, c.field) for c in result.conflicts] == [(org_id, "website")]


class TestConflicts:
    def test_concurrent_edits_are_kept_listed_and_resolved(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        merge_from(bob, ann, tmp_path)
        for workspace in (ann, bob):
            org = workspace.profiles.get(org_id)
            org.notes = f"{workspace.log.author}'s note"
            workspace.profiles.save(org)
        merge_from(ann, bob, tmp_path)
        merge_from(bob, ann, tmp_path)
        for workspace in (ann, bob):
            (conflict,) = open_conflicts(workspace)
            assert (conflict.entity, conflict.entity_id, conflict.field) == (
                "organisation",
                org_id,
                "notes",
            )
            assert conflict.org_name == sample().name
            assert {h.value for h in conflict.heads} == {"Ann's note", "Bob's note"}
            assert {h.author for h in conflict.heads} == {"Ann", "Bob"}
            assert {h.device_id for h in conflict.heads} == {
                ann.log.clock.device_id,
                bob.log.clock.device_id,
            }
            # Shown: the latest head, the same on both laptops.
            assert conflict.shown_value == conflict.heads[-1].value
            assert workspace.profiles.get(org_id).notes == conflict.shown_value
        resolve_conflict(ann, "organisation", org_id, "notes", "Both met the HR manager")
        assert open_conflicts(ann) == []
        assert ann.profiles.get(org_id).notes == "Both met the HR manager"
        merge_from(bob, ann, tmp_path)
        assert open_conflicts(bob) == []
        assert bob.profiles.get(org_id).notes == "Both met the HR manager"
        assert content(ann) == content(bob)
        # The decision is undoable like any edit: the value shown before it comes back.
        shown = conflict.shown_value
        assert ann.log.undo() is not None
        assert ann.profiles.get(org_id).notes == shown

    def test_resolving_a_field_not_in_conflict_is_refused(self, ann):
        org_id = ann.profiles.save(sample())
        with pytest.raises(ConflictError):
            resolve_conflict(ann, "organisation", org_id, "name", "Other")

    def test_the_same_value_on_both_laptops_is_no_conflict(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        merge_from(bob, ann, tmp_path)
        for workspace in (ann, bob):
            org = workspace.profiles.get(org_id)
            org.stage = "Contacted"
            workspace.profiles.save(org)
        merge_from(ann, bob, tmp_path)
        assert open_conflicts(ann) == []

    def test_a_completed_interview_corrected_on_two_laptops_keeps_both(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        interview_id = start_interview(ann, org_id)
        ann.interviews.save_answer(interview_id, "pressing_business_issue", "Orders down")
        ann.interviews.complete(interview_id)
        merge_from(bob, ann, tmp_path)
        ann.interviews.correct(
            interview_id, "Typo", {"pressing_business_issue": "Orders down by a third"}
        )
        bob.interviews.correct(
            interview_id, "Asked again", {"pressing_business_issue": "Orders down by half"}
        )
        merge_from(ann, bob, tmp_path)
        merge_from(bob, ann, tmp_path)
        for workspace in (ann, bob):
            answer = workspace.interviews.get(interview_id).answers["pressing_business_issue"]
            assert answer.conflict
            reasons = {
                r[0]
                for r in workspace.db.execute(
                    "SELECT reason FROM correction WHERE interview_id = ?", (interview_id,)
                )
            }
            assert reasons == {"Typo", "Asked again"}
            (conflict,) = open_conflicts(workspace)
            assert conflict.field == "answer:pressing_business_issue"
            assert {h.value for h in conflict.heads} == {
                "Orders down by a third",
                "Orders down by half",
            }
            values = {
                c.value
                for c in workspace.log.changes_of(interview_id)
                if c.field == "answer:pressing_business_issue"
            }
            assert "Orders down" in values  # the completed version stays in the history
        assert content(ann) == content(bob)
        resolve_conflict(
            bob, "interview", interview_id, "answer:pressing_business_issue", "Orders down by half"
        )
        assert not bob.interviews.get(interview_id).answers["pressing_business_issue"].conflict

    def test_conflicts_survive_a_rebuild(self, ann, bob, tmp_path):
        org_id = ann.profiles.save(sample())
        merge_from(bob, ann, tmp_path)
        for workspace in (ann, bob):
            org = workspace.profiles.get(org_id)
            org.name = f"Lotus of {workspace.log.author}"
            workspace.profiles.save(org)
        merge_from(ann, bob, tmp_path)
        before = content(ann)
        ann.log.rebuild()
        assert content(ann) == before
        assert len(before["field_conflict"]) == 1


class TestBackupsAndHistory:
    def test_a_merge_backs_up_first_and_backups_rotate(self, ann, bob, tmp_path):
        for number in range(4):
            bob.profiles.save(sample(f"Company {number}"))
            with inspect_incoming(exported(bob, tmp_path)) as incoming:
                result = merge(ann, incoming, keep_backups=2)
            assert result.backup is not None and result.backup.exists()
            assert result.backup.parent == paths.data_dir() / "backups"
            backup = sqlite3.connect(result.backup)
            # The backup is the database as it was before this merge (copied as a file while
            # the merge held the write lock), whole, and stands alone without a WAL.
            assert backup.execute("SELECT count(*) FROM organisation").fetchone()[0] == number
            assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert backup.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            backup.close()
        kept = sorted((paths.data_dir() / "backups").glob("ann *.ctip.db"))
        assert len(kept) == 2
        assert rotate_backups(tmp_path / "ann.db", reason="before merge", keep=1) == kept[-1:]

    def test_backup_database_copies_a_consistent_file(self, ann, tmp_path):
        ann.profiles.save(sample())
        path = backup_database(tmp_path / "ann.db")
        copy = sqlite3.connect(path)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT name FROM organisation").fetchone()[0] == sample().name
        copy.close()

    def test_history_lists_merges_and_refusals(self, ann, bob, tmp_path):
        bob.profiles.save(sample())
        path = exported(bob, tmp_path)
        with inspect_incoming(path) as incoming:
            merge(ann, incoming)
        bad = tmp_path / "notes.db"
        bad.write_bytes(b"not a database" * 10)
        with pytest.raises(SyncError) as refused:
            inspect_incoming(bad)
        record_refusal(ann, bad, refused.value)
        latest, first = merge_history(ann)
        assert (latest.status, latest.file_name) == ("refused", "notes.db")
        assert "not a CTIP Outreach Desk database" in latest.reason
        assert (first.status, first.file_name) == ("merged", path.name)
        assert first.sha256 == digest(path)
        assert first.counts["added"]["organisation"] == 1
        assert first.device_id == ann.log.clock.device_id


class TestExport:
    def test_export_is_one_consistent_file_named_for_who_and_when(self, ann, tmp_path):
        from datetime import datetime

        ann.profiles.save(sample())
        moment = datetime(2026, 11, 26, 14, 30)
        path = export_for_sync(ann, tmp_path / "stick", who="Ann / Field: team", moment=moment)
        device = ann.log.clock.device_id[:8]
        assert path.name == f"CTIP sync - Ann Field team - {device} - 2026-11-26 1430.ctip.db"
        assert not Path(f"{path}-wal").exists()
        again = export_for_sync(ann, tmp_path / "stick", who="Ann / Field: team", moment=moment)
        assert again != path and again.exists()
        with inspect_incoming(path) as incoming:
            assert (
                incoming.change_count == ann.db.execute("SELECT count(*) FROM change").fetchone()[0]
            )


def test_organisation_entity_is_first_for_foreign_keys():
    from ctip_desktop.storage.entities import ENTITIES

    assert next(iter(ENTITIES.values())) is ORGANISATION


class TestDuplicates:
    def test_the_same_company_created_on_two_laptops_is_suggested(self, ann, bob, tmp_path):
        from ctip_desktop.sync.duplicates import duplicate_candidates

        first = ann.profiles.save(sample("Golden Lotus Seafood Co., Ltd."))
        second = bob.profiles.save(sample("GOLDEN LOTUS SEAFOOD COMPANY LIMITED"))
        third = bob.profiles.save(Organisation(name="Golden Lotus Seafod"))
        fourth = bob.profiles.save(
            Organisation(name="GLS Export", website="http://www.goldenlotus.example.com/about")
        )
        bob.profiles.save(Organisation(name="Mekong Garments"))
        result = merge_from(ann, bob, tmp_path)
        found = {(c.org_a, c.org_b): c.why for c in duplicate_candidates(ann)}
        pair = tuple(sorted((first, second)))
        assert found[pair] == "same name"
        assert found[tuple(sorted((first, third)))].startswith("similar name")
        assert found[tuple(sorted((first, fourth)))] == "same website (goldenlotus.example.com)"
        assert not any("Mekong" in c.name_a + c.name_b for c in duplicate_candidates(ann))
        assert result.conflicts == []
        only = duplicate_candidates(ann, among=[fourth])
        assert {c.why for c in only} == {"same website (goldenlotus.example.com)"}

    def test_combining_keeps_every_record_of_both_and_is_one_undo(self, ann, bob, tmp_path):
        from ctip_desktop.sync.duplicates import combine_organisations

        keep = ann.profiles.save(
            Organisation(name="Golden Lotus Seafood", sectors=["Fishing and seafood"])
        )
        other_org = sample("Golden Lotus Seafood Co., Ltd.")
        other_org.tags = ["priority"]
        other_org.description = "Frozen shrimp"
        other = bob.profiles.save(other_org)
        interview_id = start_interview(bob, other)
        bob.decisions.dismiss(other, "fair-recruitment", "Fair recruitment", "Not now")
        bob.decisions.accept(other, "grievance", "Grievance", ["Call"], owner="Bob")
        merge_from(ann, bob, tmp_path)
        label = combine_organisations(ann, keep, other)
        assert "combine" in label
        combined = ann.profiles.get(keep)
        assert ann.profiles.get(other) is None
        assert [c.name for c in combined.contacts] == ["Somchai P."]
        assert [h.headline for h in combined.headlines] == ["Workers report unpaid overtime"]
        assert combined.other_names == ["Golden Lotus Seafood Co., Ltd."]
        assert combined.tags == ["priority"] and combined.description == "Frozen shrimp"
        assert combined.website == sample().website
        assert ann.interviews.get(interview_id).org_id == keep
        assert set(ann.decisions.decisions(keep)) == {"fair-recruitment", "grievance"}
        assert ann.decisions.decisions(keep)["fair-recruitment"].reason == "Not now"
        assert {f.org_id for f in ann.decisions.follow_ups(keep)} == {keep}
        assert ann.decisions.decisions(other) == {}
        # Both laptops end up with the combination.
        merge_from(bob, ann, tmp_path)
        assert bob.profiles.get(other) is None
        assert content(ann) == content(bob)
        # One undo takes the whole combination back.
        assert ann.log.undo() == label
        assert ann.profiles.get(other) is not None
        assert ann.interviews.get(interview_id).org_id == other
        assert ann.profiles.get(keep).contacts == []
        assert ann.decisions.decisions(keep) == {}

    def test_combining_a_record_with_itself_or_a_deleted_one_is_refused(self, ann):
        from ctip_desktop.sync.duplicates import CombineError, combine_organisations

        first = ann.profiles.save(sample())
        second = ann.profiles.save(sample("Other"))
        with pytest.raises(CombineError):
            combine_organisations(ann, first, first)
        ann.profiles.delete(second)
        with pytest.raises(CombineError):
            combine_organisations(ann, first, second)
