"""Importing submissions of a questionnaire's XLSForm, exported as CSV (or XLSX) by ODK
Central, ODK Briefcase or KoboToolbox ("XML values and headers"), as completed interviews.

Columns are found by field name, with or without their group (``identification/organisation``
from Kobo, ``identification-organisation`` from ODK Central); a select_multiple is read from
its space-separated codes (or, failing that, its 1/0 columns). The organisation is matched by
its name (or one of its other names), ignoring case, then punctuation and legal forms
(``names.py``): a row naming no organisation (the closest name is suggested), or one that
several share, is reported and skipped, never given an invented organisation. The
submission's permanent id (ODK Central's ``KEY``, ``meta/rootUuid``, Kobo's ``_uuid``, else
``meta/instanceID``) becomes the interview's id, so importing the same export twice, or on two
laptops, gives the same interview once; a submission edited since it was imported (a new
``meta/instanceID``, other answers) becomes a correction of that interview, with the reason.
Each row is checked as the interview wizard checks an interview before completing it
(``InterviewStore.completed_problems``); the accepted rows are written in one transaction,
as one undoable action.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ctip_desktop.exchange.errors import ExchangeError
from ctip_desktop.exchange.names import OrganisationNames
from ctip_desktop.exchange.tables import Table, TableRow, read_table
from ctip_desktop.exchange.wide import OTHER_CODE, other_text_column
from ctip_desktop.exchange.xlsform import (
    INTERVIEWER_FIELD,
    MODE_CODES,
    MODE_FIELD,
    QUESTIONNAIRE_FIELD,
    VERSION_FIELD,
    organisation_field,
)
from ctip_desktop.interviews.model import (
    APPROVED,
    EDITED,
    HAS_ISSUES,
    InterviewDetails,
    InterviewError,
)
from ctip_desktop.interviews.repository import CompletedInterview
from ctip_desktop.questionnaires.answers import AnswerError, checked_answer
from ctip_desktop.questionnaires.model import Item, Questionnaire
from ctip_desktop.storage.entities import INTERVIEW
from ctip_desktop.workspace import Workspace

# The submission's permanent id first: ODK Central's KEY and meta/rootUuid (KoboToolbox's
# too) stay the first version's instance id when the submission is edited, and so does
# KoboToolbox's _uuid, whereas meta/instanceID is new for each edit (ODK's rule: an edit is a
# new version, meta/deprecatedID naming the one it replaces). meta/instanceID names the
# version.
INSTANCE_COLUMNS = (
    ("KEY",),
    ("meta", "rootUuid"),
    ("_uuid",),
    ("meta", "instanceID"),
    ("instanceID",),
)
VERSION_COLUMNS = (("meta", "instanceID"), ("instanceID",))
SUBMITTED_COLUMNS = (("SubmissionDate",), ("_submission_time",))
SUBMITTER_COLUMNS = (("SubmitterName",), ("username",), ("_submitted_by",))
_REVIEW_STATES = {
    "approved": APPROVED,
    "hasissues": HAS_ISSUES,
    "rejected": HAS_ISSUES,
    "edited": EDITED,
    "validation_status_approved": APPROVED,
    "validation_status_not_approved": HAS_ISSUES,
}
_MODES = {code: mode for mode, code in MODE_CODES.items()}
_WALL_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")
# Interviews imported from the same submission on two laptops get the same id.
_NAMESPACE = uuid.UUID("6f1c7a52-0d1e-4b8e-9a51-3c2f7e0b9d44")


def _segments(header: str) -> tuple[str, ...]:
    header = header.strip()
    if "/" in header:
        return tuple(part for part in header.split("/") if part)
    return tuple(part for part in header.split("-") if part)


class Columns:
    """Finds a field's column by its path, whatever group prefix and separator it has."""

    def __init__(self, headers: list[str]) -> None:
        self.headers = [_segments(h) for h in headers]
        self.exact = {h.strip(): i for i, h in enumerate(headers)}

    def find(self, *path: str) -> int:
        joined = "/".join(path)
        if joined in self.exact:
            return self.exact[joined]
        for index, segments in enumerate(self.headers):
            if segments[-len(path) :] == path:
                return index
        return -1

    def first(self, candidates: tuple[tuple[str, ...], ...]) -> int:
        for path in candidates:
            index = self.find(*path)
            if index >= 0:
                return index
        return -1


