"""PDF benchmark: one briefing pack, and 1,000 partner profiles in one batch.

    PYTHONPATH=. python bench/bench_reports.py [--orgs 1000] [--seed 7] [--out DIR]

Everything goes through the calls the window and ``ctip pdf`` make: :func:`build_report` for
the briefing pack and :func:`export_reports` for the batch, so the figures include the
recommendation engine and the team's decisions (a third of the organisations get one accepted,
one dismissed and one annotated recommendation before the run). Prints figures; asserts nothing
about time. Targets (issue 4): a briefing pack in under 1 s; 1,000 partner profiles in under
2 minutes, with resident memory flat over the batch (sampled after every profile with psutil).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ctip_desktop.demo import generate_demo
from ctip_desktop.interviews import InterviewFilter
from ctip_desktop.recommend import recommend_for
from ctip_desktop.reports import build_report, export_reports
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace


def mb(value: int) -> float:
    return value / 1024 / 1024


def decide(workspace: Workspace, ids: list[str]) -> int:
    """Accept, dismiss and annotate a recommendation of every third organisation (once)."""
    if workspace.db.execute("SELECT count(*) FROM recommendation_decision").fetchone()[0]:
        return 0
    decided = 0
    for org_id in ids[::3]:
        recs = recommend_for(workspace, org_id).recommendations
        if len(recs) < 3:
            continue
        first, second, third = recs[:3]
        store = workspace.decisions
        store.accept(
            org_id,
            first.rule_id,
            first.title,
            list(first.next_steps),
            owner="Bench",
            today=date(2026, 1, 5),
        )
        store.dismiss(org_id, second.rule_id, second.title, "Not this year")
        store.annotate(org_id, third.rule_id, third.title, "Ask the country lead first")
        decided += 1
    return decided


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="ctip-bench-reports-"))
    out.mkdir(parents=True, exist_ok=True)
    db = out / f"reports-{args.orgs}.db"
    settings = Settings(interviewer_name="Bench")
    workspace = open_workspace(db, settings)
    if not workspace.profiles.list_ids():
        started = time.perf_counter()
        generate_demo(workspace, args.orgs, args.seed)
        print(f"demo database: {args.orgs} organisations in {time.perf_counter() - started:.1f} s")
    ids = workspace.profiles.list_ids()
    started = time.perf_counter()
    decided = decide(workspace, ids)
    if decided:
        print(f"decisions on {decided} organisations in {time.perf_counter() - started:.1f} s")
    process = psutil.Process()

    # The organisation with the most interviews makes the heaviest briefing pack.
    def interviews_of(org_id: str) -> int:
        return len(workspace.interviews.list_ids(InterviewFilter(org_id=org_id)))

    busiest = max(ids[:200], key=interviews_of)
    target = out / "briefing.pdf"
    times = []
    for _ in range(5):
        started = time.perf_counter()
        build_report(workspace, busiest, "briefing", "internal", target)
        times.append(time.perf_counter() - started)
    recommendations = len(recommend_for(workspace, busiest).recommendations)
    print(
        f"briefing pack via build_report ({interviews_of(busiest)} interviews, "
        f"{recommendations} recommendations, {target.stat().st_size / 1024:.0f} KB): "
        f"first {times[0] * 1000:.0f} ms (fonts loaded), then median "
        f"{statistics.median(times[1:]) * 1000:.0f} ms"
    )

    batch = ids[: args.orgs]
    folder = out / "profiles"
    rss = [process.memory_info().rss]

    def progress(done: int, total: int, name: str) -> bool:
        rss.append(process.memory_info().rss)
        return True

    started = time.perf_counter()
    result = export_reports(workspace, batch, "profile", "partner", folder, progress=progress)
    elapsed = time.perf_counter() - started
    tenth = max(len(rss) // 10, 1)
    print(
        f"{len(result.written)} partner profiles via export_reports ({len(result.failed)} "
        f"failed): {elapsed:.1f} s ({elapsed / len(batch) * 1000:.0f} ms each); RSS before "
        f"{mb(rss[0]):.0f} MB, after the first 10% {mb(max(rss[:tenth])):.0f} MB, peak "
        f"{mb(max(rss)):.0f} MB, last 10% {mb(min(rss[-tenth:])):.0f}-"
        f"{mb(max(rss[-tenth:])):.0f} MB"
    )
    middle = rss[len(rss) // 2]
    print(
        f"RSS growth over the second half of the batch: {mb(rss[-1] - middle):+.1f} MB "
        f"({mb(middle):.0f} MB at {len(rss) // 2} profiles, {mb(rss[-1]):.0f} MB at the end)"
    )

    started = time.perf_counter()
    result = export_reports(workspace, ids, "portfolio", "internal", out)
    print(
        f"portfolio of {len(ids)} organisations via export_reports (engine readiness for "
        f"each): {time.perf_counter() - started:.1f} s ({result.summary()})"
    )
    print(f"output in {out}")
    workspace.close()


if __name__ == "__main__":
    main()
