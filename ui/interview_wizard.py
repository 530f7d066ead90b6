"""The guided interview: prepare, one item per page, review and complete.

Every answer is written to the database as it is given: choices at once, typed text after a
short pause and whenever the page changes. There is no Save button and nothing to lose when
the laptop dies; reopening the app offers to resume where the interview stopped.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QElapsedTimer,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.interviews.model import (
    MODES,
    PREPARE,
    REVIEW,
    Interview,
    InterviewDetails,
    InterviewError,
)
from ctip_desktop.interviews.repository import InterviewStore
from ctip_desktop.profiles.model import Organisation, ValidationError
from ctip_desktop.profiles.repository import ProfileStore
from ctip_desktop.questionnaires.answers import answer_problems, answer_text, is_answered
from ctip_desktop.questionnaires.model import Item, Questionnaire
from ctip_desktop.questionnaires.translations import TranslationSet
from ctip_desktop.storage import StorageError

from ui import messages, style
from ui.answer_widgets import answer_widget
from ui.formatting import local_time, shortened
from ui.record_table import RecordTableModel

log = logging.getLogger(__name__)

# Typed text is saved at a pause this long, and at least this often while typing goes on:
# a dying laptop loses seconds of typing, and a long note does not become hundreds of versions.
SAVE_DELAY_MS = 1500
SAVE_AT_LEAST_EVERY_MS = 10_000
_QT_STARTED_FORMAT = "yyyy-MM-ddTHH:mm"
_DONE, _OPEN, _PROBLEM = "✓", "○", "!"
# The modes as shown (the stored values stay English): literals the template can hold.
_MODE_LABELS = {
    "in person": QT_TRANSLATE_NOOP("DetailsForm", "in person"),
    "phone": QT_TRANSLATE_NOOP("DetailsForm", "phone"),
    "video": QT_TRANSLATE_NOOP("DetailsForm", "video"),
    "other": QT_TRANSLATE_NOOP("DetailsForm", "other"),
}


@dataclass
class ReviewLine:
    number: str
    question: str
    answer: str


def _heading(text: str, scale: float = 1.3) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def language_choices(
    translations: TranslationSet, questionnaire: Questionnaire, current: str
) -> list[tuple[str, str]]:
    """(code, what the list shows) for each language the questions can be read in.

    English first; a translation nobody has checked yet says so, and one that leaves texts
    in English says how many it translates. A language recorded on a colleague's laptop but
    missing here is kept in the list, so the record is shown as it is.
    """
    choices = [("", QCoreApplication.translate("language", "English (the questionnaire's own)"))]
    for translation in translations.languages(questionnaire.id, questionnaire.version):
        text = f"{translation.name} — {translation.english_name}"
        done, total = translation.completeness(questionnaire)
        if done < total:
            text += QCoreApplication.translate(
                "language", " ({done} of {total} texts translated)"
            ).format(done=done, total=total)
        if not translation.reviewed:
            text += QCoreApplication.translate("language", " (not yet reviewed)")
        choices.append((translation.language, text))
    if current and current not in {code for code, _ in choices}:
        missing = QCoreApplication.translate(
            "language", "{code} (not on this laptop: shown in English)"
        )
        choices.append((current, missing.format(code=current)))
    return choices


def language_name(translations: TranslationSet, questionnaire: Questionnaire, code: str) -> str:
    """A language's name as the interview view shows it."""
    if not code:
        return QCoreApplication.translate("language", "English")
    if translations.has(questionnaire.id, questionnaire.version, code):
        translation = translations.get(questionnaire.id, questionnaire.version, code)
        return f"{translation.name} ({translation.english_name})"
    return QCoreApplication.translate("language", "{code} (no translation on this laptop)").format(
        code=code
    )


