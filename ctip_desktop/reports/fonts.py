"""Fonts for the PDFs: TrueType files from assets/fonts, one per script, and shaping.

ReportLab draws a run of text in one font, so text is split into runs by Unicode script and
each run is wrapped in ``<font name=...>`` (:func:`markup`). Latin, Vietnamese, Greek and
Cyrillic use Noto Sans; Thai, Khmer, Burmese, Lao, Bengali, Devanagari, Tamil and Sinhala their
Noto Sans fonts; Chinese and Japanese Droid Sans Fallback (TrueType: ReportLab cannot embed the
CFF outlines of Noto Sans CJK). Letters no bundled font draws (Korean, Arabic script) print as a
visible "[Hangul text]" placeholder, never as empty boxes (see assets/fonts/README.txt).

Thai, Khmer, Burmese, Lao and the South Asian scripts need shaping (HarfBuzz, through
``uharfbuzz``) to print right: without it Khmer subscript consonants and pre-base vowels land
in the wrong place. Shaped glyphs no longer map one-to-one onto characters, so copying them out
of a PDF gives garbled text. Each shaped cluster is therefore wrapped in a marked-content span
carrying its characters as ``/ActualText`` (PDF 32000-1, 14.9.4), which Acrobat, pdf.js and
poppler (pdftotext) copy instead of the glyphs. ReportLab keeps no link from glyphs to
characters, so two small hooks add it: the HarfBuzz cluster's text is attached to the first
glyph's shape data when a word is shaped, and :class:`ReportCanvas` writes the spans when it
draws shaped text.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, TTFont, makeShapedFragWord
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph as _paragraph

try:  # shaping is optional: without it the complex scripts print unshaped
    import uharfbuzz  # noqa: F401

    HAVE_SHAPING = True
except ImportError:  # pragma: no cover - uharfbuzz is a dependency
    HAVE_SHAPING = False

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"

log = logging.getLogger(__name__)

BASE = "CtipSans"
BASE_BOLD = "CtipSans-Bold"
LATIN, THAI, KHMER, MYANMAR, CJK = "latin", "thai", "khmer", "myanmar", "cjk"
LAO, BENGALI, DEVANAGARI, TAMIL, SINHALA = "lao", "bengali", "devanagari", "tamil", "sinhala"
# Scripts whose text is shaped (and then carries /ActualText).
SHAPED_SCRIPTS = frozenset({THAI, KHMER, MYANMAR, LAO, BENGALI, DEVANAGARI, TAMIL, SINHALA})

# Script -> (font name, regular file, bold file or "" when the family has no bold).
_FILES: dict[str, tuple[str, str, str]] = {
    LATIN: (BASE, "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    THAI: ("CtipThai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    KHMER: ("CtipKhmer", "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"),
    MYANMAR: ("CtipMyanmar", "NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"),
    CJK: ("CtipCJK", "DroidSansFallbackFull.ttf", ""),
    LAO: ("CtipLao", "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
    BENGALI: ("CtipBengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    DEVANAGARI: (
        "CtipDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
    ),
    TAMIL: ("CtipTamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    SINHALA: ("CtipSinhala", "NotoSansSinhala-Regular.ttf", "NotoSansSinhala-Bold.ttf"),
}

_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0900, 0x097F, DEVANAGARI),
    (0x0980, 0x09FF, BENGALI),
    (0x0B80, 0x0BFF, TAMIL),
    (0x0D80, 0x0DFF, SINHALA),
    (0xA8E0, 0xA8FF, DEVANAGARI),
    (0x0E00, 0x0E7F, THAI),
    (0x0E80, 0x0EFF, LAO),
    (0x1780, 0x17FF, KHMER),
    (0x19E0, 0x19FF, KHMER),
    (0x1000, 0x109F, MYANMAR),
    (0xA9E0, 0xA9FF, MYANMAR),
    (0xAA60, 0xAA7F, MYANMAR),
    (0x2E80, 0x2FDF, CJK),
    (0x3000, 0x303F, CJK),
    (0x3040, 0x31FF, CJK),
    (0x3400, 0x4DBF, CJK),
    (0x4E00, 0x9FFF, CJK),
    (0xAC00, 0xD7AF, CJK),
    (0xF900, 0xFAFF, CJK),
    (0xFE30, 0xFE4F, CJK),
    (0xFF00, 0xFFEF, CJK),
    (0x20000, 0x2FA1F, CJK),
)

_lock = threading.Lock()
_registered = False


def font_name(script: str, *, bold: bool = False) -> str:
    name, _, bold_file = _FILES[script]
    return f"{name}-Bold" if bold and bold_file else name


def register_fonts() -> None:
    """Register the bundled fonts with ReportLab once per process (thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, regular, bold in _FILES.values():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / regular)))
            bold_name = name
            if bold:
                bold_name = f"{name}-Bold"
                pdfmetrics.registerFont(TTFont(bold_name, str(FONT_DIR / bold)))
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=bold_name, italic=name, boldItalic=bold_name
            )
        _install_cluster_text_hook()
        _registered = True


