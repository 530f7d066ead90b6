"""Facts about one organisation, each with the answers it came from.

A fact is a named value the rules can test: ``scale.supply_chain_effect`` (a number),
``selected.hindering_factors`` (the ticked option ids, ``other`` when the write-in is ticked),
``text.example1`` (every open answer of the completed Example #1 interviews),
``profile.sectors`` and so on. The catalogue of fact names is derived from the shipped
questionnaires and the profile vocabulary, so the rule loader can refuse a name or an option
id that does not exist.

Only completed interviews count: a draft may still change. Example #2 facts come from the
latest completed Example #2 interview (by its date); earlier ones give the history of each
scale (:func:`scale_series`) and the ``change.*`` facts. A fact that is not known (an item
left unanswered, an empty profile field, no interview at all) is simply absent.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ctip_desktop.interviews.model import Interview
from ctip_desktop.profiles.model import VOCABULARY, Organisation
from ctip_desktop.questionnaires.answers import answer_text, is_answered
from ctip_desktop.questionnaires.model import Item, Questionnaire, QuestionnaireSet

EXAMPLE_1 = "pse-outreach-example-1"
EXAMPLE_2 = "pse-outreach-example-2"
OTHER = "other"  # the option id a ticked "Other ____" write-in stands for

FactKind = Literal["number", "set", "text", "value"]

# Profile facts: (fact name, Organisation attribute, kind, label, vocabulary or "").
_PROFILE_FACTS: tuple[tuple[str, str, FactKind, str, str], ...] = (
    ("profile.sectors", "sectors", "set", "Sectors", "sectors"),
    ("profile.countries", "countries", "set", "Countries", "countries"),
    ("profile.memberships", "memberships", "set", "Memberships and initiatives", "memberships"),
    (
        "profile.supply_chain_role",
        "supply_chain_role",
        "value",
        "Supply-chain role",
        "supply_chain_roles",
    ),
    ("profile.stage", "stage", "value", "Stage", "stages"),
    ("profile.size_band", "size_band", "value", "Size", "size_bands"),
    (
        "profile.fair_labour_investments",
        "fair_labour_investments",
        "text",
        "Investments and partnerships in fair labour",
        "",
    ),
)


@dataclass(frozen=True)
class FactSpec:
    """What a fact name means: its kind, where it comes from, the values it can hold."""

    name: str
    kind: FactKind
    label: str  # for people: "Item 3: Degree to which ..." or "Sectors"
    questionnaire_id: str = ""  # "" for profile facts
    item_id: str = ""
    item_number: str = ""
    item_text: str = ""  # the question as asked, or the profile field's label
    choices: tuple[str, ...] = ()  # option ids (set facts of an item) or vocabulary values
    minimum: float | None = None  # number facts
    maximum: float | None = None
    labels: tuple[tuple[str, str], ...] = ()  # option id -> label, for set facts of an item


@dataclass(frozen=True)
class Evidence:
    """One answer (or profile field) a fact rests on, quoted exactly."""

    interview_id: str  # "" for a profile fact
    questionnaire_id: str
    date: str  # the interview's date and time as recorded (YYYY-MM-DDTHH:MM); "" for profile
    item_id: str
    item_number: str  # "" for a profile fact
    item_text: str  # the question, or the profile field's label
    answer: str  # the answer as the interviewer gave it, as one text


@dataclass(frozen=True)
class Fact:
    name: str
    kind: FactKind
    # number: int or float; set: frozenset of option ids or vocabulary values;
    # value: str; text: tuple of texts, one per piece of evidence (in evidence order).
    value: Any
    evidence: tuple[Evidence, ...]
    labels: tuple[tuple[str, str], ...] = ()  # option id -> label (set facts of an item)

    def display(self) -> str:
        """The value as a person reads it."""
        if self.kind == "number":
            return format_number(self.value)
        if self.kind == "text":
            return " / ".join(self.value)
        if self.kind == "set":
            return "; ".join(e.answer for e in self.evidence) or ", ".join(sorted(self.value))
        return str(self.value)


@dataclass(frozen=True)
class InterviewRef:
    id: str
    questionnaire_id: str
    questionnaire_title: str
    date: str
    interviewer: str


@dataclass(frozen=True)
class ScalePoint:
    interview_id: str
    date: str
    value: int


@dataclass(frozen=True)
class ScaleSeries:
    """One scale item of Example #2 across an organisation's completed interviews, oldest first."""

    item_id: str
    number: str
    text: str
    minimum: int
    maximum: int
    points: tuple[ScalePoint, ...]

    @property
    def moved(self) -> int | None:
        """The last value minus the one before it; None with fewer than two answers."""
        if len(self.points) < 2:
            return None
        return self.points[-1].value - self.points[-2].value


