"""An organisation's readiness, its recommendations with their reasons, and its follow-ups.

Recommendations are recomputed from the answers each time the panel is shown (about a
millisecond), so a correction or a new interview shows at once. What the team decides
(accept, dismiss with a reason, a note) is kept in the database and shown in reports.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.decisions.model import (
    ACCEPTED,
    DISMISSED,
    FOLLOW_UP_STATUSES,
    PROPOSED,
    Decision,
    DecisionError,
    FollowUp,
)
from ctip_desktop.profiles.model import ValidationError
from ctip_desktop.recommend import OrganisationAdvice, Recommendation, recommend_for
from ctip_desktop.storage import StorageError
from ctip_desktop.workspace import Workspace

from ui import messages, style
from ui.record_table import ChoiceDelegate, RecordTableModel

log = logging.getLogger(__name__)

TIER_COLOURS = {
    "engage_now": "#1b7f4b",
    "nurture": "#b36b00",
    "monitor": "#55606e",
    "unknown": "#55606e",
}
STATUS_LABELS = {PROPOSED: "Proposed", ACCEPTED: "Accepted", DISMISSED: "Dismissed"}


@dataclass
class RecommendationLine:
    priority: str
    title: str
    category: str
    status: str


class RecommendationsPanel(QWidget):
    """Readiness at the top; the recommendations beside the selected one's reasons."""

    changed = Signal()  # a decision was taken (follow-ups may have been added)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationsPanel")
        self.workspace: Workspace | None = None
        self.org_id = ""
        self.owner = ""
        self.advice: OrganisationAdvice | None = None
        self.decisions: dict[str, Decision] = {}
        # What the list shows: what the rules find now, then decisions on recommendations
        # the latest answers no longer trigger (the team's decision stays visible).
        self.rows: list[Recommendation | Decision] = []

        self.readiness = QLabel()
        self.readiness.setObjectName("readiness")
        self.readiness.setWordWrap(True)
        self.readiness.setTextFormat(Qt.TextFormat.RichText)
        self.model: RecordTableModel[RecommendationLine] = RecordTableModel(
            [
                ("priority", self.tr("Priority")),
                ("title", self.tr("Recommendation")),
                ("category", self.tr("Category")),
                ("status", self.tr("Status")),
            ],
            lambda: RecommendationLine("", "", "", ""),
            read_only=True,
        )
        self.table = QTableView()
        self.table.setObjectName("recommendationList")
        self.table.setAccessibleName(self.tr("Recommendations"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.selectionModel().selectionChanged.connect(self.on_selected)
        self.detail = QTextBrowser()
        self.detail.setObjectName("recommendationDetail")
        self.detail.setAccessibleName(self.tr("Why, and what to do"))
        self.detail.setOpenExternalLinks(False)

        self.accept_button = QPushButton(self.tr("&Accept"))
        self.accept_button.setObjectName("acceptRecommendation")
        self.accept_button.setToolTip(self.tr("Accept: its next steps become follow-ups"))
        self.accept_button.clicked.connect(self.on_accept)
        self.reason = QLineEdit()
        self.reason.setObjectName("dismissReason")
        self.reason.setAccessibleName(self.tr("Reason for dismissing"))
        self.reason.setPlaceholderText(self.tr("Why dismiss it? (required)"))
        self.dismiss_button = QPushButton(self.tr("D&ismiss"))
        self.dismiss_button.setObjectName("dismissRecommendation")
        self.dismiss_button.clicked.connect(self.on_dismiss)
        self.reopen_button = QPushButton(self.tr("Re&open"))
        self.reopen_button.setObjectName("reopenRecommendation")
        self.reopen_button.clicked.connect(self.on_reopen)
        self.note = QLineEdit()
        self.note.setObjectName("recommendationNote")
        self.note.setAccessibleName(self.tr("Note on the recommendation"))
        self.note.setPlaceholderText(self.tr("A note for the team (internal)"))
        self.note_button = QPushButton(self.tr("Save &note"))
        self.note_button.setObjectName("saveNote")
        self.note_button.clicked.connect(self.on_note)
        self.problem = QLabel()
        self.problem.setObjectName("decisionProblem")
        style.show_as_problem(self.problem)
        self.problem.hide()

        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.reason, 1)
        decide.addWidget(self.dismiss_button)
        decide.addWidget(self.reopen_button)
        annotate = QHBoxLayout()
        annotate.addWidget(self.note, 1)
        annotate.addWidget(self.note_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(decide)
        right_layout.addLayout(annotate)
        right_layout.addWidget(self.problem)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.empty = QLabel()
        self.empty.setObjectName("recommendationsEmpty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.readiness)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self._update_buttons()

    # ----- loading --------------------------------------------------------------------------

    def show_organisation(self, workspace: Workspace, org_id: str, owner: str) -> None:
        self.workspace, self.org_id, self.owner = workspace, org_id, owner
        self.refresh()

    def refresh(self) -> None:
        if self.workspace is None or not self.org_id:
            return
        selected = self.current()
        try:
            self.advice = recommend_for(self.workspace, self.org_id)
        except Exception:  # a broken rule file or record must not take the window down
            log.exception("recommendations failed for %s", self.org_id)
            self.advice = None
        self.decisions = self.workspace.decisions.decisions(self.org_id)
        self._show_readiness()
        recommendations = self.advice.recommendations if self.advice else ()
        fired = {r.rule_id for r in recommendations}
        stale = [
            decision
            for rule_id, decision in sorted(self.decisions.items())
            if rule_id not in fired and decision.status != PROPOSED
        ]
        self.rows = [*recommendations, *stale]
        lines = [
            RecommendationLine(
                self.tr(r.priority.capitalize()),
                r.title,
                r.category.title,
                self.tr(STATUS_LABELS[self._status(r.rule_id)]),
            )
            for r in recommendations
        ]
        lines += [
            RecommendationLine(
                "–",
                d.title,
                "",
                self.tr("{status} (no longer triggered)").format(
                    status=self.tr(STATUS_LABELS[d.status])
                ),
            )
            for d in stale
        ]
        self.model.set_records(lines)
        if self.advice is None:
            self.empty.setText(self.tr("Recommendations could not be worked out (see the log)."))
        elif not recommendations:
            self.empty.setText(
                self.tr(
                    "No recommendation yet: they follow from completed interviews "
                    "(Example #2 scales and checklists, Example #1 answers) and the profile."
                )
            )
        self.empty.setVisible(self.advice is None or not recommendations)
        rows = [r.rule_id for r in self.rows]
        if selected is not None and selected.rule_id in rows:
            self.table.selectRow(rows.index(selected.rule_id))
        elif rows:
            self.table.selectRow(0)
        else:
            self.detail.clear()
        self._update_buttons()

    def _status(self, rule_id: str) -> str:
        decision = self.decisions.get(rule_id)
        return decision.status if decision else PROPOSED

    def _show_readiness(self) -> None:
        if self.advice is None:
            self.readiness.clear()
            return
        readiness = self.advice.readiness
        colour = style.meaning_colour(
            self, QColor(TIER_COLOURS.get(readiness.tier, TIER_COLOURS["unknown"]))
        ).name()

        def number(value: float | int | None) -> str:
            return "–" if value is None else f"{value:g}"

        self.readiness.setText(
            f"<span style='font-size:14pt; color:{colour}'><b>"
            f"{html.escape(readiness.label)}</b></span>"
            f"&nbsp;&nbsp;{html.escape(self.tr('need'))} <b>{number(readiness.need)}</b>"
            f" · {html.escape(self.tr('openness'))} <b>{number(readiness.openness)}</b>"
            f" · {html.escape(self.tr('resources offered'))} "
            f"<b>{number(readiness.resources)}</b><br>"
            f"{html.escape(readiness.explanation)}"
        )

    def current(self) -> Recommendation | Decision | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0].row()
        return self.rows[index] if index < len(self.rows) else None

    def on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        recommendation = self.current()
        self.problem.hide()
        if recommendation is None:
            self.detail.clear()
        elif isinstance(recommendation, Decision):
            self.detail.setHtml(self._stale_html(recommendation))
            self.note.setText(recommendation.note)
            self.reason.setText(recommendation.reason)
        else:
            self.detail.setHtml(self._detail_html(recommendation))
            decision = self.decisions.get(recommendation.rule_id)
            self.note.setText(decision.note if decision else "")
            self.reason.setText(decision.reason if decision else "")
        self._update_buttons()

    def _detail_html(self, r: Recommendation) -> str:
        def items(values: list[str]) -> str:
            return "<ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + "</ul>"

        decision = self.decisions.get(r.rule_id)
        status = STATUS_LABELS[decision.status if decision else PROPOSED]
        parts = [
            f"<h3>{html.escape(r.title)}</h3>",
            f"<p>{html.escape(r.advice)}</p>",
            f"<p><b>{html.escape(self.tr('Why'))}:</b> {html.escape(r.why)}</p>",
            items([reason.sentence for reason in r.reasons]),
            f"<p><b>{html.escape(self.tr('Category'))}:</b> {html.escape(r.category.title)}"
            f"<br><b>{html.escape(self.tr('Opportunity'))}:</b> "
            f"{html.escape(r.opportunity.title)}"
            f"<br><b>{html.escape(self.tr('CTIP role'))}:</b> "
            f"{html.escape(', '.join(role.title for role in r.roles))}"
            f"<br><b>{html.escape(self.tr('Priority'))}:</b> {html.escape(r.priority)}"
            f" · <b>{html.escape(self.tr('Confidence'))}:</b> {html.escape(r.confidence)}</p>",
        ]
        if r.cautions:
            warning = style.warning_colour(self).name()
            parts.append(f"<p style='color:{warning}'>{html.escape(' '.join(r.cautions))}</p>")
        parts.append(f"<p><b>{html.escape(self.tr('Next steps'))}</b></p>")
        parts.append(items(list(r.next_steps)))
        if r.examples:
            parts.append(f"<p><b>{html.escape(self.tr('Examples and resources'))}</b></p>")
            parts.append(items([f"{e.name}: {e.description}" for e in r.examples]))
        line = f"<p><b>{html.escape(self.tr('Decision'))}:</b> {html.escape(self.tr(status))}"
        if decision and decision.reason:
            line += f" — {html.escape(decision.reason)}"
        if decision and decision.status != PROPOSED:
            who, when = decision.updated_by, decision.updated_at[:10]
            line += f" ({html.escape(who)}, {html.escape(when)})"
        parts.append(line + "</p>")
        return "".join(parts)

    def _stale_html(self, decision: Decision) -> str:
        status = self.tr(STATUS_LABELS[decision.status])
        text = [
            f"<h3>{html.escape(decision.title)}</h3>",
            "<p>"
            + html.escape(
                self.tr(
                    "The latest answers no longer trigger this recommendation. The team's "
                    "decision is kept, and so are its follow-ups."
                )
            )
            + "</p>",
            f"<p><b>{html.escape(self.tr('Decision'))}:</b> {html.escape(status)}"
            + (f" — {html.escape(decision.reason)}" if decision.reason else "")
            + f" ({html.escape(decision.updated_by)}, {html.escape(decision.updated_at[:10])})</p>",
        ]
        if decision.note:
            text.append(
                f"<p><b>{html.escape(self.tr('Note'))}:</b> {html.escape(decision.note)}</p>"
            )
        return "".join(text)

    def _update_buttons(self) -> None:
        recommendation = self.current()
        status = self._status(recommendation.rule_id) if recommendation else ""
        # Accepting needs the next steps, which only a recommendation that fires has.
        self.accept_button.setEnabled(
            isinstance(recommendation, Recommendation) and status != ACCEPTED
        )
        self.dismiss_button.setEnabled(recommendation is not None and status != DISMISSED)
        self.reopen_button.setEnabled(recommendation is not None and status != PROPOSED)
        self.note_button.setEnabled(recommendation is not None)

    # ----- decisions ------------------------------------------------------------------------

    def _decide(self, action: str) -> None:
        recommendation = self.current()
        if recommendation is None or self.workspace is None:
            return
        store = self.workspace.decisions
        try:
            if action == "accept":
                if not isinstance(recommendation, Recommendation):
                    return
                store.accept(
                    self.org_id,
                    recommendation.rule_id,
                    recommendation.title,
                    list(recommendation.next_steps),
                    owner=self.owner,
                )
            elif action == "dismiss":
                store.dismiss(
                    self.org_id, recommendation.rule_id, recommendation.title, self.reason.text()
                )
            elif action == "reopen":
                store.reopen(self.org_id, recommendation.rule_id)
            else:
                store.annotate(
                    self.org_id, recommendation.rule_id, recommendation.title, self.note.text()
                )
        except DecisionError as error:
            self.problem.setText(str(error))
            self.problem.show()
            if action == "dismiss":
                self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except StorageError as error:
            messages.show_error(self, self.tr("The decision was not saved"), str(error))
            return
        self.refresh()
        self.changed.emit()

    def on_accept(self) -> None:
        self._decide("accept")

    def on_dismiss(self) -> None:
        self._decide("dismiss")

    def on_reopen(self) -> None:
        self._decide("reopen")

    def on_note(self) -> None:
        self._decide("note")


class FollowUpsPanel(QWidget):
    """An organisation's follow-ups: edit a cell and it is saved (Delete removes a row)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpsPanel")
        self.workspace: Workspace | None = None
        self.org_id = ""
        self.model: RecordTableModel[FollowUp] = RecordTableModel(
            [
                ("step", self.tr("Step")),
                ("owner", self.tr("Owner")),
                ("due", self.tr("Due (YYYY-MM-DD)")),
                ("status", self.tr("Status")),
                ("outcome", self.tr("Outcome")),
            ],
            FollowUp,
        )
        self.table = QTableView()
        self.table.setObjectName("followUpTable")
        self.table.setAccessibleName(self.tr("Follow-ups"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(3, ChoiceDelegate(list(FOLLOW_UP_STATUSES), self))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.model.dataChanged.connect(self.on_edited)
        self.add_button = QPushButton(self.tr("&Add follow-up"))
        self.add_button.setObjectName("addFollowUp")
        self.add_button.clicked.connect(self.on_add)
        self.delete_button = QPushButton(self.tr("Remove follow-up"))
        self.delete_button.setObjectName("removeFollowUp")
        self.delete_button.clicked.connect(self.on_remove)
        self.problem = QLabel()
        self.problem.setObjectName("followUpProblem")
        style.show_as_problem(self.problem)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Accepting a recommendation adds its next steps here. Edits save."))
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self._loading = False

    def show_organisation(self, workspace: Workspace, org_id: str) -> None:
        self.workspace, self.org_id = workspace, org_id
        self.refresh()

    def refresh(self) -> None:
        if self.workspace is None or not self.org_id:
            return
        self._loading = True
        try:
            self.model.set_records(self.workspace.decisions.follow_ups(self.org_id))
        finally:
            self._loading = False

    def on_edited(self, top_left: object, _bottom_right: object) -> None:
        if self._loading or self.workspace is None:
            return
        row = getattr(top_left, "row", lambda: -1)()
        if not 0 <= row < len(self.model.records):
            return
        record = self.model.records[row]
        record.org_id = self.org_id
        if not record.step.strip():
            return  # a new row: saved once it has its step
        try:
            record.id = self.workspace.decisions.save_follow_up(record)
        except ValidationError as error:
            self.problem.setText("\n".join(p.message for p in error.problems))
            self.problem.show()
            return
        except (DecisionError, StorageError) as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        self.changed.emit()

    def on_add(self) -> None:
        row = self.model.add_record()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def on_remove(self) -> None:
        rows = self.table.selectionModel().selectedRows() or (
            [self.table.currentIndex()] if self.table.currentIndex().isValid() else []
        )
        if not rows or self.workspace is None:
            return
        row = rows[0].row()
        record = self.model.records[row]
        if record.id:
            self.workspace.decisions.delete_follow_up(record.id)
        self.model.remove_record(row)
        self.changed.emit()
