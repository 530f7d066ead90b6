"""An open database with everything that works on it: the change log and the stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from ctip_desktop.decisions.repository import DecisionStore
from ctip_desktop.interviews.repository import InterviewStore
from ctip_desktop.profiles.repository import ProfileStore
from ctip_desktop.questionnaires.model import builtin_questionnaires
from ctip_desktop.questionnaires.translations import load_translations
from ctip_desktop.settings import Settings
from ctip_desktop.storage.changelog import ChangeLog
from ctip_desktop.storage.connection import FileKey, key_of, open_database


@dataclass
class Workspace:
    path: Path
    db: Database
    log: ChangeLog
    profiles: ProfileStore = field(init=False)
    interviews: InterviewStore = field(init=False)
    decisions: DecisionStore = field(init=False)

    def __post_init__(self) -> None:
        self.profiles = ProfileStore(self.log)
        # Translation files in the user folder are read when a database is opened.
        self.interviews = InterviewStore(
            self.log, builtin_questionnaires(), load_translations(builtin_questionnaires())
        )
        self.decisions = DecisionStore(self.log)

    @property
    def key(self) -> FileKey | None:
        """The key of an encrypted database (None for a plain one): every further
        connection to the file (backups, export for sync, a merge's reader) opens with it."""
        return key_of(self.db)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def close(self) -> None:
        self.db.close()


def open_workspace(
    path: Path | str,
    settings: Settings,
    *,
    create: bool = True,
    passphrase: str | None = None,
    key: FileKey | None = None,
) -> Workspace:
    """Open a database for this installation: its changes carry this laptop's device id.

    An encrypted file needs its ``passphrase`` (or the ``key`` an earlier opening derived);
    a new file created with a passphrase is encrypted.
    """
    db = open_database(path, create=create, passphrase=passphrase, key=key)
    log = ChangeLog(db, device_id=settings.device_id, author=settings.interviewer_name)
    return Workspace(Path(path), db, log)
