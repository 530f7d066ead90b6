"""Every colour, paragraph style and table style the reports use, in one place."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from ctip_desktop.reports.fonts import BASE, BASE_BOLD

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1E2A32")
MUTED = colors.HexColor("#5B6B75")
PRIMARY = colors.HexColor("#1F5C6B")  # deep teal: headings, rules, bars
PRIMARY_LIGHT = colors.HexColor("#E3EEF1")
ACCENT = colors.HexColor("#D9822B")  # amber: highlights, the latest value
RULE = colors.HexColor("#C9D3D8")
ZEBRA = colors.HexColor("#F5F8F9")
WHITE = colors.white

TIER_COLOURS = {
    "engage now": colors.HexColor("#2E8B57"),
    "nurture": colors.HexColor("#D9822B"),
    "monitor": colors.HexColor("#5B7DB1"),
    "unknown": colors.HexColor("#9AA5AB"),
}
AUDIENCE_COLOURS = {
    "internal": colors.HexColor("#B03A2E"),
    "partner": colors.HexColor("#1F5C6B"),
    "public": colors.HexColor("#2E8B57"),
}
STATUS_COLOURS = {
    "accepted": colors.HexColor("#2E8B57"),
    "proposed": colors.HexColor("#5B6B75"),
    "dismissed": colors.HexColor("#B03A2E"),
}


def _style(name: str, **values: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": BASE,
        "fontSize": 9.5,
        "leading": 13.5,
        "textColor": INK,
        "alignment": TA_LEFT,
    }
    return ParagraphStyle(name, **(base | values))


BODY = _style("Body", spaceAfter=4)
BODY_TIGHT = _style("BodyTight")
SMALL = _style("Small", fontSize=8, leading=10.5, textColor=MUTED)
SMALL_INK = _style("SmallInk", fontSize=8.5, leading=11)
CELL = _style("Cell", fontSize=8.5, leading=11)
CELL_BOLD = _style("CellBold", fontName=BASE_BOLD, fontSize=8.5, leading=11)
CELL_HEAD = _style("CellHead", fontName=BASE_BOLD, fontSize=8, leading=10, textColor=PRIMARY)
CELL_RIGHT = _style("CellRight", fontSize=8.5, leading=11, alignment=TA_RIGHT)
H1 = _style(
    "H1",
    fontName=BASE_BOLD,
    fontSize=15,
    leading=19,
    textColor=PRIMARY,
    spaceBefore=6,
    spaceAfter=6,
)
H2 = _style(
    "H2",
    fontName=BASE_BOLD,
    fontSize=11.5,
    leading=15,
    textColor=INK,
    spaceBefore=8,
    spaceAfter=3,
)
LABEL = _style("Label", fontName=BASE_BOLD, fontSize=8, leading=10, textColor=MUTED)
COVER_KIND = _style("CoverKind", fontName=BASE_BOLD, fontSize=11, leading=14, textColor=WHITE)
COVER_TITLE = _style(
    "CoverTitle", fontName=BASE_BOLD, fontSize=24, leading=30, textColor=WHITE, spaceBefore=4
)
COVER_SUB = _style("CoverSub", fontSize=10.5, leading=14, textColor=WHITE)
TITLE = _style("Title", fontName=BASE_BOLD, fontSize=19, leading=24, textColor=PRIMARY)
SUBTITLE = _style("Subtitle", fontSize=10, leading=13.5, textColor=MUTED, spaceAfter=6)
BIG_NUMBER = _style("BigNumber", fontName=BASE_BOLD, fontSize=17, leading=20, textColor=PRIMARY)
HEADER = _style("Header", fontSize=8, leading=10, textColor=MUTED)
HEADER_RIGHT = _style("HeaderRight", fontSize=8, leading=10, textColor=MUTED, alignment=TA_RIGHT)

# Tables: a tinted header row, light rules between rows, nothing vertical.
GRID = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), PRIMARY_LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, PRIMARY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
)
FACTS = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
)
PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
)


def card(background: colors.Color = ZEBRA, border: colors.Color = RULE) -> TableStyle:
    """A boxed panel: one cell or a row of cells with a tinted background."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("BOX", (0, 0), (-1, -1), 0.5, border),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
