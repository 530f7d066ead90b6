"""Recommendation rules as data: the shipped files, the strict loader, the engine, readiness."""

from __future__ import annotations

import copy
import json
import math
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ctip_desktop.interviews import Answer, Interview, InterviewDetails
from ctip_desktop.profiles import VOCABULARY, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires, checked_answer
from ctip_desktop.recommend import (
    Facts,
    RuleError,
    UnknownOrganisationError,
    assess_readiness,
    builtin_rulebook,
    collect_facts,
    evaluate,
    fact_catalogue,
    load_rulebook,
    make_facts,
    parse_rulebook,
    recommend,
    recommend_for,
)
from ctip_desktop.recommend.rules import (
    CONFIDENCES,
    PRIORITIES,
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    Not,
    Rule,
    facts_used,
)

PACKAGE = Path(__file__).parents[2] / "ctip_desktop" / "recommend"
SEED_DOCUMENT = Path(__file__).parents[3] / "shared/seed/000_f7d5321643171f6a.txt"
# On a clean clone the seed is not beside the repo: its headings travel with the tests.
SEED_HEADINGS = Path(__file__).parents[1] / "data/seed_headings.txt"
SEED = SEED_DOCUMENT if SEED_DOCUMENT.exists() else SEED_HEADINGS
EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
RULEBOOK = builtin_rulebook()
CATALOGUE = fact_catalogue()

# The seed's own words (kept here: the seed document may be absent where tests run).
SEED_ROLES = (
    "Cross-sector facilitators and supply chain conveners",
    "Subject matter experts",
    "Innovation champions",
    "Direct Service Providers",
    "Policy Advocates",
    "Thought Leaders",
)
SEED_CATEGORIES = (
    "WHEN SUPPLIERS STRUGGLE, WORKERS PAY THE PRICE",
    "IN THE WAKE OF COVID, WORKERS ARE MORE VULNERABLE AND DETECTION IS MORE DIFFICULT",
    "THE COVID-19 WORKPLACE DEMANDS NEW PROTECTIONS FOR WORKERS",
    "WE NEED SUPPLY CHAINS TO BUILD BACK BETTER, BUT SURGE ECONOMIES CREATE NEW PRESSURES",
)
SEED_OPPORTUNITIES = {
    1: (
        "Create New Channels for Collaboration Across Supply Chains",
        "Highlight and Share Best Practices from Companies",
        "Help Companies Map and Tap Available Support for Impacted Workers",
        "Collaborate to Create New Opportunities for Workers' Relief",
        "Crowdsource and Co-Fund Solutions to Support Workers",
    ),
    2: (
        "Facilitation of Rapid Risk Mapping",
        "Innovations for Remote Due Diligence and Monitoring",
        "Establishment of New Communication Channels",
        "Promotion of Workers' Access to Information",
        "Ensuring Ready Access to Effective, Secure Grievance Mechanisms",
    ),
    3: (
        "Curate and Share Actionable Workplace Health and Safety Guidelines",
        "Advance New Communication and Training Tools for Worker Safety",
        "Pilot New Communications Technologies for Migrant Workers",
    ),
    4: (
        "Facilitate Collaborative Planning",
        "Lay the Groundwork for Ethical Recruitment",
        "Project Demand and Create a Network of Ethical Recruiters",
        "Develop New Tools and Processes to Ensure Ethical Recruitment",
        "Leverage the Power of Investors to Urge Companies to Build Back Ethically",
        "Use Mobile Money Platforms to Increase the Visibility and Efficiency of Wage Payments",
    ),
    0: (
        "Staff training on human and labor rights issues",
        "Data Sharing for Supply Chain Mapping, Risk Screening, and Audit Results",
        "Improving Supplier Performance",
    ),
}
SEED_PRINCIPLES = (
    "Break the Problem Down to Its Roots",
    "Who Has Interest and Influence?",
    "Focus on Areas of Shared Risk and Aligned Interest",
    "Be clear-eyed and realistic",
    "consider the time horizon",
)


def fired(facts: Facts) -> list[str]:
    return [r.rule_id for r in recommend(facts, RULEBOOK)]


# ----- the shipped files ----------------------------------------------------------------------


