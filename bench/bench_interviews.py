"""Interview benchmark: demo generation, saving one answer, opening interview lists.

    .venv/bin/python bench/bench_interviews.py [--orgs 10000] [--per-org 5] [--saves 500]
                                               [--lists 200] [--long-note 600] [--profile]

The database (N organisations and N x per-org interviews, from ``ctip demo``) is generated
once and kept in bench/out/ with the time it took; the measurements run on a copy, so the
cached file stays as generated. Figures are printed, never asserted. ``--profile`` prints
where the time of saving answers goes (cProfile, cumulative).

Beside the times, the pages a save writes and reads from the file, from SQLite's own counters
of the connection: unlike times, they do not vary from run to run, and in an encrypted file
each page written is encrypted and signed, each page read decrypted and checked.
"""

from __future__ import annotations

import argparse
import cProfile
import ctypes
import json
import pstats
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from bench_foundation import BENCH_PASSPHRASE, ensure_encrypted_copy  # noqa: E402

from ctip_desktop.interviews import DRAFT, InterviewFilter  # noqa: E402
from ctip_desktop.questionnaires import Item  # noqa: E402
from ctip_desktop.settings import Settings  # noqa: E402
from ctip_desktop.storage.encryption import unlock_file  # noqa: E402
from ctip_desktop.workspace import Workspace, open_workspace  # noqa: E402

SEED = 2026
EXAMPLE_2 = "pse-outreach-example-2"
# What an interviewer types into a note, saved at each pause in typing.
TYPED = (
    "Met the HR manager and the compliance officer at the processing plant. Orders are down "
    "about a third on last year and two lines stand idle. About 40% of the workforce are "
    "Myanmar migrants hired through two agencies; several went home during the border "
    "closures and have not come back. Keen on a joint pilot on fair recruitment if a buyer "
    "joins; asked for a concept note. Follow-up: site visit next month."
)


