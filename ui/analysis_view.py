"""The analysis page: one questionnaire's completed interviews across filtered organisations.

A chart per scale item (how many interviews gave each point) and per check-all item (how
often each option was ticked), the "Other" write-ins, and how the scales moved for
organisations interviewed more than once. Click a bar (or choose it with the keyboard) to list
the organisations behind it; double-click one, or press Enter, to open it. The page reads the
database when it is shown and when a filter changes, never at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop import paths
from ctip_desktop.analysis import (
    Analysis,
    AnalysisError,
    AnalysisFilter,
    Bar,
    ChoiceSummary,
    ItemSummary,
    OrganisationChange,
    ScaleSummary,
    analyse,
    chartable_items,
)
from ctip_desktop.profiles.model import VOCABULARY
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace

from ui import idle_lock, messages, style
from ui.bar_chart import BarChart, ChartBar
from ui.operations import BackgroundOp, Progress

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_QUESTIONNAIRE = "pse-outreach-example-2"  # the survey made for comparing companies


def choose_pdf_file(parent: QWidget, suggested: Path) -> str:
    """Ask where to write the PDF ('' when cancelled). Tests replace this function."""
    return idle_lock.get_save_file_name(
        parent, parent.tr("Export analysis as PDF"), str(suggested), parent.tr("PDF (*.pdf)")
    )


def number_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}"


def signed(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}".replace("-", "−")


# ----- models ------------------------------------------------------------------------------


class OrganisationListModel(QAbstractListModel):
    """(org id, name) pairs: the organisations behind a bar."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str]] = []

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        org_id, name = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == ID_ROLE:
            return org_id
        return None


Column = tuple[str, Callable[[Any], Any], Callable[[Any], Any]]  # header, shown, sort key


