"""Fill report records from a workspace, leaving out what the audience must not see.

The audience rules live here and only here, so the PDF code never holds what it must not print:

- ``internal``: everything.
- ``partner``: no internal notes (the organisation's notes, contact notes, headline notes,
  interview notes and the questionnaire's "General Notes", recommendations' internal notes)
  and no dismissed recommendations.
- ``public``: as partner, and no personal details of contacts: no names, emails or phones (the
  identification item's representative and the people interviewed included); contacts appear
  by role only, and interviewers, follow-up owners and the report's author are left out. The
  write-in "Other" texts and follow-ups' outcomes are left out too (free text, where a name
  or number is easily typed). As a last guard every string of a public report is scrubbed
  (:mod:`ctip_desktop.reports.scrub`) of the names, emails and phones of the organisation's
  contacts, removed ones included, of the representatives named in its interviews, of its
  interviewers and follow-up owners and of the report's author.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from ctip_desktop.interviews import REVIEW_LABELS, Interview, InterviewFilter
from ctip_desktop.profiles import Organisation
from ctip_desktop.questionnaires import Item, Questionnaire, answer_text, is_answered
from ctip_desktop.reports.model import (
    AUDIENCES,
    TIERS,
    AnswerView,
    Audience,
    BriefingPack,
    ContactView,
    FollowUpView,
    HeadlineView,
    InterviewSummary,
    PartnerProfile,
    PortfolioReport,
    PortfolioRow,
    Principle,
    ProfileView,
    ReadinessView,
    RecommendationView,
    ReportMeta,
    ScoreMovement,
    SuggestedQuestion,
)
from ctip_desktop.reports.scrub import Secrets
from ctip_desktop.workspace import Workspace

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
# Asked about when no Example #2 has been completed: need and openness come from these.
_SCALES_TO_ASK = (
    "supply_chain_effect",
    "migrant_exploitation_risk",
    "openness_private_sector",
    "openness_cso_donors",
)

# The seed's box "Principles for Partnering", printed as a checklist in the briefing pack.
PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "Break the problem down to its roots",
        "Think about the problem you want to solve, and then break it down into root causes. "
        "What drives this problem, and how might collaboration weaken those drivers?",
    ),
    Principle(
        "Who has interest and influence?",
        "Map relevant stakeholders with influence and/or interest in seeing the problem solved. "
        "Who do you need to have on board to advance a viable solution? And how might "
        "complementary assets of diverse stakeholders best be deployed?",
    ),
    Principle(
        "Focus on areas of shared risk and aligned interest",
        "For private sector engagement, be clear on company interests, incentives, and realities.",
    ),
    Principle(
        "Be clear-eyed and realistic",
        "In designing your cross-sector partnership: listen to your partners' concerns and "
        "understand their limitations and constraints. Try to negotiate a way forward "
        "collectively, focusing on shared goals.",
    ),
    Principle(
        "Consider the time horizon",
        "For COVID-19 solutions: are you directing PSE for quick-win pandemic response or "
        "building back better? Is the partnership you seek to advance aligned with the needed "
        "time horizon?",
    ),
)

# Homework element (as Organisation.completeness() names it) -> what to ask instead.
_HOMEWORK_QUESTIONS = {
    "What the company does": "What are your main products and services, and who buys them?",
    "Where it operates": "Where do you and your main suppliers operate and recruit workers?",
    "Investments and partnerships in fair labour and social issues": (
        "Which fair-labour or social initiatives, memberships or partnerships are you part of?"
    ),
    "A quick scan of media headlines": (
        "Is there recent news about your company or sector we should be aware of?"
    ),
}

T = TypeVar("T")


class ReportError(ValueError):
    """A report cannot be assembled; the message says why, for the user."""


# ----- reading the workspace ---------------------------------------------------------------


def _meta(
    workspace: Workspace, audience: Audience, today: str | None, author: str | None
) -> ReportMeta:
    """For whom and when; the author (a person) is not named in a public report."""
    if audience not in AUDIENCES:
        raise ReportError(f"Unknown audience {audience!r} (one of: {', '.join(AUDIENCES)}).")
    return ReportMeta(
        audience=audience,
        generated_on=today or date.today().isoformat(),
        author="" if audience == "public" else _author(workspace, author),
    )


def _author(workspace: Workspace, author: str | None) -> str:
    return workspace.log.author if author is None else author


def _organisation(workspace: Workspace, org_id: str) -> Organisation:
    org = workspace.profiles.get(org_id)
    if org is None:
        raise ReportError(f"No organisation with id {org_id} (was it deleted?).")
    return org


def _interviews(workspace: Workspace, org_id: str) -> list[tuple[Interview, Questionnaire]]:
    """The organisation's interviews, oldest first, with the questionnaire each used."""
    found = []
    for interview_id in workspace.interviews.list_ids(
        InterviewFilter(org_id=org_id, descending=False)
    ):
        interview = workspace.interviews.get(interview_id)
        if interview is not None:
            found.append((interview, workspace.interviews.questionnaire_of(interview)))
    return found