def script_of(char: str) -> str:
    """The script whose font draws ``char``; "" for characters any font may draw."""
    code = ord(char)
    if code < 0x0900:
        return LATIN if char.isalpha() else ""
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    if code in (0x200B, 0x200C, 0x200D, 0x2060, 0x25CC) or not char.isalpha():
        return ""  # joiners, dotted circle, punctuation, digits, symbols: follow the run
    return LATIN


def _covers(script: str, char: str) -> bool:
    coverage = _coverage.get(script)
    if coverage is None:
        register_fonts()
        coverage = _coverage[script] = frozenset(
            pdfmetrics.getFont(_FILES[script][0]).face.charToGlyph
        )
    return ord(char) in coverage


_coverage: dict[str, frozenset[int]] = {}


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Split text into (script, text) runs.

    Neutral characters (spaces, digits, punctuation) stay in the run they sit in when its font
    has them, so a shaped run is not broken at every space; otherwise the Latin font draws them.
    """
    current = ""
    buffer: list[str] = []
    for char in text:
        script = script_of(char)
        if not script and current and current != LATIN and not _covers(current, char):
            script = LATIN  # e.g. digits after Thai: the Thai font has none
        if script and script != current:
            if buffer and current:
                yield current, "".join(buffer)
                buffer = []
            current = script
        buffer.append(char)
    if buffer:
        yield current or LATIN, "".join(buffer)


def scripts_in(text: str) -> set[str]:
    return {s for s in map(script_of, text) if s}


def needs_shaping(text: str) -> bool:
    return HAVE_SHAPING and any(
        script_of(c) in SHAPED_SCRIPTS for c in text if 0x0900 <= ord(c) < 0xAA80
    )


# Symbols none of the bundled fonts draws (they would print as an empty box and copy as NUL),
# written as ASCII. The engine's reasons use "→" for a score that moved between visits.
_FALLBACKS = str.maketrans(
    {
        "→": "->",
        "←": "<-",
        "⇒": "=>",
        "↔": "<->",
        "≥": ">=",
        "≤": "<=",
        "≠": "!=",
        "✓": "[x]",
        "✔": "[x]",
        "✗": "[ ]",
    }
)


def printable(text: str) -> str:
    """``text`` with the symbols no bundled font has written as ASCII (see ``_FALLBACKS``)."""
    return text.translate(_FALLBACKS)


_warned: set[str] = set()


def _script_name(char: str) -> str:
    """ "Hangul", "Arabic", "Gujarati": the Unicode name's first word."""
    word = unicodedata.name(char, "UNKNOWN").split(" ")[0]
    return word if word in ("CJK",) else word.capitalize()


def without_missing_glyphs(text: str) -> str:
    """``text`` with each run of letters no bundled font draws (Korean, Arabic script,
    Gujarati...) replaced by a visible "[Hangul text]", rather than printed as empty boxes;
    each such script is logged once per process."""
    out: list[str] = []
    missing = ""  # the script of the placeholder just written
    spaces = ""  # after a placeholder: dropped if more of the same script follows
    for script, run in runs(text):
        for char in run:
            letter = unicodedata.category(char)[0] in "LM"
            if letter and not _covers(script or LATIN, char):
                name = _script_name(char)
                if name != missing:
                    out.append(spaces + f"[{name} text]")
                    missing = name
                    if name not in _warned:
                        _warned.add(name)
                        log.warning(
                            "No bundled font draws %s script: printed as “[%s text]”", name, name
                        )
                spaces = ""
                continue
            if missing and char.isspace():
                spaces += char
                continue
            out.append(spaces + char)
            missing = spaces = ""
    return "".join(out) + spaces


def markup(text: str, *, bold: bool = False) -> str:
    """Text for a Paragraph: escaped, and each non-Latin run in its script's font.

    ``bold`` when the paragraph's style is bold: the runs then take each script's bold face.
    Letters no bundled font has are replaced visibly (:func:`without_missing_glyphs`).
    """
    text = without_missing_glyphs(printable(unicodedata.normalize("NFC", text)))
    parts = []
    for script, run in runs(text):
        escaped = escape(run).replace("\n", "<br/>")
        if script == LATIN:
            parts.append(escaped)
        else:
            parts.append(f'<font name="{font_name(script, bold=bold)}">{escaped}</font>')
    return "".join(parts)


def single_font(text: str, *, bold: bool = False) -> str:
    """One font for text drawn without Paragraph (chart labels): its first non-Latin script."""
    for script, _ in runs(text):
        if script != LATIN:
            return font_name(script, bold=bold)
    return font_name(LATIN, bold=bold)


# ----- /ActualText for shaped text -------------------------------------------------------