@dataclass
class SubmissionPlan:
    """What importing a file of submissions would do."""

    file_name: str
    questionnaire: Questionnaire
    # (row number, interview) of the submissions to keep as completed interviews.
    accepted: list[tuple[int, CompletedInterview]] = field(default_factory=list)
    # (row number, interview id) of submissions imported before: left as they are.
    unchanged: list[tuple[int, str]] = field(default_factory=list)
    # (row number, new version, reason) of submissions imported before and edited since
    # (in ODK Central or KoboToolbox): each becomes a correction of its interview.
    corrected: list[tuple[int, CompletedInterview, str]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class SubmissionImportResult:
    file_name: str
    questionnaire_id: str
    imported: list[str]
    unchanged: int
    rejected: list[tuple[int, str]]
    seconds: float
    corrected: int = 0

    def summary(self) -> str:
        return (
            f"{self.file_name}: {len(self.imported)} interview(s) imported, {self.corrected} "
            f"corrected (edited since they were imported), {self.unchanged} imported before "
            f"(unchanged), {len(self.rejected)} row(s) rejected."
        )


def looks_like_submissions(table: Table) -> bool:
    """Whether a table is an ODK/Kobo export of submissions (it has an instance id)."""
    return Columns(table.headers).first(INSTANCE_COLUMNS) >= 0


def _questionnaire_of(workspace: Workspace, table: Table, columns: Columns) -> Questionnaire:
    """The questionnaire the form's calculated fields name, else the one most of whose
    items have a column."""
    store = workspace.interviews
    named = columns.find(QUESTIONNAIRE_FIELD)
    questionnaire_id = table.rows[0].get(named).strip() if named >= 0 and table.rows else ""
    if questionnaire_id:
        version_column = columns.find(VERSION_FIELD)
        version_text = table.rows[0].get(version_column).strip() if version_column >= 0 else ""
        try:
            if version_text:
                return store.questionnaire(questionnaire_id, int(float(version_text)))
            return store.questionnaires.latest(questionnaire_id)
        except (KeyError, ValueError, InterviewError) as error:
            raise ExchangeError(
                f"{table.name} answers questionnaire {questionnaire_id} v{version_text}, which "
                "this app does not know. Nothing was imported."
            ) from error

    def has_column(item: Item) -> bool:
        if item.kind == "identification":
            return any(columns.find(item.id, f.id) >= 0 for f in item.fields)
        return columns.find(item.id) >= 0

    best: tuple[float, Questionnaire] | None = None
    for questionnaire in store.questionnaires.current():
        share = sum(map(has_column, questionnaire.items)) / len(questionnaire.items)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, questionnaire)
    if best is None:
        raise ExchangeError(
            f"{table.name} does not match a questionnaire of this app: its columns are not "
            "the fields of an XLSForm made with “ctip xlsform”. Export the submissions with "
            "XML values and headers (not labels). Nothing was imported."
        )
    return best[1]


def _instance_uuid(text: str) -> str | None:
    """The interview id a submission's instance id gives (None when there is none)."""
    text = text.strip()
    if not text:
        return None
    bare = text.removeprefix("uuid:").split("/", 1)[0].strip().lower()
    try:
        return str(uuid.UUID(bare))
    except ValueError:
        return str(uuid.uuid5(_NAMESPACE, text))


def _started_at(*texts: str) -> str:
    """The interview's local wall time, YYYY-MM-DDTHH:MM, from ODK's ``start`` (kept as the
    device wrote it) or the submission time."""
    for text in texts:
        found = _WALL_TIME.match(text.strip())
        if found:
            return f"{found.group(1)}T{found.group(2)}"
    return ""


def _instant(text: str) -> str:
    """A time as the app stores instants (UTC, ISO 8601 with Z); '' when unreadable."""
    text = text.strip()
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:  # Kobo's _submission_time is UTC without saying so
        moment = moment.replace(tzinfo=UTC)
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


class _RowError(ValueError):
    pass


