"""PDF reports: briefing packs, partner profiles and portfolio reports (ReportLab Platypus).

Assemble a report record from a workspace (the audience rules apply there), then build it:

    pack = assemble_briefing_pack(workspace, org_id, "partner", recommendations=..., ...)
    build_briefing_pack(pack, "out/briefing.pdf")      # or build_briefing_pack(pack) -> bytes
"""

from ctip_desktop.reports.assemble import (
    PRINCIPLES,
    ReportError,
    assemble_briefing_pack,
    assemble_partner_profile,
    assemble_portfolio,
    suggested_questions,
    survey_facts,
)
from ctip_desktop.reports.model import (
    AUDIENCE_LABELS,
    AUDIENCES,
    TIERS,
    AnswerView,
    Audience,
    BriefingPack,
    ContactView,
    FollowUpView,
    HeadlineView,
    InterviewSummary,
    PartnerProfile,
    PortfolioReport,
    PortfolioRow,
    Principle,
    ProfileView,
    ReadinessView,
    RecommendationView,
    ReportMeta,
    ScoreMovement,
    SuggestedQuestion,
)
from ctip_desktop.reports.pdf import (
    build_briefing_pack,
    build_partner_profile,
    build_portfolio_report,
)

__all__ = [
    "AUDIENCES",
    "AUDIENCE_LABELS",
    "PRINCIPLES",
    "TIERS",
    "AnswerView",
    "Audience",
    "BriefingPack",
    "ContactView",
    "FollowUpView",
    "HeadlineView",
    "InterviewSummary",
    "PartnerProfile",
    "PortfolioReport",
    "PortfolioRow",
    "Principle",
    "ProfileView",
    "ReadinessView",
    "RecommendationView",
    "ReportError",
    "ReportMeta",
    "ScoreMovement",
    "SuggestedQuestion",
    "assemble_briefing_pack",
    "assemble_partner_profile",
    "assemble_portfolio",
    "build_briefing_pack",
    "build_partner_profile",
    "build_portfolio_report",
    "suggested_questions",
    "survey_facts",
]
