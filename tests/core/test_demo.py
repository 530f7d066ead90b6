"""The fictional demo data: deterministic, complete, multilingual, and never a real company;
its interviews plausible, varied and valid answers to both questionnaires."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import pytest

from ctip_desktop.demo import demo_organisations, generate_demo
from ctip_desktop.demo_interviews import (
    EXAMPLE_1,
    EXAMPLE_2,
    FIRST_DRAFT_DAY,
    FIRST_INTERVIEW_DAY,
    LAST_INTERVIEW_DAY,
    interview_count,
)
from ctip_desktop.interviews import (
    APPROVED,
    COMPLETED,
    DRAFT,
    EDITED,
    HAS_ISSUES,
    MODES,
    NOT_REVIEWED,
    PREPARE,
    REVIEW,
    Interview,
)
from ctip_desktop.profiles.model import VOCABULARY, Organisation
from ctip_desktop.profiles.repository import comparable_name
from ctip_desktop.questionnaires import checked_answer, is_answered
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
    # Without interviews: a completed Example #2 moves an organisation's stage forward.
    generate_demo(workspace, 12, seed=31, interviews_per_org=0)
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

    assert (
        generate_demo(workspace, 25, seed=1, progress=progress, batch_size=10, interviews_per_org=0)
        == 25
    )
    assert calls == [(10, 25), (20, 25), (25, 25)]


def test_progress_counts_interviews_after_organisations(workspace: Workspace) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    generate_demo(workspace, 12, seed=1, progress=progress, batch_size=5, interviews_per_org=1)
    assert calls == [(5, 24), (10, 24), (12, 24), (17, 24), (22, 24), (24, 24)]
    assert sum(workspace.interviews.counts().values()) == 12


def test_cancelling_among_interviews_keeps_whole_batches(workspace: Workspace) -> None:
    def progress(done: int, total: int) -> bool:
        return done < 15

    assert generate_demo(workspace, 10, seed=1, progress=progress, batch_size=5) == 10
    assert sum(workspace.interviews.counts().values()) == 5  # the first batch of 15


def test_progress_returning_false_cancels_and_keeps_what_was_written(
    workspace: Workspace,
) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 20

    added = generate_demo(workspace, 50, seed=1, progress=progress, batch_size=10)
    assert added == 20
    assert calls == [(10, 125), (20, 125)]  # 50 organisations and 75 interviews
    counts = workspace.profiles.counts()
    assert (counts["organisation"], counts["contact"], counts["headline"]) == (20, 60, 100)
    assert sum(workspace.interviews.counts().values()) == 0  # none for a cancelled run


def test_nothing_asked_nothing_written(workspace: Workspace) -> None:
    assert generate_demo(workspace, 0, seed=1) == 0
    assert workspace.profiles.counts()["change"] == 0
    assert workspace.db.execute("SELECT count(*) FROM questionnaire_snapshot").fetchone()[0] == 0
    with pytest.raises(ValueError):
        generate_demo(workspace, -1, seed=1)
    for wrong in (-0.5, float("nan")):
        with pytest.raises(ValueError):
            generate_demo(workspace, 3, seed=1, interviews_per_org=wrong)
    assert workspace.profiles.counts()["change"] == 0


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


# ----- (6) interviews ------------------------------------------------------------------------


def interview_snapshot(ws: Workspace) -> list[tuple[Any, ...]]:
    """What a user sees of every interview: values, without ids and timestamps of the log."""
    store = ws.interviews
    contacts = dict(ws.db.execute("SELECT id, name FROM contact").fetchall())
    reasons = dict(ws.db.execute("SELECT interview_id, reason FROM correction").fetchall())
    found = []
    for row in store.list():
        interview = store.get(row.id)
        assert interview is not None
        details = interview.details
        found.append(
            (
                row.org_name,
                interview.questionnaire_id,
                interview.interviewer,
                details.started_at,
                details.mode,
                details.place,
                details.language,
                details.notes,
                tuple(contacts[c] for c in details.contact_ids),
                interview.status,
                interview.position,
                interview.completed_at,
                interview.review_state,
                interview.review_comment,
                interview.reviewed_by,
                interview.reviewed_at,
                reasons.get(row.id, ""),
                json.dumps({k: a.value for k, a in interview.answers.items()}, sort_keys=True),
            )
        )
    return sorted(found)


def generated_interviews(
    tmp_path: Path, name: str, count: int, seed: int, **options: Any
) -> list[tuple[Any, ...]]:
    ws = open_fresh(tmp_path / name)
    try:
        generate_demo(ws, count, seed, **options)
        return interview_snapshot(ws)
    finally:
        ws.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database for the read-only checks: 80 organisations, 160 interviews."""
    path = tmp_path_factory.mktemp("demo") / "interviews.db"
    ws = open_fresh(path)
    generate_demo(ws, 80, seed=11, interviews_per_org=2)
    ws.close()
    return path


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Workspace]:
    ws = open_fresh(demo_file)
    yield ws
    ws.close()