def _completed(
    interviews: Sequence[tuple[Interview, Questionnaire]], questionnaire_id: str
) -> list[tuple[Interview, Questionnaire]]:
    return [
        (i, q) for i, q in interviews if i.is_completed and i.questionnaire_id == questionnaire_id
    ]


def _day(started_at: str) -> str:
    return started_at[:10]


# ----- the pieces --------------------------------------------------------------------------


def _profile(org: Organisation, audience: Audience) -> ProfileView:
    internal = audience == "internal"
    public = audience == "public"
    contacts = [
        ContactView(
            name="" if public else c.name,
            role=c.role,
            email="" if public else c.email,
            phone="" if public else c.phone,
            notes=c.notes if internal else "",
            primary=c.id == org.primary_contact_id,
        )
        for c in org.contacts
    ]
    if public:  # a contact without a role says nothing once the name is gone
        contacts = [c for c in contacts if c.role]
    completeness = org.completeness()
    return ProfileView(
        org_id=org.id,
        name=org.name,
        other_names=list(org.other_names),
        description=org.description,
        sectors=list(org.sectors),
        countries=list(org.countries),
        places=org.places,
        supply_chain_role=org.supply_chain_role,
        size_band=org.size_band,
        website=org.website,
        fair_labour_investments=org.fair_labour_investments,
        memberships=list(org.memberships),
        stage=org.stage,
        tags=list(org.tags) if internal else [],
        notes=org.notes if internal else "",
        media_scan_date=org.media_scan_date,
        contacts=contacts,
        headlines=[
            HeadlineView(h.headline, h.date, h.source, h.link, h.tone, h.note if internal else "")
            for h in org.headlines
        ],
        homework_done=list(completeness.done),
        homework_missing=list(completeness.missing),
    )


def _summary(
    interview: Interview, questionnaire: Questionnaire, org: Organisation, audience: Audience
) -> InterviewSummary:
    contacts = {c.id: c for c in org.contacts}
    people = []
    for contact_id in interview.details.contact_ids:
        contact = contacts.get(contact_id)
        if contact is None:
            continue
        if audience == "public":
            if contact.role:
                people.append(contact.role)
        else:
            people.append(contact.name)
    answered = sum(is_answered(i, interview.value(i.id)) for i in questionnaire.items)
    return InterviewSummary(
        id=interview.id,
        date=_day(interview.details.started_at),
        questionnaire=questionnaire.short_title,
        questionnaire_id=questionnaire.id,
        interviewer="" if audience == "public" else interview.interviewer,
        mode=interview.details.mode,
        place=interview.details.place,
        language=interview.details.language,
        status=interview.status,
        review=REVIEW_LABELS.get(interview.review_state, "") if interview.is_completed else "",
        people=people,
        notes=interview.details.notes if audience == "internal" else "",
        answered=answered,
        items=len(questionnaire.items),
    )