class TestShippedRules:
    def test_the_files_load_and_hold_enough_rules(self):
        loaded = load_rulebook(PACKAGE / "knowledge.json", PACKAGE / "rules.json")
        assert loaded.rules == RULEBOOK.rules
        assert len(RULEBOOK.rules) >= 25
        assert RULEBOOK.version >= 1

    def test_the_seed_s_roles_categories_opportunities_and_principles(self):
        knowledge = RULEBOOK.knowledge
        assert tuple(r.title for r in knowledge.roles) == SEED_ROLES
        seed_categories = [c for c in knowledge.categories if not c.pre_competitive]
        assert [c.number for c in seed_categories] == [1, 2, 3, 4]
        assert tuple(c.title.upper() for c in seed_categories) == SEED_CATEGORIES
        assert [c.number for c in knowledge.categories if c.pre_competitive] == [0]
        for category in knowledge.categories:
            titles = tuple(o.title for o in knowledge.opportunities_of(category.id))
            assert titles == SEED_OPPORTUNITIES[category.number], category.id
        assert tuple(p.title for p in knowledge.principles) == SEED_PRINCIPLES

    def test_the_titles_are_verbatim_in_the_seed(self):
        text = SEED.read_text("utf-8")
        knowledge = RULEBOOK.knowledge
        for role in knowledge.roles:
            assert f"**{role.title}:**" in text, role.id
        for category in knowledge.categories:
            if not category.pre_competitive:
                assert f"CATEGORY {category.number}: {category.title.upper()}" in text
        for opportunity in knowledge.opportunities:
            assert f"**{opportunity.title}" in text, opportunity.id
        for principle in knowledge.principles:
            assert f"**{principle.title}" in text, principle.id

    def test_the_headings_excerpt_is_the_seed_s_own_text(self):
        headings = SEED_HEADINGS.read_text("utf-8").splitlines()[1:]
        assert len(headings) > 40
        if SEED_DOCUMENT.exists():
            text = SEED_DOCUMENT.read_text("utf-8")
            assert all(heading in text for heading in headings)

    def test_every_category_opportunity_and_role_has_a_rule(self):
        knowledge = RULEBOOK.knowledge
        assert {r.category for r in RULEBOOK.rules} == {c.id for c in knowledge.categories}
        assert {r.opportunity for r in RULEBOOK.rules} == {o.id for o in knowledge.opportunities}
        assert {role for r in RULEBOOK.rules for role in r.roles} == {r.id for r in knowledge.roles}

    def test_rules_read_every_kind_of_fact_the_issue_names(self):
        used = {name for rule in RULEBOOK.rules for name in facts_used(rule.when)}
        for item in ("hindering_factors", "business_effects", "recovering_needs"):
            assert f"selected.{item}" in used
        assert "selected.partnership_resources" in used
        for scale in (
            "supply_chain_effect",
            "migrant_exploitation_risk",
            "continuity_plan",
            "openness_private_sector",
            "openness_cso_donors",
        ):
            assert f"scale.{scale}" in used
        assert {"text.example1", "text.all"} <= used
        assert {
            "profile.sectors",
            "profile.supply_chain_role",
            "profile.memberships",
            "profile.stage",
        } <= used

    def test_every_rule_advises_concretely(self):
        for rule in RULEBOOK.rules:
            assert rule.next_steps and all(len(step) > 20 for step in rule.next_steps), rule.id
            assert rule.examples, rule.id
            assert rule.advice.strip() and rule.title.strip()

    def test_the_library_descriptions_are_short_and_every_entry_is_used_or_general(self):
        used = {e for rule in RULEBOOK.rules for e in rule.examples}
        for entry in RULEBOOK.knowledge.library:
            assert len(entry.description) <= 160, entry.id
            assert entry.id in used or entry.kind == "resource", entry.id


# ----- every rule fires on answers made for it, and only then ---------------------------------


