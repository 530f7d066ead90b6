"""The portfolio: every interviewed organisation placed by need against openness.

One point per live organisation with a completed Example #2 interview, its readiness computed
by the same engine as the organisation's own advice (:func:`assess_readiness` over the facts
of its completed Example #2 interviews: readiness reads nothing else, so the rules and the
Example #1 answers are not needed here). The organisations are chosen in SQL first, so a
database of 10,000 profiles with a few hundred interviewed costs only those few hundred.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ctip_desktop.interviews.model import COMPLETED, Interview, InterviewError
from ctip_desktop.profiles.model import Organisation
from ctip_desktop.questionnaires.model import Questionnaire
from ctip_desktop.recommend.facts import EXAMPLE_2, collect_facts
from ctip_desktop.recommend.readiness import assess_readiness
from ctip_desktop.recommend.rules import AllOf, Comparison, Condition, RuleBook, builtin_rulebook
from ctip_desktop.workspace import Workspace

# progress(done, total, name of the organisation just assessed) -> False to stop
PortfolioProgress = Callable[[int, int, str], bool]
PROGRESS_EVERY = 50
DEFAULT_THRESHOLD = 6.0


@dataclass(frozen=True)
class PortfolioPoint:
    org_id: str
    name: str
    need: float | None  # 1-10, None when a need scale is unanswered
    openness: float | None
    tier: str  # "engage_now", "nurture", "monitor" or "unknown"
    tier_label: str  # "Engage now"
    resources: int | None  # how many resources the company could bring
    sectors: tuple[str, ...]
    countries: tuple[str, ...]
    last_interview: str  # started_at of the latest completed Example #2 (YYYY-MM-DDTHH:MM)
    explanation: str = ""  # the readiness sentence with the numbers behind the tier

    @property
    def plotted(self) -> bool:
        """Both coordinates are known: the point can be drawn."""
        return self.need is not None and self.openness is not None


class Portfolio(list[PortfolioPoint]):
    """The points, by name; ``cancelled`` when the caller stopped before the end."""

    def __init__(
        self, points: Iterable[PortfolioPoint] = (), *, total: int = 0, cancelled: bool = False
    ) -> None:
        super().__init__(points)
        self.total = total  # organisations that qualify (more than len(self) when cancelled)
        self.cancelled = cancelled


_QUALIFYING = (
    "SELECT o.id, o.name, o.sectors, o.countries, max(i.started_at) "
    "FROM interview i JOIN organisation o ON o.id = i.org_id "
    "WHERE i.status = ? AND i.questionnaire_id = ? AND i.deleted = 0 AND o.deleted = 0 "
    "GROUP BY o.id ORDER BY o.name COLLATE NOCASE, o.id"
)
_INTERVIEWS = (
    "SELECT i.org_id, i.id FROM interview i JOIN organisation o ON o.id = i.org_id "
    "WHERE i.status = ? AND i.questionnaire_id = ? AND i.deleted = 0 AND o.deleted = 0 "
    "ORDER BY i.started_at, i.id"
)


def portfolio_points(
    workspace: Workspace,
    *,
    progress: PortfolioProgress | None = None,
    rulebook: RuleBook | None = None,
) -> Portfolio:
    """Readiness of every live organisation with a completed Example #2 interview, by name.

    ``progress(done, total, name)`` is called every :data:`PROGRESS_EVERY` organisations and
    at the end; when it returns False the points computed so far come back, flagged
    ``cancelled``.
    """
    rulebook = rulebook or builtin_rulebook()
    db = workspace.db
    params = (COMPLETED, EXAMPLE_2)
    orgs = db.execute(_QUALIFYING, params).fetchall()
    interview_ids: dict[str, list[str]] = {}
    for org_id, interview_id in db.execute(_INTERVIEWS, params).fetchall():
        interview_ids.setdefault(org_id, []).append(interview_id)
    store = workspace.interviews
    total = len(orgs)
    points: list[PortfolioPoint] = []
    for done, (org_id, name, sectors, countries, last) in enumerate(orgs, start=1):
        organisation = Organisation(
            name=name, sectors=json.loads(sectors), countries=json.loads(countries), id=org_id
        )
        pairs: list[tuple[Interview, Questionnaire]] = []
        for interview_id in interview_ids.get(org_id, []):
            interview = store.get(interview_id)
            if interview is None:
                continue
            try:
                pairs.append((interview, store.questionnaire_of(interview)))
            except InterviewError:  # unreadable questionnaire: left out, as recommend_for does
                continue
        facts = collect_facts(organisation, pairs, store.questionnaires)
        readiness = assess_readiness(facts, rulebook)
        points.append(
            PortfolioPoint(
                org_id=org_id,
                name=name,
                need=readiness.need,
                openness=readiness.openness,
                tier=readiness.tier,
                tier_label=readiness.label,
                resources=readiness.resources,
                sectors=tuple(organisation.sectors),
                countries=tuple(organisation.countries),
                last_interview=last or "",
                explanation=readiness.explanation,
            )
        )
        if (
            progress is not None
            and (done % PROGRESS_EVERY == 0 or done == total)
            and not progress(done, total, name)
        ):
            return Portfolio(points, total=total, cancelled=done < total)
    return Portfolio(points, total=total)


def tier_thresholds(rulebook: RuleBook | None = None) -> tuple[float, float]:
    """The need and openness from which the first tier ("Engage now") starts, for the chart.

    Read from the rule file's first tier (its ``at_least`` tests of ``readiness.need`` and
    ``readiness.openness``); 6 where the file does not say.
    """
    rulebook = rulebook or builtin_rulebook()
    found: dict[str, float] = {}

    def visit(condition: Condition | None) -> None:
        if isinstance(condition, Comparison) and condition.operator == "at_least":
            found.setdefault(condition.fact, float(condition.operand))
        elif isinstance(condition, AllOf):
            for part in condition.parts:
                visit(part)

    tiers = rulebook.readiness.tiers
    if tiers:
        visit(tiers[0].when)
    return (
        found.get("readiness.need", DEFAULT_THRESHOLD),
        found.get("readiness.openness", DEFAULT_THRESHOLD),
    )


def tier_labels(rulebook: RuleBook | None = None) -> dict[str, str]:
    """Tier id -> label, in the rule file's order, "unknown" last."""
    rulebook = rulebook or builtin_rulebook()
    spec = rulebook.readiness
    labels = {tier.id: tier.label for tier in spec.tiers}
    labels["unknown"] = spec.unknown_label
    return labels
