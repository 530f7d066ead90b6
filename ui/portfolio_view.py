"""The portfolio page: interviewed organisations by need against openness, and as a table.

The chart is painted by hand (QtCharts is not part of PySide6-Essentials) and is for the
mouse: hover a point for its numbers, click it to open the organisation. The table beside
it shows the same points for the keyboard: sortable, filtered by tier and a search, Enter
opens the organisation. The page never reads the database itself: the window computes the
points (``portfolio_points`` in a background operation) and hands them to :meth:`set_points`.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QIcon,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.recommend.portfolio import PortfolioPoint, tier_labels, tier_thresholds

from ui import style

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

ENGAGE_NOW, NURTURE, MONITOR, UNKNOWN = "engage_now", "nurture", "monitor", "unknown"
TIER_COLOURS = {
    ENGAGE_NOW: QColor("#2e7d32"),
    NURTURE: QColor("#e08a00"),
    MONITOR: QColor("#5c7387"),
    UNKNOWN: QColor("#9e9e9e"),
}
TIER_ORDER = (ENGAGE_NOW, NURTURE, MONITOR, UNKNOWN)

AXIS_MIN, AXIS_MAX = 0.5, 10.5  # the 1-10 scales with half a step of room on each side
JITTER = 0.18  # at most, in scale units: readiness values fall on halves, so points stay apart
PICK_RADIUS = 9  # pixels around a point's centre that hit it


def tier_colour(tier: str) -> QColor:
    return TIER_COLOURS.get(tier, TIER_COLOURS[UNKNOWN])


def number_text(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def jitter(org_id: str) -> tuple[float, float]:
    """A small offset, always the same for an organisation, so equal scores do not hide."""
    code = zlib.crc32(org_id.encode("utf-8"))
    dx = ((code & 0xFFFF) / 0xFFFF - 0.5) * 2 * JITTER
    dy = (((code >> 16) & 0xFFFF) / 0xFFFF - 0.5) * 2 * JITTER
    return dx, dy


# ----- the chart --------------------------------------------------------------------------


class PortfolioChart(QWidget):
    """Need (x) against openness (y), one dot per organisation coloured by its tier."""

    point_clicked = Signal(str)

    MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 18, 40, 58

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioChart")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table beside it is for the keyboard
        self.setMinimumSize(300, 300)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.need_threshold, self.openness_threshold = tier_thresholds()
        self.labels = tier_labels()
        self._points: list[PortfolioPoint] = []  # plotted ones only, in drawing order
        self._not_plotted = 0
        self._by_id: dict[str, PortfolioPoint] = {}
        self.hovered = ""
        self.selected = ""
        self.message = ""

    # ----- data --------------------------------------------------------------------------

    def set_points(self, points: Sequence[PortfolioPoint], *, message: str = "") -> None:
        """Show these points; ``message`` is drawn in the middle when there are none."""
        plotted = [p for p in points if p.plotted]
        # Drawn from the least to the most ready: "Engage now" ends on top.
        rank = {tier: i for i, tier in enumerate(TIER_ORDER)}
        self._points = sorted(plotted, key=lambda p: (-rank.get(p.tier, 9), p.org_id))
        self._not_plotted = len(points) - len(plotted)
        self._by_id = {p.org_id: p for p in self._points}
        self.message = message
        if self.hovered not in self._by_id:
            self.hovered = ""
        self.update()

    def plotted_ids(self) -> list[str]:
        return [p.org_id for p in self._points]

    def set_selected(self, org_id: str) -> None:
        if org_id != self.selected:
            self.selected = org_id
            self.update()

    # ----- geometry ----------------------------------------------------------------------

    def plot_rect(self) -> QRectF:
        return QRectF(
            self.MARGIN_LEFT,
            self.MARGIN_TOP,
            max(self.width() - self.MARGIN_LEFT - self.MARGIN_RIGHT, 10),
            max(self.height() - self.MARGIN_TOP - self.MARGIN_BOTTOM, 10),
        )

    def to_pixels(self, need: float, openness: float) -> QPointF:
        rect = self.plot_rect()
        span = AXIS_MAX - AXIS_MIN
        x = rect.left() + (need - AXIS_MIN) / span * rect.width()
        y = rect.bottom() - (openness - AXIS_MIN) / span * rect.height()
        return QPointF(x, y)

    def _centre(self, point: PortfolioPoint) -> QPointF:
        assert point.need is not None and point.openness is not None
        dx, dy = jitter(point.org_id)
        need = min(max(point.need + dx, AXIS_MIN), AXIS_MAX)
        openness = min(max(point.openness + dy, AXIS_MIN), AXIS_MAX)
        return self.to_pixels(need, openness)

    def point_position(self, org_id: str) -> QPoint | None:
        """Where an organisation's dot is drawn (widget pixels); None when it is not shown."""
        point = self._by_id.get(org_id)
        return None if point is None else self._centre(point).toPoint()

    def point_at(self, position: QPoint | QPointF) -> str:
        """The organisation whose dot is nearest the position, within reach; "" for none.

        Of dots at the same distance the one drawn last (on top) wins.
        """
        target = QPointF(position)
        best, best_distance = "", float(PICK_RADIUS * PICK_RADIUS) + 0.01
        for point in self._points:
            centre = self._centre(point)
            distance = (centre.x() - target.x()) ** 2 + (centre.y() - target.y()) ** 2
            if distance <= best_distance:
                best, best_distance = point.org_id, distance
        return best

    def tooltip_for(self, org_id: str) -> str:
        point = self._by_id.get(org_id)
        if point is None:
            return ""
        lines = [
            f"<b>{_escape(point.name)}</b>",
            self.tr("Need: {need} · Openness: {openness}").format(
                need=number_text(point.need), openness=number_text(point.openness)
            ),
            self.tr("Tier: {tier}").format(tier=_escape(point.tier_label)),
        ]
        if point.resources is not None:
            lines.append(self.tr("Resources offered: {n}").format(n=point.resources))
        if point.last_interview:
            lines.append(self.tr("Interviewed: {date}").format(date=point.last_interview[:10]))
        return "<br>".join(lines)

    # ----- events ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            org_id = self.point_at(event.pos())
            if org_id:
                QToolTip.showText(event.globalPos(), self.tooltip_for(org_id), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        org_id = self.point_at(event.position())
        if org_id != self.hovered:
            self.hovered = org_id
            if org_id:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            else:
                self.unsetCursor()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.hovered:
            self.hovered = ""
            self.unsetCursor()
            self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            org_id = self.point_at(event.position())
            if org_id:
                self.selected = org_id
                self.update()
                self.point_clicked.emit(org_id)
                return
        super().mouseReleaseEvent(event)

    # ----- painting ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint_quadrants(painter)
            self._paint_grid(painter)
            self._paint_axes(painter)
            self._paint_points(painter)
            self._paint_legend(painter)
            if self.message and not self._points:
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    self.plot_rect(),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self.message,
                )
        finally:
            painter.end()

    def _boundary(self) -> tuple[float, float]:
        # Halfway below the threshold: a score of exactly 6 sits clearly inside its tier.
        return self.need_threshold - 0.25, self.openness_threshold - 0.25

    def _paint_quadrants(self, painter: QPainter) -> None:
        rect = self.plot_rect()
        need_at, open_at = self._boundary()
        split = self.to_pixels(need_at, open_at)
        regions = (
            (
                QRectF(split.x(), rect.top(), rect.right() - split.x(), split.y() - rect.top()),
                ENGAGE_NOW,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            ),
            (
                QRectF(rect.left(), rect.top(), split.x() - rect.left(), split.y() - rect.top()),
                NURTURE,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            ),
            (
                QRectF(split.x(), split.y(), rect.right() - split.x(), rect.bottom() - split.y()),
                NURTURE,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            ),
            (
                QRectF(rect.left(), split.y(), split.x() - rect.left(), rect.bottom() - split.y()),
                MONITOR,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            ),
        )
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 6.0))
        for region, tier, align in regions:
            tint = QColor(tier_colour(tier))
            tint.setAlpha(26 if tier != ENGAGE_NOW else 34)
            painter.fillRect(region, tint)
            label_colour = style.meaning_colour(self, tier_colour(tier))
            painter.setPen(label_colour)
            box = region.adjusted(8, 6, -8, -6)
            painter.setFont(bold)
            title = self.labels.get(tier, tier)
            if tier == ENGAGE_NOW:
                line = QFontMetrics(bold).height()
                painter.drawText(box, align, title)
                painter.setFont(small)
                painter.drawText(
                    box.adjusted(0, line, 0, 0), align, self.tr("with resources offered")
                )
            else:
                painter.drawText(box, align, title)
        painter.setFont(self.font())

    def _paint_grid(self, painter: QPainter) -> None:
        rect = self.plot_rect()
        grid = QColor(self.palette().color(QPalette.ColorRole.Text))
        grid.setAlpha(28)
        painter.setPen(QPen(grid, 1))
        for value in range(1, 11):
            x = self.to_pixels(value, AXIS_MIN).x()
            y = self.to_pixels(AXIS_MIN, value).y()
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        need_at, open_at = self._boundary()
        split = self.to_pixels(need_at, open_at)
        line = QColor(self.palette().color(QPalette.ColorRole.Text))
        line.setAlpha(110)
        painter.setPen(QPen(line, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(split.x(), rect.top()), QPointF(split.x(), rect.bottom()))
        painter.drawLine(QPointF(rect.left(), split.y()), QPointF(rect.right(), split.y()))

    def _paint_axes(self, painter: QPainter) -> None:
        rect = self.plot_rect()
        text = self.palette().color(QPalette.ColorRole.Text)
        frame = QColor(text)
        frame.setAlpha(120)
        painter.setPen(QPen(frame, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1, 6.0))
        painter.setFont(small)
        metrics = QFontMetrics(small)
        tick = QColor(text)
        tick.setAlpha(170)
        painter.setPen(tick)
        for value in range(1, 11):
            x = self.to_pixels(value, AXIS_MIN).x()
            painter.drawText(
                QRectF(x - 15, rect.bottom() + 4, 30, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                str(value),
            )
            y = self.to_pixels(AXIS_MIN, value).y()
            painter.drawText(
                QRectF(rect.left() - 34, y - metrics.height() / 2, 28, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        painter.setFont(self.font())
        painter.setPen(text)
        painter.drawText(
            QRectF(rect.left(), rect.bottom() + 6 + metrics.height(), rect.width(), 24),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            self.tr("Need: supply-chain disruption and worker exposure"),
        )
        painter.save()
        painter.translate(16, rect.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-rect.height() / 2, -10, rect.height(), 24),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            self.tr("Openness to partner"),
        )
        painter.restore()

    def _paint_points(self, painter: QPainter) -> None:
        outline = self.palette().color(QPalette.ColorRole.Base)
        emphasised = []
        for point in self._points:
            if point.org_id in (self.hovered, self.selected):
                emphasised.append(point)
                continue
            painter.setPen(QPen(outline, 1.2))
            painter.setBrush(QBrush(style.chart_colour(self, tier_colour(point.tier))))
            painter.drawEllipse(self._centre(point), 5.0, 5.0)
        ring = self.palette().color(QPalette.ColorRole.Text)
        for point in emphasised:  # on top of the others
            painter.setPen(QPen(ring, 2))
            painter.setBrush(QBrush(tier_colour(point.tier)))
            painter.drawEllipse(self._centre(point), 7.5, 7.5)

    def _paint_legend(self, painter: QPainter) -> None:
        counts = {tier: 0 for tier in TIER_ORDER}
        for point in self._points:
            counts[point.tier if point.tier in counts else UNKNOWN] += 1
        metrics = QFontMetrics(self.font())
        x = float(self.MARGIN_LEFT)
        y = 12.0
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        for tier in (ENGAGE_NOW, NURTURE, MONITOR):
            text = self.tr("{tier} ({n})").format(tier=self.labels.get(tier, tier), n=counts[tier])
            painter.setBrush(QBrush(tier_colour(tier)))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x + 5, y + metrics.height() / 2), 5.0, 5.0)
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(x + 14, y, width + 4, metrics.height()), Qt.AlignmentFlag.AlignLeft, text
            )
            x += 14 + width + 18
        if self._not_plotted:
            faint = self.palette().color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(faint)
            note = self.tr("{n} not plotted: scales unanswered").format(n=self._not_plotted)
            if x + metrics.horizontalAdvance(note) < self.width() - self.MARGIN_RIGHT:
                painter.drawText(
                    QRect(0, int(y), self.width() - self.MARGIN_RIGHT, metrics.height()),
                    Qt.AlignmentFlag.AlignRight,
                    note,
                )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ----- the table --------------------------------------------------------------------------


