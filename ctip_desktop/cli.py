"""The ``ctip`` command line: the same core the window uses, for scripts and for tests."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ctip_desktop import APP_NAME, __version__, paths
from ctip_desktop.demo_interviews import INTERVIEWS_PER_ORGANISATION
from ctip_desktop.interviews import (
    COMPLETED,
    DRAFT,
    REVIEW_LABELS,
    Interview,
    InterviewError,
    InterviewFilter,
    InterviewRow,
    InterviewStore,
)
from ctip_desktop.logs import configure_logging
from ctip_desktop.profiles.repository import OrganisationFilter
from ctip_desktop.questionnaires import (
    QuestionnaireError,
    answer_text,
    builtin_questionnaires,
    is_answered,
)
from ctip_desktop.questionnaires.translations import check_questionnaire_file
from ctip_desktop.settings import Settings
from ctip_desktop.storage import (
    SCHEMA_VERSION,
    FileKey,
    StorageError,
    WrongPassphraseError,
    integrity_problems,
    is_encrypted,
    open_read_only,
)
from ctip_desktop.storage.connection import inspect_file, passphrase_problem
from ctip_desktop.workspace import Workspace, open_workspace

log = logging.getLogger(__name__)


class CommandError(Exception):
    """A failure to report in one line on stderr."""


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else paths.default_database_path()


# Passphrases come from the terminal (typed, not echoed) or, for scripts, from the
# environment; never from an argument, which any user of the computer sees in the list of
# processes.
PASSPHRASE_VARIABLE = "CTIP_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "CTIP_NEW_PASSPHRASE"
INCOMING_PASSPHRASE_VARIABLE = "CTIP_INCOMING_PASSPHRASE"


def _read_secret(prompt: str, variable: str) -> str:
    """Read a passphrase typed at the terminal (tests replace this function)."""
    if not sys.stdin.isatty():
        raise CommandError(
            f"{prompt.rstrip(': ')}: there is no terminal to type it; a script sets {variable} "
            "in the environment."
        )
    return getpass.getpass(prompt)


def _passphrase(prompt: str, variable: str) -> str:
    return os.environ.get(variable) or _read_secret(prompt, variable)


def _passphrase_for(path: Path) -> str | None:
    """The passphrase of an encrypted database (None for a plain one: nothing is asked)."""
    if not is_encrypted(path):
        return None
    return _passphrase(f"Passphrase for {path.name}: ", PASSPHRASE_VARIABLE)


def _new_passphrase(path: Path) -> str:
    """A new passphrase: from the environment, or typed twice and checked."""
    given = os.environ.get(NEW_PASSPHRASE_VARIABLE)
    if given is None:
        given = _read_secret(f"New passphrase for {path.name}: ", NEW_PASSPHRASE_VARIABLE)
        if _read_secret("The same passphrase again: ", NEW_PASSPHRASE_VARIABLE) != given:
            raise CommandError("The two passphrases differ: nothing was changed.")
    problem = passphrase_problem(given)
    if problem:
        raise CommandError(f"{problem} Nothing was changed.")
    return given


def _incoming_passphrase(path: Path) -> str | None:
    """The passphrase of an encrypted file to merge, if the environment or the person at
    the terminal gives one; without one the file is refused as any other (and the next
    file merged)."""
    if not is_encrypted(path):
        return None
    given = os.environ.get(INCOMING_PASSPHRASE_VARIABLE)
    if given is None and sys.stdin.isatty():
        given = _read_secret(f"Passphrase for {path.name}: ", INCOMING_PASSPHRASE_VARIABLE)
    return given


def _workspace(path: Path, settings: Settings, *, create: bool = False) -> Workspace:
    return open_workspace(path, settings, create=create, passphrase=_passphrase_for(path))


def cmd_init(args: argparse.Namespace) -> int:
    path = _db_path(args)
    encrypted = is_encrypted(path)
    existed = encrypted or (inspect_file(path).exists and not inspect_file(path).empty)
    passphrase: str | None
    if args.encrypt and not existed:
        passphrase = _new_passphrase(path)
    elif args.encrypt and not encrypted:
        raise CommandError(f"{path} exists already: protect it with ctip encrypt.")
    else:
        passphrase = _passphrase_for(path)
    workspace = open_workspace(path, Settings.load(), passphrase=passphrase)
    protected = workspace.encrypted
    workspace.close()
    verb = "Opened existing" if existed else "Created"
    lock = ", protected by a passphrase" if protected else ""
    print(f"{verb} database {path} (schema {SCHEMA_VERSION}{lock}).")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from ctip_desktop.storage.encryption import encrypt_database

    path = _db_path(args)
    if not path.is_file():
        raise CommandError(f"There is no database at {path}.")
    if is_encrypted(path):
        raise CommandError(
            f"{path.name} is already protected by a passphrase: use ctip passphrase to change it."
        )
    inspect_file(path)  # a foreign or damaged file is refused before a passphrase is asked
    passphrase = _new_passphrase(path)
    with _rewrite_progress(path) as progress:
        key = encrypt_database(path, passphrase, progress)
    print(f"{path} is now protected by a passphrase.")
    return _convert_backups(path, None, key, "were encrypted with it too")


def cmd_decrypt(args: argparse.Namespace) -> int:
    from ctip_desktop.storage.encryption import decrypt_database, unlock_file

    path = _db_path(args)
    passphrase = _passphrase_for(path)
    if passphrase is None:
        raise CommandError(f"{path.name} is not protected by a passphrase: nothing to remove.")
    key = unlock_file(path, passphrase)
    with _rewrite_progress(path) as progress:
        decrypt_database(path, key, progress)
    print(f"{path} is no longer protected by a passphrase.")
    return _convert_backups(path, key, None, "are plain files again")


def cmd_passphrase(args: argparse.Namespace) -> int:
    from ctip_desktop.storage.encryption import change_passphrase, unlock_file

    path = _db_path(args)
    passphrase = _passphrase_for(path)
    if passphrase is None:
        raise CommandError(
            f"{path.name} is not protected by a passphrase: use ctip encrypt to add one."
        )
    key = unlock_file(path, passphrase)  # a wrong passphrase stops before a new one is asked
    new_passphrase = _new_passphrase(path)
    with _rewrite_progress(path) as progress:
        new_key = change_passphrase(path, key, new_passphrase, progress)
    print(f"The passphrase of {path} was changed.")
    return _convert_backups(path, key, new_key, "now open with the new passphrase")


@contextlib.contextmanager
def _rewrite_progress(path: Path) -> Iterator[Callable[[int, int], bool] | None]:
    """A line on the terminal that says how far the rewrite of a large file is (none when
    the output is not a terminal). Ctrl+C stops it and leaves the file as it was."""
    if not sys.stderr.isatty():
        yield None
        return

    def show(done: int, total: int) -> bool:
        percent = 100 * done // max(total, 1)
        print(f"\rrewriting {path.name}: {percent}%", end="", file=sys.stderr, flush=True)
        return True

    try:
        yield show
    finally:
        print(file=sys.stderr)


def _convert_backups(
    path: Path, old_key: FileKey | None, new_key: FileKey | None, done: str
) -> int:
    """After the database (already converted): its backups, with a line on what was done."""
    from ctip_desktop.backups import BackupError, convert_backups

    shown: list[int] = []

    def progress(number: int, total: int, _name: str) -> bool:
        if total:  # no line at all when there are no backups
            print(f"\rbackup {number:,} of {total:,}", end="", file=sys.stderr, flush=True)
            shown.append(number)
        return True

    try:
        result = convert_backups(path, old_key, new_key, progress if sys.stderr.isatty() else None)
    except (BackupError, OSError) as error:
        print(f"ctip: {path.name} was converted, its backups were not: {error}", file=sys.stderr)
        return 1
    finally:
        if shown:
            print(file=sys.stderr)
    if result.converted:
        print(f"  {result.converted} backup(s) {done}.")
    if result.removed:
        print(
            f"  {result.removed} backup(s) that could not be read were deleted, so that none "
            "stays readable without the passphrase."
        )
    if result.left:
        print(
            f"  {result.left} backup(s) stay protected by a passphrase they were written under "
            "(or are damaged): ctip restore asks for it."
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from ctip_desktop.demo import generate_demo

    if args.orgs < 0:
        raise CommandError("--orgs must be zero or more.")
    if not args.interviews_per_org >= 0:  # also refuses nan
        raise CommandError("--interviews-per-org must be zero or more.")
    path = _db_path(args)
    workspace = _workspace(path, Settings.load(), create=True)
    show = _progress_line if sys.stderr.isatty() else None
    try:
        before = workspace.interviews.counts()
        added = generate_demo(
            workspace, args.orgs, args.seed, show, interviews_per_org=args.interviews_per_org
        )
        after = workspace.interviews.counts()
    finally:
        if show is not None:
            print(file=sys.stderr)
        workspace.close()
    interviews = sum(after.values()) - sum(before.values())
    print(f"Added {added} fictional organisations and {interviews} interviews to {path}.")
    return 0


def _progress_line(done: int, total: int) -> bool:
    print(f"\r{done:,} of {total:,} records", end="", file=sys.stderr, flush=True)
    return True


def cmd_check(args: argparse.Namespace) -> int:
    path = _db_path(args)
    db = open_read_only(path, passphrase=_passphrase_for(path))
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
    workspace = _workspace(path, Settings.load())
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


def _interview_filter(args: argparse.Namespace, store: InterviewStore) -> InterviewFilter:
    """The filter the options ask for; CommandError for an organisation or form not in the file."""
    if args.org:
        found = store.db.execute(
            "SELECT 1 FROM organisation WHERE id = ? AND deleted = 0", (args.org,)
        ).fetchone()
        if found is None:
            raise CommandError(f"There is no organisation with id {args.org!r} in the database.")
    if args.questionnaire:
        known = {q.id for q in store.questionnaires.current()}
        known |= {
            r[0]
            for r in store.db.execute("SELECT DISTINCT id FROM questionnaire_snapshot").fetchall()
        }
        if args.questionnaire not in known:
            raise CommandError(
                f"There is no questionnaire {args.questionnaire!r} "
                f"(known: {', '.join(sorted(known))})."
            )
    return InterviewFilter(
        org_id=args.org, questionnaire_id=args.questionnaire, status=args.status or ""
    )


def _interview_record(store: InterviewStore, row: InterviewRow) -> dict[str, Any]:
    """Every field of an interview, and its answers in the questionnaire's order."""
    interview = store.get(row.id)
    if interview is None:  # deleted between listing and reading
        raise CommandError(f"The interview {row.id} disappeared while it was being read.")
    record = asdict(interview)
    record.pop("answers")
    record["org_name"] = row.org_name
    record["questionnaire_title"] = row.questionnaire_title
    record["answered"], record["items"] = row.answered, row.items
    record["answers"] = _answer_records(store, interview)
    return record