def ensure_database(orgs: int, per_org: float) -> tuple[Path, dict[str, Any]]:
    """The cached database and the facts of its generation (time, counts)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"interviews-{orgs}x{per_org:g}.db"
    facts_path = path.with_suffix(".json")
    if path.exists() and facts_path.exists():
        return path, json.loads(facts_path.read_text(encoding="utf-8"))
    print(f"generating {orgs} organisations with {per_org:g} interviews each into {path} ...")
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    begin = time.perf_counter()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ctip_desktop",
            "demo",
            "--db",
            str(partial),
            "--orgs",
            str(orgs),
            "--seed",
            str(SEED),
            "--interviews-per-org",
            str(per_org),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - begin
    print(completed.stdout.strip())
    partial.rename(path)
    output = completed.stdout.strip().replace(str(partial), path.name)
    facts = {"seconds": seconds, "bytes": path.stat().st_size, "output": output}
    facts_path.write_text(json.dumps(facts), encoding="utf-8")
    return path, facts


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.2f} ms, p95 {percentile(values, 0.95):.2f} ms, "
        f"max {max(values):.2f} ms (n={len(values)})"
    )


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    begin = time.perf_counter()
    result = function()
    return (time.perf_counter() - begin) * 1000, result


# sqlite3_db_status: pages read from the file (not found in the page cache), pages written.
_CACHE_MISS, _CACHE_WRITE = 8, 9


def page_counters(connection: Any, path: Path) -> Callable[[], tuple[int, int]] | None:
    """A function giving the connection's (pages read, pages written) so far; None where
    its SQLite handle cannot be reached (the layout ctip_desktop.storage.pagecache uses)."""
    if type(connection) is sqlite3.Connection:
        import _sqlite3 as native
    else:
        import sqlcipher3._sqlite3 as native
    try:
        library = ctypes.CDLL(native.__file__)
        status, filename = library.sqlite3_db_status, library.sqlite3_db_filename
    except (OSError, AttributeError):
        return None
    filename.argtypes, filename.restype = [ctypes.c_void_p, ctypes.c_char_p], ctypes.c_char_p
    counter = ctypes.POINTER(ctypes.c_int)
    status.argtypes = [ctypes.c_void_p, ctypes.c_int, counter, counter, ctypes.c_int]
    handle = ctypes.c_void_p.from_address(id(connection) + object.__basicsize__).value
    named = filename(handle, b"main") if handle else None
    if named is None or Path(named.decode()).resolve() != path.resolve():
        return None

    def count(operation: int) -> int:
        current, highest = ctypes.c_int(), ctypes.c_int()
        status(handle, operation, ctypes.byref(current), ctypes.byref(highest), 0)
        return current.value

    return lambda: (count(_CACHE_MISS), count(_CACHE_WRITE))


def multi_value(item: Item, rng: random.Random) -> dict[str, Any]:
    chosen = rng.sample([o.id for o in item.options], rng.randint(1, len(item.options)))
    other = item.has_other and rng.random() < 0.2
    return {"selected": chosen, "other": other, "other_text": "Late payments" if other else ""}


def save_answers(
    workspace: Workspace,
    count: int,
    rng: random.Random,
    pages: Callable[[], tuple[int, int]] | None = None,
) -> tuple[dict[str, list[float]], tuple[int, int]]:
    """Save ``count`` answers on draft interviews: half growing texts, a quarter each scales
    and multi-selects. Return the times by kind, and the pages read and written by the saves
    (0, 0 without ``pages``)."""
    store = workspace.interviews
    drafts = store.list_ids(InterviewFilter(status=DRAFT))
    rows = store.rows_by_id(drafts)
    by_kind: dict[str, list[tuple[str, Item]]] = {"text": [], "scale": [], "multi": []}
    for interview_id in drafts:
        row = rows[interview_id]
        questionnaire = store.questionnaire(row.questionnaire_id, row.questionnaire_version)
        for item in questionnaire.items:
            kind = "text" if item.kind in ("text", "note") else item.kind
            if kind in by_kind:
                by_kind[kind].append((interview_id, item))
    quota = {"text": count // 2, "scale": count // 4, "multi": count - count // 2 - count // 4}
    timings: dict[str, list[float]] = {kind: [] for kind in by_kind}
    before = pages() if pages else (0, 0)
    while any(len(timings[kind]) < quota[kind] for kind in quota):
        kind = max(quota, key=lambda k: (quota[k] - len(timings[k])) / max(1, quota[k]))
        interview_id, item = rng.choice(by_kind[kind])

        def save(value: Any, interview_id: str = interview_id, item: Item = item) -> None:
            begin = time.perf_counter()
            store.save_answer(interview_id, item.id, value)
            key = "text" if item.kind in ("text", "note") else item.kind
            timings[key].append((time.perf_counter() - begin) * 1000)

        if kind == "text":
            # The answer grows as it is typed: one save per pause, 5-25 characters apart.
            length = 0
            for _ in range(rng.randint(4, 12)):
                length = min(len(TYPED), length + rng.randint(5, 25))
                save(TYPED[:length])
        else:
            for _ in range(rng.randint(1, 3)):  # a person changes their mind
                if item.kind == "scale":
                    save(rng.randint(item.minimum, item.maximum))
                else:
                    save(multi_value(item, rng))
    after = pages() if pages else (0, 0)
    return timings, (after[0] - before[0], after[1] - before[1])


def long_note(workspace: Workspace, saves: int) -> list[float]:
    """One note typed for a long interview, saved at each pause: does saving slow down?"""
    store = workspace.interviews
    drafts = store.list_ids(InterviewFilter(status=DRAFT, questionnaire_id=EXAMPLE_2))
    interview_id = drafts[len(drafts) // 2]
    timings = []
    sentences = TYPED.split(". ")
    text = ""
    for index in range(saves):
        text += sentences[index % len(sentences)].rstrip(".") + ". "
        begin = time.perf_counter()
        store.save_answer(interview_id, "general_notes", text[-5000:])
        timings.append((time.perf_counter() - begin) * 1000)
    return timings


def organisation_lists(workspace: Workspace, count: int, rng: random.Random) -> list[float]:
    store = workspace.interviews
    org_ids = [r[0] for r in workspace.db.execute("SELECT id FROM organisation").fetchall()]
    timings = []
    for org_id in rng.sample(org_ids, min(count, len(org_ids))):

        def open_list(org_id: str = org_id) -> int:
            ids = store.list_ids(InterviewFilter(org_id=org_id))
            return len(store.rows_by_id(ids))

        ms, _ = timed(open_list)
        timings.append(ms)
    return timings


def all_interviews(workspace: Workspace, runs: int) -> tuple[list[float], list[float], int]:
    store = workspace.interviews
    ids_times, page_times, total = [], [], 0
    for _ in range(runs):
        ms, ids = timed(store.list_ids)
        ids_times.append(ms)
        total = len(ids)
        ms, _ = timed(lambda ids=ids: store.rows_by_id(ids[:100]))
        page_times.append(ms)
    return ids_times, page_times, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--per-org", type=float, default=5.0)
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--lists", type=int, default=200)
    parser.add_argument("--long-note", type=int, default=600, metavar="SAVES")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="the same database protected by a passphrase (an encrypted copy, cached)",
    )
    args = parser.parse_args()
    database, facts = ensure_database(args.orgs, args.per_org)
    counts = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    interviews, drafts = counts.execute(
        "SELECT count(*), sum(status = 'draft') FROM interview WHERE deleted = 0"
    ).fetchone()
    changes = counts.execute("SELECT count(*) FROM change").fetchone()[0]
    counts.close()
    print(
        f"database: {database.name}, {facts['bytes'] / 1e6:.0f} MB; {interviews:,} interviews "
        f"({drafts:,} drafts), {changes:,} changes"
    )
    print(f"generation: {facts['seconds']:.1f} s ({facts['output']})")
    key = None
    if args.encrypted:
        database = ensure_encrypted_copy(database)
        begin = time.perf_counter()
        key = unlock_file(database, BENCH_PASSPHRASE)
        print(
            f"encrypted copy: {database.name}; passphrase to key "
            f"{(time.perf_counter() - begin) * 1000:.0f} ms"
        )

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / database.name
        for suffix in ("", "-wal"):
            if Path(f"{database}{suffix}").exists():
                shutil.copy2(f"{database}{suffix}", f"{copy}{suffix}")
        settings = Settings(device_id=uuid.uuid4().hex, interviewer_name="Bench")
        workspace = open_workspace(copy, settings, create=False, key=key)
        try:
            rng = random.Random(7)
            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            counters = page_counters(workspace.db.conn, copy)
            saves, (read, written) = save_answers(workspace, args.saves, rng, counters)
            if profiler:
                profiler.disable()
            every = [ms for values in saves.values() for ms in values]
            print(f"save one answer on a draft: {summary(every)}")
            if counters:
                print(
                    f"    pages a save writes {written / len(every):.1f}, reads from the file "
                    f"{read / len(every):.1f}" + (" (encrypted)" if key else "")
                )
            for kind, values in saves.items():
                if values:
                    print(f"    {kind:5}: {summary(values)}")
            typed = long_note(workspace, args.long_note) if args.long_note else []
            tenth = max(1, len(typed) // 10)
            if typed:
                print(
                    f"one note saved {len(typed)} times: first {tenth} saves median "
                    f"{statistics.median(typed[:tenth]):.2f} ms, last {tenth} saves median "
                    f"{statistics.median(typed[-tenth:]):.2f} ms"
                )
            print(
                f"open an organisation's interview list: "
                f"{summary(organisation_lists(workspace, args.lists, rng))}"
            )
            ids_times, page_times, total = all_interviews(workspace, 10)
            print(f"all interviews, ids of {total:,}: {summary(ids_times)}")
            print(f"all interviews, first page of 100 rows: {summary(page_times)}")
        finally:
            workspace.close()
        if profiler:
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(25)
            stats.sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
