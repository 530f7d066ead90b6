"""``ctip interviews`` and ``ctip questionnaire``: listing interviews, checking questionnaires."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ctip_desktop.cli import main
from ctip_desktop.interviews import APPROVED, InterviewDetails
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.questionnaires import answer_text, builtin_questionnaires
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = ROOT / "ctip_desktop" / "questionnaires" / "definitions"
TRANSLATIONS = ROOT / "ctip_desktop" / "questionnaires" / "translations"
EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
LOTUS = "Golden Lotus Seafood Co., Ltd."
MEKONG = "Mekong Garment Factory"
SUGAR = "Siam Sugar Mill"

# Every item of Example #2, answered as an interviewer would (before the store normalises it).
EXAMPLE_2_ANSWERS: dict[str, Any] = {
    "identification": {"organisation": LOTUS, "representative": "Malee K."},
    "general_notes": "พบผู้จัดการฝ่ายบุคคล. Orders down a third; 40% of workers are migrants.",
    "supply_chain_effect": 8,
    "hindering_factors": {
        "selected": ["government_policies", "travel_restrictions"],  # not in the file's order
        "other": True,
        "other_text": "Expired work permits",
    },
    "business_effects": {"selected": ["reduced_workforce"], "other": False, "other_text": ""},
    "recovering_needs": {"selected": ["loans_financing", "labor"]},
    "migrant_exploitation_risk": 7,
    "continuity_plan": 5,
    "openness_private_sector": 9,
    "openness_cso_donors": 10,
    "partnership_resources": {
        "selected": ["convening_power"],
        "other": True,
        "other_text": "Training venue",
    },
}


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def assert_one_line_error(err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ctip: "), err
    assert "Traceback" not in err and "unexpected error" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def file_state(path: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and the names of the files beside it (a new -wal would show)."""
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@dataclass
class Conducted:
    path: Path
    orgs: dict[str, str]  # name -> id
    contacts: dict[str, str]  # name -> id
    completed: str  # Example #2 on Golden Lotus, every item answered, approved
    draft: str  # Example #1 on Mekong, two items answered
    older: str  # Example #1 on Golden Lotus, completed, one item answered


@pytest.fixture
def conducted(tmp_path: Path, settings: Settings) -> Conducted:
    """Three interviews conducted through workspace.interviews, as the window conducts them."""
    path = tmp_path / "outreach.db"
    workspace = open_workspace(path, settings)
    orgs = {
        LOTUS: workspace.profiles.save(
            Organisation(
                name=LOTUS,
                stage="Contacted",
                contacts=[
                    Contact(name="Somchai P.", role="Driver"),
                    Contact(name="Malee K.", role="HR Manager", primary=True),
                ],
            )
        ),
        MEKONG: workspace.profiles.save(
            Organisation(name=MEKONG, contacts=[Contact(name="Sokha L.", primary=True)])
        ),
        SUGAR: workspace.profiles.save(Organisation(name=SUGAR)),
    }
    contacts = dict(workspace.db.execute("SELECT name, id FROM contact").fetchall())
    store = workspace.interviews
    shipped = builtin_questionnaires()

    completed = store.start(
        orgs[LOTUS],
        shipped.latest(EXAMPLE_2),
        InterviewDetails(
            started_at="2026-03-02T10:30",
            mode="in person",
            place="Processing plant, Samut Sakhon",
            language="Thai and English",
            contact_ids=[contacts["Malee K."], contacts["Somchai P."]],
            notes="Recorded with consent.",
        ),
        interviewer="Dara Test",
    )
    for item_id, value in EXAMPLE_2_ANSWERS.items():
        store.save_answer(completed, item_id, value)
    store.complete(completed)
    store.review(completed, APPROVED, "Clear and complete.")

    draft = store.start(
        orgs[MEKONG],
        shipped.latest(EXAMPLE_1),
        InterviewDetails(started_at="2026-04-10T14:00", mode="video", place="Zoom"),
        interviewer="Dara Test",
    )
    store.save_answer(draft, "pressing_business_issue", "Cancelled orders from two brands.")
    store.save_answer(draft, "pressing_workforce_issue", "កម្មករជាច្រើនបានត្រឡប់ទៅស្រុកវិញ")

    older = store.start(
        orgs[LOTUS],
        shipped.latest(EXAMPLE_1),
        InterviewDetails(started_at="2025-11-20T09:00", mode="phone"),
        interviewer="Nok Field",
    )
    store.save_answer(older, "other_support", "Interpreters for audits.")
    store.complete(older)
    workspace.close()
    return Conducted(path, orgs, contacts, completed, draft, older)