def _shows(item: Item, audience: Audience) -> bool:
    # A note item ("General Notes") is the interviewer's own notes: internal.
    return item.kind != "note" or audience == "internal"


def _answer(item: Item, value: Any, audience: Audience) -> AnswerView:
    if item.kind == "identification" and audience == "public" and isinstance(value, dict):
        value = {
            k: v for k, v in value.items() if k == "organisation"
        }  # the representative is a person
    answered = is_answered(item, value)
    options: list[tuple[str, bool]] = []
    other = ""
    if item.kind == "multi":
        if audience == "public" and answered:  # the write-in is free text: left out
            value = {**value, "other_text": ""}
        ticked = set(value.get("selected", [])) if answered else set()
        options = [(o.label, o.id in ticked) for o in item.options]
        if item.has_other:
            has_other = bool(answered and value.get("other"))
            other = str(value.get("other_text", "")).strip() if has_other else ""
            options.append((item.other_label, has_other))
    return AnswerView(
        number=item.number,
        item_id=item.id,
        question=item.text,
        kind=item.kind,
        text=answer_text(item, value) if answered else "",
        answered=answered,
        value=value if item.kind == "scale" and answered else None,
        minimum=item.minimum,
        maximum=item.maximum,
        low_label=item.anchor(item.minimum),
        high_label=item.anchor(item.maximum),
        options=options,
        other=other,
    )


def _answers(interview: Interview, questionnaire: Questionnaire, audience: Audience) -> list[Any]:
    return [
        _answer(item, interview.value(item.id), audience)
        for item in questionnaire.items
        if _shows(item, audience)
    ]


def _movements(surveys: Sequence[tuple[Interview, Questionnaire]]) -> list[ScoreMovement]:
    if len(surveys) < 2:
        return []
    latest = surveys[-1][1]
    movements = []
    for item in latest.items:
        if item.kind != "scale":
            continue
        points: list[tuple[str, int | None]] = []
        for interview, _ in surveys:
            value = interview.value(item.id)
            points.append((_day(interview.details.started_at), value))
        movements.append(ScoreMovement(item.number, item.text, points))
    return movements


def _resources_item() -> Item | None:
    """Example #2's item of the resources offered, as the rule file's readiness names it."""
    from ctip_desktop.recommend import builtin_rulebook

    fact = builtin_rulebook().readiness.resources.fact  # "selected.partnership_resources"
    return _example_2_item(fact.split(".", 1)[-1])


def _resources(latest: Interview | None, audience: Audience) -> list[str] | None:
    """The resources the company could bring, as named in the latest Example #2; None when
    not known (no such interview, or the item unanswered), which is not "none offered"."""
    item = _resources_item()
    if latest is None or item is None:
        return None
    value = latest.value(item.id)
    if not is_answered(item, value):
        return None
    names = [item.option_label(o) for o in value.get("selected", [])]
    if value.get("other"):
        text = "" if audience == "public" else str(value.get("other_text", "")).strip()
        names.append(text or item.other_label or "Other")
    return names


def _engine_readiness(workspace: Workspace, org_id: str) -> ReadinessView:
    from ctip_desktop.recommend import UnknownOrganisationError, recommend_for
    from ctip_desktop.reports.inputs import readiness_view

    try:
        return readiness_view(recommend_for(workspace, org_id).readiness)
    except UnknownOrganisationError as error:
        raise ReportError(f"No organisation with id {org_id} (was it deleted?).") from error


def _readiness(given: ReadinessView, latest: Interview | None, audience: Audience) -> ReadinessView:
    """The engine's readiness, its scores as they are (None: not known, never a guess from
    whatever was answered), with the resources named from the latest Example #2."""
    return dataclasses.replace(given, resources=_resources(latest, audience))


