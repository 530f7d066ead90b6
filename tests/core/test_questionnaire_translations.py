"""Questionnaire translations: the strict loader, fallback to English, the shipped languages,
files a team adds, and the interview record keeping the language its questions were read in."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ctip_desktop.interviews import InterviewDetails, InterviewError
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.questionnaires import (
    QuestionnaireError,
    builtin_questionnaires,
    load_translation,
    load_translations,
    user_translations_dir,
)
from ctip_desktop.questionnaires.translations import (
    LANGUAGE_CODE,
    check_questionnaire_file,
    shipped_translations,
)
from ctip_desktop.settings import Settings
from ctip_desktop.sync import export_for_sync, inspect_incoming, merge
from ctip_desktop.workspace import Workspace, open_workspace

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
SHIPPED = Path(__file__).parents[2] / "ctip_desktop/questionnaires/translations"
SHIPPED_LANGUAGES = {"th", "km", "vi"}


def example_2() -> Any:
    return builtin_questionnaires().get(EXAMPLE_2, 1)


def thai_example_2() -> dict[str, Any]:
    return json.loads((SHIPPED / f"{EXAMPLE_2}.v1.th.json").read_text("utf-8"))


def refusal(data: Any, tmp_path: Path, name: str = "broken.th.json") -> str:
    """The loader's one-line message for a translation file holding ``data``."""
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, "utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_translation(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    return message


# ----- the shipped translations -----------------------------------------------------------


def test_both_questionnaires_ship_in_thai_khmer_and_vietnamese():
    shipped = {(t.questionnaire_id, t.language) for t in shipped_translations()}
    for questionnaire_id in (EXAMPLE_1, EXAMPLE_2):
        assert {code for qid, code in shipped if qid == questionnaire_id} == SHIPPED_LANGUAGES


def test_shipped_translations_are_marked_not_yet_reviewed():
    # Nobody who reads Thai, Khmer or Vietnamese natively has checked them yet.
    assert [t.reviewed for t in shipped_translations()] == [False] * 6


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.json")), ids=lambda p: p.name)
def test_a_shipped_translation_keeps_the_structure_and_translates_every_text(path: Path):
    translation = load_translation(path)
    assert path.name == (
        f"{translation.questionnaire_id}.v{translation.version}.{translation.language}.json"
    )
    english = builtin_questionnaires().get(translation.questionnaire_id, translation.version)
    translated = english.translated(translation)
    assert translated.language == translation.language
    assert translated.key == english.key and translated.definition == english.definition
    assert translation.missing(english) == []
    assert translation.completeness(english)[0] == translation.completeness(english)[1]
    assert translated.title != english.title and translated.short_title != english.short_title
    assert len(translated.items) == len(english.items)
    for mine, theirs in zip(translated.items, english.items, strict=True):
        assert (mine.id, mine.number, mine.kind) == (theirs.id, theirs.number, theirs.kind)
        assert (mine.minimum, mine.maximum) == (theirs.minimum, theirs.maximum)
        assert [p for p, _ in mine.anchors] == [p for p, _ in theirs.anchors]
        assert [o.id for o in mine.options] == [o.id for o in theirs.options]
        assert [(f.id, f.fill_from) for f in mine.fields] == [
            (f.id, f.fill_from) for f in theirs.fields
        ]
        assert mine.has_other == theirs.has_other
        # Every label a person reads differs from the English (a text left in English would
        # be a gap the file does not admit to).
        labels = [mine.text, *(o.label for o in mine.options), *(t for _, t in mine.anchors)]
        english_labels = [theirs.text, *(o.label for o in theirs.options)]
        english_labels += [t for _, t in theirs.anchors]
        assert all(a != b for a, b in zip(labels, english_labels, strict=True))
        assert all(f.label not in {g.label for g in theirs.fields} for f in mine.fields)


@pytest.mark.parametrize(
    "language, letters",
    [("th", (0x0E00, 0x0E7F)), ("km", (0x1780, 0x17FF)), ("vi", (0x0041, 0x1EFF))],
)
def test_each_language_is_written_in_its_own_script(language: str, letters: tuple[int, int]):
    english = example_2()
    translated = english.translated(next(
        t for t in shipped_translations()
        if (t.questionnaire_id, t.language) == (EXAMPLE_2, language)
    ))  # fmt: skip
    for item in translated.items:
        first, last = letters
        assert any(first <= ord(c) <= last for c in item.text), item.text
    if language == "vi":
        # Vietnamese in Latin letters: its tone marks are the evidence (ố, ạ, ư ...).
        assert any(0x1EA0 <= ord(c) <= 0x1EF9 for c in translated.items[0].text)


