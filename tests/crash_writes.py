"""Kill a process that writes, at random moments, again and again; check what survives.

The child (``python -m tests.crash_writes child DB FOLDER SEED``) opens the database and
writes without pause: interview answers, profile edits, new organisations and merges of
other laptops' files, in random order. After each write has committed it prints one line
saying what it wrote. The parent kills it with SIGKILL at a random moment, then checks that
the file passes SQLite's integrity and foreign key checks and that every write the child
reported is in the change log (merges: in the merge history, with every organisation of
the file). Then it starts the next child on the same file, as a laptop is switched on again.

Used by tests/core/test_crash_safety.py (a few dozen kills) and bench/bench_crash.py (200).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUESTIONNAIRE = "pse-outreach-example-1"  # its items are all written answers


@dataclass
class CrashReport:
    kills: int = 0
    # Writes the children reported as committed, and those missing after a kill.
    writes_reported: int = 0
    lost: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    # Kills that came before the child's first write (opening the file, recovering the WAL).
    kills_before_first_write: int = 0
    reported_by_kind: dict[str, int] = field(default_factory=dict)


# ----- the child -------------------------------------------------------------------------------


def _child(database: str, folder: str, seed: int) -> None:
    from ctip_desktop.interviews.model import STARTED_FORMAT, InterviewDetails
    from ctip_desktop.profiles import Organisation
    from ctip_desktop.settings import Settings
    from ctip_desktop.sync import inspect_incoming, merge
    from ctip_desktop.workspace import open_workspace

    rng = random.Random(seed)
    settings = Settings(device_id="c0ffee00000000000000000000000000", interviewer_name="Crash")
    workspace = open_workspace(Path(database), settings)
    questionnaire = workspace.interviews.questionnaires.latest(QUESTIONNAIRE)
    text_items = [item.id for item in questionnaire.items if item.kind == "text"]
    incoming = sorted(Path(folder).glob("incoming-*.db"))
    print("READY", flush=True)

    def report(kind: str, **facts: str) -> None:
        print(json.dumps({"kind": kind, **facts}, ensure_ascii=False), flush=True)

    counter = 0
    while True:
        counter += 1
        token = f"{seed}-{counter}-{rng.randrange(10**9)}"
        orgs = [row[0] for row in workspace.db.execute("SELECT id FROM organisation")]
        action = rng.choices(["answer", "edit", "create", "merge"], [60, 20, 15, 5])[0]
        if action == "create" or not orgs:
            org_id = workspace.profiles.save(
                Organisation(name=f"Crash Test Co. {token}", notes="ស្ថានីយ៍ " * rng.randrange(50))
            )
            report("create", org_id=org_id)
        elif action == "edit":
            organisation = workspace.profiles.get(rng.choice(orgs))
            assert organisation is not None
            organisation.notes = f"Edited {token} " + "ข้อมูล" * rng.randrange(200)
            workspace.profiles.save(organisation)
            stored = workspace.profiles.get(organisation.id)  # as saved: spaces trimmed
            assert stored is not None
            report("edit", org_id=organisation.id, notes=stored.notes)
        elif action == "answer":
            drafts = [
                row[0]
                for row in workspace.db.execute(
                    "SELECT id FROM interview WHERE status = 'draft' AND deleted = 0"
                )
            ]
            if not drafts or rng.random() < 0.05:
                details = InterviewDetails(started_at=datetime.now().strftime(STARTED_FORMAT))
                interview_id = workspace.interviews.start(
                    rng.choice(orgs), questionnaire, details, interviewer="Crash"
                )
                report("start", interview_id=interview_id)
                drafts = [interview_id]
            interview_id = rng.choice(drafts)
            item = rng.choice(text_items)
            value = f"Answer {token}"
            workspace.interviews.save_answer(interview_id, item, value)
            report("answer", interview_id=interview_id, item=item, value=value)
        elif incoming:
            path = rng.choice(incoming)
            with inspect_incoming(path) as checked:
                result = merge(workspace, checked, keep_backups=1)
            report("merge", sha256=result.sha256, file=path.name)


# ----- the parent ------------------------------------------------------------------------------


def prepare_incoming(folder: Path, files: int = 3, organisations: int = 15) -> None:
    """Files from other laptops for the children to merge (each its own device)."""
    from ctip_desktop.profiles import Contact, Organisation
    from ctip_desktop.settings import Settings
    from ctip_desktop.sync import export_for_sync
    from ctip_desktop.workspace import open_workspace

    for number in range(files):
        source = folder / f"laptop-{number}.db"
        device = f"{number + 1:x}" * 32
        workspace = open_workspace(source, Settings(device_id=device, interviewer_name="Far"))
        try:
            for index in range(organisations):
                workspace.profiles.save(
                    Organisation(
                        name=f"Laptop {number} partner {index}",
                        contacts=[Contact(name=f"Contact {index}", primary=True)],
                    )
                )
            exported = export_for_sync(workspace, folder, who=f"laptop {number}")
        finally:
            workspace.close()
        exported.rename(folder / f"incoming-{number}.db")


def run_kills(
    folder: Path,
    kills: int,
    *,
    seed: int = 1,
    longest_run: float = 0.6,
    progress: bool = False,
) -> CrashReport:
    """Kill ``kills`` children writing to ``folder/crash.db``; what survived each kill."""
    from ctip_desktop.storage import integrity_problems, open_read_only

    database = folder / "crash.db"
    if not any(folder.glob("incoming-*.db")):
        prepare_incoming(folder)
    rng = random.Random(seed)
    report = CrashReport()
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    for number in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writes", "child", str(database), str(folder),
             str(seed * 100_000 + number)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )  # fmt: skip
        assert child.stdout is not None
        ready = child.stdout.readline().strip()
        if ready != "READY":
            child.kill()
            raise RuntimeError(f"the writer did not start: {ready!r} {child.stderr.read()}")
        time.sleep(rng.uniform(0, longest_run))
        child.send_signal(signal.SIGKILL)
        output, errors = child.communicate()
        if child.returncode != -signal.SIGKILL:
            raise RuntimeError(f"the writer stopped by itself ({child.returncode}): {errors}")
        # A line cut by the kill was not a whole report: the write may not have committed.
        lines = [line for line in output.splitlines() if line.endswith("}")]
        writes = [json.loads(line) for line in lines]
        report.kills += 1
        if not writes:
            report.kills_before_first_write += 1
        db = open_read_only(database)
        try:
            problems = integrity_problems(db)
            if problems:
                report.integrity_failures.append(f"kill {number}: {problems[:3]}")
            for write in writes:
                report.writes_reported += 1
                kind = write["kind"]
                report.reported_by_kind[kind] = report.reported_by_kind.get(kind, 0) + 1
                if not _survived(db, write):
                    report.lost.append(f"kill {number}: {write}")
        finally:
            db.close()
        if progress and (number + 1) % 20 == 0:
            print(f"  {number + 1} kills, {report.writes_reported} writes checked", flush=True)
    return report


def _survived(db: object, write: dict[str, str]) -> bool:
    execute = db.execute  # type: ignore[attr-defined]

    def logged(entity_id: str, name: str, value: object) -> bool:
        """A change of the field to the value, or the record's creation giving it."""
        return (
            execute(
                "SELECT 1 FROM change WHERE entity_id = ? AND ((field = ? AND value = ?) OR "
                "(field = '_created' AND json_extract(value, '$.' || ?) = ?))",
                (entity_id, name, json.dumps(value, ensure_ascii=False), name, value),
            ).fetchone()
            is not None
        )

    def created(entity_id: str) -> bool:
        return (
            execute(
                "SELECT 1 FROM change WHERE entity_id = ? AND field IN ('_created', '_deleted')",
                (entity_id,),
            ).fetchone()
            is not None
        )

    kind = write["kind"]
    if kind == "create":
        return created(write["org_id"])
    if kind == "start":
        return created(write["interview_id"])
    if kind == "edit":
        return logged(write["org_id"], "notes", write["notes"])
    if kind == "answer":
        return logged(write["interview_id"], f"answer:{write['item']}", write["value"])
    if kind == "merge":
        found = execute(
            "SELECT 1 FROM merge_history WHERE sha256 = ? AND status IN ('merged', 'nothing new')",
            (write["sha256"],),
        ).fetchone()
        name = f"Laptop {write['file'].removeprefix('incoming-').removesuffix('.db')} partner 0"
        held = execute("SELECT 1 FROM organisation WHERE name = ?", (name,)).fetchone()
        return found is not None and held is not None
    raise ValueError(f"unknown write {kind}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        raise SystemExit("usage: python -m tests.crash_writes child DB FOLDER SEED")
