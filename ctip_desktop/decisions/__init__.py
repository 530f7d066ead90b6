"""Decisions on recommendations (accept, dismiss, annotate) and the follow-ups they start."""

from ctip_desktop.decisions.model import (
    ACCEPTED,
    CANCELLED,
    DECISION_STATUSES,
    DISMISSED,
    DONE,
    FOLLOW_UP_STATUSES,
    OPEN,
    PROPOSED,
    Decision,
    DecisionError,
    FollowUp,
    FollowUpRow,
    decision_id,
)
from ctip_desktop.decisions.repository import DecisionStore

__all__ = [
    "ACCEPTED",
    "CANCELLED",
    "DECISION_STATUSES",
    "DISMISSED",
    "DONE",
    "FOLLOW_UP_STATUSES",
    "OPEN",
    "PROPOSED",
    "Decision",
    "DecisionError",
    "DecisionStore",
    "FollowUp",
    "FollowUpRow",
    "decision_id",
]