def _answer_records(store: InterviewStore, interview: Interview) -> list[dict[str, Any]]:
    try:
        items = store.questionnaire_of(interview).items
    except InterviewError:
        items = ()
    records = []
    for item in items:
        answer = interview.answers.get(item.id)
        value = answer.value if answer else None
        records.append(
            {
                "item_id": item.id,
                "number": item.number,
                "text": item.text,
                "kind": item.kind,
                "value": value,
                "text_value": answer_text(item, value) if answer else "",
                "answered": is_answered(item, value),
                "first_at": answer.first_at if answer else "",
                "first_by": answer.first_by if answer else "",
                "last_at": answer.last_at if answer else "",
                "last_by": answer.last_by if answer else "",
                "conflict": answer.conflict if answer else False,
            }
        )
    # An answer to an item the questionnaire does not hold (a damaged or foreign record).
    known = {item.id for item in items}
    for item_id, answer in sorted(interview.answers.items()):
        if item_id not in known:
            records.append(
                {
                    "item_id": item_id,
                    "number": "",
                    "text": "",
                    "kind": "",
                    "value": answer.value,
                    "text_value": json.dumps(answer.value, ensure_ascii=False),
                    "answered": answer.value is not None,
                    "first_at": answer.first_at,
                    "first_by": answer.first_by,
                    "last_at": answer.last_at,
                    "last_by": answer.last_by,
                    "conflict": answer.conflict,
                }
            )
    return records


