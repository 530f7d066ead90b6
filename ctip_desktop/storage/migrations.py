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


def _number(name: str) -> int:
    match = re.match(r"(\d+)_", name)
    if not match:
        raise ValueError(f"migration {name!r} has no number")
    return int(match.group(1))


SCHEMA_VERSION = max(_number(m.name) for m in migrations._migrations)


def migrate(db: Database) -> None:
    """Apply every pending migration, each in its own transaction."""
    migrations.apply(db)
