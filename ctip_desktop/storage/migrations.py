"""Numbered schema migrations, recorded in the file by sqlite-utils' ``Migrations``.

Each migration also sets ``PRAGMA user_version`` to its number, which is the schema version
the connection factory checks before it touches a file. Never edit a released migration:
add the next number.
"""

from __future__ import annotations

import re

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

# 'CTIP' in ASCII: marks a file as ours, so a colleague's unrelated SQLite file is refused.
APPLICATION_ID = 0x43544950

migrations = Migrations("ctip_desktop")

_COMMON_COLUMNS = """
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_device TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0
"""


def _set_version(db: Database, number: int) -> None:
    db.execute(f"PRAGMA user_version = {int(number)}")


def _run_script(db: Database, script: str) -> None:
    # Not executescript(): it commits first, and a migration must stay one transaction.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run_script(
        db,
        f"""
        CREATE TABLE change (
            change_id TEXT PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            field TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('set', 'add', 'remove', 'delete')),
            value TEXT,
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            parents TEXT NOT NULL DEFAULT '[]',
            tx TEXT NOT NULL
        );
        CREATE INDEX change_by_entity ON change (entity_id, field, hlc);
        CREATE INDEX change_by_tx ON change (tx);
        CREATE INDEX change_by_hlc ON change (hlc);

        CREATE TABLE organisation (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            other_names TEXT NOT NULL DEFAULT '[]',
            description TEXT NOT NULL DEFAULT '',
            sectors TEXT NOT NULL DEFAULT '[]',
            countries TEXT NOT NULL DEFAULT '[]',
            places TEXT NOT NULL DEFAULT '',
            supply_chain_role TEXT NOT NULL DEFAULT '',
            size_band TEXT NOT NULL DEFAULT '',
            website TEXT NOT NULL DEFAULT '',
            fair_labour_investments TEXT NOT NULL DEFAULT '',
            memberships TEXT NOT NULL DEFAULT '[]',
            stage TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            primary_contact_id TEXT NOT NULL DEFAULT '',
            media_scan_date TEXT NOT NULL DEFAULT '',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX organisation_name ON organisation (name COLLATE NOCASE);

        CREATE TABLE contact (
            id TEXT PRIMARY KEY,
            org_id TEXT REFERENCES organisation (id),
            name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX contact_org ON contact (org_id);

        CREATE TABLE headline (
            id TEXT PRIMARY KEY,
            org_id TEXT REFERENCES organisation (id),
            date TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            headline TEXT NOT NULL DEFAULT '',
            link TEXT NOT NULL DEFAULT '',
            tone TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX headline_org ON headline (org_id);

        -- Trigrams find a fragment anywhere in a word, which Thai, Khmer, Burmese and Chinese
        -- (written without spaces between words) need. Rowid = organisation's rowid.
        CREATE VIRTUAL TABLE organisation_fts USING fts5 (
            name, other_names, notes, headlines, details,
            tokenize = 'trigram'
        );
        """,
    )
    _set_version(db, 1)


@migrations(name="0002_interviews")
def m0002_interviews(db: Database) -> None:
    _run_script(
        db,
        f"""
        CREATE TABLE interview (
            id TEXT PRIMARY KEY,
            org_id TEXT REFERENCES organisation (id),
            questionnaire_id TEXT NOT NULL DEFAULT '',
            questionnaire_version INTEGER NOT NULL DEFAULT 0,
            interviewer TEXT NOT NULL DEFAULT '',
            contact_ids TEXT NOT NULL DEFAULT '[]',
            started_at TEXT NOT NULL DEFAULT '',
            mode TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            completed_at TEXT NOT NULL DEFAULT '',
            review_state TEXT NOT NULL DEFAULT '',
            review_comment TEXT NOT NULL DEFAULT '',
            reviewed_by TEXT NOT NULL DEFAULT '',
            reviewed_at TEXT NOT NULL DEFAULT '',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX interview_org ON interview (org_id, started_at);
        CREATE INDEX interview_started ON interview (started_at);

        -- One row per answered item: the current value of the interview's field
        -- 'answer:<item_id>' in the change log, with its first and latest change.
        CREATE TABLE answer (
            interview_id TEXT NOT NULL REFERENCES interview (id),
            item_id TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT 'null',
            first_at TEXT NOT NULL,
            first_by TEXT NOT NULL DEFAULT '',
            last_at TEXT NOT NULL,
            last_by TEXT NOT NULL DEFAULT '',
            conflict INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (interview_id, item_id)
        ) WITHOUT ROWID;

        -- Why a completed interview was changed; its answer changes share its action id.
        CREATE TABLE correction (
            id TEXT PRIMARY KEY,
            interview_id TEXT REFERENCES interview (id),
            reason TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL DEFAULT '[]',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX correction_interview ON correction (interview_id);

        -- The questionnaire an interview was conducted with, exactly as it was: reference data,
        -- immutable for an (id, version), so an old interview reads the same after an update.
        CREATE TABLE questionnaire_snapshot (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            PRIMARY KEY (id, version)
        )
        """,
    )
    _set_version(db, 2)


