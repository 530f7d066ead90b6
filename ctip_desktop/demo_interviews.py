"""Fictional demo interviews for the demo organisations: both outreach questionnaires.

Each organisation gets a hidden profile (how hard COVID-19 hit it, how open it is to
partnering, how candidly it talks about labour risks) drawn from the seeded generator, and
its answers follow from that profile with some noise: a hard-hit supplier reports a
disrupted supply chain, a reduced workforce and a need for loans; an open one offers
convening power or expertise. Open answers come from phrase banks for fishing, farm,
garment, factory, service and buyer contexts, a few in Thai, Khmer or Vietnamese.

Interviews are written through the change log exactly as the app writes them (one log
transaction per interview, answers as ``answer:<item id>`` fields), many interviews to one
SQLite transaction for speed. Every person named here is invented.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from ctip_desktop.interviews.model import (
    APPROVED,
    COMPLETED,
    DRAFT,
    EDITED,
    HAS_ISSUES,
    PREPARE,
    REVIEW,
    STARTED_FORMAT,
    InterviewDetails,
)
from ctip_desktop.interviews.repository import stage_behind
from ctip_desktop.questionnaires.answers import checked_answer, is_answered
from ctip_desktop.questionnaires.model import Item, Questionnaire, builtin_questionnaires
from ctip_desktop.storage.entities import ANSWER_PREFIX, CORRECTION, INTERVIEW, ORGANISATION
from ctip_desktop.workspace import Workspace

# About half as many interviews again as organisations: many have none, some several.
INTERVIEWS_PER_ORGANISATION = 1.5

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"

# Interviews fall in the 18 months before this day; drafts in its last weeks.
LAST_INTERVIEW_DAY = date(2026, 10, 31)
FIRST_INTERVIEW_DAY = date(2025, 5, 1)
FIRST_DRAFT_DAY = LAST_INTERVIEW_DAY - timedelta(days=75)


@dataclass(frozen=True)
class DemoContact:
    id: str
    name: str
    role: str
    primary: bool


@dataclass
class DemoOrganisation:
    """What the interview generator knows of an organisation the demo has written."""

    id: str
    name: str
    stage: str  # kept up to date as completed interviews move it forward
    country: str
    country_adjective: str
    language: str
    sector: str
    role: str
    size: int  # index into the size bands, 0 (micro) to 4 (very large)
    city: str
    workers: int
    products: tuple[str, ...]
    facility: str
    origins: tuple[str, ...]  # where its migrant workers come from (adjectives)
    origin_languages: tuple[str, ...]
    chat: str
    contacts: tuple[DemoContact, ...]


# ----- who interviews, and how -----------------------------------------------------------------

# Fictional outreach staff and the languages they work in besides English.
_INTERVIEWERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Anong Srisuk", ("Thai",)),
    ("Pimchanok Rattanakul", ("Thai", "Burmese")),
    ("Sophea Chhun", ("Khmer",)),
    ("Dara Kosal", ("Khmer", "Thai")),
    ("Nguyễn Thị Lan", ("Vietnamese",)),
    ("Trần Minh Đức", ("Vietnamese",)),
    ("Aye Chan Moe", ("Burmese",)),
    ("Siti Rahmawati", ("Bahasa Indonesia", "Malay")),
    ("Joy Dela Paz", ("Tagalog",)),
    ("Farhana Karim", ("Bengali", "Urdu")),
    ("Priya Raghavan", ("Tamil",)),
    ("Chen Yu-ting", ("Mandarin", "Cantonese")),
    ("Tom Hallworth", ()),
    ("Sarah Whitcombe", ()),
    ("Marco Bellandi", ()),
)
_REVIEWERS = ("Helen Okonjo", "Kittipong Saelim", "Mai Phuong Anh", "David Rennard")

_MODES = (("in person", 55), ("video", 20), ("phone", 18), ("other", 7))
_VIDEO_TOOLS = ("Zoom", "Microsoft Teams", "Google Meet")
_EVENTS = (
    "a buyer-supplier roundtable",
    "the regional responsible sourcing forum",
    "a chamber of commerce breakfast",
    "a trade fair",
    "the CTIP partners' workshop",
)
_HUBS = ("Bangkok", "Ho Chi Minh City", "Phnom Penh", "Kuala Lumpur", "Jakarta", "Singapore")
_INTERVIEW_NOTES = (
    "Recorded with the representative's consent.",
    "An interpreter joined for the second half.",
    "The HR manager sat in for part of the meeting.",
    "Short on time: the last items were covered quickly.",
    "Paper notes typed up the same evening.",
    "The representative asked to see the summary before it is shared.",
)

# UTC offset in minutes of each country's business hub, to stamp completion in UTC.
_UTC_OFFSET = {
    "Myanmar": 390,
    "Bangladesh": 360,
    "India": 330,
    "Sri Lanka": 330,
    "Nepal": 345,
    "Pakistan": 300,
    "China": 480,
    "Taiwan": 480,
    "Hong Kong": 480,
    "Malaysia": 480,
    "Singapore": 480,
    "Philippines": 480,
    "Japan": 540,
    "South Korea": 540,
    "Timor-Leste": 540,
    "Australia": 600,
    "United Kingdom": 0,
    "European Union": 60,
    "United States": -300,
}

_ORIGIN_COUNTRIES = {
    "Myanmar": "Myanmar",
    "Cambodian": "Cambodia",
    "Lao": "Laos",
    "Nepali": "Nepal",
    "Bangladeshi": "Bangladesh",
    "Indonesian": "Indonesia",
    "Filipino": "the Philippines",
    "Vietnamese": "Vietnam",
    "Indian": "India",
}
_MARKETS = ("the EU", "the United States", "Japan", "Australia", "the UK", "South Korea")

# ----- contexts --------------------------------------------------------------------------------

FISHING, FARM, GARMENT, FACTORY, SERVICES, BUYER = (
    "fishing",
    "farm",
    "garment",
    "factory",
    "services",
    "buyer",
)
_SECTOR_CONTEXTS = {
    "Fishing and seafood": FISHING,
    "Aquaculture": FISHING,
    "Agriculture": FARM,
    "Sugar": FARM,
    "Palm oil": FARM,
    "Garment, apparel and footwear": GARMENT,
    "Electronics": FACTORY,
    "Medical supplies": FACTORY,
    "Manufacturing components": FACTORY,
    "Metals and minerals": FACTORY,
    "Food and beverage": FACTORY,
    "Construction": SERVICES,
    "Domestic work": SERVICES,
    "Hospitality": SERVICES,
    "Logistics and transport": SERVICES,
    "Recruitment and labour supply": SERVICES,
    "Retail": BUYER,
    "Financial services": BUYER,
}
_BUYER_ROLES = ("Brand / retailer", "Investor", "Industry association")
RECRUITER = "Recruiter / labour broker"
ASSOCIATION = "Industry association"


def context_of(org: DemoOrganisation) -> str:
    if org.role in _BUYER_ROLES:
        return BUYER
    return _SECTOR_CONTEXTS.get(org.sector, FACTORY)


# ----- Example #1: open answers ----------------------------------------------------------------
#
# Placeholders: {city} {product} {facility} {origin} (an adjective: "Myanmar", "Cambodian")
# {origin_country} {worker_language} {country} (adjective) {country_name} {market} {share}
# {n} {months} {days} {sector}. Templates naming a migrant origin are used only where the
# organisation employs migrant workers.

_PRESSING_HIT = (
    "Cash flow. Buyers have pushed payment terms out to {days} days and the bank will not "
    "extend our credit line.",
    "Orders from {market} fell by about {share}% and nobody can tell us when they come back.",
    "Keeping the {facility} open at all: we ran at half capacity for {months} months.",
    "Freight and raw material costs. A container costs far more than before and buyers will "
    "not pay more for {product}.",
    "Cancelled and postponed orders; two buyers invoked force majeure on orders already in "
    "production.",
    "Staying compliant with our buyers' audit requirements while we cut costs everywhere.",
    "Survival, honestly. We are looking at which lines to close.",
)
_PRESSING_STEADY = (
    "Finding enough skilled workers for the peak season.",
    "New due diligence requirements from buyers in {market}; we have to show our recruitment "
    "is fair.",
    "Rising minimum wages and energy costs squeezing margins.",
    "Competition from lower-cost producers elsewhere in the region.",
    "Getting certified for a new customer in {market}.",
    "Planning: orders are fine but come with very short lead times.",
)
_PRESSING_CONTEXT = {
    FISHING: (
        "Fuel prices: boats stay in port longer and the catch per trip is down.",
        "Inspections at {city} port slow down every landing.",
        "Shipments of {product} rejected over traceability paperwork.",
    ),
    FARM: (
        "The harvest needs hundreds of seasonal workers and we could not bring them in on time.",
        "Fertiliser prices doubled; the smallholders who supply us are struggling.",
        "A long dry season: yields of {product} were well down.",
    ),
    GARMENT: (
        "Brands cancelled orders that were already cut and sewn; we hold stock we cannot sell.",
        "Order volumes swing every month, so planning shifts is almost impossible.",
        "Buyers want shorter lead times at the same price per piece.",
    ),
    FACTORY: (
        "Component shortages stopped our lines for weeks at a time.",
        "A major customer moved part of its orders to another country.",
        "Automation costs against finding people for the night shift.",
    ),
    SERVICES: (
        "Projects were put on hold, so we have crews with no site to go to.",
        "Work permit processing now takes months.",
        "Customer numbers are still below where they were before the pandemic.",
    ),
    BUYER: (
        "Visibility beyond our first-tier suppliers: we do not know who makes the inputs.",
        "Meeting the new human rights due diligence laws in {market}.",
        "Keeping key suppliers afloat without taking on all of their risk.",
    ),
}

_WORKFORCE = (
    "Many {origin} workers could not come back after the border closures; we are short of "
    "about {share}% of the workforce.",
    "Workers are in debt from recruitment fees and keep asking for advances on their wages.",
    "Turnover: people leave after a few months for jobs closer to home.",
    "Overtime. When orders come back they come all at once and people work very long hours.",
    "Documents: many {origin} workers' permits expired and renewals are slow and costly.",
    "Women workers with children at home struggle with the shift times.",
    "Supervisors speak {country} and many workers speak only {worker_language}; "
    "misunderstandings end up as complaints.",
    "We let {n} workers go last year and are unsure whether to hire again.",
    "Mostly stable; some absence around the harvest and festival season.",
    "Training new supervisors to manage people respectfully.",
)
_WORKFORCE_CONTEXT = {
    FISHING: (
        "Crew for the boats are hard to find; many are {origin} and come through brokers we do "
        "not know.",
        "Peeling shed workers are paid by the kilo and earn little when supply is low.",
    ),
    FARM: (
        "Seasonal workers come through village heads and labour contractors; we have no "
        "contract with the workers themselves.",
        "Workers' housing on the estate is old and crowded.",
    ),
    GARMENT: (
        "Line workers are mostly young women; many went back to their home provinces and did "
        "not return.",
        "Short-term contracts renewed every three months; workers do not trust it.",
    ),
    FACTORY: (
        "Agency workers make up about {share}% of the line and their agency deducts fees from "
        "wages.",
        "Dormitories are full, and the new hires live far away.",
    ),
    SERVICES: (
        "Workers live in site camps; housing and sanitation are a worry.",
        "Our placements abroad stopped and families here depend on those wages.",
    ),
    BUYER: (
        "At our suppliers: recruitment fees and passports kept by employers keep showing up "
        "in audits.",
        "We hear of excessive overtime at suppliers but cannot verify it.",
    ),
}

_PRIORITIES = (
    "Yes. Health and safety in the dormitories came first; before it was overtime.",
    "Yes, buyers now ask about recruitment fees in every audit, so management takes it seriously.",
    "Not really. Keeping the business alive comes first at the moment.",
    "Somewhat: we started paying wages into bank accounts instead of cash.",
    "Yes, more attention to workers' mental health and to families that lost income.",
    "Priorities moved from welfare to keeping jobs; the welfare budget was cut.",
    "The owners now want a proper grievance channel, after a complaint reached the press.",
    "No change we can see; worker welfare is rarely discussed at board level.",
    "Yes: the new rules on registering migrant workers made us look hard at our agents.",
    "More effort to keep workers informed in their own language.",
)

_RESEARCH = (
    "A map of the recruitment agencies our workers pass through, with their licence status.",
    "What other companies in {country_name} pay in recruitment costs under the employer-pays "
    "principle.",
    "A summary of the new due diligence rules in {market} and what suppliers must show.",
    "Where {origin} workers go after they leave us, and why.",
    "Wage benchmarks for the {sector} sector around {city}.",
    "A short guide to the government relief schemes migrant workers can actually claim.",
    "Examples of grievance mechanisms that work for small suppliers.",
    "Risk data on our second-tier suppliers of {product}.",
    "Research on how buyers' purchasing practices drive overtime.",
    "A comparison of worker voice apps and what they cost.",
    "Migration trends between {origin_country} and {country_name} since the pandemic.",
)

_RESEARCH_NONE = (
    "None right now; we would not have time to read it.",
    "Nothing specific. We rely on what our buyers send us.",
)

_SUPPORT = (
    "Training for supervisors and labour agents on fair recruitment, in {country} and "
    "{worker_language}.",
    "Help to set up a worker hotline that is independent of management.",
    "Introductions to buyers who would share the cost of remediation.",
    "Interpreters for worker interviews during audits.",
    "A plan to repay recruitment fees to workers over time without going under.",
    "Health checks for workers living in the dormitories.",
    "Legal advice on registering {origin} workers correctly.",
    "Financial literacy sessions for workers who send money home.",
    "Pre-departure orientation with our recruiters in {origin_country}.",
    "Childcare near the {facility}.",
    "A digital wage system so workers get payslips on their phones.",
)
_SUPPORT_CLOSED = (
    "We are not looking for support at the moment.",
    "Nothing specific; we will contact you if something comes up.",
    "Our buyer already runs a programme, so nothing from outside for now.",
)

# A few answers in the interview's own language (Thai, Khmer, Vietnamese), by item.
_LOCAL_ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "Thai": {
        "pressing_business_issue": (
            "ยอดสั่งซื้อจากลูกค้าต่างประเทศลดลงมาก และค่าขนส่งสูงขึ้น",
            "ปัญหาสภาพคล่อง ลูกค้าจ่ายเงินช้าลง",
        ),
        "pressing_workforce_issue": (
            "ขาดแรงงานข้ามชาติ หลังปิดด่านชายแดน คนงานยังกลับมาไม่ครบ",
            "คนงานมีหนี้ค่านายหน้า และขอเบิกเงินล่วงหน้าบ่อย",
        ),
        "shifting_priorities": (
            "มีการเปลี่ยนแปลง บริษัทให้ความสำคัญกับสุขภาพและความปลอดภัยในหอพักมากขึ้น",
            "ยังไม่เปลี่ยนมาก เพราะตอนนี้ต้องเอาตัวรอดก่อน",
        ),
        "useful_desk_research": (
            "ข้อมูลบริษัทจัดหางานที่ได้รับใบอนุญาต และค่าใช้จ่ายที่ถูกต้องตาม MOU",
            "กฎหมายใหม่ของประเทศผู้ซื้อเรื่องการตรวจสอบสิทธิมนุษยชน",
        ),
        "other_support": (
            "อบรมหัวหน้างานเรื่องการจ้างงานอย่างเป็นธรรม",
            "ล่ามภาษาเมียนมาสำหรับรับเรื่องร้องเรียนของคนงาน",
        ),
    },
    "Khmer": {
        "pressing_business_issue": (
            "ការបញ្ជាទិញពីអតិថិជនបរទេសបានធ្លាក់ចុះយ៉ាងខ្លាំង",
            "ថ្លៃដឹកជញ្ជូន និងវត្ថុធាតុដើមឡើងថ្លៃ",
        ),
        "pressing_workforce_issue": (
            "កម្មករជាច្រើនបានឈប់ធ្វើការ ហើយត្រឡប់ទៅស្រុកកំណើតវិញ",
            "កម្មករមានបំណុល ហើយបារម្ភអំពីប្រាក់ឈ្នួល",
        ),
        "shifting_priorities": (
            "បាទ ក្រុមហ៊ុនយកចិត្តទុកដាក់លើសុខភាពកម្មករច្រើនជាងមុន",
            "មិនសូវមានការផ្លាស់ប្តូរទេ",
        ),
        "useful_desk_research": (
            "ព័ត៌មានអំពីច្បាប់ការងារថ្មី និងប្រាក់ឈ្នួលអប្បបរមា",
            "ទិន្នន័យអំពីកម្មករចំណាកស្រុកដែលត្រឡប់មកពីប្រទេសថៃ",
        ),
        "other_support": (
            "ការបណ្តុះបណ្តាលអំពីសុវត្ថិភាពការងារសម្រាប់កម្មករ",
            "ជំនួយក្នុងការរៀបចំប្រព័ន្ធដោះស្រាយបណ្តឹងរបស់កម្មករ",
        ),
    },
    "Vietnamese": {
        "pressing_business_issue": (
            "Đơn hàng giảm mạnh, khách hàng châu Âu hoãn nhiều đơn.",
            "Chi phí vận chuyển và nguyên liệu tăng cao.",
        ),
        "pressing_workforce_issue": (
            "Thiếu công nhân sau Tết, nhiều người không quay lại làm việc.",
            "Công nhân lo lắng về thu nhập khi giảm giờ làm thêm.",
        ),
        "shifting_priorities": (
            "Có, công ty quan tâm hơn đến sức khỏe và chỗ ở của công nhân.",
            "Chưa thay đổi nhiều, ưu tiên hiện nay là giữ việc làm.",
        ),
        "useful_desk_research": (
            "Thông tin về các quy định mới của khách hàng châu Âu về thẩm định nhân quyền.",
            "Số liệu về mức lương trong ngành ở địa phương.",
        ),
        "other_support": (
            "Đào tạo cho tổ trưởng về cách quản lý tôn trọng người lao động.",
            "Hỗ trợ xây dựng kênh tiếp nhận khiếu nại cho công nhân.",
        ),
    },
}

# ----- Example #2: notes and the "Other" write-ins -----------------------------------------------

_NOTE_HIT = (
    "Orders are down about {share}% on last year; two lines stand idle.",
    "They let {n} workers go during the worst months and have taken back only some.",
    "Inputs for {product} arrive four to six weeks late.",
    "The {facility} closed for {months} months; it reopened with a smaller team.",
)
_NOTE_STEADY = (
    "Business is steady; the main worry is finding workers for the peak season.",
    "Little direct effect on orders; costs are the issue.",
    "Production is back to normal levels.",
)
_NOTE_MIGRANTS = (
    "About {share}% of the workforce are {origin} migrants, most hired through two agencies.",
    "Several {origin} workers went home during the border closures and have not come back.",
    "Workers' permits are handled by an agent; the company does not hold the documents.",
)
_NOTE_OPEN = (
    "Keen on a joint pilot; asked for a concept note.",
    "Would host a meeting of suppliers in {city} on fair recruitment.",
    "Interested in co-funding worker training if a buyer joins.",
    "Asked to be kept informed of the next partners' workshop.",
)
_NOTE_CLOSED = (
    "Polite but guarded; not ready to discuss a partnership.",
    "Any partnership needs the owner's approval; the {role} could not commit.",
    "Prefers to handle worker issues in-house.",
)
_NOTE_ASIDES = (
    "Asked that their name is not shared with buyers.",
    "Spoke more openly about recruitment fees after the formal questions.",
    "Had the latest audit report at hand and walked through the findings.",
    "Mentioned a recent adverse news story unprompted.",
)
_NOTE_FOLLOW_UPS = (
    "Follow-up: send the fair recruitment toolkit in {language}.",
    "Next step: a site visit in {month}.",
    "Agreed to share their grievance log in anonymised form.",
    "Follow-up: introduce them to the provincial labour office.",
    "Next step: a call with their buyer's sourcing office.",
)

_OTHER_HINDERING = (
    "Recruitment fee debts to agents",
    "Expired work permits",
    "Employer's agent keeps the passports",
    "No information in their language",
    "Quarantine costs deducted from wages",
)
_OTHER_EFFECTS = (
    "Cancelled orders from buyers",
    "Higher freight and container costs",
    "Late payments from customers",
    "Labour shortage at peak season",
)
_OTHER_NEEDS = (
    "Faster work permit renewals",
    "Buyer commitments to keep orders",
    "Digital payroll system",
    "Vaccination for workers",
)
_OTHER_RESOURCES = (
    "Access to their supplier network",
    "Training venue at the factory",
    "Data from their worker voice app",
    "Transport for workers to training",
)

# ----- reviews and corrections ---------------------------------------------------------------

_APPROVED_COMMENTS = ("", "", "", "Clear and complete.", "Good notes, thank you.")
_ISSUE_COMMENTS = (
    "The scale in item 3 does not match the notes, which say orders are steady: please check.",
    "Representative name is incomplete; add the family name.",
    "The notes mention layoffs but item 5 does not: please confirm.",
    "“Other” is ticked without enough detail; say what kind of support.",
    "Please add which languages were used and whether an interpreter was present.",
    "The date looks wrong: the meeting was the week before, per the calendar.",
)
_CORRECTION_REASONS = {
    "supply_chain_effect": "The representative emailed to correct the disruption score.",
    "openness_cso_donors": "Openness score agreed again in the follow-up call.",
    "general_notes": "Notes completed from the interviewer's paper notes.",
    "useful_desk_research": "Answer completed from the interviewer's paper notes.",
    "other_support": "The representative added a need by email after the interview.",
}


# ----- the generator ---------------------------------------------------------------------------


@dataclass
class _Profile:
    disruption: float  # 1-10: how hard COVID-19 hit its supply chain
    openness: float  # 1-10: how open to partnering
    candour: float  # 1-10: how openly it speaks of labour risks


_ARCHETYPES: tuple[tuple[tuple[float, float], tuple[float, float], int], ...] = (
    ((7.0, 10.0), (7.0, 10.0), 24),  # hit hard and keen to partner
    ((7.0, 10.0), (1.0, 4.0), 18),  # hit hard, inward-looking
    ((1.0, 4.0), (6.0, 10.0), 14),  # steady and open
    ((1.0, 4.0), (1.0, 4.0), 18),  # steady and not interested
    ((4.0, 7.0), (3.0, 8.0), 26),  # in between
)
# How many of the interviews go to an organisation at each stage (relative weights).
_STAGE_INTERVIEW_WEIGHTS = {
    "Identified": 0.25,
    "Researched": 0.5,
    "Contacted": 1.0,
    "Interviewed": 2.5,
    "Exploring partnership": 3.0,
    "Active partner": 3.5,
    "Not pursuing": 1.2,
}
# The chance an interview is completed rather than left a draft, by stage.
_COMPLETION_CHANCE = {
    "Identified": 0.4,
    "Researched": 0.5,
    "Contacted": 0.6,
    "Interviewed": 0.88,
    "Exploring partnership": 0.92,
    "Active partner": 0.95,
    "Not pursuing": 0.85,
}


@dataclass
class PlannedInterview:
    """One interview to write: everything about it, before it has an id."""

    org: DemoOrganisation
    questionnaire: Questionnaire
    interviewer: str
    details: InterviewDetails
    answers: dict[str, Any]
    position: str  # a draft's next item
    completed_at: str = ""  # "" for a draft
    review: dict[str, str] = field(default_factory=dict)
    correction: tuple[str, dict[str, Any]] | None = None

    @property
    def completed(self) -> bool:
        return bool(self.completed_at)


def interview_count(organisations: int, per_organisation: float) -> int:
    """How many interviews the demo adds for so many organisations (rounded half up)."""
    return int(organisations * per_organisation + 0.5)


def _clamp(value: float, low: int = 1, high: int = 10) -> int:
    return max(low, min(high, round(value)))


def _utc_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class _InterviewMaker:
    def __init__(self, rng: random.Random, questionnaires: Sequence[Questionnaire]) -> None:
        self.rng = rng
        self.by_id = {q.id: q for q in questionnaires}
        self.window = (LAST_INTERVIEW_DAY - FIRST_INTERVIEW_DAY).days

    # ----- one organisation

    def profile(self, org: DemoOrganisation) -> _Profile:
        rng = self.rng
        weights = [weight for _, _, weight in _ARCHETYPES]
        (d_low, d_high), (o_low, o_high), _ = rng.choices(_ARCHETYPES, weights)[0]
        disruption = rng.uniform(d_low, d_high)
        openness = rng.uniform(o_low, o_high)
        if org.stage in ("Exploring partnership", "Active partner"):
            openness = max(openness, rng.uniform(6.5, 9.5))
        elif org.stage == "Not pursuing":
            openness = min(openness, rng.uniform(1.5, 4.0))
        if org.role in _BUYER_ROLES:  # their own operations feel it less than suppliers do
            disruption = max(1.0, disruption - rng.uniform(0.5, 2.0))
        return _Profile(disruption, openness, rng.uniform(2.0, 9.5))

    def interviews(self, org: DemoOrganisation, count: int) -> list[PlannedInterview]:
        rng = self.rng
        profile = self.profile(org)
        lead = self._interviewer(org)
        planned = []
        chance = _COMPLETION_CHANCE.get(org.stage, 0.8)
        slots = []
        for _ in range(count):
            completed = rng.random() < chance
            first = FIRST_INTERVIEW_DAY if completed else FIRST_DRAFT_DAY
            day = first + timedelta(days=rng.randrange((LAST_INTERVIEW_DAY - first).days + 1))
            slots.append((day, completed))
        for day, completed in sorted(slots):
            interviewer = lead if rng.random() < 0.8 else self._interviewer(org)
            planned.append(self._interview(org, profile, interviewer, day, completed))
        return planned

    def _interviewer(self, org: DemoOrganisation) -> str:
        speakers = [name for name, languages in _INTERVIEWERS if org.language in languages]
        if speakers and self.rng.random() < 0.8:
            return self.rng.choice(speakers)
        return self.rng.choice(_INTERVIEWERS)[0]

    # ----- one interview

    def _interview(
        self,
        org: DemoOrganisation,
        profile: _Profile,
        interviewer: str,
        day: date,
        completed: bool,
    ) -> PlannedInterview:
        rng = self.rng
        questionnaire = self.by_id[EXAMPLE_1 if rng.random() < 0.42 else EXAMPLE_2]
        started = datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.choice((0, 30)))
        if rng.random() < 0.3:
            started += timedelta(minutes=15)
        languages = dict(_INTERVIEWERS)[interviewer]
        details = self._details(org, started, languages)
        people = [c for c in org.contacts if c.id in details.contact_ids]
        # Later interviews find the organisation recovering a little.
        progress = (day - FIRST_INTERVIEW_DAY).days / max(1, self.window)
        level = _Profile(
            disruption=max(1.0, profile.disruption - 1.2 * progress),
            openness=profile.openness,
            candour=profile.candour,
        )
        context = self._context(org, people[0] if people else org.contacts[0], details)
        if questionnaire.id == EXAMPLE_1:
            answers = self._example_1(org, level, context, details.language)
        else:
            answers = self._example_2(org, level, context, people)
        checked = {}
        for item_id, value in answers.items():
            item = questionnaire.item(item_id)
            value = checked_answer(item, value)
            if is_answered(item, value):  # "check all that apply" may find nothing to tick
                checked[item_id] = value
        answers = checked
        if not completed:
            return self._draft(org, questionnaire, interviewer, details, answers)
        answers = self._complete_answers(questionnaire, answers)
        plan = PlannedInterview(
            org=org,
            questionnaire=questionnaire,
            interviewer=interviewer,
            details=details,
            answers=answers,
            position="",
            completed_at=self._completed_at(org, started),
        )
        self._review_and_correct(plan, level)
        return plan

    def _details(
        self, org: DemoOrganisation, started: datetime, languages: tuple[str, ...]
    ) -> InterviewDetails:
        rng = self.rng
        mode = rng.choices([m for m, _ in _MODES], [w for _, w in _MODES])[0]
        if mode == "in person":
            place = rng.choice(
                (
                    f"{org.facility.capitalize()}, {org.city}",
                    f"Company office, {org.city}",
                    f"Meeting room at the {org.facility}, {org.city}",
                    f"Café near the {org.facility}, {org.city}",
                )
            )
        elif mode == "video":
            place = rng.choice((*_VIDEO_TOOLS, f"{org.chat} video call"))
        elif mode == "phone":
            place = rng.choice(("", "Phone call", f"{org.chat} call"))
        else:
            place = f"Sidelines of {rng.choice(_EVENTS)}, {rng.choice(_HUBS)}"
        local = org.language
        if local == "English":
            language = "English"
        elif local in languages:
            language = rng.choice((local, local, f"{local} and English"))
        else:
            language = rng.choice(("English", f"English, with a {local} interpreter"))
        primary = next((c for c in org.contacts if c.primary), org.contacts[0])
        met = [primary] if rng.random() < 0.75 else [rng.choice(org.contacts)]
        if rng.random() < 0.3:
            met.append(rng.choice(org.contacts))
        notes = rng.choice(_INTERVIEW_NOTES) if rng.random() < 0.3 else ""
        return InterviewDetails(
            started_at=started.strftime(STARTED_FORMAT),
            mode=mode,
            place=place,
            language=language,
            contact_ids=list(dict.fromkeys(c.id for c in met)),
            notes=notes,
        )

    def _context(
        self, org: DemoOrganisation, person: DemoContact, details: InterviewDetails
    ) -> dict[str, Any]:
        rng = self.rng
        origin = rng.choice(org.origins) if org.origins else org.country_adjective
        languages = org.origin_languages or (org.language,)
        started = datetime.strptime(details.started_at, STARTED_FORMAT)
        return {
            "city": org.city,
            "product": rng.choice(org.products) if org.products else "their products",
            "facility": org.facility,
            "origin": origin,
            "origin_country": _ORIGIN_COUNTRIES.get(origin, org.country),
            "worker_language": rng.choice(languages),
            "country": org.country_adjective,
            "country_name": org.country,
            "market": rng.choice(_MARKETS),
            "share": rng.randrange(15, 65, 5),
            "n": max(3, round(org.workers * rng.uniform(0.1, 0.4))),
            "months": rng.randint(2, 7),
            "days": rng.choice((60, 90, 120)),
            "sector": org.sector.lower(),
            "role": person.role,
            "person": person.name,
            "language": details.language.split(",")[0].removesuffix(" and English"),
            "month": (started + timedelta(days=rng.randint(20, 60))).strftime("%B"),
        }

    def _pick(
        self, org: DemoOrganisation, templates: Sequence[str], context: dict[str, Any]
    ) -> str:
        """One template the organisation's facts can fill, filled."""
        usable = [t for t in templates if org.origins or not _names_migrants(t)]
        return self.rng.choice(usable or templates).format_map(context)

    def _sentences(
        self,
        org: DemoOrganisation,
        pools: Sequence[Sequence[str]],
        context: dict[str, Any],
        most: int = 2,
    ) -> str:
        rng = self.rng
        chosen: list[str] = []
        for _ in range(rng.randint(1, most)):
            pool = rng.choice([p for p in pools if p])
            sentence = self._pick(org, pool, context)
            if sentence not in chosen:
                chosen.append(sentence)
        return " ".join(chosen)

    # ----- Example #1

    def _example_1(
        self, org: DemoOrganisation, level: _Profile, context: dict[str, Any], language: str
    ) -> dict[str, Any]:
        rng = self.rng
        where = context_of(org)
        hit = level.disruption >= 5.5
        pressing = _PRESSING_HIT if hit else _PRESSING_STEADY
        support = _SUPPORT if level.openness >= 3.5 else _SUPPORT_CLOSED
        if level.openness < 3.5 and rng.random() < 0.5:
            research = self._sentences(org, (_RESEARCH_NONE,), context, most=1)
        else:
            research = self._sentences(org, (_RESEARCH,), context)
        answers = {
            "pressing_business_issue": self._sentences(
                org, (pressing, pressing, _PRESSING_CONTEXT[where]), context
            ),
            "pressing_workforce_issue": self._sentences(
                org, (_WORKFORCE, _WORKFORCE_CONTEXT[where]), context
            ),
            "shifting_priorities": self._sentences(org, (_PRIORITIES,), context, most=1),
            "useful_desk_research": research,
            "other_support": self._sentences(org, (support,), context),
        }
        local = next((lang for lang in _LOCAL_ANSWERS if language.startswith(lang)), "")
        if local:
            for item_id, options in _LOCAL_ANSWERS[local].items():
                if rng.random() < 0.3:
                    answers[item_id] = _nfc(rng.choice(options))
        return answers

    # ----- Example #2

    def _example_2(
        self,
        org: DemoOrganisation,
        level: _Profile,
        context: dict[str, Any],
        people: list[DemoContact],
    ) -> dict[str, Any]:
        rng = self.rng
        d, o = level.disruption, level.openness
        migrants = bool(org.origins) or org.role == RECRUITER
        representative = (people[0] if people else org.contacts[0]).name
        effects = self._effects(d)
        answers: dict[str, Any] = {
            "identification": {"organisation": org.name, "representative": representative},
            "general_notes": self._notes(org, level, context),
            "supply_chain_effect": _clamp(rng.gauss(d, 1.0)),
            "hindering_factors": self._hindering(org, d, migrants),
            "business_effects": effects,
            "recovering_needs": self._needs(org, d, o, effects),
            "migrant_exploitation_risk": _clamp(
                rng.gauss(
                    3.0
                    + 2.5 * migrants
                    + 1.5 * (org.role == RECRUITER)
                    + 0.35 * (d - 5)
                    + 0.3 * (level.candour - 5),
                    1.2,
                )
            ),
            "continuity_plan": _clamp(rng.gauss(1.5 + 0.55 * d + 0.5 * org.size, 1.3)),
            "openness_private_sector": _clamp(
                rng.gauss(o + (0.7 if org.role in _BUYER_ROLES else 0.0), 1.0)
            ),
            "openness_cso_donors": _clamp(rng.gauss(o - 0.3, 1.3)),
            "partnership_resources": self._resources(org, o),
        }
        return answers

    def _choose(
        self, chances: dict[str, float], other: float, texts: Sequence[str]
    ) -> dict[str, Any]:
        rng = self.rng
        selected = [option for option, chance in chances.items() if rng.random() < chance]
        if rng.random() < other:
            return {"selected": selected, "other": True, "other_text": rng.choice(texts)}
        return {"selected": selected, "other": False, "other_text": ""}

    def _hindering(self, org: DemoOrganisation, d: float, migrants: bool) -> dict[str, Any]:
        high = d >= 6
        answer = self._choose(
            {
                "travel_restrictions": (0.75 if migrants else 0.25) * (1.0 if high else 0.6),
                "closing_or_suspension": 0.75 if d >= 7 else 0.3 if d >= 4 else 0.05,
                "sick": 0.35 if high else 0.15,
                "dependent_care": 0.45 if context_of(org) in (GARMENT, SERVICES) else 0.2,
                "government_policies": 0.55 if org.role == RECRUITER else 0.25,
            },
            0.1,
            _OTHER_HINDERING,
        )
        if not answer["selected"] and not answer["other"] and d >= 3:
            answer["selected"] = [
                "travel_restrictions" if migrants else self.rng.choice(("sick", "dependent_care"))
            ]
        return answer

    def _effects(self, d: float) -> dict[str, Any]:
        answer = self._choose(
            {
                "reduced_workforce": 0.85 if d >= 6 else 0.3 if d >= 3.5 else 0.08,
                "supplier_disruptions": 0.8 if d >= 6 else 0.35 if d >= 3.5 else 0.1,
                "operations_suspended": 0.7 if d >= 8 else 0.35 if d >= 5 else 0.05,
            },
            0.1,
            _OTHER_EFFECTS,
        )
        if not answer["selected"] and not answer["other"]:
            if d < 3.5:
                answer |= {"other": True, "other_text": "Hardly affected so far"}
            else:
                answer["selected"] = ["supplier_disruptions"]
        return answer

    def _needs(
        self, org: DemoOrganisation, d: float, o: float, effects: dict[str, Any]
    ) -> dict[str, Any]:
        small = org.size <= 2
        answer = self._choose(
            {
                "loans_financing": (0.75 if small else 0.45) if d >= 6 else 0.15,
                "grants": 0.5 if d >= 6 else 0.2,
                "labor": 0.6
                if "reduced_workforce" in effects["selected"] or org.role == RECRUITER
                else 0.15,
                "technical_assistance": 0.65 if o >= 6 else 0.25,
                "new_policies": 0.6 if org.role == ASSOCIATION else 0.2,
            },
            0.08,
            _OTHER_NEEDS,
        )
        if not answer["selected"] and not answer["other"]:
            answer["selected"] = ["technical_assistance" if o >= 4 else "new_policies"]
        return answer

    def _resources(self, org: DemoOrganisation, o: float) -> dict[str, Any]:
        open_ = o >= 6
        big = org.size >= 3 or org.role in ("Brand / retailer", "Investor")
        return self._choose(
            {
                "convening_power": 0.85
                if org.role == ASSOCIATION
                else (0.5 if org.role == "Brand / retailer" else 0.15) * (1.0 if open_ else 0.3),
                "subject_matter_expertise": 0.6 if open_ else 0.15,
                "financial_support": (0.55 if big else 0.1) * (1.0 if open_ else 0.2),
            },
            0.1 if open_ else 0.03,
            _OTHER_RESOURCES,
        )

    def _notes(self, org: DemoOrganisation, level: _Profile, context: dict[str, Any]) -> str:
        rng = self.rng
        opening = rng.choice(
            (
                "Met {person} ({role}).",
                "Spoke with {person}, {role}.",
                "Interview with {person} ({role}) and a colleague from HR.",
            )
        ).format_map(context)
        sentences = [opening]
        sentences.append(
            self._pick(org, _NOTE_HIT if level.disruption >= 5.5 else _NOTE_STEADY, context)
        )
        if org.origins and rng.random() < 0.6:
            sentences.append(self._pick(org, _NOTE_MIGRANTS, context))
        sentences.append(
            self._pick(org, _NOTE_OPEN if level.openness >= 5.5 else _NOTE_CLOSED, context)
        )
        if rng.random() < 0.35:
            sentences.append(rng.choice(_NOTE_ASIDES))
        if rng.random() < 0.6:
            sentences.append(self._pick(org, _NOTE_FOLLOW_UPS, context))
        return " ".join(sentences)

    # ----- status, review, correction

    def _draft(
        self,
        org: DemoOrganisation,
        questionnaire: Questionnaire,
        interviewer: str,
        details: InterviewDetails,
        answers: dict[str, Any],
    ) -> PlannedInterview:
        """A draft stopped part-way: the first items answered, the identification prefilled."""
        items = questionnaire.items
        stop = self.rng.randrange(len(items) + 1)  # all answered: waiting on the review page
        kept = {i.id: answers[i.id] for i in items[:stop] if i.id in answers}
        for item in items:
            if item.kind == "identification" and item.id not in kept:
                primary = next((c for c in org.contacts if c.primary), org.contacts[0])
                kept[item.id] = {"organisation": org.name, "representative": primary.name}
        if stop and items[stop - 1].kind == "text" and self.rng.random() < 0.5:
            # The interviewer was in the middle of typing the last answer.
            last = items[stop - 1].id
            text = kept[last]
            kept[last] = text[: max(1, len(text) * self.rng.randint(3, 8) // 10)].rstrip()
        return PlannedInterview(
            org=org,
            questionnaire=questionnaire,
            interviewer=interviewer,
            details=details,
            answers=kept,
            position=self._position(items, stop),
        )

    def _position(self, items: Sequence[Item], stop: int) -> str:
        if stop == len(items):
            return REVIEW
        if stop == 0 and self.rng.random() < 0.5:
            return PREPARE  # still on the page before the first item
        return items[stop].id

    def _complete_answers(
        self, questionnaire: Questionnaire, answers: dict[str, Any]
    ) -> dict[str, Any]:
        """A completed interview answers every item, bar an occasional one left blank."""
        if self.rng.random() < 0.06:
            skipped = self.rng.choice(questionnaire.items[1:]).id
            return {k: v for k, v in answers.items() if k != skipped}
        return answers

    def _completed_at(self, org: DemoOrganisation, started: datetime) -> str:
        rng = self.rng
        local = started + timedelta(minutes=rng.randint(40, 150))
        if rng.random() < 0.4:  # written up later
            local += timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 3))
        offset = _UTC_OFFSET.get(org.country, 420)
        return _utc_text(local - timedelta(minutes=offset, seconds=-rng.randint(0, 59)))

    def _review_and_correct(self, plan: PlannedInterview, level: _Profile) -> None:
        rng = self.rng
        completed = datetime.strptime(plan.completed_at, "%Y-%m-%dT%H:%M:%S.000Z")
        if rng.random() < 0.4:
            reviewed = completed + timedelta(days=rng.randint(1, 25), minutes=rng.randint(0, 600))
            if rng.random() < 0.75:
                state, comment = APPROVED, rng.choice(_APPROVED_COMMENTS)
            else:
                state, comment = HAS_ISSUES, rng.choice(_ISSUE_COMMENTS)
            plan.review = {
                "review_state": state,
                "review_comment": comment,
                "reviewed_by": rng.choice(_REVIEWERS),
                "reviewed_at": _utc_text(reviewed),
            }
        if rng.random() < (0.25 if plan.review.get("review_state") == HAS_ISSUES else 0.04):
            plan.correction = self._correction(plan)

    def _correction(self, plan: PlannedInterview) -> tuple[str, dict[str, Any]] | None:
        rng = self.rng
        candidates = [k for k in _CORRECTION_REASONS if k in plan.answers]
        if not candidates:
            return None
        item_id = rng.choice(candidates)
        old = plan.answers[item_id]
        new: Any
        if isinstance(old, int):
            new = _clamp(old + rng.choice((-2, -1, 1, 2)))
            if new == old:
                new = _clamp(old - 1) if old > 1 else 2
        else:
            addition = rng.choice(
                (
                    "Confirmed by email afterwards.",
                    "Correction: the workers' permits are renewed by the company, not the agent.",
                    "Added: they asked for materials in the workers' languages.",
                )
            )
            new = f"{old} {addition}".strip()
        return _CORRECTION_REASONS[item_id], {item_id: new}