class RowsModel(QAbstractTableModel):
    """Read-only rows (records of the analysis) with columns given as functions.

    The model sorts itself, one key per row: a sorting proxy asks Python for both sides of
    every comparison, which took a second for 13,000 write-ins on every filter change.
    The rows arrive in the order of the first column; a chosen sort is kept across updates.
    """

    def __init__(self, org_id: Callable[[Any], str]) -> None:
        super().__init__()
        self.columns: list[Column] = []
        self.rows: list[Any] = []
        self.org_id = org_id
        self.sorted_by = (0, Qt.SortOrder.AscendingOrder)

    def set_rows(self, columns: list[Column], rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.columns = columns
        self.rows = self._sorted(list(rows), *self.sorted_by)
        self.endResetModel()

    def _sorted(self, rows: list[Any], column: int, order: Qt.SortOrder) -> list[Any]:
        if (column, order) == (0, Qt.SortOrder.AscendingOrder) or column >= len(self.columns):
            return rows  # as they came: in the first column's order
        return sorted(
            rows,
            key=self.columns[column][2],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sorted_by = (column, order)
        if column >= len(self.columns):
            return  # nothing shown yet: the order applies to the rows to come
        self.layoutAboutToBeChanged.emit()
        self.rows = sorted(
            self.rows,
            key=self.columns[column][2],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == ID_ROLE:
            return self.org_id(row)
        return None


def _table(name: str, model: RowsModel) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    # The rows come in the first column's order: show that, without sorting them again.
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


# ----- one chart with its heading ---------------------------------------------------------


class ItemCard(QFrame):
    """An item's heading, its numbers in a line, and its chart."""

    def __init__(self, item: ItemSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id = item.item_id
        self.setObjectName(f"card_{item.item_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = f"{item.number}. {item.text}"
        self.heading = QLabel(f"<b>{_escape(title)}</b>")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName(f"summary_{item.item_id}")
        self.summary.setWordWrap(True)
        self.chart = BarChart(title, columns=isinstance(item, ScaleSummary))
        self.chart.setObjectName(f"chart_{item.item_id}")
        self.chart.setToolTip("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)

    def show_item(self, item: ItemSummary, interviews: int) -> None:
        if isinstance(item, ScaleSummary):
            self.summary.setText(
                self.tr(
                    "{n} of {total} interviews answered · mean {mean} · median {median}"
                ).format(
                    n=item.answered,
                    total=interviews,
                    mean=number_text(item.mean),
                    median=number_text(item.median),
                )
            )
            anchors = dict(item.anchors)
            self.chart.set_bars(
                [self._scale_bar(item, bar, anchors) for bar in item.bars],
                footer=(
                    f"{item.minimum}: {anchors.get(item.minimum, '')}",
                    f"{item.maximum}: {anchors.get(item.maximum, '')}",
                ),
            )
        else:
            self.summary.setText(
                self.tr(
                    "{n} of {total} interviews ticked something; shares are of those {n}"
                ).format(n=item.answered, total=interviews)
            )
            self.chart.set_bars([self._choice_bar(item, bar) for bar in item.bars])

    def _scale_bar(self, item: ScaleSummary, bar: Bar, anchors: dict[int, str]) -> ChartBar:
        share = bar.count / item.answered if item.answered else 0.0
        anchor = anchors.get(int(bar.key), "")
        heading = f"<b>{bar.label}</b>" + (f" ({_escape(anchor)})" if anchor else "")
        return ChartBar(
            key=bar.key,
            label=bar.label,
            value=bar.count,
            tooltip=lambda: self.tr(
                "{heading}<br>{n} interview(s), {share:.0%} of those answering<br>"
                "{orgs} organisation(s) · click to list them"
            ).format(heading=heading, n=bar.count, share=share, orgs=len(bar.org_ids)),
        )

    def _choice_bar(self, item: ChoiceSummary, bar: Bar) -> ChartBar:
        share = item.share(bar)
        return ChartBar(
            key=bar.key,
            label=bar.label,
            value=bar.count,
            value_text=f"{bar.count} ({share:.0%})",
            tooltip=lambda: self.tr(
                "<b>{label}</b><br>ticked in {n} interview(s), {share:.0%} of those answering"
                "<br>{orgs} organisation(s) · click to list them"
            ).format(label=_escape(bar.label), n=bar.count, share=share, orgs=len(bar.org_ids)),
        )


# ----- the page ---------------------------------------------------------------------------


class AnalysisView(QWidget):
    """Filters, charts, write-ins and change over time; ``open_requested(org_id)``."""

    open_requested = Signal(str)
    refreshed = Signal()

    def __init__(
        self, workspace: Workspace, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("analysisView")
        self.workspace = workspace
        self.settings = settings
        self.analysis: Analysis | None = None
        self.cards: dict[str, ItemCard] = {}
        self._chosen: tuple[str, str] = ("", "")
        self._export: BackgroundOp[Path] | None = None
        self._build_filters()
        self._build_body()

    # ----- building ----------------------------------------------------------------------

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.currentIndexChanged.connect(self.on_filter_changed)
        return combo

    def _build_filters(self) -> None:
        self.questionnaire = self._combo("analysisQuestionnaire", self.tr("Questionnaire"))
        self.sector = self._combo("analysisSector", self.tr("Sector"))
        self.country = self._combo("analysisCountry", self.tr("Country"))
        self.stage = self._combo("analysisStage", self.tr("Stage"))
        self.interviewer = self._combo("analysisInterviewer", self.tr("Interviewer"))
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for edit, name, label in (
            (self.date_from, "analysisDateFrom", self.tr("Interviewed from")),
            (self.date_to, "analysisDateTo", self.tr("Interviewed until")),
        ):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            edit.setToolTip(label + self.tr(" (YYYY-MM-DD, empty for no limit)"))
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setClearButtonEnabled(True)
            edit.setMaximumWidth(130)
            edit.editingFinished.connect(self.on_filter_changed)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("analysisRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export &PDF…"))
        self.export_button.setObjectName("analysisExport")
        self.export_button.clicked.connect(self.export_pdf)
        self.summary = QLabel()
        self.summary.setObjectName("analysisSummary")
        self.problem = QLabel()
        self.problem.setObjectName("analysisProblem")
        style.show_as_problem(self.problem)
        self.problem.setWordWrap(True)
        self.problem.hide()

    def _build_body(self) -> None:
        self.charts = QWidget()
        self.charts.setObjectName("analysisCharts")
        self.charts_layout = QVBoxLayout(self.charts)
        self.charts_layout.addStretch(1)
        self.nothing = QLabel()
        self.nothing.setObjectName("analysisNothing")
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.charts_layout.insertWidget(0, self.nothing)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName(self.tr("Charts"))
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.charts)

        self.write_ins_model = RowsModel(lambda w: w.org_id)
        self.write_ins = _table("analysisWriteIns", self.write_ins_model)
        self.write_ins.activated.connect(self._on_row_activated)
        self.item_changes_model = RowsModel(lambda _row: "")
        self.item_changes = _table("analysisItemChanges", self.item_changes_model)
        self.changes_model = RowsModel(lambda c: c.org_id)
        self.changes = _table("analysisChanges", self.changes_model)
        self.changes.activated.connect(self._on_row_activated)
        change_page = QSplitter(Qt.Orientation.Vertical)
        change_page.addWidget(self.item_changes)
        change_page.addWidget(self.changes)
        change_page.setSizes([160, 400])

        self.tabs = QTabWidget()
        self.tabs.setObjectName("analysisTabs")
        self.tabs.setAccessibleName(self.tr("Analysis details"))
        self.tabs.addTab(self.scroll, self.tr("Charts"))
        self.tabs.addTab(self.write_ins, self.tr("“Other” write-ins"))
        self.tabs.addTab(change_page, self.tr("Change over time"))

        self.behind_title = QLabel(self.tr("Click a bar to list the organisations behind it."))
        self.behind_title.setObjectName("analysisBehindTitle")
        self.behind_title.setWordWrap(True)
        self.behind_model = OrganisationListModel()
        self.behind = QListView()
        self.behind.setObjectName("analysisOrganisations")
        self.behind.setAccessibleName(self.tr("Organisations behind the chosen bar"))
        self.behind.setModel(self.behind_model)
        self.behind.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.behind.activated.connect(self._on_row_activated)
        self.open_button = QPushButton(self.tr("&Open organisation"))
        self.open_button.setObjectName("analysisOpen")
        self.open_button.clicked.connect(self._open_current)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.behind_title)
        side_layout.addWidget(self.behind, 1)
        side_layout.addWidget(self.open_button)
        side.setMinimumWidth(200)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        first = QHBoxLayout()
        for label, widget in (
            (self.tr("&Questionnaire"), self.questionnaire),
            (self.tr("Sec&tor"), self.sector),
            (self.tr("Co&untry"), self.country),
            (self.tr("St&age"), self.stage),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            first.addWidget(caption)
            first.addWidget(widget, 1)
        second = QHBoxLayout()
        for label, widget in (
            (self.tr("I&nterviewer"), self.interviewer),
            (self.tr("&From"), self.date_from),
            (self.tr("&To"), self.date_to),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            second.addWidget(caption)
            second.addWidget(widget, 1 if widget is self.interviewer else 0)
        second.addStretch(1)
        second.addWidget(self.refresh_button)
        second.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    # ----- the filter --------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace) -> None:
        """Another database: what was shown belongs to the old one."""
        self.workspace = workspace
        self.analysis = None
        self._show(None)

    def _fill_choices(self) -> None:
        """The filter menus, from what the database holds now (the choice kept if possible)."""
        store = self.workspace.interviews
        questionnaires = store.questionnaires.current()
        # The ones with something to chart first: a questionnaire of open questions has none.
        questionnaires.sort(key=lambda q: (not chartable_items(q), q.short_title))
        choices: list[tuple[QComboBox, str, list[tuple[str, str]]]] = [
            (self.questionnaire, "", [(q.short_title, q.id) for q in questionnaires]),
            (self.sector, self.tr("All sectors"), _same(self.workspace.profiles, "sectors")),
            (self.country, self.tr("All countries"), _same(self.workspace.profiles, "countries")),
            (self.stage, self.tr("All stages"), [(s, s) for s in VOCABULARY["stages"]]),
            (self.interviewer, self.tr("All interviewers"), [(n, n) for n in store.interviewers()]),
        ]
        for combo, everything, values in choices:
            current = combo.currentData()
            if combo is self.questionnaire and not current:
                current = DEFAULT_QUESTIONNAIRE
            combo.blockSignals(True)
            combo.clear()
            if everything:
                combo.addItem(everything, "")
            for label, value in values:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

    def current_filter(self) -> AnalysisFilter:
        return AnalysisFilter(
            questionnaire_id=self.questionnaire.currentData() or "",
            sector=self.sector.currentData() or "",
            country=self.country.currentData() or "",
            stage=self.stage.currentData() or "",
            interviewer=self.interviewer.currentData() or "",
            date_from=self.date_from.text().strip(),
            date_to=self.date_to.text().strip(),
        )

    def set_filter(self, **values: str) -> None:
        """Choose filter values as a person would (combo data or date text), then refresh."""
        combos = {
            "questionnaire_id": self.questionnaire,
            "sector": self.sector,
            "country": self.country,
            "stage": self.stage,
            "interviewer": self.interviewer,
        }
        for name, value in values.items():
            if name in combos:
                combo = combos[name]
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(value), 0))
                combo.blockSignals(False)
            else:
                {"date_from": self.date_from, "date_to": self.date_to}[name].setText(value)
        self.refresh()

    # ----- computing ---------------------------------------------------------------------

    def show_page(self) -> None:
        """The page is being shown: fresh menus and numbers (the data may have changed)."""
        self._fill_choices()
        self.refresh()

    def on_filter_changed(self) -> None:
        flt = self.current_filter()
        if self.analysis is not None and flt == self.analysis.filter and self.problem.isHidden():
            return  # e.g. leaving a date field without changing it
        self.refresh()

    def refresh(self) -> None:
        flt = self.current_filter()
        problems = flt.problems()
        if problems:
            self._show_problem(" ".join(problems))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            analysis = analyse(self.workspace, flt)
        except AnalysisError as error:
            self._show_problem(str(error))
            return
        except Exception as error:  # a damaged file, say: logged, and told in words
            log.exception("analysis failed")
            messages.show_error(self, self.tr("The analysis could not be made"), str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.problem.hide()
        self._show(analysis)
        self.refreshed.emit()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _show(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        self._show_summary(analysis)
        self._show_charts(analysis)
        self._show_write_ins(analysis)
        self._show_changes(analysis)
        self._choose_bar("", "")
        self.export_button.setEnabled(analysis is not None and analysis.interviews > 0)

    def _show_summary(self, analysis: Analysis | None) -> None:
        if analysis is None:
            self.summary.setText("")
            return
        text = self.tr("{n} completed interview(s) of {orgs} organisation(s)").format(
            n=analysis.interviews, orgs=analysis.organisations
        )
        if analysis.drafts_left_out:
            text += " · " + self.tr("{n} draft(s) left out (not completed)").format(
                n=analysis.drafts_left_out
            )
        narrowed = analysis.filter.description()
        if narrowed:
            text += " · " + narrowed
        self.summary.setText(text)

    def _show_charts(self, analysis: Analysis | None) -> None:
        items = analysis.items if analysis is not None else ()
        if [i.item_id for i in items] != list(self.cards):
            for card in self.cards.values():
                card.setParent(None)
                card.deleteLater()
            self.cards = {}
            for item in items:
                card = ItemCard(item)
                card.chart.bar_clicked.connect(
                    lambda key, item_id=item.item_id: self._choose_bar(item_id, key)
                )
                self.charts_layout.insertWidget(self.charts_layout.count() - 1, card)
                self.cards[item.item_id] = card
        assert analysis is not None or not items
        for item in items:
            assert analysis is not None
            self.cards[item.item_id].show_item(item, analysis.interviews)
        if analysis is None:
            message = ""
        elif not items:
            message = self.tr(
                "This questionnaire has no scale or check-all items to chart: its answers are "
                "open text."
            )
        elif not analysis.interviews:
            message = self.tr("No completed interview matches the filter.")
        else:
            message = ""
        self.nothing.setText(message)
        self.nothing.setVisible(bool(message))

    def _show_write_ins(self, analysis: Analysis | None) -> None:
        rows = analysis.write_ins if analysis is not None else ()
        columns: list[Column] = [
            (self.tr("Item"), lambda w: w.item_number, lambda w: _number_key(w.item_number)),
            (self.tr("Organisation"), lambda w: w.org_name, lambda w: w.org_name.casefold()),
            (self.tr("Date"), lambda w: w.date, lambda w: w.date),
            (self.tr("Write-in"), lambda w: w.text, lambda w: w.text.casefold()),
        ]
        self.write_ins_model.set_rows(columns, rows)
        self.write_ins.setColumnWidth(0, 50)
        self.write_ins.setColumnWidth(1, 220)
        self.write_ins.setColumnWidth(2, 96)
        self.tabs.setTabText(1, self.tr("“Other” write-ins ({n})").format(n=len(rows)))

    def _show_changes(self, analysis: Analysis | None) -> None:
        scales = analysis.scales if analysis is not None else ()
        columns: list[Column] = [
            (self.tr("Organisation"), lambda c: c.name, lambda c: c.name.casefold()),
            (self.tr("Interviews"), lambda c: str(c.interviews), lambda c: c.interviews),
            (self.tr("First"), lambda c: c.first_date, lambda c: c.first_date),
            (self.tr("Latest"), lambda c: c.latest_date, lambda c: c.latest_date),
        ]
        for item in scales:
            columns.append(
                (
                    f"{item.number}. {_short(item.text)}",
                    lambda c, i=item.item_id: _movement(c, i),
                    lambda c, i=item.item_id: _change_key(c, i),
                )
            )
        self.changes_model.set_rows(columns, analysis.changes if analysis is not None else ())
        by_item: list[Column] = [
            (self.tr("Item"), lambda c: f"{c.number}. {c.text}", lambda c: _number_key(c.number)),
            (self.tr("Organisations"), lambda c: str(c.organisations), lambda c: c.organisations),
            (self.tr("Mean change"), lambda c: signed(c.mean_change), lambda c: c.mean_change or 0),
            (self.tr("Rose"), lambda c: str(c.rose), lambda c: c.rose),
            (self.tr("Same"), lambda c: str(c.same), lambda c: c.same),
            (self.tr("Fell"), lambda c: str(c.fell), lambda c: c.fell),
        ]
        self.item_changes_model.set_rows(
            by_item, analysis.item_changes if analysis is not None else ()
        )
        self.item_changes.setColumnWidth(0, 380)
        self.changes.setColumnWidth(0, 220)
        for column in range(4, 4 + len(scales)):
            self.changes.setColumnWidth(column, 170)
        count = len(analysis.changes) if analysis is not None else 0
        self.tabs.setTabText(2, self.tr("Change over time ({n})").format(n=count))

    # ----- bars and organisations --------------------------------------------------------

    def chart(self, item_id: str) -> BarChart:
        return self.cards[item_id].chart

    def _choose_bar(self, item_id: str, key: str) -> None:
        self._chosen = (item_id, key)
        for card_id, card in self.cards.items():
            card.chart.set_chosen(key if card_id == item_id else "")
        analysis = self.analysis
        if analysis is None or not item_id:
            self.behind_model.set_rows([])
            self.behind_title.setText(self.tr("Click a bar to list the organisations behind it."))
            self.open_button.setEnabled(False)
            return
        item = analysis.item(item_id)
        bar = next(b for b in item.bars if b.key == key)
        rows = analysis.organisations_behind(bar)
        self.behind_model.set_rows(rows)
        self.behind_title.setText(
            self.tr("<b>{number}. {label}</b>: {orgs} organisation(s), {n} interview(s)").format(
                number=item.number, label=_escape(bar.label), orgs=len(rows), n=bar.count
            )
        )
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.behind.setCurrentIndex(self.behind_model.index(0))

    def organisations_listed(self) -> list[str]:
        return [name for _, name in self.behind_model.rows]

    def _on_row_activated(self, index: QModelIndex) -> None:
        org_id = index.data(ID_ROLE)
        if org_id:
            self.open_requested.emit(str(org_id))

    def _open_current(self) -> None:
        self._on_row_activated(self.behind.currentIndex())

    # ----- PDF ---------------------------------------------------------------------------

    def export_pdf(self) -> None:
        """Write the analysis on screen as a PDF (in the background), then offer to open it."""
        analysis = self.analysis
        if analysis is None or not analysis.interviews:
            messages.show_error(
                self, self.tr("Export PDF"), self.tr("There is no analysis to export yet.")
            )
            return
        if self._export is not None and self._export.running:
            return
        folder = Path(self.settings.export_folder or paths.default_export_dir())
        name = f"Analysis - {analysis.questionnaire_title.split(':')[0]} - {date.today()}.pdf"
        chosen = choose_pdf_file(self, folder / name.replace("#", ""))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        author = self.settings.interviewer_name

        def work(_workspace: Workspace, _progress: Progress) -> Path:
            from ctip_desktop.reports.analysis import build_analysis_report

            build_analysis_report(analysis, target, author=author)
            return target

        self._export = BackgroundOp(
            self,
            self.workspace.path,
            self.settings,
            work,
            title=self.tr("Writing the PDF…"),
            on_done=self._on_exported,
            on_failed=lambda error: messages.show_error(
                self, self.tr("The PDF was not written"), str(error)
            ),
        ).start()

    def _on_exported(self, path: Path) -> None:
        messages.offer_open(
            self,
            self.tr("Export PDF"),
            self.tr("Wrote {file}.").format(file=path.name),
            "",
            {self.tr("Open file"): path, self.tr("Open folder"): path.parent},
        )

    def shutdown(self) -> None:
        if self._export is not None:
            self._export.shutdown()


def _same(profiles: Any, column: str) -> list[tuple[str, str]]:
    return [(value, value) for value in profiles.used_values(column)]


def _movement(change: OrganisationChange, item_id: str) -> str:
    pair = change.values.get(item_id)
    if pair is None:
        return ""
    first, latest = pair
    return f"{first} → {latest} ({signed(latest - first).replace('.0', '')})"


def _change_key(change: OrganisationChange, item_id: str) -> float:
    delta = change.change(item_id)
    return -99.0 if delta is None else float(delta)


def _number_key(number: str) -> int:
    """Items in their numeric order (item numbers are text: "10" sorts after "9")."""
    return int(number) if number.isdigit() else 10**6


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
