"""Every menu and toolbar action of the main window, declared once with its shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


def tr(text: str) -> str:
    # pyside6-lupdate files a plain tr("…") call under the empty context: look it up there.
    return QCoreApplication.translate("", text)


@dataclass
class Actions:
    new_database: QAction
    open_database: QAction
    new_organisation: QAction
    save: QAction
    delete: QAction
    settings: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    about: QAction
    new_interview: QAction
    export_pdf: QAction
    merge_database: QAction
    export_for_sync: QAction
    export_data: QAction
    export_xlsform: QAction
    import_data: QAction
    restore_backup: QAction
    protect_database: QAction
    change_passphrase: QAction
    remove_passphrase: QAction
    show_organisations: QAction
    show_interviews: QAction
    show_follow_ups: QAction
    show_portfolio: QAction
    show_sync: QAction
    show_analysis: QAction


def build_actions(parent: QObject) -> Actions:
    def make(name: str, text: str, shortcut: QKeySequence | str | None, tip: str) -> QAction:
        action = QAction(text, parent)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        return action

    keys = QKeySequence.StandardKey
    return Actions(
        new_database=make(
            "newDatabase", tr("New &database…"), None, tr("Create a new, empty database file")
        ),
        open_database=make(
            "openDatabase", tr("&Open database…"), keys.Open, tr("Open another database file")
        ),
        new_organisation=make(
            "newOrganisation", tr("&New organisation"), keys.New, tr("Start a new profile")
        ),
        save=make("save", tr("&Save"), keys.Save, tr("Save the profile")),
        delete=make(
            "delete", tr("&Delete organisation"), keys.Delete, tr("Delete the selected profile")
        ),
        settings=make("settings", tr("&Settings…"), "Ctrl+,", tr("Interviewer name")),
        quit=make("quit", tr("&Quit"), keys.Quit, tr("Close the app")),
        undo=make("undo", tr("&Undo"), keys.Undo, tr("Undo the last change")),
        redo=make("redo", tr("&Redo"), keys.Redo, tr("Redo what was undone")),
        find=make("find", tr("&Find"), keys.Find, tr("Search names, notes and headlines")),
        about=make("about", tr("&About CTIP Outreach Desk"), None, tr("Version and licences")),
        new_interview=make(
            "newInterview",
            tr("New &interview…"),
            "Ctrl+I",
            tr("Interview the selected organisation with one of the outreach surveys"),
        ),
        export_pdf=make(
            "exportPdf",
            tr("&Export PDF…"),
            "Ctrl+E",
            tr("Briefing packs, partner profiles or a portfolio report as PDF"),
        ),
        merge_database=make(
            "mergeDatabase",
            tr("&Merge database…"),
            "Ctrl+Shift+M",
            tr("Bring in the records of a database file from another laptop"),
        ),
        export_for_sync=make(
            "exportForSync",
            tr("Export for s&ync…"),
            None,
            tr("Write a copy of this database for a colleague or the coordinator"),
        ),
        export_data=make(
            "exportData",
            tr("Export &data…"),
            None,
            tr("Everything as XLSX, CSV files or a lossless JSON archive"),
        ),
        export_xlsform=make(
            "exportXlsform",
            tr("Export questionnaire as &XLSForm…"),
            None,
            tr("A questionnaire as an XLSForm, to field it with ODK Collect or KoboToolbox"),
        ),
        import_data=make(
            "importData",
            tr("&Import…"),
            None,
            tr("A JSON archive, organisations from CSV or XLSX, or ODK/Kobo submissions"),
        ),
        restore_backup=make(
            "restoreBackup",
            tr("&Restore from backup…"),
            None,
            tr("Put one of this database's backups in its place (what each holds is shown)"),
        ),
        protect_database=make(
            "protectDatabase",
            tr("&Protect with a passphrase…"),
            None,
            tr("Encrypt this database: it opens only with the passphrase"),
        ),
        change_passphrase=make(
            "changePassphrase",
            tr("C&hange passphrase…"),
            None,
            tr("Encrypt this database again under a new passphrase"),
        ),
        remove_passphrase=make(
            "removePassphrase",
            tr("Remo&ve passphrase…"),
            None,
            tr("Make this database a plain, unencrypted file again"),
        ),
        show_organisations=make(
            "showOrganisations", tr("&Organisations"), "Ctrl+1", tr("Organisational profiles")
        ),
        show_interviews=make(
            "showInterviews", tr("&Interviews"), "Ctrl+2", tr("All interviews, with filters")
        ),
        show_follow_ups=make(
            "showFollowUps", tr("&Follow-ups"), "Ctrl+3", tr("Follow-ups due across organisations")
        ),
        show_sync=make(
            "showSync",
            tr("&Sync and conflicts"),
            "Ctrl+5",
            tr("Conflicts to decide, possible duplicates, merge history"),
        ),
        show_portfolio=make(
            "showPortfolio",
            tr("&Portfolio"),
            "Ctrl+4",
            tr("Interviewed organisations by need against openness"),
        ),
        show_analysis=make(
            "showAnalysis",
            tr("&Analysis"),
            "Ctrl+6",
            tr("Scales, ticks, write-ins and change over time across filtered interviews"),
        ),
    )
