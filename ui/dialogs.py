"""Short dialogs: settings, the first-run choice, About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop import APP_NAME, __version__
from ctip_desktop.logs import log_file
from ctip_desktop.questionnaires.model import Questionnaire
from ctip_desktop.settings import Settings

from ui.idle_lock import exec_dialog
from ui.translation import ui_languages


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.interviewer = QLineEdit(settings.interviewer_name)
        self.interviewer.setObjectName("interviewerName")
        self.interviewer.setPlaceholderText(self.tr("Your name, recorded with what you write"))
        device = QLabel(settings.device_id)
        device.setToolTip(self.tr("This laptop's id: it tells merged changes apart."))
        self.ui_language = QComboBox()
        self.ui_language.setObjectName("uiLanguage")
        self.ui_language.addItem(self.tr("The system's language"), "")
        for code, name in ui_languages():
            self.ui_language.addItem(name, code)
        self.ui_language.setCurrentIndex(max(self.ui_language.findData(settings.ui_language), 0))
        language_note = QLabel(self.tr("A new language applies when the app next starts."))
        language_note.setObjectName("uiLanguageNote")
        language_note.setEnabled(False)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setAccessibleName(self.tr("Lock after minutes of inactivity"))
        self.lock_minutes.setRange(0, 480)
        self.lock_minutes.setSpecialValueText(self.tr("Never"))
        self.lock_minutes.setValue(settings.lock_minutes)
        lock_note = QLabel(
            self.tr("Only a database protected by a passphrase locks; its passphrase unlocks it.")
        )
        lock_note.setWordWrap(True)
        lock_note.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("&Interviewer name"), self.interviewer)
        form.addRow(self.tr("&Language of the window"), self.ui_language)
        form.addRow("", language_note)
        form.addRow(self.tr("Lock after (&minutes) of inactivity"), self.lock_minutes)
        form.addRow("", lock_note)
        form.addRow(self.tr("This device"), device)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.interviewer_name = " ".join(self.interviewer.text().split())
        self.settings.ui_language = self.ui_language.currentData()
        self.settings.lock_minutes = self.lock_minutes.value()
        self.settings.save()
        super().accept()


class FirstRunDialog(QDialog):
    """Shown once: start with an empty database or with fictional demo organisations."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        intro = QLabel(
            self.tr(
                "Keep short profiles of the companies you plan to interview: what they do, "
                "where they operate, their fair-labour investments and partnerships, and a "
                "quick scan of media headlines."
            )
        )
        intro.setWordWrap(True)
        self.interviewer = QLineEdit(settings.interviewer_name)
        self.interviewer.setObjectName("interviewerName")
        self.empty = QRadioButton(self.tr("Start with an &empty database"))
        self.empty.setObjectName("startEmpty")
        self.demo = QRadioButton(self.tr("Start with &demo data (50 fictional organisations)"))
        self.demo.setObjectName("startDemo")
        self.empty.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.empty)
        group.addButton(self.demo)
        form = QFormLayout()
        form.addRow(self.tr("Your &name (interviewer)"), self.interviewer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        layout.addWidget(self.demo)
        layout.addWidget(buttons)
        self.settings = settings

    def accept(self) -> None:
        self.settings.interviewer_name = " ".join(self.interviewer.text().split())
        self.settings.first_run_done = True
        self.settings.save()
        super().accept()

    @property
    def wants_demo(self) -> bool:
        return self.demo.isChecked()


def show_about(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    # Not box.tr(): its context would be QMessageBox at run time but "box" in the template.
    box.setWindowTitle(QCoreApplication.translate("About", "About {app}").format(app=APP_NAME))
    box.setText(
        QCoreApplication.translate(
            "About",
            "<b>{app}</b> {version}<br><br>Organisational profiles and outreach interviews for "
            "counter-trafficking (CTIP) organisations working with the private sector, based on "
            "the USAID Asia CTIP <i>Private Sector Outreach Tool</i>.<br><br>"
            "Bundled fonts: Noto Sans Thai, Khmer and Myanmar (SIL Open Font License 1.1)."
            "<br>Log file: {log}",
        ).format(app=APP_NAME, version=__version__, log=log_file())
    )
    box.setObjectName("aboutBox")
    box.show()
    return box


class QuestionnaireDialog(QDialog):
    """Which questionnaire to conduct: arrow keys and Enter, or a double click."""

    def __init__(
        self, choices: list[Questionnaire], default_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New interview"))
        self.choices = choices
        self.list = QListWidget()
        self.list.setObjectName("questionnaireChoice")
        for questionnaire in choices:
            entry = QListWidgetItem(f"{questionnaire.short_title}\n{questionnaire.summary}".strip())
            entry.setToolTip(questionnaire.source)
            self.list.addItem(entry)
        ids = [q.id for q in choices]
        self.list.setCurrentRow(ids.index(default_id) if default_id in ids else 0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which questionnaire will you use?")))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> Questionnaire | None:
        row = self.list.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None


def choose_questionnaire(
    parent: QWidget | None, choices: list[Questionnaire], default_id: str
) -> Questionnaire | None:
    """Ask which questionnaire to use (None when cancelled). Tests replace this function."""
    dialog = QuestionnaireDialog(choices, default_id, parent)
    return dialog.chosen() if exec_dialog(dialog) else None