@migrations(name="0003_interview_list_index")
def m0003_interview_list_index(db: Database) -> None:
    # The lists read ids newest first on every filter change: all 50,000 of them, or one
    # organisation's (its index must lead with org_id, or the planner prefers the other).
    db.execute("CREATE INDEX interview_list ON interview (deleted, started_at, id)")
    db.execute("DROP INDEX interview_org")
    db.execute("CREATE INDEX interview_org ON interview (org_id, deleted, started_at)")
    _set_version(db, 3)


@migrations(name="0004_decisions_and_follow_ups")
def m0004_decisions_and_follow_ups(db: Database) -> None:
    _run_script(
        db,
        f"""
        CREATE TABLE recommendation_decision (
            id TEXT PRIMARY KEY,
            org_id TEXT REFERENCES organisation (id),
            rule_id TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX decision_org ON recommendation_decision (org_id);

        CREATE TABLE follow_up (
            id TEXT PRIMARY KEY,
            org_id TEXT REFERENCES organisation (id),
            rule_id TEXT NOT NULL DEFAULT '',
            step TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            {_COMMON_COLUMNS}
        );
        CREATE INDEX follow_up_org ON follow_up (org_id);
        CREATE INDEX follow_up_due ON follow_up (status, due)
        """,
    )
    _set_version(db, 4)


@migrations(name="0005_sync")
def m0005_sync(db: Database) -> None:
    _run_script(
        db,
        """
        -- Fields whose concurrent values disagree (derived from the log by projection, like
        -- the other tables): the conflicts a person has to decide, listed without a scan.
        -- (Key columns first: SQLite 3.40's integrity check misreads a WITHOUT ROWID table
        -- whose key columns follow another NOT NULL column.)
        CREATE TABLE field_conflict (
            entity_id TEXT NOT NULL,
            field TEXT NOT NULL,
            entity TEXT NOT NULL,
            PRIMARY KEY (entity_id, field)
        ) WITHOUT ROWID;

        -- For each device, the newest stamp and the number of its changes this file holds
        -- (derived): with complete merges, a file holding a device's change stamped t holds
        -- all its earlier ones, so a merge reads only the newer changes of each device.
        CREATE TABLE device_clock (
            device_id TEXT PRIMARY KEY,
            max_hlc TEXT NOT NULL,
            changes INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Every merge of another laptop's file, and every file refused, with the reason.
        CREATE TABLE merge_history (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL DEFAULT '',
            merged_at TEXT NOT NULL,
            device_id TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('merged', 'nothing new', 'refused')),
            reason TEXT NOT NULL DEFAULT '',
            new_changes INTEGER NOT NULL DEFAULT 0,
            counts TEXT NOT NULL DEFAULT '{}',
            backup TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX merge_history_sha256 ON merge_history (sha256, status);

        INSERT INTO device_clock (device_id, max_hlc, changes)
            SELECT device_id, max(hlc), count(*) FROM change GROUP BY device_id
        """,
    )
    # No file could hold a conflict before merging existed: field_conflict starts empty.
    _set_version(db, 5)


@migrations(name="0006_lean_change_indexes")
def m0006_lean_change_indexes(db: Database) -> None:
    """Two of the change log's four indexes go, one narrower index comes.

    Every change is written into each index of the log, so each index is paid for on every
    save and, above all, by a merge (a million changes: 9.4 s with four indexes, 5.6 s with
    these). ``change_by_tx`` served only undo, which now reads the rows its action wrote by
    rowid; ``change_by_hlc`` served the clock's start and "the newest change", which the
    device index answers per device (stamps of one device only grow, so its entries are
    appended, not scattered), and which also counts a device's changes after a mark.
    """
    _run_script(
        db,
        """
        DROP INDEX change_by_tx;
        DROP INDEX change_by_hlc;
        CREATE INDEX change_by_device ON change (device_id, hlc)
        """,
    )
    _set_version(db, 6)


@migrations(name="0007_questionnaire_language")
def m0007_questionnaire_language(db: Database) -> None:
    """The language an interview's questions were asked in ('' for the questionnaire's own).

    Apart from ``language`` (what was spoken, free text): an interview read in Thai may be
    conducted through an interpreter in Karen.
    """
    db.execute("ALTER TABLE interview ADD COLUMN questionnaire_language TEXT NOT NULL DEFAULT ''")
    _set_version(db, 7)


@migrations(name="0008_created_in_one_change")
def m0008_created_in_one_change(db: Database) -> None:
    """No table changes: from this version on, creating a record writes one change (field
    ``_created``) instead of one per field. Older changes stay as they are and read the
    same. The number tells an older version of the app that it cannot read such a file
    (it would refuse the new field as unknown, or show records without their fields)."""
    _set_version(db, 8)


def _number(name: str) -> int:
    match = re.match(r"(\d+)_", name)
    if not match:
        raise ValueError(f"migration {name!r} has no number")
    return int(match.group(1))


SCHEMA_VERSION = max(_number(m.name) for m in migrations._migrations)


def migrate(db: Database) -> None:
    """Apply every pending migration, each in its own transaction."""
    migrations.apply(db)