def test_check_describes_a_translation_and_a_questionnaire():
    line = check_questionnaire_file(SHIPPED / f"{EXAMPLE_2}.v1.km.json")
    assert line == (
        "Khmer (km) translation of pse-outreach-example-2 v1, 46 of 46 texts translated, "
        "not yet reviewed"
    )
    definitions = SHIPPED.parent / "definitions"
    assert check_questionnaire_file(definitions / f"{EXAMPLE_1}.v1.json").endswith("5 items")


# ----- fallback ---------------------------------------------------------------------------


def test_what_a_translation_leaves_out_stays_in_english_and_is_reported(tmp_path: Path):
    data = thai_example_2()
    del data["summary"]
    del data["items"]["hindering_factors"]["options"]["sick"]
    del data["items"]["supply_chain_effect"]["anchors"]["10"]
    del data["items"]["general_notes"]
    path = tmp_path / "partial.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    translation = load_translation(path)
    english = example_2()
    translated = english.translated(translation)
    assert translated.summary == english.summary
    assert translated.item("general_notes").text == "General Notes"
    assert translated.item("hindering_factors").option_label("sick") == "Sick"
    assert translated.item("hindering_factors").option_label("grants") == "grants"  # not its own
    assert translated.item("hindering_factors").option_label("travel_restrictions") == (
        "ข้อจำกัดในการเดินทาง"
    )
    assert translated.item("supply_chain_effect").anchor(10) == "Total disruption"
    assert translated.item("supply_chain_effect").anchor(1) == "ไม่กระทบเลย"
    assert translation.missing(english) == [
        "summary",
        "items.general_notes.text",
        "items.supply_chain_effect.anchors.10",
        "items.hindering_factors.options.sick",
    ]
    assert translation.completeness(english) == (42, 46)
    assert check_questionnaire_file(path).endswith("42 of 46 texts translated, not yet reviewed")


def test_an_unknown_language_or_english_reads_the_questionnaire_as_it_is():
    translations = load_translations()
    english = example_2()
    assert translations.apply(english, "") is english
    assert translations.apply(english, "my") is english  # no Burmese file on this laptop
    assert translations.apply(english, "th").item("general_notes").text == "บันทึกทั่วไป"


# ----- the strict loader: each refusal ----------------------------------------------------


def _edit(edit: Any) -> dict[str, Any]:
    data = copy.deepcopy(thai_example_2())
    edit(data)
    return data


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda d: d.update(colour="red"), "unknown key 'colour'"),
        (lambda d: d.pop("language"), "missing key 'language'"),
        (lambda d: d.pop("reviewed"), "missing key 'reviewed'"),
        (lambda d: d.update(reviewed="no"), "'reviewed' should be bool, not text"),
        (lambda d: d.update(format=2), "format 2 is not known"),
        (lambda d: d.update(version=2), "has no version 2 in this app (it has: 1)"),
        (lambda d: d.update(questionnaire="example-9"), "there is no questionnaire 'example-9'"),
        (lambda d: d.update(language="Thai"), "should be a BCP 47 code"),
        (lambda d: d.update(language="en"), "needs no translation"),
        (lambda d: d.update(title=""), "'title' is empty"),
        (lambda d: d.update(language_name=" "), "'language_name' is empty"),
        (
            lambda d: d["items"].update(migrant_risk={"text": "x"}),
            "unknown item 'migrant_risk' in 'items'",
        ),
        (
            lambda d: d["items"]["hindering_factors"]["options"].update(floods="น้ำท่วม"),
            "items.hindering_factors: unknown option 'floods' in 'options'",
        ),
        (
            lambda d: d["items"]["identification"]["fields"].update(phone="โทรศัพท์"),
            "items.identification: unknown field 'phone'",
        ),
        (
            lambda d: d["items"]["supply_chain_effect"]["anchors"].update({"5": "กลาง ๆ"}),
            "items.supply_chain_effect: unknown anchor '5'",
        ),
        (
            lambda d: d["items"]["supply_chain_effect"].update(options={"a": "b"}),
            "items.supply_chain_effect: unknown key 'options'",
        ),
        (
            lambda d: d["items"]["general_notes"].update(help="ช่วย"),
            "the English item has no help text",
        ),
        (
            lambda d: d["items"]["general_notes"].update(minimum=0),
            "items.general_notes: unknown key 'minimum'",
        ),
        (
            lambda d: d["items"]["general_notes"].update(text=""),
            "items.general_notes: 'text' is empty",
        ),
        (
            lambda d: d["items"]["hindering_factors"]["options"].update(sick=""),
            "'options' 'sick' should be a text that is not empty",
        ),
        (lambda d: d.update(items=[]), "'items' should be dict, not a list"),
    ],
)
def test_a_broken_translation_is_refused_naming_file_and_place(
    tmp_path: Path, edit: Any, words: str
):
    assert words in refusal(_edit(edit), tmp_path)