def _names_migrants(template: str) -> bool:
    return any(key in template for key in ("{origin", "{worker_language}"))


# ----- planning and writing --------------------------------------------------------------------


def plan_interviews(
    organisations: Sequence[DemoOrganisation], total: int, seed: int
) -> Iterator[PlannedInterview]:
    """The demo interviews for these organisations, organisation by organisation.

    ``total`` interviews are spread over the organisations, more to those further along the
    outreach stages. Deterministic for a seed and the organisations' facts.
    """
    if not organisations or total <= 0:
        return
    rng = random.Random(f"ctip-demo-interviews-{seed}")
    shipped = builtin_questionnaires()
    maker = _InterviewMaker(rng, [shipped.latest(EXAMPLE_1), shipped.latest(EXAMPLE_2)])
    weights = [_STAGE_INTERVIEW_WEIGHTS.get(org.stage, 1.0) for org in organisations]
    counts = Counter(rng.choices(range(len(organisations)), weights, k=total))
    for index, org in enumerate(organisations):
        if counts[index]:
            yield from maker.interviews(org, counts[index])


def _write(workspace: Workspace, plan: PlannedInterview) -> str:
    """One interview as the app would leave it: one log action for the interview itself."""
    questionnaire, org = plan.questionnaire, plan.org
    values: dict[str, Any] = {
        "org_id": org.id,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "interviewer": plan.interviewer,
        "status": DRAFT,
        "position": plan.position,
        **plan.details.values(),
    }
    values |= {ANSWER_PREFIX + item_id: value for item_id, value in plan.answers.items()}
    log = workspace.log
    # The history names the fictional interviewer, not whoever generated the demo.
    author, log.author = log.author, plan.interviewer
    try:
        return _write_as_author(workspace, plan, values)
    finally:
        log.author = author


