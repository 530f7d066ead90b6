"""PDF reports: content checked by extracting text, audiences, fonts, bookmarks, repeatability."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Contact, Headline, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.reports import (
    AUDIENCES,
    FollowUpView,
    ReadinessView,
    RecommendationView,
    assemble_briefing_pack,
    assemble_partner_profile,
    assemble_portfolio,
    build_briefing_pack,
    build_partner_profile,
    build_portfolio_report,
    charts,
)
from ctip_desktop.reports.assemble import tier_thresholds
from ctip_desktop.reports.pdf import fit_line, text_width
from ctip_desktop.reports.scrub import Secrets
from ctip_desktop.workspace import Workspace

TODAY = "2025-06-30"
ORG_THAI = "บริษัท ทองคำ ซีฟู้ด จำกัด"
ORG_LATIN = "Golden Lotus Seafood"
CONTACT_KHMER = "សុខ ចាន់ថា"
CONTACT_THAI = "มาลี ใจดี"
EMAIL = "chantha.sok@goldenlotus.example"
PHONE = "+855 12 345 678"
EMAIL_2 = "malee@goldenlotus.example"
PHONE_2 = "+66 81 234 5678"
ORG_NOTE = "Board is wary after the audit row"
CONTACT_NOTE = "Prefers LINE messages in the evening"
INTERVIEW_NOTE = "Met in the canteen; the manager left early"
GENERAL_NOTE = "Confidential: margins are thin this quarter"
INTERNAL_REC_NOTE = "Check with donor before pitching"
VIET_PLACE = "Thành phố Hồ Chí Minh"
CHINESE_BUYER = "深圳电子有限公司"
BURMESE_NAME = "မြန်မာ ကုမ္ပဏီ"

RECOMMENDATIONS = [
    RecommendationView(
        title="Convene buyers and suppliers on order stability",
        category="Category 1: When suppliers struggle, workers pay the price",
        opportunity="Create new channels for collaboration across supply chains",
        roles=["Cross-sector facilitator and convener"],
        priority="high",
        confidence="high",
        next_steps=["Invite two buyers to a round table", "Share the Sedex data offer"],
        reasons=["Item 3: supply chain affected 9 of 10", "Item 9: openness to companies 8"],
        examples=["Better Work", "Sedex Advance"],
        status="accepted",
        status_note="Agreed with the director",
        internal_note=INTERNAL_REC_NOTE,
    ),
    RecommendationView(
        title="Worker voice hotline pilot",
        category="Category 2: Workers are more vulnerable and detection is more difficult",
        roles=["Innovation champion"],
        priority="medium",
        reasons=["Item 7: migrant workers exposed 8 of 10"],
        status="proposed",
    ),
    RecommendationView(
        title="Lobby for a wage guarantee fund",
        category="Category 4: Build back better",
        roles=["Policy advocate"],
        priority="low",
        reasons=["Ticked: new policies or regulations"],
        status="dismissed",
        status_note="Out of scope this year",
    ),
]
FOLLOW_UPS = [
    FollowUpView("Invite two buyers to a round table", "Dara", "2025-07-15", "open", ""),
    FollowUpView("Share the Sedex data offer", "Dara", "2025-06-01", "done", "Sent; they agreed"),
]
READINESS = ReadinessView(
    tier="engage now",
    explanation="High need (8.5) and open to partner (7.5), offers convening power.",
)


def _interview(
    workspace: Workspace,
    org_id: str,
    questionnaire_id: str,
    when: str,
    answers: dict[str, Any],
    *,
    contact_ids: list[str],
    notes: str = "",
) -> str:
    questionnaire = builtin_questionnaires().latest(questionnaire_id)
    interview_id = workspace.interviews.start(
        org_id,
        questionnaire,
        InterviewDetails(started_at=when, place=VIET_PLACE, contact_ids=contact_ids, notes=notes),
        interviewer="Dara Test",
    )
    for item_id, value in answers.items():
        workspace.interviews.save_answer(interview_id, item_id, value)
    workspace.interviews.complete(interview_id)
    return interview_id


def _multi(*selected: str, other: str = "") -> dict[str, Any]:
    return {"selected": list(selected), "other": bool(other), "other_text": other}


def make_organisation(workspace: Workspace) -> str:
    """A Thai company with a Khmer and a Thai contact, two Example #2 visits and one Example #1."""
    org_id = workspace.profiles.save(
        Organisation(
            name=ORG_THAI,
            other_names=[ORG_LATIN],
            description=f"Shrimp processor supplying {CHINESE_BUYER}; sister plant {BURMESE_NAME}.",
            sectors=["Fishing and seafood"],
            countries=["Thailand", "Cambodia"],
            places=VIET_PLACE,
            supply_chain_role="Supplier / factory",
            memberships=["Sedex"],
            stage="Interviewed",
            notes=ORG_NOTE,
            contacts=[
                Contact(
                    name=CONTACT_KHMER,
                    role="HR manager",
                    email=EMAIL,
                    phone=PHONE,
                    notes=CONTACT_NOTE,
                    primary=True,
                ),
                Contact(
                    name=CONTACT_THAI, role="Sustainability lead", email=EMAIL_2, phone=PHONE_2
                ),
            ],
            headlines=[
                Headline(
                    headline="Plant reopens after lockdown",
                    date="2025-01-10",
                    source="Bangkok Post",
                    tone="Neutral",
                    note="From the press",
                )
            ],
        )
    )
    org = workspace.profiles.get(org_id)
    assert org is not None
    contact_ids = [c.id for c in org.contacts]
    first = {
        "general_notes": GENERAL_NOTE,
        "supply_chain_effect": 6,
        "hindering_factors": _multi("travel_restrictions"),
        "migrant_exploitation_risk": 5,
        "continuity_plan": 4,
        "openness_private_sector": 3,
        "openness_cso_donors": 5,
    }
    second = {
        "general_notes": GENERAL_NOTE,
        "supply_chain_effect": 9,
        "hindering_factors": _multi("travel_restrictions", "government_policies"),
        "business_effects": _multi("reduced_workforce", other="Port congestion"),
        "recovering_needs": _multi("grants", "technical_assistance"),
        "migrant_exploitation_risk": 8,
        "continuity_plan": 7,
        "openness_private_sector": 8,
        "openness_cso_donors": 7,
        "partnership_resources": _multi("convening_power"),
    }
    _interview(
        workspace,
        org_id,
        "pse-outreach-example-2",
        "2025-01-20T10:00",
        first,
        contact_ids=contact_ids[:1],
        notes=INTERVIEW_NOTE,
    )
    _interview(
        workspace,
        org_id,
        "pse-outreach-example-2",
        "2025-05-12T14:30",
        second,
        contact_ids=contact_ids,
    )
    _interview(
        workspace,
        org_id,
        "pse-outreach-example-1",
        "2025-05-12T15:30",
        {
            "pressing_business_issue": "Orders cancelled by two buyers",
            "pressing_workforce_issue": f"Migrant workers from Cambodia; {CONTACT_THAI} "
            "worries about recruitment fees",
        },
        contact_ids=contact_ids[1:],
    )
    return org_id


