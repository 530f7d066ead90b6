"""The analysis page, driven as a person would: Ctrl+6, filters, bars, clipboard, PDF.

The data is the hand-computed fixture of tests/core/test_analysis.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from ctip_desktop.analysis import OTHER
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace

from ui import analysis_view, export_dialog, messages
from ui.analysis_view import AnalysisView
from ui.bar_chart import BAR_COLOUR, BarChart
from ui.main_window import MainWindow

from tests.core.test_analysis import build_fixture
from tests.ui.helpers import CTRL, focused, press, type_text


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, str]:
    return build_fixture(workspace)


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, ids: dict[str, str]) -> AnalysisView:
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach an active window only
    qtbot.keyClick(window.table, Qt.Key.Key_6, CTRL)
    assert window.views.currentWidget() is window.analysis
    window.resize(1300, 860)
    return window.analysis


def choose(qtbot: QtBot, combo: QComboBox, value: str) -> None:
    """Pick a menu entry with the arrow keys, as from the keyboard."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value, f"{value!r} is not offered"


def bars(chart: BarChart) -> dict[str, int]:
    return {bar.label: bar.value for bar in chart.bars if bar.value}


def click_bar(qtbot: QtBot, view: AnalysisView, item_id: str, key: str) -> None:
    chart = view.chart(item_id)
    view.scroll.ensureWidgetVisible(chart)
    position = chart.bar_position(key)
    assert position is not None
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=position)


def test_ctrl_6_shows_the_numbers_and_a_filter_changes_them(
    qtbot: QtBot, window: MainWindow, view: AnalysisView
):
    assert window.sidebar.currentItem().text() == "Analysis"
    assert view.questionnaire.currentText().startswith("Example #2")
    assert view.summary.text() == (
        "4 completed interview(s) of 3 organisation(s) · 1 draft(s) left out (not completed)"
    )
    supply = view.findChild(type(view.summary), "summary_supply_chain_effect")
    assert supply.text() == "4 of 4 interviews answered · mean 6.0 · median 6.5"
    assert bars(view.chart("supply_chain_effect")) == {"3": 1, "5": 1, "8": 2}
    factors = view.chart("hindering_factors")
    assert bars(factors) == {
        "Travel restrictions": 2,
        "Closing or suspension of business operations": 1,
        "Sick": 1,
        "Other": 2,
    }
    assert [bar.value_text for bar in factors.bars][:1] == ["2 (67%)"]

    choose(qtbot, view.country, "Thailand")
    assert view.summary.text() == (
        "3 completed interview(s) of 2 organisation(s) · Country: Thailand"
    )
    assert supply.text() == "3 of 3 interviews answered · mean 7.0 · median 8.0"
    assert bars(view.chart("supply_chain_effect")) == {"5": 1, "8": 2}

    choose(qtbot, view.interviewer, "Som")
    assert bars(view.chart("hindering_factors")) == {
        "Closing or suspension of business operations": 1,
        "Other": 1,
    }
    choose(qtbot, view.country, "")
    choose(qtbot, view.interviewer, "")
    assert view.summary.text().startswith("4 completed interview(s)")


def test_a_date_range_is_typed_and_a_wrong_date_is_explained(qtbot: QtBot, view: AnalysisView):
    type_text(qtbot, view.date_from, "2026-13-01")
    press(qtbot, Qt.Key.Key_Return)
    assert view.problem.isVisible()
    assert view.problem.text() == "From: “2026-13-01” is not a date; write it as YYYY-MM-DD."
    assert view.summary.text().startswith("4 completed interview(s)")  # the last good numbers

    view.date_from.clear()
    type_text(qtbot, view.date_from, "2026-02-01")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, view.date_to, "2026-02-20")
    press(qtbot, Qt.Key.Key_Return)
    assert not view.problem.isVisible()
    assert view.summary.text().startswith("2 completed interview(s) of 2 organisation(s)")
    assert "Interviewed 2026-02-01 to 2026-02-20" in view.summary.text()
    assert view.tabs.tabText(2) == "Change over time (0)"