def cmd_interviews(args: argparse.Namespace) -> int:
    path = _db_path(args)
    workspace = _workspace(path, Settings.load())
    try:
        store = workspace.interviews
        ids = store.list_ids(_interview_filter(args, store))
        rows = store.rows_by_id(ids)
        if args.json:
            records = [_interview_record(store, rows[i]) for i in ids]
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    for interview_id in ids:
        row = rows[interview_id]
        review = REVIEW_LABELS.get(row.review_state, row.review_state)
        print(
            f"{row.id}  {row.started_at.replace('T', ' ')}  {row.org_name}  "
            f"{row.questionnaire_title}  {row.status}  "
            f"{review if row.status == COMPLETED else '-'}  {row.answered}/{row.items}"
        )
    print(f"{len(ids)} interview(s)", file=sys.stderr)
    return 0


def cmd_recommend(args: argparse.Namespace) -> int:
    from ctip_desktop.recommend import UnknownOrganisationError, recommend_for

    path = _db_path(args)
    workspace = _workspace(path, Settings.load())
    try:
        advice = recommend_for(workspace, args.org)
    except UnknownOrganisationError as error:
        raise CommandError(
            f"There is no organisation with id {args.org!r} in the database."
        ) from error
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(advice.to_dict(), ensure_ascii=False, indent=2))
        return 0
    facts, readiness = advice.facts, advice.readiness
    print(f"{advice.org_name}  ({advice.org_id})")
    sources = [f"{i.questionnaire_title} of {i.date[:10]} ({i.id})" for i in facts.example1]
    if facts.example2:
        example2 = facts.example2
        sources.append(f"{example2.questionnaire_title} of {example2.date[:10]} ({example2.id})")
    print("Based on: " + ("; ".join(sources) or "the profile only (no completed interview)"))
    print(f"Readiness: {readiness.explanation}")
    if readiness.advice:
        print(f"   {readiness.advice}")
    for found in advice.contradictions:
        print(f"Caution: {found.message}")
    for number, item in enumerate(advice.recommendations, 1):
        print()
        print(f"{number}. {item.title}  [priority {item.priority}, confidence {item.confidence}]")
        print(f"   {item.category.heading} — {item.opportunity.title}")
        print(f"   Role: {', '.join(role.title for role in item.roles)}")
        print(f"   {item.advice}")
        print("   Why:")
        for reason in item.reasons:
            print(f"     - {reason.sentence}")
            if reason.answer and reason.answer not in reason.detail:
                print(f"       answer: “{reason.answer}”")
        for caution in item.cautions:
            print(f"   Caution: {caution}")
        print("   Next steps:")
        for step in item.next_steps:
            print(f"     - {step}")
        if item.examples:
            print("   Examples and resources:")
            for entry in item.examples:
                print(f"     - {entry.name}: {entry.description}")
    print(f"{len(advice.recommendations)} recommendation(s)", file=sys.stderr)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from ctip_desktop.reports import export_reports

    path = _db_path(args)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} is a file, not a folder.")
    workspace = _workspace(path, Settings.load())
    show = _pdf_progress_line if sys.stderr.isatty() else None
    try:
        if args.all:
            ids = workspace.profiles.list_ids()
        else:
            ids = list(dict.fromkeys(args.org))
            unknown = [
                org_id
                for org_id in ids
                if workspace.db.execute(
                    "SELECT 1 FROM organisation WHERE id = ? AND deleted = 0", (org_id,)
                ).fetchone()
                is None
            ]
            if unknown:
                names = ", ".join(repr(org_id) for org_id in unknown)
                if len(unknown) == 1:
                    message = f"There is no organisation with id {names} in the database"
                else:
                    message = f"There are no organisations with ids {names} in the database"
                raise CommandError(message + ": no PDF written.")
        if not ids:
            raise CommandError("There are no organisations in the database: no PDF written.")
        try:
            result = export_reports(workspace, ids, args.kind, args.audience, out, progress=show)
        finally:
            if show is not None:
                print(file=sys.stderr)
    finally:
        workspace.close()
    for written in result.written:
        print(written)
    for org_id, name, message in result.failed:
        who = f"{name} ({org_id})" if org_id else name
        print(f"ctip: failed: {who}: {message}", file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return 0 if result.ok else 1


def _pdf_progress_line(done: int, total: int, name: str) -> bool:
    print(f"\r\x1b[K{done:,} of {total:,}  {name[:60]}", end="", file=sys.stderr, flush=True)
    return True


def cmd_questionnaire_check(args: argparse.Namespace) -> int:
    try:
        summary = check_questionnaire_file(args.file)  # a questionnaire or a translation
    except QuestionnaireError as error:
        raise CommandError(" ".join(str(error).split())) from error
    print(f"{args.file}: ok — {summary}")
    return 0


def cmd_questionnaire_list(args: argparse.Namespace) -> int:
    shipped = builtin_questionnaires().current()
    if args.json:
        listing = [
            {
                "id": q.id,
                "version": q.version,
                "title": q.title,
                "short_title": q.short_title,
                "items": len(q.items),
                "completes_stage": q.completes_stage,
            }
            for q in shipped
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    for q in shipped:
        print(f"{q.id}  v{q.version}  {len(q.items)} items  {q.short_title}")
    return 0


def _named(counts: dict[str, int]) -> str:
    plural = {"follow_up": "follow-ups", "decision": "decisions", "correction": "corrections"}
    return ", ".join(
        f"{count:,} {plural.get(entity, entity + 's') if count != 1 else entity.replace('_', '-')}"
        for entity, count in sorted(counts.items())
    )


def _conflict_record(conflict: Any) -> dict[str, Any]:
    return {
        "entity": conflict.entity,
        "entity_id": conflict.entity_id,
        "field": conflict.field,
        "org_id": conflict.org_id,
        "org_name": conflict.org_name,
        "shown_value": conflict.shown_value,
        "heads": [asdict(head) for head in conflict.heads],
    }


def _conflict_line(conflict: Any) -> str:
    values = " | ".join(
        f"{json.dumps(h.value, ensure_ascii=False)} ({h.author or 'unknown'}, "
        f"{h.at[:16].replace('T', ' ')}, device {h.device_id[:8]})"
        for h in conflict.heads
    )
    where = conflict.org_name or conflict.org_id or "?"
    return f"  conflict: {where} — {conflict.entity} {conflict.field}: {values}"


def cmd_merge(args: argparse.Namespace) -> int:
    from ctip_desktop.sync import (
        PassphraseNeededError,
        SyncError,
        inspect_incoming,
        merge,
        preview_merge,
    )

    path = _db_path(args)
    workspace = _workspace(path, Settings.load())
    reports: list[dict[str, Any]] = []
    refused = 0
    try:
        for name in args.incoming:
            try:
                passphrase = _incoming_passphrase(Path(name))
                with inspect_incoming(name, passphrase=passphrase) as incoming:
                    if args.preview:
                        preview = preview_merge(workspace, incoming)
                        reports.append({"file": name, "status": "preview", **asdict(preview)})
                        if not args.json:
                            _print_preview(name, preview)
                        continue
                    result = merge(workspace, incoming)
            except SyncError as error:
                refused += 1
                log.warning("ctip merge refused %s: %s %s", name, error, error.detail)
                reports.append({"file": name, "status": "refused", "error": str(error)})
                hint = ""
                if isinstance(error, PassphraseNeededError):
                    hint = f" (A script gives it in {INCOMING_PASSPHRASE_VARIABLE}.)"
                print(f"ctip: {error}{hint}", file=sys.stderr)
                continue
            report = {
                "file": name,
                "sha256": result.sha256,
                "status": "already merged" if result.already_merged else result.status,
                **result.counts(),
                "conflicts": [_conflict_record(c) for c in result.conflicts],
                "backup": str(result.backup or ""),
                "seconds": round(result.seconds, 2),
            }
            reports.append(report)
            if not args.json:
                _print_merge(name, result)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2, default=str))
    return 1 if refused else 0