def all_interviews(ws: Workspace) -> list[Interview]:
    found = [ws.interviews.get(i) for i in ws.interviews.list_ids()]
    return [i for i in found if i is not None]


def test_same_seed_gives_the_same_interviews(tmp_path: Path) -> None:
    first = generated_interviews(tmp_path, "a.db", 20, seed=8)
    second = generated_interviews(tmp_path, "b.db", 20, seed=8, batch_size=7)
    assert len(first) == 30
    assert first == second
    assert generated_interviews(tmp_path, "c.db", 20, seed=9) != first


@pytest.mark.parametrize(("orgs", "per_org", "expected"), [(7, 2.5, 18), (30, 5, 150), (4, 0, 0)])
def test_the_number_of_interviews_is_exact(
    workspace: Workspace, orgs: int, per_org: float, expected: int
) -> None:
    generate_demo(workspace, orgs, seed=4, interviews_per_org=per_org)
    assert sum(workspace.interviews.counts().values()) == expected
    assert interview_count(10_000, 5) == 50_000
    assert interview_count(10_000, 1.5) == 15_000


def test_both_questionnaires_drafts_completed_reviews_and_corrections(demo: Workspace) -> None:
    rows = demo.interviews.list()
    assert len(rows) == 160
    kinds = Counter((r.questionnaire_id, r.status) for r in rows)
    for questionnaire in (EXAMPLE_1, EXAMPLE_2):
        assert kinds[(questionnaire, COMPLETED)] >= 20
        assert kinds[(questionnaire, DRAFT)] >= 5
    completed = [r for r in rows if r.status == COMPLETED]
    reviews = Counter(r.review_state for r in completed)
    assert reviews[APPROVED] and reviews[HAS_ISSUES] and reviews[NOT_REVIEWED]
    assert reviews[NOT_REVIEWED] > len(completed) / 3
    assert {r.review_state for r in rows if r.status == DRAFT} == {""}
    snapshots = demo.db.execute("SELECT id, version FROM questionnaire_snapshot").fetchall()
    assert sorted(snapshots) == [(EXAMPLE_1, 1), (EXAMPLE_2, 1)]


def test_corrections_carry_a_reason_into_history(demo: Workspace) -> None:
    corrected = demo.db.execute("SELECT interview_id, reason, items FROM correction").fetchall()
    assert 2 <= len(corrected) <= 30
    for interview_id, reason, items in corrected:
        interview = demo.interviews.get(interview_id)
        assert interview is not None and interview.is_completed
        assert reason and json.loads(items)
        history = demo.interviews.history(interview_id)
        assert any(e.reason == reason and e.kind == "answer" for e in history)
        assert interview.review_state in (NOT_REVIEWED, EDITED)
    edited = demo.db.execute("SELECT count(*) FROM interview WHERE review_state = ?", (EDITED,))
    assert edited.fetchone()[0] >= 1


def test_every_answer_is_a_valid_answer_to_its_item(demo: Workspace) -> None:
    for interview in all_interviews(demo):
        questionnaire = demo.interviews.questionnaire_of(interview)
        assert interview.answers or not interview.is_completed
        for item_id, answer in interview.answers.items():
            item = questionnaire.item(item_id)
            assert checked_answer(item, answer.value) == answer.value, item_id
            assert is_answered(item, answer.value), item_id
            if isinstance(answer.value, str):
                assert unicodedata.normalize("NFC", answer.value) == answer.value


def test_details_are_plausible(demo: Workspace) -> None:
    interviews = all_interviews(demo)
    for interview in interviews:
        details = interview.details
        assert details.problems() == []
        started = datetime.strptime(details.started_at, "%Y-%m-%dT%H:%M")
        assert FIRST_INTERVIEW_DAY <= started.date() <= LAST_INTERVIEW_DAY
        assert 8 <= started.hour <= 17
        own = {c.id for c in (demo.profiles.get(interview.org_id) or Organisation()).contacts}
        assert details.contact_ids and set(details.contact_ids) <= own
        assert interview.interviewer
        if interview.is_completed:
            assert interview.position == ""
            completed = datetime.strptime(interview.completed_at, "%Y-%m-%dT%H:%M:%S.000Z")
            assert started - timedelta(hours=10) < completed < started + timedelta(days=5)
            if interview.review_state:
                assert interview.reviewed_by and interview.reviewed_at > interview.completed_at
        else:
            assert started.date() >= FIRST_DRAFT_DAY
            assert interview.completed_at == ""
            items = [i.id for i in demo.interviews.questionnaire_of(interview).items]
            assert interview.position in [*items, PREPARE, REVIEW]
    assert {i.details.mode for i in interviews} == set(MODES)
    assert len({i.details.language for i in interviews}) >= 5
    assert len({i.details.place for i in interviews}) >= 40
    assert len({i.interviewer for i in interviews}) >= 5


