"""Importing organisations from a CSV or XLSX file: guess a column mapping, preview, apply.

Each column of the file goes to one profile field, or is ignored; the mapping is guessed from
the headers (synonyms in English, as spreadsheets from partners name them) and can be changed
before anything is written. Each row then becomes a profile checked by the same rules as the
profile form (``Organisation.validated``); a row that fails, names an organisation the
database already holds, or repeats an earlier row is rejected with its row number and the
reason. The accepted rows are created in one transaction, as one action Undo takes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ctip_desktop.exchange.errors import ExchangeError
from ctip_desktop.exchange.names import OrganisationNames, loose_name, plain_name
from ctip_desktop.exchange.tables import Table, read_table
from ctip_desktop.profiles.model import VOCABULARY, Organisation, ValidationError
from ctip_desktop.workspace import Workspace

# Profile fields a column may go to, with the label the preview shows.
TARGETS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("other_names", "Other names"),
    ("description", "What the company does"),
    ("sectors", "Sectors"),
    ("countries", "Countries"),
    ("places", "Places"),
    ("supply_chain_role", "Supply chain role"),
    ("size_band", "Size"),
    ("website", "Website"),
    ("fair_labour_investments", "Fair labour investments and partnerships"),
    ("memberships", "Memberships"),
    ("stage", "Stage"),
    ("tags", "Tags"),
    ("notes", "Notes"),
    ("media_scan_date", "Date of the media scan"),
)
TARGET_LABELS = dict(TARGETS)
IGNORE = ""
LIST_FIELDS = {"other_names", "sectors", "countries", "memberships", "tags"}
# Fields whose value must be one of a vocabulary: matched ignoring case.
_VOCABULARIES = {"supply_chain_role": "supply_chain_roles", "size_band": "size_bands",
                 "stage": "stages"}  # fmt: skip
_SPLIT_LIST = re.compile(r"\s*[;|\n]\s*")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "organisation", "organization", "organisation name", "organization name",
             "company", "company name", "business", "business name", "employer", "org",
             "org name", "legal name"),
    "other_names": ("other names", "other name", "aka", "also known as", "alias", "aliases",
                    "local name", "trading name", "brand"),
    "description": ("description", "what they do", "what the company does", "activities",
                    "business description", "about", "profile"),
    "sectors": ("sector", "sectors", "industry", "industries"),
    "countries": ("country", "countries", "country of operation", "countries of operation"),
    "places": ("places", "place", "location", "locations", "city", "province", "address",
               "where", "operations"),
    "supply_chain_role": ("supply chain role", "role in supply chain", "company type", "type"),
    "size_band": ("size", "size band", "workers", "employees", "workforce", "company size"),
    "website": ("website", "web", "web site", "url", "homepage", "site"),
    "fair_labour_investments": ("fair labour investments", "fair labor investments",
                                "fair labour", "fair labor", "investments",
                                "fair labour investments and partnerships"),
    "memberships": ("memberships", "membership", "member of", "initiatives"),
    "stage": ("stage", "outreach stage", "status"),
    "tags": ("tags", "tag", "keywords", "labels"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "media_scan_date": ("media scan date", "date of media scan", "media scan"),
}  # fmt: skip


def _normal(header: str) -> str:
    return " ".join(re.sub(r"[_\-./:]+", " ", header).casefold().split())


def guess_mapping(headers: list[str]) -> list[str]:
    """For each column, the profile field its header names ('' to ignore it). A field goes
    to the first column that names it; the export's own headers map to themselves."""
    lookup = {_normal(field): field for field, _ in TARGETS}
    for target, words in _SYNONYMS.items():
        for word in words:
            lookup.setdefault(_normal(word), target)
    mapping: list[str] = []
    for header in headers:
        target = lookup.get(_normal(header), IGNORE)
        mapping.append(target if target not in mapping else IGNORE)
    return mapping


@dataclass
class OrganisationImportPlan:
    """What an import would do: the profiles to create and the rows rejected, and why."""

    table: Table
    mapping: list[str]
    accepted: list[tuple[int, Organisation]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.table.name


def _vocabulary_value(name: str, value: str) -> str:
    vocabulary = VOCABULARY[_VOCABULARIES[name]]
    wanted = " ".join(value.split()).casefold()
    return next((entry for entry in vocabulary if entry.casefold() == wanted), value)


def plan_organisation_import(
    workspace: Workspace, table: Table, mapping: list[str] | None = None
) -> OrganisationImportPlan:
    """Check every row against the profile rules with a mapping (guessed if not given)."""
    mapping = list(mapping if mapping is not None else guess_mapping(table.headers))
    mapping += [IGNORE] * (len(table.headers) - len(mapping))
    chosen = [target for target in mapping if target]
    repeated = sorted({t for t in chosen if chosen.count(t) > 1})
    if repeated:
        labels = ", ".join(TARGET_LABELS.get(t, t) for t in repeated)
        raise ExchangeError(f"Two columns go to the same field ({labels}): choose one of them.")
    if "name" not in chosen:
        raise ExchangeError(
            "No column goes to the organisation's name: choose which column holds it."
        )
    plan = OrganisationImportPlan(table, mapping)
    plan.rejected += table.problems
    existing = OrganisationNames(workspace)
    seen: dict[str, int] = {}
    for row in table.rows:
        values: dict[str, object] = {}
        for column, target in enumerate(mapping):
            if not target:
                continue
            text = row.get(column)
            if target in LIST_FIELDS:
                values[target] = [part for part in _SPLIT_LIST.split(text) if part]
            elif target in _VOCABULARIES:
                values[target] = _vocabulary_value(target, text.strip())
            else:
                values[target] = text.strip() if target != "notes" else text
        organisation = Organisation(**values)  # type: ignore[arg-type]
        try:
            organisation = organisation.validated()
        except ValidationError as error:
            plan.rejected.append((row.number, "; ".join(p.message for p in error.problems)))
            continue
        found = existing.matches(organisation.name)
        if found:
            plan.rejected.append(
                (row.number, f"“{found[0][1]}” is in the database already (not imported again)")
            )
            continue
        keys = {plain_name(organisation.name), loose_name(organisation.name)} - {""}
        earlier = next((seen[key] for key in keys if key in seen), 0)
        if earlier:
            plan.rejected.append((row.number, f"the same name as row {earlier}"))
            continue
        seen |= dict.fromkeys(keys, row.number)
        plan.accepted.append((row.number, organisation))
    plan.rejected.sort()
    return plan


def read_organisations(path: Path | str) -> Table:
    """The table of an organisations file (the sheet named ``organisations`` if any)."""
    return read_table(path, prefer_sheet="organisations")


def apply_organisation_import(workspace: Workspace, plan: OrganisationImportPlan) -> list[str]:
    """Create the accepted profiles as one undoable action; return their ids."""
    if not plan.accepted:
        return []
    count = len(plan.accepted)
    label = f"import {count} organisation{'s' if count != 1 else ''} from {plan.file_name}"
    return workspace.profiles.create_many([org for _, org in plan.accepted], label)