def listed(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> list[dict[str, Any]]:
    result = run(capsys, "interviews", "--db", str(path), "--json", *options)
    assert result.code == 0, result.err
    return json.loads(result.out)


class TestInterviewsText:
    def test_one_line_each_newest_first_and_a_count_on_stderr(self, conducted, capsys):
        result = run(capsys, "interviews", "--db", str(conducted.path))
        assert result.code == 0, result.err
        lines = result.out.splitlines()
        assert [line.split("  ")[0] for line in lines] == [
            conducted.draft,
            conducted.completed,
            conducted.older,
        ]
        example_1 = builtin_questionnaires().latest(EXAMPLE_1).short_title
        example_2 = builtin_questionnaires().latest(EXAMPLE_2).short_title
        assert lines[0].split("  ")[1:] == [
            "2026-04-10 14:00",
            MEKONG,
            example_1,
            "draft",
            "-",
            "2/5",
        ]
        assert lines[1].split("  ")[1:] == [
            "2026-03-02 10:30",
            LOTUS,
            example_2,
            "completed",
            "Approved",
            "11/11",
        ]
        assert lines[2].endswith(f"{LOTUS}  {example_1}  completed  Not reviewed  1/5")
        assert result.err.strip() == "3 interview(s)"

    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            (["--status", "draft"], ["draft"]),
            (["--status", "completed"], ["completed", "older"]),
            (["--questionnaire", EXAMPLE_1], ["draft", "older"]),
            (["--questionnaire", EXAMPLE_2, "--status", "draft"], []),
        ],
    )
    def test_filters(self, conducted, capsys, options, expected):
        result = run(capsys, "interviews", "--db", str(conducted.path), *options)
        assert result.code == 0, result.err
        ids = [line.split("  ")[0] for line in result.out.splitlines()]
        assert ids == [getattr(conducted, name) for name in expected]
        assert result.err.strip() == f"{len(expected)} interview(s)"


