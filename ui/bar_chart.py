"""A bar chart painted by hand (QtCharts is not part of PySide6-Essentials).

Columns for a scale's distribution (1 to 10 along the bottom), horizontal bars for the
options of a check-all item (the labels need the width). For the mouse: hover a bar for its
numbers, click it to ask for what is behind it. For the keyboard: Tab reaches the chart,
the arrow keys move between bars, Enter or Space chooses one. Ctrl+C or the context menu
copies the chart as an image.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from ui import style

BAR_COLOUR = QColor("#1f5c6b")  # the reports' deep teal: the PDF and the screen agree
CHOSEN_COLOUR = QColor("#d9822b")  # amber: the bar whose organisations are listed


@dataclass(frozen=True)
class ChartBar:
    key: str
    label: str
    value: int
    value_text: str = ""  # printed at the bar's end; the value when empty
    # Rich text, or a function giving it when the pointer rests on the bar (what it needs
    # may take time to work out); label and value when empty.
    tooltip: str | Callable[[], str] = ""


class BarChart(QWidget):
    """Bars with labels and values; ``bar_clicked(key)`` when one is clicked or chosen."""

    bar_clicked = Signal(str)
    copied = Signal()

    PAD = 8
    ROW = 24  # horizontal bars: pixels per bar
    COLUMNS_HEIGHT = 190

    def __init__(self, title: str, *, columns: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.columns = columns
        self.bars: list[ChartBar] = []
        self.footer = ("", "")  # texts under the first and the last column (a scale's anchors)
        self.hovered = -1
        self.current = -1  # the bar the keyboard is on
        self.chosen = ""  # the key of the bar whose organisations are shown
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(self.tr("Chart: {title}").format(title=title))
        self.setMinimumWidth(260)

    # ----- data --------------------------------------------------------------------------

    def set_bars(self, bars: Sequence[ChartBar], footer: tuple[str, str] = ("", "")) -> None:
        self.bars = list(bars)
        self.footer = footer
        self.hovered = -1
        self.current = min(self.current, len(self.bars) - 1)
        if self.chosen not in {b.key for b in self.bars}:
            self.chosen = ""
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.value_text or b.value}" for b in self.bars)
        )
        self.updateGeometry()
        self.update()

    def set_chosen(self, key: str) -> None:
        if key != self.chosen:
            self.chosen = key
            self.update()

    def sizeHint(self) -> QSize:
        if self.columns:
            return QSize(420, self.COLUMNS_HEIGHT)
        return QSize(420, self.ROW * max(len(self.bars), 1) + 2 * self.PAD)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    # ----- geometry ----------------------------------------------------------------------

    def _top_value(self) -> int:
        return max([b.value for b in self.bars] + [1])

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max([metrics.horizontalAdvance(b.label) for b in self.bars] + [0])
        return min(widest + 8, int(self.width() * 0.45))

    def _value_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max([metrics.horizontalAdvance(b.value_text or str(b.value)) for b in self.bars])

    def bar_rect(self, index: int) -> QRectF:
        """Where bar ``index`` is drawn, in widget pixels (a zero bar is a sliver)."""
        bar = self.bars[index]
        share = bar.value / self._top_value()
        metrics = QFontMetrics(self.font())
        if self.columns:
            line = metrics.height()
            top = self.PAD + line + 2  # room for the value above the tallest column
            bottom = self.height() - self.PAD - 2 * line - 4  # point labels and anchors below
            slot = (self.width() - 2 * self.PAD) / max(len(self.bars), 1)
            height = max((bottom - top) * share, 1.5)
            return QRectF(
                self.PAD + slot * index + slot * 0.15, bottom - height, slot * 0.7, height
            )
        left = self.PAD + self._label_width()
        room = self.width() - left - self.PAD - self._value_width() - 8
        y = self.PAD + self.ROW * index
        return QRectF(left, y + 4, max(room * share, 1.5), self.ROW - 8)

    def _slot(self, index: int) -> QRectF:
        """The whole band of a bar (its label too): where a click or hover counts."""
        rect = self.bar_rect(index)
        if self.columns:
            slot = (self.width() - 2 * self.PAD) / max(len(self.bars), 1)
            return QRectF(self.PAD + slot * index, self.PAD, slot, self.height() - 2 * self.PAD)
        return QRectF(0, rect.top() - 4, self.width(), self.ROW)

    def bar_position(self, key: str) -> QPoint | None:
        """The middle of the bar with ``key`` (None when there is none)."""
        for index, bar in enumerate(self.bars):
            if bar.key == key:
                return self.bar_rect(index).center().toPoint()
        return None

    def bar_at(self, position: QPoint | QPointF) -> int:
        point = QPointF(position)
        for index in range(len(self.bars)):
            if self._slot(index).contains(point):
                return index
        return -1

    def tooltip_for(self, index: int) -> str:
        bar = self.bars[index]
        tooltip = bar.tooltip() if callable(bar.tooltip) else bar.tooltip
        return tooltip or f"{_escape(bar.label)}: {bar.value_text or bar.value}"

    # ----- actions -----------------------------------------------------------------------

    def copy_to_clipboard(self) -> None:
        """Put the chart on the clipboard as an image, as it looks now."""
        QGuiApplication.clipboard().setImage(self.grab().toImage())
        self.copied.emit()

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.bars):
            self.current = index
            self.set_chosen(self.bars[index].key)
            self.bar_clicked.emit(self.bars[index].key)

    # ----- events ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.tooltip_for(index), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if index != self.hovered:
            self.hovered = index
            cursor = Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
            self.setCursor(cursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.choose(self.bar_at(event.position()))
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_to_clipboard()
            return
        forward = Qt.Key.Key_Right if self.columns else Qt.Key.Key_Down
        back = Qt.Key.Key_Left if self.columns else Qt.Key.Key_Up
        key = event.key()
        if key in (forward, back) and self.bars:
            step = 1 if key == forward else -1
            self.current = min(max(self.current + step, 0), len(self.bars) - 1)
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current >= 0:
            self.choose(self.current)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.current < 0 and self.bars:
            self.current = 0
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.setObjectName("chartMenu")
        action = menu.addAction(self.tr("&Copy chart as image"))
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        action.triggered.connect(self.copy_to_clipboard)
        menu.popup(event.globalPos())

    # ----- painting ----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.Text)
        faint = self.palette().color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetrics(self.font())
        for index, bar in enumerate(self.bars):
            rect = self.bar_rect(index)
            if index == self.hovered:
                painter.fillRect(self._slot(index), self.palette().color(QPalette.ColorRole.Window))
            colour = style.chart_colour(
                self, CHOSEN_COLOUR if bar.key == self.chosen else BAR_COLOUR
            )
            if bar.key == self.chosen and style.high_contrast():
                colour = self.palette().color(QPalette.ColorRole.Highlight)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(colour if bar.value else faint))
            painter.drawRect(rect)
            value = bar.value_text or str(bar.value)
            painter.setPen(text)
            if self.columns:
                slot = self._slot(index)
                painter.drawText(
                    QRectF(slot.left(), rect.top() - metrics.height() - 1, slot.width(), 100),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    value,
                )
                painter.drawText(
                    QRectF(slot.left(), rect.bottom() + 2, slot.width(), metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    bar.label,
                )
            else:
                label_rect = QRectF(self.PAD, rect.top() - 4, self._label_width() - 8, self.ROW)
                painter.drawText(
                    label_rect,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    metrics.elidedText(
                        bar.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
                    ),
                )
                painter.drawText(
                    QRectF(rect.right() + 6, rect.top() - 4, self.width(), self.ROW),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    value,
                )
            if index == self.current and self.hasFocus():
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self._slot(index).adjusted(1, 1, -1, -1))
        if self.columns and any(self.footer):
            painter.setPen(faint)
            line = QRect(
                self.PAD,
                self.height() - self.PAD - metrics.height(),
                self.width() - 2 * self.PAD,
                metrics.height(),
            )
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft, self.footer[0])
            painter.drawText(line, Qt.AlignmentFlag.AlignRight, self.footer[1])
        painter.end()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