def _merge(into: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    merged = dict(into)
    for name, value in more.items():
        if name not in merged:
            merged[name] = value
        elif isinstance(value, set):
            merged[name] = merged[name] | value
        elif isinstance(value, list):
            merged[name] = merged[name] + value
        else:
            assert merged[name] == value, f"conflicting values for {name}"
    return merged


def _other_choice(name: str, avoid: set[str]) -> str:
    return next(c for c in CATALOGUE[name].choices if c not in avoid)


def satisfy(condition: Condition) -> dict[str, Any]:
    """Fact values that make the condition true (first branch of each 'any')."""
    if isinstance(condition, AllOf):
        values: dict[str, Any] = {}
        for part in condition.parts:
            values = _merge(values, satisfy(part))
        return values
    if isinstance(condition, AnyOf):
        return satisfy(condition.parts[0])
    if isinstance(condition, Not):
        return falsify(condition.part)
    name, op, operand = condition.fact, condition.operator, condition.operand
    if op == "at_least":
        return {name: math.ceil(operand)}
    if op == "at_most":
        return {name: math.floor(operand)}
    if op in ("equals", "between"):
        return {name: int(operand if op == "equals" else operand[0])}
    if op == "includes":
        return {name: {operand}}
    if op == "includes_any":
        return {name: {operand[0]}}
    if op == "includes_all":
        return {name: set(operand)}
    if op == "count_at_least":
        return {name: set(CATALOGUE[name].choices[: int(operand)])}
    if op == "matches_any":
        return {name: [f"They said: {operand[0]}, more or less."]}
    if op == "is":
        return {name: operand}
    assert op == "in"
    return {name: operand[0]}


def falsify(condition: Condition) -> dict[str, Any]:
    """Fact values that make the condition false."""
    if isinstance(condition, AllOf):
        return falsify(condition.parts[0])
    if isinstance(condition, AnyOf):
        values: dict[str, Any] = {}
        for part in condition.parts:
            values = _merge(values, falsify(part))
        return values
    if isinstance(condition, Not):
        return satisfy(condition.part)
    name, op, operand = condition.fact, condition.operator, condition.operand
    if op == "at_least":
        return {name: math.ceil(operand) - 1}
    if op == "at_most":
        return {name: math.floor(operand) + 1}
    if op == "equals":
        return {name: int(operand) + 1}
    if op == "between":
        return {name: int(operand[1]) + 1}
    if op in ("includes", "includes_any", "includes_all"):
        wanted = {operand} if op == "includes" else set(operand)
        keep = set(operand[:-1]) if op == "includes_all" else set()
        return {name: keep or {_other_choice(name, wanted)}}
    if op == "count_at_least":
        return {name: set(CATALOGUE[name].choices[: int(operand) - 1])}
    if op == "matches_any":
        return {name: ["—"]}
    if op == "is":
        return {name: _other_choice(name, {operand})}
    assert op == "in"
    return {name: _other_choice(name, set(operand))}


RULE_IDS = [rule.id for rule in RULEBOOK.rules]


@pytest.mark.parametrize("rule", RULEBOOK.rules, ids=RULE_IDS)
class TestEachRule:
    def test_fires_on_answers_that_meet_its_condition(self, rule: Rule):
        facts = make_facts(satisfy(rule.when))
        recommendations = {r.rule_id: r for r in recommend(facts, RULEBOOK)}
        assert rule.id in recommendations
        made = recommendations[rule.id]
        assert made.reasons, "a recommendation always says why"
        assert {r.fact for r in made.reasons} <= set(facts.values)
        assert made.why.strip()

    def test_does_not_fire_when_its_condition_is_not_met(self, rule: Rule):
        values = satisfy(rule.when)
        values.update(falsify(rule.when))
        assert rule.id not in fired(make_facts(values))

    def test_does_not_fire_when_any_fact_it_needs_is_missing(self, rule: Rule):
        values = satisfy(rule.when)
        for name in values:
            rest = {k: v for k, v in values.items() if k != name}
            assert rule.id not in fired(make_facts(rest)), f"fired without {name}"


def test_every_category_opportunity_and_role_is_reached_by_a_firing_rule():
    knowledge = RULEBOOK.knowledge
    categories, opportunities, roles = set(), set(), set()
    for rule in RULEBOOK.rules:
        for made in recommend(make_facts(satisfy(rule.when)), RULEBOOK):
            categories.add(made.category.id)
            opportunities.add(made.opportunity.id)
            roles |= {role.id for role in made.roles}
    assert categories == {c.id for c in knowledge.categories}
    assert opportunities == {o.id for o in knowledge.opportunities}
    assert roles == {r.id for r in knowledge.roles}


# ----- missing data, three-valued logic -----------------------------------------------------


OPEN_CSO = "scale.openness_cso_donors"
OPEN_PS = "scale.openness_private_sector"
AT_LEAST_5_CSO = Comparison(OPEN_CSO, "at_least", 5.0)
AT_LEAST_5_PS = Comparison(OPEN_PS, "at_least", 5.0)


class TestMissingData:
    def test_no_rule_fires_for_an_empty_organisation(self):
        facts = collect_facts(Organisation(name="Empty Co.", id="org-1"), [])
        assert dict(facts.values) == {}
        assert recommend(facts, RULEBOOK) == []
        readiness = assess_readiness(facts, RULEBOOK)
        assert readiness.tier == "unknown"
        assert (readiness.need, readiness.openness, readiness.resources) == (None, None, None)

    def test_a_test_of_a_missing_fact_is_unknown_not_false(self):
        assert evaluate(Comparison(OPEN_CSO, "at_least", 5.0), make_facts({})).value is None

    def test_not_of_a_missing_fact_is_not_true(self):
        condition = Not(Comparison(OPEN_CSO, "at_least", 5.0))
        assert evaluate(condition, make_facts({})).value is None
        assert evaluate(condition, make_facts({OPEN_CSO: 3})).value is True
        assert evaluate(condition, make_facts({OPEN_CSO: 8})).value is False

    def test_double_negation_of_a_missing_fact_is_still_unknown(self):
        condition = Not(Not(Comparison(OPEN_CSO, "at_least", 5.0)))
        assert evaluate(condition, make_facts({})).value is None

    def test_any_is_true_on_the_answers_it_has(self):
        condition = AnyOf((AT_LEAST_5_CSO, AT_LEAST_5_PS))
        assert evaluate(condition, make_facts({OPEN_PS: 7})).value is True
        assert evaluate(condition, make_facts({OPEN_PS: 2})).value is None
        assert evaluate(condition, make_facts({OPEN_PS: 2, OPEN_CSO: 1})).value is False

    def test_all_is_false_on_one_false_part_and_unknown_on_a_missing_one(self):
        condition = AllOf((AT_LEAST_5_CSO, AT_LEAST_5_PS))
        assert evaluate(condition, make_facts({OPEN_PS: 2})).value is False
        assert evaluate(condition, make_facts({OPEN_PS: 7})).value is None
        assert evaluate(condition, make_facts({OPEN_PS: 7, OPEN_CSO: 7})).value is True

    def test_the_rule_for_closed_companies_needs_the_openness_answers(self):
        # "exposed_but_closed" fires when neither openness scale reaches 4: not when unanswered.
        assert "exposed_but_closed" not in fired(make_facts({"scale.migrant_exploitation_risk": 9}))
        closed = {"scale.migrant_exploitation_risk": 9, OPEN_PS: 2, OPEN_CSO: 3}
        assert "exposed_but_closed" in fired(make_facts(closed))
        half = {"scale.migrant_exploitation_risk": 9, OPEN_PS: 2}
        assert "exposed_but_closed" not in fired(make_facts(half))


class TestKeywords:
    @pytest.mark.parametrize(
        "text",
        [
            "Workers owe a BROKER for their jobs.",
            "คนงานมีหนี้ค่านายหน้า และขอเบิกเงินล่วงหน้าบ่อย",
            "កម្មករមានបំណុល ហើយបារម្ភអំពីប្រាក់ឈ្នួល",
            "Công nhân phải trả tiền cho môi giới.",
            "工人要付中介费。",
        ],
        ids=["English, upper case", "Thai", "Khmer", "Vietnamese", "Chinese"],
    )
    def test_recruitment_words_in_several_languages(self, text: str):
        facts = make_facts({"text.pressing_workforce_issue": text})
        made = next(r for r in recommend(facts, RULEBOOK) if r.rule_id == "recruitment_screening")
        assert [r.answer for r in made.reasons] == [text]

    def test_accents_match_however_they_are_encoded(self):
        decomposed = unicodedata.normalize("NFD", "Công nhân trả tiền cho MÔI GIỚI.")
        assert "môi giới" not in decomposed.lower()
        facts = make_facts({"text.pressing_workforce_issue": decomposed})
        assert "recruitment_screening" in fired(facts)

    def test_words_in_the_profile_s_own_description_are_no_sign_of_need(self):
        facts = make_facts({"profile.fair_labour_investments": "Runs a worker hotline."})
        assert "grievance_channels" not in fired(facts)


# ----- contradictions lower confidence -----------------------------------------------------


OPEN_OFFER: dict[str, Any] = {
    OPEN_PS: 9,
    OPEN_CSO: 9,
    "scale.supply_chain_effect": 6,
    "selected.partnership_resources": {"convening_power"},
}


class TestContradictions:
    def test_open_scores_with_a_refusal_in_the_notes(self):
        calm = recommend(make_facts(OPEN_OFFER), RULEBOOK)
        offer = next(r for r in calm if r.rule_id == "convening_offer")
        assert (offer.confidence, offer.cautions) == ("high", ())
        facts = make_facts(
            OPEN_OFFER | {"text.general_notes": "Polite, but not interested in partnering."}
        )
        offer = next(r for r in recommend(facts, RULEBOOK) if r.rule_id == "convening_offer")
        assert offer.confidence == "medium"
        assert len(offer.cautions) == 1 and "declines" in offer.cautions[0]

    def test_no_disruption_yet_a_reduced_workforce(self):
        answers = {
            "scale.supply_chain_effect": 1,
            "selected.business_effects": {"reduced_workforce"},
            OPEN_PS: 7,
        }
        made = next(
            r
            for r in recommend(make_facts(answers), RULEBOOK)
            if r.rule_id == "best_practices_layoffs"
        )
        assert made.confidence == "medium"
        assert made.cautions

    def test_two_contradictions_lower_twice_and_never_below_low(self):
        answers = {
            "scale.supply_chain_effect": 1,
            "selected.business_effects": {"reduced_workforce", "operations_suspended"},
            "selected.hindering_factors": {"closing_or_suspension"},
            "selected.partnership_resources": {"financial_support"},
        }
        relief = next(
            r for r in recommend(make_facts(answers), RULEBOOK) if r.rule_id == "relief_fund"
        )
        assert relief.confidence == "low"
        assert len(relief.cautions) == 2

    def test_contradictions_are_reported_with_the_clashing_answers(self):
        facts = make_facts(OPEN_OFFER | {"text.other_support": "We are not looking for support."})
        from ctip_desktop.recommend import find_contradictions

        found = find_contradictions(facts, RULEBOOK)
        assert [c.id for c in found] == ["open_but_declining"]
        answers = {r.answer for r in found[0].reasons}
        assert "We are not looking for support." in answers


# ----- rules never crash on any answers ------------------------------------------------------


def _interview(
    interview_id: str,
    questionnaire_id: str,
    answers: dict[str, Any],
    started_at: str = "2026-03-02T10:30",
    status: str = "completed",
) -> tuple[Interview, Any]:
    questionnaire = builtin_questionnaires().latest(questionnaire_id)
    stamp = "2026-03-02T10:31:00.000Z"
    stored = {
        item_id: Answer(
            item_id,
            checked_answer(questionnaire.item(item_id), value),
            stamp,
            "Dara",
            stamp,
            "Dara",
        )
        for item_id, value in answers.items()
    }
    interview = Interview(
        id=interview_id,
        org_id="org-1",
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        interviewer="Dara Comparison",
        details=InterviewDetails(started_at=started_at),
        status=status,
        position="",
        completed_at=stamp if status == "completed" else "",
        review_state="",
        review_comment="",
        reviewed_by="",
        reviewed_at="",
        created_at=stamp,
        created_device="d",
        updated_at=stamp,
        answers=stored,
    )
    return interview, questionnaire


_WORDS = st.sampled_from(
    [
        "wage",
        "broker",
        "not interested",
        "hotline",
        "นายหน้า",
        "បំណុល",
        "môi giới",
        "cash",
        "training",
        "dormitory",
        "x",
        "",
        " ",
    ]
)
_CHARACTERS = st.characters(blacklist_characters="\x00")
_TEXT = st.lists(st.one_of(_WORDS, st.text(_CHARACTERS, max_size=12)), max_size=4).map(" ".join)


@st.composite
def example_2_answers(draw: st.DrawFn) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item in builtin_questionnaires().latest(EXAMPLE_2).items:
        if draw(st.integers(0, 5)) == 0:
            continue  # left unanswered
        if item.kind == "scale":
            answers[item.id] = draw(st.one_of(st.none(), st.integers(item.minimum, item.maximum)))
        elif item.kind == "multi":
            other = draw(st.booleans())
            answers[item.id] = {
                "selected": draw(st.lists(st.sampled_from([o.id for o in item.options]))),
                "other": other,
                "other_text": draw(_TEXT) if other else "",
            }
        elif item.kind == "note":
            answers[item.id] = draw(_TEXT)
    return answers


_profiles = st.builds(
    Organisation,
    name=st.just("Random Co."),
    id=st.just("org-1"),
    sectors=st.lists(st.sampled_from(VOCABULARY["sectors"]), max_size=3),
    memberships=st.lists(st.sampled_from(VOCABULARY["memberships"]), max_size=3),
    supply_chain_role=st.sampled_from(["", *VOCABULARY["supply_chain_roles"]]),
    stage=st.sampled_from(["", *VOCABULARY["stages"]]),
    fair_labour_investments=_TEXT,
)


@hypothesis_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=_profiles,
    latest=example_2_answers(),
    earlier=st.one_of(st.none(), example_2_answers()),
    open_answers=st.lists(_TEXT, min_size=5, max_size=5),
)
def test_rules_never_crash_on_any_answers(profile, latest, earlier, open_answers):
    pairs = [_interview("latest", EXAMPLE_2, latest, "2026-05-01T09:00")]
    if earlier is not None:
        pairs.append(_interview("earlier", EXAMPLE_2, earlier, "2025-12-01T09:00"))
    items = [i.id for i in builtin_questionnaires().latest(EXAMPLE_1).items]
    pairs.append(_interview("open", EXAMPLE_1, dict(zip(items, open_answers, strict=True))))
    facts = collect_facts(profile, pairs)
    made = recommend(facts, RULEBOOK)
    order = [(PRIORITIES.index(r.priority), RULE_IDS.index(r.rule_id)) for r in made]
    assert order == sorted(order)
    for recommendation in made:
        assert recommendation.reasons
        assert recommendation.confidence in CONFIDENCES
        assert {r.fact for r in recommendation.reasons} <= set(facts.values)
    readiness = assess_readiness(facts, RULEBOOK)
    assert readiness.tier in {"unknown", *(t.id for t in RULEBOOK.readiness.tiers)}
    for number in (readiness.need, readiness.openness):
        assert number is None or 1 <= number <= 10
    assert (readiness.tier == "unknown") == (readiness.need is None or readiness.openness is None)


