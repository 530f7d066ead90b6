"""The analysis of a questionnaire's completed interviews across a filtered set of organisations.

What is counted, decided once here:

- Completed interviews only. A draft may still change and may be half answered; the drafts
  the same filter selects are counted and shown as "left out", so nobody wonders where they
  went. Deleted interviews and the interviews of deleted organisations are not counted.
- Each interview as it stands now: a correction changes the answers in place (the earlier
  values stay in its history), so the latest version of every interview is what is read.
- Every interview counts, so an organisation interviewed twice counts twice in a bar; each
  bar also keeps the set of organisations behind it, which counts it once.
- The items are those of the questionnaire's newest version (every scale and every
  check-all-that-apply item, read from its definition, never a list of ids written here).
  Interviews of older versions count where their items and options still exist.
- A scale's mean and median are over the interviews that answered it. An option's share is
  of the interviews that answered its item (ticked at least one option, or "Other").
- Change over time: for each organisation with two or more of the analysed interviews, each
  scale item's value in the earliest and in the latest interview that answered it.

Speed: one query selects the interviews (the organisation's profile filters are SQL), one
reads their scale and check-all answers (a primary-key lookup per answer), and one pass in
Python counts everything, so a bar knows its organisations without a query per bar. On
10,000 organisations and 50,000 interviews (22,576 completed Example #2) the unfiltered
analysis reads 190,000 answers: SQL GROUP BY per item was measured no faster (finding the
answers is the cost: a key lookup each), and it needed another pass for the organisations
behind each bar. See bench/bench_analysis.py for the figures.
"""

from __future__ import annotations

import contextlib
import json
import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ctip_desktop.analysis.model import (
    Analysis,
    AnalysisError,
    AnalysisFilter,
    Bar,
    ChoiceSummary,
    ItemChange,
    ItemSummary,
    OrganisationChange,
    ScaleSummary,
    WriteIn,
)
from ctip_desktop.interviews.model import COMPLETED, DRAFT, InterviewError
from ctip_desktop.questionnaires.model import Item, Questionnaire
from ctip_desktop.workspace import Workspace

OTHER = "other"  # the key of the "Other" bar of a check-all item


def chartable_items(questionnaire: Questionnaire) -> list[Item]:
    """The items an analysis charts: every scale and every check-all-that-apply item."""
    return [item for item in questionnaire.items if item.kind in ("scale", "multi")]


def analysis_questionnaire(workspace: Workspace, questionnaire_id: str) -> Questionnaire:
    """The newest version of a questionnaire this app or the database knows."""
    store = workspace.interviews
    versions: list[Questionnaire] = []
    with contextlib.suppress(KeyError):  # not shipped: perhaps kept in the database
        versions.append(store.questionnaires.latest(questionnaire_id))
    row = workspace.db.execute(
        "SELECT max(version) FROM questionnaire_snapshot WHERE id = ?", (questionnaire_id,)
    ).fetchone()
    if row is not None and row[0] is not None:
        # An unreadable snapshot: the shipped version, if any, is used.
        with contextlib.suppress(InterviewError):
            versions.append(store.questionnaire(questionnaire_id, int(row[0])))
    if not versions:
        raise AnalysisError(f"There is no questionnaire {questionnaire_id!r} to analyse.")
    return max(versions, key=lambda q: q.version)


