"""The three PDFs, built with ReportLab Platypus from the report records.

A story of flowables per report; the canvas draws only the page furniture: the running header
(report, organisation, date), the audience and "Page N of M" in the footer. Section headings
become PDF bookmarks. Output is repeatable: the same record gives the same bytes.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ctip_desktop.reports import charts, styles
from ctip_desktop.reports.fonts import (
    BASE,
    BASE_BOLD,
    ReportCanvas,
    font_name,
    markup,
    needs_shaping,
    runs,
)
from ctip_desktop.reports.fonts import register_fonts as _register_fonts
from ctip_desktop.reports.model import (
    AUDIENCE_LABELS,
    AnswerView,
    BriefingPack,
    ContactView,
    PartnerProfile,
    PortfolioReport,
    ProfileView,
    ReadinessView,
    RecommendationView,
    ReportMeta,
)

Target = str | Path | BinaryIO
_PAGE_COUNT_FORM = "ctipPageCount"
_shaped_styles: dict[str, Any] = {}


# ----- small builders -------------------------------------------------------------------


def _style_for(text: str, style: Any) -> Any:
    """The style, switched to shaping when the text holds Thai, Khmer or Burmese."""
    if not needs_shaping(text):
        return style
    shaped = _shaped_styles.get(style.name)
    if shaped is None:
        shaped = _shaped_styles[style.name] = style.clone(style.name + "-shaped", shaping=1)
    return shaped


def para(text: str, style: Any = styles.BODY) -> Paragraph:
    """A paragraph of data text: escaped, fonts chosen per script, shaped where needed."""
    return Paragraph(markup(text, bold=style.fontName == BASE_BOLD), _style_for(text, style))


def rich(template: str, style: Any = styles.BODY, **values: str) -> Paragraph:
    """A paragraph from trusted markup with data values filled in (each escaped and fonted)."""
    plain = template.format(**values)
    return Paragraph(
        template.format(**{k: markup(v) for k, v in values.items()}), _style_for(plain, style)
    )


class Heading(Paragraph):
    """A section title that is also a PDF bookmark."""

    def __init__(self, text: str, level: int = 0, style: Any = None) -> None:
        style = style or (styles.H1 if level == 0 else styles.H2)
        super().__init__(markup(text, bold=True), _style_for(text, style))
        self.bookmark = (text, level)


class TickBox(Flowable):
    """A check box, ticked or empty, for checklists and multiple-choice answers."""

    def __init__(self, ticked: bool = False, size: float = 8.5) -> None:
        super().__init__()
        self.ticked, self.size = ticked, size
        self.width = self.height = size

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        canvas.setLineWidth(0.7)
        canvas.setStrokeColor(styles.PRIMARY)
        if self.ticked:
            canvas.setFillColor(styles.PRIMARY)
            canvas.rect(0, 0, size, size, stroke=1, fill=1)
            canvas.setStrokeColor(styles.WHITE)
            canvas.setLineWidth(1.1)
            path = canvas.beginPath()
            path.moveTo(size * 0.2, size * 0.5)
            path.lineTo(size * 0.42, size * 0.25)
            path.lineTo(size * 0.8, size * 0.78)
            canvas.drawPath(path, stroke=1, fill=0)
        else:
            canvas.rect(0, 0, size, size, stroke=1, fill=0)


def _table(
    rows: list[list[Any]], widths: Sequence[float], style: Any = styles.GRID, *, repeat: int = 1
) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=repeat, hAlign="LEFT")
    table.setStyle(style)
    return table


def _zebra(table: Table, count: int) -> Table:
    table.setStyle([("BACKGROUND", (0, r), (-1, r), styles.ZEBRA) for r in range(2, count, 2)])
    return table


# A table row cannot be split across pages: a text longer than this (characters, or lines)
# is cut in its cell, and the rest follows the table as ordinary paragraphs, which split.
CELL_CHARS = 700
CELL_LINES = 14


class Overflow(list[Any]):
    """The rest of texts too long for a table cell, printed after the table."""

    def cut(self, text: str, label: str) -> str:
        """``text`` as the cell prints it: whole when short, else its start and a pointer to
        the rest, which is added here (under ``label``) to print below the table."""
        end = _cut_at(text)
        if end >= len(text):
            return text
        self.append(para(f"{label} (continued): … {text[end:].strip()}", styles.SMALL_INK))
        return text[:end].rstrip() + " … (continued below)"


def _cut_at(text: str) -> int:
    """Where a cell's text is cut: at a space before the limits, or at the limits."""
    end = min(len(text), CELL_CHARS)
    newlines = [i for i, c in enumerate(text[:end]) if c == "\n"]
    if len(newlines) >= CELL_LINES:
        end = newlines[CELL_LINES - 1]
    if end >= len(text):
        return end
    space = text.rfind(" ", 0, end)
    return space if space > end // 2 else end


