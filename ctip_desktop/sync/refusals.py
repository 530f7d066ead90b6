"""Files the app refused to merge, kept beside the databases rather than in them.

A refused merge must leave the local database byte-for-byte unchanged, yet the merge history
should still say which file was refused and why: so refusals go to a small JSON-lines log in
the data folder, keyed by the database they were meant for.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ctip_desktop import paths

log = logging.getLogger(__name__)

_LOG_NAME = "refused-merges.jsonl"
_KEEP = 500  # lines; older refusals are dropped when the log is rewritten


@dataclass(frozen=True)
class Refusal:
    database: str
    file_name: str
    reason: str
    at: str  # UTC, ISO 8601


def _log_path() -> Path:
    return paths.data_dir() / _LOG_NAME


def record_refused(database: Path | str, incoming: Path | str, reason: str) -> Refusal:
    """Note that ``incoming`` was refused for ``database`` (never fails the caller)."""
    refusal = Refusal(
        database=str(Path(database).resolve()),
        file_name=Path(incoming).name,
        reason=reason,
        at=datetime.now(tz=UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    )
    try:
        path = _log_path()
        lines = path.read_text("utf-8").splitlines() if path.exists() else []
        lines.append(json.dumps(refusal.__dict__, ensure_ascii=False))
        path.write_text("\n".join(lines[-_KEEP:]) + "\n", encoding="utf-8")
    except OSError:
        log.exception("could not record a refused merge")
    return refusal


def refusals_for(database: Path | str) -> list[Refusal]:
    """The refusals recorded for a database, newest first."""
    wanted = str(Path(database).resolve())
    try:
        lines = _log_path().read_text("utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        try:
            data = json.loads(line)
            refusal = Refusal(**{k: str(data[k]) for k in Refusal.__dataclass_fields__})
        except (ValueError, KeyError, TypeError):
            continue  # a damaged line in a log is not worth an error
        if refusal.database == wanted:
            found.append(refusal)
    return found[::-1]
