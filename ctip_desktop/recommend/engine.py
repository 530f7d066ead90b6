"""The rule engine: pure functions from facts and rules to recommendations with their reasons.

Conditions are evaluated in three-valued logic. A test of a fact that is not known is
*unknown*, never false, and ``not`` of unknown is still unknown, so no rule fires on missing
data: ``{"not": {"fact": "scale.openness_cso_donors", "at_least": 5}}`` fires on an answer of
3, not on an unanswered item. ``all`` is true when every part is true, false when one is false;
``any`` is true when one part is true, false when every part is false; otherwise unknown.
A rule fires only when its condition is true.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ctip_desktop.recommend.facts import EXAMPLE_1, Evidence, Fact, Facts, format_number, normalised
from ctip_desktop.recommend.rules import (
    CONFIDENCES,
    PLACEHOLDER,
    PRIORITIES,
    AllOf,
    AnyOf,
    Category,
    Comparison,
    Condition,
    Confidence,
    ContradictionCheck,
    LibraryEntry,
    Not,
    Opportunity,
    Priority,
    Role,
    RuleBook,
)


@dataclass(frozen=True)
class Reason:
    """One answer or profile fact that made a condition true (or, under ``not``, false)."""

    fact: str  # the fact's name, e.g. "scale.supply_chain_effect"
    label: str  # where it was said: "Example #2, item 3", "Example #1, question 2", "Sectors"
    detail: str  # what about it counted: "8, at least 7" or "mentions “wage”"
    answer: str  # the exact answer as given
    interview_id: str  # "" for a profile fact
    questionnaire_id: str
    date: str  # the interview's date and time (YYYY-MM-DDTHH:MM); "" for a profile fact
    item_id: str
    item_number: str
    item_text: str

    @property
    def sentence(self) -> str:
        """“Example #2, item 3 (Degree to which ...): 8, at least 7 — interview of 2026-03-02”."""
        where = f"{self.label} ({self.item_text})" if self.item_number else self.label
        when = f" — interview of {self.date[:10]}" if self.date else ""
        return f"{where}: {self.detail}{when}"


@dataclass(frozen=True)
class ContradictionFound:
    id: str
    message: str
    lowers: tuple[str, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Recommendation:
    rule_id: str
    title: str
    advice: str
    category: Category
    opportunity: Opportunity
    roles: tuple[Role, ...]
    priority: Priority
    confidence: Confidence
    next_steps: tuple[str, ...]
    examples: tuple[LibraryEntry, ...]
    reasons: tuple[Reason, ...]
    why: str  # one sentence: the rule's template filled in, or the reasons listed
    ask_next: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()  # why confidence was lowered (contradictions)


@dataclass(frozen=True)
class Outcome:
    value: bool | None  # None: unknown (a fact it needs is missing)
    reasons: tuple[Reason, ...] = ()


# ----- evaluating conditions ----------------------------------------------------------------


def make_reason(fact: Fact, evidence: Evidence, detail: str) -> Reason:
    """A reason quoting one piece of a fact's evidence."""
    number = evidence.item_number
    if not number:
        label = evidence.item_text
    elif evidence.questionnaire_id == EXAMPLE_1:
        label = f"Example #1, question {number}"
    else:
        label = f"Example #2, item {number}"
    if fact.name.startswith("change."):
        detail = f"{evidence.answer}: {detail}"
    return Reason(
        fact.name,
        label,
        detail,
        evidence.answer,
        evidence.interview_id,
        evidence.questionnaire_id,
        evidence.date,
        evidence.item_id,
        number,
        evidence.item_text,
    )


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"“{v}”" for v in values)


def _option_label(fact: Fact, option: str) -> str:
    return dict(fact.labels).get(option, option)


