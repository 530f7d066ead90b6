"""Reports from the engine and the team's decisions: mapping, audiences, batches, file names."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.recommend import recommend_for
from ctip_desktop.reports import (
    ReportError,
    SuggestedQuestion,
    assemble_briefing_pack,
    assemble_portfolio,
    build_briefing_pack,
    build_portfolio_report,
    build_report,
    export_reports,
    inputs_from,
    merge_questions,
    report_inputs,
    safe_file_name,
)
from ctip_desktop.reports import export as export_module
from ctip_desktop.reports.fonts import printable
from ctip_desktop.workspace import Workspace

from tests.core.test_reports import (
    CONTACT_KHMER,
    EMAIL,
    ORG_THAI,
    TODAY,
    make_organisation,
    squashed,
    text_of,
)

ACCEPTED = "worker_support_layoffs"
DISMISSED = "relief_finance_needs"
ANNOTATED = "shared_audit_data"
DISMISS_REASON = "Their bank already offers this"
ACCEPT_NOTE = "Dara knows the HR director from a past project"
PROPOSED_NOTE = "Ask Sedex first whether they mind"


@pytest.fixture
def decided(workspace: Workspace) -> str:
    """The Thai seafood company, with one recommendation accepted (and annotated), one
    dismissed with a reason and one annotated while still proposed."""
    org_id = make_organisation(workspace)
    by_rule = {r.rule_id: r for r in recommend_for(workspace, org_id).recommendations}
    accepted, dismissed, annotated = by_rule[ACCEPTED], by_rule[DISMISSED], by_rule[ANNOTATED]
    store = workspace.decisions
    store.accept(
        org_id,
        ACCEPTED,
        accepted.title,
        list(accepted.next_steps),
        owner="Dara",
        today=date(2025, 6, 1),
    )
    store.annotate(org_id, ACCEPTED, accepted.title, ACCEPT_NOTE)
    store.dismiss(org_id, DISMISSED, dismissed.title, DISMISS_REASON)
    store.annotate(org_id, ANNOTATED, annotated.title, PROPOSED_NOTE)
    return org_id


def _pdf(workspace: Workspace, org_id: str, kind: str, audience: str, tmp_path: Path) -> str:
    target = tmp_path / f"{kind}-{audience}.pdf"
    path = build_report(
        workspace,
        org_id,
        kind,  # type: ignore[arg-type]
        audience,  # type: ignore[arg-type]
        target,
        today=TODAY,
        author="Dara Test",
    )
    assert path == target
    return squashed(text_of(path.read_bytes()))


# ----- report_inputs --------------------------------------------------------------------------


def test_statuses_notes_and_follow_ups_come_from_the_decisions(
    workspace: Workspace, decided: str
) -> None:
    advice = recommend_for(workspace, decided)
    inputs = report_inputs(workspace, decided)
    assert inputs.org_id == decided and inputs.org_name == ORG_THAI
    assert [r.title for r in inputs.recommendations] == [r.title for r in advice.recommendations]
    views = {r.rule_id: r for r in inputs.recommendations}
    assert (views[ACCEPTED].status, views[ACCEPTED].status_note) == ("accepted", "")
    assert views[ACCEPTED].internal_note == ACCEPT_NOTE
    assert (views[DISMISSED].status, views[DISMISSED].status_note) == (
        "dismissed",
        DISMISS_REASON,
    )
    assert (views[ANNOTATED].status, views[ANNOTATED].internal_note) == (
        "proposed",
        PROPOSED_NOTE,
    )
    undecided = [v for k, v in views.items() if k not in (ACCEPTED, DISMISSED, ANNOTATED)]
    assert undecided and all(
        (v.status, v.status_note, v.internal_note) == ("proposed", "", "") for v in undecided
    )
    # Follow-ups: the accepted recommendation's next steps, named by its title.
    rec = next(r for r in advice.recommendations if r.rule_id == ACCEPTED)
    assert [f.step for f in inputs.follow_ups] == list(rec.next_steps)
    assert {(f.owner, f.due, f.status, f.recommendation) for f in inputs.follow_ups} == {
        ("Dara", "2025-06-15", "open", rec.title)
    }


def test_recommendations_and_readiness_are_mapped_from_the_engine(
    workspace: Workspace, decided: str
) -> None:
    advice = recommend_for(workspace, decided)
    inputs = report_inputs(workspace, decided)
    for rec, view in zip(advice.recommendations, inputs.recommendations, strict=True):
        assert view.rule_id == rec.rule_id
        assert view.advice == rec.advice
        assert view.category == rec.category.heading
        assert view.category.startswith("Category ") or rec.category.number == 0
        assert view.opportunity == rec.opportunity.title
        assert view.roles == [role.title for role in rec.roles]
        assert (view.priority, view.confidence) == (rec.priority, rec.confidence)
        assert view.next_steps == list(rec.next_steps)
        assert view.reasons == list(dict.fromkeys(r.sentence for r in rec.reasons))
        assert view.examples == [e.name for e in rec.examples]
        assert view.cautions == list(rec.cautions)
    readiness = inputs.readiness
    assert readiness.tier == "engage now"  # the engine's engage_now, as the reports name it
    assert (readiness.need, readiness.openness) == (8.5, 7.5)
    assert readiness.explanation == advice.readiness.explanation


def test_questions_to_ask_next_leave_out_dismissed_recommendations(
    workspace: Workspace, decided: str
) -> None:
    advice = recommend_for(workspace, decided)
    inputs = report_inputs(workspace, decided)
    expected = [q for r in advice.recommendations if r.rule_id != DISMISSED for q in r.ask_next]
    assert expected
    assert [q.question for q in inputs.suggested] == list(dict.fromkeys(expected))
    dismissed = next(r for r in advice.recommendations if r.rule_id == DISMISSED)
    assert not {q.question for q in inputs.suggested} & set(dismissed.ask_next) - set(expected)
    pack = assemble_briefing_pack(
        workspace, decided, questions=inputs.suggested, today=TODAY, author="Dara Test"
    )
    asked = [q.question for q in pack.suggested_questions]
    for question in expected:
        assert asked.count(question) == 1


def test_merge_questions_keeps_each_question_once() -> None:
    found = [SuggestedQuestion("Who recruits your workers?", "Item 7 was not answered.")]
    extra = [
        SuggestedQuestion("who recruits  your workers", "From a rule."),
        SuggestedQuestion("What changed since March?", "From a rule."),
    ]
    merged = merge_questions(found, extra)
    assert [q.question for q in merged] == [
        "Who recruits your workers?",
        "What changed since March?",
    ]
    assert merged[0].why == "Item 7 was not answered."


def test_an_unknown_organisation_is_a_report_error(workspace: Workspace) -> None:
    with pytest.raises(ReportError, match="no-such-id"):
        report_inputs(workspace, "no-such-id")


# ----- build_report ----------------------------------------------------------------------------


def test_briefing_pack_shows_the_engines_advice(
    workspace: Workspace, decided: str, tmp_path: Path
) -> None:
    text = _pdf(workspace, decided, "briefing", "internal", tmp_path)
    inputs = report_inputs(workspace, decided)
    for rec in inputs.recommendations:
        assert rec.title in text, rec.title
        for reason in rec.reasons:
            # "→" (a score that moved) prints as "->": the bundled fonts have no arrow.
            assert squashed(printable(reason)) in text, reason
    assert "\x00" not in text  # no character left without a glyph
    assert "5 on 2025-01-20 -> 8 on 2025-05-12" in text
    assert "Engage now" in text
    assert inputs.readiness.explanation in text
    assert inputs.suggested[0].question in text  # under "Questions for the next meeting"
    assert "+5" in text  # the score movement between the two visits
    assert "2025-06-15" in text  # a follow-up's due date


def test_internal_keeps_what_partner_and_public_leave_out(
    workspace: Workspace, decided: str, tmp_path: Path
) -> None:
    titles = {r.rule_id: r.title for r in report_inputs(workspace, decided).recommendations}
    internal = _pdf(workspace, decided, "briefing", "internal", tmp_path)
    assert titles[DISMISSED] in internal
    assert f"Dismissed: {DISMISS_REASON}" in internal
    assert ACCEPT_NOTE in internal and PROPOSED_NOTE in internal
    for audience in ("partner", "public"):
        for kind in ("briefing", "profile"):
            text = _pdf(workspace, decided, kind, audience, tmp_path)
            assert titles[DISMISSED] not in text, (kind, audience)
            assert DISMISS_REASON not in text
            assert ACCEPT_NOTE not in text and PROPOSED_NOTE not in text
            assert f"Audience: {audience.capitalize()}" in text
        assert titles[ACCEPTED] in text
    public = _pdf(workspace, decided, "briefing", "public", tmp_path)
    assert EMAIL not in public and CONTACT_KHMER not in public


def test_partner_profile_leads_with_the_accepted_recommendation(
    workspace: Workspace, decided: str, tmp_path: Path
) -> None:
    text = _pdf(workspace, decided, "profile", "partner", tmp_path)
    titles = {r.rule_id: r.title for r in report_inputs(workspace, decided).recommendations}
    assert titles[ACCEPTED] in text
    assert text.index("Top recommendations") < text.index(titles[ACCEPTED])
    assert "Engage now" in text
    pages = PdfReader(tmp_path / "profile-partner.pdf").pages
    assert len(pages) <= 2  # eleven recommendations fired: the profile shows the top three


# ----- export_reports -------------------------------------------------------------------------


def _batch(workspace: Workspace) -> list[str]:
    """Four organisations: two of the same name, one with characters Windows refuses."""
    names = ["Mekong Garments", "mekong garments", "CON", 'A/B: "Seafood" <Co>?*']
    return [workspace.profiles.save(Organisation(name=name)) for name in names]


def test_export_writes_one_file_per_organisation_with_safe_unique_names(
    workspace: Workspace, tmp_path: Path
) -> None:
    ids = [make_organisation(workspace), *_batch(workspace)]
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, name: str) -> bool:
        seen.append((done, total, name))
        return True

    out = tmp_path / "out" / "nested"
    result = export_reports(
        workspace, ids, "profile", "partner", out, progress=progress, today=TODAY
    )
    assert result.ok and not result.failed and not result.cancelled
    assert [p.name for p in result.written] == [
        f"{ORG_THAI} - profile (partner).pdf",
        "Mekong Garments - profile (partner).pdf",
        "mekong garments (2) - profile (partner).pdf",
        "_CON - profile (partner).pdf",
        "A_B_ _Seafood_ _Co___ - profile (partner).pdf",
    ]
    assert sorted(out.iterdir()) == sorted(result.written)  # no temporary file left behind
    for path in result.written:
        assert path.read_bytes().startswith(b"%PDF")
    assert [(d, t) for d, t, _ in seen] == [(n, 5) for n in range(1, 6)]
    assert seen[0][2] == ORG_THAI
    assert result.summary() == "Wrote 5 files."


def test_a_failing_organisation_is_reported_and_the_batch_goes_on(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    ids = _batch(workspace)
    broken = ids[1]
    real = export_module.assemble_briefing_pack

    def assemble(workspace: Workspace, org_id: str, *args: Any, **kwargs: Any) -> Any:
        if org_id == broken:
            raise RuntimeError("the disk hiccupped")
        return real(workspace, org_id, *args, **kwargs)

    monkeypatch.setattr(export_module, "assemble_briefing_pack", assemble)
    out = tmp_path / "out"
    with caplog.at_level(logging.ERROR):
        result = export_reports(
            workspace, [*ids, "no-such-id"], "briefing", "internal", out, today=TODAY
        )
    assert len(result.written) == 3 and not result.cancelled and not result.ok
    assert result.failed[0] == (broken, "mekong garments", "RuntimeError: the disk hiccupped")
    assert result.failed[1][0] == "no-such-id" and "no-such-id" in result.failed[1][2]
    assert "the disk hiccupped" in caplog.text and "Traceback" in caplog.text
    assert sorted(out.iterdir()) == sorted(result.written)  # no half-written file
    assert "2 organisation(s) failed" in result.summary()


def test_cancel_stops_the_batch_and_keeps_what_was_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    ids = _batch(workspace)
    out = tmp_path / "out"
    result = export_reports(
        workspace, ids, "profile", "public", out, progress=lambda done, _t, _n: done < 2
    )
    assert result.cancelled and not result.ok
    assert len(result.written) == 2 and all(p.exists() for p in result.written)
    assert sorted(out.iterdir()) == sorted(result.written)
    assert "files already written were kept" in result.summary()


def test_export_portfolio_is_one_file_with_the_engines_tiers(
    workspace: Workspace, tmp_path: Path
) -> None:
    ids = [make_organisation(workspace), *_batch(workspace)[:2]]
    result = export_reports(workspace, ids, "portfolio", "public", tmp_path, today=TODAY)
    assert result.ok
    (path,) = result.written
    assert path.name == f"Portfolio {TODAY} (public).pdf"
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert reader.metadata is not None
    assert reader.metadata.title == "Portfolio report: 3 organisations"
    text = squashed(text_of(path.read_bytes()))
    assert ORG_THAI in text and "Mekong Garments" in text
    assert "engage now" in text
    cancelled = export_reports(
        workspace, ids, "portfolio", "public", tmp_path / "none", progress=lambda *_: False
    )
    assert cancelled.cancelled and cancelled.written == []


def test_unknown_kind_or_audience_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="kind"):
        export_reports(workspace, [], "letter", "internal", tmp_path)  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="audience"):
        export_reports(workspace, [], "profile", "press", tmp_path)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Golden Lotus Seafood", "Golden Lotus Seafood"),
        ("บริษัท ทองคำ ซีฟู้ด จำกัด", "บริษัท ทองคำ ซีฟู้ด จำกัด"),
        ("深圳电子有限公司", "深圳电子有限公司"),
        ("  Deccan\tLabour\n Pvt. Ltd.  ", "Deccan Labour Pvt. Ltd"),
        ("..hidden", "hidden"),
        ('a\\b/c:d*e?f"g<h>i|j\x00k\x7fl', "a_b_c_d_e_f_g_h_i_j_k_l"),
        ("nul", "_nul"),
        ("Lpt1.txt", "_Lpt1.txt"),
        ("///", "Organisation"),
        ("", "Organisation"),
    ],
)
def test_safe_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_safe_file_name_cuts_long_names_at_a_character() -> None:
    name = safe_file_name("ក្រុមហ៊ុន " * 60)
    assert len(name.encode("utf-8")) <= 150
    name.encode("utf-8").decode("utf-8")
    assert safe_file_name("Pvt. Ltd.", stem=True) == "Pvt. Ltd."


# ----- decisions on recommendations the engine no longer gives ----------------------------------


def test_a_decided_recommendation_stays_when_its_rule_stops_firing(
    workspace: Workspace, decided: str, tmp_path: Path
) -> None:
    advice = recommend_for(workspace, decided)
    titles = {r.rule_id: r.title for r in advice.recommendations}
    # The latest answers changed: neither decided rule fires any more.
    later = dataclasses.replace(
        advice,
        recommendations=tuple(
            r for r in advice.recommendations if r.rule_id not in (ACCEPTED, DISMISSED)
        ),
    )
    inputs = inputs_from(
        later, workspace.decisions.decisions(decided), workspace.decisions.follow_ups(decided)
    )
    views = {r.rule_id: r for r in inputs.recommendations}
    assert (views[ACCEPTED].title, views[ACCEPTED].status) == (titles[ACCEPTED], "accepted")
    assert (views[DISMISSED].status, views[DISMISSED].status_note) == ("dismissed", DISMISS_REASON)
    assert views[ACCEPTED].internal_note == ACCEPT_NOTE
    assert not views[ACCEPTED].still_triggered and not views[DISMISSED].still_triggered
    assert views[ANNOTATED].still_triggered
    # Only proposed (annotated) decisions of a rule no longer firing are not kept.
    assert [r.rule_id for r in inputs.recommendations].count(ACCEPTED) == 1
    for audience in ("internal", "partner"):
        pack = assemble_briefing_pack(
            workspace,
            decided,
            audience,  # type: ignore[arg-type]
            recommendations=inputs.recommendations,
            readiness=inputs.readiness,
            today=TODAY,
        )
        data = build_briefing_pack(pack)
        assert data is not None
        text = squashed(text_of(data))
        assert titles[ACCEPTED] in text
        assert "No longer triggered by the latest answers" in text
        assert (titles[DISMISSED] in text) == (audience == "internal")


# ----- readiness: the engine's numbers, never a guess -------------------------------------------


def _partial(workspace: Workspace, answers: dict[str, Any]) -> str:
    org_id = workspace.profiles.save(Organisation(name="Partial Answers Co"))
    interview = workspace.interviews.start(
        org_id,
        builtin_questionnaires().latest("pse-outreach-example-2"),
        InterviewDetails(started_at="2025-05-12T10:00"),
        interviewer="Dara Test",
    )
    for item_id, value in answers.items():
        workspace.interviews.save_answer(interview, item_id, value)
    workspace.interviews.complete(interview)
    return org_id


def test_no_need_score_is_printed_for_missing_answers(workspace: Workspace) -> None:
    # Item 7 (worker exposure) unanswered: need is not known, though item 3 is 9.
    org_id = _partial(
        workspace,
        {
            "supply_chain_effect": 9,
            "openness_private_sector": 8,
            "openness_cso_donors": 7,
        },
    )
    pack = assemble_briefing_pack(workspace, org_id, today=TODAY)
    readiness = pack.readiness
    assert (readiness.tier, readiness.need, readiness.openness) == ("unknown", None, 7.5)
    assert readiness.resources is None  # item 11 not answered: not known, not "none"
    data = build_briefing_pack(pack)
    assert data is not None
    text = squashed(text_of(data))
    assert "not known" in text and "none named" not in text
    assert "NEED – OPENNESS" not in text  # the card's labels
    assert not re.search(r"NEED\s+9\b", text)
    report = assemble_portfolio(workspace, [org_id, make_organisation(workspace)], today=TODAY)
    row = next(r for r in report.rows if r.org_id == org_id)
    assert (row.need, row.openness) == (None, 7.5)
    data = build_portfolio_report(report)
    assert data is not None
    text = squashed(text_of(data))
    assert "1 not plotted" in text
    assert "2 organisations" in text


def test_resources_unanswered_are_not_counted_as_none_offered(workspace: Workspace) -> None:
    org_id = _partial(
        workspace,
        {
            "supply_chain_effect": 9,
            "migrant_exploitation_risk": 8,
            "openness_private_sector": 8,
            "openness_cso_donors": 7,
        },
    )
    pack = assemble_briefing_pack(workspace, org_id, today=TODAY)
    assert (pack.readiness.need, pack.readiness.openness) == (8.5, 7.5)
    assert pack.readiness.resources is None
    assert "not answered" in pack.readiness.explanation
    text = squashed(text_of(build_briefing_pack(pack) or b""))
    assert "0 resource" not in text and "none offered" not in text