@dataclass(frozen=True)
class Facts:
    org_id: str
    org_name: str
    values: Mapping[str, Fact]
    example2: InterviewRef | None = None  # the interview the Example #2 facts come from
    example1: tuple[InterviewRef, ...] = ()  # completed Example #1 interviews, oldest first
    series: tuple[ScaleSeries, ...] = ()
    drafts_ignored: int = 0

    def get(self, name: str) -> Fact | None:
        return self.values.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.values


# ----- the catalogue of fact names ---------------------------------------------------------


def fact_catalogue(questionnaires: QuestionnaireSet | None = None) -> dict[str, FactSpec]:
    """Every fact name rules may use, from the shipped questionnaires and the vocabulary."""
    from ctip_desktop.questionnaires.model import builtin_questionnaires

    shipped = questionnaires or builtin_questionnaires()
    specs: dict[str, FactSpec] = {}

    def add(spec: FactSpec) -> None:
        specs[spec.name] = spec

    example2 = shipped.latest(EXAMPLE_2)
    for item in example2.items:
        label = f"Item {item.number}: {item.text}"
        common: dict[str, Any] = {
            "questionnaire_id": example2.id,
            "item_id": item.id,
            "item_number": item.number,
            "item_text": item.text,
        }
        if item.kind == "scale":
            add(
                FactSpec(
                    f"scale.{item.id}",
                    "number",
                    label,
                    **common,
                    minimum=item.minimum,
                    maximum=item.maximum,
                )
            )
            span = item.maximum - item.minimum
            add(
                FactSpec(
                    f"change.{item.id}",
                    "number",
                    f"Change since the previous visit in item {item.number}: {item.text}",
                    **common,
                    minimum=-span,
                    maximum=span,
                )
            )
        elif item.kind == "multi":
            choices = tuple(o.id for o in item.options) + ((OTHER,) if item.has_other else ())
            add(
                FactSpec(
                    f"selected.{item.id}",
                    "set",
                    label,
                    **common,
                    choices=choices,
                    labels=_option_labels(item),
                )
            )
            if item.has_other:
                add(
                    FactSpec(
                        f"other.{item.id}",
                        "text",
                        f"Item {item.number}, {item.other_label}: {item.text}",
                        **common,
                    )
                )
        elif item.kind in ("text", "note"):
            add(FactSpec(f"text.{item.id}", "text", label, **common))
    example1 = shipped.latest(EXAMPLE_1)
    for item in example1.items:
        if item.kind in ("text", "note"):
            add(
                FactSpec(
                    f"text.{item.id}",
                    "text",
                    f"Example #1, question {item.number}: {item.text}",
                    questionnaire_id=example1.id,
                    item_id=item.id,
                    item_number=item.number,
                    item_text=item.text,
                )
            )
    add(FactSpec("text.example1", "text", "Example #1 open answers", questionnaire_id=example1.id))
    add(FactSpec("text.all", "text", "Open answers, notes and write-ins"))
    for name, _attribute, kind, label, vocabulary in _PROFILE_FACTS:
        choices = tuple(VOCABULARY[vocabulary]) if vocabulary else ()
        add(FactSpec(name, kind, label, item_id=name, item_text=label, choices=choices))
    return specs


# ----- collecting an organisation's facts ----------------------------------------------------


def _option_labels(item: Item) -> tuple[tuple[str, str], ...]:
    labels = tuple((o.id, o.label) for o in item.options)
    return labels + (((OTHER, item.other_label),) if item.has_other else ())


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def normalised(text: str) -> str:
    """Text compared without regard to case or to how accents are encoded."""
    return unicodedata.normalize("NFC", text).casefold()


def _interview_ref(interview: Interview, questionnaire: Questionnaire) -> InterviewRef:
    return InterviewRef(
        interview.id,
        questionnaire.id,
        questionnaire.title,
        interview.details.started_at,
        interview.interviewer,
    )


def _order(pair: tuple[Interview, Questionnaire]) -> tuple[str, str, str]:
    interview = pair[0]
    return (interview.details.started_at, interview.completed_at, interview.id)


def _evidence(
    interview: Interview, questionnaire: Questionnaire, item: Item, answer: str
) -> Evidence:
    return Evidence(
        interview.id,
        questionnaire.id,
        interview.details.started_at,
        item.id,
        item.number,
        item.text,
        answer,
    )