def _write_as_author(workspace: Workspace, plan: PlannedInterview, values: dict[str, Any]) -> str:
    questionnaire, org, log = plan.questionnaire, plan.org, workspace.log
    with log.transaction(f"demo interview with “{org.name}”", undoable=False) as tx:
        interview_id = tx.create(INTERVIEW, values)
        if plan.completed:
            tx.set(INTERVIEW, interview_id, "status", COMPLETED)
            tx.set(INTERVIEW, interview_id, "completed_at", plan.completed_at)
            tx.update(INTERVIEW, interview_id, plan.review)
            target = questionnaire.completes_stage
            if target and stage_behind(org.stage, target):
                tx.set(ORGANISATION, org.id, "stage", target)
                org.stage = target
    if plan.correction is not None:
        reason, changed = plan.correction
        fields = {ANSWER_PREFIX + item_id: value for item_id, value in changed.items()}
        # As InterviewStore.correct records it, but not on this session's undo stack.
        with log.transaction("correct interview", undoable=False) as tx:
            tx.create(
                CORRECTION,
                {"interview_id": interview_id, "reason": reason, "items": sorted(fields)},
            )
            tx.update(INTERVIEW, interview_id, fields)
            if plan.review.get("review_state") in (APPROVED, HAS_ISSUES):
                tx.set(INTERVIEW, interview_id, "review_state", EDITED)
    return interview_id


def write_interviews(
    workspace: Workspace,
    plans: Iterator[PlannedInterview],
    progress: Callable[[int], bool] | None = None,
    *,
    batch_size: int,
) -> int:
    """Write planned interviews, ``batch_size`` to one SQLite transaction; return how many.

    progress(written) is called after each batch; returning False stops there.
    """
    kept: set[tuple[str, int]] = set()
    written = 0
    while True:
        batch = list(islice(plans, batch_size))
        if not batch:
            break
        with workspace.db.atomic():
            for plan in batch:
                questionnaire = plan.questionnaire
                if questionnaire.key not in kept:
                    workspace.interviews.keep_snapshot(questionnaire)
                    kept.add(questionnaire.key)
                _write(workspace, plan)
        written += len(batch)
        if progress is not None and not progress(written):
            break
    return written
