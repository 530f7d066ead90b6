"""The analysis of many interviews, checked against numbers worked out by hand.

The fixture (every interview through the real stores; supply = item 3, migrant = item 7):

    Andaman Garments (Garment..., Thailand)
        A1  Dara  2026-01-10  supply 8, migrant 6, item 4: travel, sick, Other "Late wages"
        A2  Dara  2026-03-05  supply 5, migrant 7, item 4: travel
    Blue Harbour (Fishing and seafood, Thailand)
        B1  Som   2026-02-01  supply 8, item 4: closing, Other "Debt bondage"
        and a completed Example #1 (no scales; not Example #2)
    Mekong Rice (Agriculture, Vietnam)
        C1  Dara  2026-02-20  supply 3, migrant 2
        C2  draft 2026-04-01  supply 10
    Gone Fisheries (Fishing and seafood, Thailand), deleted
        G1  Dara  2026-02-02  supply 1
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ctip_desktop.analysis import (
    OTHER,
    AnalysisError,
    AnalysisFilter,
    ChoiceSummary,
    ScaleSummary,
    analyse,
    chartable_items,
)
from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.questionnaires.model import parse_questionnaire
from ctip_desktop.workspace import Workspace

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"


def conduct(
    workspace: Workspace,
    org_id: str,
    answers: dict[str, Any],
    *,
    when: str,
    interviewer: str = "Dara",
    questionnaire_id: str = EXAMPLE_2,
    complete: bool = True,
) -> str:
    store = workspace.interviews
    interview_id = store.start(
        org_id,
        builtin_questionnaires().latest(questionnaire_id),
        InterviewDetails(started_at=when, mode="in person"),
        interviewer=interviewer,
    )
    for item_id, value in answers.items():
        store.save_answer(interview_id, item_id, value)
    if complete:
        store.complete(interview_id)
    return interview_id


def ticks(*selected: str, other: str = "") -> dict[str, Any]:
    return {"selected": list(selected), "other": bool(other), "other_text": other}


def organisation(workspace: Workspace, name: str, sector: str, country: str) -> str:
    return workspace.profiles.save(Organisation(name=name, sectors=[sector], countries=[country]))


@pytest.fixture
def fixture(workspace: Workspace) -> dict[str, str]:
    return build_fixture(workspace)


def build_fixture(workspace: Workspace) -> dict[str, str]:
    """The organisations and interviews of the module's table; their ids by name."""
    ids = {
        "andaman": organisation(
            workspace, "Andaman Garments", "Garment, apparel and footwear", "Thailand"
        ),
        "blue": organisation(workspace, "Blue Harbour", "Fishing and seafood", "Thailand"),
        "mekong": organisation(workspace, "Mekong Rice", "Agriculture", "Vietnam"),
        "gone": organisation(workspace, "Gone Fisheries", "Fishing and seafood", "Thailand"),
    }
    ids["A1"] = conduct(
        workspace,
        ids["andaman"],
        {
            "supply_chain_effect": 8,
            "migrant_exploitation_risk": 6,
            "hindering_factors": ticks("travel_restrictions", "sick", other="Late wages"),
            "partnership_resources": ticks("convening_power"),
        },
        when="2026-01-10T09:00",
    )
    ids["A2"] = conduct(
        workspace,
        ids["andaman"],
        {
            "supply_chain_effect": 5,
            "migrant_exploitation_risk": 7,
            "hindering_factors": ticks("travel_restrictions"),
        },
        when="2026-03-05T14:30",
    )
    ids["B1"] = conduct(
        workspace,
        ids["blue"],
        {
            "supply_chain_effect": 8,
            "hindering_factors": ticks("closing_or_suspension", other="Debt bondage"),
        },
        when="2026-02-01T10:00",
        interviewer="Som",
    )
    ids["B-ex1"] = conduct(
        workspace,
        ids["blue"],
        {"pressing_business_issue": "Orders"},
        when="2026-02-01T11:00",
        questionnaire_id=EXAMPLE_1,
    )
    ids["C1"] = conduct(
        workspace,
        ids["mekong"],
        {"supply_chain_effect": 3, "migrant_exploitation_risk": 2},
        when="2026-02-20T08:00",
    )
    ids["C2"] = conduct(
        workspace,
        ids["mekong"],
        {"supply_chain_effect": 10},
        when="2026-04-01T08:00",
        complete=False,
    )
    conduct(workspace, ids["gone"], {"supply_chain_effect": 1}, when="2026-02-02T08:00")
    workspace.profiles.delete(ids["gone"])
    return ids


def counts(item: ScaleSummary | ChoiceSummary) -> dict[str, int]:
    """The bars with something in them, by key."""
    return {bar.key: bar.count for bar in item.bars if bar.count}


def bar(item: ScaleSummary | ChoiceSummary, key: str) -> Any:
    return next(b for b in item.bars if b.key == key)


