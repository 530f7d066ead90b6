"""Charts drawn with reportlab.graphics: plain, labelled, in the reports' colours."""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import ScatterPlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from ctip_desktop.reports import styles
from ctip_desktop.reports.fonts import BASE, BASE_BOLD, single_font
from ctip_desktop.reports.model import TIERS, AnswerView, PortfolioRow

# Short labels for Example #2's scale items (the full questions are in the answers table).
SCALE_LABELS = {
    "supply_chain_effect": "3 · Supply chain affected",
    "migrant_exploitation_risk": "7 · Migrant workers exposed",
    "continuity_plan": "8 · Continuity plan activated",
    "openness_private_sector": "9 · Open to companies",
    "openness_cso_donors": "10 · Open to CSOs / donors",
}


def _axis_text(axis: object, size: float = 7.5) -> None:
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName = BASE
    labels.fontSize = size
    labels.fillColor = styles.MUTED


def scale_bars(answers: Sequence[AnswerView], width: float, *, height: float = 0) -> Drawing:
    """Horizontal bars of the scale items, 1–10, with each value printed at the bar's end."""
    scales = [a for a in answers if a.kind == "scale"]
    names = [SCALE_LABELS.get(a.item_id, f"{a.number} · {a.question[:30]}") for a in scales]
    values = [a.value if a.value is not None else 0 for a in scales]
    row = 19
    height = height or 28 + row * len(scales)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 128, 18
    chart.width, chart.height = width - 150, height - 26
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 10, 1
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeColor = styles.RULE
    chart.categoryAxis.strokeColor = styles.RULE
    chart.categoryAxis.visibleTicks = False
    _axis_text(chart.valueAxis)
    _axis_text(chart.categoryAxis, 8)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.labels.fillColor = styles.INK
    chart.bars[0].fillColor = styles.PRIMARY
    chart.bars[0].strokeColor = None
    chart.barWidth = 9
    chart.groupSpacing = 8
    chart.barLabelFormat = lambda v: "" if not v else f"{v:g}"
    chart.barLabels.fontName = BASE_BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.fillColor = styles.INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    for index, answer in enumerate(reversed(scales)):
        if answer.value is None:
            y = chart.y + chart.height * (index + 0.5) / max(len(scales), 1)
            drawing.add(
                String(
                    chart.x + 4,
                    y - 3,
                    "not answered",
                    fontName=BASE,
                    fontSize=7.5,
                    fillColor=styles.MUTED,
                )
            )
    return drawing


def frequency_bars(
    counts: Sequence[tuple[str, int]], width: float, *, total: int = 0, colour: object = None
) -> Drawing:
    """How often each option was ticked; with ``total``, the share is printed too."""
    names = [_wrapped(label, 44) for label, _ in counts]
    row = 24 if any("\n" in name for name in names) else 17
    height = 22 + row * max(len(counts), 1)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 200, 16
    chart.width, chart.height = width - 250, height - 20
    values = [c for _, c in counts] or [0]
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    top = max([*values, 1])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = max(1, round(top / 5))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeColor = styles.RULE
    chart.categoryAxis.strokeColor = styles.RULE
    chart.categoryAxis.visibleTicks = False
    _axis_text(chart.valueAxis)
    _axis_text(chart.categoryAxis, 8)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.labels.fillColor = styles.INK
    chart.bars[0].fillColor = colour or styles.PRIMARY
    chart.bars[0].strokeColor = None
    chart.barWidth = 8
    chart.groupSpacing = 8

    def label(value: float) -> str:
        if total:
            return f"{value:g} ({100 * value / total:.0f}%)"
        return f"{value:g}"

    chart.barLabelFormat = label
    chart.barLabels.fontName = BASE
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = styles.INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    return drawing


JITTER = 0.18  # at most, in scale units, as in the app's portfolio chart
AXIS_MIN, AXIS_MAX = 0.5, 10.5


def jitter(org_id: str) -> tuple[float, float]:
    """A small offset, always the same for an organisation, so equal scores do not hide each
    other (the app's portfolio chart moves each dot by the same amount)."""
    code = zlib.crc32(org_id.encode("utf-8"))
    dx = ((code & 0xFFFF) / 0xFFFF - 0.5) * 2 * JITTER
    dy = (((code >> 16) & 0xFFFF) / 0xFFFF - 0.5) * 2 * JITTER
    return dx, dy


def _placed(row: PortfolioRow) -> tuple[float, float]:
    assert row.need is not None and row.openness is not None
    dx, dy = jitter(row.org_id)
    return (
        min(max(row.need + dx, AXIS_MIN), AXIS_MAX),
        min(max(row.openness + dy, AXIS_MIN), AXIS_MAX),
    )