def _answer(item: Item, row: TableRow, columns: Columns) -> Any:
    """The answer a row gives to one item, in the app's stored form (None if not given)."""
    if item.kind == "identification":
        found = {f.id: row.get(columns.find(item.id, f.id)).strip() for f in item.fields}
        return found if any(found.values()) else None
    column = columns.find(item.id)
    text = row.get(column).strip() if column >= 0 else ""
    if item.kind in ("text", "note"):
        return row.get(column) if column >= 0 and text else None
    if item.kind == "scale":
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise _RowError(f"{item.id}: {text!r} is not a number") from None
        if not number.is_integer():
            raise _RowError(f"{item.id}: {text} is not a whole number")
        return int(number)
    if column >= 0:
        codes = text.split()
    else:  # only the 1/0 columns were exported
        choices = [o.id for o in item.options] + ([OTHER_CODE] if item.has_other else [])
        codes = [c for c in choices if row.get(columns.find(item.id, c)).strip() in ("1", "True")]
    if not codes:
        return None
    known = {o.id for o in item.options}
    unknown = [c for c in codes if c not in known and not (c == OTHER_CODE and item.has_other)]
    if unknown:
        raise _RowError(
            f"{item.id}: {', '.join(repr(c) for c in unknown)} is not one of its choices "
            "(export with XML values, not labels)"
        )
    other_column = columns.find(other_text_column(item.id))
    other = OTHER_CODE in codes
    return {
        "selected": [c for c in codes if c != OTHER_CODE],
        "other": other,
        "other_text": row.get(other_column).strip() if other and other_column >= 0 else "",
    }


def plan_submissions(
    workspace: Workspace, path: Path | str, questionnaire: Questionnaire | None = None
) -> SubmissionPlan:
    """Read and check a file of submissions; write nothing."""
    table = read_table(path)
    columns = Columns(table.headers)
    instance_column = columns.first(INSTANCE_COLUMNS)
    if instance_column < 0:
        raise ExchangeError(
            f"{table.name} has no instance id column (meta/instanceID, KEY or _uuid): it is "
            "not an ODK or KoboToolbox export of submissions. Nothing was imported."
        )
    questionnaire = questionnaire or _questionnaire_of(workspace, table, columns)
    org_path = organisation_field(questionnaire)
    org_column = columns.find(*org_path)
    if org_column < 0:
        raise ExchangeError(
            f"{table.name} has no column {'/'.join(org_path)} naming the organisation: "
            "nothing was imported."
        )
    plan = SubmissionPlan(table.name, questionnaire, rejected=list(table.problems))
    store = workspace.interviews
    organisations = OrganisationNames(workspace)
    submitted = columns.first(SUBMITTED_COLUMNS)
    submitter = columns.first(SUBMITTER_COLUMNS)
    interviewer_column = columns.find(INTERVIEWER_FIELD)
    mode_column = columns.find(MODE_FIELD)
    review_column = columns.first((("ReviewState",), ("_validation_status",)))
    version_column = columns.first(VERSION_COLUMNS)
    ids: dict[str, int] = {}
    versions: dict[str, str] = {}
    for row in table.rows:
        instance = row.get(instance_column).strip()
        version = row.get(version_column).strip() if version_column >= 0 else ""
        interview_id = _instance_uuid(instance)
        if interview_id is None:
            plan.rejected.append((row.number, "no instance id"))
            continue
        if interview_id in ids:
            plan.rejected.append((row.number, f"the same submission as row {ids[interview_id]}"))
            continue
        ids[interview_id] = row.number
        org_name = " ".join(row.get(org_column).split())
        if not org_name:
            plan.rejected.append((row.number, "the organisation's name is empty"))
            continue
        matches = organisations.matches(org_name)
        if not matches:
            closest = organisations.closest(org_name)
            hint = f" (is it “{closest}”?)" if closest else ""
            plan.rejected.append(
                (
                    row.number,
                    f"no organisation named “{org_name}”{hint}: add it first, or correct "
                    "the name in the file",
                )
            )
            continue
        if len(matches) > 1:
            names = ", ".join(f"“{name}”" for _, name in matches)
            plan.rejected.append(
                (
                    row.number,
                    f"{len(matches)} organisations are named like “{org_name}” ({names}): "
                    "combine the duplicates first",
                )
            )
            continue
        try:
            answers = {}
            for item in questionnaire.items:
                value = _answer(item, row, columns)
                if value is not None:
                    answers[item.id] = checked_answer(item, value)
        except (_RowError, AnswerError) as error:
            plan.rejected.append((row.number, str(error)))
            continue
        submitted_at = row.get(submitted)
        started = _started_at(row.get(columns.find("start")), submitted_at)
        if not started:
            plan.rejected.append((row.number, "no start time or submission date"))
            continue
        interviewer = row.get(interviewer_column).strip() or row.get(submitter).strip()
        review = row.get(review_column).strip()
        seen_as = instance if not version or version == instance else f"{instance}, {version}"
        record = CompletedInterview(
            interview_id=interview_id,
            org_id=matches[0][0],
            questionnaire=questionnaire,
            interviewer=" ".join(interviewer.split()),
            details=InterviewDetails(
                started_at=started,
                mode=_MODES.get(row.get(mode_column).strip(), "other"),
                notes=f"Imported from {table.name} (submission {seen_as}).",
            ),
            answers=answers,
            completed_at=_instant(row.get(columns.find("end"))) or _instant(submitted_at),
            review_state=_REVIEW_STATES.get(review.replace(" ", "").casefold(), ""),
        )
        problems = store.completed_problems(record)
        if problems:
            plan.rejected.append((row.number, "; ".join(problems)))
            continue
        versions[interview_id] = version
        plan.accepted.append((row.number, record))
    known = workspace.log.entities_of([record.interview_id for _, record in plan.accepted])
    kept = []
    for number, record in plan.accepted:
        entity = known.get(record.interview_id)
        if entity == INTERVIEW.name:
            reason = _edited(workspace, record, versions[record.interview_id], table.name)
            if reason:
                plan.corrected.append((number, record, reason))
            else:
                plan.unchanged.append((number, record.interview_id))
        elif entity is not None:
            plan.rejected.append((number, f"its instance id names a {entity} in this database"))
        else:
            kept.append((number, record))
    plan.accepted = kept
    plan.rejected.sort()
    return plan


