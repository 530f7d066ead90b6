"""Fields edited concurrently on two laptops: listed side by side, decided by a person.

A conflict is a field with several heads (changes nobody superseded) holding different
values. Both values stay in the log; the latest head is shown until someone decides. The
decision is one new change whose parents are all the heads, so it merges like any edit and
settles the conflict on every laptop that receives it. ``field_conflict`` (kept by the
projection) lists the conflicted fields, so listing does not scan the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ctip_desktop.storage.changelog import Change
from ctip_desktop.storage.entities import ENTITIES, ORGANISATION, EntitySpec
from ctip_desktop.storage.hlc import stamp_time
from ctip_desktop.workspace import Workspace

_CHUNK = 500


@dataclass(frozen=True)
class ConflictHead:
    """One of the competing values, with when, by whom and on which laptop it was written."""

    value: Any
    at: str  # ISO 8601 UTC, from the change's clock stamp
    author: str
    device_id: str
    change_id: str


@dataclass(frozen=True)
class Conflict:
    entity: str
    entity_id: str
    field: str
    org_id: str
    org_name: str
    # Oldest first; the last one is what the app shows until someone decides.
    heads: tuple[ConflictHead, ...]
    shown_value: Any


class ConflictError(ValueError):
    """The field is not (or no longer) in conflict, or the record is unknown."""


def open_conflicts(workspace: Workspace) -> list[Conflict]:
    """Every open conflict, by organisation name, then record and field."""
    rows = workspace.db.execute("SELECT entity, entity_id, field FROM field_conflict").fetchall()
    return _conflicts(workspace, rows)


def conflicts_of(workspace: Workspace, entity_ids: Iterable[str]) -> list[Conflict]:
    """The open conflicts of the given records."""
    ids = list(entity_ids)
    rows: list[tuple[str, str, str]] = []
    if not workspace.db.execute("SELECT 1 FROM field_conflict LIMIT 1").fetchone():
        return []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows += workspace.db.execute(
            "SELECT entity, entity_id, field FROM field_conflict "
            f"WHERE entity_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    return _conflicts(workspace, rows)


def _conflicts(workspace: Workspace, rows: list[tuple[str, str, str]]) -> list[Conflict]:
    found = []
    for entity, entity_id, name in rows:
        state = workspace.log.field_state(entity_id, name)
        if not state.in_conflict:
            continue
        org_id = _org_of(workspace, ENTITIES[entity], entity_id)
        org_name = ""
        if org_id:
            row = workspace.db.execute(
                "SELECT name FROM organisation WHERE id = ?", (org_id,)
            ).fetchone()
            org_name = row[0] if row else ""
        found.append(
            Conflict(
                entity,
                entity_id,
                name,
                org_id,
                org_name,
                tuple(_head(change) for change in state.heads),
                state.value,
            )
        )
    return sorted(
        found, key=lambda c: (c.org_name.casefold(), c.org_id, c.entity, c.entity_id, c.field)
    )


def _head(change: Change) -> ConflictHead:
    return ConflictHead(
        change.value, stamp_time(change.hlc), change.author, change.device_id, change.change_id
    )


def _org_of(workspace: Workspace, spec: EntitySpec, entity_id: str) -> str:
    if spec is ORGANISATION:
        return entity_id
    db = workspace.db
    if spec.name == "correction":
        row = db.execute(
            "SELECT i.org_id FROM correction c JOIN interview i ON i.id = c.interview_id "
            "WHERE c.id = ?",
            (entity_id,),
        ).fetchone()
    elif spec.parent_field:
        row = db.execute(
            f"SELECT {spec.parent_field} FROM {spec.table} WHERE id = ?", (entity_id,)
        ).fetchone()
    else:
        row = None
    return str(row[0]) if row and row[0] else ""


def resolve_conflict(
    workspace: Workspace, entity: str, entity_id: str, field_name: str, value: Any
) -> None:
    """Decide a conflict: one change, superseding every head, sets the field to ``value``.

    ``value`` may be one of the heads' values or a new one. One undoable action.
    """
    spec = ENTITIES.get(entity)
    if spec is None:
        raise ConflictError(f"Unknown kind of record {entity!r}.")
    state = workspace.log.field_state(entity_id, field_name)
    if not state.in_conflict:
        raise ConflictError("That field is not in conflict (someone may have decided already).")
    with workspace.log.transaction(f"decide conflict in {field_name}") as tx:
        tx.set(spec, entity_id, field_name, value)