def test_clicking_a_bar_lists_its_organisations_and_double_click_opens_one(
    qtbot: QtBot, window: MainWindow, view: AnalysisView, ids: dict[str, str]
):
    click_bar(qtbot, view, "hindering_factors", "travel_restrictions")
    assert view.organisations_listed() == ["Andaman Garments"]
    assert "1 organisation(s), 2 interview(s)" in view.behind_title.text()

    click_bar(qtbot, view, "hindering_factors", OTHER)
    assert view.organisations_listed() == ["Andaman Garments", "Blue Harbour"]
    assert view.chart("hindering_factors").chosen == OTHER
    assert view.chart("supply_chain_effect").chosen == ""

    click_bar(qtbot, view, "supply_chain_effect", "3")
    assert view.organisations_listed() == ["Mekong Rice"]
    assert view.chart("hindering_factors").chosen == ""

    click_bar(qtbot, view, "supply_chain_effect", "8")
    listing = view.behind
    index = listing.model().index(1, 0)
    assert index.data() == "Blue Harbour"
    point = listing.visualRect(index).center()
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.views.currentWidget() is window.splitter
    assert window.editor.org_id == ids["blue"]


def test_the_keyboard_reaches_a_chart_and_chooses_a_bar(qtbot: QtBot, view: AnalysisView):
    chart = view.chart("supply_chain_effect")
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is chart
    for _ in range(7):  # from point 1 to point 8
        press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Return)
    assert view.organisations_listed() == ["Andaman Garments", "Blue Harbour"]
    assert chart.accessibleName().startswith("Chart: 3. Degree to which COVID-19")
    assert "8: 2" in chart.accessibleDescription()


# The offscreen platform cannot raise the tooltip window when it is shown a second time.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_bar_tooltip_has_its_counts(qtbot: QtBot, view: AnalysisView):
    chart = view.chart("hindering_factors")
    view.scroll.ensureWidgetVisible(chart)
    position = chart.bar_position("travel_restrictions")
    assert position is not None
    QApplication.sendEvent(
        chart, QHelpEvent(QEvent.Type.ToolTip, position, chart.mapToGlobal(position))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Travel restrictions" in QToolTip.text()
    assert "ticked in 2 interview(s), 67% of those answering" in QToolTip.text()
    assert "1 organisation(s)" in QToolTip.text()
    QToolTip.hideText()


def _clipboard_chart(chart: BarChart) -> QImage:
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    ratio = image.devicePixelRatio()
    assert (round(image.width() / ratio), round(image.height() / ratio)) == (
        chart.width(),
        chart.height(),
    )
    return image


# A popup menu asks the offscreen platform for what it cannot do (raise, grab the keyboard).
@pytest.mark.qt_log_ignore("This plugin does not support raise", "grabbing the keyboard")
def test_ctrl_c_and_the_context_menu_copy_a_chart_as_an_image(qtbot: QtBot, view: AnalysisView):
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    chart = view.chart("supply_chain_effect")
    chart.setFocus()
    press(qtbot, Qt.Key.Key_C, CTRL)
    image = _clipboard_chart(chart)
    # The tallest column (point 8) is there, in the bars' colour.
    middle = chart.bar_position("8")
    assert middle is not None
    ratio = image.devicePixelRatio()
    pixel = image.pixelColor(int(middle.x() * ratio), int(middle.y() * ratio))
    assert pixel.name() == BAR_COLOUR.name()
    empty = chart.bar_position("9")
    assert empty is not None
    above_nine = image.pixelColor(int(empty.x() * ratio), int((middle.y() - 10) * ratio))
    assert above_nine.name() != BAR_COLOUR.name()

    clipboard.clear()
    factors = view.chart("hindering_factors")
    view.scroll.ensureWidgetVisible(factors)
    QApplication.sendEvent(
        factors,
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(20, 20), factors.mapToGlobal(QPoint(20, 20))
        ),
    )
    menu = factors.findChild(QMenu, "chartMenu")
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    (action,) = menu.actions()
    assert action.text() == "&Copy chart as image"
    action.trigger()
    menu.close()
    _clipboard_chart(factors)


