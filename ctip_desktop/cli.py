"""The ``ctip`` command line: the same core the window uses, for scripts and for tests."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from ctip_desktop import APP_NAME, __version__, paths
from ctip_desktop.logs import configure_logging
from ctip_desktop.profiles.repository import OrganisationFilter
from ctip_desktop.settings import Settings
from ctip_desktop.storage import (
    SCHEMA_VERSION,
    StorageError,
    integrity_problems,
    open_read_only,
)
from ctip_desktop.storage.connection import inspect_file
from ctip_desktop.workspace import open_workspace

log = logging.getLogger(__name__)


class CommandError(Exception):
    """A failure to report in one line on stderr."""


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else paths.default_database_path()


def cmd_init(args: argparse.Namespace) -> int:
    path = _db_path(args)
    existed = inspect_file(path).exists and not inspect_file(path).empty
    workspace = open_workspace(path, Settings.load())
    workspace.close()
    verb = "Opened existing" if existed else "Created"
    print(f"{verb} database {path} (schema {SCHEMA_VERSION}).")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from ctip_desktop.demo import generate_demo

    if args.orgs < 0:
        raise CommandError("--orgs must be zero or more.")
    path = _db_path(args)
    workspace = open_workspace(path, Settings.load())
    try:
        added = generate_demo(workspace, args.orgs, args.seed)
    finally:
        workspace.close()
    print(f"Added {added} fictional organisations to {path}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    path = _db_path(args)
    db = open_read_only(path)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        problems = integrity_problems(db)
        counts = {}
        if not problems:
            for table in ("organisation", "contact", "headline"):
                counts[table] = db.execute(
                    f"SELECT count(*) FROM {table} WHERE deleted = 0"
                ).fetchone()[0]
            counts["change"] = db.execute("SELECT count(*) FROM change").fetchone()[0]
    except Exception as error:  # a damaged page can fail any query
        raise CommandError(f"{path.name} is damaged: {error}.") from error
    finally:
        db.close()
    report = {
        "path": str(path),
        "schema_version": version,
        "app_schema_version": SCHEMA_VERSION,
        "integrity": problems or "ok",
        "counts": counts,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"Database: {path}")
        print(f"Schema: {version} (this app: {SCHEMA_VERSION})")
        print("Integrity: " + ("ok" if not problems else "; ".join(problems)))
        for table, count in counts.items():
            print(f"{table}: {count}")
    return 0 if not problems else 1


def cmd_orgs(args: argparse.Namespace) -> int:
    path = _db_path(args)
    workspace = open_workspace(path, Settings.load(), create=False)
    try:
        rows = workspace.profiles.list(
            OrganisationFilter(
                search=args.search, sector=args.sector, country=args.country, stage=args.stage
            )
        )
    finally:
        workspace.close()
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        print(
            f"{row.id}  {row.name}  [{', '.join(row.sectors)}]  "
            f"{', '.join(row.countries)}  {row.stage}"
        )
    print(f"{len(rows)} organisation(s)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctip", description=f"{APP_NAME}: organisational profiles and outreach interviews."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--db", metavar="PATH", help="database file (default: the one in your data folder)"
        )
        return sub

    command("init", "create a database (or migrate an existing one)").set_defaults(func=cmd_init)

    demo = command("demo", "add realistic fictional organisations to a database")
    demo.add_argument("--orgs", type=int, default=50, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.set_defaults(func=cmd_demo)

    check = command("check", "check a database: integrity, schema version and counts")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=cmd_check)

    orgs = command("orgs", "list organisations")
    orgs.add_argument("--search", default="", metavar="TEXT")
    orgs.add_argument("--sector", default="")
    orgs.add_argument("--country", default="")
    orgs.add_argument("--stage", default="")
    orgs.add_argument("--json", action="store_true")
    orgs.set_defaults(func=cmd_orgs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # A read-only home must not stop a command that only reads.
    with contextlib.suppress(OSError):
        configure_logging()
    try:
        return int(args.func(args))
    except (StorageError, CommandError) as error:
        print(f"ctip: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ctip: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        log.exception("ctip %s failed", args.command)
        print(f"ctip: unexpected error ({error}); details are in the log folder.", file=sys.stderr)
        return 1