def _install_cluster_text_hook() -> None:
    """Have Paragraph's shaping remember each HarfBuzz cluster's characters."""
    original: Callable[..., Any] = _paragraph.shapeFragWord
    if getattr(original, "_ctip_cluster_text", False):
        return

    def shape_one_font(w: Any, *args: Any, **kwargs: Any) -> Any:
        shaped = original(w, *args, **kwargs)
        if shaped is w or not isinstance(shaped, list):
            return shaped
        text = "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))
        words = [
            [sd for sd in (item[1].__shapeData__ or []) if 0 <= sd.cluster < len(text)]
            for item in shaped[1:]
            if isinstance(item, tuple) and isinstance(item[1], ShapedStr)
        ]
        words = [glyphs for glyphs in words if glyphs]
        # One span per run of a word in one font: a span per cluster would make a zero-width
        # mark a "character" of its own, which text extractors then misplace.
        starts = [min(sd.cluster for sd in glyphs) for glyphs in words]
        ends = [*starts[1:], len(text)]
        for glyphs, start, end in zip(words, starts, ends, strict=True):
            glyphs[0].actual_text = text[start:end]
        return shaped

    def shape_with_cluster_text(w: Any, *args: Any, **kwargs: Any) -> Any:
        # ReportLab shapes a whole word with its first fragment's font, so a word such as
        # "(ក្រុមហ៊ុន)" drawn in two fonts would get the wrong glyphs: shape each font's part.
        if isinstance(w, ShapedFragWord):
            return w
        groups: list[list[Any]] = []
        for frag in w[1:]:
            name = getattr(frag[0], "fontName", None)
            if groups and (hasattr(frag[0], "cbDefn") or groups[-1][0] == name):
                groups[-1][1].append(frag)
            else:
                groups.append([name, [frag]])
        if len(groups) < 2:
            return shape_one_font(w, *args, **kwargs)
        merged: list[Any] = [0.0]
        changed = False
        for _, frags in groups:
            width = sum(
                pdfmetrics.stringWidth(s, f.fontName, f.fontSize)
                for f, s in frags
                if not hasattr(f, "cbDefn")
            )
            part = shape_one_font([width, *frags], *args, **kwargs)
            changed = changed or isinstance(part, ShapedFragWord)
            merged[0] += part[0]
            merged.extend(part[1:])
        if not changed:
            return w
        return makeShapedFragWord(w)(merged)

    shape_with_cluster_text._ctip_cluster_text = True  # type: ignore[attr-defined]
    _paragraph.shapeFragWord = shape_with_cluster_text


_APPENDED = 0x7FFFFFFF  # ReportLab's cluster for characters added to a shaped string


def _utf16_hex(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class ActualTextObject(PDFTextObject):
    """A text object that draws shaped clusters inside /ActualText spans."""

    def _formatText(self, text: Any) -> str:
        font = pdfmetrics.getFont(self._fontname)
        shape_data = getattr(text, "__shapeData__", None)
        if not (
            isinstance(text, ShapedStr)
            and shape_data
            and getattr(font, "_dynamicFont", False)
            and any(hasattr(sd, "actual_text") for sd in shape_data)
        ):
            return str(super()._formatText(text))
        return self._format_shaped(text, font, shape_data)

    def _format_shaped(self, text: ShapedStr, font: Any, shape_data: list[Any]) -> str:
        me: Any = self  # ReportLab's text state is untyped
        canvas = me._canvas
        code: list[str] = []
        state = (me._x, me._y)
        size = me._fontsize
        base_rise = me._rise
        in_span = False
        pieces: list[Any] = []

        def flush() -> None:
            parts = [
                (f"({canvas._escape(b''.join(g))})" if is_bytes else fp_str(sum(g)))
                for is_bytes, g in groupby(
                    (p for p in pieces if p), key=lambda p: isinstance(p, bytes)
                )
            ]
            parts = [p for p in parts if p != "0"]
            if parts:
                code.append(f"[{' '.join(parts)}] TJ")
            pieces.clear()

        index = 0
        for subset, chunk in font.splitString(text, canvas._doc):
            if subset != me._curSubset:
                flush()
                code.append(
                    f"{font.getSubsetInternalName(subset, canvas._doc)} "
                    f"{fp_str(size)} Tf {fp_str(me._leading)} TL"
                )
                me._curSubset = subset
            for position in range(len(chunk)):
                sd = shape_data[index]
                index += 1
                actual = getattr(sd, "actual_text", None)
                rise = base_rise + size * sd.y_offset / 1000
                # Characters appended after shaping (the space after a word) stay outside.
                leaves = in_span and sd.cluster == _APPENDED
                if actual is not None or rise != me._rise or leaves:
                    flush()
                if in_span and (actual is not None or leaves):
                    code.append("EMC")
                    in_span = False
                if actual is not None:
                    code.append(f"/Span <</ActualText {_utf16_hex(actual)}>> BDC")
                    in_span = True
                if rise != me._rise:
                    code.append(f"{fp_str(rise)} Ts")
                    me._rise = rise
                pieces.append(-sd.x_offset)
                pieces.append(bytes([chunk[position]]))
                pieces.append(sd.width - sd.x_advance + sd.x_offset)
        flush()
        if me._rise != base_rise:
            code.append(f"{fp_str(base_rise)} Ts")
            me._rise = base_rise
        if in_span:
            code.append("EMC")
        me._x, me._y = state
        return " ".join(code)


class ReportCanvas(Canvas):
    """The canvas every report is drawn on: shaped text carries /ActualText."""

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        return ActualTextObject(self, x, y, direction=direction)
