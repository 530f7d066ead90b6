"""Reading and writing organisational profiles, always through the change log."""

from __future__ import annotations

import builtins
import json
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz, process, utils

from ctip_desktop.profiles.model import Contact, Headline, Organisation
from ctip_desktop.storage.changelog import ChangeLog
from ctip_desktop.storage.entities import CONTACT, HEADLINE, ORGANISATION

# Sort keys the list offers, mapped to SQL (never user text in SQL).
SORT_COLUMNS = {
    "name": "o.name COLLATE NOCASE",
    "sectors": "o.sectors",
    "countries": "o.countries",
    "stage": "o.stage",
    "supply_chain_role": "o.supply_chain_role",
    "homework": "homework",  # replaced by the expression itself
    "updated_at": "o.updated_at",
}

# Words that make two spellings of one company look different ("Co., Ltd." and "Company").
_LEGAL_FORMS = re.compile(
    r"\b(co|company|ltd|limited|inc|incorporated|corp|corporation|plc|pte|pt|tbk|jsc|llc|"
    r"group|holdings?|public|sdn|bhd)\b\.?",
    re.IGNORECASE,
)


Child = TypeVar("Child", Contact, Headline)

# The clock stamp of a record's first change: creation order, stable across rebuilds and merges.
_CREATION_ORDER = "(SELECT min(c.hlc) FROM change c WHERE c.entity_id = id)"


@dataclass(frozen=True)
class OrganisationFilter:
    search: str = ""
    sector: str = ""
    country: str = ""
    stage: str = ""
    sort: str = "name"
    descending: bool = False
    include_deleted: bool = False


@dataclass(frozen=True)
class OrganisationRow:
    """One line of the organisation list."""

    id: str
    name: str
    other_names: list[str]
    sectors: list[str]
    countries: list[str]
    stage: str
    supply_chain_role: str
    homework: int
    updated_at: str


@dataclass(frozen=True)
class SimilarName:
    id: str
    name: str
    score: float


def _fts_phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _homework_sql() -> str:
    return (
        "((o.description <> '') + (o.countries <> '[]' OR o.places <> '')"
        " + (o.fair_labour_investments <> '' OR o.memberships <> '[]')"
        " + (o.media_scan_date <> '' OR EXISTS (SELECT 1 FROM headline h"
        " WHERE h.org_id = o.id AND h.deleted = 0)))"
    )


def comparable_name(name: str) -> str:
    """A company name without case, punctuation and legal forms, for duplicate hints."""
    return " ".join(utils.default_process(_LEGAL_FORMS.sub(" ", name)).split())


