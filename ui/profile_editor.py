"""The organisational profile form, with its contacts and media headlines."""

from __future__ import annotations

import dataclasses
import html
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.profiles.model import VOCABULARY, Contact, Headline, Organisation
from ctip_desktop.profiles.repository import ProfileStore

from ui import style
from ui.record_table import ChoiceDelegate, RecordTableModel


class ChoiceList(QWidget):
    """Tick any of a list of choices, or add one of your own."""

    changed = Signal()

    def __init__(
        self, choices: list[str], placeholder: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choices = choices
        self.list = QListWidget()
        # The list and the field for one's own choice are read out under the row's name.
        self.list.setAccessibleName(name)
        self.list.setMaximumHeight(130)
        self.other = QLineEdit()
        self.other.setPlaceholderText(placeholder)
        self.other.setAccessibleName(placeholder.rstrip("…"))
        self.other.returnPressed.connect(self.on_add_other)
        add = QPushButton(self.tr("Add"))
        add.setAutoDefault(False)
        add.clicked.connect(self.on_add_other)
        row = QHBoxLayout()
        row.addWidget(self.other)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.set_value([])

    def _add_item(self, text: str, checked: bool) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def set_value(self, values: list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        # Ticked entries first, so what applies is visible without scrolling.
        for value in values:
            self._add_item(value, True)
        for choice in self.choices:
            if choice not in values:
                self._add_item(choice, False)
        self.list.blockSignals(False)

    def value(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    def on_add_other(self) -> None:
        text = " ".join(self.other.text().split())
        if not text:
            return
        matches = self.list.findItems(text, Qt.MatchFlag.MatchFixedString)
        if matches:
            matches[0].setCheckState(Qt.CheckState.Checked)
        else:
            self._add_item(text, True)
            self.changed.emit()
        self.other.clear()


def _combo(choices: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.addItems(["", *choices])
    return combo


def _text_edit(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class ProfileEditor(QWidget):
    """Edit one organisation; nothing is written until Save (Ctrl+S)."""

    saved = Signal(str)
    dirty_changed = Signal(bool)
    open_requested = Signal(str)

    def __init__(self, store: ProfileStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._loaded = Organisation()
        self._loaded_clean = Organisation()
        self._dirty = False
        self._loading = False

        self.title = QLabel()
        self.title.setObjectName("profileTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.completeness = QLabel()
        self.completeness.setObjectName("completeness")
        self.completeness.setWordWrap(True)
        self.similar = QLabel()
        self.similar.setObjectName("similarWarning")
        self.similar.setWordWrap(True)
        self.similar.setTextFormat(Qt.TextFormat.RichText)
        self.similar.linkActivated.connect(self.open_requested.emit)
        self.similar.hide()
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        style.show_as_problem(self.problems)
        self.problems.hide()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Profile sections"))
        self.tabs.addTab(self._build_profile_tab(), self.tr("&Profile"))
        self.tabs.addTab(self._build_contacts_tab(), self.tr("&Contacts"))
        self.tabs.addTab(self._build_headlines_tab(), self.tr("&Media headlines"))

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.completeness)
        layout.addWidget(self.similar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(250)
        self._similar_timer.timeout.connect(self.on_check_similar)
        self.load(Organisation())

    # ----- building ----------------------------------------------------------------------

    def _build_profile_tab(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("Required"))
        self.other_names = _text_edit(50)
        self.other_names.setObjectName("otherNames")
        self.other_names.setPlaceholderText(
            self.tr("One per line: name in local script, former names")
        )
        self.description = _text_edit()
        self.description.setObjectName("description")
        self.description.setPlaceholderText(self.tr("What the company does"))
        self.sectors = ChoiceList(
            VOCABULARY["sectors"], self.tr("Another sector…"), self.tr("Sectors")
        )
        self.countries = ChoiceList(
            VOCABULARY["countries"], self.tr("Another country…"), self.tr("Countries")
        )
        self.places = QLineEdit()
        self.places.setObjectName("places")
        self.places.setPlaceholderText(self.tr("Provinces, cities, sites"))
        self.role = _combo(VOCABULARY["supply_chain_roles"])
        self.size_band = _combo(VOCABULARY["size_bands"])
        self.website = QLineEdit()
        self.website.setObjectName("website")
        self.fair_labour = _text_edit()
        self.fair_labour.setObjectName("fairLabour")
        self.memberships = ChoiceList(
            VOCABULARY["memberships"], self.tr("Another initiative…"), self.tr("Memberships")
        )
        self.stage = _combo(VOCABULARY["stages"])
        self.stage.setObjectName("stage")
        self.tags = QLineEdit()
        self.tags.setObjectName("tags")
        self.tags.setPlaceholderText(self.tr("Comma-separated"))
        self.media_scan_date = QLineEdit()
        self.media_scan_date.setObjectName("mediaScanDate")
        self.media_scan_date.setAccessibleName(self.tr("Media scan done on"))
        self.media_scan_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        today = QPushButton(self.tr("Today"))
        today.setAutoDefault(False)
        today.clicked.connect(lambda: self.media_scan_date.setText(date.today().isoformat()))
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.media_scan_date)
        scan_row.addWidget(today)
        self.notes = _text_edit(90)
        self.notes.setObjectName("notes")

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Other names"), self.other_names)
        form.addRow(self.tr("What it &does"), self.description)
        form.addRow(self.tr("Sectors"), self.sectors)
        form.addRow(self.tr("Countries"), self.countries)
        form.addRow(self.tr("&Places of operation"), self.places)
        form.addRow(self.tr("Supply-chain &role"), self.role)
        form.addRow(self.tr("Si&ze"), self.size_band)
        form.addRow(self.tr("&Website"), self.website)
        form.addRow(self.tr("&Fair labour investments\nand partnerships"), self.fair_labour)
        form.addRow(self.tr("Memberships and\ninitiatives"), self.memberships)
        form.addRow(self.tr("Relationship s&tage"), self.stage)
        form.addRow(self.tr("T&ags"), self.tags)
        form.addRow(self.tr("Media scan &done on"), scan_row)
        form.addRow(self.tr("N&otes"), self.notes)

        for line in (self.name, self.places, self.website, self.tags, self.media_scan_date):
            line.textChanged.connect(self.on_changed)
        for text in (self.other_names, self.description, self.fair_labour, self.notes):
            text.textChanged.connect(self.on_changed)
        for combo in (self.role, self.size_band, self.stage):
            combo.currentIndexChanged.connect(self.on_changed)
        for choice in (self.sectors, self.countries, self.memberships):
            choice.changed.connect(self.on_changed)
        self.name.textEdited.connect(lambda _text: self._similar_timer.start())

        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Profile"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _table_tab(
        self,
        model: RecordTableModel,
        name: str,
        add_text: str,
        remove_text: str,
        title: str,
    ) -> tuple[QWidget, QTableView]:
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(title)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()
        add = QPushButton(add_text)
        add.setObjectName(name + "Add")
        remove = QPushButton(remove_text)
        remove.setObjectName(name + "Remove")

        def on_add() -> None:
            row = model.add_record()
            first_text_column = next(
                c for c in range(model.columnCount()) if not model._is_check(c)
            )
            index = model.index(row, first_text_column)
            view.setCurrentIndex(index)
            view.edit(index)

        def on_remove() -> None:
            rows = sorted({i.row() for i in view.selectionModel().selectedIndexes()}, reverse=True)
            if not rows and view.currentIndex().isValid():
                rows = [view.currentIndex().row()]
            for row in rows:
                model.remove_record(row)

        add.clicked.connect(on_add)
        remove.clicked.connect(on_remove)
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.on_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        return page, view

    def _build_contacts_tab(self) -> QWidget:
        self.contacts_model: RecordTableModel[Contact] = RecordTableModel(
            [
                ("primary", self.tr("Primary")),
                ("name", self.tr("Name")),
                ("role", self.tr("Role")),
                ("email", self.tr("Email")),
                ("phone", self.tr("Phone")),
                ("notes", self.tr("Notes")),
            ],
            Contact,
            exclusive_check="primary",
        )
        page, self.contacts_view = self._table_tab(
            self.contacts_model,
            "contacts",
            self.tr("Add contact"),
            self.tr("Remove contact"),
            self.tr("Contacts"),
        )
        for column, width in enumerate((60, 200, 160, 200, 140)):
            self.contacts_view.setColumnWidth(column, width)
        return page

    def _build_headlines_tab(self) -> QWidget:
        self.headlines_model: RecordTableModel[Headline] = RecordTableModel(
            [
                ("headline", self.tr("Headline")),
                ("date", self.tr("Date")),
                ("source", self.tr("Source")),
                ("tone", self.tr("Tone")),
                ("link", self.tr("Link")),
                ("note", self.tr("Note")),
            ],
            Headline,
        )
        page, self.headlines_view = self._table_tab(
            self.headlines_model,
            "headlines",
            self.tr("Add headline"),
            self.tr("Remove headline"),
            self.tr("Media headlines"),
        )
        self.headlines_view.setItemDelegateForColumn(
            3, ChoiceDelegate(VOCABULARY["tones"], self.headlines_view)
        )
        for column, width in enumerate((380, 95, 150, 80, 160)):
            self.headlines_view.setColumnWidth(column, width)
        return page

    # ----- state -------------------------------------------------------------------------

    def load(self, org: Organisation) -> None:
        self._loading = True
        self._loaded = org
        self._loaded_clean = org.cleaned()
        self.name.setText(org.name)
        self.other_names.setPlainText("\n".join(org.other_names))
        self.description.setPlainText(org.description)
        self.sectors.set_value(org.sectors)
        self.countries.set_value(org.countries)
        self.places.setText(org.places)
        self.role.setCurrentText(org.supply_chain_role)
        self.size_band.setCurrentText(org.size_band)
        self.website.setText(org.website)
        self.fair_labour.setPlainText(org.fair_labour_investments)
        self.memberships.set_value(org.memberships)
        self.stage.setCurrentText(org.stage)
        self.tags.setText(", ".join(org.tags))
        self.media_scan_date.setText(org.media_scan_date)
        self.notes.setPlainText(org.notes)
        self.contacts_model.set_records(org.contacts)
        self.headlines_model.set_records(org.headlines)
        self._loading = False
        self.problems.hide()
        self.similar.hide()
        self._set_dirty(False)
        self._update_header()

    def current(self) -> Organisation:
        """The organisation as the form shows it now (not yet validated)."""
        return dataclasses.replace(
            self._loaded,
            name=self.name.text(),
            other_names=[line for line in self.other_names.toPlainText().splitlines()],
            description=self.description.toPlainText(),
            sectors=self.sectors.value(),
            countries=self.countries.value(),
            places=self.places.text(),
            supply_chain_role=self.role.currentText(),
            size_band=self.size_band.currentText(),
            website=self.website.text(),
            fair_labour_investments=self.fair_labour.toPlainText(),
            memberships=self.memberships.value(),
            stage=self.stage.currentText(),
            tags=[t for t in self.tags.text().split(",")],
            media_scan_date=self.media_scan_date.text(),
            notes=self.notes.toPlainText(),
            contacts=[dataclasses.replace(c) for c in self.contacts_model.records],
            headlines=[dataclasses.replace(h) for h in self.headlines_model.records],
        )

    @property
    def org_id(self) -> str:
        return self._loaded.id

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self.save_button.setEnabled(dirty or not self._loaded.id)
        self.revert_button.setEnabled(dirty)

    def on_changed(self) -> None:
        if self._loading:
            return
        # Once per keystroke: read the form once, compare with the profile as loaded.
        shown = self.current().cleaned()
        self._set_dirty(shown != self._loaded_clean)
        self._update_header(shown)

    def _update_header(self, shown: Organisation | None = None) -> None:
        org = shown if shown is not None else self.current().cleaned()
        self.title.setText(org.name or (self.tr("New organisation") if not org.id else ""))
        completeness = org.completeness()
        if completeness.missing:
            missing = "; ".join(self.tr(m) for m in completeness.missing)
            text = self.tr("Homework {done}: still missing: {missing}").format(
                done=completeness.summary, missing=missing
            )
        else:
            text = self.tr("Homework {done}: the profile covers all four elements.").format(
                done=completeness.summary
            )
        self.completeness.setText(text)

    def shutdown(self) -> None:
        """Stop pending work before the database closes."""
        self._similar_timer.stop()

    def on_check_similar(self) -> None:
        similar = self.store.similar_names(self.name.text(), exclude=self._loaded.id)
        if not similar:
            self.similar.hide()
            return
        links = ", ".join(f'<a href="{s.id}">{html.escape(s.name)}</a>' for s in similar[:3])
        self.similar.setText(
            self.tr("This name looks like an organisation you already have: {links}").format(
                links=links
            )
        )
        self.similar.show()

    # ----- actions -----------------------------------------------------------------------

    def save(self) -> bool:
        """Validate and save; on problems show them beside the form and write nothing."""
        org = self.current()
        problems = org.cleaned().problems()
        if problems:
            self.problems.setText("\n".join(p.message for p in problems))
            self.problems.show()
            field = problems[0].field
            if field.startswith("contacts"):
                self.tabs.setCurrentIndex(1)
            elif field.startswith("headlines"):
                self.tabs.setCurrentIndex(2)
            else:
                self.tabs.setCurrentIndex(0)
                widget = self.findChild(QWidget, _FIELD_WIDGETS.get(field, "name"))
                if widget is not None:
                    widget.setFocus()
            return False
        org_id = self.store.save(org)
        saved = self.store.get(org_id)
        assert saved is not None
        self.load(saved)
        self.saved.emit(org_id)
        return True

    def revert(self) -> None:
        self.load(self._loaded)


_FIELD_WIDGETS = {
    "name": "name",
    "website": "website",
    "media_scan_date": "mediaScanDate",
    "notes": "notes",
    "description": "description",
    "stage": "stage",
}