@pytest.fixture
def org_id(workspace: Workspace) -> str:
    return make_organisation(workspace)


def briefing(workspace: Workspace, org_id: str, audience: str = "internal") -> bytes:
    pack = assemble_briefing_pack(
        workspace,
        org_id,
        audience,  # type: ignore[arg-type]
        recommendations=RECOMMENDATIONS,
        readiness=READINESS,
        follow_ups=FOLLOW_UPS,
        today=TODAY,
        author="Dara Test",
    )
    data = build_briefing_pack(pack)
    assert data is not None
    return data


def profile_pdf(workspace: Workspace, org_id: str, audience: str = "partner") -> bytes:
    report = assemble_partner_profile(
        workspace,
        org_id,
        audience,  # type: ignore[arg-type]
        recommendations=RECOMMENDATIONS,
        readiness=READINESS,
        today=TODAY,
        author="Dara Test",
    )
    data = build_partner_profile(report)
    assert data is not None
    return data


def actual_texts(page: Any) -> list[str]:
    """The /ActualText of each marked-content span: what shaped text copies as."""
    content = ContentStream(page.get_contents(), page.pdf)
    found = []
    for operands, operator in content.operations:
        if operator == b"BDC" and len(operands) == 2 and hasattr(operands[1], "get"):
            text = operands[1].get("/ActualText")
            if text is not None:
                found.append(str(text))
    return found


