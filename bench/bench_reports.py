"""PDF benchmark: one briefing pack, and 1,000 partner profiles in one batch.

    PYTHONPATH=. python bench/bench_reports.py [--orgs 1000] [--seed 7] [--out DIR]

Prints figures; asserts nothing about time. Targets (issue 4): a briefing pack in under 1 s;
1,000 partner profiles in under 2 minutes, with resident memory flat over the batch (sampled
after every profile with psutil).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ctip_desktop.demo import generate_demo
from ctip_desktop.interviews import InterviewFilter
from ctip_desktop.reports import (
    RecommendationView,
    assemble_briefing_pack,
    assemble_partner_profile,
    assemble_portfolio,
    build_briefing_pack,
    build_partner_profile,
    build_portfolio_report,
)
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace

RECOMMENDATIONS = [
    RecommendationView(
        title=f"Recommendation {n}",
        category="Category 1: When suppliers struggle, workers pay the price",
        opportunity="Create new channels for collaboration across supply chains",
        roles=["Cross-sector facilitator and convener"],
        priority=("high", "medium", "low")[n % 3],
        next_steps=["Invite two buyers to a round table", "Share the data platform offer"],
        reasons=["Item 3: supply chain affected 9 of 10", "Item 9: openness to companies 8"],
        status="proposed",
    )
    for n in range(5)
]


def mb(value: int) -> float:
    return value / 1024 / 1024


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
    process = psutil.Process()

    # The organisation with the most interviews makes the heaviest briefing pack.
    def interviews_of(org_id: str) -> int:
        return len(workspace.interviews.list_ids(InterviewFilter(org_id=org_id)))

    busiest = max(ids[:200], key=interviews_of)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        pack = assemble_briefing_pack(
            workspace, busiest, "internal", recommendations=RECOMMENDATIONS
        )
        assembled = time.perf_counter()
        data = build_briefing_pack(pack)
        times.append((assembled - started, time.perf_counter() - assembled))
    assert data is not None
    (out / "briefing.pdf").write_bytes(data)
    print(
        f"briefing pack ({interviews_of(busiest)} interviews, {len(data) / 1024:.0f} KB): "
        f"first {sum(times[0]) * 1000:.0f} ms (fonts loaded), then median "
        f"{statistics.median(a + b for a, b in times[1:]) * 1000:.0f} ms "
        f"(assemble {statistics.median(a for a, _ in times[1:]) * 1000:.0f} ms)"
    )

    batch = ids[: args.orgs]
    folder = out / "profiles"
    folder.mkdir(exist_ok=True)
    rss = [process.memory_info().rss]
    started = time.perf_counter()
    for number, org_id in enumerate(batch, 1):
        report = assemble_partner_profile(
            workspace, org_id, "partner", recommendations=RECOMMENDATIONS
        )
        build_partner_profile(report, folder / f"{number:04d}.pdf")
        rss.append(process.memory_info().rss)
    elapsed = time.perf_counter() - started
    tenth = max(len(rss) // 10, 1)
    print(
        f"{len(batch)} partner profiles: {elapsed:.1f} s ({elapsed / len(batch) * 1000:.0f} ms "
        f"each); RSS before {mb(rss[0]):.0f} MB, after the first 10% "
        f"{mb(max(rss[:tenth])):.0f} MB, peak {mb(max(rss)):.0f} MB, last 10% "
        f"{mb(min(rss[-tenth:])):.0f}-{mb(max(rss[-tenth:])):.0f} MB"
    )

    started = time.perf_counter()
    portfolio = assemble_portfolio(workspace, ids, "internal", title="All organisations")
    build_portfolio_report(portfolio, out / "portfolio.pdf")
    print(
        f"portfolio of {len(ids)} organisations: {time.perf_counter() - started:.1f} s "
        f"({len(portfolio.rows)} rows)"
    )
    print(f"output in {out}")
    workspace.close()


if __name__ == "__main__":
    main()
