"""Analysis benchmark: how long a filter change takes, in the core and in the page.

    .venv/bin/python bench/bench_analysis.py [--db PATH] [--orgs 10000] [--per-org 5]
                                             [--runs 3] [--profile]

Reads the database bench_interviews.py generates and caches (bench/out/interviews-NxP.db,
generated here if missing), or ``--db``. The file is opened read-only, so the cached file
stays as generated. For each filter change it prints the median and the slowest of ``--runs``
runs of ``analyse`` (the core) and of the analysis page's refresh through Qt offscreen
(the core, the charts and tables updated, and the page painted). Figures are printed, never
asserted; the target is a filter change under 1 s on 10,000 organisations.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ctip_desktop.analysis import AnalysisFilter, analyse  # noqa: E402
from ctip_desktop.settings import Settings  # noqa: E402
from ctip_desktop.storage.changelog import ChangeLog  # noqa: E402
from ctip_desktop.storage.connection import open_read_only  # noqa: E402
from ctip_desktop.workspace import Workspace  # noqa: E402

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"


def open_workspace_read_only(path: Path) -> Workspace:
    db = open_read_only(path)
    return Workspace(path, db, ChangeLog(db, device_id="bench-analysis"))


def filter_changes(workspace: Workspace) -> list[tuple[str, AnalysisFilter]]:
    """What a person does on the page: from everything, narrow, widen, switch survey."""
    db = workspace.db
    country = db.execute(
        "SELECT j.value, count(*) FROM organisation o, json_each(o.countries) j "
        "GROUP BY j.value ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    sector = db.execute(
        "SELECT j.value, count(*) FROM organisation o, json_each(o.sectors) j "
        "GROUP BY j.value ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    interviewer = db.execute(
        "SELECT interviewer FROM interview GROUP BY interviewer ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    total = db.execute("SELECT count(*) FROM interview").fetchone()[0]
    middle = db.execute(
        "SELECT substr(started_at, 1, 10) FROM interview ORDER BY started_at LIMIT 1 OFFSET ?",
        (total // 2,),
    ).fetchone()[0]  # the later half of the interviews
    return [
        ("Example #2, everything", AnalysisFilter(EXAMPLE_2)),
        (f"country {country}", AnalysisFilter(EXAMPLE_2, country=country)),
        (
            f"country {country} + sector {sector}",
            AnalysisFilter(EXAMPLE_2, country=country, sector=sector),
        ),
        ("stage Interviewed", AnalysisFilter(EXAMPLE_2, stage="Interviewed")),
        (f"interviewer {interviewer}", AnalysisFilter(EXAMPLE_2, interviewer=interviewer)),
        (f"from {middle}", AnalysisFilter(EXAMPLE_2, date_from=middle)),
        ("Example #1, everything", AnalysisFilter(EXAMPLE_1)),
        ("back to Example #2, everything", AnalysisFilter(EXAMPLE_2)),
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def measure_core(
    workspace: Workspace, changes: list[tuple[str, AnalysisFilter]], runs: int
) -> None:
    print("\ncore: analyse(workspace, filter)")
    print(f"  {'filter':42} {'interviews':>10} {'median':>10} {'slowest':>10}")
    for label, flt in changes:
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            analysis = analyse(workspace, flt)
            times.append(time.perf_counter() - begin)
        print(
            f"  {label:42} {analysis.interviews:10,} {ms(statistics.median(times))} "
            f"{ms(max(times))}"
        )


def measure_view(
    workspace: Workspace, changes: list[tuple[str, AnalysisFilter]], runs: int
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.analysis_view import AnalysisView

    app = QApplication.instance() or QApplication([])
    settings = Settings(device_id="bench-analysis", interviewer_name="Bench")
    view = AnalysisView(workspace, settings)
    view.resize(1280, 860)
    view.show()
    begin = time.perf_counter()
    view.show_page()  # the page shown: menus filled, first analysis
    app.processEvents()
    print(
        f"\npage shown (menus filled, first analysis, painted): {ms(time.perf_counter() - begin)}"
    )
    print("page: a filter change (analysis, charts and tables updated, painted)")
    print(f"  {'filter':42} {'median':>10} {'slowest':>10}")
    worst = 0.0
    for label, flt in changes:
        times = []
        for _ in range(runs):
            # Start from another filter, so each run is a real change.
            view.set_filter(questionnaire_id=EXAMPLE_2, country="", sector="", stage="")
            app.processEvents()
            begin = time.perf_counter()
            view.set_filter(
                questionnaire_id=flt.questionnaire_id,
                sector=flt.sector,
                country=flt.country,
                stage=flt.stage,
                interviewer=flt.interviewer,
                date_from=flt.date_from,
                date_to=flt.date_to,
            )
            view.repaint()
            app.processEvents()
            times.append(time.perf_counter() - begin)
        worst = max(worst, max(times))
        print(f"  {label:42} {ms(statistics.median(times))} {ms(max(times))}")
    print(f"slowest filter change on the page: {ms(worst)} (target: under 1 s)")
    view.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a database to read (default: the cached one)")
    parser.add_argument("--orgs", type=int, default=10000)
    parser.add_argument("--per-org", type=float, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="where the unfiltered time goes")
    args = parser.parse_args()
    if args.db is not None:
        path = args.db
    else:
        from bench_interviews import ensure_database

        path, _ = ensure_database(args.orgs, args.per_org)
    # Settings and logs of this run go to a scratch folder, not the user's.
    scratch = Path(tempfile.mkdtemp(prefix="bench-analysis-"))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(scratch / variable)
    workspace = open_workspace_read_only(path)
    counts = workspace.db.execute(
        "SELECT (SELECT count(*) FROM organisation), (SELECT count(*) FROM interview), "
        "(SELECT count(*) FROM answer)"
    ).fetchone()
    print(
        f"{path.name}: {counts[0]:,} organisations, {counts[1]:,} interviews, {counts[2]:,} answers"
    )
    changes = filter_changes(workspace)
    analyse(workspace, AnalysisFilter(EXAMPLE_2))  # warm the page cache: a file read once
    measure_core(workspace, changes, args.runs)
    measure_view(workspace, changes, args.runs)
    if args.profile:
        print("\nprofile of the unfiltered Example #2 analysis (cumulative):")
        profiler = cProfile.Profile()
        profiler.runcall(analyse, workspace, AnalysisFilter(EXAMPLE_2))
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    workspace.close()


if __name__ == "__main__":
    main()
