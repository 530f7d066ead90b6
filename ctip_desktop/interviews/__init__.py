"""Interview records: conducting a questionnaire, completing, correcting and reviewing it."""

from ctip_desktop.interviews.model import (
    APPROVED,
    COMPLETED,
    DRAFT,
    EDITED,
    HAS_ISSUES,
    MODES,
    NOT_REVIEWED,
    PREPARE,
    REVIEW,
    REVIEW_LABELS,
    Answer,
    HistoryEntry,
    Interview,
    InterviewDetails,
    InterviewError,
    InterviewRow,
)
from ctip_desktop.interviews.repository import InterviewFilter, InterviewStore, default_started_at

__all__ = [
    "APPROVED",
    "COMPLETED",
    "DRAFT",
    "EDITED",
    "HAS_ISSUES",
    "MODES",
    "NOT_REVIEWED",
    "PREPARE",
    "REVIEW",
    "REVIEW_LABELS",
    "Answer",
    "HistoryEntry",
    "Interview",
    "InterviewDetails",
    "InterviewError",
    "InterviewFilter",
    "InterviewRow",
    "InterviewStore",
    "default_started_at",
]