class DetailsForm(QWidget):
    """When, how, where and with whom: saved like the answers, as they change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.started_at = QDateTimeEdit()
        self.started_at.setObjectName("startedAt")
        self.started_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started_at.setCalendarPopup(True)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for mode in MODES:
            self.mode.addItem(self.tr(_MODE_LABELS.get(mode, mode)), mode)
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("Site, office or city"))
        self.language = QLineEdit()
        self.language.setObjectName("language")
        self.language.setPlaceholderText(self.tr("e.g. Thai, Khmer, English"))
        self.contacts = QListWidget()
        self.contacts.setObjectName("contactsInterviewed")
        self.contacts.setMaximumHeight(110)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("interviewNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(100)
        self.problems = QLabel()
        style.show_as_problem(self.problems)
        self.problems.setWordWrap(True)
        self.problems.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("&Date and time"), self.started_at)
        form.addRow(self.tr("&Mode"), self.mode)
        form.addRow(self.tr("P&lace"), self.place)
        form.addRow(self.tr("Lan&guage used"), self.language)
        form.addRow(self.tr("People &interviewed"), self.contacts)
        form.addRow(self.tr("&Notes"), self.notes)
        form.addRow(self.problems)
        self._loading = False
        self.started_at.dateTimeChanged.connect(self._on_edited)
        self.mode.currentIndexChanged.connect(self._on_edited)
        self.place.textChanged.connect(self._on_edited)
        self.language.textChanged.connect(self._on_edited)
        self.contacts.itemChanged.connect(self._on_edited)
        self.notes.textChanged.connect(self._on_edited)

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def load(self, details: InterviewDetails, contacts: list[tuple[str, str]]) -> None:
        self._loading = True
        try:
            moment = QDateTime.fromString(details.started_at, _QT_STARTED_FORMAT)
            self.started_at.setDateTime(moment if moment.isValid() else QDateTime.currentDateTime())
            self.mode.setCurrentIndex(max(self.mode.findData(details.mode), 0))
            self.place.setText(details.place)
            self.language.setText(details.language)
            self.contacts.clear()
            for contact_id, name in contacts:
                entry = QListWidgetItem(name)
                entry.setData(Qt.ItemDataRole.UserRole, contact_id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = contact_id in details.contact_ids
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.contacts.addItem(entry)
            if self.notes.toPlainText() != details.notes:
                self.notes.setPlainText(details.notes)
        finally:
            self._loading = False

    def details(self) -> InterviewDetails:
        entries = [self.contacts.item(i) for i in range(self.contacts.count())]
        return InterviewDetails(
            started_at=self.started_at.dateTime().toString(_QT_STARTED_FORMAT),
            mode=self.mode.currentData(),
            place=self.place.text(),
            language=self.language.text(),
            contact_ids=[
                e.data(Qt.ItemDataRole.UserRole)
                for e in entries
                if e.checkState() == Qt.CheckState.Checked
            ],
            notes=self.notes.toPlainText(),
        )

    def show_problems(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))


class ItemPage(QWidget):
    def __init__(self, item: Item, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.progress = QLabel(self.tr("Item {n} of {total}").format(n=item.number, total=total))
        self.progress.setObjectName("itemProgress")
        self.question = _heading(f"{item.number}. {item.text}", 1.25)
        self.question.setObjectName("question")
        self.answer = answer_widget(item)
        self.saved = QLabel()
        self.saved.setObjectName("savedState")
        self.saved.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.question)
        if item.help:
            help_label = QLabel(item.help)
            help_label.setWordWrap(True)
            layout.addWidget(help_label)
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.saved)


class InterviewWizard(QWidget):
    """Conducts one draft interview; ``completed`` or ``left`` tell the window what happened."""

    completed = Signal(str)
    left = Signal(str)
    discarded = Signal(str)

    def __init__(
        self, store: InterviewStore, profiles: ProfileStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("interviewWizard")
        self.store = store
        self.profiles = profiles
        self.interview_id = ""
        self.questionnaire: Questionnaire | None = None
        self.item_pages: list[ItemPage] = []
        self._saved_values: dict[str, object] = {}
        self._pending: set[str] = set()
        self._details_pending = False

        self.title = _heading("")
        self.title.setObjectName("wizardTitle")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("answeredProgress")
        self.progress_bar.setFormat(self.tr("%v of %m answered"))
        self.side = QListWidget()
        self.side.setObjectName("itemList")
        self.side.setAccessibleName(self.tr("Items of the questionnaire"))
        self.side.setMaximumWidth(300)
        self.side.setWordWrap(True)
        self.side.currentRowChanged.connect(self.on_side_row)
        self.pages = QStackedWidget()
        self.back_button = QPushButton(self.tr("← &Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(self.tr("Previous page (Alt+Left)"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("&Next →"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setToolTip(self.tr("Next page (Alt+Right or Ctrl+Enter)"))
        self.next_button.clicked.connect(self.go_next)
        self.pause_button = QPushButton(self.tr("&Pause interview"))
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setToolTip(
            self.tr("Leave this draft; every answer is saved. Resume it from the interview list.")
        )
        self.pause_button.clicked.connect(self.pause)
        self.discard_button = QPushButton(self.tr("&Discard draft…"))
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.setToolTip(self.tr("Delete this interview (Undo brings it back)"))
        self.discard_button.clicked.connect(self.discard)
        for button in (self.back_button, self.next_button, self.pause_button, self.discard_button):
            button.setAutoDefault(False)
        for keys, slot in (
            ("Alt+Right", self.go_next),
            ("Alt+Left", self.go_back),
            ("Ctrl+PgDown", self.go_next),
            ("Ctrl+PgUp", self.go_back),
            ("Ctrl+Return", self.go_next_or_complete),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        body = QHBoxLayout()
        body.addWidget(self.side)
        body.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.progress_bar)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._unsaved_since = QElapsedTimer()

    # ----- building the pages for one interview ---------------------------------------------

    def open(self, interview_id: str) -> bool:
        """Show a draft at the page where it stopped; False (and a message) if it cannot."""
        self.flush()
        try:
            interview = self.store.get(interview_id)
            if interview is None:
                raise InterviewError(self.tr("The interview no longer exists."))
            # The labels in the language the questions are read in; ids and answers are the same.
            questionnaire = self.store.questionnaire_as_asked(interview)
        except InterviewError as error:
            messages.show_error(self, self.tr("Cannot open the interview"), str(error))
            return False
        org = self.profiles.get(interview.org_id) or Organisation(name=self.tr("(deleted)"))
        self.interview_id = interview_id
        self.questionnaire = questionnaire
        self._clear_pages()
        self.title.setText(
            self.tr("Interview with {org} — {questionnaire}").format(
                org=org.name, questionnaire=questionnaire.short_title
            )
        )
        self.pages.addWidget(self._build_prepare_page(org, interview))
        self.item_pages = []
        for item in questionnaire.items:
            page = ItemPage(item, len(questionnaire.items))
            page.answer.set_value(interview.value(item.id))
            page.answer.edited.connect(lambda page=page: self.on_answer_edited(page))
            self.item_pages.append(page)
            self.pages.addWidget(page)
        self._saved_values = {i.id: interview.value(i.id) for i in questionnaire.items}
        self.pages.addWidget(self._build_review_page())
        self.side.blockSignals(True)
        self.side.clear()
        self.side.addItem(self.tr("Prepare"))
        for _item in questionnaire.items:
            self.side.addItem(QListWidgetItem())
        self.side.addItem(self.tr("Review and complete"))
        self.side.blockSignals(False)
        self._update_progress()
        self._show_page(self._page_of_position(interview.position), remember=False)
        return True

    def _clear_pages(self) -> None:
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()

    def _build_prepare_page(self, org: Organisation, interview: Interview) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Prepare: {org}").format(org=org.name)))
        summary = QLabel(self._profile_summary(org))
        summary.setObjectName("profileSummary")
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(summary)
        missing = org.completeness().missing
        self.homework_warning = QLabel()
        self.homework_warning.setObjectName("homeworkWarning")
        self.homework_warning.setWordWrap(True)
        style.show_as_warning(self.homework_warning)
        if missing:
            self.homework_warning.setText(
                self.tr(
                    "Homework missing before this interview: {missing}. The profile should "
                    "cover these so the conversation starts from what you already know."
                ).format(missing="; ".join(missing))
            )
        else:
            self.homework_warning.setText(self.tr("Homework done: all four profile elements."))
        layout.addWidget(self.homework_warning)
        layout.addLayout(self._build_language_row(interview))
        self.details_form = DetailsForm()
        self.details_form.load(interview.details, [(c.id, c.name) for c in org.contacts])
        self.details_form.edited.connect(self.on_details_edited)
        layout.addWidget(self.details_form)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Meeting details"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _build_language_row(self, interview: Interview) -> QVBoxLayout:
        translations = self.store.translations
        english = self.store.questionnaire_of(interview)
        self.question_language = QComboBox()
        self.question_language.setObjectName("questionLanguage")
        self.question_language.setToolTip(
            self.tr(
                "The language the questions are shown in. Answers are kept the same way in "
                "every language, so interviews compare across languages."
            )
        )
        for code, text in language_choices(translations, english, interview.questionnaire_language):
            self.question_language.addItem(text, code)
        self.question_language.setCurrentIndex(
            max(self.question_language.findData(interview.questionnaire_language), 0)
        )
        self.question_language.currentIndexChanged.connect(self.on_question_language)
        label = QLabel(self.tr("&Questions in"))
        label.setBuddy(self.question_language)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.question_language, 1)
        column = QVBoxLayout()
        column.addLayout(row)
        # A team's translation file that could not be read is named here, never a crash.
        self.translation_problems = QLabel(
            self.tr("Translation files left out: {problems}").format(
                problems=" ".join(translations.problems)
            )
        )
        self.translation_problems.setObjectName("translationProblems")
        self.translation_problems.setWordWrap(True)
        style.show_as_warning(self.translation_problems)
        self.translation_problems.setVisible(bool(translations.problems))
        column.addWidget(self.translation_problems)
        return column

    def on_question_language(self, index: int) -> None:
        """Show the draft's questions in the chosen language (saved at once, like a choice)."""
        code = self.question_language.itemData(index)
        if not self.interview_id or code is None:
            return
        self.flush()
        try:
            self.store.set_questionnaire_language(self.interview_id, code)
        except (InterviewError, StorageError) as error:
            messages.show_error(self, self.tr("The language was not changed"), str(error))
            return
        if self.open(self.interview_id):
            # The list was rebuilt with the page: the keys stay with it (arrows go on moving).
            self.question_language.setFocus(Qt.FocusReason.OtherFocusReason)

    def _profile_summary(self, org: Organisation) -> str:
        def row(label: str, value: str) -> str:
            if not value.strip():
                return ""
            return f"<b>{html.escape(label)}:</b> {html.escape(value)}<br>"

        headlines = "; ".join(f"{h.date} {h.headline}".strip() for h in org.headlines[:3])
        return "".join(
            [
                row(self.tr("What it does"), org.description[:600]),
                row(self.tr("Sectors"), ", ".join(org.sectors)),
                row(self.tr("Where"), ", ".join([*org.countries, org.places]).strip(", ")),
                row(self.tr("Fair labour"), org.fair_labour_investments[:400]),
                row(self.tr("Memberships"), ", ".join(org.memberships)),
                row(self.tr("Stage"), org.stage),
                row(self.tr("Recent headlines"), headlines),
            ]
        )

    def _build_review_page(self) -> QWidget:
        page = QWidget()
        self.review_summary = QLabel()
        self.review_summary.setObjectName("reviewSummary")
        self.review_summary.setWordWrap(True)
        self.review_model: RecordTableModel[ReviewLine] = RecordTableModel(
            [
                ("number", self.tr("No.")),
                ("question", self.tr("Question")),
                ("answer", self.tr("Answer")),
            ],
            lambda: ReviewLine("", "", ""),
            read_only=True,
        )
        self.review_table = QTableView()
        self.review_table.setObjectName("reviewTable")
        self.review_table.setAccessibleName(self.tr("Answers to review"))
        self.review_table.setModel(self.review_model)
        self.review_table.verticalHeader().hide()
        self.review_table.setWordWrap(True)
        self.review_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.review_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.review_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.review_table.activated.connect(lambda index: self._go_to(index.row() + 1))
        self.complete_button = QPushButton(self.tr("&Complete interview"))
        self.complete_button.setToolTip(self.tr("Ctrl+Enter"))
        self.complete_button.setObjectName("completeButton")
        self.complete_button.setAutoDefault(False)
        self.complete_button.clicked.connect(self.complete)
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Review")))
        layout.addWidget(self.review_summary)
        layout.addWidget(self.review_table, 1)
        hint = QLabel(self.tr("Press Enter on a line, or double-click it, to change that answer."))
        hint.setEnabled(False)
        layout.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.complete_button)
        layout.addLayout(row)
        return page

    # ----- navigation -----------------------------------------------------------------------

    @property
    def review_index(self) -> int:
        return len(self.item_pages) + 1

    def _page_of_position(self, position: str) -> int:
        if position == REVIEW:
            return self.review_index
        for index, page in enumerate(self.item_pages, 1):
            if page.item.id == position:
                return index
        return 0

    def _position_of_page(self, index: int) -> str:
        if index == 0:
            return PREPARE
        if index == self.review_index:
            return REVIEW
        return self.item_pages[index - 1].item.id

    def current_index(self) -> int:
        return self.pages.currentIndex()

    def current_item_page(self) -> ItemPage | None:
        index = self.current_index()
        return self.item_pages[index - 1] if 1 <= index <= len(self.item_pages) else None

    def _can_leave(self) -> bool:
        """An answer with a problem (Other ticked without its text) holds the page."""
        page = self.current_item_page()
        if page is None:
            return True
        if page.answer.blocking_problems():
            page.answer.focus_first()
            other_text = getattr(page.answer, "other_text", None)
            if other_text is not None:
                other_text.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        return True

    def _go_to(self, index: int) -> None:
        if not self.interview_id or index == self.current_index():
            return
        if not 0 <= index <= self.review_index:
            return
        self.flush()
        if not self._can_leave():
            self._sync_side()
            return
        self._show_page(index)

    def _show_page(self, index: int, *, remember: bool = True) -> None:
        self.pages.setCurrentIndex(index)
        self._sync_side()
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.review_index)
        if index == self.review_index:
            self._fill_review()
            self.review_table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.review_model.rowCount():
                self.review_table.selectRow(0)
        elif index == 0:
            self.details_form.started_at.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.item_pages[index - 1].answer.focus_first()
        if remember:
            self._remember_position(index)

    def _remember_position(self, index: int) -> None:
        try:
            self.store.set_position(self.interview_id, self._position_of_page(index))
        except (InterviewError, StorageError):
            log.exception("could not remember the interview's position")

    def _sync_side(self) -> None:
        self.side.blockSignals(True)
        self.side.setCurrentRow(self.current_index())
        self.side.blockSignals(False)

    def on_side_row(self, row: int) -> None:
        if row >= 0:
            self._go_to(row)

    def go_next(self) -> None:
        self._go_to(self.current_index() + 1)

    def go_next_or_complete(self) -> None:
        if self.current_index() == self.review_index:
            self.complete()
        else:
            self.go_next()

    def go_back(self) -> None:
        self._go_to(self.current_index() - 1)

    # ----- saving as answers are given ------------------------------------------------------

    def on_answer_edited(self, page: ItemPage) -> None:
        self._pending.add(page.item.id)
        if page.answer.saves_at_once:
            self.flush()
        else:
            page.saved.setText(self.tr("Typing…"))
            self._save_soon()
        self._update_side_marks()

    def _save_soon(self) -> None:
        if not self._unsaved_since.isValid():
            self._unsaved_since.start()
        if self._unsaved_since.elapsed() >= SAVE_AT_LEAST_EVERY_MS:
            self.flush()
        else:
            self._timer.start()

    def on_details_edited(self) -> None:
        self._details_pending = True
        self._save_soon()

    def flush(self) -> bool:
        """Write every answer changed since the last save; False if one could not be saved."""
        self._timer.stop()
        self._unsaved_since.invalidate()
        if not self.interview_id:
            return True
        ok = True
        for page in self.item_pages:
            if page.item.id not in self._pending:
                continue
            self._pending.discard(page.item.id)
            value = page.answer.value()
            if value == self._saved_values.get(page.item.id):
                page.saved.setText("")
                continue
            try:
                answer = self.store.save_answer(self.interview_id, page.item.id, value)
            except (InterviewError, StorageError) as error:
                log.exception("could not save answer %s", page.item.id)
                messages.show_error(self, self.tr("The answer was not saved"), str(error))
                ok = False
                continue
            self._saved_values[page.item.id] = answer.value
            page.saved.setText(
                self.tr("Saved {time}").format(time=local_time(answer.last_at, "%H:%M:%S"))
            )
        if self._details_pending:
            self._details_pending = False
            ok = self._save_details() and ok
        self._update_progress()
        return ok

    def _save_details(self) -> bool:
        try:
            self.store.update_details(self.interview_id, self.details_form.details())
        except ValidationError as error:
            self.details_form.show_problems([p.message for p in error.problems])
            return False
        except (InterviewError, StorageError) as error:
            log.exception("could not save interview details")
            messages.show_error(self, self.tr("The details were not saved"), str(error))
            return False
        self.details_form.show_problems([])
        return True

    # ----- progress, review, completion -----------------------------------------------------

    def _answered(self) -> list[bool]:
        return [is_answered(p.item, p.answer.value()) for p in self.item_pages]

    def _update_progress(self) -> None:
        answered = self._answered()
        self.progress_bar.setRange(0, len(answered))
        self.progress_bar.setValue(sum(answered))
        self._update_side_marks()

    def _update_side_marks(self) -> None:
        for index, page in enumerate(self.item_pages, 1):
            value = page.answer.value()
            if answer_problems(page.item, value):
                mark = _PROBLEM
            elif is_answered(page.item, value):
                mark = _DONE
            else:
                mark = _OPEN
            entry = self.side.item(index)
            if entry is not None:
                entry.setText(f"{mark} {page.item.number}. {page.item.text}")
                entry.setToolTip(page.item.text)

    def _fill_review(self) -> None:
        lines = []
        missing = 0
        for page in self.item_pages:
            value = page.answer.value()
            text = shortened(answer_text(page.item, value))
            problems = answer_problems(page.item, value)
            if not is_answered(page.item, value):
                missing += 1
                text = self.tr("— missing —")
            elif problems:
                text = f"{text}  ⚠ {' '.join(problems)}"
            lines.append(ReviewLine(page.item.number, page.item.text, text))
        self.review_model.set_records(lines)
        self.review_table.resizeRowsToContents()
        if missing:
            self.review_summary.setText(
                self.tr("{missing} of {total} items have no answer yet.").format(
                    missing=missing, total=len(lines)
                )
            )
        else:
            self.review_summary.setText(self.tr("Every item has an answer."))

    def missing_items(self) -> list[Item]:
        return [p.item for p in self.item_pages if not is_answered(p.item, p.answer.value())]

    def complete(self) -> None:
        if not self.flush():
            return
        missing = self.missing_items()
        if missing:
            numbers = ", ".join(item.number for item in missing)
            question = self.tr(
                "Items {numbers} have no answer. Complete the interview anyway?\n"
                "After completion, changes are made as corrections with a reason."
            ).format(numbers=numbers)
            if not messages.confirm(
                self, self.tr("Complete interview"), question, self.tr("Complete")
            ):
                return
        try:
            self.store.complete(self.interview_id)
        except (InterviewError, StorageError) as error:
            log.exception("could not complete interview")
            messages.show_error(self, self.tr("The interview was not completed"), str(error))
            return
        interview_id = self.interview_id
        self.interview_id = ""
        self.completed.emit(interview_id)

    def pause(self) -> None:
        """Leave the draft as it is (everything is saved); it can be resumed later."""
        if not self.interview_id:
            return
        self.flush()
        interview_id = self.interview_id
        self.interview_id = ""
        self.left.emit(interview_id)

    def discard(self) -> None:
        """Delete the draft after asking (started by mistake, or with the wrong company)."""
        if not self.interview_id:
            return
        question = self.tr(
            "Discard this interview and every answer given?\n"
            "You can undo this with Edit ▸ Undo (Ctrl+Z)."
        )
        if not messages.confirm(self, self.tr("Discard draft"), question, self.tr("Discard")):
            return
        self.flush()
        interview_id = self.interview_id
        try:
            self.store.discard(interview_id)
        except (InterviewError, StorageError) as error:
            messages.show_error(self, self.tr("The draft was not discarded"), str(error))
            return
        self.interview_id = ""
        self.discarded.emit(interview_id)

    def shutdown(self) -> None:
        self.flush()