def text_of(data: bytes) -> str:
    """All the text pypdf extracts, plus the /ActualText of shaped runs, space-separated."""
    reader = PdfReader(io.BytesIO(data))
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text())
        parts.append(" ".join(actual_texts(page)))
    return "\n".join(parts)


def squashed(text: str) -> str:
    """Whitespace as single spaces; a long email wrapped in a narrow cell is joined again."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\S@\S+) (\.?\w)", r"\1\2", text)


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: Any) -> None:
        for entry in items:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(str(entry.title))

    walk(reader.outline)
    return titles


# ----- the briefing pack --------------------------------------------------------------------


def test_briefing_pack_sections_answers_and_recommendations(
    workspace: Workspace, org_id: str
) -> None:
    data = briefing(workspace, org_id)
    text = squashed(text_of(data))
    for section in (
        "BRIEFING PACK",
        "Profile",
        "Contacts",
        "Homework",
        "Interview history",
        "Latest Example #2 answers",
        "How the scores moved",
        "Example #1 open answers",
        "Recommendations",
        "Follow-ups",
        "Questions for the next meeting",
        "Principles for Partnering",
    ):
        assert section in text, section
    # Scale values and their movement between the two visits.
    assert "9 / 10" in text and "8 / 10" in text
    assert "+5" in text  # openness to companies moved from 3 to 8
    # Ticked and unticked option labels both print (the tick is a drawn box).
    assert "Government Policies" in text and "Dependent Care" in text
    assert "Port congestion" in text
    assert "Orders cancelled by two buyers" in text
    for rec in RECOMMENDATIONS:
        assert rec.title in text
        for reason in rec.reasons:
            assert reason in text
    assert "ACCEPTED" in text and "DISMISSED" in text
    assert "Sent; they agreed" in text
    assert "Break the Problem Down to Its Roots".lower() in text.lower()
    # Suggested questions come from what is missing: item 11 answered, media done...
    assert "Where do you and your main suppliers" not in text  # operations homework is done
    # Internal audience keeps internal notes and personal details.
    for secret in (
        ORG_NOTE,
        CONTACT_NOTE,
        INTERVIEW_NOTE,
        GENERAL_NOTE,
        INTERNAL_REC_NOTE,
        EMAIL,
        PHONE,
    ):
        assert secret in text, secret


def test_scripts_round_trip_as_text(workspace: Workspace, org_id: str) -> None:
    data = briefing(workspace, org_id)
    text = text_of(data)
    # Thai, Khmer and Burmese are shaped: their text is in /ActualText spans.
    assert ORG_THAI in squashed(text)
    assert CONTACT_KHMER in squashed(text)
    assert BURMESE_NAME in squashed(text)
    # Vietnamese and Chinese are drawn unshaped and extract as they are, pypdf included.
    plain = squashed("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert VIET_PLACE in plain
    assert CHINESE_BUYER in plain


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_copies_shaped_text(workspace: Workspace, org_id: str, tmp_path: Any) -> None:
    path = tmp_path / "pack.pdf"
    path.write_bytes(briefing(workspace, org_id))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in (ORG_THAI, CONTACT_KHMER, CONTACT_THAI, BURMESE_NAME, VIET_PLACE, CHINESE_BUYER):
        assert name in text, name


def test_bookmarks_metadata_and_furniture(workspace: Workspace, org_id: str) -> None:
    data = briefing(workspace, org_id, "partner")
    reader = PdfReader(io.BytesIO(data))
    titles = outline_titles(reader)
    for section in ("Profile", "Interview history", "Recommendations", "Principles for Partnering"):
        assert section in titles
    assert reader.metadata is not None
    assert reader.metadata.title == f"Briefing pack: {ORG_THAI}"
    assert reader.metadata.author == "Dara Test"
    count = len(reader.pages)
    assert count >= 3
    for number, page in enumerate(reader.pages, 1):
        page_text = squashed(page.extract_text() + " " + " ".join(actual_texts(page)))
        assert "Audience: Partner" in page_text
        assert f"Page {number} of" in page_text
        assert ORG_THAI in page_text  # the running header names the organisation
        assert TODAY in page_text


def test_output_is_repeatable(workspace: Workspace, org_id: str) -> None:
    assert briefing(workspace, org_id) == briefing(workspace, org_id)
    assert profile_pdf(workspace, org_id) == profile_pdf(workspace, org_id)


# ----- audiences ---------------------------------------------------------------------------


INTERNAL_NOTES = (
    ORG_NOTE,
    CONTACT_NOTE,
    INTERVIEW_NOTE,
    GENERAL_NOTE,
    INTERNAL_REC_NOTE,
    "From the press",
)
PERSONAL = (CONTACT_KHMER, CONTACT_THAI, EMAIL, PHONE, EMAIL_2, PHONE_2)


@pytest.mark.parametrize("kind", ["briefing", "profile"])
def test_partner_audience_leaves_out_internal_notes(
    workspace: Workspace, org_id: str, kind: str
) -> None:
    data = (briefing if kind == "briefing" else profile_pdf)(workspace, org_id, "partner")
    text = squashed(text_of(data))
    everything = every_text(data)  # pdftotext, metadata and bookmarks too
    for secret in INTERNAL_NOTES:
        assert secret not in text, secret
    assert "Lobby for a wage guarantee fund" not in text  # dismissed
    assert "Convene buyers and suppliers" in text
    if kind == "briefing":
        assert CONTACT_KHMER in text and EMAIL in text  # a partner may see the contacts
    assert "Audience: Partner" in text
    assert "wage guarantee" not in everything


@pytest.mark.parametrize("kind", ["briefing", "profile"])
def test_public_audience_has_no_personal_details(
    workspace: Workspace, org_id: str, kind: str
) -> None:
    data = (briefing if kind == "briefing" else profile_pdf)(workspace, org_id, "public")
    text = squashed(text_of(data))
    everything = every_text(data)  # pdftotext, metadata and bookmarks too
    for secret in PERSONAL + INTERNAL_NOTES:
        assert secret not in text, secret
        assert " ".join(secret.split()).casefold() not in everything.casefold(), secret
    assert leaks(data, [CONTACT_KHMER, CONTACT_THAI, "Dara Test"], [PHONE, PHONE_2]) == []
    assert "HR manager" in text  # contacts by role
    assert ORG_THAI in text
    assert "Audience: Public" in text


def test_public_scrubs_names_inside_answers(workspace: Workspace, org_id: str) -> None:
    pack = assemble_briefing_pack(workspace, org_id, "public", today=TODAY)
    flat = repr(pack)
    for secret in PERSONAL:
        assert secret not in flat
    assert "[withheld] worries about recruitment fees" in flat
    ident = next(a for a in pack.latest_survey if a.item_id == "identification")
    assert ORG_THAI in ident.text and "Representative" not in ident.text


def test_every_audience_builds(workspace: Workspace, org_id: str) -> None:
    for audience in AUDIENCES:
        reader = PdfReader(io.BytesIO(briefing(workspace, org_id, audience)))
        assert len(reader.pages) >= 3


# ----- partner profile and portfolio ---------------------------------------------------------


def test_partner_profile_is_short_and_complete(workspace: Workspace, org_id: str) -> None:
    data = profile_pdf(workspace, org_id, "partner")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) <= 2
    text = squashed(text_of(data))
    for expected in (
        "What they do",
        "Top recommendations",
        "Key contact",
        "Engage now",
        "Sedex",
        "Fishing and seafood",
        CONTACT_KHMER,
        EMAIL,
        "8.5",
        "7.5",
        "Convening power",  # resources offered, from item 11
    ):
        assert expected in text, expected
    assert reader.metadata is not None and reader.metadata.title == f"Partner profile: {ORG_THAI}"


def test_portfolio_report(workspace: Workspace, org_id: str) -> None:
    other = workspace.profiles.save(Organisation(name="Mekong Garments", sectors=["Retail"]))
    report = assemble_portfolio(
        workspace,
        [org_id, other],
        "public",
        readiness={org_id: READINESS},
        title="Seafood and garments",
        today=TODAY,
    )
    assert [r.tier for r in report.rows] == ["engage now", "unknown"]
    assert dict(report.factors)["Government Policies"] == 1
    assert dict(report.resources)["Convening power"] == 1
    assert report.surveyed == 1
    data = build_portfolio_report(report)
    assert data is not None
    reader = PdfReader(io.BytesIO(data))
    text = squashed(text_of(data))
    for expected in (
        "Readiness tiers",
        "Need against openness",
        "Recovering needs (item 6)",
        "Factors hindering workers (item 4)",
        "Resources companies could bring",
        "Organisations",
        "Mekong Garments",
        ORG_THAI,
        "Audience: Public",
    ):
        assert expected in text, expected
    assert "Organisations" in outline_titles(reader)
    assert reader.metadata is not None and reader.metadata.title == "Seafood and garments"


def test_build_writes_a_file(workspace: Workspace, org_id: str, tmp_path: Any) -> None:
    pack = assemble_briefing_pack(workspace, org_id, today=TODAY)
    target = tmp_path / "out" / "pack.pdf"
    assert build_briefing_pack(pack, target) is None
    assert target.read_bytes().startswith(b"%PDF")


def test_suggested_questions_follow_the_data(workspace: Workspace) -> None:
    bare = workspace.profiles.save(Organisation(name="Bare Co"))
    pack = assemble_briefing_pack(workspace, bare, today=TODAY)
    why = " ".join(q.why for q in pack.suggested_questions)
    assert "Homework missing: what the company does." in why
    assert "No Example #2 interview completed yet." in why
    assert pack.readiness.tier == "unknown"
    data = build_briefing_pack(pack)
    assert data is not None and b"%PDF" in data[:8]


# ----- public reports: personal details however they are written -----------------------------
#
# Checked on what a reader of the PDF gets: the text pypdf and pdftotext extract, the
# /ActualText of shaped runs, the document's metadata and its bookmarks. (A search of the raw
# bytes proves nothing: the content streams are compressed.)

LEAKY_CONTACT = "Somchai Prasert"
LEAKY_EMAIL = "Somchai.P@Siam-Example.org"
LEAKY_PHONE = "+66 81 234 5678"
REMOVED_CONTACT = "Ramesh Adhikari"
REMOVED_PHONE = "+977 98 4123 4567"
NFD_CONTACT = unicodedata.normalize("NFD", "José Álvarez")
INTERVIEWER = "Kanya Srisuk"
AUTHOR = "Wichai Boonmee"
OWNER = "Ploy Chaiyo"
FOLLOW_UP_OUTCOME = "Sent the deck; they liked it"


def every_text(data: bytes) -> str:
    """What a reader can get out of a PDF: extracted text (pypdf, and pdftotext when
    installed), /ActualText spans, metadata and bookmarks, NFC and whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text())
        parts += actual_texts(page)
    parts += [str(v) for v in (reader.metadata or {}).values()]
    parts += outline_titles(reader)
    if shutil.which("pdftotext"):
        parts.append(
            subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-", "-"],
                input=data,
                capture_output=True,
                check=True,
            ).stdout.decode("utf-8")
        )
    return " ".join(unicodedata.normalize("NFC", " ".join(parts)).split())


