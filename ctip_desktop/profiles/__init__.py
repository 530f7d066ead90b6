"""Organisational profiles: what the interviewer learns about a company before the interview."""

from ctip_desktop.profiles.model import (
    VOCABULARY,
    Completeness,
    Contact,
    Headline,
    Organisation,
    Problem,
    ValidationError,
)
from ctip_desktop.profiles.repository import OrganisationFilter, OrganisationRow, ProfileStore

__all__ = [
    "VOCABULARY",
    "Completeness",
    "Contact",
    "Headline",
    "Organisation",
    "OrganisationFilter",
    "OrganisationRow",
    "Problem",
    "ProfileStore",
    "ValidationError",
]
