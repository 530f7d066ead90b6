"""Conducting, completing, correcting and reviewing interviews, always through the change log.

Each answer is its own field of the interview (``answer:<item id>``) in the log, written the
moment it is given: it keeps its own history, and two laptops answering different items merge
without a conflict. A correction of a completed interview is one action holding a
``correction`` record with the reason and the changed answers, so the history shows who
changed what, when, from what, to what, and why.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ctip_desktop.interviews.model import (
    APPROVED,
    COMPLETED,
    DRAFT,
    EDITED,
    HAS_ISSUES,
    NOT_REVIEWED,
    PREPARE,
    REVIEW_LABELS,
    REVIEW_STATES,
    STARTED_FORMAT,
    STATUSES,
    Answer,
    HistoryEntry,
    Interview,
    InterviewDetails,
    InterviewError,
    InterviewRow,
)
from ctip_desktop.profiles.model import MAX_LONG_TEXT, MAX_NAME, VOCABULARY, ValidationError
from ctip_desktop.questionnaires.answers import (
    AnswerError,
    answer_text,
    blocking_problems,
    checked_answer,
    is_answered,
)
from ctip_desktop.questionnaires.model import (
    Questionnaire,
    QuestionnaireError,
    QuestionnaireSet,
    parse_questionnaire,
)
from ctip_desktop.questionnaires.translations import TranslationSet, shipped_translations
from ctip_desktop.storage.changelog import Change, ChangeLog, Transaction, resolve_scalar
from ctip_desktop.storage.entities import (
    ANSWER_PREFIX,
    CORRECTION,
    DELETED_FIELD,
    INTERVIEW,
    ORGANISATION,
)
from ctip_desktop.storage.hlc import stamp_time

_INTERVIEW_COLUMNS = (
    "id, org_id, questionnaire_id, questionnaire_version, interviewer, contact_ids, started_at, "
    "mode, place, language, status, notes, position, completed_at, review_state, "
    "review_comment, reviewed_by, reviewed_at, created_at, created_device, updated_at, "
    "questionnaire_language"
)
_DETAIL_LABELS = {
    "started_at": "Date and time",
    "mode": "Mode",
    "place": "Place",
    "language": "Language",
    "contact_ids": "People interviewed",
    "notes": "Interview notes",
    "questionnaire_language": "Language of the questions",
}


# A deleted organisation's interviews leave the lists with it (and come back with an undo).
# (A lookup per interview: cheap for one organisation's list; the long lists filter in
# Python instead, see list_ids.)
_OF_LIVE_ORGANISATION = (
    "NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = i.org_id AND o.deleted = 1)"
)


@dataclass(frozen=True)
class CompletedInterview:
    """An interview completed outside the wizard (an ODK Collect or KoboToolbox
    submission), to keep with ``InterviewStore.import_completed``."""

    interview_id: str
    org_id: str
    questionnaire: Questionnaire
    interviewer: str
    details: InterviewDetails
    # {item id: value as stored}; an item left out is unanswered.
    answers: dict[str, Any]
    completed_at: str = ""  # UTC instant as stored; '' for now
    review_state: str = ""


@dataclass(frozen=True)
class InterviewFilter:
    org_id: str = ""
    questionnaire_id: str = ""
    status: str = ""
    review_state: str | None = None  # None: any; "" means not reviewed
    interviewer: str = ""
    date_from: str = ""  # YYYY-MM-DD, inclusive
    date_to: str = ""
    descending: bool = True  # newest first


class InterviewStore:
    def __init__(
        self,
        log: ChangeLog,
        questionnaires: QuestionnaireSet,
        translations: TranslationSet | None = None,
    ) -> None:
        self.log = log
        self.questionnaires = questionnaires
        # The languages the questions can be read in (the shipped ones unless told more).
        if translations is None:
            translations = TranslationSet(shipped_translations())
        self.translations = translations
        # Versions read back from this file's snapshots: kept apart from the app's set, which
        # is shared (builtin_questionnaires() is one object) and offers new interviews.
        self._snapshots: dict[tuple[str, int], Questionnaire] = {}

    @property
    def db(self) -> Any:
        return self.log.db

    # ----- questionnaires ------------------------------------------------------------------

    def questionnaire(self, questionnaire_id: str, version: int) -> Questionnaire:
        """The exact version an interview used: kept in the file, else shipped with the app.

        The file's snapshot wins: it is what the interviewer saw, even if a shipped file was
        edited without raising its version.
        """
        if (questionnaire_id, version) in self._snapshots:
            return self._snapshots[(questionnaire_id, version)]
        row = self.db.execute(
            "SELECT definition FROM questionnaire_snapshot WHERE id = ? AND version = ?",
            (questionnaire_id, version),
        ).fetchone()
        if row is None and (questionnaire_id, version) in self.questionnaires:
            return self.questionnaires.get(questionnaire_id, version)
        if row is None:
            raise InterviewError(
                f"This interview used questionnaire {questionnaire_id} version {version}, "
                "which neither this app nor the database holds."
            )
        try:
            found = parse_questionnaire(row[0], f"{questionnaire_id} v{version} (in database)")
        except QuestionnaireError as error:
            raise InterviewError(str(error)) from error
        self._snapshots[(questionnaire_id, version)] = found
        return found

    def questionnaire_of(self, interview: Interview) -> Questionnaire:
        return self.questionnaire(interview.questionnaire_id, interview.questionnaire_version)

    def questionnaire_as_asked(self, interview: Interview) -> Questionnaire:
        """The interview's questionnaire in the language its questions were read in.

        English when the interview was in English, or when this laptop has no translation
        into its language (a colleague's file): the items and answers are the same either way.
        """
        return self.translations.apply(
            self.questionnaire_of(interview), interview.questionnaire_language
        )

    def _checked_language(self, questionnaire: Questionnaire, language: str) -> str:
        language = language.strip()
        if language and not self.translations.has(
            questionnaire.id, questionnaire.version, language
        ):
            raise InterviewError(
                f"There is no translation of {questionnaire.short_title} into {language!r} "
                "on this laptop."
            )
        return language

    def keep_snapshot(self, questionnaire: Questionnaire) -> None:
        """Keep the definition an interview is conducted with in the file (idempotent)."""
        self.db.execute(
            "INSERT OR IGNORE INTO questionnaire_snapshot (id, version, definition) "
            "VALUES (?, ?, ?)",
            (questionnaire.id, questionnaire.version, questionnaire.definition),
        )

    # ----- conducting ----------------------------------------------------------------------

    def start(
        self,
        org_id: str,
        questionnaire: Questionnaire,
        details: InterviewDetails,
        *,
        interviewer: str,
        questionnaire_language: str = "",
    ) -> str:
        """Create a draft interview; the identification item starts filled from the profile.

        ``questionnaire_language`` is the translation the questions will be read in ('' for
        English); it must be one this laptop has.
        """
        org = self.db.execute(
            "SELECT name, primary_contact_id FROM organisation WHERE id = ? AND deleted = 0",
            (org_id,),
        ).fetchone()
        if org is None:
            raise InterviewError("The organisation does not exist (was it deleted?).")
        details = self._validated(details, org_id)
        questionnaire_language = self._checked_language(questionnaire, questionnaire_language)
        filled = self._prefill(questionnaire, org[0], org[1], details.contact_ids)
        with self.log.transaction(f"start interview with “{org[0]}”", undoable=False) as tx:
            self.keep_snapshot(questionnaire)
            values: dict[str, Any] = {
                "org_id": org_id,
                "questionnaire_id": questionnaire.id,
                "questionnaire_version": questionnaire.version,
                "interviewer": " ".join(interviewer.split()),
                "status": DRAFT,
                "position": PREPARE,
                "questionnaire_language": questionnaire_language,
                **details.values(),
            }
            values |= {ANSWER_PREFIX + item_id: value for item_id, value in filled.items()}
            interview_id = tx.create(INTERVIEW, values)
        return interview_id

    def _prefill(
        self, questionnaire: Questionnaire, org_name: str, primary_id: str, contact_ids: list[str]
    ) -> dict[str, Any]:
        # The representative: the primary contact, else the first person interviewed.
        representative = ""
        for contact_id in [primary_id, *contact_ids]:
            row = self.db.execute(
                "SELECT name FROM contact WHERE id = ? AND deleted = 0", (contact_id,)
            ).fetchone()
            if row:
                representative = row[0]
                break
        sources = {"organisation.name": org_name, "primary_contact.name": representative}
        filled = {}
        for item in questionnaire.items:
            if item.kind == "identification":
                filled[item.id] = {f.id: sources.get(f.fill_from, "") for f in item.fields}
        return filled

    def _validated(self, details: InterviewDetails, org_id: str) -> InterviewDetails:
        cleaned = details.cleaned()
        problems = cleaned.problems()
        if problems:
            raise ValidationError(problems)
        own = {
            r[0]
            for r in self.db.execute(
                "SELECT id FROM contact WHERE org_id = ? AND deleted = 0", (org_id,)
            ).fetchall()
        }
        if any(c not in own for c in cleaned.contact_ids):
            raise InterviewError("The people interviewed must be contacts of the organisation.")
        return cleaned

    def _require(self, interview_id: str) -> Interview:
        interview = self.get(interview_id)
        if interview is None:
            raise InterviewError("The interview does not exist (was it discarded?).")
        return interview

    def save_answer(self, interview_id: str, item_id: str, value: Any) -> Answer:
        """Write one answer of a draft at once (one transaction); return it as stored."""
        interview = self._require(interview_id)
        if interview.is_completed:
            raise InterviewError("The interview is completed: change it with a correction.")
        item = self._item(interview, item_id)
        try:
            value = checked_answer(item, value)
        except AnswerError as error:
            raise InterviewError(str(error)) from error
        with self.log.transaction(f"answer {item.number}", undoable=False) as tx:
            tx.set(INTERVIEW, interview_id, ANSWER_PREFIX + item_id, value)
        # Clearing an item that was never answered writes nothing, so there may be no row.
        return self._answers(interview_id).get(item_id) or Answer(item_id, None, "", "", "", "")

    def _item(self, interview: Interview, item_id: str) -> Any:
        try:
            return self.questionnaire_of(interview).item(item_id)
        except KeyError:
            raise InterviewError(f"The questionnaire has no item {item_id!r}.") from None

    def set_position(self, interview_id: str, item_id: str) -> None:
        """Remember where a draft is, so reopening the app resumes there."""
        self._require(interview_id)  # else the write would project a phantom interview row
        with self.log.transaction("move in interview", undoable=False) as tx:
            tx.set(INTERVIEW, interview_id, "position", item_id)

    def update_details(self, interview_id: str, details: InterviewDetails) -> None:
        interview = self._require(interview_id)
        if interview.is_completed:
            raise InterviewError("The interview is completed: change it with a correction.")
        details = self._validated(details, interview.org_id)
        with self.log.transaction("interview details", undoable=False) as tx:
            tx.update(INTERVIEW, interview_id, details.values())

    def set_questionnaire_language(self, interview_id: str, language: str) -> None:
        """Read a draft's questions in another language ('' for English) from now on.

        A completed interview keeps the language it was conducted in: that is a fact about
        the meeting, not a setting.
        """
        interview = self._require(interview_id)
        if interview.is_completed:
            raise InterviewError(
                "The interview is completed: its questions stay in the language they were asked in."
            )
        language = self._checked_language(self.questionnaire_of(interview), language)
        with self.log.transaction("language of the questions", undoable=False) as tx:
            tx.set(INTERVIEW, interview_id, "questionnaire_language", language)

    def missing_items(self, interview: Interview) -> list[str]:
        questionnaire = self.questionnaire_of(interview)
        return [i.id for i in questionnaire.items if not is_answered(i, interview.value(i.id))]

    def complete(self, interview_id: str) -> None:
        """Complete a draft; the organisation moves to the questionnaire's stage if behind it."""
        interview = self._require(interview_id)
        if interview.is_completed:
            return
        questionnaire = self.questionnaire_of(interview)
        blocked = _blocked(
            questionnaire, {i.id: interview.value(i.id) for i in questionnaire.items}
        )
        if blocked:
            raise InterviewError(f"{blocked[0]} Write it, or untick it, before completing.")
        with self.log.transaction("complete interview") as tx:
            tx.set(INTERVIEW, interview_id, "status", COMPLETED)
            tx.set(INTERVIEW, interview_id, "completed_at", _now(self.log))
            tx.set(INTERVIEW, interview_id, "position", "")
            self._advance_stage(tx, interview.org_id, questionnaire)

    def _advance_stage(self, tx: Transaction, org_id: str, questionnaire: Questionnaire) -> None:
        """Move the organisation to the stage the questionnaire completes, if behind it."""
        target = questionnaire.completes_stage
        if not target:
            return
        row = self.db.execute(
            "SELECT stage FROM organisation WHERE id = ? AND deleted = 0", (org_id,)
        ).fetchone()
        if row is not None and stage_behind(row[0], target):
            tx.set(ORGANISATION, org_id, "stage", target)

    # ----- completed interviews from elsewhere (ODK Collect, KoboToolbox) ------------------

    def completed_problems(self, record: CompletedInterview) -> builtins.list[str]:
        """Why ``record`` cannot be kept as a completed interview ([] when it can): the rules
        the wizard applies before completing (details, answers, "Other" with its text)."""
        problems = [p.message for p in record.details.cleaned().problems()]
        interviewer = record.interviewer
        if len(interviewer) > MAX_NAME:
            problems.append(f"The interviewer's name is longer than {MAX_NAME:,} characters.")
        if "\x00" in interviewer:
            problems.append("The interviewer's name contains a NUL byte.")
        if record.review_state not in REVIEW_STATES:
            problems.append(f"Unknown review state {record.review_state!r}.")
        questionnaire = record.questionnaire
        for item_id, value in record.answers.items():
            try:
                checked_answer(questionnaire.item(item_id), value)
            except KeyError:
                problems.append(f"The questionnaire has no item {item_id!r}.")
            except AnswerError as error:
                problems.append(str(error))
        if not problems:
            problems += _blocked(questionnaire, record.answers)
        return problems

    def correction_from(self, record: CompletedInterview) -> dict[str, Any]:
        """The answers a correction would change to make the completed interview
        ``record.interview_id`` say what ``record`` says ({} when nothing)."""
        interview = self._require(record.interview_id)
        return self._changed_answers(interview, record.answers, keep_unmentioned=False)

    def import_completed(
        self,
        records: Sequence[CompletedInterview],
        corrections: Sequence[tuple[CompletedInterview, str]] = (),
        *,
        label: str,
    ) -> builtins.list[str]:
        """Keep interviews completed elsewhere, and corrections of ones kept before (each
        with its reason), as one undoable action; return the new interviews' ids.

        Each is checked as ``complete`` checks a draft (``completed_problems``): a problem
        raises InterviewError and nothing is written. An organisation behind the
        questionnaire's stage moves to it, as completing does.
        """
        for record, _reason in [*((r, "") for r in records), *corrections]:
            problems = self.completed_problems(record)
            if problems:
                raise InterviewError("; ".join(problems))
        if not records and not corrections:
            return []
        created = []
        with self.log.transaction(label) as tx:
            for questionnaire in {r.questionnaire.key: r.questionnaire for r in records}.values():
                self.keep_snapshot(questionnaire)
            moved: set[str] = set()
            for record in records:
                details = record.details.cleaned()
                values: dict[str, Any] = {
                    "org_id": record.org_id,
                    "questionnaire_id": record.questionnaire.id,
                    "questionnaire_version": record.questionnaire.version,
                    "interviewer": " ".join(record.interviewer.split()),
                    "completed_at": record.completed_at or _now(self.log),
                    "review_state": record.review_state,
                    **details.values(),
                }
                values |= {
                    ANSWER_PREFIX + item_id: checked_answer(record.questionnaire.item(item_id), v)
                    for item_id, v in record.answers.items()
                }
                created.append(tx.create(INTERVIEW, values, entity_id=record.interview_id))
                # Last, after the answers: the history shows what changed from completion
                # on, not the answers it was completed with.
                tx.set(INTERVIEW, record.interview_id, "status", COMPLETED)
                if record.org_id not in moved:
                    moved.add(record.org_id)
                    self._advance_stage(tx, record.org_id, record.questionnaire)
            for record, reason in corrections:
                interview = self._require(record.interview_id)
                changed = self._changed_answers(interview, record.answers, keep_unmentioned=False)
                if changed:
                    self._write_correction(tx, interview, reason, changed)
        return created

    def correct(
        self,
        interview_id: str,
        reason: str,
        answers: dict[str, Any],
        details: InterviewDetails | None = None,
    ) -> str:
        """Change a completed interview; the reason and every earlier value stay in history."""
        interview = self._require(interview_id)
        if not interview.is_completed:
            raise InterviewError("Only a completed interview is corrected; a draft is edited.")
        reason = reason.strip()
        if not reason:
            raise InterviewError("Give a reason for the correction.")
        if len(reason) > MAX_LONG_TEXT:
            raise InterviewError("The reason is too long.")
        changed = self._changed_answers(interview, answers)
        if details is not None:
            old = interview.details.values()
            checked = self._validated(details, interview.org_id).values()
            changed |= {k: v for k, v in checked.items() if v != old[k]}
        if not changed:
            raise InterviewError("Nothing was changed, so there is nothing to correct.")
        with self.log.transaction("correct interview") as tx:
            correction_id = self._write_correction(tx, interview, reason, changed)
        return correction_id

    def _changed_answers(
        self, interview: Interview, answers: dict[str, Any], *, keep_unmentioned: bool = True
    ) -> dict[str, Any]:
        """The answer fields ``answers`` change ({field: new value}), checked.

        ``keep_unmentioned=False``: an item ``answers`` leaves out is cleared (a whole new
        version of the interview, such as an edited ODK submission).
        """
        questionnaire = self.questionnaire_of(interview)
        if not keep_unmentioned:
            answers = {item.id: answers.get(item.id) for item in questionnaire.items}
        changed: dict[str, Any] = {}
        for item_id, value in answers.items():
            try:
                item = questionnaire.item(item_id)
                if value is not None:  # None: not answered
                    value = checked_answer(item, value)
            except KeyError:
                raise InterviewError(f"The questionnaire has no item {item_id!r}.") from None
            except AnswerError as error:
                raise InterviewError(str(error)) from error
            before = interview.value(item_id)
            if value == before or not (is_answered(item, value) or is_answered(item, before)):
                continue  # unchanged, or still unanswered
            changed[ANSWER_PREFIX + item_id] = value
        return changed

    def _write_correction(
        self, tx: Transaction, interview: Interview, reason: str, changed: dict[str, Any]
    ) -> str:
        correction_id = tx.create(
            CORRECTION, {"interview_id": interview.id, "reason": reason, "items": sorted(changed)}
        )
        tx.update(INTERVIEW, interview.id, changed)
        if interview.review_state in (APPROVED, HAS_ISSUES):
            tx.set(INTERVIEW, interview.id, "review_state", EDITED)
        return correction_id

    def review(self, interview_id: str, state: str, comment: str) -> None:
        """A manager's verdict on a completed interview: approved, or has issues."""
        interview = self._require(interview_id)
        if not interview.is_completed:
            raise InterviewError("Only a completed interview can be reviewed.")
        if state not in (APPROVED, HAS_ISSUES, NOT_REVIEWED):
            raise InterviewError(f"Unknown review state {state!r}.")
        comment = comment.strip()
        if state == HAS_ISSUES and not comment:
            raise InterviewError("Say what the issues are in the comment.")
        with self.log.transaction(f"review: {REVIEW_LABELS[state].lower()}") as tx:
            tx.set(INTERVIEW, interview_id, "review_state", state)
            tx.set(INTERVIEW, interview_id, "review_comment", comment)
            tx.set(INTERVIEW, interview_id, "reviewed_by", self.log.author)
            tx.set(INTERVIEW, interview_id, "reviewed_at", _now(self.log))

    def discard(self, interview_id: str) -> None:
        """Delete an interview (a tombstone: Undo brings it back)."""
        self._require(interview_id)
        with self.log.transaction("discard interview") as tx:
            tx.delete(INTERVIEW, interview_id)

    # ----- reading -------------------------------------------------------------------------

    def get(self, interview_id: str) -> Interview | None:
        row = self.db.execute(
            f"SELECT {_INTERVIEW_COLUMNS} FROM interview WHERE id = ? AND deleted = 0",
            (interview_id,),
        ).fetchone()
        if row is None:
            return None
        interview = _interview_from_row(row)
        interview.answers = self._answers(interview_id)
        return interview

    def _answers(self, interview_id: str) -> dict[str, Answer]:
        rows = self.db.execute(
            "SELECT item_id, value, first_at, first_by, last_at, last_by, conflict "
            "FROM answer WHERE interview_id = ?",
            (interview_id,),
        ).fetchall()
        return {
            r[0]: Answer(r[0], json.loads(r[1]), r[2], r[3], r[4], r[5], bool(r[6])) for r in rows
        }

    def list_ids(self, flt: InterviewFilter | None = None) -> builtins.list[str]:
        """The ids a filter selects, newest first (rows are read later, for what is shown)."""
        flt = flt or InterviewFilter()
        where = ["i.deleted = 0"]
        if flt.org_id:
            where.append(_OF_LIVE_ORGANISATION)
        params: builtins.list[Any] = []
        for column, value in (
            ("org_id", flt.org_id),
            ("questionnaire_id", flt.questionnaire_id),
            ("status", flt.status),
            ("interviewer", flt.interviewer),
        ):
            if value:
                where.append(f"i.{column} = ?")
                params.append(value)
        if flt.review_state is not None:
            where.append("i.review_state = ? AND i.status = ?")
            params += [flt.review_state, COMPLETED]
        if flt.date_from:
            where.append("i.started_at >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            where.append("i.started_at < ?")
            params.append(flt.date_to + "~")  # after any time on that day
        direction = "DESC" if flt.descending else "ASC"
        sql = (
            f"SELECT i.id FROM interview i WHERE {' AND '.join(where)} "
            f"ORDER BY i.started_at {direction}, i.id"
        )
        ids = [r[0] for r in self.db.execute(sql, params).fetchall()]
        if flt.org_id:
            return ids
        # The interviews of the (few) deleted organisations, through their index, then left
        # out here: a check of each interview's organisation in the query above reads every
        # interview's row (50,000 interviews: 45 ms became 130 ms).
        hidden = {
            r[0]
            for r in self.db.execute(
                "SELECT i.id FROM organisation o JOIN interview i ON i.org_id = o.id "
                "WHERE o.deleted = 1"
            )
        }
        return [i for i in ids if i not in hidden] if hidden else ids

    def rows_by_id(self, ids: builtins.list[str]) -> dict[str, InterviewRow]:
        rows: dict[str, InterviewRow] = {}
        for offset in range(0, len(ids), 500):  # SQLite caps the number of parameters
            chunk = ids[offset : offset + 500]
            marks = ",".join("?" * len(chunk))
            answers: dict[str, dict[str, Any]] = {}
            for interview_id, item_id, value in self.db.execute(
                f"SELECT interview_id, item_id, value FROM answer WHERE interview_id IN ({marks})",
                chunk,
            ).fetchall():
                answers.setdefault(interview_id, {})[item_id] = json.loads(value)
            for r in self.db.execute(
                "SELECT i.id, i.org_id, o.name, i.questionnaire_id, i.questionnaire_version, "
                "i.interviewer, i.started_at, i.mode, i.status, i.review_state, i.updated_at "
                "FROM interview i LEFT JOIN organisation o ON o.id = i.org_id "
                f"WHERE i.id IN ({marks})",
                chunk,
            ).fetchall():
                try:
                    questionnaire = self.questionnaire(r[3], r[4])
                    title = questionnaire.short_title
                    items = questionnaire.items
                except InterviewError:
                    title, items = f"{r[3]} v{r[4]}", ()
                given = answers.get(r[0], {})
                rows[r[0]] = InterviewRow(
                    id=r[0],
                    org_id=r[1],
                    org_name=r[2] or "",
                    questionnaire_id=r[3],
                    questionnaire_version=r[4],
                    questionnaire_title=title,
                    interviewer=r[5],
                    started_at=r[6],
                    mode=r[7],
                    status=r[8],
                    review_state=r[9],
                    answered=sum(is_answered(i, given.get(i.id)) for i in items),
                    items=len(items),
                    updated_at=r[10],
                )
        return rows

    def list(self, flt: InterviewFilter | None = None) -> builtins.list[InterviewRow]:
        ids = self.list_ids(flt)
        rows = self.rows_by_id(ids)
        return [rows[i] for i in ids]

    def interviewers(self) -> builtins.list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT interviewer FROM interview WHERE deleted = 0 AND interviewer <> '' "
            "ORDER BY interviewer COLLATE NOCASE"
        ).fetchall()
        return [r[0] for r in rows]

    def drafts_to_resume(self) -> builtins.list[InterviewRow]:
        """Drafts begun on this laptop, the most recently touched first."""
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT i.id FROM interview i WHERE i.deleted = 0 AND i.status = ? "
                f"AND i.created_device = ? AND {_OF_LIVE_ORGANISATION} "
                "ORDER BY i.updated_at DESC",
                (DRAFT, self.log.clock.device_id),
            ).fetchall()
        ]
        rows = self.rows_by_id(ids)
        return [rows[i] for i in ids]

    def history(
        self, interview_id: str, *, since_completion: bool = True
    ) -> builtins.list[HistoryEntry]:
        """Every change to the interview's answers, details, status and review, oldest first.

        By default only what happened from completion on: the corrections and reviews, with
        the value each one replaced. Drafting (an answer saved at every pause in typing) is
        left out.
        """
        interview = self._require(interview_id)
        questionnaire = self.questionnaire_as_asked(interview)
        changes = self.log.changes_of(interview_id)
        # By id and field: a record's creation stands for a change of each field it gave.
        by_id = {(c.change_id, c.field): c for c in changes}
        completed_at = min(
            (c.hlc for c in changes if c.field == "status" and c.value == COMPLETED), default=""
        )
        reasons = self._correction_reasons(interview_id)
        contacts = self._contact_names(interview.org_id)
        entries = []
        for change in sorted(changes, key=lambda c: c.hlc):
            if since_completion and (not completed_at or change.hlc < completed_at):
                continue
            described = self._describe(change, questionnaire, contacts, by_id)
            if described is None:
                continue
            what, old, new, kind = described
            entries.append(
                HistoryEntry(
                    at=stamp_time(change.hlc),
                    by=change.author,
                    device=change.device_id,
                    what=what,
                    old=old,
                    new=new,
                    reason=reasons.get(change.tx, ""),
                    kind=kind,
                )
            )
        return entries

    def _describe(
        self,
        change: Change,
        questionnaire: Questionnaire,
        contacts: dict[str, str],
        by_id: dict[tuple[str, str], Change],
    ) -> tuple[str, str, str, str] | None:
        parents = [by_id[(p, change.field)] for p in change.parents if (p, change.field) in by_id]
        old_value = resolve_scalar(parents).value if parents else None
        if change.field.startswith(ANSWER_PREFIX):
            item_id = change.field[len(ANSWER_PREFIX) :]
            try:
                item = questionnaire.item(item_id)
            except KeyError:
                return (item_id, json.dumps(old_value), json.dumps(change.value), "answer")
            what = f"{item.number}. {item.text}"
            return (what, answer_text(item, old_value), answer_text(item, change.value), "answer")
        if change.field == "contact_ids":
            name = contacts.get(change.value, change.value)
            verb = "added" if change.op == "add" else "removed"
            return (_DETAIL_LABELS["contact_ids"], "", f"{name} ({verb})", "detail")
        if change.field in _DETAIL_LABELS:
            return (
                _DETAIL_LABELS[change.field],
                str(old_value or ""),
                str(change.value or ""),
                "detail",
            )
        if change.field == "status":
            return ("Status", str(old_value or ""), str(change.value), "status")
        if change.field == "review_state":
            return (
                "Review",
                REVIEW_LABELS.get(str(old_value or ""), ""),
                REVIEW_LABELS.get(str(change.value or ""), ""),
                "review",
            )
        if change.field == "review_comment" and change.value:
            return ("Review comment", str(old_value or ""), str(change.value), "review")
        if change.field == DELETED_FIELD and change.value is True:
            return ("Interview", "", "discarded", "status")
        return None

    def _correction_reasons(self, interview_id: str) -> dict[str, str]:
        """The action id of each correction, mapped to its reason.

        An undone correction keeps its reason on its own rows; the undo's rows say so.
        """
        reasons = {}
        for correction_id, reason in self.db.execute(
            "SELECT id, reason FROM correction WHERE interview_id = ?", (interview_id,)
        ).fetchall():
            changes = self.log.changes_of(correction_id)
            if not changes:
                continue
            reasons[changes[0].tx] = reason
            for change in changes[1:]:
                if change.field == DELETED_FIELD and change.value is True:
                    reasons.setdefault(change.tx, f"Undo of the correction “{reason}”")
                elif change.field == DELETED_FIELD and change.value is False:
                    reasons.setdefault(change.tx, reason)  # redone
        return reasons

    def _contact_names(self, org_id: str) -> dict[str, str]:
        return dict(
            self.db.execute("SELECT id, name FROM contact WHERE org_id = ?", (org_id,)).fetchall()
        )

    def counts(self) -> dict[str, int]:
        return {
            status: self.db.execute(
                "SELECT count(*) FROM interview WHERE deleted = 0 AND status = ?", (status,)
            ).fetchone()[0]
            for status in STATUSES
        }


