"""Sync & conflicts: fields two laptops edited differently, possible duplicates, merge history.

One page with three tabs, each a table (model/view) with what the user can do about the
selected row beside it, inline: keep one version of a field or write a new one, combine two
organisations (after a confirmation), open the folder of backups. Problems show in red on
the page, never as a traceback. The page emits ``changed()`` after a decision or a combine,
so the window refreshes its lists, and ``open_requested(org_id)`` to open an organisation.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.backups import backup_folder
from ctip_desktop.interviews.model import REVIEW_LABELS, InterviewError
from ctip_desktop.interviews.repository import InterviewFilter
from ctip_desktop.profiles.model import MAX_LONG_TEXT, Contact, Headline, Organisation
from ctip_desktop.questionnaires.answers import AnswerError, answer_text, checked_answer
from ctip_desktop.questionnaires.model import Item
from ctip_desktop.storage import StorageError
from ctip_desktop.storage.entities import ANSWER_PREFIX, DELETED_FIELD
from ctip_desktop.sync import (
    CombineError,
    Conflict,
    ConflictError,
    ConflictHead,
    DuplicateCandidate,
    MergeRecord,
    combine_organisations,
    duplicate_candidates,
    merge_history,
    open_conflicts,
    resolve_conflict,
)
from ctip_desktop.sync.refusals import refusals_for
from ctip_desktop.workspace import Workspace

from ui import export_dialog, messages, style
from ui.formatting import local_time
from ui.interview_list import status_text
from ui.record_table import Index, RecordTableModel

log = logging.getLogger(__name__)


# ----- words for what the core names by identifiers ------------------------------------------

KIND_LABELS = {
    "organisation": "Organisation",
    "contact": "Contact",
    "headline": "Media headline",
    "interview": "Interview",
    "correction": "Interview correction",
    "decision": "Recommendation decision",
    "follow_up": "Follow-up",
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "organisation": {
        "name": "Name",
        "description": "Description",
        "places": "Places",
        "supply_chain_role": "Role in the supply chain",
        "size_band": "Size",
        "website": "Website",
        "fair_labour_investments": "Fair labour investments",
        "stage": "Stage",
        "notes": "Notes",
        "primary_contact_id": "Primary contact",
        "media_scan_date": "Date of the media scan",
    },
    "contact": {
        "org_id": "Organisation",
        "name": "Name",
        "role": "Role",
        "email": "Email",
        "phone": "Phone",
        "notes": "Notes",
    },
    "headline": {
        "org_id": "Organisation",
        "date": "Date",
        "source": "Source",
        "headline": "Headline",
        "link": "Link",
        "tone": "Tone",
        "note": "Note",
    },
    "interview": {
        "org_id": "Organisation",
        "questionnaire_id": "Questionnaire",
        "questionnaire_version": "Questionnaire version",
        "interviewer": "Interviewer",
        "started_at": "Date and time",
        "mode": "Mode",
        "place": "Place",
        "language": "Language",
        "status": "Status",
        "notes": "Notes",
        "position": "Where the draft stopped",
        "completed_at": "Completed at",
        "review_state": "Review",
        "review_comment": "Review comment",
        "reviewed_by": "Reviewed by",
        "reviewed_at": "Reviewed at",
    },
    "correction": {"interview_id": "Interview", "reason": "Reason"},
    "decision": {
        "org_id": "Organisation",
        "rule_id": "Recommendation",
        "title": "Recommendation",
        "status": "Decision",
        "reason": "Reason",
        "note": "Note",
    },
    "follow_up": {
        "org_id": "Organisation",
        "rule_id": "Recommendation",
        "step": "Step",
        "owner": "Owner",
        "due": "Due",
        "status": "Status",
        "outcome": "Outcome",
    },
}

# Fields a person may give a new value by typing: "line" (one line) or "long" (paragraphs).
# Anything else (choices, dates, references, scales, lists) is decided by keeping a version.
FREE_TEXT: dict[tuple[str, str], str] = {
    ("organisation", "name"): "line",
    ("organisation", "description"): "long",
    ("organisation", "places"): "line",
    ("organisation", "website"): "line",
    ("organisation", "fair_labour_investments"): "long",
    ("organisation", "notes"): "long",
    ("contact", "name"): "line",
    ("contact", "role"): "line",
    ("contact", "email"): "line",
    ("contact", "phone"): "line",
    ("contact", "notes"): "long",
    ("headline", "source"): "line",
    ("headline", "headline"): "line",
    ("headline", "link"): "line",
    ("headline", "note"): "long",
    ("interview", "place"): "line",
    ("interview", "notes"): "long",
    ("interview", "review_comment"): "long",
    ("correction", "reason"): "long",
    ("decision", "reason"): "long",
    ("decision", "note"): "long",
    ("follow_up", "step"): "line",
    ("follow_up", "owner"): "line",
    ("follow_up", "outcome"): "long",
}

# Counted kinds of record in a merge's summary: (one, many).
COUNT_WORDS = {
    "organisation": ("1 organisation", "{n} organisations"),
    "contact": ("1 contact", "{n} contacts"),
    "headline": ("1 headline", "{n} headlines"),
    "interview": ("1 interview", "{n} interviews"),
    "correction": ("1 correction", "{n} corrections"),
    "decision": ("1 decision", "{n} decisions"),
    "follow_up": ("1 follow-up", "{n} follow-ups"),
}

STATUS_LABELS = {"merged": "Merged", "nothing new": "Nothing new", "refused": "Refused"}


def tr(text: str) -> str:
    # pyside6-lupdate files a plain tr("…") call under the empty context: look it up there.
    return QCoreApplication.translate("", text)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return tr("(empty)")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


# ----- reading a conflict for people -----------------------------------------------------------


class ConflictReader:
    """Plain words for a conflict: which record, which field, what each version says."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._items: dict[tuple[str, str], Item | None] = {}

    def _one(self, sql: str, *args: Any) -> Any:
        row = self.workspace.db.execute(sql, args).fetchone()
        return row[0] if row else None

    def item(self, conflict: Conflict) -> Item | None:
        """The questionnaire item an answer conflict is about (None if unknown)."""
        if not conflict.field.startswith(ANSWER_PREFIX):
            return None
        key = (conflict.entity_id, conflict.field)
        if key not in self._items:
            row = self.workspace.db.execute(
                "SELECT questionnaire_id, questionnaire_version FROM interview WHERE id = ?",
                (conflict.entity_id,),
            ).fetchone()
            found: Item | None = None
            if row:
                try:
                    questionnaire = self.workspace.interviews.questionnaire(row[0], int(row[1]))
                    found = questionnaire.item(conflict.field.removeprefix(ANSWER_PREFIX))
                except (InterviewError, KeyError, ValueError):
                    found = None
            self._items[key] = found
        return self._items[key]

    def kind(self, conflict: Conflict) -> str:
        """“Contact: Somchai P.”, “Interview of 2025-03-04”, “Organisation”."""
        entity, record_id = conflict.entity, conflict.entity_id
        label = tr(KIND_LABELS.get(entity, entity))
        detail = ""
        if entity == "contact":
            detail = self._one("SELECT name FROM contact WHERE id = ?", record_id) or ""
        elif entity == "headline":
            detail = self._one("SELECT headline FROM headline WHERE id = ?", record_id) or ""
        elif entity == "interview":
            started = self._one("SELECT started_at FROM interview WHERE id = ?", record_id)
            if started:
                return tr("Interview of {date}").format(date=str(started)[:10])
        elif entity == "follow_up":
            detail = self._one("SELECT step FROM follow_up WHERE id = ?", record_id) or ""
        elif entity == "decision":
            detail = (
                self._one("SELECT title FROM recommendation_decision WHERE id = ?", record_id) or ""
            )
        if len(detail) > 60:
            detail = detail[:59] + "…"
        return f"{label}: {detail}" if detail else label

    def field(self, conflict: Conflict) -> str:
        """The field in plain words; an answer names its item's number and text."""
        if conflict.field == DELETED_FIELD:
            return tr("Deleted or kept")
        if conflict.field.startswith(ANSWER_PREFIX):
            item = self.item(conflict)
            if item is None:
                return tr("Answer to item {id}").format(
                    id=conflict.field.removeprefix(ANSWER_PREFIX)
                )
            text = " ".join(item.text.split())
            if len(text) > 80:
                text = text[:79] + "…"
            return tr("Answer {number}: {text}").format(number=item.number, text=text)
        label = FIELD_LABELS.get(conflict.entity, {}).get(conflict.field, conflict.field)
        return tr(label)

    def value(self, conflict: Conflict, value: Any) -> str:
        """One version's value as a person reads it."""
        name = conflict.field
        if name == DELETED_FIELD:
            return tr("Deleted") if value else tr("Kept (not deleted)")
        if name.startswith(ANSWER_PREFIX):
            item = self.item(conflict)
            if item is not None:
                try:
                    text = answer_text(item, value)
                except (AttributeError, KeyError, TypeError, ValueError):
                    text = _plain(value)
                return text or tr("(no answer)")
            return _plain(value)
        if name == "primary_contact_id":
            if not value:
                return tr("(none)")
            return self._one("SELECT name FROM contact WHERE id = ?", value) or str(value)
        if name in ("org_id",) and value:
            return self._one("SELECT name FROM organisation WHERE id = ?", value) or str(value)
        if conflict.entity == "interview" and name == "status" and value:
            return status_text(str(value))
        if conflict.entity == "interview" and name == "review_state" and value is not None:
            return tr(REVIEW_LABELS.get(str(value), str(value)))
        return _plain(value)

    def free_text(self, conflict: Conflict) -> str:
        """ "line" or "long" when a new value may be typed; "" when a version must be kept."""
        if conflict.field.startswith(ANSWER_PREFIX):
            item = self.item(conflict)
            return "long" if item is not None and item.kind in ("text", "note") else ""
        return FREE_TEXT.get((conflict.entity, conflict.field), "")

    def typed_value(self, conflict: Conflict, text: str) -> Any:
        """The value to store for what was typed; ValueError saying what is wrong with it."""
        kind = self.free_text(conflict)
        if not kind:
            raise ValueError(tr("This field takes one of the versions, not a typed value."))
        text = " ".join(text.split()) if kind == "line" else text.rstrip()
        name = conflict.field
        if name.startswith(ANSWER_PREFIX):
            item = self.item(conflict)
            assert item is not None
            try:
                return checked_answer(item, text)
            except AnswerError as error:
                raise ValueError(str(error)) from error
        record: Any
        if conflict.entity == "organisation":
            record = Organisation(name="-")
        elif conflict.entity == "contact":
            record = Contact(name="-")
        elif conflict.entity == "headline":
            record = Headline(headline="-")
        else:
            if len(text) > MAX_LONG_TEXT:
                raise ValueError(
                    tr("The text is longer than {n} characters.").format(n=f"{MAX_LONG_TEXT:,}")
                )
            return text
        setattr(record, name, text)
        cleaned = record.cleaned()
        problems = [p.message for p in cleaned.problems() if p.field == name]
        if problems:
            raise ValueError(" ".join(problems))
        return getattr(cleaned, name)


