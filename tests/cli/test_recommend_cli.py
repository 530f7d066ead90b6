"""``ctip recommend``: readiness and recommendations with their reasons, as text or JSON."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ctip_desktop.cli import main
from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.recommend import builtin_rulebook
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
LOTUS = "Golden Lotus Seafood Co., Ltd."
QUIET = "Quiet Trading Ltd."
WORKFORCE = "Workers are in debt to the brokers who found them the job."

EXAMPLE_2_ANSWERS: dict[str, Any] = {
    "general_notes": "Keen on a joint pilot; asked for a concept note.",
    "supply_chain_effect": 8,
    "hindering_factors": {"selected": ["travel_restrictions", "sick"]},
    "business_effects": {"selected": ["supplier_disruptions", "reduced_workforce"]},
    "recovering_needs": {"selected": ["labor"]},
    "migrant_exploitation_risk": 9,
    "continuity_plan": 6,
    "openness_private_sector": 8,
    "openness_cso_donors": 9,
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
class Outreach:
    path: Path
    lotus: str
    quiet: str
    example2: str
    example1: str


@pytest.fixture
def outreach(tmp_path: Path, settings: Settings) -> Outreach:
    path = tmp_path / "outreach.db"
    workspace = open_workspace(path, settings)
    lotus = workspace.profiles.save(
        Organisation(
            name=LOTUS, sectors=["Fishing and seafood"], supply_chain_role="Supplier / factory"
        )
    )
    quiet = workspace.profiles.save(Organisation(name=QUIET))
    store = workspace.interviews
    shipped = builtin_questionnaires()
    example2 = store.start(
        lotus,
        shipped.latest(EXAMPLE_2),
        InterviewDetails(started_at="2026-03-02T10:30"),
        interviewer="Dara Test",
    )
    for item_id, value in EXAMPLE_2_ANSWERS.items():
        store.save_answer(example2, item_id, value)
    store.complete(example2)
    example1 = store.start(
        lotus,
        shipped.latest(EXAMPLE_1),
        InterviewDetails(started_at="2026-01-20T09:00"),
        interviewer="Dara Test",
    )
    store.save_answer(example1, "pressing_workforce_issue", WORKFORCE)
    store.complete(example1)
    draft = store.start(
        quiet,
        shipped.latest(EXAMPLE_2),
        InterviewDetails(started_at="2026-04-01T09:00"),
        interviewer="Dara Test",
    )
    store.save_answer(draft, "supply_chain_effect", 10)
    workspace.close()
    return Outreach(path, lotus, quiet, example2, example1)


class TestText:
    def test_readiness_and_each_recommendation_with_its_reasons(self, outreach, capsys):
        result = run(capsys, "recommend", "--db", str(outreach.path), "--org", outreach.lotus)
        assert result.code == 0, result.err
        lines = result.out.splitlines()
        assert lines[0] == f"{LOTUS}  ({outreach.lotus})"
        assert lines[1].startswith("Based on: ")
        assert outreach.example1 in lines[1] and outreach.example2 in lines[1]
        assert lines[2] == (
            "Readiness: Engage now: need 8.5 of 10 (supply-chain disruption 8, migrant worker "
            "exposure 9), openness 8.5 of 10 (with companies 8, with CSOs and donors 9), "
            "2 resource(s) offered (Convening power; Other: Training venue)."
        )
        numbered = [line for line in lines if line[:1].isdigit()]
        count = int(result.err.split()[0])
        assert len(numbered) == count >= 8
        assert result.err.strip() == f"{count} recommendation(s)"
        assert numbered[0].startswith("1. ") and "[priority high, confidence high]" in numbered[0]
        rulebook = builtin_rulebook()
        assert f"1. {rulebook.rule('supplier_platform').title}  [priority high" in result.out
        assert "Category 1: When suppliers struggle, workers pay the price" in result.out
        assert "Role: Cross-sector facilitators and supply chain conveners" in result.out

    def test_the_reasons_quote_the_answers_and_their_interview(self, outreach, capsys):
        result = run(capsys, "recommend", "--db", str(outreach.path), "--org", outreach.lotus)
        screening = result.out.split(builtin_rulebook().rule("recruitment_screening").title)[1]
        block = screening.split("\n\n")[0]
        assert (
            "Example #1, question 2 (What is the most pressing issue in relation to your labor "
            "workforce and participation?): mentions “broker”, “debt” — interview of 2026-01-20"
        ) in block
        assert f"answer: “{WORKFORCE}”" in block
        assert "Next steps:" in block and "Examples and resources:" in block
        assert "Verité Fair Hiring Toolkit" in block

    def test_an_organisation_without_completed_interviews(self, outreach, capsys):
        result = run(capsys, "recommend", "--db", str(outreach.path), "--org", outreach.quiet)
        assert result.code == 0, result.err
        assert "Based on: the profile only (no completed interview)" in result.out
        assert (
            "Readiness: Not enough answers: no completed Example #2 interview "
            "(1 draft(s) not yet completed)."
        ) in result.out
        assert result.err.strip() == "0 recommendation(s)"


class TestJson:
    def test_everything_as_json(self, outreach, capsys):
        result = run(
            capsys, "recommend", "--db", str(outreach.path), "--org", outreach.lotus, "--json"
        )
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert (data["org_id"], data["org_name"]) == (outreach.lotus, LOTUS)
        assert data["rules_version"] == builtin_rulebook().version
        readiness = data["readiness"]
        assert (readiness["tier"], readiness["need"], readiness["openness"]) == (
            "engage_now",
            8.5,
            8.5,
        )
        assert readiness["resources"] == 2
        facts = data["facts"]
        assert facts["example2"]["id"] == outreach.example2
        assert facts["values"]["scale.migrant_exploitation_risk"]["value"] == 9
        assert facts["values"]["selected.hindering_factors"]["value"] == [
            "sick",
            "travel_restrictions",
        ]
        assert [s["item_id"] for s in facts["series"]][:2] == [
            "supply_chain_effect",
            "migrant_exploitation_risk",
        ]
        by_rule = {r["rule_id"]: r for r in data["recommendations"]}
        screening = by_rule["recruitment_screening"]
        assert screening["category"]["id"] == "build_back"
        assert screening["opportunity"]["title"] == (
            "Develop New Tools and Processes to Ensure Ethical Recruitment"
        )
        assert {r["id"] for r in screening["roles"]} == {
            "subject_matter_expert",
            "innovation_champion",
        }
        (reason,) = screening["reasons"]
        assert reason["answer"] == WORKFORCE
        assert reason["interview_id"] == outreach.example1
        assert reason["item_number"] == "2"
        assert screening["examples"][0]["name"] == "Verité Fair Hiring Toolkit"
        assert screening["next_steps"]
        assert data["contradictions"] == []

    def test_an_organisation_without_interviews_gives_empty_advice(self, outreach, capsys):
        result = run(
            capsys, "recommend", "--db", str(outreach.path), "--org", outreach.quiet, "--json"
        )
        data = json.loads(result.out)
        assert data["recommendations"] == []
        assert data["readiness"]["tier"] == "unknown"
        assert data["readiness"]["need"] is None
        assert data["facts"]["drafts_ignored"] == 1


class TestRefusals:
    @pytest.mark.parametrize("json_option", [[], ["--json"]], ids=["text", "json"])
    def test_an_unknown_organisation_is_one_line_and_exit_one(self, outreach, capsys, json_option):
        before = file_state(outreach.path)
        result = run(
            capsys, "recommend", "--db", str(outreach.path), "--org", "no-such-id", *json_option
        )
        assert result.code == 1
        assert_one_line_error(result.err, "no-such-id", "organisation")
        assert result.out == ""
        assert file_state(outreach.path) == before

    def test_a_deleted_organisation_is_unknown(self, outreach, capsys, settings: Settings):
        workspace = open_workspace(outreach.path, settings)
        workspace.profiles.delete(outreach.quiet)
        workspace.close()
        result = run(capsys, "recommend", "--db", str(outreach.path), "--org", outreach.quiet)
        assert result.code == 1
        assert_one_line_error(result.err, outreach.quiet)

    def test_a_missing_file_is_reported_and_not_created(self, tmp_path: Path, capsys):
        path = tmp_path / "missing.db"
        result = run(capsys, "recommend", "--db", str(path), "--org", "x")
        assert result.code == 1
        assert_one_line_error(result.err)
        assert not path.exists()

    def test_the_organisation_is_required(self, outreach, capsys):
        with pytest.raises(SystemExit) as exit_info:
            main(["recommend", "--db", str(outreach.path)])
        assert exit_info.value.code == 2
        assert "--org" in capsys.readouterr().err
