"""What the team decided about recommendations, and the follow-ups accepting one creates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from ctip_desktop.profiles.model import MAX_LONG_TEXT, MAX_NAME, MAX_SHORT_TEXT, Problem

PROPOSED, ACCEPTED, DISMISSED = "proposed", "accepted", "dismissed"
DECISION_STATUSES = (PROPOSED, ACCEPTED, DISMISSED)
OPEN, DONE, CANCELLED = "open", "done", "cancelled"
FOLLOW_UP_STATUSES = (OPEN, DONE, CANCELLED)

_DECISIONS = uuid.UUID("5b0f4c1e-7a52-4f43-9a83-2f1b0f6a0d11")


class DecisionError(ValueError):
    """A decision that cannot be taken as asked; the message says why, for the user."""


def decision_id(org_id: str, rule_id: str) -> str:
    """The same id on every laptop for one recommendation to one organisation."""
    return str(uuid.uuid5(_DECISIONS, f"{org_id}/{rule_id}"))


@dataclass(frozen=True)
class Decision:
    org_id: str
    rule_id: str
    title: str
    status: str
    reason: str  # why it was dismissed
    note: str  # the team's annotation
    updated_at: str
    updated_by: str


@dataclass
class FollowUp:
    step: str = ""
    owner: str = ""
    due: str = ""  # YYYY-MM-DD
    status: str = OPEN
    outcome: str = ""
    rule_id: str = ""
    org_id: str = ""
    id: str = ""

    def cleaned(self) -> FollowUp:
        return FollowUp(
            step=" ".join(self.step.split()),
            owner=" ".join(self.owner.split()),
            due=self.due.strip(),
            status=self.status.strip() or OPEN,
            outcome=self.outcome.rstrip(),
            rule_id=self.rule_id,
            org_id=self.org_id,
            id=self.id,
        )

    def problems(self) -> list[Problem]:
        problems = []
        if not self.step.strip():
            problems.append(Problem("step", "A follow-up needs a step to take."))
        if self.due:
            try:
                date.fromisoformat(self.due)
            except ValueError:
                problems.append(Problem("due", "The due date should be written as YYYY-MM-DD."))
        if self.status not in FOLLOW_UP_STATUSES:
            problems.append(
                Problem("status", f"The status must be one of: {', '.join(FOLLOW_UP_STATUSES)}.")
            )
        for name, limit in (
            ("step", MAX_SHORT_TEXT),
            ("owner", MAX_NAME),
            ("outcome", MAX_LONG_TEXT),
        ):
            text = getattr(self, name)
            if len(text) > limit:
                problems.append(
                    Problem(name, f"{name.capitalize()} is longer than {limit:,} characters.")
                )
            if "\x00" in text:
                problems.append(Problem(name, f"{name.capitalize()} contains a NUL byte."))
        return problems

    def values(self) -> dict[str, str]:
        return {
            "org_id": self.org_id,
            "rule_id": self.rule_id,
            "step": self.step,
            "owner": self.owner,
            "due": self.due,
            "status": self.status,
            "outcome": self.outcome,
        }


@dataclass(frozen=True)
class FollowUpRow:
    """A line of the overview of follow-ups across organisations."""

    follow_up: FollowUp
    org_name: str
    overdue: bool
