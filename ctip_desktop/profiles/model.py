"""Organisation, contact and headline records, their vocabularies and validation rules."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from datetime import date
from importlib import resources
from typing import Any

VOCABULARY: dict[str, list[str]] = json.loads(
    resources.files("ctip_desktop.profiles").joinpath("vocabulary.json").read_text("utf-8")
)

MAX_NAME = 300
MAX_SHORT_TEXT = 2_000
MAX_LONG_TEXT = 200_000  # a long field note (50 KB and more) must fit
MAX_LIST_ITEM = 200

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-./\s]*(?:(?:ext|x)\.?\s*[0-9]+)?$", re.IGNORECASE)
_HOST = re.compile(r"^[^\s/]+\.[^\s/]+")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a form: the field it concerns, and what to do about it."""

    field: str
    message: str


class ValidationError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def normalise_url(text: str) -> str:
    text = text.strip()
    if text and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        text = "https://" + text
    return text


def _url_problem(name: str, label: str, text: str) -> list[Problem]:
    if not text:
        return []
    host = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", text)
    if not text.lower().startswith(("http://", "https://")) or not _HOST.match(host):
        return [Problem(name, f"{label} should be a web address such as https://example.org.")]
    return []


def _date_problem(name: str, label: str, text: str) -> list[Problem]:
    if not text:
        return []
    try:
        date.fromisoformat(text)
    except ValueError:
        return [Problem(name, f"{label} should be a date written as YYYY-MM-DD.")]
    return []


def _text_problems(record: Any, limits: dict[str, int]) -> list[Problem]:
    problems = []
    for item in fields(record):
        value = getattr(record, item.name)
        values = value if isinstance(value, list) else [value]
        for text in values:
            if not isinstance(text, str):
                continue
            if "\x00" in text:
                problems.append(Problem(item.name, f"{_label(item.name)} contains a NUL byte."))
            limit = limits.get(item.name, MAX_LIST_ITEM if isinstance(value, list) else 0)
            if limit and len(text) > limit:
                problems.append(
                    Problem(item.name, f"{_label(item.name)} is longer than {limit:,} characters.")
                )
    return problems


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _choice_problem(name: str, value: str, vocabulary: str) -> list[Problem]:
    if value and value not in VOCABULARY[vocabulary]:
        return [
            Problem(name, f"{_label(name)} must be one of: {', '.join(VOCABULARY[vocabulary])}.")
        ]
    return []