def leaks(data: bytes, names: Sequence[str], phones: Sequence[str] = ()) -> list[str]:
    """Each name's words (3+ letters) found as words, ignoring case; each phone's digits
    (its last nine) found among the digits, ignoring separators."""
    text = every_text(data).casefold()
    found = []
    for name in names:
        for word in unicodedata.normalize("NFC", name).casefold().split():
            if len(word) >= 3 and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                found.append(word)
    digits = re.sub(r"[\s\-.()/+]", "", text)
    found += [p for p in phones if re.sub(r"\D", "", p)[-9:] in digits]
    return found


@pytest.fixture
def leaky(workspace: Workspace) -> str:
    """A company whose personal details are typed every way a person might type them."""
    org_id = workspace.profiles.save(
        Organisation(
            name="Siam Example Foods",
            countries=["Thailand"],
            contacts=[
                Contact(
                    name=LEAKY_CONTACT, role="HR manager", email=LEAKY_EMAIL, phone=LEAKY_PHONE
                ),
                Contact(name=REMOVED_CONTACT, role="Buyer liaison", phone=REMOVED_PHONE),
                Contact(name=NFD_CONTACT, role="Compliance officer"),
            ],
        )
    )
    org = workspace.profiles.get(org_id)
    assert org is not None
    # Ramesh leaves the company: his contact is removed, old answers still name him.
    org.contacts = [c for c in org.contacts if c.name != REMOVED_CONTACT]
    workspace.profiles.save(org)
    example_2 = builtin_questionnaires().latest("pse-outreach-example-2")
    interview = workspace.interviews.start(
        org_id, example_2, InterviewDetails(started_at="2025-05-12T10:00"), interviewer=INTERVIEWER
    )
    answers: dict[str, Any] = {
        "identification": {
            "organisation": "Siam Example Foods",
            "representative": "Somchai  Prasert",
        },
        "supply_chain_effect": 9,
        "migrant_exploitation_risk": 8,
        "openness_private_sector": 8,
        "openness_cso_donors": 7,
        "hindering_factors": _multi("travel_restrictions", other="ask ramesh, +9779841234567"),
        "partnership_resources": _multi(
            "convening_power", other=f"{LEAKY_EMAIL.upper()} or 081-234-5678"
        ),
    }
    for item_id, value in answers.items():
        workspace.interviews.save_answer(interview, item_id, value)
    workspace.interviews.complete(interview)
    example_1 = builtin_questionnaires().latest("pse-outreach-example-1")
    interview = workspace.interviews.start(
        org_id, example_1, InterviewDetails(started_at="2025-05-13T10:00"), interviewer=INTERVIEWER
    )
    workspace.interviews.save_answer(
        interview,
        "pressing_business_issue",
        f"SOMCHAI says orders fell; {NFD_CONTACT} and Ramesh  Adhikari agree (call 0812345678).",
    )
    workspace.interviews.complete(interview)
    return org_id