def _compare(test: Comparison, facts: Facts) -> Outcome:
    fact = facts.get(test.fact)
    if fact is None:
        return Outcome(None)
    op, operand = test.operator, test.operand
    evidence = fact.evidence
    if fact.kind == "number":
        value = float(fact.value)
        shown = format_number(fact.value)
        if op == "at_least":
            ok = value >= operand
            detail = f"{shown}, {'at least' if ok else 'below'} {format_number(operand)}"
        elif op == "at_most":
            ok = value <= operand
            detail = f"{shown}, {'at most' if ok else 'above'} {format_number(operand)}"
        elif op == "equals":
            ok = value == operand
            detail = f"{shown}, {'equal to' if ok else 'not'} {format_number(operand)}"
        else:
            low, high = operand
            ok = low <= value <= high
            between = f"{format_number(low)}-{format_number(high)}"
            detail = f"{shown}, {'within' if ok else 'outside'} {between}"
        return Outcome(ok, tuple(make_reason(fact, e, detail) for e in evidence))
    if fact.kind == "set":
        chosen: frozenset[str] = fact.value
        if op == "count_at_least":
            ok = len(chosen) >= operand
            detail = f"{len(chosen)} ticked, {'at least' if ok else 'fewer than'} {int(operand)}"
        else:
            wanted = (operand,) if op == "includes" else tuple(operand)
            found = [w for w in wanted if w in chosen]
            ok = len(found) == len(wanted) if op == "includes_all" else bool(found)
            names = [_option_label(fact, w) for w in (found if ok else wanted)]
            detail = f"includes {_quoted(names)}" if ok else f"does not include {_quoted(names)}"
        return Outcome(ok, tuple(make_reason(fact, e, detail) for e in evidence))
    if fact.kind == "text":
        keywords: tuple[str, ...] = operand
        reasons = []
        for text, piece in zip(fact.value, evidence, strict=True):
            folded = normalised(text)
            hits = [k for k in keywords if k in folded]
            if hits:
                reasons.append(make_reason(fact, piece, f"mentions {_quoted(hits)}"))
        if reasons:
            return Outcome(True, tuple(reasons))
        detail = f"mentions none of {_quoted(keywords[:6])}" + ("…" if len(keywords) > 6 else "")
        return Outcome(False, tuple(make_reason(fact, e, detail) for e in evidence))
    wanted_values = (operand,) if op == "is" else tuple(operand)
    ok = fact.value in wanted_values
    detail = f"“{fact.value}”" + ("" if ok else f", not {_quoted(wanted_values)}")
    return Outcome(ok, tuple(make_reason(fact, e, detail) for e in evidence))


def _merge(outcomes: Sequence[Outcome]) -> tuple[Reason, ...]:
    return tuple(dict.fromkeys(r for o in outcomes for r in o.reasons))


def evaluate(condition: Condition, facts: Facts) -> Outcome:
    """True, false or unknown (None), with the reasons behind the answer."""
    if isinstance(condition, Comparison):
        return _compare(condition, facts)
    if isinstance(condition, Not):
        inner = evaluate(condition.part, facts)
        return Outcome(None if inner.value is None else not inner.value, inner.reasons)
    outcomes = [evaluate(part, facts) for part in condition.parts]
    values = [o.value for o in outcomes]
    if isinstance(condition, AllOf):
        if False in values:
            return Outcome(False, _merge([o for o in outcomes if o.value is False]))
        if None in values:
            return Outcome(None)
        return Outcome(True, _merge(outcomes))
    assert isinstance(condition, AnyOf)
    if True in values:
        return Outcome(True, _merge([o for o in outcomes if o.value is True]))
    if None in values:
        return Outcome(None)
    return Outcome(False, _merge(outcomes))


# ----- contradictions and recommendations -----------------------------------------------------


def find_contradictions(facts: Facts, rulebook: RuleBook) -> tuple[ContradictionFound, ...]:
    """The contradiction checks whose conditions hold, with the answers that clash."""
    found = []
    for check in rulebook.contradictions:
        outcome = evaluate(check.when, facts)
        if outcome.value is True:
            found.append(_found(check, outcome))
    return tuple(found)


def _found(check: ContradictionCheck, outcome: Outcome) -> ContradictionFound:
    return ContradictionFound(check.id, check.message, check.lowers, outcome.reasons)


def _lowered(confidence: Confidence, steps: int) -> Confidence:
    index = min(CONFIDENCES.index(confidence) + steps, len(CONFIDENCES) - 1)
    return CONFIDENCES[index]  # type: ignore[return-value]


def _why(template: str, facts: Facts, reasons: Sequence[Reason]) -> str:
    if template:
        names = PLACEHOLDER.findall(template)
        if all(name in facts for name in names):
            return PLACEHOLDER.sub(lambda m: facts.values[m.group(1)].display(), template)
    return "; ".join(dict.fromkeys(r.sentence for r in reasons)) + "."


def recommend(facts: Facts, rulebook: RuleBook) -> list[Recommendation]:
    """Every rule that fires on these facts, by priority and then in the file's order."""
    knowledge = rulebook.knowledge
    contradictions = find_contradictions(facts, rulebook)
    fired = []
    for order, rule in enumerate(rulebook.rules):
        outcome = evaluate(rule.when, facts)
        if outcome.value is not True:
            continue
        touched = {r.fact for r in outcome.reasons}
        clashes = [c for c in contradictions if touched & set(c.lowers)]
        recommendation = Recommendation(
            rule_id=rule.id,
            title=rule.title,
            advice=rule.advice,
            category=knowledge.category(rule.category),
            opportunity=knowledge.opportunity(rule.opportunity),
            roles=tuple(knowledge.role(r) for r in rule.roles),
            priority=rule.priority,
            confidence=_lowered(rule.confidence, len(clashes)),
            next_steps=rule.next_steps,
            examples=tuple(knowledge.entry(e) for e in rule.examples),
            reasons=outcome.reasons,
            why=_why(rule.why, facts, outcome.reasons),
            ask_next=rule.ask_next,
            cautions=tuple(c.message for c in clashes),
        )
        fired.append((PRIORITIES.index(rule.priority), order, recommendation))
    return [r for _, _, r in sorted(fired, key=lambda t: (t[0], t[1]))]