def _interview_from_row(row: tuple[Any, ...]) -> Interview:
    (
        interview_id,
        org_id,
        questionnaire_id,
        version,
        interviewer,
        contact_ids,
        started_at,
        mode,
        place,
        language,
        status,
        notes,
        position,
        completed_at,
        review_state,
        review_comment,
        reviewed_by,
        reviewed_at,
        created_at,
        created_device,
        updated_at,
        questionnaire_language,
    ) = row
    details = InterviewDetails(
        started_at=started_at,
        mode=mode,
        place=place,
        language=language,
        contact_ids=json.loads(contact_ids),
        notes=notes,
    )
    return Interview(
        id=interview_id,
        org_id=org_id or "",
        questionnaire_id=questionnaire_id,
        questionnaire_version=int(version),
        interviewer=interviewer,
        details=details,
        status=status,
        position=position,
        completed_at=completed_at,
        review_state=review_state,
        review_comment=review_comment,
        reviewed_by=reviewed_by,
        reviewed_at=reviewed_at,
        created_at=created_at,
        created_device=created_device,
        updated_at=updated_at,
        questionnaire_language=questionnaire_language,
    )


def _now(log: ChangeLog) -> str:
    return stamp_time(log.clock.now())


def _blocked(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """What keeps these answers from being completed: "Other" ticked without its text."""
    return [
        f"Item {item.number}: “{item.other_label}” is ticked without saying what it is."
        for item in questionnaire.items
        if blocking_problems(item, answers.get(item.id))
    ]


def stage_behind(current: str, target: str) -> bool:
    """Whether a profile's stage is before ``target`` in the outreach stages (or unset)."""
    stages = VOCABULARY["stages"]
    if current not in stages:
        return True
    return stages.index(current) < stages.index(target)


def default_started_at() -> str:
    return datetime.now().strftime(STARTED_FORMAT)