def _recommendations(
    given: Sequence[RecommendationView] | None, audience: Audience
) -> list[RecommendationView]:
    shown = []
    for rec in given or ():
        if audience != "internal":
            if rec.status == "dismissed":
                continue
            rec = dataclasses.replace(rec, internal_note="")
        shown.append(rec)
    return shown


def _follow_ups(given: Sequence[FollowUpView] | None, audience: Audience) -> list[FollowUpView]:
    if audience == "public":  # no owner (a person), no outcome (free text)
        return [dataclasses.replace(f, owner="", outcome="") for f in given or ()]
    return list(given or ())


def suggested_questions(
    org: Organisation,
    surveys: Sequence[tuple[Interview, Questionnaire]],
    open_surveys: Sequence[tuple[Interview, Questionnaire]],
    *,
    readiness: ReadinessView | None = None,
    limit: int = 10,
) -> list[SuggestedQuestion]:
    """Questions for the next meeting, from what is missing, unclear or has moved.

    ``readiness`` (the engine's) gives the need, openness and resources the questions about
    a high need or openness look at; without it those questions are not asked.
    """
    found: list[SuggestedQuestion] = []
    for element in org.completeness().missing:
        question = _HOMEWORK_QUESTIONS.get(element, f"Ask about: {element.lower()}.")
        found.append(SuggestedQuestion(question, f"Homework missing: {element.lower()}."))
    if not surveys:
        for item_id in _SCALES_TO_ASK:
            item = _example_2_item(item_id)
            if item is not None:
                found.append(
                    SuggestedQuestion(
                        f"{item.text} (1–10)", "No Example #2 interview completed yet."
                    )
                )
    else:
        interview, questionnaire = surveys[-1]
        day = _day(interview.details.started_at)
        for item in questionnaire.items:
            value = interview.value(item.id)
            if item.kind in ("note", "identification"):
                continue
            if not is_answered(item, value):
                found.append(
                    SuggestedQuestion(item.text, f"Item {item.number} was not answered on {day}.")
                )
            elif item.kind == "multi" and value.get("other") and not value.get("other_text"):
                found.append(
                    SuggestedQuestion(
                        f"{item.text} – what is the “{item.other_label}”?",
                        f"Item {item.number}: “{item.other_label}” was ticked without detail.",
                    )
                )
        for movement in _movements(surveys):
            change = movement.change
            if change is not None and abs(change) >= 3:
                first = next(v for _, v in movement.points if v is not None)
                last = next(v for _, v in reversed(movement.points) if v is not None)
                found.append(
                    SuggestedQuestion(
                        f"What has changed since the first visit? ({movement.label})",
                        f"Item {movement.number} moved from {first} to {last}.",
                    )
                )
        need = readiness.need if readiness else None
        openness = readiness.openness if readiness else None
        resources = readiness.resources if readiness else None
        if openness is not None and openness >= 7 and resources is None:
            found.append(
                SuggestedQuestion(
                    "What could your company bring to a partnership: convening power, "
                    "expertise, funding?",
                    f"Openness is high ({openness:g}) but no resources were named.",
                )
            )
        if need is not None and need >= 7:
            needs = interview.value("recovering_needs")
            item = _example_2_item("recovering_needs")
            if item is not None and not is_answered(item, needs):
                found.append(
                    SuggestedQuestion(
                        "Which kind of support would help your recovery most?",
                        f"Need is high ({need:g}) but no recovering needs were recorded.",
                    )
                )
    if not open_surveys:
        found.append(
            SuggestedQuestion(
                "What is the most pressing issue right now for your business?",
                "Example #1's open questions have not been asked yet.",
            )
        )
    unique: dict[str, SuggestedQuestion] = {}
    for suggestion in found:
        unique.setdefault(suggestion.question, suggestion)
    return list(unique.values())[:limit]


