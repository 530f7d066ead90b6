"""Foundation benchmark: start-up to a filled window, search latency, peak memory.

    .venv/bin/python bench/bench_foundation.py [--orgs 10000] [--runs 5] [--queries 50]

The database (N organisations with 3 contacts and 5 headlines each, from ``ctip demo``) is
generated once and kept in bench/out/. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

CHILD = r"""
import json, os, random, resource, statistics, sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from ui.app import create_window
window = create_window(["--db", sys.argv[1]])
window.show()
app.processEvents()
rows = window.model.rowCount()
shown = time.perf_counter() - start
print("SHOWN", flush=True)
names = [window.model.index(r, 0).data() for r in range(rows)]
rng = random.Random(7)
queries = []
for name in rng.sample(names, int(sys.argv[2])):
    words = name.split()
    word = rng.choice(words)
    # what a person types: a fragment of a word, growing key by key (3 to 6 characters)
    queries.append(word[: rng.randint(3, max(3, min(6, len(word))))])
latencies = []
hits = []
for query in queries:
    window.search.clear()
    app.processEvents()
    begin = time.perf_counter()
    window.search.setText(query)   # the list refreshes synchronously on textChanged
    app.processEvents()
    latencies.append((time.perf_counter() - begin) * 1000)
    hits.append(window.model.rowCount())
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rows": rows, "in_process_s": shown, "latencies_ms": latencies,
                  "hits": hits, "peak_mb": peak_kb / 1024}))
window.close()
"""


def ensure_database(orgs: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"foundation-{orgs}.db"
    if path.exists():
        return path
    print(f"generating {orgs} organisations into {path} ...", flush=True)
    begin = time.perf_counter()
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    subprocess.run(
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
            "2026",
        ],
        check=True,
        cwd=ROOT,
    )
    partial.rename(path)
    print(f"generated in {time.perf_counter() - begin:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    database = ensure_database(args.orgs)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[variable] = str(Path(home) / variable)
        walls, results = [], []
        for _ in range(args.runs):
            begin = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(database), str(args.queries)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert child.stdout is not None
            marker = child.stdout.readline()
            walls.append(time.perf_counter() - begin)  # process start to window shown, filled
            assert marker.strip() == "SHOWN", marker
            results.append(json.loads(child.stdout.readline()))
            child.wait()
    shown = [r["in_process_s"] for r in results]
    latencies = [ms for r in results for ms in r["latencies_ms"]]
    print(
        f"database: {database.name}, {results[0]['rows']} organisations listed, "
        f"{database.stat().st_size / 1e6:.0f} MB"
    )
    print(
        f"process start to window shown with the list filled ({args.runs} runs): "
        f"median {statistics.median(walls):.3f} s, max {max(walls):.3f} s "
        f"(of which after the interpreter started: median {statistics.median(shown):.3f} s)"
    )
    print(
        f"search-as-you-type, {len(latencies)} queries: median "
        f"{statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
        f"max {max(latencies):.1f} ms; median hits {statistics.median(results[0]['hits'])}"
    )
    print(f"peak memory (max RSS): {max(r['peak_mb'] for r in results):.0f} MB")


if __name__ == "__main__":
    main()