LEAKY_NAMES = (LEAKY_CONTACT, REMOVED_CONTACT, "José Álvarez", INTERVIEWER, AUTHOR, OWNER)
LEAKY_PHONES = (LEAKY_PHONE, REMOVED_PHONE)


def _leaky_reports(workspace: Workspace, org_id: str, audience: str) -> dict[str, bytes]:
    inputs_readiness = ReadinessView(
        "engage now",
        8.5,
        7.5,
        explanation=(
            f"Engage now: need 8.5 of 10, 2 resource(s) offered (Convening power; Other: "
            f"{LEAKY_EMAIL.upper()} or 081-234-5678)."
        ),
    )
    follow_ups = [
        FollowUpView(
            "Ask somchai for the buyer list", OWNER, "2025-07-01", "done", FOLLOW_UP_OUTCOME
        ),
        FollowUpView(
            "Share the Sedex offer", OWNER, "2025-07-02", "open", "Ploy will call Somchai"
        ),
    ]
    recs = [
        RecommendationView(
            title="Convene buyers",
            reasons=[f"Example #2, item 11: Other: {LEAKY_EMAIL.upper()} or 081-234-5678"],
            next_steps=["Ask Somchai to host"],
            status="accepted",
        )
    ]
    pack = assemble_briefing_pack(
        workspace,
        org_id,
        audience,  # type: ignore[arg-type]
        recommendations=recs,
        readiness=inputs_readiness,
        follow_ups=follow_ups,
        today=TODAY,
        author=AUTHOR,
    )
    profile = assemble_partner_profile(
        workspace,
        org_id,
        audience,  # type: ignore[arg-type]
        recommendations=recs,
        readiness=inputs_readiness,
        today=TODAY,
        author=AUTHOR,
    )
    portfolio = assemble_portfolio(
        workspace,
        [org_id],
        audience,
        today=TODAY,
        author=AUTHOR,  # type: ignore[arg-type]
    )
    return {
        "briefing": build_briefing_pack(pack) or b"",
        "profile": build_partner_profile(profile) or b"",
        "portfolio": build_portfolio_report(portfolio) or b"",
    }