def _answered_item(questionnaire: Questionnaire, interview: Interview, item_id: str) -> Item | None:
    index = questionnaire.index_of(item_id)
    if index < 0:
        return None
    item = questionnaire.items[index]
    return item if is_answered(item, interview.value(item_id)) else None


def scale_series(
    interviews: Iterable[tuple[Interview, Questionnaire]],
    questionnaires: QuestionnaireSet | None = None,
) -> tuple[ScaleSeries, ...]:
    """Each Example #2 scale item across the completed Example #2 interviews, oldest first."""
    from ctip_desktop.questionnaires.model import builtin_questionnaires

    shipped = (questionnaires or builtin_questionnaires()).latest(EXAMPLE_2)
    done = sorted((p for p in interviews if p[0].is_completed and p[1].id == EXAMPLE_2), key=_order)
    series = []
    for item in shipped.items:
        if item.kind != "scale":
            continue
        points = []
        for interview, questionnaire in done:
            answered = _answered_item(questionnaire, interview, item.id)
            if answered is not None and answered.kind == "scale":
                points.append(
                    ScalePoint(interview.id, interview.details.started_at, interview.value(item.id))
                )
        series.append(
            ScaleSeries(item.id, item.number, item.text, item.minimum, item.maximum, tuple(points))
        )
    return tuple(series)


def collect_facts(
    organisation: Organisation,
    interviews: Iterable[tuple[Interview, Questionnaire]],
    questionnaires: QuestionnaireSet | None = None,
) -> Facts:
    """The facts the rules see for one organisation (pure: reads nothing else)."""
    pairs = list(interviews)
    done = sorted((p for p in pairs if p[0].is_completed), key=_order)
    values: dict[str, Fact] = {}
    all_texts: list[tuple[str, Evidence]] = []

    def put(
        name: str,
        kind: FactKind,
        value: Any,
        evidence: Sequence[Evidence],
        labels: tuple[tuple[str, str], ...] = (),
    ) -> None:
        values[name] = Fact(name, kind, value, tuple(evidence), labels)

    example2_done = [p for p in done if p[1].id == EXAMPLE_2]
    example2_ref = None
    if example2_done:
        interview, questionnaire = example2_done[-1]
        example2_ref = _interview_ref(interview, questionnaire)
        for item in questionnaire.items:
            value = interview.value(item.id)
            if not is_answered(item, value):
                continue
            evidence = _evidence(interview, questionnaire, item, answer_text(item, value))
            if item.kind == "scale":
                put(f"scale.{item.id}", "number", value, [evidence])
            elif item.kind == "multi":
                chosen = set(value.get("selected", []))
                if value.get("other"):
                    chosen.add(OTHER)
                put(
                    f"selected.{item.id}",
                    "set",
                    frozenset(chosen),
                    [evidence],
                    _option_labels(item),
                )
                other_text = str(value.get("other_text", "")).strip()
                if value.get("other") and other_text:
                    put(f"other.{item.id}", "text", (other_text,), [evidence])
                    all_texts.append((other_text, evidence))
            elif item.kind in ("text", "note"):
                text = str(value).strip()
                put(f"text.{item.id}", "text", (text,), [evidence])
                all_texts.append((text, evidence))
    series = scale_series(done, questionnaires)
    for line in series:
        moved = line.moved
        if moved is not None and example2_ref and line.points[-1].interview_id == example2_ref.id:
            before, after = line.points[-2], line.points[-1]
            evidence = Evidence(
                after.interview_id,
                EXAMPLE_2,
                after.date,
                line.item_id,
                line.number,
                line.text,
                f"{before.value} on {before.date[:10]} → {after.value} on {after.date[:10]}",
            )
            put(f"change.{line.item_id}", "number", moved, [evidence])

    example1_done = [p for p in done if p[1].id == EXAMPLE_1]
    example1_texts: list[tuple[str, Evidence]] = []
    per_item: dict[str, list[tuple[str, Evidence]]] = {}
    for interview, questionnaire in example1_done:
        for item in questionnaire.items:
            value = interview.value(item.id)
            if item.kind not in ("text", "note") or not is_answered(item, value):
                continue
            text = str(value).strip()
            evidence = _evidence(interview, questionnaire, item, text)
            example1_texts.append((text, evidence))
            per_item.setdefault(item.id, []).append((text, evidence))
    for item_id, pieces in per_item.items():
        put(f"text.{item_id}", "text", tuple(t for t, _ in pieces), [e for _, e in pieces])
    if example1_texts:
        put(
            "text.example1",
            "text",
            tuple(t for t, _ in example1_texts),
            [e for _, e in example1_texts],
        )
    all_texts = example1_texts + all_texts

    for name, attribute, kind, label, _vocabulary in _PROFILE_FACTS:
        raw = getattr(organisation, attribute)
        if kind == "set":
            listed = [str(v).strip() for v in raw if str(v).strip()]
            if listed:
                evidence = Evidence("", "", "", name, "", label, "; ".join(listed))
                put(name, "set", frozenset(listed), [evidence])
        elif str(raw).strip():
            text = str(raw).strip()
            evidence = Evidence("", "", "", name, "", label, text)
            if kind == "text":
                # Not part of text.all: what a company already does is no sign of a need.
                put(name, "text", (text,), [evidence])
            else:
                put(name, "value", text, [evidence])
    if all_texts:
        put("text.all", "text", tuple(t for t, _ in all_texts), [e for _, e in all_texts])

    return Facts(
        org_id=organisation.id,
        org_name=organisation.name,
        values=values,
        example2=example2_ref,
        example1=tuple(_interview_ref(i, q) for i, q in example1_done),
        series=series,
        drafts_ignored=sum(1 for i, _ in pairs if not i.is_completed),
    )


