"""Foundation benchmark: start-up to a filled window, search latency, peak memory.

    .venv/bin/python bench/bench_foundation.py [--orgs 10000] [--runs 5] [--queries 50]
                                               [--encrypted]

The database (N organisations with 3 contacts and 5 headlines each, from ``ctip demo``) is
generated once and kept in bench/out/. Figures are printed, never asserted. With
``--encrypted`` the same database protected by a passphrase (an encrypted copy of the
cached plain file, kept beside it) is opened by the window, the passphrase given to its
prompt: start-up then includes deriving the key once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

BENCH_PASSPHRASE = "bench passphrase"

CHILD = r"""
import json, os, random, resource, statistics, sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
import ui.passphrase
# What a person types at the prompt of an encrypted database (never asked for a plain one).
ui.passphrase.ask_passphrase = lambda *args, **kwargs: os.environ["BENCH_PASSPHRASE"]
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


def ensure_encrypted_copy(plain: Path) -> Path:
    """The cached database protected by BENCH_PASSPHRASE: a copy of the plain file,
    encrypted once with the app's own function, kept in bench/out beside it."""
    sys.path.insert(0, str(ROOT))
    from ctip_desktop.storage.encryption import encrypt_database

    path = plain.with_name(plain.name.replace(".db", "-encrypted.db"))
    if path.exists():
        return path
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    begin = time.perf_counter()
    for suffix in ("", "-wal"):
        if Path(f"{plain}{suffix}").exists():
            shutil.copyfile(f"{plain}{suffix}", f"{partial}{suffix}")
    encrypt_database(partial, BENCH_PASSPHRASE)
    partial.rename(path)
    print(f"encrypted a copy of {plain.name} in {time.perf_counter() - begin:.1f} s", flush=True)
    return path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--encrypted", action="store_true", help="the database with a passphrase")
    args = parser.parse_args()
    database = ensure_database(args.orgs)
    if args.encrypted:
        database = ensure_encrypted_copy(database)
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=str(ROOT),
            BENCH_PASSPHRASE=BENCH_PASSPHRASE,
        )
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