def need_openness(
    rows: Sequence[PortfolioRow],
    width: float,
    height: float = 250,
    *,
    thresholds: tuple[float, float] = (6.0, 6.0),
) -> Drawing:
    """Organisations placed by need (x) against openness (y), coloured by readiness tier.

    Only organisations whose need and openness are both known are placed; the dashed lines
    are at ``thresholds``, the need and openness from which the first tier starts.
    """
    drawing = Drawing(width, height)
    plot = ScatterPlot()
    plot.x, plot.y = 40, 34
    plot.width, plot.height = width - 170, height - 50
    series = []
    for tier in TIERS:
        points = [
            _placed(r)
            for r in rows
            if r.tier == tier and r.need is not None and r.openness is not None
        ]
        series.append(points or [(-5.0, -5.0)])  # off the chart: keeps colours per tier
    plot.data = series
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.valueMin, axis.valueMax = AXIS_MIN, AXIS_MAX
        axis.valueSteps = list(range(1, 11))
        axis.visibleGrid = True
        axis.gridStrokeColor = styles.RULE
        axis.gridStrokeWidth = 0.3
        axis.strokeColor = styles.RULE
        _axis_text(axis)
    plot.xLabel = ""
    plot.yLabel = ""
    plot.outerBorderOn = 0
    plot.background = None
    plot.lineLabelFormat = None
    for index, tier in enumerate(TIERS):
        plot.lines[index].strokeColor = styles.TIER_COLOURS[tier]
        plot.lines[index].symbol.kind = "Circle"
        plot.lines[index].symbol.size = 5
        plot.lines[index].symbol.fillColor = styles.TIER_COLOURS[tier]
        plot.lines[index].symbol.strokeColor = colors.white
        plot.lines[index].symbol.strokeWidth = 0.4
    drawing.add(plot)
    # Quadrant lines where the first tier starts (the rule file's thresholds).
    span = AXIS_MAX - AXIS_MIN
    mid_x = plot.x + plot.width * (thresholds[0] - AXIS_MIN) / span
    mid_y = plot.y + plot.height * (thresholds[1] - AXIS_MIN) / span
    drawing.add(
        Line(
            mid_x,
            plot.y,
            mid_x,
            plot.y + plot.height,
            strokeColor=styles.MUTED,
            strokeWidth=0.6,
            strokeDashArray=[2, 2],
        )
    )
    drawing.add(
        Line(
            plot.x,
            mid_y,
            plot.x + plot.width,
            mid_y,
            strokeColor=styles.MUTED,
            strokeWidth=0.6,
            strokeDashArray=[2, 2],
        )
    )
    drawing.add(
        String(
            plot.x + plot.width / 2,
            6,
            "Need (supply-chain disruption, worker exposure)",
            fontName=BASE,
            fontSize=8,
            fillColor=styles.INK,
            textAnchor="middle",
        )
    )
    label = String(
        0,
        0,
        "Openness to partner",
        fontName=BASE,
        fontSize=8,
        fillColor=styles.INK,
        textAnchor="middle",
    )
    from reportlab.graphics.shapes import Group

    turned = Group(label)
    turned.translate(12, plot.y + plot.height / 2)
    turned.rotate(90)
    drawing.add(turned)
    # Legend with counts.
    x = plot.x + plot.width + 18
    y = plot.y + plot.height - 8
    drawing.add(String(x, y + 8, "Readiness", fontName=BASE_BOLD, fontSize=8, fillColor=styles.INK))
    for tier in TIERS:
        count = sum(
            1 for r in rows if r.tier == tier and r.need is not None and r.openness is not None
        )
        y -= 14
        drawing.add(Rect(x, y, 7, 7, fillColor=styles.TIER_COLOURS[tier], strokeColor=None))
        drawing.add(
            String(
                x + 11,
                y + 0.5,
                f"{tier.capitalize()} ({count})",
                fontName=BASE,
                fontSize=8,
                fillColor=styles.INK,
            )
        )
    plotted = sum(1 for r in rows if r.need is not None and r.openness is not None)
    notes = [f"{plotted} of {len(rows)} plotted"]
    if plotted < len(rows):
        notes += [f"{len(rows) - plotted} not plotted:", "need or openness", "not known"]
    for n, note in enumerate(notes):
        drawing.add(
            String(x, y - 18 - 10 * n, note, fontName=BASE, fontSize=7.5, fillColor=styles.MUTED)
        )
    return drawing


def _wrapped(text: str, limit: int) -> str:
    """A label on at most two lines of ``limit`` characters (cut with "…" beyond)."""
    lines = textwrap.wrap(text, limit) or [""]
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), limit)]
    return "\n".join(lines)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_font(text: str) -> str:
    return single_font(text)


def distribution_bars(
    points: Sequence[tuple[str, int]], width: float, *, height: float = 120
) -> Drawing:
    """Columns of a scale's distribution: how many answers gave each point, printed above."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart

    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 18
    chart.width, chart.height = width - 40, height - 32
    values = [count for _, count in points] or [0]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [label for label, _ in points]
    top = max([*values, 1])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = max(1, round(top / 4))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeColor = styles.RULE
    chart.categoryAxis.strokeColor = styles.RULE
    chart.categoryAxis.visibleTicks = False
    _axis_text(chart.valueAxis)
    _axis_text(chart.categoryAxis, 8)
    chart.categoryAxis.labels.fillColor = styles.INK
    chart.bars[0].fillColor = styles.PRIMARY
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: f"{v:g}"
    chart.barLabels.fontName = BASE_BOLD
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = styles.INK
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    drawing.add(chart)
    return drawing
