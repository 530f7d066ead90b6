"""Partnership readiness: need, openness and resources offered, combined into a tier.

Need is the mean of the scales the rule file names for it (supply-chain disruption and
migrant worker exposure), openness the mean of the two openness scales, both on the
questionnaire's 1-10 scale; resources is the number of resources the company could bring,
a write-in "Other" included. The tiers and their thresholds are data (``rules.json``);
readiness is computed from the facts each time it is asked for, so it follows every change
of the answers. Without a completed Example #2 or with one of its scales unanswered the tier
is "unknown", and the explanation says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctip_desktop.recommend.engine import Reason, evaluate, make_reason
from ctip_desktop.recommend.facts import Fact, Facts, format_number
from ctip_desktop.recommend.rules import UNKNOWN_TIER, ReadinessPart, RuleBook


@dataclass(frozen=True)
class Readiness:
    tier: str  # a tier id from the rule file ("engage_now", "nurture", "monitor") or "unknown"
    label: str  # "Engage now"
    advice: str  # what the tier means for the outreach team
    explanation: str  # one sentence with the numbers behind the tier, or what is missing
    need: float | None  # 1-10 (mean of the need scales); None when not known
    openness: float | None
    resources: int | None  # resources offered; None without a completed Example #2
    missing: tuple[str, ...] = ()  # what keeps the tier unknown, for people
    reasons: tuple[Reason, ...] = ()  # the answers the numbers come from

    @property
    def known(self) -> bool:
        return self.tier != UNKNOWN_TIER


def _mean(facts: Facts, parts: tuple[ReadinessPart, ...]) -> float | None:
    values = [facts.get(p.fact) for p in parts]
    if any(v is None for v in values):
        return None
    return round(sum(float(v.value) for v in values if v) / len(values), 1)


def _listing(facts: Facts, parts: tuple[ReadinessPart, ...]) -> str:
    shown = []
    for part in parts:
        fact = facts.get(part.fact)
        shown.append(f"{part.label} {format_number(fact.value) if fact else '?'}")
    return ", ".join(shown)


def _item_name(part: ReadinessPart, rulebook: RuleBook) -> str:
    spec = rulebook.catalogue.get(part.fact)
    number = spec.item_number if spec else ""
    return f"item {number} ({part.label})" if number else part.label


def assess_readiness(facts: Facts, rulebook: RuleBook) -> Readiness:
    """The organisation's tier with its explanation (pure)."""
    spec = rulebook.readiness
    parts = spec.need + spec.openness
    reasons = tuple(
        make_reason(fact, e, format_number(fact.value))
        for fact in (facts.get(p.fact) for p in parts)
        if fact is not None
        for e in fact.evidence
    )
    need, openness = _mean(facts, spec.need), _mean(facts, spec.openness)
    resources_fact = facts.get(spec.resources.fact)
    resources = len(resources_fact.value) if resources_fact else 0
    if resources_fact is not None:
        reasons += tuple(
            make_reason(resources_fact, e, f"{resources} offered") for e in resources_fact.evidence
        )
    if facts.example2 is None:
        missing: tuple[str, ...] = ("a completed Example #2 interview",)
        drafts = (
            f" ({facts.drafts_ignored} draft(s) not yet completed)" if facts.drafts_ignored else ""
        )
        explanation = f"Not enough answers: no completed Example #2 interview{drafts}."
        return Readiness(
            UNKNOWN_TIER,
            spec.unknown_label,
            spec.unknown_advice,
            explanation,
            None,
            None,
            None,
            missing,
            (),
        )
    if need is None or openness is None:
        missing = tuple(_item_name(p, rulebook) for p in parts if p.fact not in facts)
        explanation = (
            f"Not enough answers: the Example #2 interview of {facts.example2.date[:10]} "
            f"leaves {_and(missing)} unanswered."
        )
        return Readiness(
            UNKNOWN_TIER,
            spec.unknown_label,
            spec.unknown_advice,
            explanation,
            need,
            openness,
            resources,
            missing,
            reasons,
        )
    numbers = Facts(
        facts.org_id,
        facts.org_name,
        {
            "readiness.need": Fact("readiness.need", "number", need, ()),
            "readiness.openness": Fact("readiness.openness", "number", openness, ()),
            "readiness.resources": Fact("readiness.resources", "number", resources, ()),
        },
    )
    tier = spec.tiers[-1]
    for candidate in spec.tiers:
        if candidate.when is None or evaluate(candidate.when, numbers).value is True:
            tier = candidate
            break
    offered = (
        f"{resources} resource(s) offered ({resources_fact.display()})"
        if resources_fact
        else "no resources recorded (item not answered)"
    )
    explanation = (
        f"{tier.label}: need {format_number(need)} of 10 ({_listing(facts, spec.need)}), "
        f"openness {format_number(openness)} of 10 ({_listing(facts, spec.openness)}), "
        f"{offered}."
    )
    return Readiness(
        tier.id, tier.label, tier.advice, explanation, need, openness, resources, (), reasons
    )


def _and(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
