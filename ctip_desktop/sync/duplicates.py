"""Organisations created twice (on two laptops, before a merge): suggested, then combined.

Combining moves every contact, headline, interview, decision and follow-up of the other
record to the kept one, unites their lists, fills the kept record's empty fields, and deletes
the other record (a tombstone: its history stays). One undoable action, merged like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from ctip_desktop.decisions.model import decision_id
from ctip_desktop.profiles.repository import comparable_name
from ctip_desktop.storage.entities import (
    CONTACT,
    DECISION,
    FOLLOW_UP,
    HEADLINE,
    INTERVIEW,
    ORGANISATION,
)
from ctip_desktop.workspace import Workspace

SIMILARITY = 90  # token_sort_ratio, out of 100


@dataclass(frozen=True)
class DuplicateCandidate:
    org_a: str
    org_b: str
    name_a: str
    name_b: str
    # "same name", "similar name (93)", "same website (goldenlotus.example.com)"
    why: str


class CombineError(ValueError):
    """The two records cannot be combined (unknown, deleted, or the same one)."""


def website_host(url: str) -> str:
    text = url.strip().lower()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    host = urlsplit(text).hostname or ""
    return host.removeprefix("www.")


def duplicate_candidates(
    workspace: Workspace, *, among: Iterable[str] | None = None
) -> list[DuplicateCandidate]:
    """Pairs of live organisations that look like one: same or similar comparable name
    (legal forms, case and punctuation ignored; other names count) or the same website host.

    ``among`` limits the pairs to those with at least one of these ids (say, the records a
    merge just brought).
    """
    rows = workspace.db.execute(
        "SELECT id, name, other_names, website FROM organisation WHERE deleted = 0 ORDER BY id"
    ).fetchall()
    wanted = set(among) if among is not None else None
    names = {org_id: name for org_id, name, _, _ in rows}
    reasons: dict[tuple[str, str], str] = {}

    def note(a: str, b: str, why: str) -> None:
        if a == b or (wanted is not None and a not in wanted and b not in wanted):
            return
        pair = (a, b) if a < b else (b, a)
        reasons.setdefault(pair, why)

    by_name: dict[str, set[str]] = {}
    by_host: dict[str, set[str]] = {}
    spellings: list[tuple[str, str]] = []  # (org id, comparable name)
    for org_id, name, other_names, website in rows:
        for spelling in {comparable_name(n) for n in [name, *json.loads(other_names)]}:
            if spelling:
                by_name.setdefault(spelling, set()).add(org_id)
                spellings.append((org_id, spelling))
        host = website_host(website)
        if host:
            by_host.setdefault(host, set()).add(org_id)
    for group in by_name.values():
        for a in group:
            for b in group:
                note(a, b, "same name")
    for host, group in by_host.items():
        for a in group:
            for b in group:
                note(a, b, f"same website ({host})")
    # Similar names: compared within blocks sharing a first word, so 10,000 organisations
    # are not 50 million comparisons.
    blocks: dict[str, list[tuple[str, str]]] = {}
    for org_id, spelling in spellings:
        blocks.setdefault(spelling.split()[0], []).append((org_id, spelling))
    for block in blocks.values():
        if len(block) < 2:
            continue
        texts = [spelling for _, spelling in block]
        for i, text in enumerate(texts[:-1]):
            found = process.extract(
                text,
                texts[i + 1 :],
                scorer=fuzz.token_sort_ratio,
                score_cutoff=SIMILARITY,
                limit=None,
            )
            for _, score, j in found:
                note(block[i][0], block[i + 1 + j][0], f"similar name ({int(score)})")
    return sorted(
        (DuplicateCandidate(a, b, names[a], names[b], why) for (a, b), why in reasons.items()),
        key=lambda c: (c.name_a.casefold(), c.name_b.casefold(), c.org_a, c.org_b),
    )


def combine_organisations(workspace: Workspace, keep_id: str, other_id: str) -> str:
    """Combine ``other_id`` into ``keep_id`` as one undoable action; return its label."""
    if keep_id == other_id:
        raise CombineError("An organisation cannot be combined with itself.")
    db = workspace.db
    keep = _live_row(workspace, keep_id)
    other = _live_row(workspace, other_id)
    label = f"combine “{other['name']}” into “{keep['name']}”"
    with workspace.log.transaction(label) as tx:
        for spec in (CONTACT, HEADLINE, INTERVIEW, FOLLOW_UP):
            for (record_id,) in db.execute(
                f"SELECT id FROM {spec.table} WHERE org_id = ?", (other_id,)
            ).fetchall():
                tx.set(spec, record_id, "org_id", keep_id)
        _move_decisions(workspace, tx, keep_id, other_id)
        for name in ORGANISATION.set_fields:
            present = json.loads(keep[name])
            arriving = json.loads(other[name])
            if name == "other_names":
                arriving = [other["name"], *arriving]
                present = [keep["name"], *present]
            for element in arriving:
                if element not in present:
                    tx.add(ORGANISATION, keep_id, name, element)
                    present.append(element)
        for name in ORGANISATION.scalar_fields:
            if keep[name] in ("", None) and other[name] not in ("", None):
                tx.set(ORGANISATION, keep_id, name, other[name])
        tx.delete(ORGANISATION, other_id)
    workspace.profiles._name_cache = None
    return label


def _live_row(workspace: Workspace, org_id: str) -> dict[str, Any]:
    cursor = workspace.db.execute(
        "SELECT * FROM organisation WHERE id = ? AND deleted = 0", (org_id,)
    )
    row = cursor.fetchone()
    if row is None:
        raise CombineError("One of the organisations does not exist (was it deleted?).")
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _move_decisions(workspace: Workspace, tx: Any, keep_id: str, other_id: str) -> None:
    """Decisions are keyed by organisation and recommendation: the other's move to the kept
    organisation's key; where both decided, the kept one's decision stands (its empty reason
    or note filled from the other's)."""
    db = workspace.db
    columns = ("rule_id", "title", "status", "reason", "note")
    for row in db.execute(
        f"SELECT id, {', '.join(columns)} FROM recommendation_decision "
        "WHERE org_id = ? AND deleted = 0",
        (other_id,),
    ).fetchall():
        record_id, values = row[0], dict(zip(columns, row[1:], strict=True))
        target = decision_id(keep_id, values["rule_id"])
        existing = db.execute(
            f"SELECT deleted, {', '.join(columns)} FROM recommendation_decision WHERE id = ?",
            (target,),
        ).fetchone()
        if existing is None:
            tx.create(DECISION, {"org_id": keep_id, **values}, entity_id=target)
        elif existing[0]:
            tx.update(DECISION, target, values)
            tx.restore(DECISION, target)
        else:
            current = dict(zip(columns, existing[1:], strict=True))
            tx.update(
                DECISION,
                target,
                {k: values[k] for k in ("reason", "note") if not current[k] and values[k]},
            )
        tx.delete(DECISION, record_id)