# ----- facts from interviews ------------------------------------------------------------------


class TestFacts:
    def test_drafts_are_ignored_and_the_latest_example_2_counts(self):
        pairs = [
            _interview("old", EXAMPLE_2, {"supply_chain_effect": 4}, "2025-06-01T10:00"),
            _interview("new", EXAMPLE_2, {"supply_chain_effect": 8}, "2026-02-01T10:00"),
            _interview("draft", EXAMPLE_2, {"supply_chain_effect": 1}, "2026-09-01T10:00", "draft"),
        ]
        facts = collect_facts(Organisation(name="A", id="org-1"), pairs)
        fact = facts.get("scale.supply_chain_effect")
        assert fact is not None and fact.value == 8
        assert fact.evidence[0].interview_id == "new"
        assert facts.example2 is not None and facts.example2.id == "new"
        assert facts.drafts_ignored == 1
        change = facts.get("change.supply_chain_effect")
        assert change is not None and change.value == 4
        assert change.evidence[0].answer == "4 on 2025-06-01 → 8 on 2026-02-01"

    def test_scale_series_across_visits(self):
        pairs = [
            _interview("b", EXAMPLE_2, {"openness_cso_donors": 6}, "2026-02-01T10:00"),
            _interview("a", EXAMPLE_2, {"openness_cso_donors": 3}, "2025-06-01T10:00"),
            _interview("c", EXAMPLE_2, {}, "2026-04-01T10:00"),
        ]
        facts = collect_facts(Organisation(name="A", id="org-1"), pairs)
        series = {s.item_id: s for s in facts.series}
        assert [s.number for s in facts.series] == ["3", "7", "8", "9", "10"]
        openness = series["openness_cso_donors"]
        assert [(p.interview_id, p.value) for p in openness.points] == [("a", 3), ("b", 6)]
        assert openness.moved == 3
        # The latest interview left the item unanswered: no current value and no change.
        assert "scale.openness_cso_donors" not in facts
        assert "change.openness_cso_donors" not in facts
        assert series["supply_chain_effect"].points == ()

    def test_other_write_ins_and_example_1_texts_keep_their_items(self):
        pairs = [
            _interview(
                "two",
                EXAMPLE_2,
                {
                    "hindering_factors": {
                        "selected": ["sick"],
                        "other": True,
                        "other_text": "Expired work permits",
                    }
                },
            ),
            _interview("one", EXAMPLE_1, {"other_support": "Interpreters for audits."}),
        ]
        facts = collect_facts(Organisation(name="A", id="org-1"), pairs)
        selected = facts.get("selected.hindering_factors")
        assert selected is not None and selected.value == {"sick", "other"}
        assert selected.evidence[0].answer == "Sick; Other: Expired work permits"
        other = facts.get("other.hindering_factors")
        assert other is not None and other.value == ("Expired work permits",)
        text = facts.get("text.example1")
        assert text is not None and text.value == ("Interpreters for audits.",)
        assert text.evidence[0].item_number == "5"
        assert text.evidence[0].item_text.startswith("What other support do you need")

    def test_empty_profile_fields_are_missing_not_empty(self):
        facts = collect_facts(Organisation(name="A", id="o", sectors=[" "], stage=""), [])
        assert "profile.sectors" not in facts and "profile.stage" not in facts