class PortfolioTableModel(QAbstractTableModel):
    columns = (
        ("name", "Organisation"),
        ("tier_label", "Tier"),
        ("need", "Need"),
        ("openness", "Openness"),
        ("resources", "Resources"),
        ("last_interview", "Interviewed"),
    )
    _NUMBERS = frozenset({"need", "openness", "resources"})

    def __init__(self) -> None:
        super().__init__()
        self.points: list[PortfolioPoint] = []

    def set_points(self, points: Sequence[PortfolioPoint]) -> None:
        self.beginResetModel()
        self.points = list(points)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.points)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.columns[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        point = self.points[index.row()]
        key = self.columns[index.column()][0]
        value = getattr(point, key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key in ("need", "openness"):
                return number_text(value)
            if key == "resources":
                return "—" if value is None else str(value)
            if key == "last_interview":
                return value[:10]
            return value
        if role == SORT_ROLE:
            if key in self._NUMBERS:
                return -1.0 if value is None else float(value)
            if key == "tier_label":
                return TIER_ORDER.index(point.tier) if point.tier in TIER_ORDER else 9
            return str(value).casefold()
        if role == Qt.ItemDataRole.DecorationRole and key == "tier_label":
            return tier_colour(point.tier)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self._NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return point.explanation or point.name
        if role == ID_ROLE:
            return point.org_id
        return None


class PortfolioFilter(QSortFilterProxyModel):
    """Rows of one tier (or all) whose name, sectors or countries contain the search."""

    def __init__(self) -> None:
        super().__init__()
        self.tier = ""
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, tier: str, search: str) -> None:
        search = " ".join(search.split()).casefold()
        if (tier, search) == (self.tier, self.search):
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.tier, self.search = tier, search
            self.endFilterChange()
        else:
            self.tier, self.search = tier, search
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PortfolioTableModel)
        point = model.points[source_row]
        if self.tier and point.tier != self.tier:
            return False
        if not self.search:
            return True
        haystack = " ".join((point.name, *point.sectors, *point.countries)).casefold()
        return all(word in haystack for word in self.search.split())