def test_answers_differ_between_organisations(demo: Workspace) -> None:
    interviews = [i for i in all_interviews(demo) if i.questionnaire_id == EXAMPLE_2]
    for scale in ("supply_chain_effect", "openness_cso_donors", "migrant_exploitation_risk"):
        values = {i.value(scale) for i in interviews if i.value(scale) is not None}
        assert min(values) <= 3 and max(values) >= 8, (scale, values)
    combinations = {
        json.dumps(i.value("business_effects")) for i in interviews if i.value("business_effects")
    }
    assert len(combinations) >= 5
    others = [
        i.value(item)["other_text"]
        for i in interviews
        for item in ("hindering_factors", "business_effects", "recovering_needs")
        if i.value(item) and i.value(item)["other"]
    ]
    assert others and all(text.strip() for text in others)
    notes = [i.value("general_notes") for i in interviews if i.value("general_notes")]
    assert len(set(notes)) == len(notes)


def test_multi_selects_follow_the_disruption(demo: Workspace) -> None:
    """A hard-hit supply chain reports a reduced workforce more often than a steady one."""
    interviews = [i for i in all_interviews(demo) if i.value("business_effects")]

    def share(selected: list[Interview], option: str) -> float:
        return sum(option in i.value("business_effects")["selected"] for i in selected) / len(
            selected
        )

    hit = [i for i in interviews if (i.value("supply_chain_effect") or 0) >= 7]
    steady = [i for i in interviews if 0 < (i.value("supply_chain_effect") or 0) <= 4]
    assert len(hit) >= 10 and len(steady) >= 10
    for option in ("reduced_workforce", "supplier_disruptions"):
        assert share(hit, option) > share(steady, option) + 0.3, option


def test_open_answers_are_varied_and_some_are_in_local_languages(demo: Workspace) -> None:
    interviews = [i for i in all_interviews(demo) if i.questionnaire_id == EXAMPLE_1]
    texts = [a.value for i in interviews for a in i.answers.values()]
    assert len(texts) >= 100
    assert len(set(texts)) >= 0.6 * len(texts)
    scripts = set().union(*(scripts_in(t) for t in texts))
    assert scripts & {"Thai", "Khmer", "Vietnamese"}
    for interview in interviews:
        org = demo.profiles.get(interview.org_id)
        assert org is not None
        for answer in interview.answers.values():
            for script in scripts_in(answer.value):
                assert set(org.countries) & SCRIPT_COUNTRIES[script], (org.name, answer.value)


def test_identification_names_the_organisation_and_a_person_met(demo: Workspace) -> None:
    for interview in all_interviews(demo):
        value = interview.value("identification")
        if value is None:
            continue
        org = demo.profiles.get(interview.org_id)
        assert org is not None
        assert value["organisation"] == org.name
        assert value["representative"] in {c.name for c in org.contacts}


def test_completed_example_2_moves_the_stage_forward(demo: Workspace) -> None:
    before = {org.name: org.stage for org in demo_organisations(80, seed=11)}
    stages = VOCABULARY["stages"]
    interviewed = stages.index("Interviewed")
    completed_2 = {
        row.org_id
        for row in demo.interviews.list()
        if row.questionnaire_id == EXAMPLE_2 and row.status == COMPLETED
    }
    moved = 0
    for org in profiles(demo):
        if org.stage != before[org.name]:
            moved += 1
            assert org.stage == "Interviewed"
            assert org.id in completed_2
            assert stages.index(before[org.name]) < interviewed
        if org.id in completed_2:
            assert stages.index(org.stage) >= interviewed
    assert moved >= 3


def test_the_tables_can_be_rebuilt_from_the_log(tmp_path: Path) -> None:
    ws = open_fresh(tmp_path / "rebuild.db")
    try:
        generate_demo(ws, 15, seed=21)
        tables = ("interview", "answer", "correction", "organisation")
        before = {t: sorted(ws.db.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
        ws.log.rebuild()
        after = {t: sorted(ws.db.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
        assert before == after
    finally:
        ws.close()


def test_no_undo_step_for_interviews(workspace: Workspace) -> None:
    generate_demo(workspace, 5, seed=2, interviews_per_org=3)
    assert workspace.log.undo_label == "add demo organisations 1-5"


def test_history_names_the_fictional_interviewer(demo: Workspace) -> None:
    rows = demo.interviews.list()[:20]
    assert rows
    for row in rows:
        interview = demo.interviews.get(row.id)
        assert interview is not None and interview.interviewer
        assert {a.first_by for a in interview.answers.values()} == {interview.interviewer}
    assert demo.log.author not in {r.interviewer for r in rows}  # the reader is not renamed