def _question_key(question: str) -> str:
    return " ".join(question.casefold().split()).rstrip("?.! ")


def merge_questions(
    found: Sequence[SuggestedQuestion], extra: Iterable[SuggestedQuestion], *, limit: int = 16
) -> list[SuggestedQuestion]:
    """``found`` then ``extra``, each question once (ignoring case, spacing and end marks)."""
    merged: dict[str, SuggestedQuestion] = {}
    for suggestion in (*found, *extra):
        key = _question_key(suggestion.question)
        if key:
            merged.setdefault(key, suggestion)
    return list(merged.values())[:limit]


def _example_2_item(item_id: str) -> Item | None:
    from ctip_desktop.questionnaires import builtin_questionnaires

    try:
        return builtin_questionnaires().latest(EXAMPLE_2).item(item_id)
    except KeyError:
        return None


# ----- public scrubbing ---------------------------------------------------------------------


def _people(workspace: Workspace, org_id: str) -> tuple[list[str], list[str], list[str]]:
    """Names, emails and phones of everyone a report on the organisation could mention: its
    contacts (removed ones too: an old answer may still name them), its interviews'
    interviewers (of removed interviews too) and its follow-ups' owners."""
    db = workspace.db
    names: list[str] = []
    emails: list[str] = []
    phones: list[str] = []
    for name, email, phone in db.execute(
        "SELECT name, email, phone FROM contact WHERE org_id = ?", (org_id,)
    ):
        names.append(name)
        emails.append(email)
        phones.append(phone)
    for query in (
        "SELECT DISTINCT interviewer FROM interview WHERE org_id = ?",
        "SELECT DISTINCT owner FROM follow_up WHERE org_id = ?",
    ):
        names += [row[0] for row in db.execute(query, (org_id,))]
    return names, emails, phones


def _secrets(
    workspace: Workspace,
    org: Organisation,
    interviews: Sequence[tuple[Interview, Questionnaire]],
    *,
    author: str,
    follow_ups: Sequence[FollowUpView] = (),
) -> Secrets:
    """The personal details a public report on ``org`` must not print, wherever written."""
    names, emails, phones = _people(workspace, org.id)
    names += [c.name for c in org.contacts] + [author] + [f.owner for f in follow_ups]
    emails += [c.email for c in org.contacts]
    phones += [c.phone for c in org.contacts]
    for interview, questionnaire in interviews:
        names.append(interview.interviewer)
        for item in questionnaire.items:
            value = interview.value(item.id)
            if item.kind == "identification" and isinstance(value, dict):
                names += [str(v) for k, v in value.items() if k != "organisation"]
    return Secrets.gather(
        names=names, emails=emails, phones=phones, keep_words=[org.name, *org.other_names]
    )


def _write_ins(interviews: Sequence[tuple[Interview, Questionnaire]]) -> Secrets:
    """The write-in "Other" texts of the interviews, which a public report leaves out."""
    texts = []
    for interview, questionnaire in interviews:
        for item in questionnaire.items:
            value = interview.value(item.id)
            if item.kind == "multi" and isinstance(value, dict) and value.get("other"):
                texts.append(str(value.get("other_text", "")))
    return Secrets.gather(texts=texts)


def _without_write_ins(
    readiness: ReadinessView, recommendations: list[RecommendationView], write_ins: Secrets
) -> tuple[ReadinessView, list[RecommendationView]]:
    """The places quoting an answer verbatim (readiness and reasons) without the write-ins."""
    if not write_ins:
        return readiness, recommendations
    readiness = dataclasses.replace(readiness, explanation=write_ins.scrub(readiness.explanation))
    recommendations = [
        dataclasses.replace(
            r, reasons=write_ins.scrub(r.reasons), cautions=write_ins.scrub(r.cautions)
        )
        for r in recommendations
    ]
    return readiness, recommendations