# ----- rows ------------------------------------------------------------------------------------


@dataclass
class ConflictRow:
    organisation: str = ""
    kind: str = ""
    field: str = ""
    versions: int = 0
    shown: str = ""
    conflict: Conflict | None = None


@dataclass
class DuplicateRow:
    name_a: str = ""
    name_b: str = ""
    why: str = ""
    candidate: DuplicateCandidate | None = None


@dataclass
class HistoryRow:
    when: str = ""
    file_name: str = ""
    status: str = ""
    new_changes: str = ""
    brought: str = ""
    backup: str = ""
    reason: str = ""
    record: MergeRecord | None = None
    refused: bool = False


class HistoryTableModel(RecordTableModel[HistoryRow]):
    """Refused files show their status and reason in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.columns[index.column()][0] in ("status", "reason")
        ):
            refused = self.records[index.row()].refused
            return style.table_problem_colour() if refused else None
        return super().data(index, role)


def _table(name: str, model: RecordTableModel[Any]) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(QFontMetrics(table.font()).height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _empty_label(name: str, text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class StatusLine(QLabel):
    """What the last action did, or in red what went wrong with it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False
        self.hide()

    def say(self, text: str) -> None:
        self.is_error = False
        style.show_as_normal(self)
        self.setText(text)
        self.setVisible(bool(text))

    def error(self, text: str) -> None:
        log.info("sync page problem shown: %s", text)
        self.is_error = True
        style.show_as_problem(self)
        self.setText(text)
        self.show()

    def clear_text(self) -> None:
        self.say("")