def _print_preview(name: str, preview: Any) -> None:
    if preview.already_merged:
        print(f"{name}: already merged, nothing to do.")
        return
    print(f"{name}: {preview.new_changes:,} new changes would be merged.")
    for org in preview.organisations:
        parts = []
        if org.status:
            parts.append(org.status)
        if org.fields:
            parts.append("fields " + ", ".join(org.fields))
        for verb, counts in (("adds", org.added), ("updates", org.updated)):
            if counts:
                parts.append(f"{verb} {_named(counts)}")
        if org.deleted:
            parts.append(f"deletes {_named(org.deleted)}")
        if org.answers:
            parts.append(f"{org.answers} answer(s)")
        if org.conflicts:
            parts.append(
                "conflicts: " + ", ".join(f"{entity}.{field}" for entity, _, field in org.conflicts)
            )
        print(f"  {org.name or '(unnamed)'} ({org.org_id}): {'; '.join(parts)}")
    if preview.questionnaires:
        shown = ", ".join(f"{q} v{v}" for q, v in preview.questionnaires)
        print(f"  questionnaires: {shown}")
    added, updated = _named(preview.added) or "nothing", _named(preview.updated) or "nothing"
    print(
        f"Would add {added}; update {updated}; delete {_named(preview.deleted) or 'nothing'}; "
        f"{preview.conflicts} conflict(s). Nothing was changed."
    )


