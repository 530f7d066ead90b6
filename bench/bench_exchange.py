"""Export benchmark: XLSX, CSV and JSON of 10,000 organisations with 50,000 interviews.

    .venv/bin/python bench/bench_exchange.py [--orgs 10000] [--per-org 5] [--source DB]
                                             [--formats xlsx csv json] [--import-json]

Uses the database bench_interviews.py generates and caches in bench/out/ (generated first
if missing; ``--source`` names another copy of it). The exports run on a copy made with
SQLite's backup API, so the cached file is never modified. Figures are printed, never
asserted; the target for XLSX is under 60 s. ``--import-json`` also times importing the
JSON archive into an empty database (a full merge: minutes).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ctip_desktop.exchange import export_data, import_archive  # noqa: E402
from ctip_desktop.settings import Settings  # noqa: E402
from ctip_desktop.workspace import open_workspace  # noqa: E402


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy, read-only on the source (its WAL, if any, included)."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--per-org", type=float, default=5)
    parser.add_argument("--source", type=Path, help="the generated database to copy")
    parser.add_argument("--formats", nargs="+", default=["xlsx", "csv", "json"])
    parser.add_argument("--import-json", action="store_true")
    args = parser.parse_args()
    if args.source is None:
        from bench_interviews import ensure_database

        args.source, _ = ensure_database(args.orgs, args.per_org)
    work = Path(tempfile.mkdtemp(prefix="ctip-bench-exchange-"))
    try:
        database = work / "copy.db"
        begin = time.perf_counter()
        copy_database(args.source, database)
        print(f"copied {args.source.name} ({size(database) / 1024**2:,.0f} MB) in "
              f"{time.perf_counter() - begin:.1f} s")  # fmt: skip
        settings = Settings(device_id="e" * 32, interviewer_name="Bench")
        workspace = open_workspace(database, settings, create=False)
        try:
            targets = {"xlsx": work / "export.xlsx", "csv": work / "csv", "json": work / "a.json"}
            for fmt in args.formats:
                result = export_data(workspace, fmt, targets[fmt])
                counts = ", ".join(f"{n:,} {what}" for what, n in result.counts.items())
                print(
                    f"{fmt.upper():4} export: {result.seconds:6.1f} s  "
                    f"({size(result.path) / 1024**2:,.0f} MB; {counts})"
                    + ("  target < 60 s" if fmt == "xlsx" else "")
                )
        finally:
            workspace.close()
        if args.import_json and "json" in args.formats:
            fresh = open_workspace(work / "fresh.db", Settings(device_id="f" * 32))
            try:
                result = import_archive(fresh, targets["json"], backup=False)
                print(f"JSON import into an empty database: {result.seconds:.1f} s "
                      f"({result.new_changes:,} changes)")  # fmt: skip
            finally:
                fresh.close()
        print("(2 shared cores: figures vary with what else the machine is doing)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
