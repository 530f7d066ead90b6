"""Merge benchmark: two databases of N organisations and 5 N interviews sharing half.

    python bench/bench_merge.py [--orgs 10000] [--per-org 5] [--rebuild]

One database of N/2 organisations (and their interviews) is generated under a "base" device,
then copied to A and B; each copy gets N/2 different organisations more under its own device
(demo seeds differ), so A and B share half their records. The three files are kept in
bench/out/ (generation takes minutes); the measurements run on a copy of A, so the cached
files stay as generated. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from ctip_desktop.settings import Settings  # noqa: E402
from ctip_desktop.workspace import open_workspace  # noqa: E402

BASE_DEVICE = "ba5e0000000000000000000000000000"
DEVICES = {"A": "aaaa0000000000000000000000000000", "B": "bbbb0000000000000000000000000000"}
SEEDS = {"base": 101, "A": 202, "B": 303}


def _generate(path: Path, device: str, who: str, orgs: int, seed: int, per_org: float) -> None:
    from ctip_desktop.demo import generate_demo

    workspace = open_workspace(path, Settings(device_id=device, interviewer_name=who))
    try:
        generate_demo(workspace, orgs, seed, interviews_per_org=per_org)
    finally:
        workspace.close()


def ensure_databases(orgs: int, per_org: float, rebuild: bool) -> dict[str, Path]:
    """The cached databases A and B (and their shared base), generated when missing."""
    OUT.mkdir(parents=True, exist_ok=True)
    stem = f"merge-{orgs}x{per_org:g}"
    paths = {name: OUT / f"{stem}-{name}.db" for name in ("base", "A", "B")}
    facts_path = OUT / f"{stem}.json"
    if not rebuild and facts_path.exists() and all(p.exists() for p in paths.values()):
        return paths
    for path in paths.values():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    half = orgs // 2
    begin = time.perf_counter()
    print(f"generating the shared base: {half} organisations ...", flush=True)
    _generate(paths["base"], BASE_DEVICE, "Base Laptop", half, SEEDS["base"], per_org)
    base_seconds = time.perf_counter() - begin
    for name in ("A", "B"):
        shutil.copyfile(paths["base"], paths[name])
    print(f"adding {orgs - half} different organisations to A and to B ...", flush=True)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--_add",
                str(paths[name]),
                DEVICES[name],
                str(orgs - half),
                str(SEEDS[name]),
                str(per_org),
            ]
        )
        for name in ("A", "B")
    ]
    for worker in workers:
        if worker.wait() != 0:
            raise SystemExit("generation failed")
    facts = {"base_seconds": base_seconds, "total_seconds": time.perf_counter() - begin}
    facts_path.write_text(json.dumps(facts), encoding="utf-8")
    return paths


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--_add":
        path, device, orgs, seed, per_org = sys.argv[2:7]
        _generate(Path(path), device, f"Laptop {device[:4]}", int(orgs), int(seed), float(per_org))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--per-org", type=float, default=5)
    parser.add_argument("--rebuild", action="store_true", help="generate the databases again")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the merge (main thread, by own time)"
    )
    args = parser.parse_args()
    paths = ensure_databases(args.orgs, args.per_org, args.rebuild)
    measure(paths, args.profile)


def _cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _system_seconds() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _counts(path: Path) -> dict[str, int]:
    import sqlite3

    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("change", "organisation", "interview", "answer", "field_conflict")
        }
    finally:
        connection.close()


def measure(paths: dict[str, Path], profile: bool) -> None:
    import os
    import tempfile

    from ctip_desktop.sync import inspect_incoming, merge, preview_merge

    home = Path(tempfile.mkdtemp(prefix="ctip-bench-home-"))
    os.environ["XDG_DATA_HOME"] = str(home)  # backups go to a throwaway data folder
    work = OUT / "merge-work-A.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    shutil.copyfile(paths["A"], work)
    print(f"A: {_counts(work)}")
    print(f"B: {_counts(paths['B'])}")
    workspace = open_workspace(work, Settings(device_id=DEVICES["A"], interviewer_name="A"))
    figures: dict[str, Any] = {}
    try:
        begin = time.perf_counter()
        incoming = inspect_incoming(paths["B"])
        figures["inspect (checks, sha256)"] = time.perf_counter() - begin
        with incoming:
            begin = time.perf_counter()
            preview = preview_merge(workspace, incoming)
            figures["preview (reads and checks the new changes)"] = time.perf_counter() - begin
            print(
                f"preview: {preview.new_changes:,} new changes, {len(preview.organisations):,} "
                f"organisations, added {preview.added}, conflicts {preview.conflicts}"
            )
            incoming.cache.clear()  # time the merge as if no preview had run
            cpu_before = _cpu_seconds()
            system_before = _system_seconds()
            begin = time.perf_counter()
            if profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                result = profiler.runcall(merge, workspace, incoming, keep_backups=1)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
            else:
                result = merge(workspace, incoming, keep_backups=1)
            figures["merge A <- B (backup, read, check, insert, derive)"] = (
                time.perf_counter() - begin
            )
            # Processor time of all threads: what the merge costs whatever else runs on the
            # machine (wall time is at least this divided by the number of cores).
            figures["  processor time of the merge (user + system, all threads)"] = (
                _cpu_seconds() - cpu_before
            )
            figures["  of which system (file copies, page faults)"] = (
                _system_seconds() - system_before
            )
        begin = time.perf_counter()
        result.wait_for_checkpoint()
        figures["checkpoint after the merge (background, not in the merge)"] = (
            time.perf_counter() - begin
        )
        print(f"merge: {result.counts()}, backup {result.backup}")
        for label, seconds in result.timings.items():
            print(f"    {label:45s} {seconds:6.2f} s")
        figures["inspect + merge"] = (
            figures["inspect (checks, sha256)"]
            + figures["merge A <- B (backup, read, check, insert, derive)"]
        )
        workspace.close()
        after_first = _sha256(work)
        workspace = open_workspace(work, Settings(device_id=DEVICES["A"], interviewer_name="A"))
        begin = time.perf_counter()
        with inspect_incoming(paths["B"]) as again:
            second = merge(workspace, again, keep_backups=1)
        figures["re-merge of the same file (inspect + merge)"] = time.perf_counter() - begin
        workspace.close()
        unchanged = _sha256(work) == after_first
        print(f"re-merge: {second.status}, {second.new_changes} new, file unchanged: {unchanged}")
        print(f"A after: {_counts(work)}")
    finally:
        workspace.close()
        shutil.rmtree(home, ignore_errors=True)
    for label, seconds in figures.items():
        print(f"{label:55s} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