def _print_merge(name: str, result: Any) -> None:
    if result.already_merged:
        print(f"{name}: already merged before, nothing changed.")
        return
    if result.status == "nothing new":
        print(f"{name}: nothing new.")
        return
    added, updated = _named(result.added) or "nothing", _named(result.updated) or "nothing"
    print(
        f"Merged {name}: {result.new_changes:,} new changes; added {added}; updated {updated}; "
        f"deleted {_named(result.deleted) or 'nothing'}; {len(result.conflicts)} conflict(s)."
    )
    for conflict in result.conflicts:
        print(_conflict_line(conflict))
    if result.backup:
        print(f"  backup of the database before the merge: {result.backup}")


def cmd_sync_export(args: argparse.Namespace) -> int:
    from ctip_desktop.sync import export_for_sync

    path = _db_path(args)
    settings = Settings.load()
    workspace = _workspace(path, settings)
    try:
        written = export_for_sync(
            workspace, Path(args.out), who=args.who or settings.interviewer_name or "unnamed"
        )
    finally:
        workspace.close()
    print(written)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ctip_desktop.exchange import ExchangeError, export_data

    path = _db_path(args)
    workspace = _workspace(path, Settings.load())
    try:
        result = export_data(workspace, args.format, Path(args.out))
    except ExchangeError as error:
        raise CommandError(str(error)) from error
    finally:
        workspace.close()
    for written in result.files:
        print(written)
    print(f"{result.summary()} ({result.seconds:.1f} s)", file=sys.stderr)
    return 0


