"""The shipped questionnaires against the seed, the strict loader, and the rules of answers."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ctip_desktop.questionnaires import (
    AnswerError,
    Item,
    Questionnaire,
    QuestionnaireError,
    QuestionnaireSet,
    answer_problems,
    answer_text,
    builtin_questionnaires,
    checked_answer,
    empty_answer,
    is_answered,
    load_questionnaire,
    parse_questionnaire,
)
from ctip_desktop.questionnaires.model import FILL_SOURCES, KINDS

# The seed sits beside the repository in the team's workspace; its two survey sections travel
# with the tests (an exact excerpt), so a clean clone checks the wording too.
SEED_DOCUMENT = Path(__file__).parents[3] / "shared/seed/000_f7d5321643171f6a.txt"
SEED_EXCERPT = Path(__file__).parents[1] / "data/seed_surveys.txt"
SEED = SEED_DOCUMENT if SEED_DOCUMENT.exists() else SEED_EXCERPT
DEFINITIONS = Path(__file__).parents[2] / "ctip_desktop/questionnaires/definitions"
EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"

# The seed's "Sample Questions", copied verbatim (the seed may be absent where tests run, so the
# expected wording lives here; when the seed is present it is checked against these too).
SEED_EXAMPLE_1 = (
    "What is the most pressing issue right now for your business?",
    "What is the most pressing issue in relation to your labor workforce and participation?",
    "Do you see any shifting of priorities on issues related to worker welfare or participation?",
    "What labor-related desk research would be useful to you right now?",
    "What other support do you need related to worker wellbeing or labor force?",
)

# (question as printed, kind, options, has an "Other ____" write-in, scale anchors)
SEED_EXAMPLE_2: tuple[tuple[str, str, tuple[str, ...], bool, dict[int, str]], ...] = (
    ("Organization Name and Representative Name: _____", "identification", (), False, {}),
    ("General Notes", "note", (), False, {}),
    (
        "Degree to which COVID-19 has affected their supply chain (scale from 1-10)",
        "scale",
        (),
        False,
        {1: "Not at all", 10: "Total disruption"},
    ),
    (
        "Are any of the below factors hindering migrant workers and/or other vulnerable workers "
        "in your supply chain (check all that apply)?",
        "multi",
        (
            "Travel restrictions",
            "Closing or suspension of business operations",
            "Sick",
            "Dependent Care",
            "Government Policies",
        ),
        True,
        {},
    ),
    (
        "How is their business affected?",
        "multi",
        (
            "Reduced workforce",
            "Disruptions with suppliers",
            "Suspension/delays of operations (e.g. distribution, sales, marketing, manufacturing)",
        ),
        True,
        {},
    ),
    (
        "Recovering Needs",
        "multi",
        (
            "Loans / financing",
            "Grants",
            "Labor",
            "Technical assistance",
            "New policies or regulations",
        ),
        True,
        {},
    ),
    (
        "Are migrant workers and their families more exposed to exploitation now",
        "scale",
        (),
        False,
        {1: "No, not at all.", 10: "Yes, they face a serious and dangerous threat."},
    ),
    (
        "Business continuity plan activated to respond to COVID-19?",
        "scale",
        (),
        False,
        {1: "No changes", 10: "Complete pivot"},
    ),
    (
        "Openness to partner with other private sector actors",
        "scale",
        (),
        False,
        {1: "Not open", 10: "Actively exploring"},
    ),
    (
        "Openness to partner with other CSOs or donors",
        "scale",
        (),
        False,
        {1: "Not open", 10: "Actively exploring"},
    ),
    (
        "What types of resources could this private sector company bring to a partnership?",
        "multi",
        ("Convening power", "Subject matter expertise", "Financial support"),
        True,
        {},
    ),
)
BLANK = " _____"  # the seed's write-in line


def builtin(questionnaire_id: str) -> Questionnaire:
    return builtin_questionnaires().latest(questionnaire_id)


def definition_data(questionnaire_id: str = EXAMPLE_2) -> dict[str, Any]:
    return json.loads(builtin(questionnaire_id).definition)


# ----- the shipped files match the seed --------------------------------------------------


class TestShippedQuestionnaires:
    def test_both_examples_are_shipped_once(self):
        current = builtin_questionnaires().current()
        assert [(q.id, q.version) for q in current] == [(EXAMPLE_1, 1), (EXAMPLE_2, 1)]
        assert sorted(p.name for p in DEFINITIONS.glob("*.json")) == [
            f"{EXAMPLE_1}.v1.json",
            f"{EXAMPLE_2}.v1.json",
        ]

    def test_example_1_has_the_five_questions_word_for_word(self):
        questionnaire = builtin(EXAMPLE_1)
        assert [i.text for i in questionnaire.items] == list(SEED_EXAMPLE_1)
        assert [i.number for i in questionnaire.items] == ["1", "2", "3", "4", "5"]
        assert {i.kind for i in questionnaire.items} == {"text"}
        assert questionnaire.completes_stage == ""

    def test_example_2_has_the_eleven_items_word_for_word(self):
        items = builtin(EXAMPLE_2).items
        assert len(items) == 11
        assert [i.number for i in items] == [str(n) for n in range(1, 12)]
        for item, (text, kind, options, other, anchors) in zip(items, SEED_EXAMPLE_2, strict=True):
            assert item.text == text.removesuffix(BLANK), item.id
            assert item.kind == kind, item.id
            assert tuple(o.label for o in item.options) == options, item.id
            assert item.has_other is other, item.id
            if other:
                assert item.other_label == "Other"
            if kind == "scale":
                assert (item.minimum, item.maximum) == (1, 10), item.id
                assert dict(item.anchors) == anchors, item.id
            else:
                assert item.anchors == (), item.id

    def test_example_2_write_ins_and_scales_are_where_the_seed_has_them(self):
        items = builtin(EXAMPLE_2).items
        assert [i.number for i in items if i.has_other] == ["4", "5", "6", "11"]
        assert [i.number for i in items if i.kind == "scale"] == ["3", "7", "8", "9", "10"]

    def test_identification_asks_for_both_names_and_fills_them_from_the_profile(self):
        item = builtin(EXAMPLE_2).item("identification")
        assert [f.label for f in item.fields] == ["Organization Name", "Representative Name"]
        assert [f.fill_from for f in item.fields] == ["organisation.name", "primary_contact.name"]
        # The two labels are exactly the seed's two names.
        assert " and ".join(f.label for f in item.fields) + ":" == item.text

    def test_example_2_moves_the_profile_to_interviewed(self):
        assert builtin(EXAMPLE_2).completes_stage == "Interviewed"

    def test_the_expected_wording_is_the_seeds(self):
        text = SEED.read_text("utf-8")
        one = text.index("EXAMPLE #1 FOR COVID-19 PSE OUTREACH")
        two = text.index("EXAMPLE #2 FOR COVID-19 PSE OUTREACH")
        end = text.index("\nCONTACT\n", two)
        assert parse_seed_section(text[one:two]) == [(q, []) for q in SEED_EXAMPLE_1]
        expected = []
        for question, _, options, other, anchors in SEED_EXAMPLE_2:
            bullets = [f"{point} = {label}" for point, label in anchors.items()]
            bullets += list(options) + (["Other" + BLANK] if other else [])
            expected.append((question, bullets))
        assert parse_seed_section(text[two:end]) == expected

    def test_every_shipped_text_occurs_verbatim_in_the_seed(self):
        text = SEED.read_text("utf-8")
        for questionnaire in builtin_questionnaires().current():
            for item in questionnaire.items:
                assert f"{item.number}. {item.text}" in text, item.id
                for option in item.options:
                    assert f"\n- {option.label}\n" in text, option.id
                for point, label in item.anchors:
                    assert f"\n- {point} = {label}\n" in text, (item.id, point)


def test_the_excerpt_is_the_seeds_own_text():
    excerpt = SEED_EXCERPT.read_text("utf-8")
    assert excerpt.startswith("EXAMPLE #1 FOR COVID-19 PSE OUTREACH")
    if SEED_DOCUMENT.exists():  # in the team's workspace: the excerpt is a verbatim slice
        assert excerpt in SEED_DOCUMENT.read_text("utf-8")


def parse_seed_section(section: str) -> list[tuple[str, list[str]]]:
    """The numbered questions of one example, each with the bullet lines below it."""
    questions: list[tuple[str, list[str]]] = []
    for line in section.splitlines():
        numbered = re.match(r"^(\d+)\. (.+)$", line)
        if numbered:
            assert int(numbered.group(1)) == len(questions) + 1
            questions.append((numbered.group(2), []))
        elif line.startswith("- ") and questions:
            questions[-1][1].append(line[2:])
    return questions


# ----- the loader refuses broken files, naming the file, the place and the problem -----------


Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return edit


def _delete(path: tuple[Any, ...]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return edit


BROKEN: list[tuple[str, Edit, str, str]] = [
    # (case, edit of Example #2, location named, problem named)
    ("top unknown key", _set(("colour",), "red"), "", "unknown key 'colour'"),
    (
        "item unknown key",
        _set(("items", 3, "colour"), "red"),
        "items[3] (hindering_factors)",
        "unknown key 'colour'",
    ),
    (
        "option unknown key",
        _set(("items", 3, "options", 1, "colour"), "red"),
        "items[3] (hindering_factors) options[1]",
        "unknown key 'colour'",
    ),
    (
        "other unknown key",
        _set(("items", 4, "other", "text"), "x"),
        "items[4] (business_effects) other",
        "unknown key 'text'",
    ),
    (
        "field unknown key",
        _set(("items", 0, "fields", 1, "colour"), "red"),
        "items[0] (identification) fields[1]",
        "unknown key 'colour'",
    ),
    (
        "key of another kind",
        _set(("items", 2, "options"), [{"id": "a", "label": "A"}]),
        "items[2] (supply_chain_effect)",
        "unknown key 'options'",
    ),
    ("missing top key", _delete(("title",)), "", "missing key 'title'"),
    ("missing format", _delete(("format",)), "", "missing key 'format'"),
    (
        "missing item key",
        _delete(("items", 2, "text")),
        "items[2] (supply_chain_effect)",
        "missing key 'text'",
    ),
    ("missing item id", _delete(("items", 5, "id")), "items[5]", "missing key 'id'"),
    (
        "missing option label",
        _delete(("items", 5, "options", 2, "label")),
        "items[5] (recovering_needs) options[2]",
        "missing key 'label'",
    ),
    (
        "missing anchors",
        _delete(("items", 6, "anchors")),
        "items[6] (migrant_exploitation_risk)",
        "missing key 'anchors'",
    ),
    ("version as text", _set(("version",), "1"), "", "'version' should be int, not text"),
    ("version true", _set(("version",), True), "", "'version' should be int, not true/false"),
    ("version float", _set(("version",), 1.0), "", "'version' should be int, not float"),
    ("version zero", _set(("version",), 0), "", "'version' should be 1 or more"),
    ("format true", _set(("format",), True), "", "'format' should be int, not true/false"),
    ("format 2", _set(("format",), 2), "", "format 2 is not known"),
    ("title a list", _set(("title",), ["A"]), "", "'title' should be str, not a list"),
    ("title blank", _set(("title",), "   "), "", "'title' is empty"),
    ("items an object", _set(("items",), {}), "", "'items' should be list, not an object"),
    ("items empty", _set(("items",), []), "", "'items' is empty"),
    (
        "item not an object",
        _set(("items", 2), "scale"),
        "items[2]",
        "should be an object, not text",
    ),
    (
        "maximum as text",
        _set(("items", 2, "maximum"), "10"),
        "items[2] (supply_chain_effect)",
        "'maximum' should be int, not text",
    ),
    (
        "duplicate item id",
        _set(("items", 4, "id"), "hindering_factors"),
        "items[4]",
        "item id 'hindering_factors' is used twice",
    ),
    (
        "duplicate option id",
        _set(("items", 3, "options", 2, "id"), "travel_restrictions"),
        "items[3] (hindering_factors) options[2]",
        "option id 'travel_restrictions' is used twice",
    ),
    (
        "duplicate field id",
        _set(("items", 0, "fields", 1, "id"), "organisation"),
        "items[0] (identification) fields[1]",
        "field id 'organisation' is used twice",
    ),
    (
        "bad kind",
        _set(("items", 1, "kind"), "essay"),
        "items[1] (general_notes)",
        "'kind' 'essay' is not one of: " + ", ".join(KINDS),
    ),
    (
        "no anchor for the top end",
        _delete(("items", 2, "anchors", "10")),
        "items[2] (supply_chain_effect)",
        "the scale's end 10 needs an anchor label",
    ),
    (
        "no anchor for the bottom end",
        _delete(("items", 8, "anchors", "1")),
        "items[8] (openness_private_sector)",
        "the scale's end 1 needs an anchor label",
    ),
    (
        "anchor above the scale",
        _set(("items", 2, "anchors", "11"), "Beyond"),
        "items[2] (supply_chain_effect)",
        "anchor '11' is not a point of the scale 1-10",
    ),
    (
        "anchor below the scale",
        _set(("items", 2, "anchors", "0"), "Below"),
        "items[2] (supply_chain_effect)",
        "anchor '0' is not a point of the scale 1-10",
    ),
    (
        "anchor not a number",
        _set(("items", 2, "anchors", "high"), "High"),
        "items[2] (supply_chain_effect)",
        "anchor 'high' is not a point",
    ),
    (
        "anchor a digit that is no number",
        _set(("items", 2, "anchors", "²"), "Squared"),
        "items[2] (supply_chain_effect)",
        "anchor '²' is not a point",
    ),
    (
        "anchor without label",
        _set(("items", 2, "anchors", "5"), "  "),
        "items[2] (supply_chain_effect)",
        "anchor '5' needs a label",
    ),
    (
        "anchor label a number",
        _set(("items", 2, "anchors", "5"), 5),
        "items[2] (supply_chain_effect)",
        "anchor '5' needs a label",
    ),
    (
        "minimum equals maximum",
        _set(("items", 7, "minimum"), 10),
        "items[7] (continuity_plan)",
        "0 <= minimum < maximum <= 10",
    ),
    (
        "minimum above maximum",
        _set(("items", 7, "maximum"), 0),
        "items[7] (continuity_plan)",
        "0 <= minimum < maximum <= 10",
    ),
    (
        "maximum beyond the keys",
        _set(("items", 7, "maximum"), 11),
        "items[7] (continuity_plan)",
        "0 <= minimum < maximum <= 10",
    ),
    (
        "no options",
        _set(("items", 10, "options"), []),
        "items[10] (partnership_resources)",
        "'options' is empty",
    ),
    (
        "no fields",
        _set(("items", 0, "fields"), []),
        "items[0] (identification)",
        "'fields' is empty",
    ),
    (
        "other without label",
        _set(("items", 3, "other"), {"label": ""}),
        "items[3] (hindering_factors) other",
        "'label' is empty",
    ),
    (
        "item id with capitals",
        _set(("items", 1, "id"), "General_Notes"),
        "items[1] (General_Notes)",
        "'id' 'General_Notes' should be lower-case letters, digits and _",
    ),
    (
        "option id with a space",
        _set(("items", 3, "options", 0, "id"), "travel restrictions"),
        "items[3] (hindering_factors) options[0]",
        "'id' 'travel restrictions' should be lower-case",
    ),
    ("questionnaire id with a space", _set(("id",), "PSE example"), "", "'id' 'PSE example'"),
    (
        "unknown fill_from",
        _set(("items", 0, "fields", 1, "fill_from"), "contact.email"),
        "items[0] (identification) fields[1]",
        "'fill_from' 'contact.email' is not one of: " + ", ".join(FILL_SOURCES[1:]),
    ),
    (
        "on_complete unknown stage",
        _set(("on_complete",), {"stage": "Married"}),
        "",
        "'on_complete' stage 'Married' is not one of",
    ),
    (
        "on_complete unknown key",
        _set(("on_complete",), {"tags": "done"}),
        "",
        "'on_complete' has unknown key 'tags'",
    ),
    (
        "on_complete a list",
        _set(("on_complete",), ["Interviewed"]),
        "",
        "'on_complete' should be dict, not a list",
    ),
]


@pytest.mark.parametrize(
    ("edit", "where", "problem"),
    [pytest.param(edit, where, problem, id=case) for case, edit, where, problem in BROKEN],
)
def test_a_broken_file_is_refused_with_file_place_and_problem(
    tmp_path: Path, edit: Edit, where: str, problem: str
):
    data = copy.deepcopy(definition_data())
    edit(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)
    message = str(raised.value)
    assert message.startswith(f"broken.json: {where}: " if where else "broken.json:"), message
    assert problem in message


def test_a_problem_of_the_whole_file_reads_file_colon_problem(tmp_path: Path):
    data = definition_data()
    del data["title"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)
    assert str(raised.value) == "broken.json: missing key 'title'"


def test_the_unedited_definition_loads(tmp_path: Path):
    """The control for the broken files above: only the edit makes them fail."""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(definition_data(), indent=2), "utf-8")
    assert load_questionnaire(path) == builtin(EXAMPLE_2)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('{\n  "format": 1,\n  "id": }\n', "line 3, column 9"),
        ('{"format": 1,}', "line 1, column 14"),
        ("", "line 1, column 1"),
    ],
)
def test_invalid_json_names_line_and_column(tmp_path: Path, text: str, position: str):
    path = tmp_path / "broken.json"
    path.write_text(text, "utf-8")
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)
    assert str(raised.value).startswith("broken.json: not valid JSON at " + position)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path):
    raw = json.dumps(definition_data(), ensure_ascii=False).encode("utf-8")
    raw = raw.replace(b"Recovering Needs", b"Recovering N\xe9eds")
    path = tmp_path / "latin1.json"
    path.write_bytes(raw)
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)
    where = raw.index(b"\xe9")
    assert (
        str(raised.value) == f"latin1.json: not UTF-8 text (byte {where}); save the file as UTF-8"
    )


def test_a_missing_file_is_an_error_not_a_crash(tmp_path: Path):
    with pytest.raises(QuestionnaireError, match=r"nowhere\.json: cannot be read"):
        load_questionnaire(tmp_path / "nowhere.json")


def test_a_byte_order_mark_and_any_layout_are_accepted(tmp_path: Path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(definition_data()).encode("utf-8"))
    assert load_questionnaire(path) == builtin(EXAMPLE_2)


# ----- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("questionnaire_id", [EXAMPLE_1, EXAMPLE_2])
def test_the_snapshot_text_parses_back_to_the_same_questionnaire(questionnaire_id: str):
    questionnaire = builtin(questionnaire_id)
    assert parse_questionnaire(questionnaire.definition) == questionnaire
    assert load_questionnaire(DEFINITIONS / f"{questionnaire_id}.v1.json") == questionnaire


_ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
_texts = st.text(min_size=1, max_size=15).filter(lambda s: s.strip())


@st.composite
def _items(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    item: dict[str, Any] = {"id": draw(_ids), "number": draw(_texts), "kind": kind}
    item["text"] = draw(_texts)
    if draw(st.booleans()):
        item["help"] = draw(st.text(max_size=15))
    if kind == "scale":
        low = draw(st.integers(0, 9))
        high = draw(st.integers(low + 1, 10))
        points = draw(st.sets(st.integers(low, high))) | {low, high}
        item |= {"minimum": low, "maximum": high}
        item["anchors"] = {str(p): draw(_texts) for p in sorted(points)}
    elif kind == "multi":
        item["options"] = draw(
            st.lists(
                st.fixed_dictionaries({"id": _ids, "label": _texts}),
                min_size=1,
                max_size=5,
                unique_by=lambda o: o["id"],
            )
        )
        if draw(st.booleans()):
            item["other"] = {"label": draw(_texts)}
    elif kind == "identification":
        item["fields"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"id": _ids, "label": _texts},
                    optional={"fill_from": st.sampled_from(FILL_SOURCES)},
                ),
                min_size=1,
                max_size=3,
                unique_by=lambda f: f["id"],
            )
        )
    return item


_questionnaires = st.fixed_dictionaries(
    {
        "format": st.just(1),
        "id": st.from_regex(r"[a-z][a-z0-9_.-]{0,10}", fullmatch=True),
        "version": st.integers(1, 1000),
        "title": _texts,
        "items": st.lists(_items(), min_size=1, max_size=6, unique_by=lambda i: i["id"]),
    },
    optional={
        "short_title": _texts,
        "summary": st.text(max_size=20),
        "on_complete": st.sampled_from([{}, {"stage": "Interviewed"}, {"stage": "Contacted"}]),
    },
)


@hypothesis_settings(max_examples=60, deadline=None)
@given(data=_questionnaires)
def test_any_valid_definition_round_trips(data: dict[str, Any]):
    questionnaire = parse_questionnaire(json.dumps(data, indent=1))
    assert parse_questionnaire(questionnaire.definition) == questionnaire
    assert json.loads(questionnaire.definition) == data
    assert [i.id for i in questionnaire.items] == [i["id"] for i in data["items"]]
    for item in questionnaire.items:
        if item.kind == "scale":
            assert item.anchor(item.minimum) and item.anchor(item.maximum)


# ----- a set of questionnaires by id and version --------------------------------------------


def _version_2() -> Questionnaire:
    data = definition_data(EXAMPLE_1)
    data["version"] = 2
    data["items"][0]["text"] = "What is the most pressing issue for your business today?"
    return parse_questionnaire(json.dumps(data), "example-1.v2.json")


class TestQuestionnaireSet:
    def test_a_new_version_is_latest_and_the_old_one_stays_retrievable(self):
        version_1, other = builtin(EXAMPLE_1), builtin(EXAMPLE_2)
        version_2 = _version_2()
        questionnaires = QuestionnaireSet([version_1, other, version_2])
        assert questionnaires.latest(EXAMPLE_1) is version_2
        assert questionnaires.get(EXAMPLE_1, 1) is version_1
        assert questionnaires.get(EXAMPLE_1, 2) is version_2
        assert questionnaires.get(EXAMPLE_1, 1).items[0].text == SEED_EXAMPLE_1[0]
        assert questionnaires.current() == [version_2, other]
        assert (EXAMPLE_1, 1) in questionnaires
        assert (EXAMPLE_1, 3) not in questionnaires
        assert questionnaires.titles() == {
            EXAMPLE_1: version_2.short_title,
            EXAMPLE_2: other.short_title,
        }

    def test_order_of_adding_does_not_matter(self):
        version_2 = _version_2()
        questionnaires = QuestionnaireSet([version_2, builtin(EXAMPLE_1)])
        assert questionnaires.latest(EXAMPLE_1) is version_2
        assert [q.key for q in questionnaires.current()] == [(EXAMPLE_1, 2)]

    def test_the_first_definition_of_a_version_is_kept(self):
        version_1 = builtin(EXAMPLE_1)
        impostor = parse_questionnaire(version_1.definition.replace("right now", "today"))
        questionnaires = QuestionnaireSet([version_1])
        questionnaires.add(impostor)
        assert questionnaires.get(EXAMPLE_1, 1) is version_1

    def test_unknown_questionnaires_raise_key_error(self):
        questionnaires = QuestionnaireSet([builtin(EXAMPLE_1)])
        with pytest.raises(KeyError):
            questionnaires.latest("no-such-survey")
        with pytest.raises(KeyError):
            questionnaires.get(EXAMPLE_1, 2)
        assert QuestionnaireSet([]).current() == []


# ----- answers -----------------------------------------------------------------------------


def item(item_id: str) -> Item:
    return builtin(EXAMPLE_2).item(item_id)


TEXT = builtin(EXAMPLE_1).item("pressing_business_issue")
NOTE = item("general_notes")
SCALE = item("supply_chain_effect")
MULTI = item("hindering_factors")
IDENT = item("identification")


def _multi_without_other() -> Item:
    data = definition_data()
    del data["items"][3]["other"]
    return parse_questionnaire(json.dumps(data)).item("hindering_factors")


class TestCheckedAnswer:
    @pytest.mark.parametrize(
        ("target", "value", "stored"),
        [
            (TEXT, "Orders fell by half.", "Orders fell by half."),
            (TEXT, None, ""),
            (NOTE, "  Met at the factory gate.\n", "  Met at the factory gate.\n"),
            (SCALE, 1, 1),
            (SCALE, 10, 10),
            (SCALE, None, None),
            (
                MULTI,
                {"selected": ["sick"]},
                {"selected": ["sick"], "other": False, "other_text": ""},
            ),
            (
                MULTI,
                {"selected": [], "other": True, "other_text": "Floods"},
                {"selected": [], "other": True, "other_text": "Floods"},
            ),
            (
                IDENT,
                {"organisation": "Golden Lotus"},
                {"organisation": "Golden Lotus", "representative": ""},
            ),
            (IDENT, {}, {"organisation": "", "representative": ""}),
        ],
    )
    def test_good_answers_are_stored_in_their_normal_form(self, target: Item, value, stored):
        assert checked_answer(target, value) == stored

    def test_a_multi_selection_is_kept_in_questionnaire_order_without_repeats(self):
        value = {"selected": ["government_policies", "sick", "travel_restrictions", "sick"]}
        assert checked_answer(MULTI, value)["selected"] == [
            "travel_restrictions",
            "sick",
            "government_policies",
        ]

    @pytest.mark.parametrize(
        ("target", "value", "message"),
        [
            (SCALE, 0, "0 is outside 1-10"),
            (SCALE, 11, "11 is outside 1-10"),
            (SCALE, -3, "outside 1-10"),
            (SCALE, "5", "whole number"),
            (SCALE, 5.0, "whole number"),
            (SCALE, True, "whole number"),
            (TEXT, 42, "should be text"),
            (TEXT, ["a"], "should be text"),
            (TEXT, "a\x00b", "NUL byte"),
            (NOTE, "x" * 200_001, "longer than 200,000 characters"),
            (MULTI, ["sick"], "should be an object"),
            (MULTI, {"selected": ["flood"]}, "'flood' is not one of its options"),
            (MULTI, {"selected": "sick"}, "'selected' should be a list"),
            (MULTI, {"selected": [], "colour": "red"}, "unknown keys ['colour']"),
            (MULTI, {"other": "yes"}, "'other' is not allowed"),
            (MULTI, {"other": True, "other_text": 3}, "the Other text should be text"),
            (MULTI, {"other": True, "other_text": "a\x00"}, "NUL byte"),
            (MULTI, {"other": True, "other_text": "x" * 1201}, "longer than 1,200"),
            (IDENT, "Golden Lotus", "should be an object"),
            (IDENT, {"email": "a@b.org"}, "unknown fields ['email']"),
            (IDENT, {"organisation": 7}, "Organization Name should be text"),
            (IDENT, {"representative": "A\x00"}, "Representative Name contains a NUL byte"),
            (IDENT, {"organisation": "x" * 301}, "longer than 300 characters"),
        ],
    )
    def test_wrong_shapes_are_refused(self, target: Item, value, message: str):
        with pytest.raises(AnswerError) as raised:
            checked_answer(target, value)
        assert str(raised.value).startswith(f"{target.id}: ")
        assert message in str(raised.value)

    def test_other_is_refused_on_an_item_without_a_write_in(self):
        plain = _multi_without_other()
        assert not plain.has_other
        assert checked_answer(plain, {"selected": ["sick"], "other": False})["other"] is False
        with pytest.raises(AnswerError, match="'other' is not allowed here"):
            checked_answer(plain, {"selected": [], "other": True, "other_text": "Floods"})

    def test_answer_error_is_a_value_error(self):
        assert issubclass(AnswerError, ValueError)


class TestIsAnswered:
    @pytest.mark.parametrize(
        ("target", "value", "answered"),
        [
            (TEXT, "", False),
            (TEXT, "  \n ", False),
            (TEXT, "Orders fell", True),
            (NOTE, None, False),
            (NOTE, "Notes", True),
            (SCALE, None, False),
            (SCALE, 1, True),
            (MULTI, {"selected": [], "other": False, "other_text": ""}, False),
            (MULTI, {"selected": [], "other": False, "other_text": "stray"}, False),
            (MULTI, {"selected": ["sick"], "other": False, "other_text": ""}, True),
            (MULTI, {"selected": [], "other": True, "other_text": ""}, True),
            (IDENT, {"organisation": "", "representative": " "}, False),
            (IDENT, {"organisation": "", "representative": "Malee"}, True),
        ],
    )
    def test_each_kind(self, target: Item, value, answered: bool):
        assert is_answered(target, value) is answered

    @pytest.mark.parametrize("target", [TEXT, NOTE, SCALE, MULTI, IDENT])
    def test_the_empty_answer_is_valid_and_not_given(self, target: Item):
        empty = empty_answer(target)
        assert checked_answer(target, empty) == empty
        assert not is_answered(target, empty)
        assert answer_text(target, empty) == ""


class TestAnswerProblems:
    def test_other_ticked_without_text(self):
        value = {"selected": ["sick"], "other": True, "other_text": "  "}
        assert answer_problems(MULTI, value) == [
            "“Other” is ticked: write what it is, or untick it."
        ]
        assert answer_problems(MULTI, {**value, "other_text": "Floods"}) == []

    def test_identification_names_each_empty_field(self):
        assert answer_problems(IDENT, {"organisation": "Golden Lotus", "representative": ""}) == [
            "Representative Name is empty."
        ]
        assert answer_problems(IDENT, {"organisation": " ", "representative": ""}) == [
            "Organization Name is empty.",
            "Representative Name is empty.",
        ]

    @pytest.mark.parametrize(("target", "value"), [(TEXT, ""), (SCALE, 3), (SCALE, None)])
    def test_other_kinds_have_none(self, target: Item, value):
        assert answer_problems(target, value) == []


class TestAnswerText:
    @pytest.mark.parametrize(
        ("target", "value", "text"),
        [
            (TEXT, "  Orders fell.\n", "Orders fell."),
            (SCALE, 1, "1 (Not at all)"),
            (SCALE, 10, "10 (Total disruption)"),
            (SCALE, 6, "6"),
            (
                MULTI,
                {"selected": ["travel_restrictions", "dependent_care"], "other": False},
                "Travel restrictions; Dependent Care",
            ),
            (
                MULTI,
                {"selected": ["sick"], "other": True, "other_text": " Floods "},
                "Sick; Other: Floods",
            ),
            (MULTI, {"selected": [], "other": True, "other_text": ""}, "Other"),
            (
                IDENT,
                {"organisation": " Golden Lotus ", "representative": "Malee K."},
                "Organization Name: Golden Lotus; Representative Name: Malee K.",
            ),
            (
                IDENT,
                {"organisation": "", "representative": "Malee K."},
                "Representative Name: Malee K.",
            ),
            (
                IDENT,
                {"organisation": "Golden Lotus", "representative": "   "},
                "Organization Name: Golden Lotus",
            ),
        ],
    )
    def test_formats(self, target: Item, value, text: str):
        assert answer_text(target, value) == text
