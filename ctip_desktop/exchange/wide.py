"""The wide layout ODK and KoboToolbox users know: one row per interview, one column per item.

Column names follow KoboToolbox's "XML values and headers" export (ODK Central's is the same
with ``-`` for ``/``): an item's id; a group's fields as ``group/field`` (the identification
item is a group in the XLSForm); a select_multiple as its space-separated choice codes, then
one ``item/option`` column per choice holding 1 or 0 (empty when the item was not answered),
``item/other`` for the write-in choice and ``item_other`` for its text, as pyxform names the
field ``or_other`` adds. Every column also has a label, taken word for word from the
questionnaire. The labels table (Kobo's "labels" export) has one column per item, its answer
written out ("Sick; Other: Floods", "7 (Not at all)"); the 1/0 columns stay with the codes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ctip_desktop.interviews.model import REVIEW_LABELS
from ctip_desktop.questionnaires.answers import answer_text, is_answered
from ctip_desktop.questionnaires.model import Item, Questionnaire

# (column, label) of what the app records about each interview, before the items.
META_COLUMNS: tuple[tuple[str, str], ...] = (
    ("interview_uuid", "Interview UUID"),
    ("org_id", "Organisation ID"),
    ("org_name", "Organisation"),
    ("questionnaire_id", "Questionnaire"),
    ("questionnaire_version", "Questionnaire version"),
    ("status", "Status"),
    ("review_state", "Review"),
    ("interviewer", "Interviewer"),
    ("started_at", "Date and time"),
    ("mode", "Mode"),
    ("place", "Place"),
    ("language", "Language"),
    ("completed_at", "Completed at"),
    ("updated_at", "Last changed"),
)
META_NAMES = tuple(name for name, _ in META_COLUMNS)
# The SQL that reads the meta columns, in the same order (``o`` is the organisation).
META_SQL = (
    "i.id, i.org_id, o.name, i.questionnaire_id, i.questionnaire_version, i.status, "
    "i.review_state, i.interviewer, i.started_at, i.mode, i.place, i.language, "
    "i.completed_at, i.updated_at"
)
_REVIEW_INDEX = META_NAMES.index("review_state")
_STATUS_INDEX = META_NAMES.index("status")

OTHER_CODE = "other"  # pyxform's name for the write-in choice of ``or_other``


def other_text_column(item_id: str) -> str:
    """The column (and XLSForm field) holding the "Other" text: pyxform's ``<name>_other``."""
    return f"{item_id}_other"


@dataclass(frozen=True)
class WideColumn:
    name: str
    label: str
    item_id: str
    # Of the item's answer: the code and the label of this column's cell.
    code: Callable[[Any], Any]
    text: Callable[[Any], Any]
    number: str = ""
    question: str = ""
    option: str = ""
    # The labels table has one column per item: its choices' 1/0 columns stay in the codes.
    in_labels: bool = True


def _flag(present: bool, answered: bool) -> int | str:
    return (1 if present else 0) if answered else ""


def _multi_columns(item: Item) -> list[WideColumn]:
    title = f"{item.number}. {item.text}"

    def codes(value: Any) -> str:
        if not is_answered(item, value):
            return ""
        chosen = list(value.get("selected", []))
        if value.get("other"):
            chosen.append(OTHER_CODE)
        return " ".join(chosen)

    columns = [
        WideColumn(
            item.id, title, item.id, codes, lambda v: answer_text(item, v), item.number, item.text
        )
    ]
    for option in item.options:

        def chosen(value: Any, option_id: str = option.id) -> int | str:
            answered = is_answered(item, value)
            return _flag(answered and option_id in value.get("selected", []), answered)

        columns.append(
            WideColumn(
                f"{item.id}/{option.id}",
                f"{title} / {option.label}",
                item.id,
                chosen,
                chosen,
                item.number,
                item.text,
                option.label,
                in_labels=False,
            )
        )
    if item.has_other:

        def other(value: Any) -> int | str:
            answered = is_answered(item, value)
            return _flag(answered and bool(value.get("other")), answered)

        def other_text(value: Any) -> str:
            if not is_answered(item, value) or not value.get("other"):
                return ""
            return str(value.get("other_text", ""))

        columns.append(
            WideColumn(
                f"{item.id}/{OTHER_CODE}",
                f"{title} / {item.other_label}",
                item.id,
                other,
                other,
                item.number,
                item.text,
                item.other_label,
                in_labels=False,
            )
        )
        columns.append(
            WideColumn(
                other_text_column(item.id),
                f"{title} / {item.other_label}: text",
                item.id,
                other_text,
                other_text,
                item.number,
                item.text,
                item.other_label,
                in_labels=False,
            )
        )
    return columns


