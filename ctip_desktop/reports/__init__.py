"""PDF reports: briefing packs, partner profiles and portfolio reports (ReportLab Platypus).

One call per user action, with the engine's advice and the team's decisions:

    build_report(workspace, org_id, "briefing", "partner", "out/briefing.pdf")
    build_portfolio(workspace, org_ids, "internal", "out/portfolio.pdf")
    export_reports(workspace, org_ids, "profile", "partner", "out/", progress=...)

Or step by step: assemble a report record from a workspace (the audience rules apply there),
then build it:

    inputs = report_inputs(workspace, org_id)
    pack = assemble_briefing_pack(workspace, org_id, "partner", recommendations=..., ...)
    build_briefing_pack(pack, "out/briefing.pdf")      # or build_briefing_pack(pack) -> bytes
"""

from ctip_desktop.reports.assemble import (
    PRINCIPLES,
    ReportError,
    assemble_briefing_pack,
    assemble_partner_profile,
    assemble_portfolio,
    merge_questions,
    suggested_questions,
)
from ctip_desktop.reports.export import (
    EXPORT_KINDS,
    REPORT_KINDS,
    ExportKind,
    ExportResult,
    Progress,
    ReportKind,
    build_portfolio,
    build_report,
    export_reports,
    portfolio_readiness,
    report_file_name,
    safe_file_name,
)
from ctip_desktop.reports.inputs import (
    ReportInputs,
    follow_up_view,
    inputs_from,
    readiness_view,
    recommendation_view,
    report_inputs,
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
    "EXPORT_KINDS",
    "PRINCIPLES",
    "REPORT_KINDS",
    "TIERS",
    "AnswerView",
    "Audience",
    "BriefingPack",
    "ContactView",
    "ExportKind",
    "ExportResult",
    "FollowUpView",
    "HeadlineView",
    "InterviewSummary",
    "PartnerProfile",
    "PortfolioReport",
    "PortfolioRow",
    "Principle",
    "ProfileView",
    "Progress",
    "ReadinessView",
    "RecommendationView",
    "ReportError",
    "ReportInputs",
    "ReportKind",
    "ReportMeta",
    "ScoreMovement",
    "SuggestedQuestion",
    "assemble_briefing_pack",
    "assemble_partner_profile",
    "assemble_portfolio",
    "build_briefing_pack",
    "build_partner_profile",
    "build_portfolio",
    "build_portfolio_report",
    "build_report",
    "export_reports",
    "follow_up_view",
    "inputs_from",
    "merge_questions",
    "portfolio_readiness",
    "readiness_view",
    "recommendation_view",
    "report_file_name",
    "report_inputs",
    "safe_file_name",
    "suggested_questions",
]