@dataclass
class ProfileStore:
    log: ChangeLog
    _name_cache: dict[str, str] | None = field(default=None, repr=False)

    @property
    def db(self) -> Any:
        return self.log.db

    # ----- writing -----------------------------------------------------------------------

    def save(self, organisation: Organisation) -> str:
        """Create or update a profile with its contacts and headlines, as one undoable action.

        Raises ValidationError (and writes nothing) when the profile has problems.
        """
        org = organisation.validated()
        existing = self.get(org.id) if org.id else None
        label = f"edit “{org.name}”" if existing else f"create “{org.name}”"
        with self.log.transaction(label) as tx:
            values = org.values()
            values.pop("primary_contact_id")
            if existing:
                tx.update(ORGANISATION, org.id, values)
                org_id = org.id
            else:
                org_id = tx.create(ORGANISATION, values)
            primary = ""
            kept_contacts = set()
            for contact in org.contacts:
                if contact.id:
                    tx.update(CONTACT, contact.id, contact.values())
                    contact_id = contact.id
                else:
                    contact_id = tx.create(CONTACT, {"org_id": org_id, **contact.values()})
                kept_contacts.add(contact_id)
                if contact.primary:
                    primary = contact_id
            kept_headlines = set()
            for headline in org.headlines:
                if headline.id:
                    tx.update(HEADLINE, headline.id, headline.values())
                    kept_headlines.add(headline.id)
                else:
                    kept_headlines.add(tx.create(HEADLINE, {"org_id": org_id, **headline.values()}))
            if existing:
                for contact in existing.contacts:
                    if contact.id not in kept_contacts:
                        tx.delete(CONTACT, contact.id)
                for headline in existing.headlines:
                    if headline.id not in kept_headlines:
                        tx.delete(HEADLINE, headline.id)
            tx.set(ORGANISATION, org_id, "primary_contact_id", primary)
        self._name_cache = None
        return org_id

    def create_many(
        self, organisations: builtins.list[Organisation], label: str
    ) -> builtins.list[str]:
        """Create new profiles (without contacts or headlines) as ONE undoable action, in one
        transaction: an import of a thousand rows is taken back with one Undo.

        Raises ValidationError (and writes nothing) when any profile has problems.
        """
        checked = [organisation.validated() for organisation in organisations]
        ids = []
        with self.log.transaction(label) as tx:
            for org in checked:
                values = org.values()
                values.pop("primary_contact_id")
                ids.append(tx.create(ORGANISATION, values))
        self._name_cache = None
        return ids

    def delete(self, org_id: str) -> None:
        """Mark an organisation deleted (a tombstone: undo brings it back)."""
        name = self.db.execute("SELECT name FROM organisation WHERE id = ?", (org_id,)).fetchone()
        if name is None:
            raise KeyError(org_id)
        with self.log.transaction(f"delete “{name[0]}”") as tx:
            tx.delete(ORGANISATION, org_id)
        self._name_cache = None

    # ----- reading -----------------------------------------------------------------------

    def get(self, org_id: str) -> Organisation | None:
        row = self.db.execute(
            "SELECT * FROM organisation WHERE id = ? AND deleted = 0", (org_id,)
        ).fetchone()
        if row is None:
            return None
        columns = [d[0] for d in self.db.execute("SELECT * FROM organisation LIMIT 0").description]
        data = dict(zip(columns, row, strict=True))
        org = Organisation(
            **{
                k: (json.loads(v) if k in ORGANISATION.set_fields else v)
                for k, v in data.items()
                if k in Organisation.__dataclass_fields__
            }
        )
        org.contacts = self._children(
            Contact, "contact", ("name", "role", "email", "phone", "notes"), org_id, _CREATION_ORDER
        )
        for contact in org.contacts:
            contact.primary = contact.id == org.primary_contact_id
        org.headlines = self._children(
            Headline,
            "headline",
            ("headline", "date", "source", "link", "tone", "note"),
            org_id,
            f"date DESC, {_CREATION_ORDER}",
        )
        return org

    def _children(
        self, kind: type[Child], table: str, columns: tuple[str, ...], org_id: str, order: str
    ) -> builtins.list[Child]:
        """The live contacts or headlines of an organisation, as records."""
        names = ("id", "org_id", *columns)
        rows = self.db.execute(
            f"SELECT {', '.join(names)} FROM {table} WHERE org_id = ? AND deleted = 0 "
            f"ORDER BY {order}",
            (org_id,),
        ).fetchall()
        return [kind(**dict(zip(names, row, strict=True))) for row in rows]

    def list(self, flt: OrganisationFilter | None = None) -> list[OrganisationRow]:
        """The organisations a filter selects, in its sort order."""
        ids = self.list_ids(flt)
        rows = self.rows_by_id(ids)
        return [rows[org_id] for org_id in ids]

    def list_ids(self, flt: OrganisationFilter | None = None) -> builtins.list[str]:
        """Only the ids, in order: what the window needs on each keystroke (rows come later)."""
        flt = flt or OrganisationFilter()
        where: builtins.list[str] = [] if flt.include_deleted else ["o.deleted = 0"]
        params: builtins.list[Any] = []
        match_terms: builtins.list[str] = []
        for token in flt.search.split():
            if len(token) >= 3:
                match_terms.append(_fts_phrase(token))
            else:  # trigrams need three characters: short fragments match names directly
                where.append(
                    "(o.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(o.other_names)"
                    " WHERE value LIKE ? ESCAPE '\\'))"
                )
                like = "%" + re.sub(r"([%_\\])", r"\\\1", token) + "%"
                params += [like, like]
        if match_terms:
            where.append(
                "o.rowid IN (SELECT rowid FROM organisation_fts WHERE organisation_fts MATCH ?)"
            )
            params.append(" AND ".join(match_terms))
        for column, value in (("sectors", flt.sector), ("countries", flt.country)):
            if value:
                where.append(f"EXISTS (SELECT 1 FROM json_each(o.{column}) WHERE value = ?)")
                params.append(value)
        if flt.stage:
            where.append("o.stage = ?")
            params.append(flt.stage)
        order = SORT_COLUMNS.get(flt.sort, SORT_COLUMNS["name"])
        if flt.sort == "homework":
            order = _homework_sql()
        direction = "DESC" if flt.descending else "ASC"
        sql = (
            "SELECT o.id FROM organisation o"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order} {direction}, o.name COLLATE NOCASE, o.id"
        )
        return [r[0] for r in self.db.execute(sql, params).fetchall()]

    def rows_by_id(self, ids: builtins.list[str]) -> dict[str, OrganisationRow]:
        """List rows for the given ids (the window asks for the ones it shows)."""
        rows: dict[str, OrganisationRow] = {}
        for offset in range(0, len(ids), 500):  # SQLite caps the number of parameters
            chunk = ids[offset : offset + 500]
            for r in self.db.execute(
                "SELECT o.id, o.name, o.other_names, o.sectors, o.countries, o.stage, "
                f"o.supply_chain_role, {_homework_sql()} AS homework, o.updated_at "
                f"FROM organisation o WHERE o.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall():
                rows[r[0]] = OrganisationRow(
                    id=r[0],
                    name=r[1],
                    other_names=json.loads(r[2]),
                    sectors=json.loads(r[3]),
                    countries=json.loads(r[4]),
                    stage=r[5],
                    supply_chain_role=r[6],
                    homework=r[7],
                    updated_at=r[8],
                )
        return rows

    def used_values(self, column: str) -> builtins.list[str]:
        """Distinct sectors or countries in use, for the filter menus."""
        if column not in ("sectors", "countries"):
            raise ValueError(column)
        rows = self.db.execute(
            f"SELECT DISTINCT j.value FROM organisation o, json_each(o.{column}) j "
            "WHERE o.deleted = 0 ORDER BY j.value"
        ).fetchall()
        return [r[0] for r in rows]

    def similar_names(
        self, name: str, *, exclude: str = "", limit: int = 5
    ) -> builtins.list[SimilarName]:
        """Existing organisations whose name looks like ``name`` (a possible duplicate)."""
        wanted = comparable_name(name)
        if not wanted:
            return []
        if self._name_cache is None:
            rows = self.db.execute(
                "SELECT id, name, other_names FROM organisation WHERE deleted = 0"
            ).fetchall()
            cache = {}
            for org_id, org_name, other_names in rows:
                for index, candidate in enumerate([org_name, *json.loads(other_names)]):
                    cache[f"{org_id}|{index}|{candidate}"] = comparable_name(candidate)
            self._name_cache = cache
        found = process.extract(
            wanted, self._name_cache, scorer=fuzz.token_sort_ratio, score_cutoff=85, limit=50
        )
        results: dict[str, SimilarName] = {}
        for _, score, key in found:
            org_id, _, candidate = key.split("|", 2)
            if org_id != exclude and org_id not in results:
                results[org_id] = SimilarName(org_id, candidate, score)
        return sorted(results.values(), key=lambda s: -s.score)[:limit]

    def latest_changed_organisation(self) -> str:
        """The organisation the change written last to this file belongs to ('' if none)."""
        row = self.db.execute(
            "SELECT entity, entity_id FROM change ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return ""
        entity, entity_id = row
        if entity == ORGANISATION.name:
            return str(entity_id)
        table = {CONTACT.name: CONTACT.table, HEADLINE.name: HEADLINE.table}.get(entity)
        if table is None:
            return ""
        owner = self.db.execute(f"SELECT org_id FROM {table} WHERE id = ?", (entity_id,)).fetchone()
        return str(owner[0]) if owner and owner[0] else ""

    def counts(self) -> dict[str, int]:
        counts = {}
        for table in ("organisation", "contact", "headline"):
            counts[table] = self.db.execute(
                f"SELECT count(*) FROM {table} WHERE deleted = 0"
            ).fetchone()[0]
        counts["change"] = self.db.execute("SELECT count(*) FROM change").fetchone()[0]
        return counts