class TestInterviewsJson:
    def test_every_field_of_the_interview(self, conducted, capsys):
        record = next(r for r in listed(capsys, conducted.path) if r["id"] == conducted.completed)
        assert record["org_id"] == conducted.orgs[LOTUS]
        assert record["org_name"] == LOTUS
        assert (record["questionnaire_id"], record["questionnaire_version"]) == (EXAMPLE_2, 1)
        assert record["questionnaire_title"].startswith("Example #2")
        assert record["interviewer"] == "Dara Test"
        assert record["details"] == {
            "started_at": "2026-03-02T10:30",
            "mode": "in person",
            "place": "Processing plant, Samut Sakhon",
            "language": "Thai and English",
            "contact_ids": [conducted.contacts["Malee K."], conducted.contacts["Somchai P."]],
            "notes": "Recorded with consent.",
        }
        assert record["status"] == "completed"
        assert record["position"] == ""
        assert record["completed_at"].endswith("Z")
        assert record["review_state"] == "approved"
        assert record["review_comment"] == "Clear and complete."
        assert record["reviewed_by"] == "Dara Test"
        assert record["reviewed_at"] >= record["completed_at"]
        assert record["created_at"] and record["updated_at"] and record["created_device"]
        assert (record["answered"], record["items"]) == (11, 11)

    def test_every_answer_in_questionnaire_order_with_its_values(self, conducted, capsys):
        record = next(r for r in listed(capsys, conducted.path) if r["id"] == conducted.completed)
        questionnaire = builtin_questionnaires().latest(EXAMPLE_2)
        answers = record["answers"]
        assert [a["item_id"] for a in answers] == [i.id for i in questionnaire.items]
        expected = dict(EXAMPLE_2_ANSWERS)
        # Stored in normal form: the questionnaire's option order, every key present.
        expected["hindering_factors"] = {
            "selected": ["travel_restrictions", "government_policies"],
            "other": True,
            "other_text": "Expired work permits",
        }
        expected["recovering_needs"] = {
            "selected": ["loans_financing", "labor"],
            "other": False,
            "other_text": "",
        }
        for answer, item in zip(answers, questionnaire.items, strict=True):
            assert answer["number"] == item.number
            assert answer["text"] == item.text
            assert answer["kind"] == item.kind
            assert answer["value"] == expected[item.id], item.id
            assert answer["text_value"] == answer_text(item, expected[item.id])
            assert answer["answered"] is True
            assert answer["first_at"] and answer["first_at"] <= answer["last_at"]
        by_id = {a["item_id"]: a for a in answers}
        assert by_id["supply_chain_effect"]["text_value"] == "8"
        assert by_id["openness_cso_donors"]["text_value"] == "10 (Actively exploring)"
        assert by_id["hindering_factors"]["text_value"] == (
            "Travel restrictions; Government Policies; Other: Expired work permits"
        )
        assert by_id["general_notes"]["value"].startswith("พบผู้จัดการฝ่ายบุคคล")

    def test_unanswered_items_are_listed_empty(self, conducted, capsys):
        record = next(r for r in listed(capsys, conducted.path) if r["id"] == conducted.draft)
        assert record["status"] == "draft"
        assert record["completed_at"] == "" and record["review_state"] == ""
        assert (record["answered"], record["items"]) == (2, 5)
        values = {a["item_id"]: a["value"] for a in record["answers"]}
        assert values == {
            "pressing_business_issue": "Cancelled orders from two brands.",
            "pressing_workforce_issue": "កម្មករជាច្រើនបានត្រឡប់ទៅស្រុកវិញ",
            "shifting_priorities": None,
            "useful_desk_research": None,
            "other_support": None,
        }
        empty = [a for a in record["answers"] if a["value"] is None]
        assert all(a["text_value"] == "" and a["first_at"] == "" for a in empty)
        assert all(a["answered"] is False for a in empty)

    def test_an_organisation_s_interviews(self, conducted, capsys):
        ids = [r["id"] for r in listed(capsys, conducted.path, "--org", conducted.orgs[LOTUS])]
        assert ids == [conducted.completed, conducted.older]
        assert listed(capsys, conducted.path, "--org", conducted.orgs[SUGAR]) == []

    def test_a_correction_shows_in_the_values(self, conducted, capsys, settings: Settings):
        workspace = open_workspace(conducted.path, settings)
        workspace.interviews.correct(
            conducted.completed, "Score confirmed by email.", {"supply_chain_effect": 6}
        )
        workspace.close()
        record = next(r for r in listed(capsys, conducted.path) if r["id"] == conducted.completed)
        answer = next(a for a in record["answers"] if a["item_id"] == "supply_chain_effect")
        assert answer["value"] == 6
        assert answer["first_at"] < answer["last_at"]
        assert record["review_state"] == "edited"

    def test_an_empty_database_lists_nothing(self, tmp_path: Path, capsys):
        path = tmp_path / "empty.db"
        assert main(["init", "--db", str(path)]) == 0
        assert listed(capsys, path) == []