# ----- readiness ----------------------------------------------------------------------------


def _readiness(values: dict[str, Any]) -> Any:
    return assess_readiness(make_facts(values), RULEBOOK)


NEED_HIGH = {"scale.supply_chain_effect": 8, "scale.migrant_exploitation_risk": 7}
NEED_LOW = {"scale.supply_chain_effect": 2, "scale.migrant_exploitation_risk": 3}
OPEN = {OPEN_PS: 9, OPEN_CSO: 7}
CLOSED = {OPEN_PS: 2, OPEN_CSO: 3}
RESOURCES = {"selected.partnership_resources": {"convening_power", "other"}}


class TestReadiness:
    def test_engage_now_with_the_numbers_in_its_explanation(self):
        readiness = _readiness(NEED_HIGH | OPEN | RESOURCES)
        assert readiness.tier == "engage_now"
        assert (readiness.need, readiness.openness, readiness.resources) == (7.5, 8.0, 2)
        for shown in ("7.5", "supply-chain disruption 8", "migrant worker exposure 7", "8 of 10"):
            assert shown in readiness.explanation
        assert "2 resource(s)" in readiness.explanation

    @pytest.mark.parametrize(
        ("values", "tier"),
        [
            (NEED_HIGH | CLOSED | RESOURCES, "nurture"),
            (NEED_LOW | OPEN | RESOURCES, "nurture"),
            (NEED_HIGH | OPEN, "nurture"),  # nothing to bring (item 11 unanswered)
            (NEED_LOW | CLOSED | RESOURCES, "monitor"),
            (NEED_LOW | CLOSED, "monitor"),
        ],
        ids=["needy but closed", "open, little need", "no resources", "low", "low, none"],
    )
    def test_tiers(self, values: dict[str, Any], tier: str):
        readiness = _readiness(values)
        assert readiness.tier == tier
        assert readiness.explanation.startswith(readiness.label)
        assert readiness.reasons

    def test_thresholds_are_inclusive(self):
        edge = {"scale.supply_chain_effect": 6, "scale.migrant_exploitation_risk": 6}
        edge |= {OPEN_PS: 6, OPEN_CSO: 6, "selected.partnership_resources": {"other"}}
        assert _readiness(edge).tier == "engage_now"
        edge[OPEN_CSO] = 5
        assert _readiness(edge).tier == "nurture"

    def test_unknown_without_an_example_2(self):
        readiness = _readiness({"text.other_support": "Training."})
        assert readiness.tier == "unknown"
        assert "no completed Example #2" in readiness.explanation
        assert readiness.need is None

    def test_unknown_names_the_unanswered_scales(self):
        pairs = [_interview("i", EXAMPLE_2, {"supply_chain_effect": 9, OPEN_PS[6:]: 8})]
        facts = collect_facts(Organisation(name="A", id="o"), pairs)
        readiness = assess_readiness(facts, RULEBOOK)
        assert readiness.tier == "unknown"
        assert readiness.need is None and readiness.openness is None
        assert readiness.resources == 0
        assert "item 7 (migrant worker exposure)" in readiness.explanation
        assert "item 10 (with CSOs and donors)" in readiness.explanation
        assert "2026-03-02" in readiness.explanation