def _guard(report: T, audience: Audience, secrets: Secrets) -> T:
    if audience != "public" or not secrets:
        return report
    return secrets.scrub(report)


# ----- the reports ---------------------------------------------------------------------------


def assemble_briefing_pack(
    workspace: Workspace,
    org_id: str,
    audience: Audience = "internal",
    *,
    recommendations: Sequence[RecommendationView] | None = None,
    readiness: ReadinessView | None = None,
    follow_ups: Sequence[FollowUpView] | None = None,
    questions: Sequence[SuggestedQuestion] | None = None,
    today: str | None = None,
    author: str | None = None,
) -> BriefingPack:
    """Everything known about one organisation, for the interviewer's next meeting.

    ``questions`` (the engine's questions to ask next) join the suggested questions for the
    next meeting after the ones about missing or moved answers; a question already there is
    not repeated.
    """
    meta = _meta(workspace, audience, today, author)
    org = _organisation(workspace, org_id)
    interviews = _interviews(workspace, org_id)
    surveys = _completed(interviews, EXAMPLE_2)
    open_surveys = _completed(interviews, EXAMPLE_1)
    latest = surveys[-1] if surveys else None
    latest_open = open_surveys[-1] if open_surveys else None
    view = _readiness(
        readiness if readiness is not None else _engine_readiness(workspace, org_id),
        latest[0] if latest else None,
        audience,
    )
    shown = _recommendations(recommendations, audience)
    if audience == "public":
        view, shown = _without_write_ins(view, shown, _write_ins(interviews))
    pack = BriefingPack(
        meta=meta,
        profile=_profile(org, audience),
        interviews=[_summary(i, q, org, audience) for i, q in interviews],
        latest_survey_date=_day(latest[0].details.started_at) if latest else "",
        latest_survey=_answers(*latest, audience) if latest else [],
        movements=_movements(surveys),
        open_answers_date=_day(latest_open[0].details.started_at) if latest_open else "",
        open_answers=_answers(*latest_open, audience) if latest_open else [],
        readiness=view,
        recommendations=shown,
        follow_ups=_follow_ups(follow_ups, audience),
        suggested_questions=merge_questions(
            suggested_questions(org, surveys, open_surveys, readiness=view), questions or ()
        ),
        principles=list(PRINCIPLES),
    )
    secrets = _secrets(
        workspace,
        org,
        interviews,
        author=_author(workspace, author),
        follow_ups=follow_ups or (),
    )
    return _guard(pack, audience, secrets)


def _priority_rank(rec: RecommendationView) -> tuple[int, int]:
    order = {"high": 0, "medium": 1, "low": 2}
    status = {"accepted": 0, "proposed": 1, "dismissed": 2}
    return (status.get(rec.status, 1), order.get(rec.priority.lower(), 3))


def assemble_partner_profile(
    workspace: Workspace,
    org_id: str,
    audience: Audience = "partner",
    *,
    recommendations: Sequence[RecommendationView] | None = None,
    readiness: ReadinessView | None = None,
    top: int = 3,
    today: str | None = None,
    author: str | None = None,
) -> PartnerProfile:
    """One or two pages about an organisation, for a manager going to a meeting."""
    meta = _meta(workspace, audience, today, author)
    org = _organisation(workspace, org_id)
    interviews = _interviews(workspace, org_id)
    surveys = _completed(interviews, EXAMPLE_2)
    latest = surveys[-1] if surveys else None
    profile = _profile(org, audience)
    key = next((c for c in profile.contacts if c.primary), None)
    if key is None and profile.contacts:
        key = profile.contacts[0]
    shown = sorted(_recommendations(recommendations, audience), key=_priority_rank)[:top]
    view = _readiness(
        readiness if readiness is not None else _engine_readiness(workspace, org_id),
        latest[0] if latest else None,
        audience,
    )
    if audience == "public":
        view, shown = _without_write_ins(view, shown, _write_ins(interviews))
    scores = [a for a in (_answers(*latest, audience) if latest else []) if a.kind == "scale"]
    completed = [i for i, _ in interviews if i.is_completed]
    report = PartnerProfile(
        meta=meta,
        profile=profile,
        readiness=view,
        recommendations=shown,
        key_contact=key,
        last_interview=_day(completed[-1].details.started_at) if completed else "",
        interview_count=len(completed),
        scores=scores,
    )
    secrets = _secrets(workspace, org, interviews, author=_author(workspace, author))
    return _guard(report, audience, secrets)


