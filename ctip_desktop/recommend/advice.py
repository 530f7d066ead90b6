"""One organisation's advice, read through the stores: facts, readiness, recommendations."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ctip_desktop.interviews.model import COMPLETED, Interview, InterviewError
from ctip_desktop.interviews.repository import InterviewFilter
from ctip_desktop.questionnaires.model import Questionnaire
from ctip_desktop.recommend.engine import ContradictionFound, Recommendation, find_contradictions
from ctip_desktop.recommend.engine import recommend as run_rules
from ctip_desktop.recommend.facts import Facts, collect_facts
from ctip_desktop.recommend.readiness import Readiness, assess_readiness
from ctip_desktop.recommend.rules import RuleBook, builtin_rulebook
from ctip_desktop.workspace import Workspace


class UnknownOrganisationError(LookupError):
    """The organisation is not in the database (or was deleted)."""


@dataclass(frozen=True)
class OrganisationAdvice:
    org_id: str
    org_name: str
    facts: Facts
    readiness: Readiness
    recommendations: tuple[Recommendation, ...]
    contradictions: tuple[ContradictionFound, ...]
    rules_version: int
    unreadable: tuple[str, ...] = ()  # interviews whose questionnaire could not be read

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready values (sets become sorted lists)."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def advise(
    facts: Facts, rulebook: RuleBook | None = None, *, unreadable: tuple[str, ...] = ()
) -> OrganisationAdvice:
    """Readiness and recommendations for facts already collected (pure)."""
    rulebook = rulebook or builtin_rulebook()
    return OrganisationAdvice(
        facts.org_id,
        facts.org_name,
        facts,
        assess_readiness(facts, rulebook),
        tuple(run_rules(facts, rulebook)),
        find_contradictions(facts, rulebook),
        rulebook.version,
        unreadable,
    )


def recommend_for(
    workspace: Workspace, org_id: str, rulebook: RuleBook | None = None
) -> OrganisationAdvice:
    """Read an organisation and its interviews, and advise on them."""
    organisation = workspace.profiles.get(org_id)
    if organisation is None:
        raise UnknownOrganisationError(f"There is no organisation with id {org_id!r}.")
    store = workspace.interviews
    pairs: list[tuple[Interview, Questionnaire]] = []
    unreadable = []
    for interview_id in store.list_ids(InterviewFilter(org_id=org_id, descending=False)):
        interview = store.get(interview_id)
        if interview is None:
            continue
        try:
            questionnaire = store.questionnaire_of(interview)
        except InterviewError:
            if interview.status == COMPLETED:
                unreadable.append(interview_id)
            continue
        pairs.append((interview, questionnaire))
    facts = collect_facts(organisation, pairs, store.questionnaires)
    return advise(facts, rulebook, unreadable=tuple(unreadable))