# ----- conflicts -------------------------------------------------------------------------------


class VersionBox(QGroupBox):
    """One competing value: the value, when, who, which laptop, and Keep this."""

    def __init__(
        self, number: int, head: ConflictHead, text: str, shown: bool, this_device: str
    ) -> None:
        super().__init__()
        self.setObjectName(f"conflictVersion{number}")
        self.head = head
        title = self.tr("Version {n}").format(n=number + 1)
        if shown:
            title = self.tr("Version {n} (shown now)").format(n=number + 1)
        self.setTitle(title)
        self.value = QPlainTextEdit(text)
        self.value.setObjectName("versionValue")
        self.value.setReadOnly(True)
        self.value.setMaximumHeight(QFontMetrics(self.value.font()).height() * 5 + 12)
        laptop = head.device_id[:8]
        if head.device_id == this_device:
            laptop = self.tr("{id} (this laptop)").format(id=laptop)
        self.when = QLabel(local_time(head.at) if head.at else "")
        self.when.setObjectName("versionWhen")
        self.who = QLabel(head.author or self.tr("(no name set)"))
        self.who.setObjectName("versionWho")
        self.device = QLabel(laptop)
        self.device.setObjectName("versionDevice")
        self.keep_button = QPushButton(self.tr("&Keep this"))
        self.keep_button.setObjectName(f"keepVersion{number}")
        self.keep_button.setToolTip(self.tr("Keep this value and settle the conflict"))
        form = QFormLayout()
        form.addRow(self.tr("When"), self.when)
        form.addRow(self.tr("Who"), self.who)
        form.addRow(self.tr("Laptop"), self.device)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        layout.addLayout(buttons)