def test_a_duplicate_key_is_refused(tmp_path: Path):
    text = json.dumps(thai_example_2(), ensure_ascii=False)
    text = text.replace('"reviewed": false', '"reviewed": false, "reviewed": true')
    assert "the key 'reviewed' appears twice" in refusal(text, tmp_path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path):
    path = tmp_path / "legacy.th.json"
    path.write_bytes(json.dumps(thai_example_2(), ensure_ascii=False).encode("tis-620"))
    with pytest.raises(QuestionnaireError, match=r"^legacy.th.json: not UTF-8 text \(byte \d+\)"):
        load_translation(path)


def test_invalid_json_names_line_and_column(tmp_path: Path):
    assert "not valid JSON at line 1, column 2" in refusal("{,}", tmp_path)


@pytest.mark.parametrize("code", ["th", "km", "vi", "my", "zh-Hans", "pt-BR", "es-419"])
def test_language_codes_follow_bcp_47(code: str):
    assert LANGUAGE_CODE.match(code)


@pytest.mark.parametrize("code", ["TH", "thai", "th_TH", "zh-hans", "t", ""])
def test_other_language_codes_are_refused(code: str):
    assert not LANGUAGE_CODE.match(code)


# ----- a team adds a language without code ------------------------------------------------


def burmese_example_1() -> dict[str, Any]:
    return {
        "format": 1,
        "questionnaire": EXAMPLE_1,
        "version": 1,
        "language": "my",
        "language_name": "မြန်မာ",
        "language_name_english": "Burmese",
        "reviewed": True,
        "items": {"pressing_business_issue": {"text": "ယခု သင့်လုပ်ငန်းအတွက် အရေးအကြီးဆုံးပြဿနာက ဘာလဲ။"}},
    }


def test_a_translation_in_the_user_folder_is_picked_up(tmp_path: Path):
    folder = user_translations_dir()
    folder.mkdir(parents=True)
    assert [t.language for t in load_translations().languages(EXAMPLE_1, 1)] == ["km", "th", "vi"]
    (folder / "pse-outreach-example-1.v1.my.json").write_text(
        json.dumps(burmese_example_1(), ensure_ascii=False), "utf-8"
    )
    translations = load_translations()
    languages = translations.languages(EXAMPLE_1, 1)
    # Sorted by English name: Burmese, Khmer, Thai, Vietnamese.
    assert [t.language for t in languages] == ["my", "km", "th", "vi"]
    burmese = languages[0]
    assert burmese.in_user_folder and burmese.reviewed and translations.problems == []
    english = builtin_questionnaires().get(EXAMPLE_1, 1)
    read = translations.apply(english, "my")
    assert read.items[0].text.startswith("ယခု")
    assert read.items[1].text == english.items[1].text  # not translated: English
    assert burmese.completeness(english) == (1, 8)