# ----- the loader refuses broken files --------------------------------------------------------


KNOWLEDGE_TEXT = (PACKAGE / "knowledge.json").read_text("utf-8")
RULES_TEXT = (PACKAGE / "rules.json").read_text("utf-8")


def _first(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def _leaf(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return _first(data, rule_id)["when"]["all"][0]


RULE_CHANGES: list[tuple[str, Callable[[dict[str, Any]], None], list[str]]] = [
    (
        "unknown key",
        lambda d: _first(d, "relief_fund").update(colour="red"),
        ["rules[", "(relief_fund)", "'colour'"],
    ),
    (
        "unknown fact",
        lambda d: _leaf(d, "supplier_platform").update(fact="scale.supply_chain_efect"),
        ["(supplier_platform) when all[0]", "'scale.supply_chain_efect'"],
    ),
    (
        "unknown option id",
        lambda d: _first(d, "supplier_platform")["when"]["all"][1].update(includes="suppliers"),
        ["(supplier_platform) when all[1]", "'suppliers'", "supplier_disruptions"],
    ),
    (
        "unknown vocabulary value",
        lambda d: _leaf(d, "investor_engagement").update(**{"is": "Investors"}),
        ["(investor_engagement) when all[0]", "'Investors'"],
    ),
    (
        "unknown role",
        lambda d: _first(d, "relief_fund")["roles"].append("lobbyist"),
        ["(relief_fund)", "unknown role 'lobbyist'"],
    ),
    (
        "unknown category",
        lambda d: _first(d, "relief_fund").update(category="category_5"),
        ["(relief_fund)", "'category_5'"],
    ),
    (
        "opportunity of another category",
        lambda d: _first(d, "relief_fund").update(opportunity="mobile_money"),
        ["(relief_fund)", "'mobile_money'", "build_back"],
    ),
    (
        "unknown example",
        lambda d: _first(d, "relief_fund")["examples"].append("no_such_case"),
        ["(relief_fund)", "'no_such_case'"],
    ),
    (
        "duplicate id",
        lambda d: d["rules"][3].update(id=d["rules"][0]["id"]),
        ["rules[3]", "used twice"],
    ),
    (
        "threshold outside the scale",
        lambda d: _leaf(d, "supplier_platform").update(at_least=11),
        ["(supplier_platform) when all[0]", "11", "1-10"],
    ),
    (
        "operator of another kind",
        lambda d: _leaf(d, "supplier_platform").update(matches_any=["x"]),
        ["(supplier_platform) when all[0]", "'matches_any'"],
    ),
    (
        "two operators",
        lambda d: _leaf(d, "supplier_platform").update(at_most=9),
        ["(supplier_platform) when all[0]", "exactly one"],
    ),
    (
        "empty any",
        lambda d: _first(d, "mobile_money_wages").update(when={"any": []}),
        ["(mobile_money_wages) when", "'any' is empty"],
    ),
    (
        "why names a fact the rule does not read",
        lambda d: _first(d, "rapid_risk_mapping").update(why="{scale.continuity_plan}"),
        ["(rapid_risk_mapping)", "{scale.continuity_plan}"],
    ),
    (
        "bad priority",
        lambda d: _first(d, "relief_fund").update(priority="urgent"),
        ["(relief_fund)", "'urgent'"],
    ),
    (
        "no next steps",
        lambda d: _first(d, "relief_fund").update(next_steps=[]),
        ["(relief_fund)", "'next_steps' is empty"],
    ),
    (
        "contradiction lowering an unknown fact",
        lambda d: d["contradictions"][0]["lowers"].append("scale.mood"),
        ["contradictions[0]", "'scale.mood'"],
    ),
    (
        "readiness tier reading an answer directly",
        lambda d: d["readiness"]["tiers"][0]["when"]["all"][0].update(
            fact="scale.supply_chain_effect"
        ),
        ["readiness tiers[0] (engage_now) when all[0]", "unknown fact"],
    ),
    (
        "last tier with a condition",
        lambda d: d["readiness"]["tiers"][-1].update(when=d["readiness"]["tiers"][0]["when"]),
        ["tiers[2] (monitor)", "no 'when'"],
    ),
    ("wrong format", lambda d: d.update(format=2), ["format 2"]),
]


@pytest.mark.parametrize(
    ("change", "fragments"),
    [(c, f) for _, c, f in RULE_CHANGES],
    ids=[name for name, _, _ in RULE_CHANGES],
)
def test_a_broken_rule_file_names_file_and_place(tmp_path: Path, change, fragments):
    data = json.loads(RULES_TEXT)
    change(data)
    path = tmp_path / "my-rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rulebook(PACKAGE / "knowledge.json", path)
    message = str(caught.value)
    assert message.startswith("my-rules.json: "), message
    for fragment in fragments:
        assert fragment in message, message


KNOWLEDGE_CHANGES: list[tuple[str, Callable[[dict[str, Any]], None], list[str]]] = [
    (
        "duplicate role",
        lambda d: d["roles"][2].update(id=d["roles"][0]["id"]),
        ["roles[2]", "used twice"],
    ),
    (
        "opportunity id used in two categories",
        lambda d: d["categories"][1]["opportunities"][0].update(id="supply_chain_channels"),
        ["categories[1] (detection) opportunities[0]", "used twice"],
    ),
    (
        "unknown key",
        lambda d: d["library"][0].update(year=2020),
        ["library[0] (mars_fairagora)", "'year'"],
    ),
    (
        "library entry in an unknown category",
        lambda d: d["library"][0]["categories"].append("category_9"),
        ["library[0]", "'category_9'"],
    ),
    (
        "category number",
        lambda d: d["categories"][0].update(number=7),
        ["categories[0] (suppliers_struggle)", "'number'"],
    ),
]


@pytest.mark.parametrize(
    ("change", "fragments"),
    [(c, f) for _, c, f in KNOWLEDGE_CHANGES],
    ids=[name for name, _, _ in KNOWLEDGE_CHANGES],
)
def test_a_broken_knowledge_file_names_file_and_place(tmp_path: Path, change, fragments):
    data = json.loads(KNOWLEDGE_TEXT)
    change(data)
    with pytest.raises(RuleError) as caught:
        parse_rulebook(json.dumps(data), RULES_TEXT, "seed.json", "rules.json")
    message = str(caught.value)
    assert message.startswith("seed.json: "), message
    for fragment in fragments:
        assert fragment in message, message


def test_a_rule_pointing_at_a_removed_role_is_refused():
    data = json.loads(KNOWLEDGE_TEXT)
    data["roles"] = [r for r in data["roles"] if r["id"] != "policy_advocate"]
    with pytest.raises(RuleError, match=r"rules\.json: rules\[\d+\] \(\w+\): unknown role"):
        parse_rulebook(json.dumps(data), RULES_TEXT)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ('{"format": 1, "version": 1,', ["not valid JSON", "line 1"]),
        ("", ["not valid JSON"]),
        ('{"format": 1, "format": 1}', ["'format'", "twice"]),
        ("[1, 2]", ["should be an object"]),
    ],
    ids=["truncated", "empty", "repeated key", "a list"],
)
def test_a_file_that_is_not_a_rule_file(tmp_path: Path, text: str, fragments: list[str]):
    path = tmp_path / "rules.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rulebook(PACKAGE / "knowledge.json", path)
    assert str(caught.value).startswith("rules.json: ")
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_missing_and_non_utf8_files(tmp_path: Path):
    with pytest.raises(RuleError, match="cannot be read"):
        load_rulebook(tmp_path / "nope.json", PACKAGE / "rules.json")
    path = tmp_path / "rules.json"
    path.write_bytes('{"title": "กฎ"}'.encode("cp874"))
    with pytest.raises(RuleError, match="not UTF-8"):
        load_rulebook(PACKAGE / "knowledge.json", path)