def _shortened(text: str) -> str:
    """A cell's text cut where there is nowhere to continue it (a one-page summary)."""
    end = _cut_at(text)
    return text if end >= len(text) else text[:end].rstrip() + " …"


def _facts(
    pairs: Sequence[tuple[str, str]],
    width: float = styles.FRAME_WIDTH,
    overflow: Overflow | None = None,
) -> Table | None:
    rows = [
        [
            para(label, styles.LABEL),
            para(
                overflow.cut(value, label) if overflow is not None else _shortened(value),
                styles.BODY_TIGHT,
            ),
        ]
        for label, value in pairs
        if value
    ]
    if not rows:
        return None
    return _table(rows, [34 * mm, width - 34 * mm], styles.FACTS, repeat=0)


def _flat(parts: Iterable[Any]) -> list[Any]:
    """Flowables, each list among them spliced in."""
    flat: list[Any] = []
    for part in parts:
        flat += part if isinstance(part, list) else [part]
    return flat


def _join(values: Sequence[str]) -> str:
    return ", ".join(v for v in values if v)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _checklist(items: Sequence[tuple[bool, Paragraph]], width: float) -> Table:
    rows = [[TickBox(ticked), text] for ticked, text in items]
    table = _table(rows, [6 * mm, width - 6 * mm], styles.PLAIN, repeat=0)
    table.setStyle(
        [
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("VALIGN", (0, 0), (0, -1), "TOP"),
        ]
    )
    return table


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` as :func:`markup` prints it: each script's run in its font."""
    _register_fonts()
    return sum(
        pdfmetrics.stringWidth(run, font_name(script, bold=bold), size)
        for script, run in runs(unicodedata.normalize("NFC", text))
    )


def fit_line(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut (with "…") to fit on one line of ``width`` points."""
    text = " ".join(text.split())
    if text_width(text, size, bold=bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", size, bold=bold) <= width:
            low = middle
        else:
            high = middle - 1
    # Not inside a cluster: drop combining marks left dangling at the cut.
    start = text[:low]
    while start and unicodedata.category(start[-1]).startswith("M"):
        start = start[:-1]
    return start.rstrip() + "…"


# ----- the document: page furniture, bookmarks, metadata --------------------------------


class ReportDocument(BaseDocTemplate):
    """A4 with a running header and a footer naming the audience and the page."""

    def __init__(
        self,
        target: Any,
        meta: ReportMeta,
        *,
        kind: str,
        subject_name: str,
        title: str,
        subject: str,
    ) -> None:
        super().__init__(
            target,
            pagesize=styles.PAGE_SIZE,
            leftMargin=styles.MARGIN_X,
            rightMargin=styles.MARGIN_X,
            topMargin=styles.MARGIN_TOP,
            bottomMargin=styles.MARGIN_BOTTOM,
            title=title,
            author=meta.author or meta.organisation_label,
            subject=subject,
            creator="CTIP Outreach Desk",
            keywords=f"audience: {meta.audience}",
            invariant=1,
        )
        self.meta, self.kind, self.subject_name = meta, kind, subject_name
        self._bookmarks = 0
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._furniture)])

    def _furniture(self, canvas: Any, doc: Any) -> None:
        width, height = styles.PAGE_SIZE
        left, right = styles.MARGIN_X, width - styles.MARGIN_X
        canvas.saveState()
        # Header: what and for whom on the left, the organisation and date on the right.
        top = height - 12 * mm
        header = Paragraph(
            f"<b>{markup(self.kind)}</b> · {markup(self.meta.organisation_label)}",
            styles.HEADER,
        )
        header.wrapOn(canvas, 70 * mm, 10 * mm)
        header.drawOn(canvas, left, top - 2)
        # One line: a long organisation name is cut with "…" (the rule must not cross it).
        room = right - left - 75 * mm
        style = styles.HEADER_RIGHT
        date = f" · {self.meta.generated_on}"
        name = fit_line(self.subject_name, room - text_width(date, style.fontSize), style.fontSize)
        right_text = Paragraph(markup(name + date), _style_for(name, style))
        right_text.wrapOn(canvas, room, 12 * mm)
        right_text.drawOn(canvas, left + 75 * mm, top - 2)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 5, right, top - 5)
        # Footer: the audience (on every page) and the page number.
        bottom = 11 * mm
        canvas.line(left, bottom + 9, right, bottom + 9)
        colour = styles.AUDIENCE_COLOURS.get(self.meta.audience, styles.MUTED)
        canvas.setFillColor(colour)
        canvas.roundRect(left, bottom - 2, 4.2, 8, 1, stroke=0, fill=1)
        canvas.setFont(BASE_BOLD, 7.5)
        canvas.drawString(left + 8, bottom, f"Audience: {AUDIENCE_LABELS[self.meta.audience]}")
        canvas.setFillColor(styles.MUTED)
        canvas.setFont(BASE, 7.5)
        label = f"Page {doc.page} of "
        canvas.drawRightString(right - 12, bottom, label)
        canvas.translate(right - 11, bottom)
        canvas.doForm(_PAGE_COUNT_FORM)
        canvas.restoreState()

    def afterFlowable(self, flowable: Any) -> None:
        bookmark = getattr(flowable, "bookmark", None)
        if bookmark:
            title, level = bookmark
            self._bookmarks += 1
            key = f"section-{self._bookmarks}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)

    def _endBuild(self) -> None:
        # The total is known only now: draw it into the form every footer refers to.
        canvas = self.canv
        canvas.beginForm(_PAGE_COUNT_FORM)
        canvas.setFont(BASE, 7.5)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(0, 0, str(self.page))
        canvas.endForm()
        super()._endBuild()


def _build(doc: ReportDocument, story: list[Any]) -> None:
    _register_fonts()
    doc.build(story, canvasmaker=ReportCanvas)


def _render(target: Target | None, make: Any) -> bytes | None:
    """Build into ``target`` (a path or binary file), or return the bytes when it is None."""
    _register_fonts()
    if target is None:
        buffer = io.BytesIO()
        make(buffer)
        return buffer.getvalue()
    if isinstance(target, str | Path):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        target = str(target)
    make(target)
    return None


# ----- shared sections -------------------------------------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _subtitle(profile: ProfileView) -> str:
    parts = [_join(profile.sectors), profile.supply_chain_role, _join(profile.countries)]
    return " · ".join(p for p in parts if p)


def _resources_cell(resources: Sequence[str] | None) -> Paragraph:
    if resources is None:  # not answered: not known, which is not "none offered"
        return para("not known", styles.SMALL)
    return para(_join([r.replace("_", " ") for r in resources]) or "none", styles.BODY_TIGHT)


def _readiness_card(readiness: ReadinessView, width: float) -> Table:
    colour = styles.TIER_COLOURS.get(readiness.tier, styles.MUTED)
    tier = Paragraph(
        f'<font color="{colour.hexval()}"><b>{markup(readiness.tier.capitalize())}</b></font>',
        styles.BIG_NUMBER,
    )
    cells = [
        [
            para("READINESS", styles.LABEL),
            para("NEED", styles.LABEL),
            para("OPENNESS", styles.LABEL),
            para("RESOURCES OFFERED", styles.LABEL),
        ],
        [
            tier,
            para(_score(readiness.need), styles.BIG_NUMBER),
            para(_score(readiness.openness), styles.BIG_NUMBER),
            _resources_cell(readiness.resources),
        ],
    ]
    if readiness.explanation:
        cells.append([para(readiness.explanation, styles.SMALL), "", "", ""])
    table = _table(
        cells, [width * 0.3, width * 0.17, width * 0.17, width * 0.36], styles.card(), repeat=0
    )
    table.setStyle([("TOPPADDING", (0, 1), (-1, 1), 0)])
    if readiness.explanation:
        table.setStyle([("SPAN", (0, 2), (-1, 2))])
    return table


def _contacts_table(contacts: Sequence[ContactView], audience: str) -> list[Any]:
    if not contacts:
        return [para("No contacts recorded.", styles.SMALL)]
    if audience == "public":
        roles = [c.role + (" (primary)" if c.primary else "") for c in contacts]
        return [
            para(
                "Contacts by role (personal details are not included in a public "
                "report): " + "; ".join(roles),
                styles.BODY,
            )
        ]
    head = ["Name", "Role", "Email", "Phone"]
    with_notes = any(c.notes for c in contacts)
    if with_notes:
        head.append("Notes (internal)")
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    overflow = Overflow()
    for c in contacts:
        row = [
            para(c.name + (" (primary)" if c.primary else ""), styles.CELL_BOLD),
            para(c.role, styles.CELL),
            para(c.email, styles.CELL),
            para(c.phone, styles.CELL),
        ]
        if with_notes:
            row.append(para(overflow.cut(c.notes, f"Notes on {c.name}"), styles.CELL))
        rows.append(row)
    widths = [38 * mm, 36 * mm, 46 * mm, 28 * mm]
    if with_notes:
        widths = [32 * mm, 30 * mm, 40 * mm, 26 * mm]
        widths.append(styles.FRAME_WIDTH - sum(widths))
    else:
        widths[-1] = styles.FRAME_WIDTH - sum(widths[:-1])
    return [_zebra(_table(rows, widths), len(rows)), *overflow]


_BRIEF_REASONS = 3


def _recommendation_block(rec: RecommendationView, width: float, *, brief: bool = False) -> Any:
    colour = styles.STATUS_COLOURS.get(rec.status, styles.MUTED)
    head = Paragraph(
        f"<b>{markup(rec.title)}</b>"
        f'  <font size="7.5" color="{colour.hexval()}">• {markup(rec.status.upper())}</font>',
        _style_for(rec.title, styles.BODY_TIGHT),
    )
    facts = [
        ("Category", rec.category),
        ("Opportunity", rec.opportunity),
        ("CTIP role", _join(rec.roles)),
        (
            "Priority",
            " · ".join(
                x
                for x in (
                    rec.priority and f"{rec.priority} priority",
                    rec.confidence and f"{rec.confidence} confidence",
                )
                if x
            ),
        ),
    ]
    parts: list[Any] = [head]
    if not rec.still_triggered:
        parts.append(
            para(
                f"No longer triggered by the latest answers; kept for the team's decision "
                f"({rec.status}).",
                styles.SMALL,
            )
        )
    if rec.advice:
        parts.append(para(rec.advice, styles.SMALL_INK))
    fact_line = "   ".join(f"<b>{markup(k)}:</b> {markup(v)}" for k, v in facts if v)
    if fact_line:
        plain = " ".join(v for _, v in facts)
        parts.append(Paragraph(fact_line, _style_for(plain, styles.SMALL_INK)))
    if rec.reasons:
        parts.append(para("Why:", styles.LABEL))
        # A profile is one or two pages: the first reasons, and how many more the pack has.
        shown = rec.reasons[:_BRIEF_REASONS] if brief else rec.reasons
        parts += [para("• " + reason, styles.SMALL_INK) for reason in shown]
        if len(shown) < len(rec.reasons):
            more = len(rec.reasons) - len(shown)
            parts.append(para(f"… and {more} more (see the briefing pack).", styles.SMALL))
    if rec.cautions and not brief:
        parts += [para(f"Caution: {caution}", styles.SMALL) for caution in rec.cautions]
    if rec.next_steps and not brief:
        parts.append(para("Next steps:", styles.LABEL))
        parts += [
            para(f"{n}. {step}", styles.SMALL_INK) for n, step in enumerate(rec.next_steps, 1)
        ]
    if rec.examples and not brief:
        parts.append(para("Examples and resources: " + "; ".join(rec.examples), styles.SMALL))
    overflow = Overflow()
    if rec.status_note:
        note = overflow.cut(rec.status_note, f"{rec.status.capitalize()} “{rec.title}”")
        parts.append(para(f"{rec.status.capitalize()}: {note}", styles.SMALL))
    if rec.internal_note:
        note = overflow.cut(rec.internal_note, f"Internal note on “{rec.title}”")
        parts.append(para(f"Internal note: {note}", styles.SMALL))
    card = Table([[p] for p in parts], colWidths=[width], hAlign="LEFT")
    card.setStyle(styles.card(styles.WHITE))
    card.setStyle(
        [
            ("TOPPADDING", (0, 1), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -2), 1),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, colour),
        ]
    )
    if overflow:
        return [card, *overflow, Spacer(1, 5)]
    return KeepTogether([card, Spacer(1, 5)])


# ----- the briefing pack ---------------------------------------------------------------------


def _cover(pack: BriefingPack) -> list[Any]:
    profile, width = pack.profile, styles.FRAME_WIDTH
    band_rows: list[list[Any]] = [
        [para("BRIEFING PACK", styles.COVER_KIND)],
        [para(profile.name, styles.COVER_TITLE)],
    ]
    if profile.other_names:
        band_rows.append([para("Also known as " + _join(profile.other_names), styles.COVER_SUB)])
    subtitle = _subtitle(profile)
    if subtitle:
        band_rows.append([para(subtitle, styles.COVER_SUB)])
    band = Table(band_rows, colWidths=[width], hAlign="LEFT")
    band.setStyle(styles.card(styles.PRIMARY, styles.PRIMARY))
    band.setStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("TOPPADDING", (0, 0), (0, 0), 16),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 16),
        ]
    )
    completed = [i for i in pack.interviews if i.status == "completed"]
    glance = [
        ("Stage", profile.stage or "–"),
        (
            "Interviews",
            f"{len(completed)} completed"
            + (f", last on {completed[-1].date}" if completed else ""),
        ),
        (
            "Homework",
            f"{len(profile.homework_done)} of "
            f"{len(profile.homework_done) + len(profile.homework_missing)} done",
        ),
        ("Recommendations", str(len(pack.recommendations))),
        ("Follow-ups", str(len(pack.follow_ups))),
        (
            "Prepared",
            f"{pack.meta.generated_on}" + (f" by {pack.meta.author}" if pack.meta.author else ""),
        ),
        ("Audience", AUDIENCE_LABELS[pack.meta.audience]),
    ]
    story: list[Any] = [
        Spacer(1, 20 * mm),
        band,
        Spacer(1, 8 * mm),
        _readiness_card(pack.readiness, width),
        Spacer(1, 6 * mm),
    ]
    table = _facts(glance)
    if table is not None:
        story.append(table)
    story += [Spacer(1, 8 * mm), para("Contents", styles.H2)]
    sections = [
        "Profile",
        "Homework",
        "Interview history",
        "Latest Example #2 answers",
        "Example #1 open answers",
        "Recommendations",
        "Follow-ups",
        "Questions for the next meeting",
        "Principles for Partnering",
    ]
    if pack.movements:
        sections.insert(4, "How the scores moved")
    story += [para(f"{n}. {s}", styles.BODY_TIGHT) for n, s in enumerate(sections, 1)]
    story.append(PageBreak())
    return story


def _profile_section(profile: ProfileView, audience: str) -> list[Any]:
    story: list[Any] = [Heading("Profile")]
    if profile.description:
        story.append(para(profile.description))
    facts_overflow = Overflow()
    table = _facts(
        [
            ("Sectors", _join(profile.sectors)),
            ("Supply-chain role", profile.supply_chain_role),
            ("Size", profile.size_band),
            ("Countries", _join(profile.countries)),
            ("Places", profile.places),
            ("Website", profile.website),
            ("Memberships", _join(profile.memberships)),
            ("Fair labour", profile.fair_labour_investments),
            ("Stage", profile.stage),
            ("Tags", _join(profile.tags)),
        ],
        overflow=facts_overflow,
    )
    if table is not None:
        story.append(table)
    story += facts_overflow
    if profile.notes:
        story += [Heading("Notes (internal)", 1), para(profile.notes)]
    story += [Heading("Contacts", 1), *_contacts_table(profile.contacts, audience)]
    story.append(Heading("Media headlines", 1))
    if profile.headlines:
        rows: list[list[Any]] = [
            [para(h, styles.CELL_HEAD) for h in ("Date", "Headline", "Source", "Tone")]
        ]
        overflow = Overflow()
        for h in profile.headlines:
            note = overflow.cut(h.note, f"Note on “{h.headline}”") if h.note else ""
            text = overflow.cut(h.headline, "Headline") + (f"\n{note}" if note else "")
            rows.append(
                [
                    para(h.date, styles.CELL),
                    para(text, styles.CELL),
                    para(h.source, styles.CELL),
                    para(h.tone, styles.CELL),
                ]
            )
        story.append(_zebra(_table(rows, [22 * mm, 98 * mm, 32 * mm, 18 * mm]), len(rows)))
        story += overflow
    else:
        story.append(
            para(
                "No headlines recorded"
                + (
                    f"; media scanned on {profile.media_scan_date}."
                    if profile.media_scan_date
                    else "."
                ),
                styles.SMALL,
            )
        )
    return story


def _homework_section(profile: ProfileView) -> list[Any]:
    items = [(True, para(x, styles.BODY_TIGHT)) for x in profile.homework_done]
    items += [(False, para(x + " – missing", styles.BODY_TIGHT)) for x in profile.homework_missing]
    return [
        Heading("Homework"),
        para(
            "The seed's four elements of an organisational profile, done before the interview:",
            styles.SMALL,
        ),
        _checklist(items, styles.FRAME_WIDTH),
    ]


def _history_section(pack: BriefingPack) -> list[Any]:
    story: list[Any] = [Heading("Interview history")]
    if not pack.interviews:
        return [*story, para("No interviews yet.", styles.SMALL)]
    head = ["Date", "Questionnaire", "Mode, place", "People", "Interviewer", "Status"]
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    for i in pack.interviews:
        status = i.status + (f", {i.review.lower()}" if i.review else "")
        status += f" ({i.answered}/{i.items})"
        rows.append(
            [
                para(i.date, styles.CELL),
                para(i.questionnaire, styles.CELL),
                para(_join([i.mode, i.place, i.language]), styles.CELL),
                para(_join(i.people), styles.CELL),
                para(i.interviewer, styles.CELL),
                para(status, styles.CELL),
            ]
        )
    widths = [20 * mm, 40 * mm, 34 * mm, 30 * mm, 22 * mm]
    widths.append(styles.FRAME_WIDTH - sum(widths))
    story.append(_zebra(_table(rows, widths), len(rows)))
    for i in pack.interviews:
        if i.notes:
            story.append(para(f"Notes of {i.date} (internal): {i.notes}", styles.SMALL))
    return story


def _answer_cell(answer: AnswerView, overflow: Overflow) -> Any:
    label = f"Answer to {answer.number}"
    if not answer.answered:
        return para("not answered", styles.SMALL)
    if answer.kind == "multi":
        items = []
        for option, ticked in answer.options:
            label = option
            if ticked and answer.other and (label, ticked) == answer.options[-1]:
                label += ": " + overflow.cut(answer.other, f"Answer to {answer.number}")
            text = label
            items.append((ticked, para(text, styles.CELL if ticked else styles.SMALL)))
        return _checklist(items, 108 * mm)
    if answer.kind == "scale":
        anchor = f"   ({answer.low_label} {answer.minimum} … {answer.maximum} {answer.high_label})"
        return Paragraph(
            f"<b>{answer.value}</b> / {answer.maximum}"
            f'<font size="7.5" color="{styles.MUTED.hexval()}">'
            f"{markup(anchor)}</font>",
            styles.CELL,
        )
    return para(overflow.cut(answer.text, label), styles.CELL)


def _answers_table(answers: Sequence[AnswerView]) -> list[Any]:
    """The answers in a table; the rest of answers too long for a cell below it."""
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in ("#", "Question", "Answer")]]
    overflow = Overflow()
    for a in answers:
        rows.append(
            [para(a.number, styles.CELL), para(a.question, styles.CELL), _answer_cell(a, overflow)]
        )
    return [_table(rows, [8 * mm, 54 * mm, styles.FRAME_WIDTH - 62 * mm]), *overflow]


def _survey_section(pack: BriefingPack) -> list[Any]:
    story: list[Any] = [CondPageBreak(60 * mm), Heading("Latest Example #2 answers")]
    if not pack.latest_survey:
        return [*story, para("No completed Example #2 interview yet.", styles.SMALL)]
    story.append(para(f"Interview of {pack.latest_survey_date}.", styles.SMALL))
    if any(a.kind == "scale" for a in pack.latest_survey):
        story += [
            Heading("Scale items (1–10)", 1),
            charts.scale_bars(pack.latest_survey, styles.FRAME_WIDTH),
            Spacer(1, 4),
        ]
    story += [Heading("All answers", 1), *_answers_table(pack.latest_survey)]
    return story


def _movement_section(pack: BriefingPack) -> list[Any]:
    if not pack.movements:
        return []
    dates = [d for d, _ in pack.movements[0].points]
    first = 62 * mm if len(dates) <= 4 else 50 * mm
    rest = (styles.FRAME_WIDTH - first) / (len(dates) + 1)
    if text_width("2026-12-31", 8, bold=True) + 8.5 > rest:  # the year above the day
        shown = [f"{d[:4]}\n{d[5:]}" if len(d) == 10 else d for d in dates]
    else:
        shown = dates
    head = ["Item", *shown, "Change"]
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    for m in pack.movements:
        change = m.change
        text = "–" if change is None else f"{change:+d}" if change else "±0"
        colour = (
            styles.TIER_COLOURS["engage now"]
            if change and change > 0
            else styles.AUDIENCE_COLOURS["internal"]
            if change and change < 0
            else styles.MUTED
        )
        rows.append(
            [
                para(
                    charts.SCALE_LABELS.get(_item_id(m.label), f"{m.number} · {m.label}"),
                    styles.CELL,
                )
            ]
            + [para(_score(v), styles.CELL_RIGHT) for _, v in m.points]
            + [
                Paragraph(
                    f'<font color="{colour.hexval()}"><b>{text}</b></font>', styles.CELL_RIGHT
                )
            ]
        )
    return [
        KeepTogether(
            [
                Heading("How the scores moved"),
                para(
                    f"Scale items across the {len(dates)} completed Example #2 "
                    "interviews, oldest first.",
                    styles.SMALL,
                ),
                _table(rows, [first] + [rest] * (len(dates) + 1)),
            ]
        )
    ]


def _item_id(label: str) -> str:
    texts = {
        "Degree to which COVID-19 has affected their supply chain": "supply_chain_effect",
        "Are migrant workers and their families more exposed": "migrant_exploitation_risk",
        "Business continuity plan": "continuity_plan",
        "Openness to partner with other private sector": "openness_private_sector",
        "Openness to partner with other CSOs": "openness_cso_donors",
    }
    return next((v for k, v in texts.items() if label.startswith(k)), "")


def _open_answers_section(pack: BriefingPack) -> list[Any]:
    story: list[Any] = [Heading("Example #1 open answers")]
    if not pack.open_answers:
        return [*story, para("Example #1 has not been conducted yet.", styles.SMALL)]
    story.append(para(f"Interview of {pack.open_answers_date}.", styles.SMALL))
    for a in pack.open_answers:
        story.append(
            KeepTogether(
                [
                    para(f"{a.number}. {a.question}", styles.CELL_BOLD),
                    para(
                        a.text if a.answered else "not answered",
                        styles.BODY if a.answered else styles.SMALL,
                    ),
                ]
            )
        )
    return story


def _recommendations_section(pack: BriefingPack) -> list[Any]:
    story: list[Any] = [CondPageBreak(50 * mm), Heading("Recommendations")]
    if not pack.recommendations:
        return [*story, para("No recommendations yet.", styles.SMALL)]
    return story + _flat(_recommendation_block(r, styles.FRAME_WIDTH) for r in pack.recommendations)


def _follow_up_section(pack: BriefingPack) -> list[Any]:
    story: list[Any] = [Heading("Follow-ups")]
    if not pack.follow_ups:
        return [*story, para("No follow-ups recorded.", styles.SMALL)]
    head = ["Step", "Owner", "Due", "Status", "Outcome"]
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    overflow = Overflow()
    for n, f in enumerate(pack.follow_ups, 1):
        step = overflow.cut(f.step, f"Follow-up {n}") + (
            f"\n({f.recommendation})" if f.recommendation else ""
        )
        rows.append(
            [
                para(step, styles.CELL),
                para(f.owner, styles.CELL),
                para(f.due, styles.CELL),
                para(f.status, styles.CELL),
                para(overflow.cut(f.outcome, f"Outcome of follow-up {n}"), styles.CELL),
            ]
        )
    widths = [62 * mm, 24 * mm, 20 * mm, 20 * mm]
    widths.append(styles.FRAME_WIDTH - sum(widths))
    return [*story, _zebra(_table(rows, widths), len(rows)), *overflow]


def _questions_section(pack: BriefingPack) -> list[Any]:
    story: list[Any] = [CondPageBreak(40 * mm), Heading("Questions for the next meeting")]
    if not pack.suggested_questions:
        return [*story, para("Nothing outstanding.", styles.SMALL)]
    for n, q in enumerate(pack.suggested_questions, 1):
        story.append(
            KeepTogether(
                [
                    para(f"{n}. {q.question}", styles.BODY_TIGHT),
                    para(q.why, styles.SMALL),
                    Spacer(1, 3),
                ]
            )
        )
    return story


def _principles_section(pack: BriefingPack) -> list[Any]:
    items = [
        (False, rich("<b>{title}</b><br/>{text}", styles.BODY_TIGHT, title=p.title, text=p.text))
        for p in pack.principles
    ]
    return [
        CondPageBreak(70 * mm),
        Heading("Principles for Partnering"),
        para(
            "From the Private Sector Outreach Tool: tick each one once the partnership "
            "design has considered it.",
            styles.SMALL,
        ),
        _checklist(items, styles.FRAME_WIDTH),
    ]


def briefing_story(pack: BriefingPack) -> list[Any]:
    return [
        *_cover(pack),
        *_profile_section(pack.profile, pack.meta.audience),
        *_homework_section(pack.profile),
        *_history_section(pack),
        *_survey_section(pack),
        *_movement_section(pack),
        *_open_answers_section(pack),
        *_recommendations_section(pack),
        *_follow_up_section(pack),
        *_questions_section(pack),
        *_principles_section(pack),
    ]


def build_briefing_pack(pack: BriefingPack, target: Target | None = None) -> bytes | None:
    """Write the briefing pack PDF to ``target``; with no target, return its bytes."""

    def make(out: Any) -> None:
        doc = ReportDocument(
            out,
            pack.meta,
            kind="Briefing pack",
            subject_name=pack.profile.name,
            title=f"Briefing pack: {pack.profile.name}",
            subject="Briefing pack for a meeting with a private-sector company",
        )
        _build(doc, briefing_story(pack))

    return _render(target, make)


# ----- the partner profile ----------------------------------------------------------------


def partner_story(report: PartnerProfile) -> list[Any]:
    profile, width = report.profile, styles.FRAME_WIDTH
    story: list[Any] = [Heading(profile.name, style=styles.TITLE)]
    subtitle = _subtitle(profile)
    if subtitle:
        story.append(para(subtitle, styles.SUBTITLE))
    story += [_readiness_card(report.readiness, width), Spacer(1, 4 * mm)]
    story.append(Heading("What they do", 1))
    story.append(
        para(
            profile.description or "Not yet researched.",
            styles.BODY if profile.description else styles.SMALL,
        )
    )
    table = _facts(
        [
            ("Where", _join([_join(profile.countries), profile.places])),
            ("Sector and role", _join([_join(profile.sectors), profile.supply_chain_role])),
            ("Size", profile.size_band),
            ("Memberships", _join(profile.memberships)),
            ("Fair labour", profile.fair_labour_investments),
            ("Stage", profile.stage),
            (
                "Interviews",
                f"{report.interview_count} completed"
                + (f", last on {report.last_interview}" if report.last_interview else ""),
            ),
        ]
    )
    if table is not None:
        story.append(table)
    if report.scores and any(s.answered for s in report.scores):
        story += [Heading("Latest scores (Example #2)", 1), charts.scale_bars(report.scores, width)]
    # Each heading stays on the page of what follows it.
    blocks = _flat(_recommendation_block(r, width, brief=True) for r in report.recommendations)
    if not blocks:
        blocks = [para("No recommendations yet.", styles.SMALL)]
    story += [KeepTogether([Heading("Top recommendations", 1), blocks[0]]), *blocks[1:]]
    contact = report.key_contact
    shown: Any
    if contact is None:
        shown = para("No contact recorded.", styles.SMALL)
    elif report.meta.audience == "public":
        shown = para(
            f"{contact.role or 'A representative'} (personal details withheld in a public profile)."
        )
    else:
        shown = _facts(
            [
                ("Name", contact.name),
                ("Role", contact.role),
                ("Email", contact.email),
                ("Phone", contact.phone),
            ]
        ) or para("No contact details recorded.", styles.SMALL)
    story.append(KeepTogether([Heading("Key contact", 1), shown]))
    return story


def build_partner_profile(report: PartnerProfile, target: Target | None = None) -> bytes | None:
    """Write the partner profile PDF (one or two pages) to ``target``, or return its bytes."""

    def make(out: Any) -> None:
        doc = ReportDocument(
            out,
            report.meta,
            kind="Partner profile",
            subject_name=report.profile.name,
            title=f"Partner profile: {report.profile.name}",
            subject="Partner profile for a meeting",
        )
        _build(doc, partner_story(report))

    return _render(target, make)


# ----- the portfolio report ---------------------------------------------------------------


def portfolio_story(report: PortfolioReport) -> list[Any]:
    width = styles.FRAME_WIDTH
    story: list[Any] = [
        para(report.title, styles.TITLE),
        para(
            f"{_count(len(report.rows), 'organisation')}, {report.surveyed} with a completed "
            f"Example #2 interview · {report.meta.generated_on}",
            styles.SUBTITLE,
        ),
    ]
    story.append(Heading("Readiness tiers"))
    cells = [
        [para(t.upper(), styles.LABEL) for t, _ in report.tier_counts],
        [
            Paragraph(
                f'<font color="{styles.TIER_COLOURS[t].hexval()}">{n}</font>', styles.BIG_NUMBER
            )
            for t, n in report.tier_counts
        ],
    ]
    tiers = _table(
        cells, [width / len(report.tier_counts)] * len(report.tier_counts), styles.card(), repeat=0
    )
    story.append(tiers)
    story += [
        Heading("Need against openness"),
        para(
            "Each dot is an organisation's readiness from its latest Example #2: need is the "
            "mean of the supply-chain disruption and migrant worker exposure scales, openness "
            "the mean of the two openness scales. An organisation with one of them unanswered "
            "is not plotted. The dashed lines are where the top tier starts (need "
            f"{report.thresholds[0]:g}, openness {report.thresholds[1]:g}); dots with equal "
            "scores are set slightly apart.",
            styles.SMALL,
        ),
        charts.need_openness(report.rows, width, thresholds=report.thresholds),
    ]
    for title, counts, colour in (
        ("Factors hindering workers (item 4)", report.factors, styles.AUDIENCE_COLOURS["internal"]),
        ("Recovering needs (item 6)", report.needs, styles.ACCENT),
        ("Resources companies could bring (item 11)", report.resources, styles.PRIMARY),
    ):
        story.append(
            KeepTogether(
                [
                    Heading(title, 1),
                    charts.frequency_bars(counts, width, total=report.surveyed, colour=colour),
                ]
            )
        )
    story += [PageBreak(), Heading("Organisations")]
    head = ["Organisation", "Sector", "Countries", "Stage", "Tier", "Need", "Open.", "Last"]
    rows: list[list[Any]] = [[para(h, styles.CELL_HEAD) for h in head]]
    for r in report.rows:
        colour = styles.TIER_COLOURS.get(r.tier, styles.MUTED)
        rows.append(
            [
                para(r.name, styles.CELL_BOLD),
                para(_join(r.sectors), styles.CELL),
                para(_join(r.countries), styles.CELL),
                para(r.stage, styles.CELL),
                Paragraph(f'<font color="{colour.hexval()}">{markup(r.tier)}</font>', styles.CELL),
                para(_score(r.need), styles.CELL_RIGHT),
                para(_score(r.openness), styles.CELL_RIGHT),
                para(r.last_interview, styles.CELL),
            ]
        )
    # Numbers and dates on one line, headers unbroken; the names take what is left.
    pad = 8.5
    number = max(text_width(h, 8, bold=True) for h in ("Need", "Open.")) + pad
    day = text_width("2026-12-31", styles.CELL.fontSize) + pad
    tier = text_width("engage now", styles.CELL.fontSize) + pad
    widths = [0.0, 27 * mm, 25 * mm, 20 * mm, tier, number, number, day]
    widths[0] = width - sum(widths)
    story.append(_zebra(_table(rows, widths), len(rows)))
    return story


def build_portfolio_report(report: PortfolioReport, target: Target | None = None) -> bytes | None:
    """Write the portfolio report PDF to ``target``, or return its bytes."""

    def make(out: Any) -> None:
        doc = ReportDocument(
            out,
            report.meta,
            kind="Portfolio report",
            subject_name=report.title,
            title=report.title,
            subject=f"Portfolio of {_count(len(report.rows), 'organisation')}",
        )
        _build(doc, portfolio_story(report))

    return _render(target, make)
