"""The analysis of many interviews: distributions, ticks, write-ins and change over time.

analysis = analyse(workspace, AnalysisFilter("pse-outreach-example-2", country="Thailand"))
for item in analysis.items: ...       # ScaleSummary or ChoiceSummary, with their bars
"""

from ctip_desktop.analysis.compute import (
    OTHER,
    analyse,
    analysis_questionnaire,
    chartable_items,
)
from ctip_desktop.analysis.model import (
    Analysis,
    AnalysisError,
    AnalysisFilter,
    Bar,
    ChoiceSummary,
    ItemChange,
    ItemSummary,
    OrganisationChange,
    ScaleSummary,
    WriteIn,
)

__all__ = [
    "OTHER",
    "Analysis",
    "AnalysisError",
    "AnalysisFilter",
    "Bar",
    "ChoiceSummary",
    "ItemChange",
    "ItemSummary",
    "OrganisationChange",
    "ScaleSummary",
    "WriteIn",
    "analyse",
    "analysis_questionnaire",
    "chartable_items",
]
