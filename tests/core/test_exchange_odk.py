"""XLSForms ODK's own pyxform converts, and submissions exported by ODK Central or Kobo
imported back as interviews."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from ctip_desktop.exchange import ExchangeError
from ctip_desktop.exchange.submissions import import_submissions, plan_submissions
from ctip_desktop.exchange.xlsform import write_xlsform
from ctip_desktop.interviews import APPROVED, COMPLETED
from ctip_desktop.profiles import Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.workspace import Workspace

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"


def converted(tmp_path: Path, questionnaire_id: str) -> Any:
    questionnaire = builtin_questionnaires().latest(questionnaire_id)
    path = write_xlsform(questionnaire, tmp_path / f"{questionnaire_id}.xlsx")
    warnings: list[str] = []
    result = convert(str(path), warnings=warnings)
    assert warnings == []
    return result


@pytest.mark.parametrize("questionnaire_id", [EXAMPLE_1, EXAMPLE_2])
def test_every_questionnaire_converts_with_pyxform(tmp_path: Path, questionnaire_id: str) -> None:
    result = converted(tmp_path, questionnaire_id)
    questionnaire = builtin_questionnaires().latest(questionnaire_id)
    assert f'id="{questionnaire_id}"' in result.xform
    for item in questionnaire.items:
        assert item.text.replace("&", "&amp;") in result.xform  # the seed's wording


def test_example_2_uses_select_multiple_or_other_and_ranges(tmp_path: Path) -> None:
    questionnaire = builtin_questionnaires().latest(EXAMPLE_2)
    path = write_xlsform(questionnaire, tmp_path / "form.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    rows = list(workbook["survey"].iter_rows(values_only=True))
    survey = {row[1]: row for row in rows if row[0] != "end_group"}
    assert survey["hindering_factors"][0] == "select_multiple hindering_factors or_other"
    assert survey["supply_chain_effect"][0] == "range"
    assert survey["supply_chain_effect"][6] == "start=1 end=10 step=1"
    assert survey["supply_chain_effect"][3] == "1 = Not at all; 10 = Total disruption"
    assert survey["identification"][0] == "begin_group"
    choices = [row for row in workbook["choices"].iter_rows(values_only=True)]
    assert ("recovering_needs", "new_policies", "New policies or regulations") in choices
    settings = list(workbook["settings"].iter_rows(values_only=True))
    assert settings[1][:3] == ("Example #2 for COVID-19 PSE Outreach", EXAMPLE_2, "1")
    result = converted(tmp_path, EXAMPLE_2)
    assert "<range " in result.xform and 'start="1"' in result.xform
    assert "hindering_factors_other" in result.xform


def field_paths(result: Any) -> list[tuple[str, ...]]:
    """The paths of the form's fields, read from what pyxform built (as an export lists
    them), groups included."""
    paths: list[tuple[str, ...]] = []

    def walk(children: list[dict[str, Any]], prefix: tuple[str, ...]) -> None:
        for child in children:
            if child.get("type") == "group":
                walk(child.get("children", []), (*prefix, child["name"]))
            elif child.get("type") not in ("note",):
                paths.append((*prefix, child["name"]))

    walk(result._pyxform["children"], ())
    return paths


def odk_central_csv(result: Any, submissions: list[dict[str, str]], *, kobo: bool = False) -> bytes:
    """Submissions as ODK Central exports them (groups joined with '-', SubmissionDate, KEY)
    or as KoboToolbox does (groups with '/', ';' between cells, _uuid)."""
    paths = [p for p in field_paths(result) if p[0] != "meta"]
    separator = "/" if kobo else "-"
    headers = ([] if kobo else ["SubmissionDate"]) + [separator.join(p) for p in paths]
    headers += ["meta/instanceID", "_uuid", "_submission_time"] if kobo else [
        "meta-instanceID", "KEY", "SubmitterName", "ReviewState"
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if kobo else ",")
    writer.writerow(headers)
    for submission in submissions:
        instance = submission["instance"]
        row = []
        for header in headers:
            key = header.replace("-", "/")
            if header in ("meta-instanceID", "meta/instanceID"):
                row.append(submission.get("version", instance))  # new with each edit
            elif header == "KEY":
                row.append(instance)  # the first version's, for good
            elif header == "_uuid":
                row.append(instance.removeprefix("uuid:"))
            elif header in ("SubmissionDate", "_submission_time"):
                row.append("2026-03-02T08:15:00.000Z")
            else:
                row.append(submission.get(key, submission.get(header, "")))
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def example_2_submission(org: str, **overrides: str) -> dict[str, str]:
    values = {
        "instance": f"uuid:{uuid.uuid4()}",
        "start": "2026-03-01T09:30:12.000+07:00",
        "end": "2026-03-01T10:05:00.000+07:00",
        "ctip_questionnaire": EXAMPLE_2,
        "ctip_questionnaire_version": "1",
        "interviewer": "Somchai",
        "mode": "in_person",
        "identification/organisation": org,
        "identification/representative": "Khun Malee",
        "general_notes": "Orders down by a third; two lines idle.",
        "supply_chain_effect": "7",
        "hindering_factors": "travel_restrictions other",
        "hindering_factors_other": "Passports kept by the agent",
        "business_effects": "reduced_workforce",
        "recovering_needs": "",
        "migrant_exploitation_risk": "9",
        "continuity_plan": "3",
        "openness_private_sector": "8",
        "openness_cso_donors": "10",
        "partnership_resources": "convening_power financial_support",
        "ReviewState": "approved",
    }
    values.update(overrides)
    return values


def test_odk_central_csv_round_trip_creates_completed_interviews(
    workspace: Workspace, tmp_path: Path
) -> None:
    thai = workspace.profiles.save(Organisation(name="บริษัท มหาชัย อาหาร จำกัด"))
    other = workspace.profiles.save(Organisation(name="Mekong Rice", other_names=["MKR"]))
    result = converted(tmp_path, EXAMPLE_2)
    first = example_2_submission("บริษัท มหาชัย อาหาร จำกัด")
    second = example_2_submission("mkr", supply_chain_effect="2", hindering_factors="sick",
                                  hindering_factors_other="", ReviewState="")  # fmt: skip
    unknown = example_2_submission("Nobody Ltd")
    bad_choice = example_2_submission("Mekong Rice", business_effects="Reduced workforce")
    out_of_range = example_2_submission("Mekong Rice", continuity_plan="11")
    path = tmp_path / "submissions.csv"
    path.write_bytes(odk_central_csv(result, [first, second, unknown, bad_choice, out_of_range]))
    imported = import_submissions(workspace, path)
    assert imported.questionnaire_id == EXAMPLE_2
    assert len(imported.imported) == 2
    reasons = dict(imported.rejected)
    assert sorted(reasons) == [4, 5, 6]
    assert "Nobody Ltd" in reasons[4]
    assert "'Reduced'" in reasons[5] and "labels" in reasons[5]
    assert "outside 1-10" in reasons[6]
    interview = workspace.interviews.get(str(uuid.UUID(first["instance"][5:])))
    assert interview is not None
    assert interview.org_id == thai
    assert interview.status == COMPLETED
    assert interview.review_state == APPROVED
    assert interview.interviewer == "Somchai"
    assert interview.details.mode == "in person"
    assert interview.details.started_at == "2026-03-01T09:30"
    assert interview.completed_at == "2026-03-01T03:05:00.000Z"
    assert interview.value("supply_chain_effect") == 7
    assert interview.value("hindering_factors") == {
        "selected": ["travel_restrictions"],
        "other": True,
        "other_text": "Passports kept by the agent",
    }
    assert interview.value("partnership_resources")["selected"] == [
        "convening_power",
        "financial_support",
    ]
    assert interview.value("identification") == {
        "organisation": "บริษัท มหาชัย อาหาร จำกัด",
        "representative": "Khun Malee",
    }
    assert interview.value("recovering_needs") is None
    matched_by_other_name = workspace.interviews.get(str(uuid.UUID(second["instance"][5:])))
    assert matched_by_other_name is not None and matched_by_other_name.org_id == other
    profile = workspace.profiles.get(thai)
    assert profile is not None and profile.stage == "Interviewed"
    # A second import of the same export changes nothing.
    before = list(workspace.db.conn.iterdump())
    again = import_submissions(workspace, path)
    assert again.imported == [] and again.unchanged == 2
    assert list(workspace.db.conn.iterdump()) == before
    # One action: Undo takes the whole import back.
    assert workspace.log.undo() is not None
    assert workspace.interviews.get(interview.id) is None


def test_kobo_csv_with_slashes_semicolons_and_uuid_is_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.profiles.save(Organisation(name="Andaman Nets"))
    result = converted(tmp_path, EXAMPLE_1)
    submission = {
        "instance": f"uuid:{uuid.uuid4()}",
        "start": "2026-04-02T14:00:00.000+06:30",
        "interviewer": "Aung",
        "mode": "phone",
        "organisation_name": "ANDAMAN NETS",
        "pressing_business_issue": "Fuel prices.",
        "other_support": "ការបណ្តុះបណ្តាល",
    }
    path = tmp_path / "kobo.csv"
    path.write_bytes(b"\xef\xbb\xbf" + odk_central_csv(result, [submission], kobo=True))
    plan = plan_submissions(workspace, path)
    assert plan.questionnaire.id == EXAMPLE_1
    assert plan.rejected == []
    imported = import_submissions(workspace, path)
    interview = workspace.interviews.get(imported.imported[0])
    assert interview is not None
    assert interview.value("other_support") == "ការបណ្តុះបណ្តាល"
    assert interview.details.mode == "phone"
    assert interview.details.started_at == "2026-04-02T14:00"


def test_a_table_without_instance_ids_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name,country\nA,B\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="instance id"):
        plan_submissions(workspace, path)


def test_a_note_with_quotes_commas_and_line_breaks_stays_one_answer(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.profiles.save(Organisation(name='Acme "Best" Ltd'))
    result = converted(tmp_path, EXAMPLE_2)
    note = 'They said:\n"we will, maybe"\nthen ""nothing"" more.'
    first = example_2_submission('Acme "Best" Ltd', general_notes=note)
    second = example_2_submission('Acme "Best" Ltd')
    path = tmp_path / "notes.csv"
    path.write_bytes(odk_central_csv(result, [first, second]))
    imported = import_submissions(workspace, path)
    assert imported.rejected == []
    assert len(imported.imported) == 2
    interview = workspace.interviews.get(str(uuid.UUID(first["instance"][5:])))
    assert interview is not None and interview.value("general_notes") == note


def test_a_submission_edited_in_odk_central_becomes_a_correction_not_a_second_interview(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.profiles.save(Organisation(name="Mekong Rice"))
    result = converted(tmp_path, EXAMPLE_2)
    first = example_2_submission("Mekong Rice")
    path = tmp_path / "before.csv"
    path.write_bytes(odk_central_csv(result, [first]))
    (interview_id,) = import_submissions(workspace, path).imported
    # Edited in Central: same KEY, a new instanceID, an answer changed.
    edited = dict(first, version=f"uuid:{uuid.uuid4()}", supply_chain_effect="3",
                  ReviewState="edited")  # fmt: skip
    edited_path = tmp_path / "after.csv"
    edited_path.write_bytes(odk_central_csv(result, [edited]))
    again = import_submissions(workspace, edited_path)
    assert again.imported == [] and again.corrected == 1 and again.rejected == []
    assert workspace.interviews.counts()["completed"] == 1
    interview = workspace.interviews.get(interview_id)
    assert interview is not None and interview.value("supply_chain_effect") == 3
    (change,) = [e for e in workspace.interviews.history(interview_id) if e.kind == "answer"]
    assert (change.old, change.new) == ("7", "3")
    assert "Edited in ODK Central" in change.reason and edited["version"] in change.reason
    # The same edited version again changes nothing; nor does it undo a correction made
    # in the app since.
    before = list(workspace.db.conn.iterdump())
    third = import_submissions(workspace, edited_path)
    assert (third.imported, third.corrected, third.unchanged) == ([], 0, 1)
    assert list(workspace.db.conn.iterdump()) == before
    workspace.interviews.correct(interview_id, "Checked by phone", {"supply_chain_effect": 4})
    assert import_submissions(workspace, edited_path).corrected == 0
    assert import_submissions(workspace, path).corrected == 0
    interview = workspace.interviews.get(interview_id)
    assert interview is not None and interview.value("supply_chain_effect") == 4


def test_submissions_follow_the_rules_of_completing_an_interview(
    workspace: Workspace, tmp_path: Path
) -> None:
    org_id = workspace.profiles.save(Organisation(name="Mekong Rice"))
    result = converted(tmp_path, EXAMPLE_2)
    other_without_text = example_2_submission(
        "Mekong Rice", hindering_factors="other", hindering_factors_other=""
    )
    impossible_start = example_2_submission("Mekong Rice", start="2024-13-45T99:99")
    long_interviewer = example_2_submission("Mekong Rice", interviewer="x" * 60_000)
    good = example_2_submission("Mekong Rice")
    path = tmp_path / "submissions.csv"
    path.write_bytes(
        odk_central_csv(result, [other_without_text, impossible_start, long_interviewer, good])
    )
    imported = import_submissions(workspace, path)
    reasons = dict(imported.rejected)
    assert sorted(reasons) == [2, 3, 4]
    assert "ticked without saying what it is" in reasons[2]
    assert "YYYY-MM-DD HH:MM" in reasons[3]
    assert "interviewer's name is longer than 300" in reasons[4]
    (interview_id,) = imported.imported
    assert interview_id == str(uuid.UUID(good["instance"][5:]))
    assert workspace.interviews.counts()["completed"] == 1
    profile = workspace.profiles.get(org_id)
    assert profile is not None and profile.stage == "Interviewed"


def test_an_organisation_is_found_whatever_its_punctuation_and_a_near_name_suggested(
    workspace: Workspace, tmp_path: Path
) -> None:
    org_id = workspace.profiles.save(Organisation(name="Auspicious Cloud Logistics Co., Ltd."))
    result = converted(tmp_path, EXAMPLE_2)
    path = tmp_path / "submissions.csv"
    path.write_bytes(
        odk_central_csv(
            result,
            [
                example_2_submission("Auspicious Cloud Logistics Co Ltd"),
                example_2_submission("Auspicious Cloud Logistic"),
            ],
        )
    )
    imported = import_submissions(workspace, path)
    (interview_id,) = imported.imported
    interview = workspace.interviews.get(interview_id)
    assert interview is not None and interview.org_id == org_id
    ((number, why),) = imported.rejected
    assert number == 3
    assert "no organisation named “Auspicious Cloud Logistic”" in why
    assert "(is it “Auspicious Cloud Logistics Co., Ltd.”?)" in why
