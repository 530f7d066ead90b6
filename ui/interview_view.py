"""One interview read-only, with its correction form, review and history.

A completed interview is never edited in place: a correction names its reason, and the
history keeps every earlier value beside the new one (as ODK keeps a deprecated submission).
"""

from __future__ import annotations

import dataclasses
import html
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.interviews.model import (
    APPROVED,
    HAS_ISSUES,
    REVIEW_LABELS,
    HistoryEntry,
    Interview,
    InterviewError,
)
from ctip_desktop.interviews.repository import InterviewStore
from ctip_desktop.profiles.model import ValidationError
from ctip_desktop.profiles.repository import ProfileStore
from ctip_desktop.questionnaires.answers import answer_problems, answer_text, is_answered
from ctip_desktop.questionnaires.model import Questionnaire
from ctip_desktop.storage import StorageError

from ui import messages, style
from ui.answer_widgets import AnswerWidget, answer_widget
from ui.formatting import local_time, shortened
from ui.interview_list import status_text
from ui.interview_wizard import DetailsForm, language_name
from ui.record_table import RecordTableModel

log = logging.getLogger(__name__)

# The review states come from the core (REVIEW_LABELS) and are shown through self.tr():
# written here as literals so that the translation template holds them.
_REVIEW_WORDS = (
    QT_TRANSLATE_NOOP("InterviewView", "Not reviewed"),
    QT_TRANSLATE_NOOP("InterviewView", "Approved"),
    QT_TRANSLATE_NOOP("InterviewView", "Has issues"),
    QT_TRANSLATE_NOOP("InterviewView", "Edited after review"),
)