def _import_kind(path: Path, kind: str) -> str:
    """archive, organisations or submissions: from --kind, else from the file itself."""
    from ctip_desktop.exchange.submissions import looks_like_submissions
    from ctip_desktop.exchange.tables import read_table

    if kind != "auto":
        return kind
    if path.suffix.lower() == ".json":
        return "archive"
    return "submissions" if looks_like_submissions(read_table(path)) else "organisations"


def _print_rejected(rejected: list[tuple[int, str]]) -> None:
    for number, reason in rejected:
        print(f"  row {number}: {reason}")


def cmd_import(args: argparse.Namespace) -> int:
    from ctip_desktop.exchange import ExchangeError, import_archive
    from ctip_desktop.exchange.organisations import (
        apply_organisation_import,
        plan_organisation_import,
        read_organisations,
    )
    from ctip_desktop.exchange.submissions import import_submissions

    path = _db_path(args)
    source = Path(args.file)
    if not source.is_file():
        raise CommandError(f"There is no file {source}.")
    workspace = _workspace(path, Settings.load())
    try:
        kind = _import_kind(source, args.kind)
        if kind == "archive":
            result = import_archive(workspace, source)
            print(result.summary())
            if result.backup:
                print(f"  backup of the database before the import: {result.backup}")
            return 0
        if kind == "submissions":
            imported = import_submissions(workspace, source)
            print(imported.summary())
            _print_rejected(imported.rejected)
            return 1 if imported.rejected else 0
        plan = plan_organisation_import(workspace, read_organisations(source))
        ids = apply_organisation_import(workspace, plan)
        print(
            f"{source.name}: {len(ids)} organisation(s) imported, "
            f"{len(plan.rejected)} row(s) rejected."
        )
        _print_rejected(plan.rejected)
        return 1 if plan.rejected else 0
    except ExchangeError as error:
        raise CommandError(str(error)) from error
    finally:
        workspace.close()