def test_the_whole_set_matches_the_hand_computed_numbers(
    workspace: Workspace, fixture: dict[str, str]
):
    analysis = analyse(workspace, AnalysisFilter(EXAMPLE_2))
    # A1, A2, B1, C1: not the draft, not Example #1, not the deleted organisation's.
    assert analysis.interviews == 4
    assert analysis.organisations == 3
    assert analysis.drafts_left_out == 1

    supply = analysis.item("supply_chain_effect")
    assert isinstance(supply, ScaleSummary)
    assert [b.key for b in supply.bars] == [str(n) for n in range(1, 11)]
    assert counts(supply) == {"3": 1, "5": 1, "8": 2}
    assert supply.answered == 4
    assert supply.mean == pytest.approx((8 + 5 + 8 + 3) / 4)  # 6.0
    assert supply.median == pytest.approx(6.5)  # between 5 and 8
    assert bar(supply, "8").org_ids == {fixture["andaman"], fixture["blue"]}
    assert bar(supply, "1").org_ids == frozenset()  # the deleted organisation's 1 is gone

    migrant = analysis.item("migrant_exploitation_risk")
    assert isinstance(migrant, ScaleSummary)
    assert counts(migrant) == {"2": 1, "6": 1, "7": 1}
    assert (migrant.answered, migrant.mean, migrant.median) == (3, 5.0, 6.0)

    continuity = analysis.item("continuity_plan")
    assert isinstance(continuity, ScaleSummary)
    assert (continuity.answered, continuity.mean, continuity.median) == (0, None, None)

    factors = analysis.item("hindering_factors")
    assert isinstance(factors, ChoiceSummary)
    assert factors.answered == 3  # A1, A2, B1 ticked something
    assert counts(factors) == {
        "travel_restrictions": 2,
        "closing_or_suspension": 1,
        "sick": 1,
        OTHER: 2,
    }
    travel = bar(factors, "travel_restrictions")
    assert travel.label == "Travel restrictions"
    assert travel.org_ids == {fixture["andaman"]}  # two interviews, one organisation
    assert factors.share(travel) == pytest.approx(2 / 3)
    assert bar(factors, OTHER).org_ids == {fixture["andaman"], fixture["blue"]}
    assert bar(factors, OTHER).label == "Other"

    resources = analysis.item("partnership_resources")
    assert isinstance(resources, ChoiceSummary)
    assert (resources.answered, counts(resources)) == (1, {"convening_power": 1})
    assert factors.share(bar(factors, "government_policies")) == 0.0

    assert [(w.org_name, w.date, w.text, w.item_number) for w in analysis.write_ins] == [
        ("Andaman Garments", "2026-01-10", "Late wages", "4"),
        ("Blue Harbour", "2026-02-01", "Debt bondage", "4"),
    ]


def test_change_over_time_compares_first_and_latest_interview(
    workspace: Workspace, fixture: dict[str, str]
):
    analysis = analyse(workspace, AnalysisFilter(EXAMPLE_2))
    # Only Andaman has two completed interviews (Mekong's second is a draft).
    assert [c.name for c in analysis.changes] == ["Andaman Garments"]
    andaman = analysis.changes[0]
    assert (andaman.interviews, andaman.first_date, andaman.latest_date) == (
        2,
        "2026-01-10",
        "2026-03-05",
    )
    assert andaman.values == {"supply_chain_effect": (8, 5), "migrant_exploitation_risk": (6, 7)}
    by_item = {c.item_id: c for c in analysis.item_changes}
    assert set(by_item) == {i.item_id for i in analysis.scales}
    supply = by_item["supply_chain_effect"]
    assert (supply.organisations, supply.mean_change, supply.rose, supply.same, supply.fell) == (
        1,
        -3.0,
        0,
        0,
        1,
    )
    assert by_item["migrant_exploitation_risk"].mean_change == 1.0
    assert by_item["continuity_plan"].organisations == 0
    assert by_item["continuity_plan"].mean_change is None


def test_filters_narrow_by_profile_and_by_interview(workspace: Workspace, fixture: dict[str, str]):
    thailand = analyse(workspace, AnalysisFilter(EXAMPLE_2, country="Thailand"))
    assert (thailand.interviews, thailand.organisations, thailand.drafts_left_out) == (3, 2, 0)
    supply = thailand.item("supply_chain_effect")
    assert counts(supply) == {"5": 1, "8": 2}
    assert isinstance(supply, ScaleSummary) and supply.mean == pytest.approx(7.0)

    seafood = analyse(workspace, AnalysisFilter(EXAMPLE_2, sector="Fishing and seafood"))
    assert seafood.names == {fixture["blue"]: "Blue Harbour"}

    som = analyse(workspace, AnalysisFilter(EXAMPLE_2, interviewer="Som"))
    assert som.interviews == 1
    assert counts(som.item("hindering_factors")) == {"closing_or_suspension": 1, OTHER: 1}

    # Both ends of the range count, whatever the time of day.
    february = analyse(
        workspace, AnalysisFilter(EXAMPLE_2, date_from="2026-02-01", date_to="2026-02-20")
    )
    assert february.interviews == 2  # B1 at 10:00 on the first, C1 at 08:00 on the last
    assert february.changes == ()
    assert [w.text for w in february.write_ins] == ["Debt bondage"]
    from_march = analyse(workspace, AnalysisFilter(EXAMPLE_2, date_from="2026-03-01"))
    assert from_march.interviews == 1 and from_march.drafts_left_out == 1  # C2 in April

    mekong = workspace.profiles.get(fixture["mekong"])
    assert mekong is not None
    workspace.profiles.save(dataclasses.replace(mekong, stage="Exploring partnership"))
    exploring = analyse(workspace, AnalysisFilter(EXAMPLE_2, stage="Exploring partnership"))
    assert list(exploring.names.values()) == ["Mekong Rice"]
    assert counts(exploring.item("supply_chain_effect")) == {"3": 1}

    nobody = analyse(workspace, AnalysisFilter(EXAMPLE_2, country="Vietnam", interviewer="Som"))
    assert nobody.interviews == 0
    assert all(item.answered == 0 for item in nobody.items)