def assemble_portfolio(
    workspace: Workspace,
    org_ids: Iterable[str],
    audience: Audience = "internal",
    *,
    readiness: Mapping[str, ReadinessView] | None = None,
    title: str = "Portfolio report",
    today: str | None = None,
    author: str | None = None,
) -> PortfolioReport:
    """Readiness, needs and resources across a set of organisations (no personal details)."""
    meta = _meta(workspace, audience, today, author)
    example_2 = _example_2_questionnaire()
    factors: Counter[str] = Counter()
    needs: Counter[str] = Counter()
    resources: Counter[str] = Counter()
    rows = []
    surveyed = 0
    for org_id in dict.fromkeys(org_ids):
        org = workspace.profiles.get(org_id)
        if org is None:
            continue
        interviews = _interviews(workspace, org_id)
        surveys = _completed(interviews, EXAMPLE_2)
        latest = surveys[-1][0] if surveys else None
        if readiness is None:
            given = _engine_readiness(workspace, org_id)
        else:  # an organisation the engine could not read: not known
            given = readiness.get(org_id) or ReadinessView(
                explanation="Readiness could not be assessed."
            )
        view = _readiness(given, latest, audience)
        if latest is not None:
            surveyed += 1
            for counter, item_id in (
                (factors, "hindering_factors"),
                (needs, "recovering_needs"),
                (resources, "partnership_resources"),
            ):
                value = latest.value(item_id)
                if isinstance(value, dict):
                    counter.update(value.get("selected", []))
                    if value.get("other"):
                        counter.update(["other"])
        completed = [i for i, _ in interviews if i.is_completed]
        rows.append(
            PortfolioRow(
                org_id=org.id,
                name=org.name,
                sectors=list(org.sectors),
                countries=list(org.countries),
                stage=org.stage,
                tier=view.tier if view.tier in TIERS else "unknown",
                need=view.need,
                openness=view.openness,
                last_interview=_day(completed[-1].details.started_at) if completed else "",
            )
        )
    rows.sort(key=lambda r: (TIERS.index(r.tier), r.name.casefold()))
    tier_counts = Counter(r.tier for r in rows)

    def labelled(counter: Counter[str], item_id: str) -> list[tuple[str, int]]:
        if example_2 is None:
            return sorted(counter.items())
        item = example_2.item(item_id)
        labels = [(o.id, o.label) for o in item.options] + [("other", item.other_label or "Other")]
        return [(label, counter.get(key, 0)) for key, label in labels]

    return PortfolioReport(
        meta=meta,
        title=title,
        rows=rows,
        tier_counts=[(tier, tier_counts.get(tier, 0)) for tier in TIERS],
        factors=labelled(factors, "hindering_factors"),
        needs=labelled(needs, "recovering_needs"),
        resources=labelled(resources, "partnership_resources"),
        surveyed=surveyed,
        thresholds=tier_thresholds(),
    )


def tier_thresholds() -> tuple[float, float]:
    """Need and openness from which "Engage now" starts, as the rule file says."""
    from ctip_desktop.recommend.portfolio import tier_thresholds as thresholds

    return thresholds()


def _example_2_questionnaire() -> Questionnaire | None:
    from ctip_desktop.questionnaires import builtin_questionnaires

    try:
        return builtin_questionnaires().latest(EXAMPLE_2)
    except KeyError:
        return None
