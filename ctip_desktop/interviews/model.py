"""Interview records: who was interviewed, how, with which questionnaire, and the answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ctip_desktop.profiles.model import MAX_LONG_TEXT, MAX_SHORT_TEXT, Problem

MODES = ("in person", "phone", "video", "other")
DRAFT, COMPLETED = "draft", "completed"
STATUSES = (DRAFT, COMPLETED)
# ODK Central's review states: not reviewed yet, approved, has issues, edited after review.
NOT_REVIEWED, APPROVED, HAS_ISSUES, EDITED = "", "approved", "has_issues", "edited"
REVIEW_STATES = (NOT_REVIEWED, APPROVED, HAS_ISSUES, EDITED)
REVIEW_LABELS = {
    NOT_REVIEWED: "Not reviewed",
    APPROVED: "Approved",
    HAS_ISSUES: "Has issues",
    EDITED: "Edited after review",
}
STARTED_FORMAT = "%Y-%m-%dT%H:%M"
# Where a draft stopped, besides an item id: the page before the first item, or the review.
PREPARE, REVIEW = "@prepare", "@review"


class InterviewError(ValueError):
    """An interview action that cannot be done; the message says why, for the user."""


@dataclass(frozen=True)
class Answer:
    item_id: str
    value: Any
    first_at: str  # when first given (UTC, ISO 8601)
    first_by: str
    last_at: str  # when last changed
    last_by: str
    conflict: bool = False


@dataclass
class InterviewDetails:
    """What the interviewer records about the meeting itself (editable while a draft)."""

    started_at: str = ""  # local wall time at the interview, YYYY-MM-DDTHH:MM
    mode: str = "in person"
    place: str = ""
    language: str = ""
    contact_ids: list[str] = field(default_factory=list)
    notes: str = ""

    def cleaned(self) -> InterviewDetails:
        return InterviewDetails(
            started_at=self.started_at.strip(),
            mode=self.mode.strip(),
            place=" ".join(self.place.split()),
            language=" ".join(self.language.split()),
            contact_ids=list(dict.fromkeys(c for c in self.contact_ids if c)),
            notes=self.notes.rstrip(),
        )

    def problems(self) -> list[Problem]:
        problems = []
        try:
            datetime.strptime(self.started_at, STARTED_FORMAT)
        except ValueError:
            problems.append(
                Problem("started_at", "The date and time should be written as YYYY-MM-DD HH:MM.")
            )
        if self.mode not in MODES:
            problems.append(Problem("mode", f"The mode must be one of: {', '.join(MODES)}."))
        for name, limit in (("place", MAX_SHORT_TEXT), ("language", 100), ("notes", MAX_LONG_TEXT)):
            text = getattr(self, name)
            if len(text) > limit:
                problems.append(
                    Problem(name, f"{name.capitalize()} is longer than {limit:,} characters.")
                )
            if "\x00" in text:
                problems.append(Problem(name, f"{name.capitalize()} contains a NUL byte."))
        return problems

    def values(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at,
            "mode": self.mode,
            "place": self.place,
            "language": self.language,
            "contact_ids": self.contact_ids,
            "notes": self.notes,
        }


@dataclass
class Interview:
    id: str
    org_id: str
    questionnaire_id: str
    questionnaire_version: int
    interviewer: str
    details: InterviewDetails
    status: str
    position: str
    completed_at: str
    review_state: str
    review_comment: str
    reviewed_by: str
    reviewed_at: str
    created_at: str
    created_device: str
    updated_at: str
    answers: dict[str, Answer] = field(default_factory=dict)
    # The language the questions were read in (BCP 47), '' for the questionnaire's English.
    questionnaire_language: str = ""

    def value(self, item_id: str) -> Any:
        answer = self.answers.get(item_id)
        return answer.value if answer else None

    @property
    def is_completed(self) -> bool:
        return self.status == COMPLETED


@dataclass(frozen=True)
class InterviewRow:
    """One line of an interview list."""

    id: str
    org_id: str
    org_name: str
    questionnaire_id: str
    questionnaire_version: int
    questionnaire_title: str
    interviewer: str
    started_at: str
    mode: str
    status: str
    review_state: str
    answered: int
    items: int
    updated_at: str


@dataclass(frozen=True)
class HistoryEntry:
    """One change to an interview, as the history view shows it."""

    at: str
    by: str
    device: str
    what: str  # the item's number and text, or the detail's name
    old: str
    new: str
    reason: str
    kind: str  # "answer", "detail", "status" or "review"
