"""Accepting, dismissing and annotating recommendations; tracking follow-ups.

Every write goes through the change log, as one undoable action.
"""

from __future__ import annotations

import builtins
from datetime import date, timedelta
from typing import Any

from ctip_desktop.decisions.model import (
    ACCEPTED,
    DISMISSED,
    OPEN,
    PROPOSED,
    Decision,
    DecisionError,
    FollowUp,
    FollowUpRow,
    decision_id,
)
from ctip_desktop.profiles.model import MAX_LONG_TEXT, ValidationError
from ctip_desktop.storage.changelog import ChangeLog, Transaction
from ctip_desktop.storage.entities import DECISION, FOLLOW_UP

_FOLLOW_UP_COLUMNS = ("id", "org_id", "rule_id", "step", "owner", "due", "status", "outcome")
DEFAULT_DUE_DAYS = 14


class DecisionStore:
    def __init__(self, log: ChangeLog) -> None:
        self.log = log

    @property
    def db(self) -> Any:
        return self.log.db

    # ----- decisions -----------------------------------------------------------------------

    def decisions(self, org_id: str) -> dict[str, Decision]:
        """The decisions taken on an organisation's recommendations, by rule id."""
        rows = self.db.execute(
            "SELECT org_id, rule_id, title, status, reason, note, updated_at, updated_by "
            "FROM recommendation_decision WHERE org_id = ? AND deleted = 0",
            (org_id,),
        ).fetchall()
        return {r[1]: Decision(*r) for r in rows}

    def _decide(self, tx: Transaction, org_id: str, rule_id: str, values: dict[str, str]) -> None:
        record_id = decision_id(org_id, rule_id)
        exists = self.db.execute(
            "SELECT 1 FROM recommendation_decision WHERE id = ?", (record_id,)
        ).fetchone()
        if exists:
            tx.update(DECISION, record_id, values)
            tx.restore(DECISION, record_id)
        else:
            tx.create(
                DECISION, {"org_id": org_id, "rule_id": rule_id, **values}, entity_id=record_id
            )

    def _require_org(self, org_id: str) -> str:
        row = self.db.execute(
            "SELECT name FROM organisation WHERE id = ? AND deleted = 0", (org_id,)
        ).fetchone()
        if row is None:
            raise DecisionError("The organisation does not exist (was it deleted?).")
        return str(row[0])

    def accept(
        self,
        org_id: str,
        rule_id: str,
        title: str,
        next_steps: builtins.list[str],
        *,
        owner: str,
        today: date | None = None,
    ) -> builtins.list[str]:
        """Accept a recommendation: its next steps become open follow-ups (one action).

        Steps already tracked for this recommendation are not added twice.
        """
        self._require_org(org_id)
        due = ((today or date.today()) + timedelta(days=DEFAULT_DUE_DAYS)).isoformat()
        tracked = {f.step for f in self.follow_ups(org_id) if f.rule_id == rule_id}
        created = []
        with self.log.transaction(f"accept “{title}”") as tx:
            self._decide(tx, org_id, rule_id, {"title": title, "status": ACCEPTED, "reason": ""})
            for step in next_steps:
                follow_up = FollowUp(step, owner, due, OPEN, "", rule_id, org_id).cleaned()
                if not follow_up.step or follow_up.step in tracked:
                    continue
                tracked.add(follow_up.step)
                created.append(tx.create(FOLLOW_UP, follow_up.values()))
        return created

    def dismiss(self, org_id: str, rule_id: str, title: str, reason: str) -> None:
        """Dismiss a recommendation; the reason is required and kept for reports."""
        self._require_org(org_id)
        reason = reason.strip()
        if not reason:
            raise DecisionError("Say why the recommendation is dismissed.")
        if len(reason) > MAX_LONG_TEXT:
            raise DecisionError("The reason is too long.")
        with self.log.transaction(f"dismiss “{title}”") as tx:
            self._decide(
                tx, org_id, rule_id, {"title": title, "status": DISMISSED, "reason": reason}
            )

    def annotate(self, org_id: str, rule_id: str, title: str, note: str) -> None:
        """Keep the team's note on a recommendation (whatever its status)."""
        self._require_org(org_id)
        if len(note) > MAX_LONG_TEXT:
            raise DecisionError("The note is too long.")
        current = self.decisions(org_id).get(rule_id)
        with self.log.transaction(f"note on “{title}”") as tx:
            values = {"title": title, "note": note.rstrip()}
            if current is None:
                values["status"] = PROPOSED
            self._decide(tx, org_id, rule_id, values)

    def reopen(self, org_id: str, rule_id: str) -> None:
        """Back to proposed (its follow-ups stay as they are)."""
        current = self.decisions(org_id).get(rule_id)
        if current is None or current.status == PROPOSED:
            return
        with self.log.transaction(f"reopen “{current.title}”") as tx:
            self._decide(tx, org_id, rule_id, {"status": PROPOSED, "reason": ""})

    # ----- follow-ups ----------------------------------------------------------------------

    def follow_ups(self, org_id: str) -> builtins.list[FollowUp]:
        rows = self.db.execute(
            f"SELECT {', '.join(_FOLLOW_UP_COLUMNS)} FROM follow_up "
            "WHERE org_id = ? AND deleted = 0 ORDER BY due = '', due, created_at",
            (org_id,),
        ).fetchall()
        return [_follow_up(r) for r in rows]

    def get_follow_up(self, follow_up_id: str) -> FollowUp | None:
        row = self.db.execute(
            f"SELECT {', '.join(_FOLLOW_UP_COLUMNS)} FROM follow_up WHERE id = ? AND deleted = 0",
            (follow_up_id,),
        ).fetchone()
        return _follow_up(row) if row else None

    def save_follow_up(self, follow_up: FollowUp) -> str:
        """Create or update a follow-up; ValidationError (and nothing written) on problems."""
        cleaned = follow_up.cleaned()
        problems = cleaned.problems()
        if problems:
            raise ValidationError(problems)
        self._require_org(cleaned.org_id)
        label = f"follow-up “{cleaned.step[:40]}”"
        with self.log.transaction(label) as tx:
            if cleaned.id:
                values = cleaned.values()
                values.pop("org_id")
                tx.update(FOLLOW_UP, cleaned.id, values)
                return cleaned.id
            return tx.create(FOLLOW_UP, cleaned.values())

    def delete_follow_up(self, follow_up_id: str) -> None:
        with self.log.transaction("delete follow-up") as tx:
            tx.delete(FOLLOW_UP, follow_up_id)

    def due(
        self, today: date | None = None, *, within_days: int = DEFAULT_DUE_DAYS
    ) -> builtins.list[FollowUpRow]:
        """Open follow-ups due by ``today + within_days`` (or undated), overdue ones first."""
        today = today or date.today()
        until = (today + timedelta(days=within_days)).isoformat()
        rows = self.db.execute(
            f"SELECT {', '.join('f.' + c for c in _FOLLOW_UP_COLUMNS)}, o.name "
            "FROM follow_up f JOIN organisation o ON o.id = f.org_id "
            "WHERE f.deleted = 0 AND o.deleted = 0 AND f.status = ? AND f.due <= ? "
            "ORDER BY f.due = '', f.due, o.name COLLATE NOCASE",
            (OPEN, until),
        ).fetchall()
        return [
            FollowUpRow(_follow_up(r[:-1]), r[-1], bool(r[5]) and r[5] < today.isoformat())
            for r in rows
        ]

    def counts(self, today: date | None = None) -> dict[str, int]:
        today_text = (today or date.today()).isoformat()
        open_count, overdue = self.db.execute(
            "SELECT count(*), sum(due <> '' AND due < ?) FROM follow_up f "
            "WHERE deleted = 0 AND status = ? "
            "AND org_id NOT IN (SELECT id FROM organisation WHERE deleted = 1)",
            (today_text, OPEN),
        ).fetchone()
        return {"open": open_count, "overdue": overdue or 0}


def _follow_up(row: tuple[Any, ...]) -> FollowUp:
    follow_up_id, org_id, rule_id, step, owner, due, status, outcome = row
    return FollowUp(step, owner, due, status, outcome, rule_id, org_id, follow_up_id)
