"""``ctip pdf``: briefing packs, partner profiles and portfolio reports from the command line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ctip_desktop.cli import main
from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.recommend import recommend_for
from ctip_desktop.reports import export as export_module
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace

from tests.core.test_reports import every_text, leaks

EXAMPLE_2 = "pse-outreach-example-2"
LOTUS = "Golden Lotus Seafood Co., Ltd."
MEKONG = "Mekong / Garment: Factory"  # "/" and ":" cannot stand in a file name
EMAIL = "malee@goldenlotus.example"
DISMISS_REASON = "Their bank already offers this"
NOTE = "Dara knows the HR director"

EXAMPLE_2_ANSWERS: dict[str, Any] = {
    "supply_chain_effect": 8,
    "hindering_factors": {"selected": ["travel_restrictions", "sick"]},
    "business_effects": {"selected": ["supplier_disruptions", "reduced_workforce"]},
    "recovering_needs": {"selected": ["labor", "grants"]},
    "migrant_exploitation_risk": 9,
    "continuity_plan": 6,
    "openness_private_sector": 8,
    "openness_cso_donors": 9,
    "partnership_resources": {"selected": ["convening_power"]},
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


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


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
    mekong: str
    dismissed: str  # the title of Golden Lotus's dismissed recommendation
    accepted: str


@pytest.fixture
def outreach(tmp_path: Path, settings: Settings) -> Outreach:
    """Golden Lotus interviewed (Example #2), one recommendation accepted with a note and one
    dismissed; Mekong not interviewed yet."""
    path = tmp_path / "outreach.db"
    workspace = open_workspace(path, settings)
    lotus = workspace.profiles.save(
        Organisation(
            name=LOTUS,
            sectors=["Fishing and seafood"],
            contacts=[Contact(name="Malee K.", role="HR Manager", email=EMAIL, primary=True)],
        )
    )
    mekong = workspace.profiles.save(Organisation(name=MEKONG))
    store = workspace.interviews
    interview = store.start(
        lotus,
        builtin_questionnaires().latest(EXAMPLE_2),
        InterviewDetails(started_at="2026-03-02T10:30"),
        interviewer="Dara Test",
    )
    for item_id, value in EXAMPLE_2_ANSWERS.items():
        store.save_answer(interview, item_id, value)
    store.complete(interview)
    first, second = recommend_for(workspace, lotus).recommendations[:2]
    workspace.decisions.accept(
        lotus, first.rule_id, first.title, list(first.next_steps), owner="Dara"
    )
    workspace.decisions.annotate(lotus, first.rule_id, first.title, NOTE)
    workspace.decisions.dismiss(lotus, second.rule_id, second.title, DISMISS_REASON)
    workspace.close()
    return Outreach(path, lotus, mekong, second.title, first.title)


def pdf(capsys: pytest.CaptureFixture[str], outreach: Outreach, out: Path, *argv: str) -> Result:
    return run(capsys, "pdf", "--db", str(outreach.path), "--out", str(out), *argv)


class TestKinds:
    @pytest.mark.parametrize("kind", ["briefing", "profile"])
    def test_one_file_per_organisation(self, outreach, capsys, tmp_path, kind):
        out = tmp_path / "out"
        result = pdf(
            capsys, outreach, out, "--org", outreach.lotus, outreach.mekong, "--kind", kind
        )
        assert result.code == 0, result.err
        expected = [
            out / f"Golden Lotus Seafood Co., Ltd. - {kind} (internal).pdf",
            out / f"Mekong _ Garment_ Factory - {kind} (internal).pdf",
        ]
        assert result.out.splitlines() == [str(p) for p in expected]
        assert sorted(out.iterdir()) == sorted(expected)
        assert result.err.strip() == "Wrote 2 files."
        text = pdf_text(expected[0])
        assert outreach.accepted in text and "Engage now" in text
        assert "Audience: Internal" in text

    def test_briefing_internal_has_the_decisions(self, outreach, capsys, tmp_path):
        out = tmp_path / "out"
        result = pdf(capsys, outreach, out, "--org", outreach.lotus, "--kind", "briefing")
        assert result.code == 0, result.err
        text = pdf_text(Path(result.out.strip()))
        assert outreach.dismissed in text and f"Dismissed: {DISMISS_REASON}" in text
        assert NOTE in text and EMAIL in text

    def test_portfolio_is_one_file(self, outreach, capsys, tmp_path):
        out = tmp_path / "out"
        result = pdf(capsys, outreach, out, "--all", "--kind", "portfolio")
        assert result.code == 0, result.err
        (line,) = result.out.splitlines()
        path = Path(line)
        assert path.parent == out and path.name.startswith("Portfolio ")
        assert path.name.endswith(" (internal).pdf")
        text = pdf_text(path)
        assert "Golden Lotus Seafood" in text and "Mekong" in text
        assert "engage now" in text

    def test_all_takes_every_organisation(self, outreach, capsys, tmp_path):
        out = tmp_path / "out"
        result = pdf(capsys, outreach, out, "--all", "--kind", "profile")
        assert result.code == 0, result.err
        assert len(result.out.splitlines()) == 2 == len(list(out.iterdir()))

    def test_the_option_may_be_repeated_and_an_id_given_twice_counts_once(
        self, outreach, capsys, tmp_path
    ):
        out = tmp_path / "out"
        result = pdf(
            capsys,
            outreach,
            out,
            "--org",
            outreach.lotus,
            "--org",
            outreach.mekong,
            outreach.lotus,
            "--kind",
            "profile",
        )
        assert result.code == 0, result.err
        assert len(list(out.iterdir())) == 2


class TestAudiences:
    def test_partner_leaves_out_dismissed_and_internal_notes(self, outreach, capsys, tmp_path):
        out = tmp_path / "out"
        result = pdf(
            capsys,
            outreach,
            out,
            "--org",
            outreach.lotus,
            "--kind",
            "briefing",
            "--audience",
            "partner",
        )
        assert result.code == 0, result.err
        path = Path(result.out.strip())
        assert path.name == "Golden Lotus Seafood Co., Ltd. - briefing (partner).pdf"
        text = pdf_text(path)
        assert outreach.accepted in text and "Audience: Partner" in text
        assert outreach.dismissed not in text and DISMISS_REASON not in text
        assert NOTE not in text
        assert EMAIL in text  # a partner may see the contacts

    def test_public_has_no_personal_details(self, outreach, capsys, tmp_path):
        out = tmp_path / "out"
        result = pdf(capsys, outreach, out, "--all", "--kind", "briefing", "--audience", "public")
        assert result.code == 0, result.err
        for line in result.out.splitlines():
            # What a reader gets out of the file (the content streams are compressed: a
            # search of the raw bytes would find nothing whatever they hold).
            text = every_text(Path(line).read_bytes())
            assert EMAIL.casefold() not in text.casefold()
            assert leaks(Path(line).read_bytes(), ["Malee K.", "Dara Test"]) == []
            assert "Audience: Public" in text


class TestFailures:
    def test_an_unknown_organisation_writes_nothing(self, outreach, capsys, tmp_path):
        out = tmp_path / "out"
        before = file_state(outreach.path)
        result = pdf(
            capsys, outreach, out, "--org", outreach.lotus, "no-such-id", "--kind", "briefing"
        )
        assert result.code == 1
        assert_one_line_error(result.err, "no-such-id", "organisation")
        assert result.out == ""
        assert not out.exists()
        assert file_state(outreach.path) == before

    def test_a_failing_organisation_is_listed_and_the_rest_written(
        self, outreach, capsys, tmp_path, monkeypatch
    ):
        real = export_module.assemble_partner_profile

        def assemble(workspace: Any, org_id: str, *args: Any, **kwargs: Any) -> Any:
            if org_id == outreach.mekong:
                raise RuntimeError("font cache is damaged")
            return real(workspace, org_id, *args, **kwargs)

        monkeypatch.setattr(export_module, "assemble_partner_profile", assemble)
        out = tmp_path / "out"
        result = pdf(capsys, outreach, out, "--all", "--kind", "profile")
        assert result.code == 1
        assert len(result.out.splitlines()) == 1
        errors = result.err.splitlines()
        assert errors[0] == (
            f"ctip: failed: {MEKONG} ({outreach.mekong}): RuntimeError: font cache is damaged"
        )
        assert errors[-1] == "Wrote 1 file; 1 organisation(s) failed."
        assert "Traceback" not in result.err

    def test_an_empty_database_matches_nothing(self, capsys, tmp_path, settings):
        path = tmp_path / "empty.db"
        open_workspace(path, settings).close()
        out = tmp_path / "out"
        result = run(
            capsys, "pdf", "--db", str(path), "--all", "--kind", "portfolio", "--out", str(out)
        )
        assert result.code == 1
        assert_one_line_error(result.err, "no organisations")
        assert not out.exists()

    def test_a_missing_file_is_reported_and_not_created(self, capsys, tmp_path):
        path = tmp_path / "missing.db"
        out = tmp_path / "out"
        result = run(
            capsys, "pdf", "--db", str(path), "--all", "--kind", "profile", "--out", str(out)
        )
        assert result.code == 1
        assert_one_line_error(result.err)
        assert not path.exists() and not out.exists()

    def test_out_must_be_a_folder(self, outreach, capsys, tmp_path):
        out = tmp_path / "a-file"
        out.write_text("x")
        result = pdf(capsys, outreach, out, "--all", "--kind", "profile")
        assert result.code == 1
        assert_one_line_error(result.err, "not a folder")

    @pytest.mark.parametrize(
        "argv",
        [
            ["--kind", "profile"],  # neither --org nor --all
            ["--all", "--org", "x", "--kind", "profile"],  # both
            ["--all"],  # no kind
            ["--all", "--kind", "letter"],
            ["--all", "--kind", "profile", "--audience", "press"],
        ],
    )
    def test_usage_errors(self, outreach, capsys, tmp_path, argv):
        with pytest.raises(SystemExit) as exit_info:
            main(["pdf", "--db", str(outreach.path), "--out", str(tmp_path / "out"), *argv])
        assert exit_info.value.code == 2
        assert not (tmp_path / "out").exists()


def test_recommend_still_works(outreach, capsys):
    result = run(capsys, "recommend", "--db", str(outreach.path), "--org", outreach.lotus)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == f"{LOTUS}  ({outreach.lotus})"
    assert outreach.accepted in result.out
