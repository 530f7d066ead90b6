"""The analysis as a PDF: what the analysis page shows, on paper, with the other reports' look.

Built from the :class:`~ctip_desktop.analysis.Analysis` record the page computed, so the PDF
never reads the database and says exactly what the screen said. It names organisations and
quotes their write-ins: it is an internal document, and its footer says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from ctip_desktop.analysis import Analysis, ChoiceSummary, ScaleSummary
from ctip_desktop.reports import charts, styles
from ctip_desktop.reports.model import ReportMeta
from ctip_desktop.reports.pdf import (
    Heading,
    ReportDocument,
    Target,
    _build,
    _count,
    _render,
    _table,
    _zebra,
    para,
)

# Beyond these the PDF says how many rows were left out: the page lists every one.
MAX_WRITE_INS = 300
MAX_CHANGES = 200


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _scale_block(item: ScaleSummary, interviews: int, width: float) -> Any:
    anchors = dict(item.anchors)
    ends = f"{item.minimum} = {anchors.get(item.minimum, '')}; {item.maximum} = " + anchors.get(
        item.maximum, ""
    )
    return KeepTogether(
        [
            Heading(f"{item.number}. {item.text}", 1),
            para(
                f"{item.answered} of {interviews} interviews answered · mean "
                f"{_number(item.mean)} · median {_number(item.median)} · {ends}",
                styles.SMALL,
            ),
            charts.distribution_bars([(b.label, b.count) for b in item.bars], width),
        ]
    )


def _choice_block(item: ChoiceSummary, interviews: int, width: float) -> Any:
    return KeepTogether(
        [
            Heading(f"{item.number}. {item.text}", 1),
            para(
                f"{item.answered} of {interviews} interviews ticked something; the shares are "
                f"of those {item.answered}.",
                styles.SMALL,
            ),
            charts.frequency_bars(
                [(b.label, b.count) for b in item.bars], width, total=item.answered
            ),
        ]
    )


def _write_ins(analysis: Analysis, width: float) -> list[Any]:
    story: list[Any] = [Heading("“Other” write-ins")]
    if not analysis.write_ins:
        return [*story, para("Nobody wrote anything under “Other”.", styles.SMALL)]
    head = ["Item", "Organisation", "Date", "Write-in"]
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    for write_in in analysis.write_ins[:MAX_WRITE_INS]:
        rows.append(
            [
                para(write_in.item_number, styles.CELL),
                para(write_in.org_name, styles.CELL),
                para(write_in.date, styles.CELL),
                para(write_in.text, styles.CELL),
            ]
        )
    widths = [12 * mm, 50 * mm, 22 * mm, 0.0]
    widths[-1] = width - sum(widths)
    story.append(_zebra(_table(rows, widths), len(rows)))
    left_out = len(analysis.write_ins) - MAX_WRITE_INS
    if left_out > 0:
        story.append(para(f"… and {left_out} more write-ins, listed in the app.", styles.SMALL))
    return story


def _changes(analysis: Analysis, width: float) -> list[Any]:
    story: list[Any] = [
        Heading("Change over time"),
        para(
            "For each organisation with two or more of these interviews: each scale's value "
            "in the earliest and in the latest interview that answered it.",
            styles.SMALL,
        ),
    ]
    if not analysis.changes:
        return [*story, para("No organisation was interviewed more than once.", styles.SMALL)]
    head = ["Item", "Organisations", "Mean change", "Rose", "Same", "Fell"]
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    for change in analysis.item_changes:
        rows.append(
            [
                para(f"{change.number}. {change.text}", styles.CELL),
                para(str(change.organisations), styles.CELL_RIGHT),
                para(_signed(change.mean_change), styles.CELL_RIGHT),
                para(str(change.rose), styles.CELL_RIGHT),
                para(str(change.same), styles.CELL_RIGHT),
                para(str(change.fell), styles.CELL_RIGHT),
            ]
        )
    widths = [0.0, 24 * mm, 22 * mm, 13 * mm, 13 * mm, 13 * mm]
    widths[0] = width - sum(widths)
    story.append(_zebra(_table(rows, widths), len(rows)))
    scales = analysis.scales
    head = ["Organisation", "First", "Latest", *(f"Item {s.number}" for s in scales)]
    rows = [[para(h, styles.CELL_HEAD) for h in head]]
    for organisation in analysis.changes[:MAX_CHANGES]:
        cells = [
            para(organisation.name, styles.CELL),
            para(organisation.first_date, styles.CELL),
            para(organisation.latest_date, styles.CELL),
        ]
        for scale in scales:
            pair = organisation.values.get(scale.item_id)
            cells.append(para("" if pair is None else f"{pair[0]} → {pair[1]}", styles.CELL))
        rows.append(cells)
    widths = [0.0, 20 * mm, 20 * mm, *([16 * mm] * len(scales))]
    widths[0] = width - sum(widths)
    story += [CondPageBreak(40 * mm), _zebra(_table(rows, widths), len(rows))]
    left_out = len(analysis.changes) - MAX_CHANGES
    if left_out > 0:
        story.append(para(f"… and {left_out} more organisations, listed in the app.", styles.SMALL))
    return story


def analysis_story(analysis: Analysis, meta: ReportMeta) -> list[Any]:
    width = styles.FRAME_WIDTH
    drafts = (
        f" · {_count(analysis.drafts_left_out, 'draft')} left out (not completed)"
        if analysis.drafts_left_out
        else ""
    )
    story: list[Any] = [
        para(f"Analysis: {analysis.questionnaire_title}", styles.TITLE),
        para(
            f"{_count(analysis.interviews, 'completed interview')} of "
            f"{_count(analysis.organisations, 'organisation')}{drafts} · {meta.generated_on}",
            styles.SUBTITLE,
        ),
        para(f"Filter: {analysis.filter.description() or 'all organisations'}", styles.BODY),
        para(
            "Every completed interview counts as it stands after its corrections, so an "
            "organisation interviewed twice counts twice. Means, medians and shares are of "
            "the interviews that answered the item.",
            styles.SMALL,
        ),
    ]
    if analysis.items:
        story.append(Heading("Scales and checklists"))
    for item in analysis.items:
        if isinstance(item, ScaleSummary):
            story.append(_scale_block(item, analysis.interviews, width))
        else:
            story.append(_choice_block(item, analysis.interviews, width))
    if not analysis.items:
        story.append(
            para("This questionnaire has no scale or check-all items to chart.", styles.BODY)
        )
    story += _write_ins(analysis, width)
    story += _changes(analysis, width)
    return story


def build_analysis_report(
    analysis: Analysis,
    target: Target | None = None,
    *,
    author: str = "",
    today: str | None = None,
) -> bytes | None:
    """Write the analysis PDF to ``target``, or return its bytes."""
    meta = ReportMeta(
        audience="internal", generated_on=today or date.today().isoformat(), author=author
    )

    def make(out: Any) -> None:
        doc = ReportDocument(
            out,
            meta,
            kind="Analysis",
            subject_name=analysis.questionnaire_title,
            title=f"Analysis: {analysis.questionnaire_title}",
            subject=(
                f"Analysis of {_count(analysis.interviews, 'completed interview')}"
                + (f" ({analysis.filter.description()})" if analysis.filter.description() else "")
            ),
        )
        _build(doc, analysis_story(analysis, meta))

    return _render(target, make)
