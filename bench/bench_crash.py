"""Crash safety: kill a writing process at random moments, many times (issue 7).

    python bench/bench_crash.py [--kills 200] [--seed 1]

Each child writes answers, profile edits, new organisations and merges without pause and is
killed with SIGKILL after a random time; after every kill the file must pass SQLite's
integrity and foreign key checks and hold every write the child had reported committed.
Figures are printed, never asserted (tests/core/test_crash_safety.py asserts on fewer kills).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crash_writes import run_kills  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ctip-crash-") as folder:
        begin = time.perf_counter()
        report = run_kills(Path(folder), args.kills, seed=args.seed, progress=True)
        seconds = time.perf_counter() - begin
        size = (Path(folder) / "crash.db").stat().st_size
    print(f"kills:                         {report.kills}")
    print(f"kills before the first write:  {report.kills_before_first_write}")
    print(f"writes reported committed:     {report.writes_reported} {report.reported_by_kind}")
    print(f"integrity failures:            {len(report.integrity_failures)}")
    print(f"committed writes lost:         {len(report.lost)}")
    print(f"database at the end:           {size / 1024**2:.1f} MB")
    print(f"seconds:                       {seconds:.0f}")
    for line in report.integrity_failures[:10] + report.lost[:10]:
        print("  ", line)


if __name__ == "__main__":
    main()