def test_the_unedited_files_round_trip_through_the_loader(tmp_path: Path):
    data = copy.deepcopy(json.loads(RULES_TEXT))
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    assert load_rulebook(PACKAGE / "knowledge.json", path).rules == RULEBOOK.rules


# ----- end to end through the stores --------------------------------------------------------


def _conduct(workspace, org_id: str, questionnaire_id: str, answers: dict[str, Any], when: str):
    store = workspace.interviews
    interview_id = store.start(
        org_id,
        builtin_questionnaires().latest(questionnaire_id),
        InterviewDetails(started_at=when, mode="in person"),
        interviewer="Dara Comparison",
    )
    for item_id, value in answers.items():
        store.save_answer(interview_id, item_id, value)
    return interview_id


THAI_WORKFORCE = "คนงานมีหนี้ค่านายหน้า และขอเบิกเงินล่วงหน้าบ่อย"


class TestRecommendFor:
    @pytest.fixture
    def lotus(self, workspace):
        org_id = workspace.profiles.save(
            Organisation(
                name="Golden Lotus Seafood Co., Ltd.",
                sectors=["Fishing and seafood"],
                supply_chain_role="Supplier / factory",
                memberships=["Sedex"],
            )
        )
        first = _conduct(
            workspace,
            org_id,
            EXAMPLE_2,
            {"supply_chain_effect": 5, "migrant_exploitation_risk": 4, OPEN_CSO[6:]: 5},
            "2025-10-01T09:00",
        )
        workspace.interviews.complete(first)
        second = _conduct(
            workspace,
            org_id,
            EXAMPLE_2,
            {
                "supply_chain_effect": 8,
                "hindering_factors": {"selected": ["travel_restrictions", "sick"]},
                "business_effects": {"selected": ["supplier_disruptions"]},
                "migrant_exploitation_risk": 9,
                OPEN_PS[6:]: 8,
                OPEN_CSO[6:]: 9,
                "partnership_resources": {
                    "selected": ["convening_power"],
                    "other": True,
                    "other_text": "Training venue",
                },
            },
            "2026-03-02T10:30",
        )
        workspace.interviews.complete(second)
        open_one = _conduct(
            workspace,
            org_id,
            EXAMPLE_1,
            {"pressing_workforce_issue": THAI_WORKFORCE},
            "2026-01-15T14:00",
        )
        workspace.interviews.complete(open_one)
        draft = _conduct(
            workspace, org_id, EXAMPLE_2, {"migrant_exploitation_risk": 1}, "2026-04-01T09:00"
        )
        return {"org": org_id, "first": first, "second": second, "open": open_one, "draft": draft}

    def test_advice_from_completed_interviews_with_exact_reasons(self, workspace, lotus):
        advice = recommend_for(workspace, lotus["org"])
        assert advice.org_name == "Golden Lotus Seafood Co., Ltd."
        assert advice.facts.example2 is not None
        assert advice.facts.example2.id == lotus["second"]
        assert advice.facts.drafts_ignored == 1
        assert advice.readiness.tier == "engage_now"
        assert (advice.readiness.need, advice.readiness.openness) == (8.5, 8.5)
        assert advice.readiness.resources == 2
        by_rule = {r.rule_id: r for r in advice.recommendations}
        assert {"supplier_platform", "rapid_risk_mapping", "recruitment_screening"} <= set(by_rule)
        assert {"health_guidelines_sick", "shared_audit_data", "exposure_rising"} <= set(by_rule)
        screening = by_rule["recruitment_screening"]
        (reason,) = screening.reasons
        assert reason.answer == THAI_WORKFORCE
        assert (reason.interview_id, reason.date) == (lotus["open"], "2026-01-15T14:00")
        assert (reason.item_number, reason.label) == ("2", "Example #1, question 2")
        assert reason.item_text == (
            "What is the most pressing issue in relation to your labor workforce and participation?"
        )
        assert "“นายหน้า”" in reason.detail and "“หนี้”" in reason.detail
        risk = by_rule["rapid_risk_mapping"]
        answers = {(r.item_number, r.answer, r.interview_id) for r in risk.reasons}
        assert ("7", "9", lotus["second"]) in answers
        assert risk.why == "Migrant worker exposure scored 9."
        rising = by_rule["exposure_rising"]
        assert rising.reasons[0].answer == "4 on 2025-10-01 → 9 on 2026-03-02"
        assert rising.why == "Migrant worker exposure rose by 5 points between visits."

    def test_history_of_each_scale_between_visits(self, workspace, lotus):
        series = {s.item_id: s for s in recommend_for(workspace, lotus["org"]).facts.series}
        effect = series["supply_chain_effect"]
        assert [(p.interview_id, p.value) for p in effect.points] == [
            (lotus["first"], 5),
            (lotus["second"], 8),
        ]
        assert effect.moved == 3
        assert [p.value for p in series[OPEN_PS[6:]].points] == [8]

    def test_a_correction_is_taken_into_account_at_once(self, workspace, lotus):
        workspace.interviews.correct(
            lotus["second"], "Confirmed by email.", {"migrant_exploitation_risk": 2}
        )
        advice = recommend_for(workspace, lotus["org"])
        assert "rapid_risk_mapping" not in {r.rule_id for r in advice.recommendations}
        assert advice.readiness.need == 5.0
        assert advice.readiness.tier == "nurture"

    def test_an_organisation_with_nothing_gets_nothing(self, workspace):
        org_id = workspace.profiles.save(Organisation(name="Blank Ltd."))
        advice = recommend_for(workspace, org_id)
        assert advice.recommendations == ()
        assert advice.readiness.tier == "unknown"

    def test_an_unknown_organisation(self, workspace):
        with pytest.raises(UnknownOrganisationError):
            recommend_for(workspace, "no-such-id")

    def test_to_dict_is_plain_json(self, workspace, lotus):
        data = recommend_for(workspace, lotus["org"]).to_dict()
        again = json.loads(json.dumps(data, ensure_ascii=False))
        assert again == data
        facts = again["facts"]["values"]
        assert facts["selected.partnership_resources"]["value"] == ["convening_power", "other"]
        first = again["recommendations"][0]
        assert {"rule_id", "category", "opportunity", "roles", "reasons", "why"} <= set(first)