def _where(flt: AnalysisFilter, statuses: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The interviews a filter selects (aliases i and o), with their parameters."""
    where = [
        "i.deleted = 0",
        "o.deleted = 0",
        "i.questionnaire_id = ?",
        f"i.status IN ({','.join('?' * len(statuses))})",
    ]
    params: list[Any] = [flt.questionnaire_id, *statuses]
    for column, value in (("sectors", flt.sector), ("countries", flt.country)):
        if value:
            where.append(f"EXISTS (SELECT 1 FROM json_each(o.{column}) WHERE value = ?)")
            params.append(value)
    if flt.stage:
        where.append("o.stage = ?")
        params.append(flt.stage)
    if flt.interviewer:
        where.append("i.interviewer = ?")
        params.append(flt.interviewer)
    if flt.date_from:
        where.append("i.started_at >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("i.started_at < ?")
        params.append(flt.date_to + "~")  # after any time on that day
    return " AND ".join(where), params


_FROM = "FROM interview i JOIN organisation o ON o.id = i.org_id"


def analyse(workspace: Workspace, flt: AnalysisFilter) -> Analysis:
    """The analysis of the completed interviews ``flt`` selects (see the module's notes).

    AnalysisError, with a message for the user, when the filter cannot be used.
    """
    problems = flt.problems()
    if problems:
        raise AnalysisError(" ".join(problems))
    questionnaire = analysis_questionnaire(workspace, flt.questionnaire_id)
    items = chartable_items(questionnaire)
    db = workspace.db
    # Drafts and completed interviews in one reading (a second query cost another scan).
    both, both_params = _where(flt, (COMPLETED, DRAFT))
    selected = db.execute(
        f"SELECT i.id, i.org_id, o.name, i.started_at, i.status {_FROM} WHERE {both}", both_params
    ).fetchall()
    interviews = [row[:4] for row in selected if row[4] == COMPLETED]
    drafts = len(selected) - len(interviews)
    where, params = _where(flt, (COMPLETED,))
    org_of = {interview_id: org_id for interview_id, org_id, _, _ in interviews}
    day_of = {interview_id: started[:10] for interview_id, _, _, started in interviews}
    names = {org_id: name for _, org_id, name, _ in interviews}
    answers: list[tuple[str, str, str]] = []
    if items and interviews:
        marks = ",".join("?" * len(items))
        answers = db.execute(
            "SELECT a.interview_id, a.item_id, a.value FROM answer a "
            f"WHERE a.item_id IN ({marks}) AND a.interview_id IN "
            f"(SELECT i.id {_FROM} WHERE {where})",
            [item.id for item in items] + params,
        ).fetchall()
    tally = _Tally(items, org_of)
    tally.count(answers)
    summaries = tuple(tally.summary(item) for item in items)
    order = {item.id: index for index, item in enumerate(items)}
    write_ins = tuple(
        sorted(
            (
                WriteIn(
                    item_id=item.id,
                    item_number=item.number,
                    org_id=org_of[interview_id],
                    org_name=names[org_of[interview_id]],
                    interview_id=interview_id,
                    date=day_of[interview_id],
                    text=text,
                )
                for item, interview_id, text in tally.write_ins
            ),
            key=lambda w: (
                order[w.item_id],
                w.date,
                w.org_name.casefold(),
                w.interview_id,
            ),
        )
    )
    started = {interview_id: started for interview_id, _, _, started in interviews}
    changes = _changes(tally.scale_values, org_of, started, names)
    scales = [item for item in items if item.kind == "scale"]
    return Analysis(
        filter=flt,
        questionnaire_title=questionnaire.short_title,
        interviews=len(interviews),
        organisations=len(names),
        drafts_left_out=int(drafts),
        items=summaries,
        write_ins=write_ins,
        changes=changes,
        item_changes=tuple(_item_change(item, changes) for item in scales),
        names=names,
    )


class _Tally:
    """The interviews behind each scale point and option, from one pass over the answers."""

    def __init__(self, items: Sequence[Item], org_of: dict[str, str]) -> None:
        self.items = {item.id: item for item in items}
        self.org_of = org_of
        # item id -> key (scale point as text, or option id) -> interview ids
        self.behind: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.answered: dict[str, int] = defaultdict(int)
        # item id -> interview id -> value, for the change over time
        self.scale_values: dict[str, dict[str, int]] = defaultdict(dict)
        self.write_ins: list[tuple[Item, str, str]] = []

    def count(self, answers: Sequence[tuple[str, str, str]]) -> None:
        # Values repeat a great deal ("7", the same ticks): the interviews are grouped by
        # item and stored text first, and each distinct text is read once. Per answer that
        # leaves one dictionary append (a method call per answer cost twice as much).
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for interview_id, item_id, raw in answers:
            groups[item_id, raw].append(interview_id)
        for (item_id, raw), interview_ids in groups.items():
            try:
                value = json.loads(raw)
            except ValueError:
                continue
            item = self.items[item_id]
            if item.kind == "scale":
                self._scale(item, interview_ids, value)
            else:
                self._multi(item, interview_ids, value)

    def _scale(self, item: Item, interview_ids: list[str], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            return
        if not item.minimum <= value <= item.maximum:
            return  # an older version's wider scale: not a point of this one
        self.behind[item.id][str(value)].extend(interview_ids)
        self.answered[item.id] += len(interview_ids)
        self.scale_values[item.id].update(dict.fromkeys(interview_ids, value))

    def _multi(self, item: Item, interview_ids: list[str], value: Any) -> None:
        if not isinstance(value, dict):
            return
        known = {option.id for option in item.options}
        ticked = [o for o in value.get("selected") or () if o in known]
        other = bool(value.get("other")) and item.has_other
        if not ticked and not other:
            return
        self.answered[item.id] += len(interview_ids)
        for option in ticked:
            self.behind[item.id][option].extend(interview_ids)
        if other:
            self.behind[item.id][OTHER].extend(interview_ids)
            text = str(value.get("other_text") or "").strip()
            if text:
                self.write_ins += [(item, interview_id, text) for interview_id in interview_ids]

    def _bar(self, item: Item, key: str, label: str) -> Bar:
        interview_ids = self.behind[item.id].get(key, [])
        return Bar(
            key=key,
            label=label,
            count=len(interview_ids),
            interview_ids=tuple(interview_ids),
            org_of=self.org_of,
        )

    def summary(self, item: Item) -> ItemSummary:
        answered = self.answered[item.id]
        if item.kind == "scale":
            bars = tuple(
                self._bar(item, str(point), str(point))
                for point in range(item.minimum, item.maximum + 1)
            )
            values = list(self.scale_values[item.id].values())
            return ScaleSummary(
                item_id=item.id,
                number=item.number,
                text=item.text,
                minimum=item.minimum,
                maximum=item.maximum,
                anchors=item.anchors,
                bars=bars,
                answered=answered,
                mean=statistics.fmean(values) if values else None,
                median=float(statistics.median(values)) if values else None,
            )
        bars = tuple(self._bar(item, option.id, option.label) for option in item.options)
        if item.has_other:
            bars += (self._bar(item, OTHER, item.other_label),)
        return ChoiceSummary(
            item_id=item.id, number=item.number, text=item.text, bars=bars, answered=answered
        )


def _changes(
    scale_values: dict[str, dict[str, int]],
    org_of: dict[str, str],
    started: dict[str, str],
    names: dict[str, str],
) -> tuple[OrganisationChange, ...]:
    by_org: dict[str, list[str]] = defaultdict(list)
    for interview_id, org_id in org_of.items():
        by_org[org_id].append(interview_id)
    changes = []
    for org_id, interview_ids in by_org.items():
        if len(interview_ids) < 2:
            continue
        interview_ids.sort(key=lambda i: (started[i], i))
        values: dict[str, tuple[int, int]] = {}
        for item_id, given in scale_values.items():
            answered = [i for i in interview_ids if i in given]
            if len(answered) >= 2:
                values[item_id] = (given[answered[0]], given[answered[-1]])
        changes.append(
            OrganisationChange(
                org_id=org_id,
                name=names[org_id],
                interviews=len(interview_ids),
                first_date=started[interview_ids[0]][:10],
                latest_date=started[interview_ids[-1]][:10],
                values=values,
            )
        )
    changes.sort(key=lambda c: (c.name.casefold(), c.org_id))
    return tuple(changes)


def _item_change(item: Item, changes: Sequence[OrganisationChange]) -> ItemChange:
    deltas = [d for c in changes if (d := c.change(item.id)) is not None]
    return ItemChange(
        item_id=item.id,
        number=item.number,
        text=item.text,
        organisations=len(deltas),
        mean_change=statistics.fmean(deltas) if deltas else None,
        rose=sum(1 for d in deltas if d > 0),
        same=sum(1 for d in deltas if d == 0),
        fell=sum(1 for d in deltas if d < 0),
    )
