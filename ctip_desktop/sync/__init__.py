"""Team sync: merging database files from several laptops, in any order, losing nothing.

See docs/sync.md for the model. The core has no Qt: the window builds on these functions.
"""

from ctip_desktop.backups import backup_database
from ctip_desktop.sync.conflicts import (
    Conflict,
    ConflictError,
    ConflictHead,
    open_conflicts,
    resolve_conflict,
)
from ctip_desktop.sync.duplicates import (
    CombineError,
    DuplicateCandidate,
    combine_organisations,
    duplicate_candidates,
)
from ctip_desktop.sync.errors import PassphraseNeededError, SyncError, WrongPassphraseFileError
from ctip_desktop.sync.merge import (
    MergePreview,
    MergeRecord,
    MergeResult,
    OrganisationPreview,
    merge,
    merge_history,
    preview_merge,
    record_refusal,
)
from ctip_desktop.sync.package import export_for_sync, sync_file_name
from ctip_desktop.sync.validate import IncomingFile, IncomingLimits, inspect_incoming

__all__ = [
    "CombineError",
    "Conflict",
    "ConflictError",
    "ConflictHead",
    "DuplicateCandidate",
    "IncomingFile",
    "IncomingLimits",
    "MergePreview",
    "MergeRecord",
    "MergeResult",
    "OrganisationPreview",
    "PassphraseNeededError",
    "SyncError",
    "WrongPassphraseFileError",
    "backup_database",
    "combine_organisations",
    "duplicate_candidates",
    "export_for_sync",
    "inspect_incoming",
    "merge",
    "merge_history",
    "open_conflicts",
    "preview_merge",
    "record_refusal",
    "resolve_conflict",
    "sync_file_name",
]