# ----- the page ---------------------------------------------------------------------------


class PortfolioView(QWidget):
    """The chart and the table of interviewed organisations.

    Signals: ``open_requested(org_id)`` when a point is clicked or a row activated (Enter,
    double-click, the Open button); ``refresh_requested()`` from the Refresh button.
    """

    open_requested = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioView")
        self._points: list[PortfolioPoint] = []
        self._cancelled = False
        self._total = 0

        self.chart = PortfolioChart()
        self.chart.point_clicked.connect(self._on_point_clicked)

        self.model = PortfolioTableModel()
        self.proxy = PortfolioFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("portfolioTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            QFontMetrics(self.table.font()).height() + 8
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 56), (3, 78), (4, 80), (5, 92)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("portfolioTierFilter")
        self.tier_filter.addItem(self.tr("All tiers"), "")
        for tier, label in tier_labels().items():
            self.tier_filter.addItem(swatch(tier), label, tier)
        self.tier_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.search = QLineEdit()
        self.search.setObjectName("portfolioSearch")
        self.search.setAccessibleName(self.tr("Find an organisation in the portfolio"))
        self.search.setPlaceholderText(self.tr("Search name, sector or country"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter_changed)
        self.count = QLabel()
        self.count.setObjectName("portfolioCount")
        self.open_button = QPushButton(self.tr("&Open organisation"))
        self.open_button.setObjectName("portfolioOpenButton")
        self.open_button.clicked.connect(self.open_current)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("portfolioRefreshButton")
        self.refresh_button.clicked.connect(self.refresh_requested.emit)

        self.empty = QLabel(self._nothing_yet())
        self.empty.setObjectName("portfolioEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.chart)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.open_button)
        right_layout.addLayout(buttons)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 620])
        right.setMinimumWidth(240)
        self.splitter = splitter

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Tier")))
        filters.addWidget(self.tier_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)

        QWidget.setTabOrder(self.tier_filter, self.search)
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.open_button)
        QWidget.setTabOrder(self.open_button, self.refresh_button)
        self.set_points([])

    # ----- interface ---------------------------------------------------------------------

    def _nothing_yet(self) -> str:
        return self.tr("No organisation has a completed Example #2 interview yet.")

    def show_reading(self) -> None:
        """While the points are worked out: say so, rather than "none yet"."""
        if not self._points:
            self.empty.setText(self.tr("Reading the interviews…"))
            self.stack.setCurrentIndex(0)

    def set_points(self, points: Sequence[PortfolioPoint]) -> None:
        """Show these points (a ``Portfolio`` flagged ``cancelled`` says so in the count)."""
        self.empty.setText(self._nothing_yet())
        selected = self.current_org_id()
        self._points = list(points)
        self._cancelled = bool(getattr(points, "cancelled", False))
        self._total = int(getattr(points, "total", len(self._points)) or len(self._points))
        self.model.set_points(self._points)
        self.stack.setCurrentIndex(1 if self._points else 0)
        self.tier_filter.setEnabled(bool(self._points))
        self.search.setEnabled(bool(self._points))
        self._after_filter()
        if selected:
            self.select(selected)

    def points(self) -> list[PortfolioPoint]:
        return list(self._points)

    def visible_points(self) -> list[PortfolioPoint]:
        """The points the filters let through, in the table's order."""
        return [
            self.model.points[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
            for row in range(self.proxy.rowCount())
        ]

    def point_position(self, org_id: str) -> QPoint | None:
        """Where the organisation's dot is, in this widget's coordinates (None: not shown)."""
        inside = self.chart.point_position(org_id)
        return None if inside is None else self.chart.mapTo(self, inside)

    def set_tier_filter(self, tier: str) -> None:
        self.tier_filter.setCurrentIndex(max(self.tier_filter.findData(tier), 0))

    def current_org_id(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else ""

    def select(self, org_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == org_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def open_current(self) -> None:
        org_id = self.current_org_id()
        if org_id:
            self.open_requested.emit(org_id)

    # ----- reactions ---------------------------------------------------------------------

    def _on_filter_changed(self) -> None:
        self.proxy.set_filter(self.tier_filter.currentData() or "", self.search.text())
        self._after_filter()

    def _after_filter(self) -> None:
        visible = self.visible_points()
        filtered = len(visible) < len(self._points)
        self.chart.set_points(
            visible, message=self.tr("No organisation matches the filter.") if filtered else ""
        )
        self.chart.set_selected(self.current_org_id())
        if filtered:
            text = self.tr("{shown} of {n} organisations").format(
                shown=len(visible), n=len(self._points)
            )
        else:
            text = self.tr("{n} organisation(s)").format(n=len(self._points))
        not_plotted = sum(1 for p in visible if not p.plotted)
        if not_plotted:
            text += " · " + self.tr("{n} not plotted (scales unanswered)").format(n=not_plotted)
        if self._cancelled:
            text += " · " + self.tr("stopped early: {n} of {total} assessed").format(
                n=len(self._points), total=self._total
            )
        self.count.setText(text)
        self.open_button.setEnabled(bool(self.current_org_id()))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.chart.set_selected(str(current.data(ID_ROLE)) if current.isValid() else "")
        self.open_button.setEnabled(current.isValid())

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.data(ID_ROLE)))

    def _on_point_clicked(self, org_id: str) -> None:
        self.select(org_id)
        self.open_requested.emit(org_id)


def swatch(tier: str) -> QIcon:
    """A dot in the tier's colour, for the filter menu."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(tier_colour(tier)))
    painter.drawEllipse(QRectF(1, 1, 10, 10))
    painter.end()
    return QIcon(pixmap)