def test_public_reports_leak_no_personal_details_however_written(
    workspace: Workspace, leaky: str
) -> None:
    for kind, data in _leaky_reports(workspace, leaky, "public").items():
        assert leaks(data, LEAKY_NAMES, LEAKY_PHONES) == [], kind
        text = every_text(data)
        assert LEAKY_EMAIL.casefold() not in text.casefold(), kind
        assert "Audience: Public" in text
        reader = PdfReader(io.BytesIO(data))
        assert reader.metadata is not None and reader.metadata.author == "CTIP Outreach Desk"
        if kind != "portfolio":
            assert "Siam Example Foods" in text  # the organisation's own name stays
            assert FOLLOW_UP_OUTCOME not in text
    briefing_text = every_text(_leaky_reports(workspace, leaky, "public")["briefing"])
    assert "orders fell" in briefing_text and "Convene buyers" in briefing_text
    assert (
        "Prepared 2025-06-30" in briefing_text
        and " by " not in briefing_text.split("Prepared")[1][:30]
    )


def test_internal_reports_keep_the_details_public_ones_leave_out(
    workspace: Workspace, leaky: str
) -> None:
    data = _leaky_reports(workspace, leaky, "internal")["briefing"]
    text = every_text(data)
    assert LEAKY_CONTACT in text and INTERVIEWER in text and FOLLOW_UP_OUTCOME in text
    assert f"by {AUTHOR}" in text
    assert PdfReader(io.BytesIO(data)).metadata.author == AUTHOR  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail SOMCHAI.P@SIAM-EXAMPLE.ORG today", "Mail [withheld] today"),
        ("Call 081-234-5678 now", "Call [withheld] now"),
        ("Call +66812345678.", "Call [withheld]."),
        ("Call (081) 234 5678", "Call ([withheld]"),
        ("Ask Somchai  Prasert", "Ask [withheld]"),
        ("somchai agreed", "[withheld] agreed"),
        ("Somchaiya is someone else", "Somchaiya is someone else"),
        (unicodedata.normalize("NFD", "José said"), "[withheld] said"),
        ("Met มาลี ใจดี and มาลีใจดี", "Met [withheld] and [withheld]"),
        ("Order 2025-06-30, 12 boxes", "Order 2025-06-30, 12 boxes"),
        ("Siam Example Foods thanks Prasert", "Siam Example Foods thanks [withheld]"),
    ],
)
def test_scrub_finds_details_however_written(text: str, expected: str) -> None:
    secrets = Secrets.gather(
        names=["Somchai Prasert", "José Álvarez", "มาลี ใจดี", "Example Person"],
        emails=[LEAKY_EMAIL],
        phones=[LEAKY_PHONE],
        keep_words=["Siam Example Foods"],
    )
    assert secrets.scrub_text(text) == expected