def cmd_xlsform(args: argparse.Namespace) -> int:
    from ctip_desktop.exchange import ExchangeError
    from ctip_desktop.exchange.xlsform import write_xlsform

    shipped = builtin_questionnaires()
    try:
        questionnaire = shipped.latest(args.questionnaire)
    except KeyError:
        known = ", ".join(q.id for q in shipped.current())
        raise CommandError(
            f"There is no questionnaire {args.questionnaire!r} (known: {known})."
        ) from None
    try:
        print(write_xlsform(questionnaire, Path(args.out)))
    except ExchangeError as error:
        raise CommandError(str(error)) from error
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from ctip_desktop.backups import MANUAL, backup_database, describe, list_backups

    path = _db_path(args)
    if not args.list:
        if not path.exists():
            raise CommandError(f"There is no database at {path}.")
        # Refuses a foreign or damaged file (or a wrong passphrase) with its message.
        db = open_read_only(path, passphrase=_passphrase_for(path))
        key = db.key
        db.close()
        print(backup_database(path, reason=MANUAL, key=key))
        return 0
    backups = list_backups(path)
    if not backups:
        print(f"No backups of {path.name} yet.")
    keys: dict[bytes, FileKey] = {}
    passphrase = None
    for number, backup in enumerate(backups, start=1):
        key = None
        if is_encrypted(backup.path):
            # Backups share their database's salt until its passphrase changes: one
            # derivation per salt.
            passphrase = passphrase or _passphrase(
                f"Passphrase for the backups of {path.name}: ", PASSPHRASE_VARIABLE
            )
            salt = backup.path.read_bytes()[:16]
            key = keys.get(salt) or keys.setdefault(salt, FileKey.derive(passphrase, salt))
        contents = describe(backup.path, key)
        held = contents.problem or (
            f"{contents.organisations} organisation(s), {contents.interviews_completed} "
            f"completed and {contents.interviews_draft} draft interview(s)"
        )
        if contents.locked:
            held = "opens with another passphrase (ctip restore asks for it)"
        print(
            f"{number:3d}  {backup.taken_at:%Y-%m-%d %H:%M}  {backup.reason:14s} "
            f"{backup.size / 1024**2:8.1f} MB  {held}"
        )
        print(f"     {backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ctip_desktop.backups import BackupError, list_backups, restore_backup
    from ctip_desktop.storage.encryption import unlock_file

    path = _db_path(args)
    chosen = Path(args.backup)
    if args.backup.isdigit():
        backups = list_backups(path)
        number = int(args.backup)
        if not 1 <= number <= len(backups):
            raise CommandError(
                f"There is no backup number {number} of {path.name} (see ctip backup --list)."
            )
        chosen = backups[number - 1].path
    elif not chosen.is_file():
        raise CommandError(f"There is no file {chosen}.")
    # The database keeps its passphrase: a wrong one stops here, before anything is written.
    passphrase = _passphrase_for(path)
    key = unlock_file(path, passphrase) if passphrase else None
    try:
        safety = restore_backup(chosen, path, key, _backup_key(chosen, passphrase, key))
    except BackupError as error:
        raise CommandError(str(error)) from error
    print(f"Restored {path} from {chosen.name}.")
    if safety is not None:
        print(f"  the database as it was is kept in {safety}")
    return 0


def _backup_key(backup: Path, passphrase: str | None, key: FileKey | None) -> FileKey | None:
    """The key of a backup to restore: the database's, or the key its passphrase gives for
    the backup's salt; one written under an earlier passphrase (a conversion interrupted, or
    an earlier version of the app) asks for that one at the terminal."""
    from ctip_desktop.storage.encryption import unlock_file

    if not is_encrypted(backup):
        return None
    with backup.open("rb") as handle:
        salt = handle.read(16)
    if key is not None and salt == key.salt:
        return key
    if passphrase is None:  # a plain database (or none): the backup's is the one to give
        return FileKey.for_file(
            backup, _passphrase(f"Passphrase for {backup.name}: ", PASSPHRASE_VARIABLE)
        )
    with contextlib.suppress(WrongPassphraseError):
        return unlock_file(backup, passphrase)  # the same passphrase, a salt of its own
    prompt = f"Passphrase for {backup.name} (written under an earlier passphrase): "
    if not sys.stdin.isatty():
        raise CommandError(
            f"{backup.name} was written under an earlier passphrase: restore it at a "
            "terminal, which asks for that passphrase. Nothing was changed."
        )
    return FileKey.for_file(backup, _read_secret(prompt, PASSPHRASE_VARIABLE))


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

    init = command("init", "create a database (or migrate an existing one)")
    init.add_argument(
        "--encrypt",
        action="store_true",
        help=f"protect the new database with a passphrase (typed, or ${NEW_PASSPHRASE_VARIABLE})",
    )
    init.set_defaults(func=cmd_init)
    command(
        "encrypt",
        f"protect a database with a passphrase (typed twice, or ${NEW_PASSPHRASE_VARIABLE})",
    ).set_defaults(func=cmd_encrypt)
    command(
        "decrypt", f"remove a database's passphrase (typed, or ${PASSPHRASE_VARIABLE})"
    ).set_defaults(func=cmd_decrypt)
    command(
        "passphrase",
        f"change a database's passphrase (${PASSPHRASE_VARIABLE}, ${NEW_PASSPHRASE_VARIABLE} "
        "or typed)",
    ).set_defaults(func=cmd_passphrase)

    demo = command("demo", "add realistic fictional organisations to a database")
    demo.add_argument("--orgs", type=int, default=50, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--interviews-per-org",
        type=float,
        default=INTERVIEWS_PER_ORGANISATION,
        metavar="X",
        help="interviews per organisation on average (default %(default)s)",
    )
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

    interviews = command("interviews", "list interviews, newest first")
    interviews.add_argument("--org", default="", metavar="ID", help="one organisation's")
    interviews.add_argument("--status", choices=(DRAFT, COMPLETED))
    interviews.add_argument("--questionnaire", default="", metavar="ID")
    interviews.add_argument(
        "--json", action="store_true", help="every field of each interview, with its answers"
    )
    interviews.set_defaults(func=cmd_interviews)

    recommend = command(
        "recommend", "partnership readiness and recommendations for one organisation"
    )
    recommend.add_argument("--org", required=True, metavar="ID", help="the organisation's id")
    recommend.add_argument(
        "--json", action="store_true", help="everything: facts, readiness, recommendations"
    )
    recommend.set_defaults(func=cmd_recommend)

    pdf = command("pdf", "write briefing packs, partner profiles or a portfolio report as PDF")
    which = pdf.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--org",
        action="extend",
        nargs="+",
        metavar="ID",
        help="the organisations' ids (one or more; the option may be repeated)",
    )
    which.add_argument("--all", action="store_true", help="every organisation in the database")
    pdf.add_argument(
        "--kind",
        required=True,
        choices=("briefing", "profile", "portfolio"),
        help="one file per organisation (briefing, profile) or one for all (portfolio)",
    )
    pdf.add_argument("--out", required=True, metavar="DIR", help="folder for the files")
    pdf.add_argument(
        "--audience",
        choices=("internal", "partner", "public"),
        default="internal",
        help="internal: everything; partner: no internal notes or dismissed "
        "recommendations; public: also no personal details (default: %(default)s)",
    )
    pdf.set_defaults(func=cmd_pdf)

    merging = command(
        "merge", "merge database files from other laptops into this one (after checking them)"
    )
    merging.add_argument("incoming", nargs="+", metavar="INCOMING.db", help="files to merge")
    merging.add_argument(
        "--preview", action="store_true", help="show what would change, and change nothing"
    )
    merging.add_argument("--json", action="store_true")
    merging.set_defaults(func=cmd_merge)

    sync_export = command(
        "sync-export", "write a copy of the database for a colleague to merge (Export for sync)"
    )
    sync_export.add_argument("--out", required=True, metavar="DIR", help="folder for the file")
    sync_export.add_argument("--who", default="", help="name in the file name (default: yours)")
    sync_export.set_defaults(func=cmd_sync_export)

    exporting = command(
        "export", "export everything as CSV files, an XLSX workbook or a lossless JSON archive"
    )
    exporting.add_argument("--format", required=True, choices=("csv", "xlsx", "json"))
    exporting.add_argument(
        "--out", required=True, metavar="PATH", help="a folder for csv, a file for xlsx and json"
    )
    exporting.set_defaults(func=cmd_export)

    importing = command(
        "import",
        "import a JSON archive (merged), organisations (CSV/XLSX) or ODK/Kobo submissions (CSV)",
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--kind",
        choices=("auto", "archive", "organisations", "submissions"),
        default="auto",
        help="what the file holds (default: told from the file)",
    )
    importing.set_defaults(func=cmd_import)

    backing_up = command("backup", "back up a database now, or list its backups")
    backing_up.add_argument(
        "--list", action="store_true", help="list the backups and what each holds"
    )
    backing_up.set_defaults(func=cmd_backup)

    restoring = command(
        "restore", "put a backup in the place of the database (close the app first)"
    )
    restoring.add_argument(
        "backup", metavar="BACKUP", help="a backup file, or its number in ctip backup --list"
    )
    restoring.set_defaults(func=cmd_restore)

    xlsform = commands.add_parser(
        "xlsform",
        help="write a questionnaire as an XLSForm for ODK Collect or KoboToolbox",
        description="Write a questionnaire as an XLSForm for ODK Collect or KoboToolbox.",
    )
    xlsform.add_argument("--questionnaire", required=True, metavar="ID")
    xlsform.add_argument("--out", required=True, metavar="FILE.xlsx")
    xlsform.set_defaults(func=cmd_xlsform)

    questionnaire = commands.add_parser(
        "questionnaire",
        help="check a questionnaire file, or list the shipped ones",
        description="Check a questionnaire file, or list the questionnaires this app ships.",
    )
    actions = questionnaire.add_subparsers(dest="action", required=True, metavar="ACTION")
    check_file = actions.add_parser(
        "check",
        help="validate a questionnaire or translation JSON file",
        description="Validate a questionnaire file, or a translation of one.",
    )
    check_file.add_argument("file", metavar="FILE")
    check_file.set_defaults(func=cmd_questionnaire_check)
    listing = actions.add_parser("list", help="the questionnaires this app ships")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_questionnaire_list)
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
