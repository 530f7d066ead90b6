"""The entities kept in the change log, and the current-state table each one projects to.

Scalar fields take the value of their latest change; set fields (JSON lists in the table) are
observed-remove sets, so concurrent additions on two laptops both survive a merge.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyedFields:
    """Open-ended scalar fields ``prefix + key`` (an interview's answers, keyed by item id).

    Each one projects to its own row of ``table`` (owner, key, value, first and last change),
    so every answer has its own history and merges on its own.
    """

    prefix: str
    table: str
    owner_column: str
    key_column: str


@dataclass(frozen=True)
class EntitySpec:
    name: str
    table: str
    scalar_fields: tuple[str, ...]
    set_fields: tuple[str, ...] = ()
    # The field naming the owning organisation.
    parent_field: str | None = None
    # Whether the owning organisation's search row includes this entity's text.
    feeds_search: bool = False
    keyed: KeyedFields | None = None

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
    feeds_search=True,
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
    feeds_search=True,
)

ANSWER_PREFIX = "answer:"

INTERVIEW = EntitySpec(
    name="interview",
    table="interview",
    scalar_fields=(
        "org_id",
        "questionnaire_id",
        "questionnaire_version",
        "interviewer",
        "started_at",
        "mode",
        "place",
        "language",
        "status",
        "notes",
        "position",
        "completed_at",
        "review_state",
        "review_comment",
        "reviewed_by",
        "reviewed_at",
        "questionnaire_language",
    ),
    set_fields=("contact_ids",),
    parent_field="org_id",
    keyed=KeyedFields(
        prefix=ANSWER_PREFIX, table="answer", owner_column="interview_id", key_column="item_id"
    ),
)

CORRECTION = EntitySpec(
    name="correction",
    table="correction",
    scalar_fields=("interview_id", "reason"),
    set_fields=("items",),
)

# Order matters when rebuilding: owners before the records that point at them.
# What the team decided about one recommendation for one organisation. Its id is derived
# from both, so decisions taken on two laptops meet in one record (and conflict if they differ).
DECISION = EntitySpec(
    name="decision",
    table="recommendation_decision",
    scalar_fields=("org_id", "rule_id", "title", "status", "reason", "note"),
    parent_field="org_id",
)

FOLLOW_UP = EntitySpec(
    name="follow_up",
    table="follow_up",
    scalar_fields=("org_id", "rule_id", "step", "owner", "due", "status", "outcome"),
    parent_field="org_id",
)

ENTITIES: dict[str, EntitySpec] = {
    spec.name: spec
    for spec in (ORGANISATION, CONTACT, HEADLINE, INTERVIEW, CORRECTION, DECISION, FOLLOW_UP)
}

DELETED_FIELD = "_deleted"
# One change creates a record: its value holds the record's first scalar values (those not
# empty), and it stands for one change of each of them and of DELETED_FIELD (False).
# Creating a record used to write one change per field; a merge of 10,000 organisations
# then moved three times the rows. Set fields and keyed fields keep their own changes.
CREATED_FIELD = "_created"