def _clean_list(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if value and value not in seen:
            seen.append(value)
    return seen


@dataclass
class Contact:
    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    id: str = ""
    org_id: str = ""
    # Kept on the organisation (primary_contact_id); carried here while a form is edited.
    primary: bool = False

    def cleaned(self) -> Contact:
        return Contact(
            name=" ".join(self.name.split()),
            role=self.role.strip(),
            email=self.email.strip(),
            phone=self.phone.strip(),
            notes=self.notes.rstrip(),
            id=self.id,
            org_id=self.org_id,
            primary=self.primary,
        )

    def problems(self) -> list[Problem]:
        problems = []
        if not self.name.strip():
            problems.append(Problem("name", "A contact needs a name."))
        if self.email.strip() and not _EMAIL.match(self.email.strip()):
            problems.append(Problem("email", f"“{self.email}” is not an email address."))
        if self.phone.strip() and not _PHONE.match(self.phone.strip()):
            problems.append(
                Problem("phone", "A phone number may hold digits, spaces, + - ( ) . / and ext.")
            )
        limits = {"name": MAX_NAME, "notes": MAX_LONG_TEXT}
        limits |= {"role": MAX_SHORT_TEXT, "email": MAX_NAME, "phone": 100}
        return problems + _text_problems(self, limits)

    def values(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("name", "role", "email", "phone", "notes")}


@dataclass
class Headline:
    headline: str = ""
    date: str = ""
    source: str = ""
    link: str = ""
    tone: str = ""
    note: str = ""
    id: str = ""
    org_id: str = ""

    def cleaned(self) -> Headline:
        return Headline(
            headline=" ".join(self.headline.split()),
            date=self.date.strip(),
            source=self.source.strip(),
            link=normalise_url(self.link),
            tone=self.tone.strip(),
            note=self.note.rstrip(),
            id=self.id,
            org_id=self.org_id,
        )

    def problems(self) -> list[Problem]:
        problems = []
        if not self.headline.strip():
            problems.append(Problem("headline", "A media headline needs its text."))
        problems += _date_problem("date", "The headline's date", self.date)
        problems += _url_problem("link", "The link", self.link)
        problems += _choice_problem("tone", self.tone, "tones")
        limits = {"headline": MAX_SHORT_TEXT, "source": MAX_NAME, "link": MAX_SHORT_TEXT}
        limits["note"] = MAX_LONG_TEXT
        return problems + _text_problems(self, limits)

    def values(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("headline", "date", "source", "link", "tone", "note")}


HOMEWORK = (
    ("description", "What the company does"),
    ("operations", "Where it operates"),
    ("fair_labour", "Investments and partnerships in fair labour and social issues"),
    ("media", "A quick scan of media headlines"),
)


@dataclass(frozen=True)
class Completeness:
    """Which of the seed's four homework elements a profile covers."""

    done: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def summary(self) -> str:
        return f"{len(self.done)} of {len(HOMEWORK)}"


@dataclass
class Organisation:
    name: str = ""
    other_names: list[str] = field(default_factory=list)
    description: str = ""
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places: str = ""
    supply_chain_role: str = ""
    size_band: str = ""
    website: str = ""
    fair_labour_investments: str = ""
    memberships: list[str] = field(default_factory=list)
    stage: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    primary_contact_id: str = ""
    media_scan_date: str = ""
    id: str = ""
    created_at: str = ""
    created_by: str = ""
    created_device: str = ""
    updated_at: str = ""
    updated_by: str = ""
    contacts: list[Contact] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)

    EDITABLE = (
        "name",
        "other_names",
        "description",
        "sectors",
        "countries",
        "places",
        "supply_chain_role",
        "size_band",
        "website",
        "fair_labour_investments",
        "memberships",
        "stage",
        "tags",
        "notes",
        "primary_contact_id",
        "media_scan_date",
    )

    def cleaned(self) -> Organisation:
        """Trim spaces, drop empty and repeated list entries, complete a bare web address."""
        copy = Organisation(**{f.name: getattr(self, f.name) for f in fields(self)})
        copy.name = " ".join(self.name.split())
        for name in ("other_names", "sectors", "countries", "memberships", "tags"):
            setattr(copy, name, _clean_list(getattr(self, name)))
        for name in ("description", "places", "fair_labour_investments", "notes"):
            setattr(copy, name, getattr(self, name).rstrip())
        copy.website = normalise_url(self.website)
        copy.media_scan_date = self.media_scan_date.strip()
        copy.contacts = [c.cleaned() for c in self.contacts]
        copy.headlines = [h.cleaned() for h in self.headlines]
        return copy

    def problems(self) -> list[Problem]:
        problems = []
        if not self.name.strip():
            problems.append(Problem("name", "The organisation needs a name."))
        problems += _url_problem("website", "The website", self.website)
        problems += _choice_problem(
            "supply_chain_role", self.supply_chain_role, "supply_chain_roles"
        )
        problems += _choice_problem("size_band", self.size_band, "size_bands")
        problems += _choice_problem("stage", self.stage, "stages")
        problems += _date_problem(
            "media_scan_date", "The date of the media scan", self.media_scan_date
        )
        limits = {"name": MAX_NAME, "website": MAX_SHORT_TEXT, "places": MAX_SHORT_TEXT}
        for long_field in ("description", "fair_labour_investments", "notes"):
            limits[long_field] = MAX_LONG_TEXT
        problems += _text_problems(self, limits)
        for number, contact in enumerate(self.contacts, 1):
            problems += [
                Problem(f"contacts[{number - 1}].{p.field}", f"Contact {number}: {p.message}")
                for p in contact.problems()
            ]
        for number, headline in enumerate(self.headlines, 1):
            problems += [
                Problem(f"headlines[{number - 1}].{p.field}", f"Headline {number}: {p.message}")
                for p in headline.problems()
            ]
        if sum(c.primary for c in self.contacts) > 1:
            problems.append(
                Problem("contacts", "Only one contact can be the primary representative.")
            )
        return problems

    def validated(self) -> Organisation:
        """The cleaned profile, or ValidationError listing every problem."""
        cleaned = self.cleaned()
        problems = cleaned.problems()
        if problems:
            raise ValidationError(problems)
        return cleaned

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.EDITABLE}

    def completeness(self) -> Completeness:
        checks = {
            "description": bool(self.description.strip()),
            "operations": bool(self.countries or self.places.strip()),
            "fair_labour": bool(self.fair_labour_investments.strip() or self.memberships),
            "media": bool(self.headlines or self.media_scan_date),
        }
        done = tuple(label for key, label in HOMEWORK if checks[key])
        missing = tuple(label for key, label in HOMEWORK if not checks[key])
        return Completeness(done, missing)

    @property
    def primary_contact(self) -> Contact | None:
        return next((c for c in self.contacts if c.id == self.primary_contact_id), None)
