"""The fictional demo data: deterministic, complete, multilingual, and never a real company."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import pytest

from ctip_desktop.demo import demo_organisations, generate_demo
from ctip_desktop.profiles.model import VOCABULARY, Organisation
from ctip_desktop.profiles.repository import comparable_name
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace

# Companies named in the seed document (and a few more well-known ones): demo data must
# never use a real company's name.
REAL_COMPANIES = (
    "H&M",
    "Inditex",
    "Marks and Spencer",
    "Marks & Spencer",
    "Primark",
    "Unilever",
    "L'Oreal",
    "L’Oréal",
    "Gap Inc",
    "Mars Petcare",
    "Patagonia",
    "Thai Union",
    "FairAgora",
    "Verifik8",
    "Labor Solutions",
    "Diginex",
    "HealthServe",
    "Earthworm",
    "Charoen Pokphand",
    "Nestle",
    "Nestlé",
    "Walmart",
    "Foxconn",
    "Samsung",
)

SCRIPTS = {
    "Thai": (0x0E00, 0x0E7F),
    "Khmer": (0x1780, 0x17FF),
    "Burmese": (0x1000, 0x109F),
    "Chinese": (0x4E00, 0x9FFF),
}
# Letters only Vietnamese uses among the Latin scripts here: ă â đ ê ô ơ ư and the
# precomposed tone marks of Latin Extended Additional (ạ ả ấ ... ỹ).
VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
SCRIPT_COUNTRIES = {
    "Thai": {"Thailand"},
    "Khmer": {"Cambodia"},
    "Burmese": {"Myanmar"},
    "Chinese": {"China", "Taiwan", "Hong Kong"},
    "Vietnamese": {"Vietnam"},
}


def scripts_in(text: str) -> set[str]:
    found = {
        script
        for script, (low, high) in SCRIPTS.items()
        if any(low <= ord(c) <= high for c in text)
    }
    if any(c in VIETNAMESE for c in text):
        found.add("Vietnamese")
    return found


def open_fresh(path: Path) -> Workspace:
    return open_workspace(path, Settings(device_id=uuid4().hex, interviewer_name="Test"))


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_fresh(tmp_path / "demo.db")
    yield ws
    ws.close()


def profiles(ws: Workspace) -> list[Organisation]:
    found = [ws.profiles.get(row.id) for row in ws.profiles.list()]
    assert all(org is not None for org in found)
    return [org for org in found if org is not None]


def visible(org: Organisation) -> tuple[Any, ...]:
    """What a user sees of a profile: every value, without ids and timestamps."""
    values = org.values()
    values.pop("primary_contact_id")
    contacts = sorted((c.name, c.role, c.email, c.phone, c.notes, c.primary) for c in org.contacts)
    headlines = sorted(tuple(h.values().values()) for h in org.headlines)
    return (sorted(values.items()), contacts, headlines)


def snapshot(ws: Workspace) -> list[tuple[Any, ...]]:
    return sorted(visible(org) for org in profiles(ws))


def generated(tmp_path: Path, name: str, count: int, seed: int, **options: Any) -> list[Any]:
    ws = open_fresh(tmp_path / name)
    try:
        assert generate_demo(ws, count, seed, **options) == count
        return snapshot(ws)
    finally:
        ws.close()


# ----- (1) determinism -----------------------------------------------------------------------


def test_same_seed_gives_the_same_organisations_in_two_fresh_files(tmp_path: Path) -> None:
    first = generated(tmp_path, "a.db", 30, seed=2024)
    second = generated(tmp_path, "b.db", 30, seed=2024)
    assert len(first) == 30
    assert first == second


def test_a_different_seed_gives_different_organisations(tmp_path: Path) -> None:
    first = generated(tmp_path, "a.db", 30, seed=2024)
    other = generated(tmp_path, "c.db", 30, seed=2025)
    assert first != other
    names = {dict(values)["name"] for values, _, _ in first}
    other_names = {dict(values)["name"] for values, _, _ in other}
    assert len(names & other_names) < 5  # a chance collision or two at most


def test_batch_size_does_not_change_the_data(tmp_path: Path) -> None:
    assert generated(tmp_path, "a.db", 25, seed=9, batch_size=7) == generated(
        tmp_path, "b.db", 25, seed=9
    )


def test_what_is_written_is_what_demo_organisations_describes(workspace: Workspace) -> None:
    generate_demo(workspace, 12, seed=31)
    expected = demo_organisations(12, seed=31)
    assert snapshot(workspace) == sorted(visible(org) for org in expected)


# ----- (2) every field filled ----------------------------------------------------------------


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _reserved(host: str) -> bool:
    return host in ("example.org", "example.com") or host.endswith((".example.org", ".example.com"))


def test_every_field_is_filled_with_valid_values(workspace: Workspace) -> None:
    assert generate_demo(workspace, 40, seed=5) == 40
    orgs = profiles(workspace)
    assert len(orgs) == 40
    for org in orgs:
        org.validated()  # raises ValidationError on any problem
        for name in Organisation.EDITABLE:
            assert getattr(org, name), f"{org.name}: {name} is empty"
        assert org.completeness().missing == ()
        assert org.supply_chain_role in VOCABULARY["supply_chain_roles"]
        assert org.size_band in VOCABULARY["size_bands"]
        assert org.stage in VOCABULARY["stages"]
        # Choice lists lead with a vocabulary value; a free entry may follow.
        assert org.sectors[0] in VOCABULARY["sectors"]
        assert org.countries[0] in VOCABULARY["countries"]
        assert org.memberships[0] in VOCABULARY["memberships"]
        assert _reserved(_host(org.website)), org.website

        assert len(org.contacts) == 3
        primaries = [c for c in org.contacts if c.primary]
        assert len(primaries) == 1
        assert org.primary_contact_id == primaries[0].id
        assert len({c.email for c in org.contacts}) == 3
        for contact in org.contacts:
            for field in ("name", "role", "email", "phone", "notes"):
                assert getattr(contact, field), f"{org.name}: contact {field} is empty"
            assert _reserved(contact.email.rsplit("@", 1)[1]), contact.email

        assert len(org.headlines) == 5
        for headline in org.headlines:
            for field in ("headline", "date", "source", "link", "tone", "note"):
                assert getattr(headline, field), f"{org.name}: headline {field} is empty"
            assert headline.tone in VOCABULARY["tones"]
            assert date(2019, 1, 1) <= date.fromisoformat(headline.date) <= date(2026, 12, 31)
            assert headline.link.startswith("https://")
            assert _reserved(_host(headline.link)), headline.link
        latest = max(date.fromisoformat(h.date) for h in org.headlines)
        scan = date.fromisoformat(org.media_scan_date)
        assert latest <= scan <= date(2026, 12, 31)


def test_texts_are_varied_sentences_of_realistic_length() -> None:
    orgs = demo_organisations(200, seed=77)
    for field in ("description", "fair_labour_investments", "notes"):
        texts = [getattr(org, field) for org in orgs]
        assert len(set(texts)) >= 0.9 * len(texts), f"{field} repeats itself"
        assert all(len(text) >= 80 and text.endswith(".") for text in texts), field
    assert 250 <= sum(len(o.description) for o in orgs) / len(orgs) <= 700
    assert Counter(h.tone for o in orgs for h in o.headlines).keys() == set(VOCABULARY["tones"])


def test_stages_look_like_a_real_pipeline() -> None:
    stages = Counter(org.stage for org in demo_organisations(1000, seed=3))
    assert set(stages) == set(VOCABULARY["stages"])
    early = stages["Identified"] + stages["Researched"]
    assert early > 400
    assert stages["Active partner"] < stages["Interviewed"] < stages["Identified"]
    assert stages["Active partner"] < 100


def test_choice_fields_have_occasional_free_entries() -> None:
    orgs = demo_organisations(1000, seed=3)
    for field in ("sectors", "countries", "memberships"):
        free = [v for org in orgs for v in getattr(org, field) if v not in VOCABULARY[field]]
        assert 0 < len(free) < 150, field


def test_demo_data_follows_the_vocabulary() -> None:
    from ctip_desktop import demo

    assert {s.name for s in demo._SECTORS} == set(VOCABULARY["sectors"])
    assert {c.name for c in demo._COUNTRIES} == set(VOCABULARY["countries"])
    roles = {role for weights in demo._ROLE_WEIGHTS.values() for role, _ in weights}
    assert roles <= set(VOCABULARY["supply_chain_roles"])
    assert set(demo._STAGE_WEIGHTS) == set(VOCABULARY["stages"])
    assert all(len(w) == len(VOCABULARY["size_bands"]) for w in demo._SIZE_WEIGHTS.values())


def test_names_are_unique_even_without_legal_forms() -> None:
    orgs = demo_organisations(2000, seed=12)
    assert len({org.name for org in orgs}) == 2000
    assert len({comparable_name(org.name) for org in orgs}) == 2000


# ----- (3) scripts ---------------------------------------------------------------------------


def test_names_use_local_scripts_matching_the_country(workspace: Workspace) -> None:
    generate_demo(workspace, 60, seed=7)
    orgs = profiles(workspace)
    seen: set[str] = set()
    local = 0
    for org in orgs:
        found = set()
        for name in [org.name, *org.other_names]:
            found |= scripts_in(name)
        for script in found:
            assert set(org.countries) & SCRIPT_COUNTRIES[script], (org.name, org.countries)
        for contact in org.contacts:
            for script in scripts_in(contact.name):
                assert set(org.countries) & SCRIPT_COUNTRIES[script], contact.name
        seen |= found
        local += bool(found)
    assert seen == {"Thai", "Khmer", "Burmese", "Chinese", "Vietnamese"}
    assert local >= 15  # "a good share" of 60
    contact_scripts = set().union(*(scripts_in(c.name) for o in orgs for c in o.contacts))
    assert {"Thai", "Khmer", "Burmese", "Chinese", "Vietnamese"} <= contact_scripts


def test_names_are_normalised_unicode() -> None:
    for org in demo_organisations(300, seed=8):
        for text in [org.name, *org.other_names, *(c.name for c in org.contacts)]:
            assert unicodedata.normalize("NFC", text) == text
            assert "\u200b" not in text and "\ufffd" not in text


# ----- (4) progress and cancelling -----------------------------------------------------------


def test_progress_is_reported_after_each_batch(workspace: Workspace) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    assert generate_demo(workspace, 25, seed=1, progress=progress, batch_size=10) == 25
    assert calls == [(10, 25), (20, 25), (25, 25)]


def test_progress_returning_false_cancels_and_keeps_what_was_written(
    workspace: Workspace,
) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 20

    added = generate_demo(workspace, 50, seed=1, progress=progress, batch_size=10)
    assert added == 20
    assert calls == [(10, 50), (20, 50)]
    counts = workspace.profiles.counts()
    assert (counts["organisation"], counts["contact"], counts["headline"]) == (20, 60, 100)


def test_nothing_asked_nothing_written(workspace: Workspace) -> None:
    assert generate_demo(workspace, 0, seed=1) == 0
    assert workspace.profiles.counts()["change"] == 0
    with pytest.raises(ValueError):
        generate_demo(workspace, -1, seed=1)


# ----- (5) fictional only --------------------------------------------------------------------


def _all_text(org: Organisation) -> str:
    parts = [str(v) for v in org.values().values()]
    parts += [str(v) for c in org.contacts for v in c.values().values()]
    parts += [str(v) for h in org.headlines for v in h.values().values()]
    return "\n".join(parts)


def test_no_real_company_is_named(workspace: Workspace) -> None:
    generate_demo(workspace, 60, seed=99)
    orgs = profiles(workspace) + demo_organisations(1500, seed=4)
    patterns = [
        re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        for name in REAL_COMPANIES
    ]
    gap = re.compile(r"^Gap\b")  # "wage gap" may be prose; a company called Gap may not
    for org in orgs:
        text = _all_text(org)
        for pattern in patterns:
            assert not pattern.search(text), (pattern.pattern, org.name)
        for name in [org.name, *org.other_names]:
            assert not gap.match(name), name