def test_write_ins_and_change_over_time_are_listed(
    qtbot: QtBot, window: MainWindow, view: AnalysisView, ids: dict[str, str]
):
    assert view.tabs.tabText(1) == "“Other” write-ins (2)"
    model = view.write_ins.model()
    rows = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert rows == [
        ["4", "Andaman Garments", "2026-01-10", "Late wages"],
        ["4", "Blue Harbour", "2026-02-01", "Debt bondage"],
    ]
    view.tabs.setCurrentIndex(2)
    changes = view.changes.model()
    assert changes.rowCount() == 1
    headers = [changes.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers[:4] == ["Organisation", "Interviews", "First", "Latest"]
    assert headers[4].startswith("3. Degree to which")
    assert [changes.index(0, c).data() for c in range(6)] == [
        "Andaman Garments",
        "2",
        "2026-01-10",
        "2026-03-05",
        "8 → 5 (−3)",
        "6 → 7 (+1)",
    ]
    per_item = view.item_changes.model()
    first = [per_item.index(0, c).data() for c in range(6)]
    assert first[0].startswith("3. ") and first[1:] == ["1", "−3.0", "0", "0", "1"]
    # A header click sorts, and the order holds when the numbers change.
    view.tabs.setCurrentIndex(1)
    header = view.write_ins.horizontalHeader()
    text_column = header.sectionViewportPosition(3) + 10
    for _ in range(2):  # ascending (already the first column's), then descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(text_column, 5))
    texts = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert texts == ["Late wages", "Debt bondage"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(text_column, 5))
    assert [model.index(row, 3).data() for row in range(2)] == ["Debt bondage", "Late wages"]
    choose(qtbot, view.stage, "Interviewed")
    assert [model.index(row, 3).data() for row in range(2)] == ["Debt bondage", "Late wages"]
    choose(qtbot, view.stage, "")
    # Enter on a row opens the organisation.
    view.write_ins.setFocus()
    row = next(r for r in range(2) if model.index(r, 1).data() == "Blue Harbour")
    view.write_ins.setCurrentIndex(model.index(row, 1))
    press(qtbot, Qt.Key.Key_Return)
    assert window.editor.org_id == ids["blue"]


def test_export_pdf_writes_the_view_and_offers_to_open_it(
    qtbot: QtBot,
    view: AnalysisView,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    target = tmp_path / "out" / "thailand analysis"
    monkeypatch.setattr(analysis_view, "choose_pdf_file", lambda _parent, _suggested: str(target))
    opened: list[Path] = []
    monkeypatch.setattr(export_dialog, "open_path", opened.append)
    choose(qtbot, view.country, "Thailand")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    written = target.with_name("thailand analysis.pdf")

    def done_box() -> bool:
        return any(box.objectName() == "doneBox" for box in messages._open_boxes)

    qtbot.waitUntil(done_box, timeout=20_000)
    box = next(b for b in messages._open_boxes if b.objectName() == "doneBox")
    assert box.text() == "Wrote thailand analysis.pdf."
    text = "\n".join(page.extract_text() for page in PdfReader(written).pages)
    assert "Analysis: Example #2" in text
    assert "3 completed interviews of 2 organisations" in text
    assert "Filter: Country: Thailand" in text
    assert "Travel restrictions" in text and "2 (67%)" in text
    assert "Late wages" in text and "Debt bondage" in text
    assert "Mekong Rice" not in text  # Vietnam: filtered out
    assert "Audience: Internal" in text and "Page 1 of" in text
    reader = PdfReader(written)
    assert reader.metadata is not None and reader.metadata.title == "Analysis: " + (
        view.questionnaire.currentText()
    )
    open_file = next(b for b in box.buttons() if b.text() == "Open file")
    qtbot.mouseClick(open_file, Qt.MouseButton.LeftButton)
    assert opened == [written]


def test_the_page_reads_nothing_until_it_is_shown(
    qtbot: QtBot,
    workspace: Workspace,
    settings: Settings,
    ids: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
):
    calls: list[object] = []
    real = analysis_view.analyse
    monkeypatch.setattr(
        analysis_view, "analyse", lambda ws, flt: calls.append(flt) or real(ws, flt)
    )
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert calls == []
    window.sidebar.setCurrentRow(5)
    assert window.views.currentWidget() is window.analysis
    assert len(calls) == 1
    assert window.analysis.summary.text().startswith("4 completed interview(s)")


def test_a_questionnaire_of_open_questions_says_there_is_nothing_to_chart(
    qtbot: QtBot, view: AnalysisView
):
    choose(qtbot, view.questionnaire, "pse-outreach-example-1")
    assert view.cards == {}
    assert view.nothing.isVisible()
    assert "no scale or check-all items" in view.nothing.text()
    assert view.summary.text().startswith("1 completed interview(s) of 1 organisation(s)")


def test_the_bars_colour_is_the_reports_colour():
    from ctip_desktop.reports import styles

    assert QColor(styles.PRIMARY.hexval().replace("0x", "#")) == BAR_COLOUR
