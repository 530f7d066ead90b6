"""The entities kept in the change log, and the current-state table each one projects to.

Scalar fields take the value of their latest change; set fields (JSON lists in the table) are
observed-remove sets, so concurrent additions on two laptops both survive a merge.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntitySpec:
    name: str
    table: str
    scalar_fields: tuple[str, ...]
    set_fields: tuple[str, ...] = ()
    # The field naming the owning record, whose search row must follow this entity's changes.
    parent_field: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return self.scalar_fields + self.set_fields


ORGANISATION = EntitySpec(
    name="organisation",
    table="organisation",
    scalar_fields=(
        "name",
        "description",
        "places",
        "supply_chain_role",
        "size_band",
        "website",
        "fair_labour_investments",
        "stage",
        "notes",
        "primary_contact_id",
        "media_scan_date",
    ),
    set_fields=("other_names", "sectors", "countries", "memberships", "tags"),
)

CONTACT = EntitySpec(
    name="contact",
    table="contact",
    scalar_fields=("org_id", "name", "role", "email", "phone", "notes"),
    parent_field="org_id",
)

HEADLINE = EntitySpec(
    name="headline",
    table="headline",
    scalar_fields=("org_id", "date", "source", "headline", "link", "tone", "note"),
    parent_field="org_id",
)

# Order matters when rebuilding: owners before the records that point at them.
ENTITIES: dict[str, EntitySpec] = {spec.name: spec for spec in (ORGANISATION, CONTACT, HEADLINE)}

DELETED_FIELD = "_deleted"