def test_a_correction_is_read_as_the_interview_now_stands(
    workspace: Workspace, fixture: dict[str, str]
):
    workspace.interviews.correct(fixture["A2"], "Misheard", {"supply_chain_effect": 4})
    analysis = analyse(workspace, AnalysisFilter(EXAMPLE_2))
    supply = analysis.item("supply_chain_effect")
    assert counts(supply) == {"3": 1, "4": 1, "8": 2}
    assert isinstance(supply, ScaleSummary) and supply.mean == pytest.approx(5.75)
    assert analysis.changes[0].values["supply_chain_effect"] == (8, 4)


def test_a_questionnaire_without_scales_or_ticks_has_nothing_to_chart(
    workspace: Workspace, fixture: dict[str, str]
):
    analysis = analyse(workspace, AnalysisFilter(EXAMPLE_1))
    assert analysis.interviews == 1
    assert analysis.items == () and analysis.write_ins == ()


def test_items_come_from_the_definition_not_from_a_list_of_ids(workspace: Workspace):
    definition = """{
      "format": 1, "id": "harvest-check", "version": 1, "title": "Harvest check",
      "items": [
        {"id": "crowding", "number": "A", "kind": "scale", "text": "Crowding in housing",
         "minimum": 0, "maximum": 4, "anchors": {"0": "None", "4": "Severe"}},
        {"id": "fees", "number": "B", "kind": "multi", "text": "Fees charged",
         "options": [{"id": "visa", "label": "Visa"}, {"id": "transport", "label": "Transport"}]},
        {"id": "comment", "number": "C", "kind": "text", "text": "Anything else"}
      ]
    }"""
    questionnaire = parse_questionnaire(definition, "harvest-check.json")
    assert [i.id for i in chartable_items(questionnaire)] == ["crowding", "fees"]
    store = workspace.interviews
    org_id = organisation(workspace, "Sugar Estate", "Sugar", "Thailand")
    for when, crowding, fees in (
        ("2026-05-01T09:00", 0, ["visa"]),
        ("2026-06-01T09:00", 4, ["visa", "transport"]),
    ):
        interview_id = store.start(
            org_id, questionnaire, InterviewDetails(started_at=when), interviewer="Dara"
        )
        store.save_answer(interview_id, "crowding", crowding)
        store.save_answer(interview_id, "fees", {"selected": fees})
        store.complete(interview_id)

    analysis = analyse(workspace, AnalysisFilter("harvest-check"))
    crowding, fees = analysis.items
    assert isinstance(crowding, ScaleSummary) and isinstance(fees, ChoiceSummary)
    assert [b.key for b in crowding.bars] == ["0", "1", "2", "3", "4"]
    assert counts(crowding) == {"0": 1, "4": 1}
    assert crowding.mean == 2.0
    assert [(b.label, b.count) for b in fees.bars] == [("Visa", 2), ("Transport", 1)]  # no Other
    assert analysis.changes[0].values == {"crowding": (0, 4)}


@pytest.mark.parametrize(
    ("flt", "message"),
    [
        (AnalysisFilter(EXAMPLE_2, date_from="2026-13-01"), "From: “2026-13-01” is not a date"),
        (AnalysisFilter(EXAMPLE_2, date_to="1 May"), "To: “1 May” is not a date"),
        (
            AnalysisFilter(EXAMPLE_2, date_from="2026-05-02", date_to="2026-05-01"),
            "ends before it starts",
        ),
        (AnalysisFilter(""), "Choose a questionnaire"),
        (AnalysisFilter("no-such-survey"), "no questionnaire 'no-such-survey'"),
    ],
)
def test_a_filter_that_cannot_be_used_says_why(
    workspace: Workspace, flt: AnalysisFilter, message: str
):
    with pytest.raises(AnalysisError, match=message):
        analyse(workspace, flt)


def test_the_filter_describes_itself_for_titles():
    assert AnalysisFilter(EXAMPLE_2).description() == ""
    assert (
        AnalysisFilter(EXAMPLE_2, country="Thailand", date_from="2026-01-01").description()
        == "Country: Thailand · Interviewed from 2026-01-01"
    )