def make_facts(
    values: Mapping[str, Any],
    *,
    org_id: str = "",
    org_name: str = "",
    catalogue: Mapping[str, FactSpec] | None = None,
) -> Facts:
    """Facts from plain values ({"scale.supply_chain_effect": 8, ...}), for tests and previews.

    Sets are given as iterables of option ids, texts as one text or a list of texts. Each
    fact gets evidence naming its item, as if answered in an interview with the id
    "crafted". As in :func:`collect_facts`, ``text.example1`` gathers the Example #1 answers
    given and ``text.all`` every text, unless they are given themselves.
    """
    specs = catalogue if catalogue is not None else fact_catalogue()
    facts: dict[str, Fact] = {}
    for name, raw in values.items():
        spec = specs.get(name)
        if spec is None:
            raise KeyError(f"unknown fact {name!r}")
        facts[name] = _crafted(spec, raw)
    texts = [f for f in facts.values() if f.kind == "text"]
    derived = {
        "text.example1": [f for f in texts if f.evidence[0].questionnaire_id == EXAMPLE_1],
        "text.all": [f for f in texts if f.evidence[0].questionnaire_id],
    }
    for name, sources in derived.items():
        pieces = [(t, e) for f in sources for t, e in zip(f.value, f.evidence, strict=True)]
        if name not in facts and pieces and name in specs:
            facts[name] = Fact(
                name, "text", tuple(t for t, _ in pieces), tuple(e for _, e in pieces)
            )
    example2 = None
    if any(v.evidence[0].questionnaire_id == EXAMPLE_2 for v in facts.values()):
        example2 = InterviewRef("crafted", EXAMPLE_2, "Example #2", "", "")
    example1: tuple[InterviewRef, ...] = ()
    if any(v.evidence[0].questionnaire_id == EXAMPLE_1 for v in facts.values()):
        example1 = (InterviewRef("crafted", EXAMPLE_1, "Example #1", "", ""),)
    return Facts(org_id, org_name, facts, example2, example1)


def _crafted(spec: FactSpec, raw: Any) -> Fact:
    texts: tuple[str, ...] = ()
    value: Any
    if spec.kind == "number":
        value = raw
        shown = format_number(raw)
    elif spec.kind == "set":
        value = frozenset(raw)
        order = [option for option, _ in spec.labels]
        labels = dict(spec.labels)
        ordered = sorted(value, key=lambda v: (order.index(v) if v in order else len(order), v))
        shown = "; ".join(labels.get(v, v) for v in ordered)
    elif spec.kind == "text":
        texts = (raw,) if isinstance(raw, str) else tuple(raw)
        value = texts
        shown = ""
    else:
        value = str(raw)
        shown = value
    base = Evidence(
        "crafted" if spec.questionnaire_id else "",
        spec.questionnaire_id,
        "",
        spec.item_id or spec.name,
        spec.item_number,
        spec.item_text or spec.label,
        shown,
    )
    evidence = tuple(_replace_answer(base, t) for t in texts) if texts else (base,)
    return Fact(spec.name, spec.kind, value, evidence, spec.labels)


def _replace_answer(evidence: Evidence, answer: str) -> Evidence:
    return replace(evidence, answer=answer)


__all__ = [
    "EXAMPLE_1",
    "EXAMPLE_2",
    "OTHER",
    "Evidence",
    "Fact",
    "FactKind",
    "FactSpec",
    "Facts",
    "InterviewRef",
    "ScalePoint",
    "ScaleSeries",
    "collect_facts",
    "fact_catalogue",
    "make_facts",
    "normalised",
    "scale_series",
]