def _edited(workspace: Workspace, record: CompletedInterview, version: str, file: str) -> str:
    """The reason for correcting the interview a submission was imported as, when the
    submission was edited since in ODK Central or KoboToolbox ('' when not).

    A version already imported, or already taken as a correction, is not compared again:
    what was corrected in this app since then stays as it is.
    """
    existing = workspace.interviews.get(record.interview_id)
    if existing is None or not existing.is_completed:
        return ""  # discarded here (or not a completed interview): left as it is
    if not version or _instance_uuid(version) == record.interview_id:
        return ""  # the first version: imported before
    texts = [existing.details.notes] + [
        reason
        for (reason,) in workspace.db.execute(
            "SELECT reason FROM correction WHERE interview_id = ?", (record.interview_id,)
        )
    ]
    if any(version in text for text in texts):
        return ""
    if not workspace.interviews.correction_from(record):
        return ""
    return f"Edited in ODK Central or KoboToolbox: version {version}, imported from {file}."


def apply_submissions(workspace: Workspace, plan: SubmissionPlan) -> list[str]:
    """Keep the accepted submissions as completed interviews and the edited ones as
    corrections, one undoable action (``InterviewStore.import_completed``); return the ids
    of the new interviews."""
    count = len(plan.accepted) + len(plan.corrected)
    if not count:
        return []
    label = f"import {count} submission{'s' if count != 1 else ''} from {plan.file_name}"
    try:
        return workspace.interviews.import_completed(
            [record for _, record in plan.accepted],
            [(record, reason) for _, record, reason in plan.corrected],
            label=label,
        )
    except InterviewError as error:  # checked when planned: the database changed since
        raise ExchangeError(f"{plan.file_name} was not imported: {error}") from error


def import_submissions(
    workspace: Workspace, path: Path | str, questionnaire: Questionnaire | None = None
) -> SubmissionImportResult:
    begin = time.perf_counter()
    plan = plan_submissions(workspace, path, questionnaire)
    created = apply_submissions(workspace, plan)
    return SubmissionImportResult(
        plan.file_name,
        plan.questionnaire.id,
        created,
        len(plan.unchanged),
        plan.rejected,
        time.perf_counter() - begin,
        len(plan.corrected),
    )
