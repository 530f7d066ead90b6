"""Per-installation settings: the interviewer's name and this laptop's device id.

The device id belongs to the installation, not to a database file: a file copied to another
laptop writes its changes under that laptop's id, so merges can tell the writers apart.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ctip_desktop import paths

log = logging.getLogger(__name__)


@dataclass
class Settings:
    device_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    interviewer_name: str = ""
    last_database: str = ""
    first_run_done: bool = False
    # The questionnaire the last new interview used: offered first next time.
    last_questionnaire: str = ""
    # The folder the last PDF export went to.
    export_folder: str = ""
    # The language of the window (a code such as "th"); '' follows the system's.
    ui_language: str = ""
    # Minutes without key or mouse input before the window of an encrypted database locks
    # (0: never).
    lock_minutes: int = 10

    @staticmethod
    def path() -> Path:
        return paths.config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """Read the settings, creating them (with a new device id) on first use.

        A damaged settings file is set aside, never a reason not to start.
        """
        path = cls.path()
        settings = cls()
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
                settings = cls(**known)
                uuid.UUID(hex=settings.device_id)
                if isinstance(settings.lock_minutes, bool) or not isinstance(
                    settings.lock_minutes, int
                ):
                    settings.lock_minutes = cls.lock_minutes
                settings.lock_minutes = max(0, settings.lock_minutes)
            except (ValueError, TypeError, OSError) as error:
                log.warning("settings file %s unreadable (%s); starting afresh", path, error)
                path.replace(path.with_suffix(".damaged.json"))
                settings = cls()
        if not path.exists():
            settings.save()
        return settings

    def save(self) -> None:
        path = self.path()
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), "utf-8")
        os.replace(temporary, path)  # atomic: a crash leaves the old file or the new one
