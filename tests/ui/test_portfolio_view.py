"""The portfolio page: a painted chart to click, a table to filter and open with the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from ctip_desktop.recommend.portfolio import Portfolio, PortfolioPoint, portfolio_points
from ctip_desktop.workspace import Workspace

from ui.main_window import MainWindow
from ui.portfolio_view import ID_ROLE, PortfolioView

from tests.core.test_portfolio import ENGAGE, MONITOR, NURTURE, interviewed
from tests.ui.helpers import focused, press, type_text


@pytest.fixture
def orgs(workspace: Workspace) -> dict[str, str]:
    return {
        "engage": interviewed(workspace, "Golden Lotus Seafood", ENGAGE),
        "nurture": interviewed(workspace, "Andaman Garments", NURTURE, sectors=("Garments",)),
        "monitor": interviewed(workspace, "Mekong Rice Mills", MONITOR, countries=("Viet Nam",)),
        # The same answers as Golden Lotus: the two points must not hide each other.
        "twin": interviewed(workspace, "Lotus Twin Seafood", ENGAGE),
        "partial": interviewed(workspace, "Blue Harbour Logistics", {"supply_chain_effect": 7}),
    }


@pytest.fixture
def view(qtbot: QtBot, workspace: Workspace, orgs: dict[str, str]) -> PortfolioView:
    view = PortfolioView()
    qtbot.addWidget(view)
    view.resize(1200, 640)
    view.show()
    qtbot.waitExposed(view)
    view.set_points(portfolio_points(workspace))
    return view


def table_names(view: PortfolioView) -> list[str]:
    model = view.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def row_of(view: PortfolioView, org_id: str) -> int:
    model = view.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(ID_ROLE) == org_id:
            return row
    raise AssertionError(f"{org_id} is not in the table")


def test_clicking_a_point_in_the_chart_opens_that_organisation(
    qtbot: QtBot, view: PortfolioView, orgs: dict[str, str]
):
    chart = view.chart
    assert set(chart.plotted_ids()) == {orgs[k] for k in ("engage", "nurture", "monitor", "twin")}
    for key in ("engage", "nurture", "monitor", "twin"):
        position = chart.point_position(orgs[key])
        assert position is not None and chart.rect().contains(position)
        with qtbot.waitSignal(view.open_requested) as opened:
            qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=position)
        assert opened.args == [orgs[key]]
        assert view.current_org_id() == orgs[key]  # the table follows the chart

    # Equal scores, yet two distinct dots, each the nearest to its own centre.
    engage, twin = chart.point_position(orgs["engage"]), chart.point_position(orgs["twin"])
    assert engage is not None and twin is not None and engage != twin
    # An organisation without both numbers is listed but not drawn.
    assert chart.point_position(orgs["partial"]) is None
    assert "1 not plotted" in view.count.text()


def test_points_sit_where_their_numbers_say_and_empty_space_opens_nothing(
    qtbot: QtBot, view: PortfolioView, orgs: dict[str, str]
):
    chart = view.chart
    engage, nurture, monitor = (
        chart.point_position(orgs[k]) for k in ("engage", "nurture", "monitor")
    )
    assert engage is not None and nurture is not None and monitor is not None
    # Need 8.5 / openness 7.5, need 2.5 / 8.5, need 1.5 / 2.5: right, left and up, left and down.
    assert engage.x() > nurture.x() and engage.x() > monitor.x()
    assert nurture.y() < monitor.y() and engage.y() < monitor.y()
    exact = chart.to_pixels(8.5, 7.5)
    assert abs(engage.x() - exact.x()) < 15 and abs(engage.y() - exact.y()) < 15
    # The monitor corner at need 9, openness 2 is empty.
    empty = chart.to_pixels(9, 2).toPoint()
    assert chart.point_at(empty) == ""
    with qtbot.assertNotEmitted(view.open_requested):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=empty)


# The offscreen platform cannot raise the tooltip window when it is shown a second time.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_point_highlights_it_and_its_tooltip_has_the_numbers(
    qtbot: QtBot, view: PortfolioView, orgs: dict[str, str]
):
    chart = view.chart
    position = chart.point_position(orgs["nurture"])
    assert position is not None
    qtbot.mouseMove(chart, position)
    qtbot.waitUntil(lambda: chart.hovered == orgs["nurture"])
    tip = chart.tooltip_for(orgs["nurture"])
    assert "Andaman Garments" in tip
    assert "Need: 2.5 · Openness: 8.5" in tip and "Tier: Nurture" in tip
    # The tooltip the pointer resting there brings up.
    QApplication.sendEvent(
        chart, QHelpEvent(QEvent.Type.ToolTip, position, chart.mapToGlobal(position))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Andaman Garments" in QToolTip.text()
    qtbot.mouseMove(chart, chart.to_pixels(9, 2).toPoint())
    qtbot.waitUntil(lambda: chart.hovered == "")
    QToolTip.hideText()


def test_filter_by_tier_and_search_narrow_table_and_chart(
    qtbot: QtBot, view: PortfolioView, orgs: dict[str, str]
):
    assert table_names(view) == [
        "Andaman Garments",
        "Blue Harbour Logistics",
        "Golden Lotus Seafood",
        "Lotus Twin Seafood",
        "Mekong Rice Mills",
    ]
    combo = view.tier_filter
    combo.setFocus()
    while combo.currentData() != "engage_now":  # choose "Engage now" with the arrow keys
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert table_names(view) == ["Golden Lotus Seafood", "Lotus Twin Seafood"]
    assert set(view.chart.plotted_ids()) == {orgs["engage"], orgs["twin"]}
    assert view.count.text().startswith("2 of 5 organisations")

    view.set_tier_filter("monitor")
    assert table_names(view) == ["Mekong Rice Mills"]
    assert view.chart.point_position(orgs["engage"]) is None

    view.set_tier_filter("")
    type_text(qtbot, view.search, "twin")
    assert table_names(view) == ["Lotus Twin Seafood"]
    view.search.clear()
    type_text(qtbot, view.search, "viet")  # countries count too
    assert table_names(view) == ["Mekong Rice Mills"]
    view.search.clear()
    type_text(qtbot, view.search, "garments")  # and sectors
    assert table_names(view) == ["Andaman Garments"]
    view.set_tier_filter("monitor")
    assert table_names(view) == []
    assert view.chart.plotted_ids() == []
    assert view.chart.message == "No organisation matches the filter."


def test_table_sorts_by_number_and_by_tier(qtbot: QtBot, view: PortfolioView):
    header = view.table.horizontalHeader()
    need_column = 2
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(need_column) + 10, header.height() // 2),
    )
    needs = [view.table.model().index(r, need_column).data() for r in range(5)]
    assert needs == ["—", "1.5", "2.5", "8.5", "8.5"]  # numbers, not text; unknown first
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(need_column) + 10, header.height() // 2),
    )
    needs = [view.table.model().index(r, need_column).data() for r in range(5)]
    assert needs == ["8.5", "8.5", "2.5", "1.5", "—"]
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    tiers = [view.table.model().index(r, 1).data() for r in range(5)]
    assert tiers == ["Engage now", "Engage now", "Nurture", "Monitor", "Unknown"]


def test_the_table_is_reached_by_tab_and_enter_opens_the_organisation(
    qtbot: QtBot, view: PortfolioView, orgs: dict[str, str]
):
    view.search.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is view.table
    view.table.setCurrentIndex(view.table.model().index(row_of(view, orgs["monitor"]), 0))
    with qtbot.waitSignal(view.open_requested) as opened:
        press(qtbot, Qt.Key.Key_Return)
    assert opened.args == [orgs["monitor"]]
    assert view.chart.selected == orgs["monitor"]

    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [orgs["monitor"]]


def test_double_clicking_a_row_opens_the_organisation(
    qtbot: QtBot, view: PortfolioView, orgs: dict[str, str]
):
    index = view.table.model().index(row_of(view, orgs["nurture"]), 1)
    centre = view.table.visualRect(index).center()
    # As a person does it (and as Qt's test events need it): the first click, then the second.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [orgs["nurture"]]


def test_refresh_asks_the_window_for_new_points(qtbot: QtBot, view: PortfolioView):
    with qtbot.waitSignal(view.refresh_requested):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)


def test_empty_state_then_points_then_a_cancelled_run(
    qtbot: QtBot, workspace: Workspace, orgs: dict[str, str]
):
    view = PortfolioView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text() == "No organisation has a completed Example #2 interview yet."
    assert view.empty.isVisible() and not view.table.isVisible()

    points = portfolio_points(workspace)
    view.set_points(points)
    assert view.table.isVisible() and not view.empty.isVisible()
    assert "stopped early" not in view.count.text()
    view.set_points(Portfolio(list(points)[:2], total=5, cancelled=True))
    assert "stopped early: 2 of 5 assessed" in view.count.text()

    view.set_points([])
    assert view.empty.isVisible()


def test_a_point_keeps_its_place_when_the_points_are_set_again(
    qtbot: QtBot, view: PortfolioView, workspace: Workspace, orgs: dict[str, str]
):
    before = view.point_position(orgs["engage"])
    view.table.setCurrentIndex(view.table.model().index(row_of(view, orgs["engage"]), 0))
    view.set_points(list(reversed(portfolio_points(workspace))))
    assert view.point_position(orgs["engage"]) == before
    assert view.current_org_id() == orgs["engage"]  # the selection survives a refresh
    QApplication.processEvents()


def point(org_id: str, need: float, openness: float) -> PortfolioPoint:
    return PortfolioPoint(org_id, org_id, need, openness, "nurture", "Nurture", 1, (), (), "")


def test_many_equal_points_each_stay_clickable(qtbot: QtBot):
    view = PortfolioView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    crowd = [point(f"org-{n}", 7.0, 3.0) for n in range(8)]
    view.set_points(crowd)
    for each in crowd:
        position = view.chart.point_position(each.org_id)
        assert position is not None
        assert view.chart.point_at(position) == each.org_id


def test_while_reading_the_page_says_so_not_that_there_is_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.portfolio
    view.show_reading()
    assert view.empty.text() == "Reading the interviews…"
    view.set_points([])
    assert view.empty.text() == "No organisation has a completed Example #2 interview yet."
