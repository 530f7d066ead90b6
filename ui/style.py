"""Colours that carry meaning (a problem, a warning, a readiness tier), made readable on the
palette in use: light, dark or high contrast.

Every widget that colours text or paints a chart takes its colours from here or from its
palette, never a fixed hex code, so a dark desktop does not get dark red on black and a
high-contrast setting gets the strongest contrast there is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# WCAG 2 asks 4.5:1 for normal text against its background, 3:1 for parts of graphics.
READABLE = 4.5
GRAPHICS = 3.0

PROBLEM = QColor("#b00020")
WARNING = QColor("#8a4b00")
DONE = QColor("#1b7f4b")
QUIET = QColor("#55606e")


def high_contrast() -> bool:
    """Whether the user asked the system for high contrast."""
    hints = QGuiApplication.styleHints()
    return bool(hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(colour: QColor, background: QColor, minimum: float = READABLE) -> QColor:
    """The colour, lightened or darkened just enough to read on the background."""
    if contrast_ratio(colour, background) >= minimum:
        return QColor(colour)
    towards_light = _luminance(background) < 0.5
    hue, saturation, lightness, alpha = colour.getHsl()
    adjusted = QColor(colour)
    for step in range(1, 21):
        shifted = (
            lightness + (255 - lightness) * step / 20
            if towards_light
            else lightness * (1 - step / 20)
        )
        adjusted = QColor.fromHsl(max(hue, 0), saturation, round(shifted), alpha)
        if contrast_ratio(adjusted, background) >= minimum:
            return adjusted
    return adjusted


def meaning_colour(widget: QWidget, colour: QColor) -> QColor:
    """A meaningful colour as this widget should show it: readable on its background, or
    with high contrast asked for, the palette's own text colour (colour alone must never
    carry the meaning there: texts say it too)."""
    palette = widget.palette()
    if high_contrast():
        return palette.color(QPalette.ColorRole.WindowText)
    return readable_on(colour, palette.color(QPalette.ColorRole.Window))


def chart_colour(widget: QWidget, colour: QColor) -> QColor:
    """A colour for marks on a chart (bars, dots, region labels): 3:1 against the widget's
    background, as WCAG asks of graphics; with high contrast asked for, the text colour."""
    palette = widget.palette()
    if high_contrast():
        return palette.color(QPalette.ColorRole.WindowText)
    return readable_on(colour, palette.color(QPalette.ColorRole.Window), GRAPHICS)


def problem_colour(widget: QWidget) -> QColor:
    return meaning_colour(widget, PROBLEM)


def warning_colour(widget: QWidget) -> QColor:
    return meaning_colour(widget, WARNING)


def colour_text(label: QLabel, colour: QColor) -> None:
    """Show a label's text in a meaningful colour (through its palette, not a style sheet,
    so the rest of its look still follows the system)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, meaning_colour(label, colour))
    label.setPalette(palette)


def table_problem_colour() -> QColor:
    """The problem colour for text in a table cell (models have no widget: the application
    palette's base colour is what cells are painted on)."""
    palette = QGuiApplication.palette()
    if high_contrast():
        return palette.color(QPalette.ColorRole.Text)
    return readable_on(PROBLEM, palette.color(QPalette.ColorRole.Base))


def show_as_problem(label: QLabel) -> None:
    colour_text(label, PROBLEM)


def show_as_warning(label: QLabel) -> None:
    colour_text(label, WARNING)


def show_as_normal(label: QLabel) -> None:
    label.setPalette(QPalette())
