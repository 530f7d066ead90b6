"""Each questionnaire as an XLSForm, so the same survey can be fielded with ODK Collect or
KoboToolbox, and their submissions imported back (``submissions.py``).

The form has the survey, choices and settings sheets pyxform reads. Labels are the
questionnaire's own texts, word for word. A check-all-that-apply item is a
``select_multiple`` (with ``or_other`` when it has an "Other" write-in, whose text pyxform
puts in ``<item>_other``); a 1-10 scale is a ``range`` with ``start=1 end=10 step=1`` and its
anchors as the hint; the identification item is a group of text fields. Before the items
come the organisation's name (unless the identification item asks for it already), the
interviewer and the mode, and two calculated fields naming the questionnaire and its
version, so an export of submissions says which questionnaire it answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctip_desktop.exchange.errors import ExchangeError
from ctip_desktop.exchange.wide import OTHER_CODE
from ctip_desktop.interviews.model import MODES
from ctip_desktop.questionnaires.model import Item, Questionnaire

SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "appearance",
    "parameters",
    "calculation",
)
CHOICE_COLUMNS = ("list_name", "name", "label")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "instance_name")

QUESTIONNAIRE_FIELD = "ctip_questionnaire"
VERSION_FIELD = "ctip_questionnaire_version"
ORGANISATION_FIELD = "organisation_name"
INTERVIEWER_FIELD = "interviewer"
MODE_FIELD = "mode"
MODE_LIST = "ctip_mode"
# Choice names may not hold spaces: the app's modes ("in person") get codes.
MODE_CODES = {mode: mode.replace(" ", "_") for mode in MODES}


@dataclass(frozen=True)
class SurveyRow:
    type: str
    name: str
    label: str = ""
    hint: str = ""
    required: str = ""
    appearance: str = ""
    parameters: str = ""
    calculation: str = ""

    def cells(self) -> list[str]:
        return [getattr(self, column) for column in SURVEY_COLUMNS]


def organisation_field(questionnaire: Questionnaire) -> tuple[str, ...]:
    """The path of the field naming the organisation in the form's submissions."""
    for item in questionnaire.items:
        if item.kind == "identification":
            for entry in item.fields:
                if entry.fill_from == "organisation.name":
                    return (item.id, entry.id)
    return (ORGANISATION_FIELD,)


def _scale_hint(item: Item) -> str:
    return "; ".join(f"{point} = {label}" for point, label in item.anchors)


def _item_rows(item: Item, choices: list[list[str]]) -> list[SurveyRow]:
    if item.kind == "identification":
        rows = [SurveyRow("begin_group", item.id, item.text, item.help)]
        for entry in item.fields:
            required = "yes" if entry.fill_from == "organisation.name" else ""
            rows.append(SurveyRow("text", entry.id, entry.label, required=required))
        rows.append(SurveyRow("end_group", item.id))
        return rows
    if item.kind in ("text", "note"):
        # A "note" here is the interviewer's notes, written down: an XLSForm note only shows.
        return [SurveyRow("text", item.id, item.text, item.help, appearance="multiline")]
    if item.kind == "scale":
        hint = "\n".join(part for part in (item.help, _scale_hint(item)) if part)
        return [
            SurveyRow(
                "range",
                item.id,
                item.text,
                hint,
                parameters=f"start={item.minimum} end={item.maximum} step=1",
            )
        ]
    for option in item.options:
        choices.append([item.id, option.id, option.label])
    kind = f"select_multiple {item.id}"
    if item.has_other:
        # Listed with the questionnaire's own label; pyxform adds none of its own then.
        choices.append([item.id, OTHER_CODE, item.other_label])
        kind += " or_other"
    return [SurveyRow(kind, item.id, item.text, item.help)]


def xlsform_sheets(questionnaire: Questionnaire) -> dict[str, list[list[Any]]]:
    """The form's sheets as rows of cells (header first): survey, choices, settings."""
    if any(o.id == OTHER_CODE for item in questionnaire.items for o in item.options):
        raise ExchangeError(
            f"{questionnaire.id} has an option named '{OTHER_CODE}', which ODK reserves for "
            "the write-in choice: it cannot be written as an XLSForm."
        )
    choices: list[list[str]] = [[MODE_LIST, MODE_CODES[mode], mode.capitalize()] for mode in MODES]
    survey = [
        SurveyRow("start", "start"),
        SurveyRow("end", "end"),
        SurveyRow("calculate", QUESTIONNAIRE_FIELD, calculation=f"'{questionnaire.id}'"),
        SurveyRow("calculate", VERSION_FIELD, calculation=str(questionnaire.version)),
    ]
    if organisation_field(questionnaire) == (ORGANISATION_FIELD,):
        survey.append(SurveyRow("text", ORGANISATION_FIELD, "Organisation name", required="yes"))
    survey.append(SurveyRow("text", INTERVIEWER_FIELD, "Interviewer", required="yes"))
    survey.append(SurveyRow(f"select_one {MODE_LIST}", MODE_FIELD, "Mode", required="yes"))
    for item in questionnaire.items:
        survey += _item_rows(item, choices)
    path = "/".join(organisation_field(questionnaire))
    settings = [
        questionnaire.title,
        questionnaire.id,
        str(questionnaire.version),
        f"concat(${{{path.rsplit('/', 1)[-1]}}}, ' ', ${{start}})",
    ]
    return {
        "survey": [list(SURVEY_COLUMNS), *(row.cells() for row in survey)],
        "choices": [list(CHOICE_COLUMNS), *choices],
        "settings": [list(SETTINGS_COLUMNS), settings],
    }


def write_xlsform(questionnaire: Questionnaire, path: Path | str) -> Path:
    """Write the questionnaire's XLSForm to ``path`` (.xlsx); return the path."""
    from openpyxl import Workbook

    path = Path(path)
    if path.is_dir():
        raise ExchangeError(f"{path} is a folder: give the name of the .xlsx file to write.")
    workbook = Workbook()
    first = True
    for title, rows in xlsform_sheets(questionnaire).items():
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(partial)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExchangeError(f"Could not write {path}: {error.strerror or error}.") from error
    return path
