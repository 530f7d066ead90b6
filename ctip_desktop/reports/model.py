"""What a report prints: plain records the assembler fills, so PDF code never reads a database.

Everything in a report record is meant to be printed: the assembler has already left out what
the report's audience must not see (see :mod:`ctip_desktop.reports.assemble`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Audience = Literal["internal", "partner", "public"]
AUDIENCES: tuple[Audience, ...] = ("internal", "partner", "public")
AUDIENCE_LABELS: dict[str, str] = {
    "internal": "Internal – for the CTIP team only",
    "partner": "Partner – may be shared with the company",
    "public": "Public – no personal details",
}

TIERS = ("engage now", "nurture", "monitor", "unknown")
RecommendationStatus = Literal["proposed", "accepted", "dismissed"]


@dataclass(frozen=True)
class ContactView:
    name: str
    role: str
    email: str = ""
    phone: str = ""
    notes: str = ""
    primary: bool = False


@dataclass(frozen=True)
class HeadlineView:
    headline: str
    date: str = ""
    source: str = ""
    link: str = ""
    tone: str = ""
    note: str = ""


@dataclass(frozen=True)
class ProfileView:
    org_id: str
    name: str
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
    notes: str = ""  # internal only
    media_scan_date: str = ""
    contacts: list[ContactView] = field(default_factory=list)
    headlines: list[HeadlineView] = field(default_factory=list)
    homework_done: list[str] = field(default_factory=list)
    homework_missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InterviewSummary:
    """One line of the interview history."""

    id: str
    date: str  # YYYY-MM-DD
    questionnaire: str
    questionnaire_id: str
    interviewer: str
    mode: str
    place: str
    language: str
    status: str
    review: str
    people: list[str] = field(default_factory=list)  # names, or roles for a public report
    notes: str = ""  # internal only
    answered: int = 0
    items: int = 0


@dataclass(frozen=True)
class AnswerView:
    """One item of a questionnaire and the answer given."""

    number: str
    item_id: str
    question: str
    kind: str
    text: str  # the answer as one readable text; "" when not answered
    answered: bool
    value: int | None = None  # a scale's point
    minimum: int = 1
    maximum: int = 10
    low_label: str = ""
    high_label: str = ""
    options: list[tuple[str, bool]] = field(default_factory=list)  # (label, ticked)
    other: str = ""  # the write-in "Other" text, when ticked


@dataclass(frozen=True)
class ScoreMovement:
    """A scale item across the organisation's completed interviews, oldest first."""

    number: str
    label: str
    points: list[tuple[str, int | None]]  # (date, value)

    @property
    def change(self) -> int | None:
        values = [v for _, v in self.points if v is not None]
        return values[-1] - values[0] if len(values) >= 2 else None


@dataclass(frozen=True)
class RecommendationView:
    title: str
    advice: str = ""  # what to do, in a sentence or two
    category: str = ""
    opportunity: str = ""
    roles: list[str] = field(default_factory=list)
    priority: str = ""
    confidence: str = ""
    next_steps: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)  # why confidence was lowered
    rule_id: str = ""
    status: RecommendationStatus = "proposed"
    status_note: str = ""
    internal_note: str = ""  # internal only
    # False for a decision on a rule that no longer fires on the latest answers: the
    # recommendation is kept in reports with its decision, and marked.
    still_triggered: bool = True


@dataclass(frozen=True)
class ReadinessView:
    tier: str = "unknown"  # engage now | nurture | monitor | unknown
    need: float | None = None  # 1-10
    openness: float | None = None  # 1-10
    # The resources offered (Example #2's item 11); None when not known: no completed
    # Example #2, or the item unanswered (not the same as none offered).
    resources: list[str] | None = None
    explanation: str = ""


@dataclass(frozen=True)
class FollowUpView:
    step: str
    owner: str = ""
    due: str = ""  # YYYY-MM-DD
    status: str = ""
    outcome: str = ""
    recommendation: str = ""


@dataclass(frozen=True)
class SuggestedQuestion:
    question: str
    why: str


@dataclass(frozen=True)
class Principle:
    title: str
    text: str


@dataclass(frozen=True)
class ReportMeta:
    """What every report carries: for whom, when, by whom."""

    audience: Audience
    generated_on: str  # YYYY-MM-DD
    author: str
    organisation_label: str = "CTIP Outreach Desk"


@dataclass(frozen=True)
class BriefingPack:
    meta: ReportMeta
    profile: ProfileView
    interviews: list[InterviewSummary]
    latest_survey_date: str  # date of the latest completed Example #2, "" if none
    latest_survey: list[AnswerView]
    movements: list[ScoreMovement]
    open_answers_date: str
    open_answers: list[AnswerView]
    readiness: ReadinessView
    recommendations: list[RecommendationView]
    follow_ups: list[FollowUpView]
    suggested_questions: list[SuggestedQuestion]
    principles: list[Principle]


@dataclass(frozen=True)
class PartnerProfile:
    meta: ReportMeta
    profile: ProfileView
    readiness: ReadinessView
    recommendations: list[RecommendationView]  # the top few
    key_contact: ContactView | None
    last_interview: str  # date, "" if never
    interview_count: int
    scores: list[AnswerView]  # the latest Example #2 scale answers


@dataclass(frozen=True)
class PortfolioRow:
    org_id: str
    name: str
    sectors: list[str]
    countries: list[str]
    stage: str
    tier: str
    need: float | None
    openness: float | None
    last_interview: str


@dataclass(frozen=True)
class PortfolioReport:
    meta: ReportMeta
    title: str
    rows: list[PortfolioRow]
    tier_counts: list[tuple[str, int]]
    factors: list[tuple[str, int]]  # Example #2 item 4, ticks across the latest interviews
    needs: list[tuple[str, int]]  # item 6
    resources: list[tuple[str, int]]  # item 11
    surveyed: int  # organisations with a completed Example #2
    # Need and openness from which the first tier starts (the rule file's): the chart's lines.
    thresholds: tuple[float, float] = (6.0, 6.0)