class TestInterviewsRefusals:
    @pytest.mark.parametrize("json_option", [[], ["--json"]], ids=["text", "json"])
    def test_an_unknown_organisation_is_one_line_and_exit_one(self, conducted, capsys, json_option):
        before = file_state(conducted.path)
        result = run(
            capsys, "interviews", "--db", str(conducted.path), "--org", "no-such-id", *json_option
        )
        assert result.code == 1
        assert_one_line_error(result.err, "no-such-id", "organisation")
        assert result.out == ""
        assert file_state(conducted.path) == before

    def test_a_deleted_organisation_is_unknown(self, conducted, capsys, settings: Settings):
        workspace = open_workspace(conducted.path, settings)
        workspace.profiles.delete(conducted.orgs[SUGAR])
        workspace.close()
        result = run(
            capsys, "interviews", "--db", str(conducted.path), "--org", conducted.orgs[SUGAR]
        )
        assert result.code == 1
        assert_one_line_error(result.err, conducted.orgs[SUGAR])

    def test_an_unknown_questionnaire_names_the_known_ones(self, conducted, capsys):
        result = run(
            capsys, "interviews", "--db", str(conducted.path), "--questionnaire", "example-3"
        )
        assert result.code == 1
        assert_one_line_error(result.err, "example-3", EXAMPLE_1, EXAMPLE_2)

    def test_an_unknown_status_is_refused_by_the_parser(self, conducted, capsys):
        with pytest.raises(SystemExit) as exit_info:
            main(["interviews", "--db", str(conducted.path), "--status", "reviewed"])
        assert exit_info.value.code == 2
        assert "invalid choice" in capsys.readouterr().err

    @pytest.mark.parametrize("json_option", [[], ["--json"]], ids=["text", "json"])
    def test_a_missing_file_is_reported_and_not_created(self, tmp_path: Path, capsys, json_option):
        path = tmp_path / "nowhere" / "missing.db"
        result = run(capsys, "interviews", "--db", str(path), *json_option)
        assert result.code == 1
        assert_one_line_error(result.err, "There is no database", str(path))
        assert result.out == ""
        assert not path.parent.exists()

    def test_a_foreign_file_is_left_byte_for_byte(self, tmp_path: Path, capsys):
        path = tmp_path / "songs.db"
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.commit()
        connection.close()
        before = file_state(path)
        result = run(capsys, "interviews", "--db", str(path), "--json")
        assert result.code == 1
        assert_one_line_error(result.err, "songs.db")
        assert file_state(path) == before