class ConflictsTab(QWidget):
    """Open conflicts; the selected one's versions side by side, kept or replaced."""

    changed = Signal()
    open_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsTab")
        self.workspace = workspace
        self.reader = ConflictReader(workspace)
        self.version_boxes: list[VersionBox] = []
        self._free = ""

        self.model: RecordTableModel[ConflictRow] = RecordTableModel(
            [
                ("organisation", self.tr("Organisation")),
                ("kind", self.tr("Record")),
                ("field", self.tr("Field")),
                ("versions", self.tr("Versions")),
                ("shown", self.tr("Shown now")),
            ],
            ConflictRow,
            read_only=True,
        )
        self.table = _table("conflictTable", self.model)
        for column, width in ((0, 230), (1, 200), (2, 260), (3, 70)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.activated.connect(lambda _index: self.open_current())
        self.empty = _empty_label(
            "conflictsEmpty", self.tr("No conflicts: every field has one value.")
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.detail = self._build_detail()
        self.status = StatusLine("conflictStatus")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Fields changed differently on two laptops. Both values are kept until "
                "you choose one or write a new one; your decision travels with your "
                "next export."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _build_detail(self) -> QWidget:
        detail = QFrame()
        detail.setObjectName("conflictDetail")
        self.detail_title = QLabel()
        self.detail_title.setObjectName("conflictTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.detail_title.font()
        font.setBold(True)
        self.detail_title.setFont(font)
        self.open_button = QPushButton(self.tr("&Open organisation"))
        self.open_button.setObjectName("conflictOpenButton")
        self.open_button.clicked.connect(self.open_current)

        self.versions = QWidget()
        self.versions_layout = QHBoxLayout(self.versions)
        self.versions_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.versions)

        self.new_value_label = QLabel(self.tr("Or &write a new value:"))
        self.new_value = QPlainTextEdit()
        self.new_value.setObjectName("conflictNewValue")
        self.new_value.setTabChangesFocus(True)
        self.new_value.setMaximumHeight(QFontMetrics(self.new_value.font()).height() * 3 + 14)
        self.new_value_label.setBuddy(self.new_value)
        self.use_button = QPushButton(self.tr("&Use this value"))
        self.use_button.setObjectName("useNewValueButton")
        self.use_button.clicked.connect(self.use_new_value)
        self.choose_only = QLabel(
            self.tr("This kind of field is settled by keeping one of the versions above.")
        )
        self.choose_only.setObjectName("conflictChooseOnly")
        self.choose_only.setWordWrap(True)
        write_row = QHBoxLayout()
        write_row.addWidget(self.new_value, 1)
        write_row.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignTop)
        self.write_panel = QWidget()
        write_layout = QVBoxLayout(self.write_panel)
        write_layout.setContentsMargins(0, 0, 0, 0)
        write_layout.addWidget(self.new_value_label)
        write_layout.addLayout(write_row)

        top = QHBoxLayout()
        top.addWidget(self.detail_title, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.write_panel)
        layout.addWidget(self.choose_only)
        return detail

    # ----- interface ---------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.reader = ConflictReader(workspace)
        self.status.clear_text()
        self.reload()

    def reload(self) -> int:
        """Read the open conflicts again, keeping the selected one (or its place)."""
        current = self.current_conflict()
        keep = (current.entity_id, current.field) if current else None
        place = max(self.table.currentIndex().row(), 0)
        self.reader = ConflictReader(self.workspace)
        try:
            conflicts = open_conflicts(self.workspace)
        except StorageError as error:
            self.status.error(str(error))
            conflicts = []
        rows = [
            ConflictRow(
                conflict.org_name or self.tr("(no organisation)"),
                self.reader.kind(conflict),
                self.reader.field(conflict),
                len(conflict.heads),
                self.reader.value(conflict, conflict.shown_value).replace("\n", " "),
                conflict,
            )
            for conflict in conflicts
        ]
        self.model.set_records(rows)
        if rows:
            self.stack.setCurrentWidget(self.table)
            row = next(
                (
                    n
                    for n, r in enumerate(rows)
                    if r.conflict and (r.conflict.entity_id, r.conflict.field) == keep
                ),
                min(place, len(rows) - 1),
            )
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.stack.setCurrentWidget(self.empty)
        self._show_current()
        return len(rows)

    def conflicts(self) -> list[Conflict]:
        return [r.conflict for r in self.model.records if r.conflict is not None]

    def current_conflict(self) -> Conflict | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.records):
            return None
        return self.model.records[index.row()].conflict

    def select(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    def open_current(self) -> None:
        conflict = self.current_conflict()
        if conflict is not None and conflict.org_id:
            self.open_requested.emit(conflict.org_id)

    def keep(self, number: int) -> None:
        """Settle the selected conflict with one of its versions."""
        conflict = self.current_conflict()
        if conflict is None or not 0 <= number < len(conflict.heads):
            return
        self._resolve(conflict, conflict.heads[number].value)

    def use_new_value(self) -> None:
        """Settle the selected conflict with the value typed (text fields only)."""
        conflict = self.current_conflict()
        if conflict is None:
            return
        try:
            value = self.reader.typed_value(conflict, self.new_value.toPlainText())
        except ValueError as error:
            self.status.error(str(error))
            self.new_value.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._resolve(conflict, value)

    # ----- internals ---------------------------------------------------------------------

    def _resolve(self, conflict: Conflict, value: Any) -> None:
        field = self.reader.field(conflict)
        organisation = conflict.org_name or self.tr("(no organisation)")
        try:
            resolve_conflict(
                self.workspace, conflict.entity, conflict.entity_id, conflict.field, value
            )
        except (ConflictError, StorageError) as error:
            self.status.error(
                self.tr("Could not settle “{field}” of {organisation}: {reason}").format(
                    field=field, organisation=organisation, reason=error
                )
            )
            self.reload()
            return
        shown = self.reader.value(conflict, value).replace("\n", " ")
        if len(shown) > 80:
            shown = shown[:79] + "…"
        self.status.say(
            self.tr("“{field}” of {organisation} now reads: {value}").format(
                field=field, organisation=organisation, value=shown
            )
        )
        self.changed.emit()

    def _clear_versions(self) -> None:
        for box in self.version_boxes:
            self.versions_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.version_boxes = []
        while self.versions_layout.count():
            self.versions_layout.takeAt(0)

    def _show_current(self) -> None:
        conflict = self.current_conflict()
        self._clear_versions()
        self.detail.setVisible(conflict is not None)
        if conflict is None:
            self.detail_title.clear()
            self.new_value.clear()
            return
        self.detail_title.setText(
            " · ".join(
                [
                    conflict.org_name or self.tr("(no organisation)"),
                    self.reader.kind(conflict),
                    self.reader.field(conflict),
                ]
            )
        )
        self.open_button.setEnabled(bool(conflict.org_id))
        this_device = self.workspace.log.clock.device_id
        last = len(conflict.heads) - 1
        for number, head in enumerate(conflict.heads):
            box = VersionBox(
                number,
                head,
                self.reader.value(conflict, head.value),
                number == last,
                this_device,
            )
            box.keep_button.clicked.connect(lambda _checked=False, n=number: self.keep(n))
            self.versions_layout.addWidget(box, 1)
            self.version_boxes.append(box)
        self._free = self.reader.free_text(conflict)
        self.write_panel.setVisible(bool(self._free))
        self.choose_only.setVisible(not self._free)
        shown = conflict.shown_value
        self.new_value.setPlainText(shown if isinstance(shown, str) else "")


# ----- duplicates ------------------------------------------------------------------------------


class OrganisationBox(QGroupBox):
    """One of the two records: name, other names, countries, contacts, interviews, Open."""

    def __init__(self, letter: str) -> None:
        super().__init__(letter)
        self.setObjectName(f"duplicate{letter}")
        self.org_id = ""
        self.name = QLabel()
        self.other_names = QLabel()
        self.countries = QLabel()
        self.contacts = QLabel()
        self.interviews = QLabel()
        for key, label in (
            ("Name", self.name),
            ("OtherNames", self.other_names),
            ("Countries", self.countries),
            ("Contacts", self.contacts),
            ("Interviews", self.interviews),
        ):
            label.setObjectName(f"duplicate{letter}{key}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName(f"duplicateOpen{letter}")
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Other names"), self.other_names)
        form.addRow(self.tr("Countries"), self.countries)
        form.addRow(self.tr("Contacts"), self.contacts)
        form.addRow(self.tr("Interviews"), self.interviews)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_organisation(self, workspace: Workspace, org_id: str, name: str) -> None:
        self.org_id = org_id
        org = workspace.profiles.get(org_id)
        if org is None:
            self.name.setText(self.tr("{name} (no longer exists)").format(name=name))
            for label in (self.other_names, self.countries, self.contacts, self.interviews):
                label.clear()
            self.open_button.setEnabled(False)
            return
        interviews = len(workspace.interviews.list_ids(InterviewFilter(org_id=org_id)))
        self.name.setText(org.name)
        self.other_names.setText(", ".join(org.other_names) or "—")
        self.countries.setText(", ".join(org.countries) or "—")
        self.contacts.setText(str(len(org.contacts)))
        self.interviews.setText(str(interviews))
        self.open_button.setEnabled(True)


class DuplicatesTab(QWidget):
    """Organisations that look like one; combined after a confirmation, undoable."""

    changed = Signal()
    open_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesTab")
        self.workspace = workspace
        self.model: RecordTableModel[DuplicateRow] = RecordTableModel(
            [
                ("name_a", self.tr("Organisation A")),
                ("name_b", self.tr("Organisation B")),
                ("why", self.tr("Why they look alike")),
            ],
            DuplicateRow,
            read_only=True,
        )
        self.table = _table("duplicateTable", self.model)
        for column, width in ((0, 300), (1, 300)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.empty = _empty_label(
            "duplicatesEmpty",
            self.tr("No possible duplicates: no two organisations share a name or a website."),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.box_a = OrganisationBox("A")
        self.box_b = OrganisationBox("B")
        self.box_a.open_button.clicked.connect(lambda: self._open(self.box_a))
        self.box_b.open_button.clicked.connect(lambda: self._open(self.box_b))
        self.keep_a_button = QPushButton(self.tr("Keep &A, combine B into it"))
        self.keep_a_button.setObjectName("keepAButton")
        self.keep_a_button.clicked.connect(lambda: self.combine(keep_a=True))
        self.keep_b_button = QPushButton(self.tr("Keep &B, combine A into it"))
        self.keep_b_button.setObjectName("keepBButton")
        self.keep_b_button.clicked.connect(lambda: self.combine(keep_a=False))
        self.detail = QWidget()
        self.detail.setObjectName("duplicateDetail")
        boxes = QHBoxLayout()
        boxes.addWidget(self.box_a, 1)
        boxes.addWidget(self.box_b, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_a_button)
        buttons.addWidget(self.keep_b_button)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addLayout(boxes)
        detail_layout.addLayout(buttons)
        self.status = StatusLine("duplicateStatus")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        intro = QLabel(
            self.tr(
                "The same company entered on two laptops. Combining keeps every contact, "
                "headline, interview and follow-up of both; the other's name becomes an "
                "other name."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    # ----- interface ---------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.status.clear_text()
        self.reload()

    def reload(self) -> int:
        current = self.current_candidate()
        keep = (current.org_a, current.org_b) if current else None
        place = max(self.table.currentIndex().row(), 0)
        try:
            candidates = duplicate_candidates(self.workspace)
        except StorageError as error:
            self.status.error(str(error))
            candidates = []
        rows = [DuplicateRow(c.name_a, c.name_b, self.why_text(c.why), c) for c in candidates]
        self.model.set_records(rows)
        if rows:
            self.stack.setCurrentWidget(self.table)
            row = next(
                (
                    n
                    for n, r in enumerate(rows)
                    if r.candidate and (r.candidate.org_a, r.candidate.org_b) == keep
                ),
                min(place, len(rows) - 1),
            )
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.stack.setCurrentWidget(self.empty)
        self._show_current()
        return len(rows)

    def why_text(self, why: str) -> str:
        """The core's reason in words that can be translated."""
        if why == "same name":
            return self.tr("Same name")
        similar = re.fullmatch(r"similar name \((\d+)\)", why)
        if similar:
            return self.tr("Similar name ({score}% alike)").format(score=similar.group(1))
        website = re.fullmatch(r"same website \((.*)\)", why)
        if website:
            return self.tr("Same website ({host})").format(host=website.group(1))
        return why

    def candidates(self) -> list[DuplicateCandidate]:
        return [r.candidate for r in self.model.records if r.candidate is not None]

    def current_candidate(self) -> DuplicateCandidate | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.records):
            return None
        return self.model.records[index.row()].candidate

    def select(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    def combine(self, *, keep_a: bool) -> None:
        """Ask first; then combine the other record into the kept one (one undoable action)."""
        candidate = self.current_candidate()
        if candidate is None:
            return
        keep_id, keep_name = (
            (candidate.org_a, candidate.name_a) if keep_a else (candidate.org_b, candidate.name_b)
        )
        other_id, other_name = (
            (candidate.org_b, candidate.name_b) if keep_a else (candidate.org_a, candidate.name_a)
        )
        question = self.tr(
            "Combine “{other}” into “{keep}”?\n\nEvery contact, headline, interview, decision "
            "and follow-up of “{other}” moves to “{keep}”, its name becomes one of the other "
            "names, and “{other}” is deleted. Undo (Ctrl+Z) brings both back."
        ).format(other=other_name, keep=keep_name)
        if not messages.confirm(
            self, self.tr("Combine organisations"), question, self.tr("Combine")
        ):
            self.status.say(self.tr("Nothing was combined."))
            return
        try:
            combine_organisations(self.workspace, keep_id, other_id)
        except (CombineError, StorageError) as error:
            self.status.error(
                self.tr("Could not combine “{other}” into “{keep}”: {reason}").format(
                    other=other_name, keep=keep_name, reason=error
                )
            )
            self.reload()
            return
        self.status.say(
            self.tr("Combined “{other}” into “{keep}”. Undo (Ctrl+Z) brings both back.").format(
                other=other_name, keep=keep_name
            )
        )
        self.changed.emit()

    # ----- internals ---------------------------------------------------------------------

    def _open(self, box: OrganisationBox) -> None:
        if box.org_id:
            self.open_requested.emit(box.org_id)

    def _show_current(self) -> None:
        candidate = self.current_candidate()
        self.detail.setVisible(candidate is not None)
        if candidate is None:
            self.box_a.org_id = self.box_b.org_id = ""
            return
        self.box_a.show_organisation(self.workspace, candidate.org_a, candidate.name_a)
        self.box_b.show_organisation(self.workspace, candidate.org_b, candidate.name_b)
        both = self.box_a.open_button.isEnabled() and self.box_b.open_button.isEnabled()
        self.keep_a_button.setEnabled(both)
        self.keep_b_button.setEnabled(both)


# ----- merge history ---------------------------------------------------------------------------


def counts_text(counts: dict[str, Any]) -> str:
    """“Added 1 organisation, 2 contacts; updated 1 organisation; 1 conflict”."""

    def kinds(numbers: dict[str, int]) -> str:
        order = list(COUNT_WORDS)
        words = []
        ranked = sorted(numbers.items(), key=lambda p: order.index(p[0]) if p[0] in order else 99)
        for kind, n in ranked:
            one, many = COUNT_WORDS.get(kind, (f"1 {kind}", f"{{n}} {kind}"))
            words.append(tr(one) if n == 1 else tr(many).format(n=n))
        return ", ".join(words)

    parts = []
    for key, label in (
        ("added", tr("added {what}")),
        ("updated", tr("updated {what}")),
        ("deleted", tr("deleted {what}")),
    ):
        numbers = {k: int(v) for k, v in (counts.get(key) or {}).items() if v}
        if numbers:
            parts.append(label.format(what=kinds(numbers)))
    questionnaires = int(counts.get("questionnaires") or 0)
    if questionnaires:
        parts.append(
            tr("1 questionnaire")
            if questionnaires == 1
            else tr("{n} questionnaires").format(n=questionnaires)
        )
    conflicts = int(counts.get("conflicts") or 0)
    if conflicts:
        parts.append(
            tr("1 conflict") if conflicts == 1 else tr("{n} conflicts").format(n=conflicts)
        )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


class HistoryTab(QWidget):
    """Every merge and refused file, newest first; the backups' folder one click away."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTab")
        self.workspace = workspace
        self.model = HistoryTableModel(
            [
                ("when", self.tr("When")),
                ("file_name", self.tr("File")),
                ("status", self.tr("Status")),
                ("new_changes", self.tr("New changes")),
                ("brought", self.tr("What it brought")),
                ("reason", self.tr("Reason")),
                ("backup", self.tr("Backup")),
            ],
            HistoryRow,
            read_only=True,
        )
        self.table = _table("historyTable", self.model)
        for column, width in ((0, 120), (1, 240), (2, 84), (3, 96), (4, 250), (5, 220)):
            self.table.setColumnWidth(column, width)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.empty = _empty_label(
            "historyEmpty", self.tr("No file has been merged into this database yet.")
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.folder_button = QPushButton(self.tr("Show &backup folder"))
        self.folder_button.setObjectName("showBackupFolderButton")
        self.folder_button.setToolTip(
            self.tr("A copy of the database is kept before every merge (the newest five)")
        )
        self.folder_button.clicked.connect(self.show_backup_folder)
        self.status = StatusLine("historyStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.status.clear_text()
        self.reload()

    def reload(self) -> int:
        try:
            records = merge_history(self.workspace)
        except (StorageError, ValueError) as error:
            self.status.error(str(error))
            records = []
        rows = [
            HistoryRow(
                local_time(r.merged_at),
                r.file_name,
                self.tr(STATUS_LABELS.get(r.status, r.status)),
                "" if r.status == "refused" else str(r.new_changes),
                counts_text(r.counts),
                r.backup,
                r.reason,
                r,
                r.status == "refused",
            )
            for r in records
        ]
        # Files the window refused are logged beside the database, which they must not touch.
        rows += [
            HistoryRow(
                local_time(refusal.at),
                refusal.file_name,
                self.tr(STATUS_LABELS.get("refused", "refused")),
                "",
                "",
                "",
                refusal.reason,
                None,
                True,
            )
            for refusal in refusals_for(self.workspace.path)
        ]
        rows.sort(key=lambda row: row.when, reverse=True)
        self.model.set_records(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        return len(rows)

    def records(self) -> list[MergeRecord]:
        return [r.record for r in self.model.records if r.record is not None]

    def show_backup_folder(self) -> None:
        """The folder of the selected merge's backup, else the app's backups folder."""
        index = self.table.currentIndex()
        folder: Path | None = None
        if index.isValid() and index.row() < len(self.model.records):
            backup = self.model.records[index.row()].backup
            if backup:
                folder = Path(backup).parent
        try:
            if folder is None or not folder.is_dir():
                folder = backup_folder()
        except OSError as error:
            self.status.error(
                self.tr("The backup folder cannot be opened: {reason}").format(
                    reason=error.strerror or error
                )
            )
            return
        export_dialog.open_path(folder)


# ----- the page --------------------------------------------------------------------------------


class SyncPage(QWidget):
    """Sync & conflicts: Conflicts · Possible duplicates · Merge history.

    Signals: ``open_requested(org_id)`` to open an organisation; ``changed()`` after a
    conflict is settled or two organisations are combined (the page has refreshed itself).
    """

    open_requested = Signal(str)
    changed = Signal()

    TABS = ("conflicts", "duplicates", "history")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.workspace = workspace
        self.conflicts_tab = ConflictsTab(workspace)
        self.duplicates_tab = DuplicatesTab(workspace)
        self.history_tab = HistoryTab(workspace)
        for tab in (self.conflicts_tab, self.duplicates_tab):
            tab.changed.connect(self._on_changed)
            tab.open_requested.connect(self.open_requested.emit)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.setAccessibleName(self.tr("Sync and conflicts"))
        self.tabs.addTab(self.conflicts_tab, "")
        self.tabs.addTab(self.duplicates_tab, "")
        self.tabs.addTab(self.history_tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        # Looking for duplicates takes a second on 10,000 organisations: read the lists when
        # the page is shown, not when the window starts.
        self._stale = False
        self.invalidate()

    def invalidate(self) -> None:
        """The lists may be out of date: read them now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def set_workspace(self, workspace: Workspace) -> None:
        """Another database was opened."""
        self.workspace = workspace
        for tab in (self.conflicts_tab, self.duplicates_tab, self.history_tab):
            tab.workspace = workspace
            tab.status.clear_text()
        self.conflicts_tab.reader = ConflictReader(workspace)
        self.invalidate()

    def refresh(self) -> None:
        """Read conflicts, duplicates and history again; the counts go in the tab titles."""
        self._stale = False
        conflicts = self.conflicts_tab.reload()
        duplicates = self.duplicates_tab.reload()
        merges = self.history_tab.reload()
        self.tabs.setTabText(0, self.tr("&Conflicts ({n})").format(n=conflicts))
        self.tabs.setTabText(1, self.tr("Possible &duplicates ({n})").format(n=duplicates))
        self.tabs.setTabText(2, self.tr("&Merge history ({n})").format(n=merges))

    def show_tab(self, name: str) -> None:
        """Bring "conflicts", "duplicates" or "history" to the front."""
        self.tabs.setCurrentIndex(self.TABS.index(name))

    def conflict_count(self) -> int:
        return self.conflicts_tab.model.rowCount()

    def _on_changed(self) -> None:
        self.refresh()
        self.changed.emit()


__all__ = [
    "ConflictReader",
    "ConflictsTab",
    "DuplicatesTab",
    "HistoryTab",
    "SyncPage",
    "counts_text",
]