def item_columns(item: Item) -> list[WideColumn]:
    """The columns of one item, in the order an ODK or Kobo export puts them."""
    title = f"{item.number}. {item.text}"
    if item.kind == "multi":
        return _multi_columns(item)
    if item.kind == "identification":
        columns = []
        for entry in item.fields:

            def field_value(value: Any, field_id: str = entry.id) -> str:
                return str(value.get(field_id, "")) if isinstance(value, dict) else ""

            columns.append(
                WideColumn(
                    f"{item.id}/{entry.id}",
                    f"{item.number}. {entry.label}",
                    item.id,
                    field_value,
                    field_value,
                    item.number,
                    item.text,
                    entry.label,
                )
            )
        return columns
    if item.kind == "scale":

        def scale(value: Any) -> Any:
            return value if isinstance(value, int) else ""

        return [
            WideColumn(
                item.id,
                title,
                item.id,
                scale,
                lambda v: answer_text(item, v),
                item.number,
                item.text,
            )
        ]

    def text(value: Any) -> str:
        return value if isinstance(value, str) else ""

    return [WideColumn(item.id, title, item.id, text, text, item.number, item.text)]


@dataclass(frozen=True)
class WideLayout:
    """The columns of one questionnaire's interviews (all its versions in the database)."""

    questionnaire_id: str
    title: str
    columns: tuple[WideColumn, ...]

    @property
    def names(self) -> list[str]:
        return [*META_NAMES, *(c.name for c in self.columns)]

    @property
    def labels(self) -> list[str]:
        """The header of the labels table (one column per item, not per choice)."""
        return [label for _, label in META_COLUMNS] + [c.label for c in self.columns if c.in_labels]

    def rows(self, meta: Sequence[Any], answers: dict[str, str]) -> tuple[list[Any], list[Any]]:
        """The codes row and the labels row of one interview.

        ``answers`` maps item ids to the stored JSON of each answer (decoded here, once).
        """
        decoded: dict[str, Any] = {}
        codes = list(meta)
        if codes[2] is None:
            codes[2] = ""
        labels = list(codes)
        labels[_STATUS_INDEX] = str(codes[_STATUS_INDEX]).capitalize()
        labels[_REVIEW_INDEX] = REVIEW_LABELS.get(codes[_REVIEW_INDEX], codes[_REVIEW_INDEX])
        for column in self.columns:
            item_id = column.item_id
            if item_id in decoded:
                value = decoded[item_id]
            else:
                raw = answers.get(item_id)
                value = decoded[item_id] = json.loads(raw) if raw is not None else None
            if value is None:
                codes.append("")
                if column.in_labels:
                    labels.append("")
                continue
            codes.append(column.code(value))
            if column.in_labels:
                labels.append(column.text(value))
        return codes, labels


def wide_layout(questionnaires: Sequence[Questionnaire]) -> WideLayout:
    """One layout for several versions of a questionnaire: the newest version's items in
    its order, then items only older versions had."""
    ordered = sorted(questionnaires, key=lambda q: -q.version)
    newest = ordered[0]
    seen: set[str] = set()
    columns: list[WideColumn] = []
    for questionnaire in ordered:
        for item in questionnaire.items:
            if item.id in seen:
                continue
            seen.add(item.id)
            columns += item_columns(item)
    return WideLayout(newest.id, newest.short_title, tuple(columns))