def test_a_user_file_replaces_the_shipped_one_for_its_language(tmp_path: Path):
    data = thai_example_2()
    data["reviewed"] = True
    data["items"]["general_notes"]["text"] = "บันทึกทั่วไปของทีม"
    folder = user_translations_dir()
    folder.mkdir(parents=True)
    (folder / "our-thai.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    translation = load_translations().get(EXAMPLE_2, 1, "th")
    assert translation.reviewed and translation.source == "our-thai.json"
    assert example_2().translated(translation).item("general_notes").text == "บันทึกทั่วไปของทีม"


def test_a_broken_user_file_is_listed_and_the_others_still_load(tmp_path: Path):
    folder = user_translations_dir()
    folder.mkdir(parents=True)
    broken = burmese_example_1()
    broken["items"]["no_such_item"] = {"text": "?"}
    (folder / "broken.my.json").write_text(json.dumps(broken, ensure_ascii=False), "utf-8")
    translations = load_translations()
    assert len(translations.problems) == 1
    assert translations.problems[0].startswith("broken.my.json: ")
    assert "unknown item 'no_such_item'" in translations.problems[0]
    assert [t.language for t in translations.languages(EXAMPLE_1, 1)] == ["km", "th", "vi"]


# ----- the interview record keeps the language --------------------------------------------


@pytest.fixture
def workspace_with_org(tmp_path: Path) -> Iterator[tuple[Workspace, str]]:
    workspace = open_workspace(tmp_path / "w.db", Settings(device_id="a" * 32))
    org_id = workspace.profiles.save(
        Organisation(name="Golden Lotus Seafood", contacts=[Contact(name="Malee K.")])
    )
    yield workspace, org_id
    workspace.close()


def _details() -> InterviewDetails:
    return InterviewDetails(started_at="2026-03-02T10:00", language="Thai")


def test_an_interview_keeps_the_language_of_its_questions(workspace_with_org):
    workspace, org_id = workspace_with_org
    store = workspace.interviews
    interview_id = store.start(
        org_id, example_2(), _details(), interviewer="Dara", questionnaire_language="th"
    )
    interview = store.get(interview_id)
    assert interview.questionnaire_language == "th"
    asked = store.questionnaire_as_asked(interview)
    assert asked.item("general_notes").text == "บันทึกทั่วไป"
    assert store.questionnaire_of(interview).item("general_notes").text == "General Notes"
    # The answers are the same values in any language: option ids, not labels.
    store.save_answer(interview_id, "hindering_factors", {"selected": ["sick"]})
    assert store.get(interview_id).value("hindering_factors")["selected"] == ["sick"]
    row = workspace.db.execute(
        "SELECT questionnaire_language FROM interview WHERE id = ?", (interview_id,)
    ).fetchone()
    assert row == ("th",)


def test_english_is_the_default_and_writes_nothing(workspace_with_org):
    workspace, org_id = workspace_with_org
    interview_id = workspace.interviews.start(org_id, example_2(), _details(), interviewer="D")
    assert workspace.interviews.get(interview_id).questionnaire_language == ""
    fields = {c.field for c in workspace.log.changes_of(interview_id)}
    assert "questionnaire_language" not in fields


def test_a_draft_changes_language_a_completed_interview_does_not(workspace_with_org):
    workspace, org_id = workspace_with_org
    store = workspace.interviews
    interview_id = store.start(org_id, example_2(), _details(), interviewer="D")
    store.set_questionnaire_language(interview_id, "km")
    assert store.get(interview_id).questionnaire_language == "km"
    store.set_questionnaire_language(interview_id, "")
    assert store.get(interview_id).questionnaire_language == ""
    store.set_questionnaire_language(interview_id, "vi")
    store.complete(interview_id)
    with pytest.raises(InterviewError, match="stay in the language they were asked in"):
        store.set_questionnaire_language(interview_id, "th")
    assert store.get(interview_id).questionnaire_language == "vi"


def test_a_language_without_a_translation_is_refused_and_nothing_written(workspace_with_org):
    workspace, org_id = workspace_with_org
    store = workspace.interviews
    before = workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]
    with pytest.raises(InterviewError, match=r"no translation of .* into 'my'"):
        store.start(org_id, example_2(), _details(), interviewer="D", questionnaire_language="my")
    assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == before
    interview_id = store.start(org_id, example_2(), _details(), interviewer="D")
    with pytest.raises(InterviewError, match="no translation"):
        store.set_questionnaire_language(interview_id, "fr")
    assert store.get(interview_id).questionnaire_language == ""


def test_history_reads_the_questions_in_the_interviews_language(workspace_with_org):
    workspace, org_id = workspace_with_org
    store = workspace.interviews
    interview_id = store.start(
        org_id, example_2(), _details(), interviewer="D", questionnaire_language="th"
    )
    store.save_answer(interview_id, "supply_chain_effect", 3)
    store.complete(interview_id)
    store.correct(interview_id, "misheard", {"supply_chain_effect": 10})
    (entry,) = [e for e in store.history(interview_id) if e.kind == "answer"]
    assert entry.what.startswith("3. ระดับที่โควิด-19")
    assert (entry.old, entry.new) == ("3", "10 (หยุดชะงักทั้งหมด)")


# ----- merging ----------------------------------------------------------------------------


def test_the_language_travels_with_a_merge(tmp_path: Path, workspace_with_org):
    workspace, org_id = workspace_with_org
    interview_id = workspace.interviews.start(
        org_id, example_2(), _details(), interviewer="D", questionnaire_language="km"
    )
    path = export_for_sync(workspace, tmp_path / "stick", who="Dara")
    other = open_workspace(tmp_path / "other.db", Settings(device_id="b" * 32))
    try:
        with inspect_incoming(path) as incoming:
            merge(other, incoming)
        assert other.interviews.get(interview_id).questionnaire_language == "km"
    finally:
        other.close()


def test_a_file_from_before_languages_merges(tmp_path: Path, workspace_with_org):
    """Schema 6 (no language column): migrated in a copy, its interviews read in English."""
    workspace, org_id = workspace_with_org
    interview_id = workspace.interviews.start(org_id, example_2(), _details(), interviewer="D")
    path = export_for_sync(workspace, tmp_path / "stick", who="Dara")
    connection = sqlite3.connect(path)
    connection.execute("ALTER TABLE interview DROP COLUMN questionnaire_language")
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_questionnaire_language'")
    connection.execute("PRAGMA user_version = 6")
    connection.commit()
    connection.close()
    other = open_workspace(tmp_path / "other.db", Settings(device_id="b" * 32))
    try:
        with inspect_incoming(path) as incoming:
            assert incoming.migrated and incoming.schema_version == 6
            merge(other, incoming)
        interview = other.interviews.get(interview_id)
        assert interview is not None and interview.questionnaire_language == ""
    finally:
        other.close()
