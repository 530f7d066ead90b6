"""Finding the organisation a name in an imported file means: one helper for the
organisations import (is it in the database already?) and the submissions import (whose
interview is it?).

A name matches an organisation's name or one of its other names ignoring case and spacing;
failing that, compared as the duplicate hints compare them (``comparable_name``: without
punctuation and legal forms, so "Auspicious Cloud Logistics Co Ltd" is "Auspicious Cloud
Logistics Co., Ltd."). A name that matches nothing gets the closest existing name
(``ProfileStore.similar_names``) to suggest.
"""

from __future__ import annotations

import json

from ctip_desktop.profiles.repository import comparable_name
from ctip_desktop.workspace import Workspace


def plain_name(name: str) -> str:
    """A name ignoring case and spacing."""
    return " ".join(name.split()).casefold()


def loose_name(name: str) -> str:
    """A name without case, punctuation and legal forms ('' when nothing is left)."""
    return comparable_name(name)


class OrganisationNames:
    """The live organisations of a database by their names and other names."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._plain: dict[str, list[tuple[str, str]]] = {}
        self._loose: dict[str, list[tuple[str, str]]] = {}
        for org_id, name, other_names in workspace.db.execute(
            "SELECT id, name, other_names FROM organisation WHERE deleted = 0"
        ):
            for candidate in [name, *json.loads(other_names)]:
                for index, key in ((self._plain, plain_name(candidate)),
                                   (self._loose, loose_name(candidate))):  # fmt: skip
                    if key and (org_id, name) not in index.get(key, []):
                        index.setdefault(key, []).append((org_id, name))

    def matches(self, name: str) -> list[tuple[str, str]]:
        """(id, name) of the organisations ``name`` names: exactly (ignoring case and
        spacing) if any does, else without punctuation and legal forms."""
        exact = self._plain.get(plain_name(name), [])
        if exact:
            return exact
        key = loose_name(name)
        return self._loose.get(key, []) if key else []

    def closest(self, name: str) -> str:
        """The existing name most like ``name`` ('' when none is close)."""
        similar = self.workspace.profiles.similar_names(name, limit=1)
        return similar[0].name if similar else ""