class TestQuestionnaireCheck:
    @pytest.mark.parametrize("path", sorted(DEFINITIONS.glob("*.json")), ids=lambda path: path.name)
    def test_the_shipped_files_are_ok(self, capsys, path: Path):
        result = run(capsys, "questionnaire", "check", str(path))
        assert result.code == 0, result.err
        questionnaire = next(
            q for q in builtin_questionnaires().current() if path.name.startswith(q.id)
        )
        assert result.out == (
            f"{path}: ok — {questionnaire.title} v{questionnaire.version}, "
            f"{len(questionnaire.items)} items\n"
        )
        assert result.err == ""

    def test_there_are_two_shipped_files(self):
        assert len(list(DEFINITIONS.glob("*.json"))) == 2

    @pytest.mark.parametrize(
        ("change", "fragments"),
        [
            (lambda d: d["items"][2].update(kind="slider"), ["items[2]", "'slider'"]),
            (lambda d: d["items"][3].update(colour="red"), ["items[3]", "'colour'"]),
            (lambda d: d["items"][4].update(id=d["items"][3]["id"]), ["used twice"]),
            (lambda d: d.update(version=0), ["'version'"]),
            (lambda d: d["items"][2]["anchors"].pop("10"), ["items[2]", "10"]),
            (lambda d: d.pop("items"), ["'items'"]),
            (lambda d: d.update(on_complete={"stage": "Signed"}), ["'Signed'"]),
        ],
        ids=[
            "unknown kind",
            "unknown key",
            "duplicate id",
            "version 0",
            "missing anchor",
            "no items",
            "unknown stage",
        ],
    )
    def test_a_broken_file_is_one_line_naming_the_problem(
        self, tmp_path: Path, capsys, change, fragments
    ):
        data = json.loads((DEFINITIONS / "pse-outreach-example-2.v1.json").read_text("utf-8"))
        change(data)
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        result = run(capsys, "questionnaire", "check", str(path))
        assert result.code == 1
        assert result.out == ""
        assert_one_line_error(result.err, "broken.json", *fragments)

    @pytest.mark.parametrize(
        ("content", "fragments"),
        [
            (b'{"format": 1, "id": "x",', ["not valid JSON", "line 1"]),
            (b"", ["not valid JSON"]),
            ('{"title": "แบบสอบถาม"}'.encode("cp874"), ["not UTF-8", "UTF-8"]),
            (b"\xff\xfe{\x00}\x00", ["not UTF-8"]),
            (b'{"format": 1, "format": 1}', ["'format'", "twice"]),
            (b"[1, 2]", ["should be an object"]),
        ],
        ids=["truncated", "empty", "Thai in cp874", "UTF-16", "repeated key", "a list"],
    )
    def test_a_file_that_is_not_a_questionnaire(self, tmp_path: Path, capsys, content, fragments):
        path = tmp_path / "form.json"
        path.write_bytes(content)
        result = run(capsys, "questionnaire", "check", str(path))
        assert result.code == 1
        assert result.out == ""
        assert_one_line_error(result.err, "form.json", *fragments)

    def test_a_missing_file_or_a_folder(self, tmp_path: Path, capsys):
        for path in (tmp_path / "missing.json", tmp_path):
            result = run(capsys, "questionnaire", "check", str(path))
            assert result.code == 1
            assert_one_line_error(result.err, "cannot be read")

    @pytest.mark.parametrize("path", sorted(TRANSLATIONS.glob("*.json")), ids=lambda p: p.name)
    def test_a_shipped_translation_is_ok(self, capsys, path: Path):
        result = run(capsys, "questionnaire", "check", str(path))
        assert result.code == 0, result.err
        data = json.loads(path.read_text("utf-8"))
        assert result.out.startswith(
            f"{path}: ok — {data['language_name_english']} ({data['language']}) translation of "
            f"{data['questionnaire']} v1, "
        )
        assert result.out.endswith(" texts translated, not yet reviewed\n")

    def test_a_broken_translation_is_one_line_naming_the_problem(self, tmp_path: Path, capsys):
        data = json.loads((TRANSLATIONS / "pse-outreach-example-2.v1.vi.json").read_text("utf-8"))
        data["items"]["recovering_needs"]["options"]["housing"] = "Nhà ở"
        path = tmp_path / "team.vi.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        result = run(capsys, "questionnaire", "check", str(path))
        assert result.code == 1
        assert result.out == ""
        assert_one_line_error(result.err, "team.vi.json", "items.recovering_needs", "'housing'")

    def test_a_multiline_message_stays_on_one_line(self, tmp_path: Path, capsys):
        data = json.loads((DEFINITIONS / "pse-outreach-example-1.v1.json").read_text("utf-8"))
        data["items"][0]["kind"] = "free\ntext"
        path = tmp_path / "newline.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = run(capsys, "questionnaire", "check", str(path))
        assert result.code == 1
        assert_one_line_error(result.err, "newline.json", "items[0]")


class TestQuestionnaireList:
    def test_text(self, capsys):
        result = run(capsys, "questionnaire", "list")
        assert result.code == 0, result.err
        lines = result.out.splitlines()
        assert [line.split("  ")[:3] for line in lines] == [
            [EXAMPLE_1, "v1", "5 items"],
            [EXAMPLE_2, "v1", "11 items"],
        ]

    def test_json(self, capsys):
        result = run(capsys, "questionnaire", "list", "--json")
        assert result.code == 0, result.err
        listing = json.loads(result.out)
        assert [(q["id"], q["version"], q["items"]) for q in listing] == [
            (EXAMPLE_1, 1, 5),
            (EXAMPLE_2, 1, 11),
        ]
        assert [q["completes_stage"] for q in listing] == ["", "Interviewed"]