# ----- long texts: a table row cannot split across pages ------------------------------------


def _long(tag: str, size: int = 50_000) -> str:
    words = f"{tag} said the line managers keep passports and fees keep rising. "
    text = (words * (size // len(words) + 1))[:size]
    return f"START-{tag} " + text.replace(". ", ".\n", 40) + f" END-{tag}"


def test_long_notes_print_in_full_across_pages(workspace: Workspace) -> None:
    org_id = workspace.profiles.save(
        Organisation(
            name="Long Notes Co",
            fair_labour_investments=_long("FAIRLABOUR", 4_000),
            contacts=[Contact(name="Ann Long", role="HR", notes=_long("CONTACT"), primary=True)],
            headlines=[Headline(headline="Plant reopens", date="2025-01-10", note=_long("HEAD"))],
        )
    )
    _interview(
        workspace,
        org_id,
        "pse-outreach-example-2",
        "2025-05-12T10:00",
        {"general_notes": _long("GENERAL"), "supply_chain_effect": 7},
        contact_ids=[],
    )
    recs = [
        RecommendationView(
            title="Convene buyers", internal_note=_long("RECNOTE"), status="accepted"
        )
    ]
    follow_ups = [FollowUpView("Call the buyer", "Dara", "2025-07-01", "done", _long("OUTCOME"))]
    pack = assemble_briefing_pack(
        workspace,
        org_id,
        recommendations=recs,
        follow_ups=follow_ups,
        today=TODAY,
    )
    data = build_briefing_pack(pack)  # no LayoutError
    assert data is not None
    text = squashed(text_of(data))
    for tag in ("CONTACT", "HEAD", "GENERAL", "RECNOTE", "OUTCOME", "FAIRLABOUR"):
        assert f"START-{tag}" in text and f"END-{tag}" in text, tag
    assert "(continued below)" in text
    profile = assemble_partner_profile(workspace, org_id, "internal", today=TODAY)
    assert build_partner_profile(profile) is not None


# ----- layout -----------------------------------------------------------------------------------


def test_a_long_organisation_name_is_cut_to_one_header_line(workspace: Workspace) -> None:
    name = "Greater Mekong Seafood Processing and Cold Storage Holdings " * 3 + "Ltd"
    org_id = workspace.profiles.save(Organisation(name=name))
    data = build_briefing_pack(assemble_briefing_pack(workspace, org_id, today=TODAY))
    assert data is not None
    for page in PdfReader(io.BytesIO(data)).pages:
        assert f"… · {TODAY}" in squashed(page.extract_text())
    width = 95 * mm
    for text in (name, ORG_THAI * 8, CHINESE_BUYER * 10):
        line = fit_line(text, width, 8)
        assert text_width(line, 8) <= width
    assert fit_line("Short Co", width, 8) == "Short Co"


def test_portfolio_chart_follows_the_rule_file(workspace: Workspace, org_id: str) -> None:
    report = assemble_portfolio(workspace, [org_id], today=TODAY)
    assert report.thresholds == tier_thresholds()
    data = build_portfolio_report(report)
    assert data is not None
    text = squashed(text_of(data))
    assert "1 organisation, 1 with a completed" in text
    assert f"need {report.thresholds[0]:g}, openness {report.thresholds[1]:g}" in text
    # Equal scores are set slightly apart, the same way each time.
    shifts = {charts.jitter(f"org-{n}") for n in range(20)}
    assert len(shifts) == 20 and all(abs(x) <= 0.18 and abs(y) <= 0.18 for x, y in shifts)
    assert charts.jitter("org-1") == charts.jitter("org-1")


def test_long_factor_labels_are_wrapped_not_cut() -> None:
    label = "Closing or suspension of business operations due to the lockdown"
    drawing = charts.frequency_bars([(label, 3), ("Sick", 1)], 170 * mm, total=4)
    names = drawing.contents[0].categoryAxis.categoryNames
    assert any(n.replace("\n", " ") == label for n in names)


# ----- scripts beyond Southeast Asia ------------------------------------------------------------

LAO_NAME = "ບໍລິສັດ ສົມສັກ ຈຳກັດ"
SOUTH_ASIAN = {
    "bengali": "রহিম গার্মেন্টস",
    "devanagari": "नेपाल कालीन उद्योग",
    "tamil": "சென்னை ஆடை",
    "sinhala": "ලංකා ඇඟලුම්",
}


def test_lao_and_south_asian_names_round_trip(workspace: Workspace, caplog: Any) -> None:
    org_id = workspace.profiles.save(
        Organisation(
            name=LAO_NAME,  # printed bold on the cover and in headings
            other_names=list(SOUTH_ASIAN.values()),
            description=f"Buyer in Seoul: 서울무역 (Korea) and {LAO_NAME}.",
        )
    )
    with caplog.at_level("WARNING"):
        data = build_briefing_pack(assemble_briefing_pack(workspace, org_id, today=TODAY))
    assert data is not None
    text = squashed(text_of(data))
    assert LAO_NAME in text
    for name in SOUTH_ASIAN.values():
        # pypdf reads no /ActualText: each shaped word is in its spans, pdftotext copies all.
        assert all(word in text for word in name.split()), name
    if shutil.which("pdftotext"):
        copied = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode("utf-8")
        for name in (LAO_NAME, *SOUTH_ASIAN.values()):
            assert name in " ".join(copied.split()), name
    # Korean has no bundled font: a visible placeholder, logged, never empty boxes.
    assert "[Hangul text] (Korea)" in text and "서울" not in text
    assert "Hangul" in caplog.text
    reader = PdfReader(io.BytesIO(data))
    assert LAO_NAME in outline_titles(reader)[0] or LAO_NAME in str(reader.metadata.title)  # type: ignore[union-attr]
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    for family in ("Lao", "Bengali", "Devanagari", "Tamil", "Sinhala"):
        assert any(family in f for f in fonts), family
    assert any("NotoSansLao-Bold" in f for f in fonts)  # the bold cover title


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_copies_lao(workspace: Workspace, tmp_path: Any) -> None:
    org_id = workspace.profiles.save(Organisation(name=LAO_NAME))
    path = tmp_path / "lao.pdf"
    path.write_bytes(build_briefing_pack(assemble_briefing_pack(workspace, org_id)) or b"")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert LAO_NAME in " ".join(text.split())