class InterviewView(QWidget):
    back_requested = Signal()
    continue_requested = Signal(str)
    changed = Signal(str)

    def __init__(
        self, store: InterviewStore, profiles: ProfileStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("interviewView")
        self.store = store
        self.profiles = profiles
        self.interview: Interview | None = None
        self.questionnaire: Questionnaire | None = None
        self.correction_widgets: dict[str, AnswerWidget] = {}

        self.title = QLabel()
        self.title.setObjectName("interviewTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("interviewMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_read_page())
        self.stack.addWidget(self._build_correction_page())

        self.back_button = QPushButton(self.tr("← Back to the list"))
        self.back_button.setObjectName("backToList")
        self.back_button.clicked.connect(self.back_requested.emit)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        layout.addWidget(self.meta)
        layout.addWidget(self.stack, 1)

    # ----- building -------------------------------------------------------------------------

    def _build_read_page(self) -> QWidget:
        self.answers_view = QTextBrowser()
        self.answers_view.setObjectName("answersView")
        self.answers_view.setOpenLinks(False)
        self.history_model: RecordTableModel[HistoryEntry] = RecordTableModel(
            [
                ("at", self.tr("When")),
                ("by", self.tr("Who")),
                ("what", self.tr("What")),
                ("old", self.tr("Before")),
                ("new", self.tr("After")),
                ("reason", self.tr("Why")),
            ],
            lambda: HistoryEntry("", "", "", "", "", "", "", ""),
            read_only=True,
        )
        self.history_table = QTableView()
        self.history_table.setObjectName("historyTable")
        self.history_table.setModel(self.history_model)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(True)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.history_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 110, 260, 140, 140)):
            self.history_table.setColumnWidth(column, width)
        self.history_empty = QLabel(self.tr("The history starts when the interview is completed."))
        self.history_empty.setObjectName("historyEmpty")
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history_empty)
        history_layout.addWidget(self.history_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.answers_view, self.tr("&Answers"))
        self.tabs.addTab(history, self.tr("&History"))

        self.review_box = QGroupBox(self.tr("Review"))
        self.review_box.setObjectName("reviewBox")
        self.approve = QRadioButton(self.tr(REVIEW_LABELS[APPROVED]))
        self.approve.setObjectName("reviewApproved")
        self.has_issues = QRadioButton(self.tr(REVIEW_LABELS[HAS_ISSUES]))
        self.has_issues.setObjectName("reviewHasIssues")
        self.review_choice = QButtonGroup(self)
        self.review_choice.addButton(self.approve)
        self.review_choice.addButton(self.has_issues)
        self.review_comment = QLineEdit()
        self.review_comment.setObjectName("reviewComment")
        self.review_comment.setPlaceholderText(self.tr("Comment (required when it has issues)"))
        self.review_button = QPushButton(self.tr("Save &review"))
        self.review_button.setObjectName("saveReview")
        self.review_button.clicked.connect(self.on_review)
        self.review_state = QLabel()
        self.review_state.setObjectName("reviewState")
        self.review_state.setWordWrap(True)
        self.review_problem = QLabel()
        self.review_problem.setObjectName("reviewProblem")
        style.show_as_problem(self.review_problem)
        self.review_problem.hide()
        review_layout = QVBoxLayout(self.review_box)
        review_layout.addWidget(self.review_state)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.approve)
        choice_row.addWidget(self.has_issues)
        choice_row.addWidget(self.review_comment, 1)
        choice_row.addWidget(self.review_button)
        review_layout.addLayout(choice_row)
        review_layout.addWidget(self.review_problem)

        self.continue_button = QPushButton(self.tr("&Continue interview"))
        self.continue_button.setObjectName("continueInterview")
        self.continue_button.clicked.connect(
            lambda: self.interview and self.continue_requested.emit(self.interview.id)
        )
        self.correct_button = QPushButton(self.tr("C&orrect answers…"))
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(self.start_correction)
        self.discard_button = QPushButton(self.tr("&Discard interview…"))
        self.discard_button.setObjectName("discardInterview")
        self.discard_button.clicked.connect(self.on_discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.continue_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.review_box)
        layout.addLayout(buttons)
        return page

    def _build_correction_page(self) -> QWidget:
        self.correction_form = QWidget()
        self.correction_layout = QVBoxLayout(self.correction_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.correction_form)
        self.reason = QLineEdit()
        self.reason.setObjectName("correctionReason")
        self.reason.setPlaceholderText(
            self.tr("Why is the interview being corrected? (required, kept in its history)")
        )
        self.correction_problems = QLabel()
        self.correction_problems.setObjectName("correctionProblems")
        style.show_as_problem(self.correction_problems)
        self.correction_problems.setWordWrap(True)
        self.correction_problems.hide()
        save = QPushButton(self.tr("&Save correction"))
        save.setObjectName("saveCorrection")
        save.clicked.connect(self.save_correction)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("cancelCorrection")
        cancel.clicked.connect(self.cancel_correction)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            QLabel(self.tr("Correct the answers below, and say why. Earlier values are kept."))
        )
        layout.addWidget(scroll, 1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("&Reason")))
        reason_row.addWidget(self.reason, 1)
        reason_row.itemAt(0).widget().setBuddy(self.reason)  # type: ignore[attr-defined]
        layout.addLayout(reason_row)
        layout.addWidget(self.correction_problems)
        layout.addLayout(buttons)
        return page

    # ----- showing --------------------------------------------------------------------------

    def show_interview(self, interview_id: str) -> bool:
        try:
            interview = self.store.get(interview_id)
            if interview is None:
                raise InterviewError(self.tr("The interview no longer exists."))
            questionnaire = self.store.questionnaire_as_asked(interview)
        except InterviewError as error:
            messages.show_error(self, self.tr("Cannot open the interview"), str(error))
            return False
        self.interview = interview
        self.questionnaire = questionnaire
        org = self.profiles.get(interview.org_id)
        org_name = org.name if org else self.tr("(deleted organisation)")
        contacts = {c.id: c.name for c in org.contacts} if org else {}
        self.title.setText(
            self.tr("{org} — {questionnaire}").format(
                org=org_name, questionnaire=questionnaire.short_title
            )
        )
        details = interview.details
        people = ", ".join(
            contacts.get(c, self.tr("(removed contact)")) for c in details.contact_ids
        )
        facts = [
            (self.tr("Status"), status_text(interview.status)),
            (self.tr("Date"), details.started_at.replace("T", " ")),
            (self.tr("Mode"), details.mode),
            (self.tr("Place"), details.place),
            (self.tr("Language"), details.language),
            (self.tr("Interviewer"), interview.interviewer),
            (self.tr("People interviewed"), people),
            (self.tr("Completed"), local_time(interview.completed_at)),
            (self.tr("Questionnaire"), f"{questionnaire.title} (v{questionnaire.version})"),
            (
                self.tr("Questions in"),
                language_name(
                    self.store.translations, questionnaire, interview.questionnaire_language
                ),
            ),
        ]
        self.meta.setText(
            " · ".join(
                f"<b>{html.escape(label)}:</b> {html.escape(value)}"
                for label, value in facts
                if value
            )
        )
        self.answers_view.setHtml(self._answers_html(interview, questionnaire))
        completed = interview.is_completed
        self.continue_button.setVisible(not completed)
        self.correct_button.setVisible(completed)
        self.review_box.setVisible(completed)
        self._show_review(interview)
        entries = [
            dataclasses.replace(
                entry, at=local_time(entry.at), old=shortened(entry.old), new=shortened(entry.new)
            )
            for entry in (self.store.history(interview.id) if completed else [])
        ]
        self.history_model.set_records(entries)
        self.history_empty.setVisible(not entries)
        self.history_table.setVisible(bool(entries))
        self.history_table.resizeRowsToContents()
        self.stack.setCurrentIndex(0)
        return True

    def _answers_html(self, interview: Interview, questionnaire: Questionnaire) -> str:
        parts = []
        if interview.details.notes.strip():
            parts.append(
                f"<p><i>{html.escape(self.tr('Interview notes'))}:</i> "
                f"{html.escape(interview.details.notes)}</p>"
            )
        for item in questionnaire.items:
            value = interview.value(item.id)
            question = html.escape(f"{item.number}. {item.text}")
            if is_answered(item, value):
                answer = html.escape(answer_text(item, value)).replace("\n", "<br>")
                problems = answer_problems(item, value)
                if problems:
                    warning = style.warning_colour(self).name()
                    answer += f" <span style='color:{warning}'>⚠ {html.escape(' '.join(problems))}"
                    answer += "</span>"
            else:
                problem = style.problem_colour(self).name()
                answer = f"<span style='color:{problem}'>{html.escape(self.tr('No answer'))}</span>"
            conflict = interview.answers.get(item.id)
            if conflict is not None and conflict.conflict:
                answer += html.escape(self.tr(" (conflicting edits from two laptops)"))
            parts.append(f"<p><b>{question}</b><br>{answer}</p>")
        return "".join(parts)

    def _show_review(self, interview: Interview) -> None:
        label = REVIEW_LABELS.get(interview.review_state, interview.review_state)
        text = self.tr("Review state: {state}").format(state=self.tr(label))
        if interview.reviewed_by or interview.reviewed_at:
            text += self.tr(" — by {who}, {when}").format(
                who=interview.reviewed_by or "?", when=local_time(interview.reviewed_at)
            )
        if interview.review_comment:
            text += f"\n“{interview.review_comment}”"
        self.review_state.setText(text)
        self.review_choice.setExclusive(False)
        self.approve.setChecked(interview.review_state == APPROVED)
        self.has_issues.setChecked(interview.review_state == HAS_ISSUES)
        self.review_choice.setExclusive(True)
        self.review_comment.setText(interview.review_comment)

    # ----- actions --------------------------------------------------------------------------

    def on_review(self) -> None:
        if self.interview is None:
            return
        if not (self.approve.isChecked() or self.has_issues.isChecked()):
            self._review_problem(self.tr("Choose Approved or Has issues first."))
            return
        state = APPROVED if self.approve.isChecked() else HAS_ISSUES
        try:
            self.store.review(self.interview.id, state, self.review_comment.text())
        except (InterviewError, StorageError) as error:
            self._review_problem(str(error))
            self.review_comment.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.review_problem.hide()
        self.show_interview(self.interview.id)
        self.changed.emit(self.interview.id)

    def _review_problem(self, text: str) -> None:
        self.review_problem.setText(text)
        self.review_problem.show()

    def on_discard(self) -> None:
        if self.interview is None:
            return
        question = self.tr(
            "Discard this interview with all its answers?\n"
            "You can undo this with Edit ▸ Undo (Ctrl+Z)."
        )
        if not messages.confirm(self, self.tr("Discard interview"), question, self.tr("Discard")):
            return
        interview_id = self.interview.id
        try:
            self.store.discard(interview_id)
        except (InterviewError, StorageError) as error:
            messages.show_error(self, self.tr("The interview was not discarded"), str(error))
            return
        self.interview = None
        self.changed.emit(interview_id)
        self.back_requested.emit()

    def start_correction(self) -> None:
        if self.interview is None or self.questionnaire is None:
            return
        while self.correction_layout.count():
            child = self.correction_layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        self.correction_widgets = {}
        org = self.profiles.get(self.interview.org_id)
        self.correction_details = DetailsForm()
        self.correction_details.setObjectName("correctionDetails")
        self.correction_details.load(
            self.interview.details, [(c.id, c.name) for c in org.contacts] if org else []
        )
        self.correction_layout.addWidget(self.correction_details)
        for item in self.questionnaire.items:
            label = QLabel(f"{item.number}. {item.text}")
            label.setWordWrap(True)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            widget = answer_widget(item)
            widget.set_value(self.interview.value(item.id))
            self.correction_layout.addWidget(label)
            self.correction_layout.addWidget(widget)
            self.correction_widgets[item.id] = widget
        self.correction_layout.addStretch(1)
        self.reason.clear()
        self.correction_problems.hide()
        self.stack.setCurrentIndex(1)
        first = next(iter(self.correction_widgets.values()), None)
        if first is not None:
            first.focus_first()

    @property
    def correcting(self) -> bool:
        return self.stack.currentIndex() == 1

    def save_correction(self) -> None:
        if self.interview is None:
            return
        problems = [
            f"{widget.item.number}: {problem}"
            for widget in self.correction_widgets.values()
            for problem in widget.blocking_problems()
        ]
        if not self.reason.text().strip():
            problems.append(self.tr("Give a reason for the correction."))
        if problems:
            self.correction_problems.setText("\n".join(problems))
            self.correction_problems.show()
            if not self.reason.text().strip():
                self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        answers = {item_id: w.value() for item_id, w in self.correction_widgets.items()}
        try:
            self.store.correct(
                self.interview.id, self.reason.text(), answers, self.correction_details.details()
            )
        except ValidationError as error:
            self.correction_problems.setText("\n".join(p.message for p in error.problems))
            self.correction_problems.show()
            return
        except (InterviewError, StorageError) as error:
            self.correction_problems.setText(str(error))
            self.correction_problems.show()
            return
        self.show_interview(self.interview.id)
        self.tabs.setCurrentIndex(1)
        self.changed.emit(self.interview.id)

    def cancel_correction(self) -> None:
        self.stack.setCurrentIndex(0)

    def correction_has_edits(self) -> bool:
        """Whether leaving the correction form now would throw away something typed."""
        if not self.correcting or self.interview is None:
            return False
        if self.reason.text().strip():
            return True
        if self.correction_details.details().values() != self.interview.details.values():
            return True
        return any(
            is_answered(w.item, w.value()) != is_answered(w.item, self.interview.value(item_id))
            or (is_answered(w.item, w.value()) and w.value() != self.interview.value(item_id))
            for item_id, w in self.correction_widgets.items()
        )
