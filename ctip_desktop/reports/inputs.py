"""What the engine advises and the team decided, as the report records print it.

The recommendation engine (:mod:`ctip_desktop.recommend`) gives readiness and recommendations
with their reasons; the decision store (:mod:`ctip_desktop.decisions`) gives what the team made
of each recommendation (accepted, dismissed with a reason, annotated) and the follow-ups.
:func:`report_inputs` combines the two into the views the assembler takes. Everything is mapped
here, internal notes and dismissed recommendations included: leaving out what an audience must
not see stays the assembler's job, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ctip_desktop.decisions import (
    ACCEPTED,
    DECISION_STATUSES,
    DISMISSED,
    PROPOSED,
    Decision,
    FollowUp,
)
from ctip_desktop.recommend import (
    OrganisationAdvice,
    Readiness,
    Recommendation,
    RuleBook,
    UnknownOrganisationError,
    recommend_for,
)
from ctip_desktop.reports.assemble import ReportError
from ctip_desktop.reports.model import (
    TIERS,
    FollowUpView,
    ReadinessView,
    RecommendationStatus,
    RecommendationView,
    SuggestedQuestion,
)
from ctip_desktop.workspace import Workspace


@dataclass(frozen=True)
class ReportInputs:
    """One organisation's advice and decisions, ready for the assembler."""

    org_id: str
    org_name: str
    recommendations: list[RecommendationView]
    readiness: ReadinessView
    follow_ups: list[FollowUpView]
    # The engine's questions to ask next (from recommendations not dismissed).
    suggested: list[SuggestedQuestion] = field(default_factory=list)


def readiness_view(readiness: Readiness) -> ReadinessView:
    """The engine's readiness as a report prints it (tier ``engage_now`` → ``engage now``)."""
    tier = readiness.tier.replace("_", " ")
    return ReadinessView(
        tier=tier if tier in TIERS else "unknown",
        need=readiness.need,
        openness=readiness.openness,
        resources=None,  # the assembler names them from the latest Example #2
        explanation=readiness.explanation,
    )


def _status(decision: Decision | None) -> RecommendationStatus:
    status = decision.status if decision is not None else PROPOSED
    return status if status in DECISION_STATUSES else PROPOSED  # type: ignore[return-value]


def recommendation_view(rec: Recommendation, decision: Decision | None) -> RecommendationView:
    """One recommendation with the team's decision on it (proposed when there is none)."""
    status = _status(decision)
    return RecommendationView(
        title=rec.title,
        advice=rec.advice,
        category=rec.category.heading,
        opportunity=rec.opportunity.title,
        roles=[role.title for role in rec.roles],
        priority=rec.priority,
        confidence=rec.confidence,
        next_steps=list(rec.next_steps),
        reasons=list(dict.fromkeys(reason.sentence for reason in rec.reasons)),
        examples=[entry.name for entry in rec.examples],
        cautions=list(rec.cautions),
        rule_id=rec.rule_id,
        status=status,
        status_note=decision.reason if decision is not None and status == DISMISSED else "",
        internal_note=decision.note if decision is not None else "",
    )


def decided_view(decision: Decision) -> RecommendationView:
    """A decision on a recommendation the engine no longer gives (its rule stopped firing on
    the latest answers): kept, under the title it was decided on, and marked."""
    status = _status(decision)
    return RecommendationView(
        title=decision.title or decision.rule_id,
        rule_id=decision.rule_id,
        status=status,
        status_note=decision.reason if status == DISMISSED else "",
        internal_note=decision.note,
        still_triggered=False,
    )


def follow_up_view(follow_up: FollowUp, titles: Mapping[str, str]) -> FollowUpView:
    return FollowUpView(
        step=follow_up.step,
        owner=follow_up.owner,
        due=follow_up.due,
        status=follow_up.status,
        outcome=follow_up.outcome,
        recommendation=titles.get(follow_up.rule_id, ""),
    )


def _questions(
    views: Iterable[tuple[Recommendation, RecommendationView]],
) -> list[SuggestedQuestion]:
    found: dict[str, SuggestedQuestion] = {}
    for rec, view in views:
        if view.status == DISMISSED:
            continue
        for question in rec.ask_next:
            found.setdefault(question, SuggestedQuestion(question, f"To follow up “{rec.title}”."))
    return list(found.values())


def inputs_from(
    advice: OrganisationAdvice,
    decisions: Mapping[str, Decision],
    follow_ups: Sequence[FollowUp],
) -> ReportInputs:
    """The report views for advice already given and decisions already read (pure)."""
    pairs = [
        (rec, recommendation_view(rec, decisions.get(rec.rule_id)))
        for rec in advice.recommendations
    ]
    # Accepted or dismissed, a recommendation stays in the reports when its rule stops firing.
    given = {rec.rule_id for rec in advice.recommendations}
    stale = [
        decided_view(d)
        for rule_id, d in sorted(decisions.items())
        if rule_id not in given and d.status in (ACCEPTED, DISMISSED)
    ]
    # A follow-up names its recommendation: the engine's title, else the one decided on.
    titles = {rule_id: d.title for rule_id, d in decisions.items() if d.title}
    titles.update((rec.rule_id, rec.title) for rec in advice.recommendations)
    return ReportInputs(
        org_id=advice.org_id,
        org_name=advice.org_name,
        recommendations=[view for _, view in pairs] + stale,
        readiness=readiness_view(advice.readiness),
        follow_ups=[follow_up_view(f, titles) for f in follow_ups],
        suggested=_questions(pairs),
    )


def report_inputs(
    workspace: Workspace, org_id: str, rulebook: RuleBook | None = None
) -> ReportInputs:
    """Readiness, recommendations with the team's decisions, follow-ups and questions to ask.

    Raises :class:`ReportError` when the organisation is not in the database.
    """
    try:
        advice = recommend_for(workspace, org_id, rulebook)
    except UnknownOrganisationError as error:
        raise ReportError(f"No organisation with id {org_id} (was it deleted?).") from error
    return inputs_from(
        advice, workspace.decisions.decisions(org_id), workspace.decisions.follow_ups(org_id)
    )
